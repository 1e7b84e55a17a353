//! Runs a virtual trial of a scenario file (the bundled flagship by default) and writes its
//! outputs: `cargo run --release -p oncodyn-trials --example trial -- [SCENARIO] OUT
//! [PATIENTS] [THREADS] [RESOLUTION_DAYS]`.

use oncodyn_scenario::Scenario;
use oncodyn_trials::{run_trial, write_outputs, TrialOptions};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (scenario, rest) = match args.first() {
        Some(a) if a.ends_with(".toml") => (Scenario::read(Path::new(a))?, &args[1..]),
        _ => (Scenario::flagship()?, &args[..]),
    };
    let out = rest.first().map_or("trial-out", String::as_str);
    let mut options = TrialOptions::for_scenario(&scenario);
    if let Some(n) = rest.get(1) {
        options.patients = n.parse()?;
    }
    if let Some(t) = rest.get(2) {
        options.threads = t.parse()?;
    }
    if let Some(r) = rest.get(3) {
        options.resolution_days = r.parse()?;
    }
    let start = Instant::now();
    let output = run_trial(&scenario, &options, &|_| {})?;
    let elapsed = start.elapsed();
    write_outputs(&output, Path::new(out))?;
    println!(
        "{} patients x {} arms on {} threads: {:.2} s ({:.2} ms per patient-arm per thread)",
        options.patients,
        output.arms.len(),
        options.threads,
        elapsed.as_secs_f64(),
        1e3 * elapsed.as_secs_f64() * options.threads as f64
            / (options.patients * output.arms.len()) as f64
    );
    Ok(())
}
