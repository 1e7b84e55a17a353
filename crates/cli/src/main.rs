//! The `oncodyn` binary: run scenarios, list the model catalog, check scenario files and
//! compare growth models on real data.

use clap::{Parser, Subcommand};
use oncodyn_scenario::Scenario;
use std::path::PathBuf;
use std::process::ExitCode;

/// Mechanistic models of metastatic cancer treated with stem cells, chemotherapy,
/// radiation and immunotherapy.
#[derive(Debug, Parser)]
#[command(name = "oncodyn", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate every arm of a scenario (the bundled flagship without a file) and write
    /// trajectories (CSV), a summary of the endpoints (JSON) and figures (SVG).
    Run {
        /// Scenario file (TOML); the bundled flagship scenario when absent.
        scenario: Option<PathBuf>,
        /// Output folder (default: oncodyn-out/NAME, NAME being the scenario name).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// List every model: states, signals and parameters with units, ranges and sources.
    Models,
    /// Check a scenario file without running it.
    Check {
        /// Scenario file (TOML).
        scenario: PathBuf,
    },
    /// Compare growth laws on the Laleh et al. (2022) lesion data (fit all but the last two
    /// readings, predict them), writing a CSV of per-series errors and a Markdown summary.
    CompareGrowth {
        /// Output folder (default: oncodyn-out/growth-comparison).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::Run { scenario, out } => {
            let scenario = match scenario {
                Some(path) => Scenario::read(&path),
                None => Scenario::flagship(),
            }
            .map_err(|e| e.to_string())?;
            let out = out.unwrap_or_else(|| PathBuf::from("oncodyn-out").join(scenario.name()));
            println!(
                "scenario {}: {} ({} arms, {} days)",
                scenario.name(),
                scenario.description(),
                scenario.arms().len(),
                scenario.horizon()
            );
            let report = oncodyn_cli::run::run(&scenario, &out).map_err(|e| e.to_string())?;
            print!("{}", oncodyn_cli::run::table(&report));
            println!(
                "simulated {} arms in {:.3} s ({:.3} s with files); wrote {} files to {}",
                report.arms.len(),
                report.simulation_seconds,
                report.total_seconds,
                report.files.len(),
                out.display()
            );
            Ok(())
        }
        Command::Models => {
            print!(
                "{}",
                oncodyn_cli::catalog::render().map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::Check { scenario } => {
            let checked = Scenario::read(&scenario).map_err(|e| e.to_string())?;
            let model = checked.model().map_err(|e| e.to_string())?;
            println!(
                "{}: ok ({} sub-models, {} states, {} arms, {} days)",
                scenario.display(),
                model.submodels().len(),
                model.n_states(),
                checked.arms().len(),
                checked.horizon()
            );
            Ok(())
        }
        Command::CompareGrowth { out } => {
            use oncodyn_calibrate::{compare, laleh, ComparisonOptions};
            let out = out.unwrap_or_else(|| PathBuf::from("oncodyn-out/growth-comparison"));
            let series = laleh::bundled().map_err(|e| e.to_string())?;
            let comparison =
                compare(&series, &ComparisonOptions::default()).map_err(|e| e.to_string())?;
            let csv = out.join("laleh2022_errors.csv");
            let summary = out.join("laleh2022_comparison.md");
            comparison.write_csv(&csv).map_err(|e| e.to_string())?;
            comparison
                .write_markdown(&summary, laleh::BUNDLED_PATH, "laleh2022_errors.csv")
                .map_err(|e| e.to_string())?;
            for s in &comparison.summaries {
                println!(
                    "{:<24} fitted {:>4}  failed {:>3}  mean MAE {:.4e}",
                    s.model.name(),
                    s.fitted,
                    s.failed,
                    s.mean_error.unwrap_or(f64::NAN)
                );
            }
            println!(
                "{} series, {:.2} s; wrote {} and {}",
                comparison.series.len(),
                comparison.wall_time_s,
                csv.display(),
                summary.display()
            );
            Ok(())
        }
    }
}
