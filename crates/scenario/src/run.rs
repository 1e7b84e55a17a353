//! Running a scenario's arms and reducing each trajectory to the patient's endpoints.

use crate::build::ArmPlan;
use crate::endpoints::{evaluate_recist, RecistRules, Response, ScanResult};
use crate::error::Result;
use crate::scenario::Scenario;
use oncodyn_core::{simulate, Trajectory};
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
    /// Trajectory at the endpoint resolution (`[endpoints] resolution_days`).
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
    let spec = &scenario.file().endpoints;
    let model = scenario.model()?;
    let options = scenario.solver_options(spec.resolution_days)?;
    let horizon = scenario.horizon();
    let trajectory = simulate(&model, (0.0, horizon), &arm.events, &options)?;
    let endpoints = endpoints(scenario, &trajectory)?;
    Ok(ArmResult {
        plan: arm.clone(),
        trajectory,
        endpoints,
    })
}

/// Endpoints of one trajectory.
pub fn endpoints(scenario: &Scenario, trajectory: &Trajectory) -> Result<ArmEndpoints> {
    let spec = &scenario.file().endpoints;
    let horizon = scenario.horizon();
    let times = trajectory.times();
    let lesion_columns: Vec<Vec<f64>> = scenario
        .lesions()
        .iter()
        .map(|site| trajectory.column(&format!("{site}.cells")))
        .collect::<oncodyn_core::Result<_>>()?;
    let total: Vec<f64> = (0..times.len())
        .map(|row| lesion_columns.iter().map(|c| c[row]).sum())
        .collect();
    let burden = Series::new(times.to_vec(), total.clone())?;
    let death_day = burden.first_at_or_above(spec.death_burden_cells, 0.0)?;

    let row_at = |day: f64| -> usize {
        times
            .iter()
            .position(|&t| t >= day - 1e-9 * day.abs().max(1.0))
            .unwrap_or(times.len().saturating_sub(1))
    };
    let cells_at = |row: usize| lesion_columns.iter().map(|c| c[row]).collect::<Vec<f64>>();
    let n_scans = (horizon / spec.scan_interval_days).floor() as usize;
    let scan_days: Vec<f64> = (1..=n_scans)
        .map(|k| k as f64 * spec.scan_interval_days)
        .collect();
    let scans: Vec<(f64, Vec<f64>)> = scan_days
        .iter()
        .map(|&d| (d, cells_at(row_at(d))))
        .collect();
    let recist = evaluate_recist(&cells_at(0), &scans, death_day, &RecistRules::default());
    let last_scan = scan_days.last().copied().unwrap_or(0.0);
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

    let (neutrophil_nadirs, days_grade3_or_worse, days_grade4) = match scenario.neutrophil_signal()
    {
        Some(signal) => {
            let series = Series::from_trajectory(trajectory, signal)?;
            let cycles = spec
                .cycles
                .min((horizon / spec.cycle_days).floor() as usize);
            let nadirs = series
                .per_cycle_nadirs(spec.cycle_days, cycles)?
                .into_iter()
                .enumerate()
                .map(|(k, n)| CycleNadir {
                    cycle: k + 1,
                    day: n.day,
                    value: n.value,
                })
                .collect();
            (
                nadirs,
                Some(series.time_below(GRADE3_BELOW)?),
                Some(series.time_below(GRADE4_BELOW)?),
            )
        }
        None => (Vec::new(), None, None),
    };
    Ok(ArmEndpoints {
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
        final_burden_cells: total.last().copied().unwrap_or(0.0),
    })
}
