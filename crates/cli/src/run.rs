//! `oncodyn run`: simulate every arm of a scenario, write trajectories (CSV, one per arm),
//! a JSON summary of the endpoints, and SVG figures, all atomically.

use crate::figures;
use oncodyn_core::{SolverStats, Trajectory};
use oncodyn_scenario::{run_arm, ArmEndpoints, ArmResult, Scenario};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The summary of one arm in `summary.json`.
#[derive(Debug, serde::Serialize)]
pub struct ArmSummary<'a> {
    /// Arm name.
    pub name: &'a str,
    /// Arm label.
    pub label: &'a str,
    /// Endpoints.
    pub endpoints: &'a ArmEndpoints,
    /// Solver work.
    pub solver: SolverStats,
}

/// What `run` produced.
#[derive(Debug)]
pub struct RunReport {
    /// One result per arm.
    pub arms: Vec<ArmResult>,
    /// Simulation and endpoint time (seconds), excluding file output.
    pub simulation_seconds: f64,
    /// Total time including files (seconds).
    pub total_seconds: f64,
    /// Files written.
    pub files: Vec<PathBuf>,
}

/// Runs every arm and writes the outputs into `out_dir` (created if missing).
pub fn run(scenario: &Scenario, out_dir: &Path) -> Result<RunReport, oncodyn_scenario::Error> {
    let start = Instant::now();
    let arms: Vec<ArmResult> = scenario
        .arms()
        .iter()
        .map(|arm| run_arm(scenario, arm))
        .collect::<Result<_, _>>()?;
    let simulation_seconds = start.elapsed().as_secs_f64();
    let step = scenario.file().output.step_days;
    let variables = scenario.output_variables();
    let mut files = Vec::new();
    let mut thinned = Vec::new();
    for result in &arms {
        let trajectory = thin(&result.trajectory, step)?;
        let columns = (!variables.is_empty()).then_some(variables);
        let written = trajectory.select(|_| true, columns)?;
        let path = out_dir.join(format!("arm_{}.csv", result.plan.name));
        written.write_csv(&path)?;
        files.push(path);
        let figure = figures::arm_figure(scenario, result, &trajectory)?;
        let path = out_dir.join(format!("arm_{}.svg", result.plan.name));
        oncodyn_plot::write_svg(&figure, &path, figures::SIZE.0, figures::SIZE.1)?;
        files.push(path);
        thinned.push((result, trajectory));
    }
    let comparison = figures::comparison_figure(scenario, &thinned)?;
    let path = out_dir.join("comparison.svg");
    oncodyn_plot::write_svg(&comparison, &path, figures::SIZE.0, 900)?;
    files.push(path);
    let summary = serde_json::json!({
        "scenario": scenario.name(),
        "description": scenario.description(),
        "horizon_days": scenario.horizon(),
        "simulation_seconds": simulation_seconds,
        "arms": arms.iter().map(|r| ArmSummary {
            name: &r.plan.name,
            label: &r.plan.label,
            endpoints: &r.endpoints,
            solver: r.trajectory.stats(),
        }).collect::<Vec<_>>(),
    });
    let path = out_dir.join("summary.json");
    let text =
        serde_json::to_string_pretty(&summary).map_err(|e| oncodyn_core::Error::Serialize {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    oncodyn_core::io::write_atomically(&path, |w| {
        w.write_all(text.as_bytes())
            .map_err(|source| oncodyn_core::Error::Io {
                path: path.clone(),
                source,
            })
    })?;
    files.push(path);
    Ok(RunReport {
        arms,
        simulation_seconds,
        total_seconds: start.elapsed().as_secs_f64(),
        files,
    })
}

/// Rows every `step` days (to within the row spacing), plus the last row.
fn thin(trajectory: &Trajectory, step: f64) -> Result<Trajectory, oncodyn_core::Error> {
    let last = trajectory.times().last().copied().unwrap_or(0.0);
    let tolerance = 1e-6;
    trajectory.select(
        |t| {
            let k = (t / step).round();
            (t - k * step).abs() < tolerance || (t - last).abs() < tolerance
        },
        None,
    )
}

/// The endpoint table printed by `oncodyn run`.
pub fn table(report: &RunReport) -> String {
    let mut out = format!(
        "{:<4} {:<34} {:>4} {:>10} {:>10} {:>12} {:>12} {:>8} {:>8}\n",
        "arm", "label", "BOR", "PFS (d)", "OS (d)", "nadir 1", "min nadir", "G3+ (d)", "G4 (d)"
    );
    for r in &report.arms {
        let e = &r.endpoints;
        let censored = |days: f64, c: bool| {
            if c {
                format!("{days:.0}+")
            } else {
                format!("{days:.2}")
            }
        };
        let first = e
            .neutrophil_nadirs
            .first()
            .map_or("-".into(), |n| format!("{:.3}", n.value));
        let lowest = e
            .neutrophil_nadirs
            .iter()
            .map(|n| n.value)
            .fold(f64::INFINITY, f64::min);
        let lowest = if lowest.is_finite() {
            format!("{lowest:.3}")
        } else {
            "-".into()
        };
        out.push_str(&format!(
            "{:<4} {:<34} {:>4} {:>10} {:>10} {:>12} {:>12} {:>8} {:>8}\n",
            r.plan.name,
            r.plan.label,
            format!("{:?}", e.best_overall_response),
            censored(e.pfs_days, e.pfs_censored),
            censored(e.os_days, e.os_censored),
            first,
            lowest,
            e.days_grade3_or_worse
                .map_or("-".into(), |d| format!("{d:.2}")),
            e.days_grade4.map_or("-".into(), |d| format!("{d:.2}")),
        ));
    }
    out
}
