//! Runs the growth-model comparison protocol on the bundled Laleh et al. (2022) data and
//! writes `laleh2022_errors.csv` (per-series held-out errors) and
//! `laleh2022_comparison.md` (summary) into `OUT_DIR` (default: the current folder).
//!
//! ```text
//! cargo run --release -p oncodyn-calibrate --example laleh_comparison [OUT_DIR]
//! ```

use oncodyn_calibrate::{compare, laleh, ComparisonOptions};
use std::path::PathBuf;
use std::time::Instant;

/// File name of the per-series CSV.
const CSV_NAME: &str = "laleh2022_errors.csv";
/// File name of the Markdown summary.
const SUMMARY_NAME: &str = "laleh2022_comparison.md";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let clock = Instant::now();
    let series = laleh::bundled()?;
    let comparison = compare(&series, &ComparisonOptions::default())?;
    let csv_path = out_dir.join(CSV_NAME);
    comparison.write_csv(&csv_path)?;
    let summary_path = out_dir.join(SUMMARY_NAME);
    comparison.write_markdown(&summary_path, laleh::BUNDLED_PATH, CSV_NAME)?;
    for summary in &comparison.summaries {
        println!(
            "{:<22} fitted {:>4}  failed {:>3}  mean MAE {:.4e}",
            summary.model.name(),
            summary.fitted,
            summary.failed,
            summary.mean_error.unwrap_or(f64::NAN)
        );
    }
    println!(
        "{} series with >= {} readings; comparison {:.2} s, total {:.2} s; wrote {} and {}",
        comparison.series.len(),
        comparison.options.min_readings,
        comparison.wall_time_s,
        clock.elapsed().as_secs_f64(),
        csv_path.display(),
        summary_path.display()
    );
    Ok(())
}
