//! Per-patient solve of the flagship scenario (plain harness, `cargo bench -p oncodyn-tests
//! --bench flagship [-- RTOL ATOL ...]`): arm D (docetaxel, engineered stem cells,
//! anti-PD-1; 730 days, every dose) with BDF, output at days 365 and 730.
//!
//! Prints, per tolerance pair, the median wall time and the mean thread CPU time per
//! patient-arm, steps, rejected steps, right-hand-side evaluations, and the relative error
//! at day 365 of the primary tumor P, circulating neutrophils Circ and effectors E against a
//! reference solved at rtol = atol = 1e-10. Then the same errors over a small virtual
//! population (the flagship's log-normal parameters at fixed quantiles): the median and
//! the largest error, since one patient's error depends on how the local errors of its
//! ~2,500 steps happen to cancel. No timing is asserted anywhere.
//!
//! Then, for every arm, the cost per patient-arm of simulating and computing the endpoints
//! as a trial does (step monitor) against the former 0.01-day grid.
//!
//! Environment: `FLAGSHIP_RUNS` (minimum timed runs, default 21; the timing also runs for
//! at least 2 s), `FLAGSHIP_PATIENTS` (population size, default 16; 0 skips it).

use oncodyn_core::{simulate, Event, Method, Model, Output, SolverOptions, Trajectory};
use oncodyn_scenario::{endpoints, simulate_endpoints, Scenario};
use std::hint::black_box;
use std::time::Instant;

type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Watched columns at day 365.
const WATCHED: [(&str, &str); 3] = [
    ("P", "primary.cells"),
    ("Circ", "neutrophils.circulating"),
    ("E", "effectors.cells"),
];

/// CPU time of this thread (seconds), from `/proc/thread-self/stat` (Linux; clock ticks of
/// 10 ms): unlike wall time it is not inflated when other processes compete for the cores.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Median wall time and mean thread CPU time (seconds) per call of `f`, over at least `runs`
/// calls and at least `budget` seconds (so that the CPU time is resolved to a few %).
fn time_per_call(runs: usize, budget: f64, mut f: impl FnMut()) -> (f64, f64) {
    let mut wall = Vec::new();
    let total = Instant::now();
    let cpu_start = thread_cpu_seconds();
    while wall.len() < runs.max(1) || total.elapsed().as_secs_f64() < budget {
        let start = Instant::now();
        f();
        wall.push(start.elapsed().as_secs_f64());
    }
    let cpu = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) => (b - a) / wall.len() as f64,
        _ => f64::NAN,
    };
    wall.sort_by(f64::total_cmp);
    (wall[wall.len() / 2], cpu)
}

fn options(rtol: f64, atol: f64) -> SolverOptions {
    SolverOptions::with_method(Method::Bdf)
        .tolerances(rtol, atol)
        .output(Output::Times(vec![365.0, 730.0]))
}

fn run(model: &Model, events: &[Event], options: &SolverOptions) -> Res<Trajectory> {
    Ok(simulate(model, (0.0, 730.0), events, options)?)
}

/// P, Circ and E at day 365.
fn day365(trajectory: &Trajectory) -> Res<Vec<f64>> {
    WATCHED
        .iter()
        .map(|(_, column)| Ok(trajectory.column(column)?[0]))
        .collect()
}

