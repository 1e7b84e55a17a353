//! A worked example: three Gompertz tumor sites (primary, lung, liver) under six cycles of
//! docetaxel 75 mg/m² (1.8 m², every 21 days), simulated for 730 days with the stiff (BDF)
//! path. Prints tumor burden every 42 days and writes the trajectory as CSV and JSON.
//!
//! ```sh
//! cargo run --release -p oncodyn-tests --example chemo [OUTPUT_DIR]
//! ```
//!
//! Parameters are the flagship scenario's (docs/FLAGSHIP in the design notes): Gompertz
//! r = 0.002/day and K = 1e13 cells (assumptions), log-kill kd = 2.5 /(uM·day)
//! (assumption), docetaxel PK of Bruno et al. (1996).

use oncodyn_core::{simulate, Event, Method, Model, Output, SolverOptions};
use oncodyn_therapy::{mg_to_umol, LinearPk, DOCETAXEL_MG_PER_UMOL};
use oncodyn_tumor::{Gompertz, TumorSite};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/oncodyn/chemo"), PathBuf::from);
    let gompertz = Gompertz::new(0.002, 1e13)?;
    let site = |name: &str, cells: f64| {
        TumorSite::new(name, gompertz, cells)?.with_log_kill("docetaxel.concentration", 2.5)
    };
    let model = Model::new(vec![
        Box::new(LinearPk::docetaxel()?),
        Box::new(site("primary", 1e10)?),
        Box::new(site("lung", 1e8)?),
        Box::new(site("liver", 1e7)?),
    ])?;
    let dose = mg_to_umol(75.0 * 1.8, DOCETAXEL_MG_PER_UMOL);
    let events: Vec<Event> = (0..6)
        .map(|k| Event::dose(21.0 * f64::from(k), "docetaxel.central", dose))
        .collect();
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-8, 1e-10)
        .output(Output::Every(1.0));

    let start = Instant::now();
    let trajectory = simulate(&model, (0.0, 730.0), &events, &options)?;
    let elapsed = start.elapsed();

    println!("docetaxel 135 mg every 21 days x 6, Gompertz sites, 730 days (BDF)");
    println!(
        "{:>6} {:>14} {:>14} {:>14}",
        "day", "primary", "lung", "liver"
    );
    let primary = trajectory.column("primary.cells")?;
    let lung = trajectory.column("lung.cells")?;
    let liver = trajectory.column("liver.cells")?;
    for (row, day) in trajectory.times().iter().enumerate() {
        if row % 42 == 0 || row + 1 == trajectory.len() {
            println!(
                "{day:>6.0} {:>14.4e} {:>14.4e} {:>14.4e}",
                primary[row], lung[row], liver[row]
            );
        }
    }
    let stats = trajectory.stats();
    println!(
        "solver: {} steps, {} rejected, {} rhs evaluations, {} segments, {:.2} ms",
        stats.steps,
        stats.rejected_steps,
        stats.rhs_evaluations,
        stats.segments,
        elapsed.as_secs_f64() * 1e3
    );
    let csv = out_dir.join("trajectory.csv");
    let json = out_dir.join("trajectory.json");
    trajectory.write_csv(&csv)?;
    trajectory.write_json(&json)?;
    println!("wrote {} and {}", csv.display(), json.display());
    Ok(())
}
