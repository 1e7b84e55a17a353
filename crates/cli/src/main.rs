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
    /// Run a virtual trial: every patient of a sampled cohort under every arm (paired),
    /// reduced to endpoints; writes per-patient CSV, per-arm summaries and figures.
    Trial {
        /// Scenario file with a `population` table; the bundled flagship when absent.
        scenario: Option<PathBuf>,
        /// Cohort size (default: `patients` in the scenario's population table).
        #[arg(long)]
        patients: Option<usize>,
        /// Seed (default: `seed` in the scenario's population table).
        #[arg(long)]
        seed: Option<u64>,
        /// Worker threads (default: one per core); results do not depend on it.
        #[arg(long)]
        threads: Option<usize>,
        /// Run only shard K of N (1-based, e.g. `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`).
        #[arg(long)]
        shard: Option<String>,
        /// Keep the trajectories of the first K patients.
        #[arg(long, default_value_t = 0)]
        save_trajectories: usize,
        /// Endpoint grid step for explicit solver methods (days; default: the scenario's).
        /// With BDF, the default, endpoints are located on the solver's steps.
        #[arg(long)]
        resolution_days: Option<f64>,
        /// Output folder (default: oncodyn-out/NAME-trial).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Merge shard outputs into exactly the single-run result.
    Merge {
        /// Folders holding shard outputs.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, short)]
        out: PathBuf,
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
        Command::Trial {
            scenario,
            patients,
            seed,
            threads,
            shard,
            save_trajectories,
            resolution_days,
            out,
        } => {
            use oncodyn_trials::{run_or_resume, RunStatus, Shard, TrialOptions};
            let scenario = match scenario {
                Some(path) => Scenario::read(&path),
                None => Scenario::flagship(),
            }
            .map_err(|e| e.to_string())?;
            let mut options = TrialOptions::for_scenario(&scenario);
            if let Some(n) = patients {
                options.patients = n;
            }
            if let Some(s) = seed {
                options.seed = s;
            }
            if let Some(t) = threads {
                options.threads = t;
            }
            if let Some(r) = resolution_days {
                options.resolution_days = r;
            }
            options.save_trajectories = save_trajectories;
            options.shard = shard
                .map(|s| s.parse::<Shard>())
                .transpose()
                .map_err(|e| e.to_string())?;
            options.validate().map_err(|e| e.to_string())?;
            let out = out.unwrap_or_else(|| {
                PathBuf::from("oncodyn-out").join(format!("{}-trial", scenario.name()))
            });
            let total = options.patients as u64;
            let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                indicatif::ProgressBar::new(total)
            } else {
                indicatif::ProgressBar::hidden()
            };
            let start = std::time::Instant::now();
            let status = run_or_resume(&scenario, &options, &out, &|n| bar.inc(n as u64))
                .map_err(|e| e.to_string())?;
            bar.finish_and_clear();
            match status {
                RunStatus::Skipped(_) => println!(
                    "{}: complete output already present, skipped",
                    out.display()
                ),
                _ => println!(
                    "trial of {} patients x {} arms (seed {}) in {:.2} s; wrote {}",
                    options.patients,
                    scenario.arms().len(),
                    options.seed,
                    start.elapsed().as_secs_f64(),
                    out.display()
                ),
            }
            Ok(())
        }
        Command::Merge { dirs, out } => {
            let merged = oncodyn_trials::merge(&dirs).map_err(|e| e.to_string())?;
            oncodyn_trials::write_outputs(&merged, &out).map_err(|e| e.to_string())?;
            println!("merged {} folders into {}", dirs.len(), out.display());
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