fn relative_errors(values: &[f64], exact: &[f64]) -> Vec<f64> {
    values
        .iter()
        .zip(exact)
        .map(|(v, e)| ((v - e) / e).abs())
        .collect()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Patient `k` of `n`: the flagship's log-normal parameters (path, coefficient of variation)
/// at deterministic standard-normal scores spread over the quantiles.
fn patient(scenario: &Scenario, k: usize, n: usize) -> Res<Scenario> {
    let parameters: [(&[&str], f64); 9] = [
        (
            &[
                "tumor_site.primary.growth.r",
                "tumor_site.lung.growth.r",
                "tumor_site.liver.growth.r",
            ],
            0.25,
        ),
        (
            &[
                "tumor_site.primary.kill.0.kd",
                "tumor_site.lung.kill.0.kd",
                "tumor_site.liver.kill.0.kd",
            ],
            0.5,
        ),
        (&["tumor_site.primary.initial_cells"], 0.5),
        (&["tumor_site.lung.initial_cells"], 1.0),
        (&["tumor_site.liver.initial_cells"], 1.0),
        (&["neutrophils.neutrophils.params.circ0"], 0.25),
        (&["neutrophils.neutrophils.params.slope"], 0.4),
        (&["stem_cells.engineered.params.eta_max"], 0.6),
        (&["effectors.effectors.params.s"], 0.5),
    ];
    let mut changes = Vec::new();
    for (j, (paths, cv)) in parameters.iter().enumerate() {
        // A Latin-square-like score in (-2, 2): each parameter cycles through the quantiles
        // with its own stride.
        let u = ((k * (2 * j + 3) + j) % n) as f64 + 0.5;
        let z = 4.0 * (u / n as f64) - 2.0;
        let sigma = (1.0 + cv * cv).ln().sqrt();
        for path in paths.iter() {
            changes.push((*path, scenario.value_at(path)? * (sigma * z).exp()));
        }
    }
    Ok(scenario.with_values(&changes)?)
}

fn main() -> Res<()> {
    let scenario = Scenario::flagship()?;
    let model = scenario.model()?;
    let arm = &scenario.arms()[3];
    let events = &arm.events;
    println!(
        "flagship arm {} ({}): {} states, {} events, 730 days, BDF, output at days 365 and 730",
        arm.name,
        arm.label,
        model.n_states(),
        events.len()
    );
    let reference = run(&model, events, &options(1e-10, 1e-10))?;
    let exact = day365(&reference)?;
    let rstats = reference.stats();
    println!(
        "reference rtol 1e-10 atol 1e-10: {} steps, {} RHS evaluations; day 365: P {:.9e}, Circ {:.9e}, E {:.9e}",
        rstats.steps, rstats.rhs_evaluations, exact[0], exact[1], exact[2]
    );
    let mut tolerances = vec![(1e-6, 1e-6), (1e-6, 1e-8)];
    let args: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if args.len() >= 2 {
        tolerances = args.chunks_exact(2).map(|c| (c[0], c[1])).collect();
    }
    let runs = env_usize("FLAGSHIP_RUNS", 21);
    println!(
        "{:>7} {:>7} {:>10} {:>9} {:>6} {:>5} {:>6} {:>5} {:>5} {:>6} {:>9} {:>9} {:>9}",
        "rtol",
        "atol",
        "wall (ms)",
        "cpu (ms)",
        "steps",
        "rej",
        "rhs",
        "jac",
        "lu",
        "newton",
        "err P",
        "err Circ",
        "err E"
    );
    for &(rtol, atol) in &tolerances {
        let options = options(rtol, atol);
        let trajectory = run(&model, events, &options)?;
        let stats = trajectory.stats();
        let errors = relative_errors(&day365(&trajectory)?, &exact);
        let budget = if runs == 0 { 0.0 } else { 2.0 };
        let (wall, cpu) = time_per_call(runs, budget, || {
            let _ = black_box(run(&model, events, &options));
        });
        println!(
            "{:>7.0e} {:>7.0e} {:>10.3} {:>9.3} {:>6} {:>5} {:>6} {:>5} {:>5} {:>6} {:>9.1e} {:>9.1e} {:>9.1e}",
            rtol,
            atol,
            wall * 1e3,
            cpu * 1e3,
            stats.steps,
            stats.rejected_steps,
            stats.rhs_evaluations,
            stats.jacobian_evaluations,
            stats.lu_factorisations,
            stats.newton_iterations,
            errors[0],
            errors[1],
            errors[2]
        );
    }

    // What a trial does per patient and arm: simulate and locate the endpoints on the
    // solver's steps (step monitor), against recording a 0.01-day grid (73,001 rows) and
    // reducing it, as trials did before the monitor.
    let budget = if runs == 0 { 0.0 } else { 2.0 };
    println!("per patient-arm with endpoints (rtol 1e-6, atol 1e-6), cpu ms: step monitor / 0.01-day grid");
    let mut total = (0.0, 0.0);
    for arm in scenario.arms() {
        let options = scenario.solver_options(0.01)?.tolerances(1e-6, 1e-6);
        let (_, monitored) = time_per_call(runs.min(5), budget, || {
            let _ = black_box(simulate_endpoints(
                &scenario,
                &model,
                &arm.events,
                &options,
                None,
            ));
        });
        let (_, grid) = time_per_call(runs.min(5), budget, || {
            let _ = black_box(
                run(&model, &arm.events, &options).and_then(|t| Ok(endpoints(&scenario, &t)?)),
            );
        });
        total = (total.0 + monitored, total.1 + grid);
        println!(
            "  arm {} ({}): {:.3} / {:.3}",
            arm.name,
            arm.label,
            monitored * 1e3,
            grid * 1e3
        );
    }
    println!(
        "  mean over the six arms: {:.3} / {:.3}",
        total.0 / 6.0 * 1e3,
        total.1 / 6.0 * 1e3
    );

    let patients = env_usize("FLAGSHIP_PATIENTS", 16);
    if patients == 0 {
        return Ok(());
    }
    println!(
        "population of {patients} patients (arm D): relative error at day 365, median / largest"
    );
    for &(rtol, atol) in &tolerances {
        let mut errors: Vec<Vec<f64>> = vec![Vec::new(); WATCHED.len()];
        let mut steps = 0;
        for k in 0..patients {
            let drawn = patient(&scenario, k, patients)?;
            let model = drawn.model()?;
            let events = &drawn.arms()[3].events;
            let exact = day365(&run(&model, events, &self::options(1e-10, 1e-10))?)?;
            let trajectory = run(&model, events, &self::options(rtol, atol))?;
            steps += trajectory.stats().steps;
            for (list, e) in errors
                .iter_mut()
                .zip(relative_errors(&day365(&trajectory)?, &exact))
            {
                list.push(e);
            }
        }
        let summary: Vec<String> = WATCHED
            .iter()
            .zip(errors.iter_mut())
            .map(|((name, _), list)| {
                list.sort_by(f64::total_cmp);
                format!(
                    "{name} {:.1e} / {:.1e}",
                    list[list.len() / 2],
                    list[list.len() - 1]
                )
            })
            .collect();
        println!(
            "  rtol {rtol:.0e} atol {atol:.0e}: mean steps {}; {}",
            steps / patients,
            summary.join(", ")
        );
    }
    Ok(())
}
