//! Endpoint accuracy of trial tolerances (`cargo bench -p oncodyn-tests --bench
//! trial_tolerance [-- PATIENTS]`): the bundled flagship trial (seed 7, default 100
//! patients × 6 arms, 2 threads) at rtol 1e-6 with atol 1e-10, 1e-8 and 1e-6, against the
//! same cohort at rtol 1e-10, atol 1e-12. Prints the number of patient-arms whose best
//! overall response or progression day differs from the reference, and the median, 99th
//! percentile and largest absolute error of the death day (day), lowest nadir
//! (10^9/L), days of grade ≥ 3 and grade 4 neutropenia (day) and best change of the sum of
//! diameters (percentage points); and the wall time of each trial. This is the measurement
//! behind `oncodyn_trials::TRIAL_ATOL`; nothing is asserted.

use oncodyn_scenario::Scenario;
use oncodyn_trials::{run_trial, TrialOptions, TrialOutput};
use std::time::Instant;

type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn trial(scenario: &Scenario, patients: usize, rtol: f64, atol: f64) -> Res<(TrialOutput, f64)> {
    let options = TrialOptions {
        patients,
        seed: 7,
        threads: 2,
        rtol,
        atol,
        ..TrialOptions::for_scenario(scenario)
    };
    let start = Instant::now();
    let output = run_trial(scenario, &options, &|_| {})?;
    Ok((output, start.elapsed().as_secs_f64()))
}

fn main() -> Res<()> {
    let scenario = Scenario::flagship()?;
    let patients = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    let (reference, seconds) = trial(&scenario, patients, 1e-10, 1e-12)?;
    println!("{patients} patients × 6 arms; reference rtol 1e-10 atol 1e-12: {seconds:.2} s");
    for atol in [1e-10, 1e-8, 1e-6] {
        let (output, seconds) = trial(&scenario, patients, 1e-6, atol)?;
        let names = [
            "death day",
            "lowest nadir",
            "days grade>=3",
            "days grade 4",
            "best change",
        ];
        let mut errors: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
        let mut categorical = 0;
        for (exact, approximate) in reference.records.iter().zip(&output.records) {
            for (a, b) in exact.arms.iter().zip(&approximate.arms) {
                if a.best_overall_response != b.best_overall_response
                    || a.progression_day != b.progression_day
                {
                    categorical += 1;
                }
                let pairs = [
                    (a.death_day, b.death_day),
                    (a.lowest_nadir, b.lowest_nadir),
                    (a.days_grade3_or_worse, b.days_grade3_or_worse),
                    (a.days_grade4, b.days_grade4),
                    (a.best_change_pct, b.best_change_pct),
                ];
                for (list, pair) in errors.iter_mut().zip(pairs) {
                    match pair {
                        (Some(x), Some(y)) => list.push((x - y).abs()),
                        (None, None) => {}
                        _ => list.push(f64::INFINITY),
                    }
                }
            }
        }
        let mut line = format!(
            "rtol 1e-6 atol {atol:.0e}: {seconds:.2} s; categorical mismatches {categorical}"
        );
        for (name, mut list) in names.iter().zip(errors) {
            if list.is_empty() {
                continue;
            }
            list.sort_by(f64::total_cmp);
            let at = |q: f64| list[((list.len() - 1) as f64 * q) as usize];
            line += &format!(
                "; {name} {:.1e} / {:.1e} / {:.1e}",
                at(0.5),
                at(0.99),
                at(1.0)
            );
        }
        println!("{line}");
    }
    Ok(())
}
