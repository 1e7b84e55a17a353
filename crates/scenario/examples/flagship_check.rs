//! Prints the flagship validation table (development aid).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = std::time::Instant::now();
    let records = oncodyn_scenario::validation::run(oncodyn_core::validation::Fidelity::Full)?;
    for r in &records {
        println!(
            "{:<5} {:<60} {:>16} {:>16.9e}",
            if r.passed { "ok" } else { "FAIL" },
            r.case,
            r.expected.map_or("-".into(), |e| format!("{e:.9e}")),
            r.actual
        );
    }
    println!("{:.3} s", start.elapsed().as_secs_f64());
    Ok(())
}
