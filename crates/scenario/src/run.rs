//! Running a scenario's arms and reducing each trajectory to the patient's endpoints.

use crate::build::ArmPlan;
use crate::endpoints::{evaluate_recist, EndpointMonitor, RecistRules, Response, ScanResult};
use crate::error::Result;
use crate::scenario::Scenario;
use oncodyn_core::{
    simulate, simulate_monitored, Event, Method, Model, Output, Probe, SolverOptions, Trajectory,
};
use oncodyn_tissue::Series;

/// Neutropenia thresholds of CTCAE v5 (10^9/L): grade 3 below 1.0, grade 4 below 0.5.
pub const GRADE3_BELOW: f64 = 1.0;
/// See [`GRADE3_BELOW`].
pub const GRADE4_BELOW: f64 = 0.5;

/// A nadir of one treatment cycle.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CycleNadir {
    /// Cycle number (1-based).
    pub cycle: usize,
    /// Day of the nadir.
    pub day: f64,
    /// Lowest count (10^9/L).
    pub value: f64,
}

/// Endpoints of one arm for one patient (FLAGSHIP.md definitions).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArmEndpoints {
    /// Best overall response (RECIST 1.1, no confirmation).
    pub best_overall_response: Response,
    /// First PD scan day.
    pub progression_day: Option<f64>,
    /// Progression-free survival (days): first PD or death, else censored at the last scan.
    pub pfs_days: f64,
    /// Whether PFS is censored.
    pub pfs_censored: bool,
    /// Day total burden first reaches the death threshold.
    pub death_day: Option<f64>,
    /// Overall survival (days), censored at the horizon.
    pub os_days: f64,
    /// Whether OS is censored.
    pub os_censored: bool,
    /// Baseline lesion diameters (mm).
    pub baseline_mm: Vec<f64>,
    /// Scans before death.
    pub scans: Vec<ScanResult>,
    /// Per-cycle neutrophil nadirs (empty without a neutrophil model).
    pub neutrophil_nadirs: Vec<CycleNadir>,
    /// Days with neutrophils below 1.0 x 10^9/L (grade >= 3).
    pub days_grade3_or_worse: Option<f64>,
    /// Days with neutrophils below 0.5 x 10^9/L (grade 4).
    pub days_grade4: Option<f64>,
    /// Total lesion burden at the horizon (cells).
    pub final_burden_cells: f64,
}

/// One simulated arm.
#[derive(Debug, Clone)]
pub struct ArmResult {
    /// The arm.
    pub plan: ArmPlan,
    /// Trajectory every `[output] step_days` plus the scan days (with the BDF method), or
    /// at the endpoint resolution `[endpoints] resolution_days` (explicit methods).
    pub trajectory: Trajectory,
    /// Endpoints.
    pub endpoints: ArmEndpoints,
}

/// Runs every arm of `scenario`.
pub fn run(scenario: &Scenario) -> Result<Vec<ArmResult>> {
    scenario
        .arms()
        .iter()
        .map(|arm| run_arm(scenario, arm))
        .collect()
}

/// Runs one arm and computes its endpoints.
pub fn run_arm(scenario: &Scenario, arm: &ArmPlan) -> Result<ArmResult> {
    let model = scenario.model()?;
    let options = scenario.solver_options(scenario.file().endpoints.resolution_days)?;
    let step = scenario.file().output.step_days;
    let (trajectory, endpoints) =
        simulate_endpoints(scenario, &model, &arm.events, &options, Some(step))?;
    Ok(ArmResult {
        plan: arm.clone(),
        trajectory,
        endpoints,
    })
}

