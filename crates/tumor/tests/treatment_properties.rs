//! Property tests of growth and treatment: untreated growth is monotone; kill hazards
//! (external hazard, Norton–Simon kill, radiation) never increase the burden; the LQ
//! survival fraction lies in (0, 1] and decreases with dose; eradicated sites stay at 0.

mod common;

use common::{any_law, log_uniform, ConstantDrug};
use oncodyn_core::radiobiology::LinearQuadratic;
use oncodyn_core::{
    simulate, units, Event, Method, Model, Output, Signal, SolverOptions, SubModel, Var,
};
use oncodyn_tumor::TumorSite;
use proptest::prelude::*;

/// Absolute solver tolerance (cells).
const ATOL: f64 = 1e-12;

/// Publishes a constant additive `lung.kill_hazard` (1/day), like effector cells would.
#[derive(Debug)]
struct ConstantHazard {
    states: Vec<Var>,
    outputs: Vec<Signal>,
    hazard: f64,
}

impl ConstantHazard {
    fn new(hazard: f64) -> Self {
        Self {
            states: vec![Var::new("level", units::PER_DAY)],
            outputs: vec![Signal::sum("lung.kill_hazard", units::PER_DAY)],
            hazard,
        }
    }
}

impl SubModel for ConstantHazard {
    fn name(&self) -> &str {
        "effector"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.hazard;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0];
    }
    fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = 0.0;
    }
}

/// Simulates `submodels` over `(0, times.last())` and returns `columns` at `times`.
fn run_columns(
    submodels: Vec<Box<dyn SubModel>>,
    events: &[Event],
    columns: &[&str],
    times: &[f64],
) -> oncodyn_core::Result<Vec<Vec<f64>>> {
    let model = Model::new(submodels)?;
    let options = SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-9, ATOL)
        .output(Output::Times(times.to_vec()));
    let end = times.last().copied().unwrap_or(1.0);
    let trajectory = simulate(&model, (0.0, end), events, &options)?;
    columns.iter().map(|c| trajectory.column(c)).collect()
}

/// One column of [`run_columns`].
fn run(
    submodels: Vec<Box<dyn SubModel>>,
    events: &[Event],
    column: &str,
    times: &[f64],
) -> oncodyn_core::Result<Vec<f64>> {
    Ok(run_columns(submodels, events, &[column], times)?
        .pop()
        .unwrap_or_default())
}

