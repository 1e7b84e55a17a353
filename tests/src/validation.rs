//! Suite `workspace/composition`: a Gompertz site whose kill hazard is published by two
//! different sub-models (stand-in effectors and payload) and by its own log-kill of
//! docetaxel must equal the same equations written by hand as one system, through both
//! solver paths, to a relative 1e-10.

use crate::fixtures::{Effectors, HandWritten, Payload};
use oncodyn_core::validation::{relative_error, CaseRecord, Fidelity};
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions};
use oncodyn_therapy::{mg_to_umol, LinearPk, LinearPkParams, DOCETAXEL_MG_PER_UMOL};
use oncodyn_tumor::{Gompertz, TumorSite};

/// Suite name of every record.
pub const SUITE: &str = "workspace/composition";
/// Relative tolerance of the composed-versus-hand-written comparison.
pub const REL_TOL: f64 = 1e-10;

const SOURCE: &str = "identity: Model composition vs the same equations hand-written as one system";
/// Gompertz rate r (1/day): flagship assumption (10 g primary doubles in ~50 days).
const GOMPERTZ_R: f64 = 0.002;
/// Gompertz plateau K (cells): flagship assumption.
const GOMPERTZ_K: f64 = 1e13;
/// Log-kill coefficient kd (1/(uM·day)): flagship assumption.
const LOG_KILL: f64 = 2.5;
/// Initial primary burden (cells): flagship initial state.
const P0: f64 = 1e10;

/// The composed model: docetaxel PK, a Gompertz primary with log-kill, effectors, payload.
pub fn composed_model() -> Result<Model> {
    let site = TumorSite::new("primary", Gompertz::new(GOMPERTZ_R, GOMPERTZ_K)?, P0)?
        .with_log_kill("docetaxel.concentration", LOG_KILL)?;
    Model::new(vec![
        Box::new(LinearPk::docetaxel()?),
        Box::new(site),
        Box::new(Effectors::new("primary")),
        Box::new(Payload::new("primary")),
    ])
}

/// The same equations as one hand-written sub-model.
pub fn hand_written_model() -> Result<Model> {
    let reference = HandWritten::new(
        LinearPkParams::docetaxel_bruno_1996(),
        GOMPERTZ_R,
        GOMPERTZ_K,
        LOG_KILL,
        P0,
    );
    Model::new(vec![Box::new(reference)])
}

/// Docetaxel 135 mg every 21 days (`cycles` cycles) and 10^6 payload cells on day 7,
/// addressed to the composed model's states or to the hand-written ones.
pub fn schedule(cycles: u32, hand_written: bool) -> Vec<Event> {
    let dose = mg_to_umol(135.0, DOCETAXEL_MG_PER_UMOL);
    let (central, payload) = if hand_written {
        ("hand.a1", "hand.s")
    } else {
        ("docetaxel.central", "payload.cells")
    };
    let mut events: Vec<Event> = (0..cycles)
        .map(|k| Event::dose(21.0 * f64::from(k), central, dose))
        .collect();
    events.push(Event::dose(7.0, payload, 1e6));
    events.sort_by(|a, b| a.time().total_cmp(&b.time()));
    events
}

/// Runs the suite: tumor cells of both systems at several times, both solver paths.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let (cycles, horizon) = match fidelity {
        Fidelity::Quick => (3, 90.0),
        Fidelity::Full => (6, 365.0),
    };
    let times: Vec<f64> = (1..=6).map(|k| horizon * f64::from(k) / 6.0).collect();
    let composed = composed_model()?;
    let reference = hand_written_model()?;
    let mut records = Vec::new();
    for (method, rtol, atol) in [(Method::Dopri5, 1e-12, 1e-12), (Method::Bdf, 1e-12, 1e-12)] {
        let options = SolverOptions::with_method(method)
            .tolerances(rtol, atol)
            .output(Output::Times(times.clone()));
        let a = simulate(
            &composed,
            (0.0, horizon),
            &schedule(cycles, false),
            &options,
        )?;
        let b = simulate(
            &reference,
            (0.0, horizon),
            &schedule(cycles, true),
            &options,
        )?;
        for (column_a, column_b, label) in [
            ("primary.cells", "hand.p", "tumor cells"),
            ("effectors.cells", "hand.e", "effector cells"),
            ("docetaxel.auc", "hand.auc", "docetaxel AUC"),
        ] {
            let values_a = a.column(column_a)?;
            let values_b = b.column(column_b)?;
            let (worst_index, worst) = values_a
                .iter()
                .zip(&values_b)
                .map(|(x, y)| relative_error(*x, *y))
                .enumerate()
                .fold(
                    (0, 0.0f64),
                    |best, (i, e)| if e > best.1 { (i, e) } else { best },
                );
            let mut record = CaseRecord::relative(
                SUITE,
                format!("{label}: composed vs hand-written ({method:?}, rtol {rtol:.0e})"),
                SOURCE,
                format!(
                    "{column_a} at day {} (worst of {} times, {cycles} docetaxel cycles)",
                    times[worst_index],
                    times.len()
                ),
                values_b[worst_index],
                values_a[worst_index],
                REL_TOL,
            );
            record.passed = record.passed && worst <= REL_TOL;
            records.push(record);
        }
    }
    Ok(records)
}