/// Simulates `model` (built from `scenario`, possibly with other parameter values) under
/// `events` and computes the endpoints.
///
/// With [`Method::Bdf`], and lesions and neutrophils that are states or signals of
/// `model`, the endpoints are located on the solver's steps by the step monitor of
/// [`mod@crate::endpoints`] (crossing and nadir days to 1e-9 day) and the returned
/// trajectory holds the scan days, the horizon and, if `record_every` is given, a row
/// every `record_every` days. Otherwise the arm is recorded every `options`' output step
/// (the scenario's `resolution_days`) and the endpoints come from that grid
/// ([`endpoints`]).
pub fn simulate_endpoints(
    scenario: &Scenario,
    model: &Model,
    events: &[Event],
    options: &SolverOptions,
    record_every: Option<f64>,
) -> Result<(Trajectory, ArmEndpoints)> {
    let spec = &scenario.file().endpoints;
    let horizon = scenario.horizon();
    let lesions: Option<Vec<Probe>> = scenario
        .lesions()
        .iter()
        .map(|site| model.probe(&format!("{site}.cells")).ok())
        .collect();
    let neutrophils = scenario
        .neutrophil_signal()
        .map(|name| model.probe(name).ok());
    let (Some(lesions), Method::Bdf, false) =
        (lesions, options.method, matches!(neutrophils, Some(None)))
    else {
        let trajectory = simulate(model, (0.0, horizon), events, options)?;
        let endpoints = endpoints(scenario, &trajectory)?;
        return Ok((trajectory, endpoints));
    };
    let scan_days = scan_days(scenario);
    let mut times = vec![0.0, horizon];
    times.extend(&scan_days);
    if let Some(step) = record_every {
        let steps = (horizon / step).floor() as usize;
        times.extend((1..=steps).map(|k| k as f64 * step));
    }
    times.retain(|&t| t <= horizon);
    times.sort_by(f64::total_cmp);
    times.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * b.abs().max(1.0));
    let options = options.clone().output(Output::Times(times));
    let cycles = neutrophil_cycles(scenario);
    let has_neutrophils = matches!(neutrophils, Some(Some(_)));
    let mut monitor = EndpointMonitor::new(
        model,
        lesions,
        spec.death_burden_cells,
        neutrophils.flatten(),
        [GRADE3_BELOW, GRADE4_BELOW],
        spec.cycle_days,
        cycles,
    );
    let trajectory = simulate_monitored(model, (0.0, horizon), events, &options, &mut monitor)?;
    let found = monitor.finish(horizon);
    let times = trajectory.times();
    let lesion_columns = lesion_columns(scenario, &trajectory)?;
    let cells_at = |row: usize| -> Vec<f64> { lesion_columns.iter().map(|c| c[row]).collect() };
    let scans: Vec<(f64, Vec<f64>)> = scan_days
        .iter()
        .map(|&d| (d, cells_at(row_at(times, d))))
        .collect();
    let toxicity = has_neutrophils.then(|| Toxicity {
        nadirs: found
            .nadirs
            .iter()
            .enumerate()
            .map(|(k, &(day, value))| CycleNadir {
                cycle: k + 1,
                day,
                value,
            })
            .collect(),
        grade3_days: found.time_below[0],
        grade4_days: found.time_below[1],
    });
    let final_burden = cells_at(times.len().saturating_sub(1)).iter().sum();
    let endpoints = assemble(
        scenario,
        &cells_at(0),
        &scans,
        found.death_day,
        toxicity,
        final_burden,
    );
    Ok((trajectory, endpoints))
}

/// The recorded cells of every lesion (cells), one column each, in `[endpoints] lesions`
/// order.
fn lesion_columns(scenario: &Scenario, trajectory: &Trajectory) -> Result<Vec<Vec<f64>>> {
    Ok(scenario
        .lesions()
        .iter()
        .map(|site| trajectory.column(&format!("{site}.cells")))
        .collect::<oncodyn_core::Result<_>>()?)
}

/// Scan days: every scan interval up to the horizon.
fn scan_days(scenario: &Scenario) -> Vec<f64> {
    let spec = &scenario.file().endpoints;
    let n_scans = (scenario.horizon() / spec.scan_interval_days).floor() as usize;
    (1..=n_scans)
        .map(|k| k as f64 * spec.scan_interval_days)
        .collect()
}

/// Cycles with a nadir: `[endpoints] cycles`, at most the whole cycles in the horizon.
fn neutrophil_cycles(scenario: &Scenario) -> usize {
    let spec = &scenario.file().endpoints;
    spec.cycles
        .min((scenario.horizon() / spec.cycle_days).floor() as usize)
}

