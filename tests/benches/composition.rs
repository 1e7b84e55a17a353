//! Benchmarks (plain harness, `cargo bench -p oncodyn-tests`):
//! (a) right-hand-side cost of a composed model versus the same equations hand-written;
//! (b) one 730-day docetaxel + Gompertz patient with six doses, explicit versus stiff path,
//!     with step and RHS-evaluation counts.
//! Timings are medians over repeated runs; no timing is asserted anywhere.

use oncodyn_core::Result;
use oncodyn_core::{simulate, Event, Method, Model, Output, SolverOptions};
use oncodyn_tests::validation::{composed_model, hand_written_model};
use oncodyn_therapy::{mg_to_umol, LinearPk, DOCETAXEL_MG_PER_UMOL};
use oncodyn_tumor::{Gompertz, TumorSite};
use std::hint::black_box;
use std::time::Instant;

/// Median wall time (seconds) of `runs` calls of `f`.
fn median_seconds(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn rhs_cost(model: &Model, evaluations: usize) -> f64 {
    let y: Vec<f64> = model
        .initial_state()
        .iter()
        .enumerate()
        .map(|(i, v)| v + 1.0 + i as f64)
        .collect();
    let mut dy = vec![0.0; y.len()];
    let mut workspace = model.workspace();
    median_seconds(15, || {
        for k in 0..evaluations {
            model.rhs(
                black_box(k as f64 * 1e-6),
                black_box(&y),
                &mut dy,
                &mut workspace,
            );
            black_box(&dy);
        }
    }) / evaluations as f64
}

fn patient() -> Result<Model> {
    let site = TumorSite::new("primary", Gompertz::new(0.002, 1e13)?, 1e10)?
        .with_log_kill("docetaxel.concentration", 2.5)?;
    Model::new(vec![Box::new(LinearPk::docetaxel()?), Box::new(site)])
}

fn main() -> Result<()> {
    // (a) RHS cost.
    let composed = composed_model()?;
    let hand = hand_written_model()?;
    let n = 2_000_000;
    let composed_ns = rhs_cost(&composed, n) * 1e9;
    let hand_ns = rhs_cost(&hand, n) * 1e9;
    println!("(a) right-hand side, 7 states (PK + Gompertz site + 2 hazard publishers)");
    println!("    composed model:   {composed_ns:8.1} ns/evaluation");
    println!("    hand-written:     {hand_ns:8.1} ns/evaluation");
    println!("    ratio:            {:8.2}x", composed_ns / hand_ns);

    // (b) One patient, 730 days, six docetaxel doses.
    let model = patient()?;
    let dose = mg_to_umol(135.0, DOCETAXEL_MG_PER_UMOL);
    let events: Vec<Event> = (0..6)
        .map(|k| Event::dose(21.0 * f64::from(k), "docetaxel.central", dose))
        .collect();
    println!("(b) 730-day docetaxel (3 compartments) + Gompertz patient, 6 doses, daily output");
    println!(
        "    {:<8} {:>10} {:>10} {:>9} {:>10} {:>12} {:>16}",
        "method", "rtol", "atol", "steps", "rejected", "rhs evals", "median time (ms)"
    );
    for (method, rtol, atol) in [
        (Method::Dopri5, 1e-6, 1e-8),
        (Method::Bdf, 1e-6, 1e-8),
        (Method::Dopri5, 1e-8, 1e-10),
        (Method::Bdf, 1e-8, 1e-10),
        (Method::Dop853, 1e-10, 1e-12),
        (Method::Bdf, 1e-10, 1e-12),
    ] {
        let options = SolverOptions::with_method(method)
            .tolerances(rtol, atol)
            .output(Output::Every(1.0));
        let trajectory = simulate(&model, (0.0, 730.0), &events, &options)?;
        let stats = trajectory.stats();
        let seconds = median_seconds(11, || {
            let _ = black_box(simulate(&model, (0.0, 730.0), &events, &options));
        });
        println!(
            "    {:<8} {:>10.0e} {:>10.0e} {:>9} {:>10} {:>12} {:>16.3}",
            format!("{method:?}"),
            rtol,
            atol,
            stats.steps,
            stats.rejected_steps,
            stats.rhs_evaluations,
            seconds * 1e3
        );
    }
    Ok(())
}