/// Whether `values` never move against `direction` (+1 non-decreasing, -1 non-increasing),
/// up to a relative round-off `rel`.
fn monotone(values: &[f64], direction: f64, rel: f64) -> bool {
    values
        .windows(2)
        .all(|w| direction * (w[1] - w[0]) >= -rel * w[0].abs().max(w[1].abs()) - ATOL)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn untreated_growth_is_monotone(law in any_law(), v0 in log_uniform(-2.0, 9.0)) {
        let direction = if law.rate(v0) >= 0.0 { 1.0 } else { -1.0 };
        let times = [0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0];
        let closed: Vec<f64> = times.iter().map(|&t| law.closed_form(v0, t)).collect();
        prop_assert!(monotone(&closed, direction, 1e-12), "{law:?}: {closed:?}");
        let site = TumorSite::new("lung", law.clone(), v0).unwrap();
        let simulated = run(vec![Box::new(site)], &[], "lung.cells", &times[1..8]).unwrap();
        let mut with_start = vec![v0];
        with_start.extend(simulated);
        prop_assert!(monotone(&with_start, direction, 1e-7), "{law:?}: {with_start:?}");
    }

    #[test]
    fn kill_hazards_never_increase_the_burden(
        law in any_law(),
        v0 in log_uniform(0.0, 6.0),
        hazard in 0.0..=1.0f64,
        k in 0.0..=2.0f64,
        c in 0.0..=2.0f64,
        dose in 0.0..=5.0f64,
    ) {
        let times = [5.0, 20.0];
        let untreated = TumorSite::new("lung", law.clone(), v0).unwrap();
        let treated = TumorSite::new("lung", law.clone(), v0)
            .and_then(|s| s.with_norton_simon_kill("drug.concentration", k))
            .and_then(|s| s.with_radiosensitivity(0.3, 0.03))
            .unwrap();
        let events = [
            Event::radiation(2.0, None, dose),
            Event::radiation(7.0, None, dose),
        ];
        let free = run(vec![Box::new(untreated)], &events, "lung.burden", &times).unwrap();
        let killed = run(
            vec![
                Box::new(treated),
                Box::new(ConstantDrug::new(c)),
                Box::new(ConstantHazard::new(hazard)),
            ],
            &events,
            "lung.burden",
            &times,
        ).unwrap();
        for (f, t) in free.iter().zip(&killed) {
            prop_assert!(*t <= *f * (1.0 + 1e-7) + 10.0 * ATOL, "{law:?}: {t} > {f}");
        }
    }

    #[test]
    fn lq_survival_is_a_decreasing_fraction(
        alpha in 0.0..=1.0f64,
        beta in 0.0..=0.5f64,
        d1 in 0.0..=15.0f64,
        extra in 0.0..=15.0f64,
    ) {
        // Doses up to 30 Gy per fraction (beyond the LQ validity of ~18 Gy, Brenner 2008):
        // at most 480 log-kills, so S stays representable (it underflows near 745).
        let lq = LinearQuadratic::new(alpha, beta).unwrap();
        let d2 = d1 + extra;
        let (s1, s2) = (lq.survival_fraction(d1).unwrap(), lq.survival_fraction(d2).unwrap());
        prop_assert!(s1 > 0.0 && s1 <= 1.0 && s2 > 0.0 && s2 <= 1.0);
        prop_assert!(s2 <= s1);
        let gap = lq.log_survival(1, d1).unwrap() - lq.log_survival(1, d2).unwrap();
        if gap > 1e-12 {
            prop_assert!(s2 < s1, "S({d2}) = {s2} not below S({d1}) = {s1}");
        }
    }

    #[test]
    fn eradicated_sites_stay_at_zero(
        law in any_law(),
        v0 in log_uniform(0.0, 6.0),
        threshold in log_uniform(0.0, 2.0),
        remnant in 0.01..=0.9f64,
    ) {
        // A fraction at day 1 that leaves `remnant * threshold` cells.
        let (alpha, beta) = (0.3, 0.03);
        let before = law.closed_form(v0, 1.0);
        let log_kill = (before / (remnant * threshold)).ln().max(0.0);
        let dose = (-alpha + (alpha * alpha + 4.0 * beta * log_kill).sqrt()) / (2.0 * beta);
        let site = TumorSite::new("lung", law.clone(), v0)
            .and_then(|s| s.with_radiosensitivity(alpha, beta))
            .and_then(|s| s.with_cure_threshold(threshold))
            .unwrap();
        let times: Vec<f64> = (0..=60).map(|k| 1.0 + 5.0 * f64::from(k)).collect();
        let events = [Event::radiation(1.0, Some("lung"), dose)];
        let cells = run(vec![Box::new(site)], &events, "lung.cells", &times).unwrap();
        prop_assert!(cells.iter().all(|&v| v.abs() <= 0.0), "{law:?}: {cells:?}");
    }

    #[test]
    fn sites_killed_below_the_threshold_never_regrow(
        law in any_law(),
        v0 in log_uniform(1.0, 4.0),
        hazard in 0.5..=3.0f64,
    ) {
        let site = TumorSite::new("lung", law.clone(), v0)
            .and_then(|s| s.with_cure_threshold(1.0))
            .unwrap();
        let times: Vec<f64> = (1..=100).map(|k| 2.0 * f64::from(k)).collect();
        let subs: Vec<Box<dyn SubModel>> =
            vec![Box::new(site), Box::new(ConstantHazard::new(hazard))];
        let columns = run_columns(subs, &[], &["lung.cells", "lung.burden"], &times).unwrap();
        let (cells, burden) = (&columns[0], &columns[1]);
        if let Some(first) = cells.iter().position(|&v| v <= 1.0) {
            prop_assert!(cells[first..].iter().all(|&v| v <= 1.0), "{law:?}: {cells:?}");
            prop_assert!(burden[first..].iter().all(|&v| v.abs() <= 0.0));
        }
    }
}