/// The first row at or after `day` (up to round-off), else the last row.
fn row_at(times: &[f64], day: f64) -> usize {
    times
        .iter()
        .position(|&t| t >= day - 1e-9 * day.abs().max(1.0))
        .unwrap_or(times.len().saturating_sub(1))
}

/// Neutrophil endpoints of one arm.
struct Toxicity {
    nadirs: Vec<CycleNadir>,
    grade3_days: f64,
    grade4_days: f64,
}

/// Endpoints of one trajectory recorded on a fine grid (`[endpoints] resolution_days`):
/// crossings interpolated linearly between rows, nadirs refined by a parabola.
pub fn endpoints(scenario: &Scenario, trajectory: &Trajectory) -> Result<ArmEndpoints> {
    let spec = &scenario.file().endpoints;
    let times = trajectory.times();
    let lesion_columns = lesion_columns(scenario, trajectory)?;
    let total: Vec<f64> = (0..times.len())
        .map(|row| lesion_columns.iter().map(|c| c[row]).sum())
        .collect();
    let burden = Series::new(times.to_vec(), total.clone())?;
    let death_day = burden.first_at_or_above(spec.death_burden_cells, 0.0)?;
    let cells_at = |row: usize| lesion_columns.iter().map(|c| c[row]).collect::<Vec<f64>>();
    let scans: Vec<(f64, Vec<f64>)> = scan_days(scenario)
        .iter()
        .map(|&d| (d, cells_at(row_at(times, d))))
        .collect();
    let toxicity = match scenario.neutrophil_signal() {
        Some(signal) => {
            let series = Series::from_trajectory(trajectory, signal)?;
            let nadirs = series
                .per_cycle_nadirs(spec.cycle_days, neutrophil_cycles(scenario))?
                .into_iter()
                .enumerate()
                .map(|(k, n)| CycleNadir {
                    cycle: k + 1,
                    day: n.day,
                    value: n.value,
                })
                .collect();
            Some(Toxicity {
                nadirs,
                grade3_days: series.time_below(GRADE3_BELOW)?,
                grade4_days: series.time_below(GRADE4_BELOW)?,
            })
        }
        None => None,
    };
    Ok(assemble(
        scenario,
        &cells_at(0),
        &scans,
        death_day,
        toxicity,
        total.last().copied().unwrap_or(0.0),
    ))
}

/// RECIST response, PFS and OS from the scans and the death day, plus toxicity.
fn assemble(
    scenario: &Scenario,
    baseline_cells: &[f64],
    scans: &[(f64, Vec<f64>)],
    death_day: Option<f64>,
    toxicity: Option<Toxicity>,
    final_burden_cells: f64,
) -> ArmEndpoints {
    let horizon = scenario.horizon();
    let recist = evaluate_recist(baseline_cells, scans, death_day, &RecistRules::default());
    let last_scan = scans.last().map_or(0.0, |s| s.0);
    let (pfs_days, pfs_censored) = match (recist.progression_day, death_day) {
        (Some(p), Some(d)) => (p.min(d), false),
        (Some(p), None) => (p, false),
        (None, Some(d)) if d <= last_scan => (d, false),
        _ => (last_scan, true),
    };
    let (os_days, os_censored) = match death_day {
        Some(d) => (d, false),
        None => (horizon, true),
    };
    let (neutrophil_nadirs, days_grade3_or_worse, days_grade4) = match toxicity {
        Some(t) => (t.nadirs, Some(t.grade3_days), Some(t.grade4_days)),
        None => (Vec::new(), None, None),
    };
    ArmEndpoints {
        best_overall_response: recist.best_overall_response,
        progression_day: recist.progression_day,
        pfs_days,
        pfs_censored,
        death_day,
        os_days,
        os_censored,
        baseline_mm: recist.baseline_mm,
        scans: recist.scans,
        neutrophil_nadirs,
        days_grade3_or_worse,
        days_grade4,
        final_burden_cells,
    }
}
