//! Unit tests of the toxicity endpoints on series with known answers.

use super::*;
use approx::assert_relative_eq;

fn series(f: impl Fn(f64) -> f64, end: f64, step: f64) -> Series {
    let n = (end / step).round() as usize;
    let times: Vec<f64> = (0..=n).map(|k| k as f64 * step).collect();
    let values = times.iter().map(|&t| f(t)).collect();
    Series::new(times, values).unwrap()
}

#[test]
fn nadir_of_a_parabola_is_exact_between_rows() {
    let s = series(|t| 0.5 + (t - 3.3) * (t - 3.3), 10.0, 1.0);
    let nadir = s.nadir();
    assert_relative_eq!(nadir.day, 3.3, max_relative = 1e-12);
    assert_relative_eq!(nadir.value, 0.5, max_relative = 1e-12);
}

#[test]
fn window_edges_are_not_refined() {
    // Decreasing over the first window: its nadir is its last row.
    let s = series(|t| 10.0 - t, 10.0, 1.0);
    let cycles = s.per_cycle_nadirs(5.0, 2).unwrap();
    assert_relative_eq!(cycles[0].day, 4.0);
    assert_relative_eq!(cycles[0].value, 6.0);
    assert_relative_eq!(cycles[1].day, 9.0);
    assert!(matches!(
        s.per_cycle_nadirs(5.0, 4),
        Err(Error::InvalidOption { .. })
    ));
    assert!(matches!(
        s.per_cycle_nadirs(0.0, 1),
        Err(Error::InvalidOption {
            name: "cycle length",
            ..
        })
    ));
}

#[test]
fn time_below_interpolates_crossings() {
    // |t - 5| < 2 on (3, 7): 4 days, crossings between rows of step 0.3.
    let s = series(|t| (t - 5.0).abs(), 10.0, 0.3 + 1e-12);
    assert_relative_eq!(s.time_below(2.0).unwrap(), 4.0, max_relative = 1e-9);
    assert_relative_eq!(
        s.time_below_in(2.0, 0.0, 5.0).unwrap(),
        2.0,
        max_relative = 1e-9
    );
    assert_relative_eq!(s.time_below(-1.0).unwrap(), 0.0);
    assert!(matches!(
        s.time_below_in(1.0, f64::NAN, 3.0),
        Err(Error::InvalidOption {
            name: "window start",
            ..
        })
    ));
    assert!(matches!(
        s.recovery(1.0, f64::INFINITY),
        Err(Error::InvalidOption {
            name: "start time",
            ..
        })
    ));
    assert!(matches!(
        s.time_below(f64::NAN),
        Err(Error::InvalidOption {
            name: "threshold",
            ..
        })
    ));
}

#[test]
fn recovery_is_the_first_return_after_the_nadir() {
    let s = series(
        |t| 5.0 - 4.0 * (-(t - 8.0) * (t - 8.0) / 10.0).exp(),
        30.0,
        0.5,
    );
    // 5 - 4 exp(-(t-8)^2/10) >= 3  <=>  (t - 8)^2 >= 10 ln 2.
    let expected = 8.0 + (10.0 * std::f64::consts::LN_2).sqrt();
    let recovery = s.recovery(3.0, 0.0).unwrap().day().unwrap();
    assert!(
        (recovery - expected).abs() < 0.01,
        "{recovery} vs {expected}"
    );
    assert_eq!(s.recovery(6.0, 0.0).unwrap(), Recovery::NotRecovered);
    assert_eq!(s.recovery(0.5, 0.0).unwrap(), Recovery::NeverBelow);
    // A second, deeper dip later does not move the first recovery.
    let twice = series(
        |t| {
            if t < 20.0 {
                5.0 - 2.0 * (-(t - 5.0) * (t - 5.0)).exp()
            } else {
                5.0 - 4.0 * (-(t - 25.0) * (t - 25.0)).exp()
            }
        },
        30.0,
        0.01,
    );
    let first = twice.recovery(4.0, 0.0).unwrap().day().unwrap();
    assert!(first < 10.0, "{first}");
    assert!(twice.recovery(4.0, 15.0).unwrap().day().unwrap() > 25.0);
    assert_relative_eq!(s.first_at_or_above(3.0, 0.0).unwrap().unwrap(), 0.0);
}

#[test]
fn ctcae_grades_follow_v5_bounds() {
    let lln = 2.0;
    let grade = |anc| NeutropeniaGrade::of(anc, lln).unwrap();
    assert_eq!(grade(2.5), NeutropeniaGrade::None);
    assert_eq!(grade(1.8), NeutropeniaGrade::Grade1);
    assert_eq!(grade(1.5), NeutropeniaGrade::Grade1);
    assert_eq!(grade(1.2), NeutropeniaGrade::Grade2);
    assert_eq!(grade(1.0), NeutropeniaGrade::Grade2);
    assert_eq!(grade(0.99), NeutropeniaGrade::Grade3);
    assert_eq!(grade(0.5), NeutropeniaGrade::Grade3);
    assert_eq!(grade(0.49), NeutropeniaGrade::Grade4);
    assert!(NeutropeniaGrade::Grade4 > NeutropeniaGrade::Grade3);
    assert!(matches!(
        NeutropeniaGrade::of(-0.1, lln),
        Err(Error::InvalidOption { .. })
    ));
    assert!(matches!(
        NeutropeniaGrade::of(1.0, 0.0),
        Err(Error::InvalidOption { .. })
    ));
    let s = series(|t| 0.3 + (t - 5.0).abs() * 0.2, 10.0, 0.1);
    assert_eq!(
        s.worst_neutropenia_grade(lln).unwrap(),
        NeutropeniaGrade::Grade4
    );
    // below 0.5: |t - 5| < 1 -> 2 days; below 1.0: |t - 5| < 3.5 -> 7 days.
    let g4 = s
        .time_at_grade_or_worse(NeutropeniaGrade::Grade4, lln)
        .unwrap();
    let g3 = s
        .time_at_grade_or_worse(NeutropeniaGrade::Grade3, lln)
        .unwrap();
    assert_relative_eq!(g4, 2.0, max_relative = 1e-9);
    assert_relative_eq!(g3, 7.0, max_relative = 1e-9);
}

#[test]
fn malformed_series_are_errors() {
    assert!(matches!(
        Series::new(vec![], vec![]),
        Err(Error::InvalidOption { .. })
    ));
    assert!(matches!(
        Series::new(vec![0.0, 1.0], vec![1.0]),
        Err(Error::InvalidOption { .. })
    ));
    assert!(matches!(
        Series::new(vec![1.0, 0.0], vec![1.0, 1.0]),
        Err(Error::InvalidOption {
            name: "series time",
            ..
        })
    ));
    assert!(matches!(
        Series::new(vec![0.0, 1.0], vec![1.0, f64::NAN]),
        Err(Error::InvalidOption {
            name: "series value",
            ..
        })
    ));
}
