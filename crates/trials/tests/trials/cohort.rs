//! Cohort tests on the small two-arm scenario: determinism across threads and shards,
//! pairing, progress, bad options, population errors and the range rule.

use oncodyn_scenario::Scenario;
use oncodyn_trials::testing::{small_trial, small_trial_with};
use oncodyn_trials::*;

pub fn small() -> Scenario {
    small_trial().unwrap()
}

pub fn small_with(edit: impl Fn(&str) -> String) -> oncodyn_scenario::Result<Scenario> {
    small_trial_with(edit)
}

pub fn options(patients: usize, threads: usize) -> TrialOptions {
    TrialOptions {
        patients,
        threads,
        ..TrialOptions::for_scenario(&small())
    }
}

fn quiet(_: usize) {}

fn bits(output: &TrialOutput) -> Vec<u8> {
    record::to_csv(&output.parameters, &output.arm_names(), &output.records).unwrap()
}

#[test]
fn results_do_not_depend_on_threads_or_shards() {
    let scenario = small();
    let single = run_trial(&scenario, &options(8, 1), &quiet).unwrap();
    assert_eq!(single.records.len(), 8);
    assert!(single.is_complete());
    let parallel = run_trial(&scenario, &options(8, 3), &quiet).unwrap();
    assert_eq!(bits(&single), bits(&parallel));
    let mut pieces = Vec::new();
    for k in 1..=3 {
        let shard = Shard::new(k, 3).unwrap();
        let part = run_trial(
            &scenario,
            &TrialOptions {
                shard: Some(shard),
                ..options(8, 2)
            },
            &quiet,
        )
        .unwrap();
        assert_eq!(part.range, shard.range(8));
        pieces.extend(part.records);
    }
    assert_eq!(pieces, single.records);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8))]
    #[test]
    fn any_split_and_thread_count_gives_the_same_records(
        patients in 1usize..7, count in 1usize..5, threads in 1usize..4
    ) {
        let scenario = small();
        let single = run_trial(&scenario, &options(patients, 1), &quiet).unwrap();
        let mut pieces = Vec::new();
        for k in 1..=count {
            let part = run_trial(
                &scenario,
                &TrialOptions { shard: Some(Shard::new(k, count).unwrap()), ..options(patients, threads) },
                &quiet,
            )
            .unwrap();
            pieces.extend(part.records);
        }
        proptest::prop_assert_eq!(bits(&single), record::to_csv(&single.parameters, &single.arm_names(), &pieces).unwrap());
    }
}

#[test]
fn patients_differ_and_arms_are_paired() {
    let output = run_trial(&small(), &options(4, 2), &quiet).unwrap();
    let r: Vec<f64> = output.records.iter().map(|p| p.values[0]).collect();
    assert!(r.windows(2).all(|w| (w[0] - w[1]).abs() > 0.0));
    // Paired design: the higher dose never leaves more tumor than the lower one.
    for p in &output.records {
        assert!(p.arms[1].final_burden_cells <= p.arms[0].final_burden_cells * (1.0 + 1e-3));
    }
}

#[test]
fn progress_is_reported_once_per_patient() {
    let count = std::sync::atomic::AtomicUsize::new(0);
    let progress = |n: usize| {
        count.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    };
    run_trial(&small(), &options(5, 2), &progress).unwrap();
    assert_eq!(count.into_inner(), 5);
}

#[test]
fn bad_options_are_refused() {
    let scenario = small();
    let zero = run_trial(&scenario, &options(0, 1), &quiet);
    assert!(matches!(
        zero,
        Err(Error::InvalidOption {
            name: "patients",
            ..
        })
    ));
    let threads = run_trial(&scenario, &options(2, 0), &quiet);
    assert!(matches!(
        threads,
        Err(Error::InvalidOption {
            name: "threads",
            ..
        })
    ));
    let rtol = TrialOptions {
        rtol: -1.0,
        ..options(2, 1)
    };
    assert!(matches!(
        rtol.validate(),
        Err(Error::InvalidOption { name: "rtol", .. })
    ));
}

#[test]
fn population_errors_name_the_entry() {
    let negative = small_with(|t| t.replace("cv = 0.8", "cv = -0.8")).unwrap();
    let err = population::Population::from_scenario(&negative).unwrap_err();
    assert!(
        matches!(&err, Error::Population { parameter, .. } if parameter == "kd"),
        "{err}"
    );
    assert!(err.to_string().contains("negative"), "{err}");
    let unknown = small_with(|t| t.replacen("\"lognormal\"", "\"lognormel\"", 1)).unwrap();
    let err = population::Population::from_scenario(&unknown).unwrap_err();
    assert!(
        err.to_string().contains("did you mean `lognormal`"),
        "{err}"
    );
    let uniform = small_with(|t| {
        t.replacen(
            "distribution = \"lognormal\"\ncv = 0.6",
            "distribution = \"uniform\"\nlow = 2.0\nhigh = 1.0",
            1,
        )
    })
    .unwrap();
    assert!(matches!(
        population::Population::from_scenario(&uniform),
        Err(Error::Population { .. })
    ));
}

#[test]
fn out_of_range_draws_are_redrawn_or_refused() {
    // A normal with a huge spread often draws negative growth rates, which the Gompertz
    // SPEC rejects: those patients are redrawn.
    let wide = small_with(|t| {
        t.replacen(
            "distribution = \"lognormal\"\ncv = 0.6",
            "distribution = \"normal\"\nsd = 0.01",
            1,
        )
    })
    .unwrap();
    let output = run_trial(
        &wide,
        &TrialOptions {
            patients: 6,
            ..options(6, 2)
        },
        &quiet,
    )
    .unwrap();
    assert!(output.records.iter().all(|p| p.values[0] > 0.0));
    assert!(output.records.iter().any(|p| p.draws > 1));
    // Always out of range: refused after MAX_DRAWS draws, naming the parameter.
    let never = small_with(|t| {
        t.replacen(
            "distribution = \"lognormal\"\ncv = 0.6",
            "distribution = \"uniform\"\nlow = -2.0\nhigh = -1.0",
            1,
        )
    })
    .unwrap();
    let err = run_trial(&never, &options(1, 1), &quiet).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Redraw {
                patient: 0,
                attempts: population::MAX_DRAWS,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("`r`"), "{err}");
}

#[test]
fn trial_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<TrialOutput>();
    check::<TrialOptions>();
    check::<population::Population>();
    check::<Error>();
}

#[test]
fn trials_loosen_tight_tolerances_to_the_trial_floors_and_keep_looser_ones() {
    // The bundled flagship asks for rtol = atol = 1e-10.
    let flagship = Scenario::flagship().unwrap();
    let options = TrialOptions::for_scenario(&flagship);
    assert_eq!(
        (options.rtol, options.atol),
        (oncodyn_trials::TRIAL_RTOL, oncodyn_trials::TRIAL_ATOL)
    );
    let loose = oncodyn_scenario::FLAGSHIP_TOML
        .replace("rtol = 1e-10", "rtol = 1e-4")
        .replace("atol = 1e-10", "atol = 1e-3");
    let loose = Scenario::from_source(oncodyn_scenario::file::Source::from_text(
        "loose.toml",
        &loose,
    ))
    .unwrap();
    let options = TrialOptions::for_scenario(&loose);
    assert_eq!((options.rtol, options.atol), (1e-4, 1e-3));
}
