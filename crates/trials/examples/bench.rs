//! The trial benchmark of `docs/benchmarks.md`: per-patient-arm solve of flagship arm D at
//! rtol 1e-6 with its error at day 365 against rtol 1e-10, the cost of drawing a patient,
//! and whole trials on 1 and 2 threads.
//! `cargo run --release -p oncodyn-trials --example bench -- [PATIENTS] [RESOLUTION_DAYS]`.

use oncodyn_core::{simulate, Output, SolverOptions, Trajectory};
use oncodyn_scenario::{endpoints, Scenario};
use oncodyn_trials::{run_trial, TrialOptions};
use std::time::Instant;

/// Median wall time (ms) of `1 + extra` calls of `f`, and the last result.
fn time_ms<T>(extra: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut timed = || {
        let start = Instant::now();
        let result = f();
        times.push(start.elapsed().as_secs_f64() * 1e3);
        result
    };
    let mut last = timed();
    for _ in 0..extra {
        last = timed();
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last)
}

fn at_365(t: &Trajectory, column: &str) -> f64 {
    let values = t.column(column).unwrap_or_default();
    let row = t
        .times()
        .iter()
        .position(|&x| x >= 365.0 - 1e-9)
        .unwrap_or(0);
    values[row]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let patients: usize = args.first().map_or(Ok(1000), |a| a.parse())?;
    let scenario = Scenario::flagship()?;
    let model = scenario.model()?;
    let arm = &scenario.arms()[3];
    let span = (0.0, scenario.horizon());
    let base = scenario.solver_options(1.0)?;
    let with = |rtol: f64, step: f64| -> SolverOptions {
        base.clone()
            .tolerances(rtol, base.atol)
            .output(Output::Every(step))
    };
    let (_, reference) = time_ms(0, || simulate(&model, span, &arm.events, &with(1e-10, 1.0)));
    let reference = reference?;
    println!("## Flagship arm D, one patient-arm (median of 15 runs)\n");
    println!("| rtol | output step (day) | solve (ms) | steps | rhs evals | endpoints (ms) | rel. err P(365) | Circ(365) | E(365) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (rtol, step) in [
        (1e-6, 1.0),
        (1e-6, 0.1),
        (1e-6, 0.01),
        (1e-8, 0.01),
        (1e-10, 0.01),
    ] {
        let options = with(rtol, step);
        let (solve, trajectory) = time_ms(14, || simulate(&model, span, &arm.events, &options));
        let trajectory = trajectory?;
        let (ends, _) = time_ms(14, || endpoints(&scenario, &trajectory));
        let err = |c: &str| {
            ((at_365(&trajectory, c) - at_365(&reference, c)) / at_365(&reference, c)).abs()
        };
        let stats = trajectory.stats();
        println!(
            "| {rtol:e} | {step} | {solve:.2} | {} | {} | {ends:.2} | {:.1e} | {:.1e} | {:.1e} |",
            stats.steps,
            stats.rhs_evaluations,
            err("primary.cells"),
            err("neutrophils.circulating"),
            err("effectors.cells")
        );
    }
    let (draw, _) = time_ms(20, || {
        scenario.with_values(&[("tumor_site.primary.growth.r", 0.0021)])
    });
    println!("\nDrawing a patient (`Scenario::with_values`, 1 path): {draw:.3} ms\n");

    let resolutions: Vec<f64> = match args.get(1) {
        Some(r) => vec![r.parse()?],
        None => vec![0.01, 0.1],
    };
    println!("## Flagship trial, {patients} patients x 6 arms (rtol 1e-6)\n");
    println!(
        "| endpoint resolution (day) | threads | wall time (s) | ms per patient-arm x threads |"
    );
    println!("|---|---|---|---|");
    let mut outputs = Vec::new();
    for &resolution in &resolutions {
        for threads in [1, 2] {
            let options = TrialOptions {
                patients,
                threads,
                resolution_days: resolution,
                ..TrialOptions::for_scenario(&scenario)
            };
            let start = Instant::now();
            let output = run_trial(&scenario, &options, &|_| {})?;
            let wall = start.elapsed().as_secs_f64();
            println!(
                "| {resolution} | {threads} | {wall:.1} | {:.2} |",
                1e3 * wall * threads as f64 / (patients * output.arms.len()) as f64
            );
            if threads == 1 {
                outputs.push(output);
            }
        }
    }
    if let [fine, coarse] = &outputs[..] {
        let (mut os, mut g3, mut g4, mut nadir, mut bor, mut pfs) =
            (0f64, 0f64, 0f64, (0f64, 0f64, 0f64), 0, 0);
        for (a, b) in fine.records.iter().zip(&coarse.records) {
            for (x, y) in a.arms.iter().zip(&b.arms) {
                os = os.max((x.os_days - y.os_days).abs());
                let d =
                    |p: Option<f64>, q: Option<f64>| (p.unwrap_or(0.0) - q.unwrap_or(0.0)).abs();
                g3 = g3.max(d(x.days_grade3_or_worse, y.days_grade3_or_worse));
                g4 = g4.max(d(x.days_grade4, y.days_grade4));
                let diff = d(x.lowest_nadir, y.lowest_nadir);
                let reference = x.lowest_nadir.unwrap_or(1.0);
                if diff / reference > nadir.0 {
                    nadir = (diff / reference, diff, reference);
                }
                bor += usize::from(x.best_overall_response != y.best_overall_response);
                pfs += usize::from(
                    (x.pfs_days - y.pfs_days).abs() > 0.0 || x.pfs_event != y.pfs_event,
                );
            }
        }
        println!(
            "\nResolution {} vs {} day, over {} patient-arms: max |dOS| {os:.3} d, max |d days grade>=3| {g3:.3} d, \
             max |d days grade 4| {g4:.3} d, max rel. d lowest nadir {:.1e} ({:.1e} x 10^9/L at a nadir of {:.1e}); {bor} best responses and {pfs} PFS differ.",
            resolutions[1], resolutions[0], patients * 6, nadir.0, nadir.1, nadir.2
        );
    }
    Ok(())
}
