//! Suite `delivery/bajzer`: therapy-failure thresholds, interior equilibria and long-run
//! tumor burden of the measles virotherapy model of Bajzer et al. (2008) for the published
//! parameter sets.

use crate::{Bajzer, BajzerParams, BajzerSet};
use oncodyn_core::validation::{relative_error, CaseRecord, Fidelity};
use oncodyn_core::{simulate, Method, Model, Output, Result, SolverOptions, Trajectory};

/// Suite name of every record.
pub const SUITE: &str = "delivery/bajzer";
/// Solver of the long runs.
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-14";
/// Cross-check solver of the long runs.
pub const CROSS_CHECK_TEXT: &str = "BDF, rtol 1e-10, atol 1e-14";
/// Horizon of the long runs (day, therapy clock).
pub const HORIZON: f64 = 1000.0;
/// The paper's eradication threshold `u <= 1e-6` (units of 1e6 cells, i.e. one cell).
pub const ERADICATION: f64 = 1e-6;

/// BAJ-1: `q` of fits (a)–(d) (Table 3).
pub const BAJ1_Q: [(BajzerSet, f64); 4] = [
    (BajzerSet::A, -1.050393),
    (BajzerSet::B, -1.049810),
    (BajzerSet::C, -0.387883),
    (BajzerSet::D, -0.612582),
];
/// BAJ-2..5: `(set, [q, y3, x3, u3, v3])` (Table 4 sets; units of 1e6).
pub const BAJ_EQUILIBRIA: [(&str, BajzerSet, [f64; 5]); 4] = [
    (
        "BAJ-2",
        BajzerSet::B1,
        [0.0778219, 0.412258, 0.384449, 0.796707, 14.6091],
    ),
    (
        "BAJ-3",
        BajzerSet::B2,
        [0.481345, 0.0666630, 0.284427, 0.351090, 66.8404],
    ),
    (
        "BAJ-4",
        BajzerSet::D1,
        [1.611015, 8.333147, 1.435627, 9.768774, 6.120557],
    ),
    (
        "BAJ-5",
        BajzerSet::D2,
        [1.737467, 7.728858, 1.433680, 9.162538, 6.590150],
    ),
];

const SRC: &str = "Bajzer Z, Carr T, Josic K, Russell SJ, Dingli D (2008) J Theor Biol 252(1):109-122, Tables 2-4";
const SRC_FAIL: &str = "Bajzer et al. (2008) J Theor Biol 252:109-122: fits (a)-(d) mean therapy failure, the tumor returns towards K";
const SRC_ERAD: &str = "Bajzer et al. (2008) J Theor Biol 252:109-122, Table 4: eradication (u <= 1e-6) at te = 952.8 d (b.2) and 758 d (d.2); not reproduced by tight integrations";

fn simulate_set(set: BajzerSet, method: Method, rtol: f64, output: Output) -> Result<Trajectory> {
    let model = Model::new(vec![Box::new(Bajzer::new(
        "bajzer",
        BajzerParams::published(set),
        BajzerParams::THERAPY_INITIAL,
    )?)])?;
    let options = SolverOptions::with_method(method)
        .tolerances(rtol, 1e-14)
        .output(output);
    simulate(&model, (0.0, HORIZON), &[], &options)
}

fn total(trajectory: &Trajectory) -> Result<Vec<f64>> {
    let y = trajectory.column("bajzer.uninfected")?;
    let x = trajectory.column("bajzer.infected")?;
    Ok(y.iter().zip(&x).map(|(a, b)| a + b).collect())
}

/// Runs the suite `delivery/bajzer`. [`Fidelity::Quick`] looks for the minimum of the
/// burden on a 0.1-day grid, [`Fidelity::Full`] on a 0.01-day grid.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (set, q) in BAJ1_Q {
        let params = BajzerParams::published(set);
        records.push(CaseRecord::relative(
            SUITE,
            format!("BAJ-1 q, fit {}", set.label()),
            SRC,
            "q = (alpha - delta) kappa K - delta omega (1/day)",
            q,
            params.q(),
            1e-6,
        ));
    }
    for (case, set, expected) in BAJ_EQUILIBRIA {
        let params = BajzerParams::published(set);
        let [y3, x3, v3] = params
            .interior_equilibrium()
            .unwrap_or([f64::NAN, f64::NAN, f64::NAN]);
        let actual = [params.q(), y3, x3, x3 + y3, v3];
        let names = [
            "q (1/day)",
            "y3 (1e6 cells)",
            "x3 (1e6 cells)",
            "u3 (1e6 cells)",
            "v3 (1e6 virions)",
        ];
        for ((name, e), a) in names.iter().zip(expected).zip(actual) {
            records.push(CaseRecord::relative(
                SUITE,
                format!(
                    "{case} {}, set {}",
                    name.split(' ').next().unwrap_or(name),
                    set.label()
                ),
                SRC,
                *name,
                e,
                a,
                1e-5,
            ));
        }
    }
    for set in [BajzerSet::A, BajzerSet::B, BajzerSet::C, BajzerSet::D] {
        let run = simulate_set(
            set,
            Method::Dop853,
            1e-12,
            Output::Times(vec![900.0, HORIZON]),
        )?;
        let u = total(&run)?;
        let ratio = u[1] / BajzerParams::K;
        records.push(CaseRecord::independent(
            SUITE,
            format!("BAJ-6 u(1000)/K, fit {}", set.label()),
            SRC_FAIL,
            format!("u(1000)/K ({SOLVER_TEXT})"),
            ratio,
            "tumor returns towards K: u(1000)/K > 0.99 and u still rising or at K",
            ratio > 0.99 && u[1] >= u[0] * (1.0 - 1e-9),
        ));
    }
    for set in [BajzerSet::B1, BajzerSet::D1] {
        let times = Output::Times(vec![HORIZON]);
        let u = total(&simulate_set(set, Method::Dop853, 1e-12, times.clone())?)?[0];
        let check = total(&simulate_set(set, Method::Bdf, 1e-10, times)?)?[0];
        records.push(CaseRecord::independent(
            SUITE,
            format!("BAJ-7 u(1000), set {}", set.label()),
            SRC,
            format!("u(1000) (1e6 cells, {SOLVER_TEXT})"),
            u,
            &format!("{SOLVER_TEXT} and {CROSS_CHECK_TEXT} agree within 1 % (oscillatory, solver-sensitive)"),
            relative_error(check, u) < 0.01,
        ));
    }
    let step = match fidelity {
        Fidelity::Quick => 0.1,
        Fidelity::Full => 0.01,
    };
    for set in [BajzerSet::B2, BajzerSet::D2] {
        let run = simulate_set(set, Method::Dop853, 1e-12, Output::Every(step))?;
        let u = total(&run)?;
        let minimum = u.iter().copied().fold(f64::INFINITY, f64::min);
        records.push(CaseRecord::independent(
            SUITE,
            format!("BAJ-8 eradication not reproduced, set {}", set.label()),
            SRC_ERAD,
            format!("minimum of u over [0, 1000] d on a {step}-day grid (1e6 cells)"),
            minimum,
            "documented discrepancy: u stays above the eradication threshold 1e-6",
            minimum > ERADICATION,
        ));
    }
    Ok(records)
}
