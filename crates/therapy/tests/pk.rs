//! Integration tests of `oncodyn-therapy`: errors through the public API, thread safety,
//! and properties of linear PK (dose splitting, linearity, superposition, positivity,
//! agreement of `simulate` with the exact solution) over random parameters and schedules.

use oncodyn_core::testing::{assert_all_passed, check_submodel};
use oncodyn_core::validation::Fidelity;
use oncodyn_core::{simulate, Error, Event, Method, Model, Output, Parameters, SolverOptions};
use oncodyn_therapy::{validation, LinearPk, LinearPkParams};
use proptest::prelude::*;

/// `|a - b| <= rel * max(|b|, floor)`: relative, except for values decayed below `floor`
/// (where solver noise at the absolute tolerance, 1e-13 here, dominates).
fn close(a: f64, b: f64, rel: f64, floor: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(floor)
}

fn simulate_states(
    pk: &LinearPk,
    events: &[Event],
    horizon: f64,
    method: Method,
) -> Result<Vec<Vec<f64>>, Error> {
    let model = Model::new(vec![Box::new(pk.clone())])?;
    let options = SolverOptions::with_method(method)
        .tolerances(1e-11, 1e-13)
        .output(Output::Every(horizon / 8.0));
    let trajectory = simulate(&model, (0.0, horizon), events, &options)?;
    let n = pk.compartments() + 1;
    Ok((0..trajectory.len())
        .filter_map(|r| trajectory.row(r).map(|row| row[..n].to_vec()))
        .collect())
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<LinearPk>();
    assert_send_sync::<LinearPkParams>();
}

#[test]
fn submodel_contract_holds() {
    let pk = LinearPk::docetaxel().unwrap();
    let problems = check_submodel(&pk, None);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn validation_suite_quick_passes() {
    let records = validation::run(Fidelity::Quick).unwrap();
    assert_all_passed(&records);
}

#[test]
fn nan_rate_is_an_invalid_parameter() {
    let p = LinearPkParams::docetaxel_bruno_1996();
    let result = p.with("k10", f64::NAN);
    assert!(matches!(
        result,
        Err(Error::InvalidParameter { ref model, ref name, .. }) if model == "LinearPk" && name == "k10"
    ));
    let mut values = p.values();
    values[4] = f64::NAN;
    assert!(matches!(
        LinearPkParams::from_values(&values),
        Err(Error::InvalidParameter { ref name, .. }) if name == "k31"
    ));
}

#[test]
fn negative_volume_is_an_invalid_parameter() {
    let p = LinearPkParams {
        v1: -7.4,
        ..LinearPkParams::docetaxel_bruno_1996()
    };
    assert!(matches!(
        LinearPk::new("docetaxel", p),
        Err(Error::InvalidParameter { ref name, value, .. }) if name == "v1" && value < 0.0
    ));
}

#[test]
fn dose_into_an_unknown_state_is_reported_with_a_hint() {
    let pk = LinearPk::docetaxel().unwrap();
    let model = Model::new(vec![Box::new(pk)]).unwrap();
    let events = [Event::dose(0.0, "docetaxel.centrl", 100.0)];
    let result = simulate(&model, (0.0, 1.0), &events, &SolverOptions::default());
    assert!(matches!(
        result,
        Err(Error::UnknownState { ref name, ref hint })
            if name == "docetaxel.centrl" && hint.as_deref() == Some("docetaxel.central")
    ));
}

#[test]
fn concentration_is_published_as_a_column() {
    let pk = LinearPk::docetaxel().unwrap();
    let events = [pk.bolus(0.0, 74.0)];
    let model = Model::new(vec![Box::new(pk)]).unwrap();
    let options = SolverOptions::default().output(Output::Times(vec![0.0, 0.5]));
    let trajectory = simulate(&model, (0.0, 0.5), &events, &options).unwrap();
    let central = trajectory.column("docetaxel.central").unwrap();
    let concentration = trajectory.column("docetaxel.concentration").unwrap();
    assert!(close(concentration[0], 10.0, 1e-12, 0.0));
    assert!(close(concentration[1], central[1] / 7.4, 1e-12, 0.0));
}

#[test]
fn infusion_event_matches_exact_infusion() {
    let pk = LinearPk::docetaxel().unwrap();
    // One-hour infusion of 167 umol, as given clinically.
    let events = [pk.infusion(0.0, 1.0 / 24.0, 167.0)];
    let model = Model::new(vec![Box::new(pk.clone())]).unwrap();
    let times = vec![0.02, 1.0 / 24.0, 0.5, 2.0];
    let options = SolverOptions::default()
        .tolerances(1e-11, 1e-14)
        .output(Output::Times(times.clone()));
    let trajectory = simulate(&model, (0.0, 2.0), &events, &options).unwrap();
    let exact = pk
        .exact(&[], &[(0.0, 1.0 / 24.0, 167.0 * 24.0)], &times)
        .unwrap();
    for (r, row) in exact.iter().enumerate() {
        let simulated = trajectory.row(r).unwrap();
        for (c, expected) in row.iter().enumerate() {
            assert!(
                close(simulated[c], *expected, 1e-8, 1e-6),
                "row {r} column {c}: {} vs {expected}",
                simulated[c]
            );
        }
    }
}

/// Random valid parameters with 1, 2 or 3 compartments.
fn params() -> impl Strategy<Value = LinearPkParams> {
    (
        1usize..=3,
        0.1f64..200.0,
        prop::array::uniform4(0.05f64..50.0),
        0.5f64..50.0,
    )
        .prop_map(|(compartments, k10, [k12, k21, k13, k31], v1)| {
            let p = LinearPkParams {
                k10,
                k12,
                k21,
                k13,
                k31,
                v1,
            };
            match compartments {
                1 => LinearPkParams::one_compartment(k10, v1),
                2 => LinearPkParams::two_compartment(k10, k12, k21, v1),
                _ => p,
            }
        })
}

/// Random boluses `(time in [0, 4) day, amount in [0, 200] umol)`, sorted by time.
fn doses() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((0.0f64..4.0, 0.0f64..200.0), 1..5).prop_map(|mut d| {
        d.sort_by(|a, b| a.0.total_cmp(&b.0));
        d
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn two_half_doses_equal_one_dose(p in params(), first in 1.0f64..100.0, t in 0.5f64..3.0, amount in 1.0f64..200.0) {
        let pk = LinearPk::new("drug", p).unwrap();
        let split = [pk.bolus(0.0, first), pk.bolus(t, amount / 2.0), pk.bolus(t, amount / 2.0)];
        let whole = [pk.bolus(0.0, first), pk.bolus(t, amount)];
        let a = simulate_states(&pk, &split, 4.0, Method::Bdf).unwrap();
        let b = simulate_states(&pk, &whole, 4.0, Method::Bdf).unwrap();
        prop_assert_eq!(a.len(), b.len());
        for (ra, rb) in a.iter().zip(&b) {
            for (x, y) in ra.iter().zip(rb) {
                prop_assert!(close(*x, *y, 1e-9, 1e-3), "{} vs {}", x, y);
            }
        }
    }

    #[test]
    fn doubling_every_dose_doubles_every_amount(p in params(), d in doses()) {
        let pk = LinearPk::new("drug", p).unwrap();
        let events: Vec<Event> = d.iter().map(|&(t, a)| pk.bolus(t, a)).collect();
        let doubled: Vec<Event> = d.iter().map(|&(t, a)| pk.bolus(t, 2.0 * a)).collect();
        let single = simulate_states(&pk, &events, 6.0, Method::Dopri5).unwrap();
        let double = simulate_states(&pk, &doubled, 6.0, Method::Dopri5).unwrap();
        for (rs, rd) in single.iter().zip(&double) {
            for (s, x2) in rs.iter().zip(rd) {
                prop_assert!(close(*x2, 2.0 * s, 1e-8, 1e-3), "{} vs 2 x {}", x2, s);
            }
        }
        // The exact solution is linear too.
        let times = [1.0, 3.0, 6.0];
        let e1 = pk.exact(&d, &[], &times).unwrap();
        let d2: Vec<(f64, f64)> = d.iter().map(|&(t, a)| (t, 2.0 * a)).collect();
        let e2 = pk.exact(&d2, &[], &times).unwrap();
        for (r1, r2) in e1.iter().zip(&e2) {
            for (x, y) in r1.iter().zip(r2) {
                prop_assert!(close(*y, 2.0 * x, 1e-13, 1e-300));
            }
        }
    }

    #[test]
    fn exact_solution_superposes(p in params(), a in doses(), b in doses(), rate in 0.0f64..100.0) {
        let pk = LinearPk::new("drug", p).unwrap();
        let total: f64 = a.iter().chain(&b).map(|d| d.1).sum::<f64>() + rate;
        let times = [0.5, 2.0, 4.5, 9.0];
        let infusion = [(1.0, 2.5, rate)];
        let both: Vec<(f64, f64)> = a.iter().chain(&b).copied().collect();
        let sum = pk.exact(&both, &infusion, &times).unwrap();
        let part_a = pk.exact(&a, &[], &times).unwrap();
        let part_b = pk.exact(&b, &infusion, &times).unwrap();
        for ((s, x), y) in sum.iter().zip(&part_a).zip(&part_b) {
            for ((s, x), y) in s.iter().zip(x).zip(y) {
                prop_assert!(close(*s, x + y, 1e-11, 1e-12 * total), "{} vs {} + {}", s, x, y);
            }
        }
    }

    #[test]
    fn amounts_stay_non_negative_and_exposure_grows(p in params(), d in doses()) {
        let pk = LinearPk::new("drug", p).unwrap();
        let total: f64 = d.iter().map(|x| x.1).sum();
        let times: Vec<f64> = (0..=40).map(|k| 0.25 * f64::from(k)).collect();
        let exact = pk.exact(&d, &[], &times).unwrap();
        let n = pk.compartments();
        for row in &exact {
            prop_assert!(row.iter().all(|v| *v >= -1e-12 * total.max(1.0)), "{:?}", row);
        }
        for pair in exact.windows(2) {
            prop_assert!(pair[1][n] >= pair[0][n] - 1e-12 * pair[1][n].abs());
        }
        let events: Vec<Event> = d.iter().map(|&(t, a)| pk.bolus(t, a)).collect();
        let simulated = simulate_states(&pk, &events, 10.0, Method::Bdf).unwrap();
        for row in &simulated {
            // Solvers may overshoot zero by about the absolute tolerance (1e-13).
            prop_assert!(row.iter().all(|v| *v >= -1e-11), "{:?}", row);
        }
    }

    #[test]
    fn simulation_agrees_with_exact_solution(p in params(), d in doses()) {
        let pk = LinearPk::new("drug", p).unwrap();
        let events: Vec<Event> = d.iter().map(|&(t, a)| pk.bolus(t, a)).collect();
        let simulated = simulate_states(&pk, &events, 8.0, Method::Bdf).unwrap();
        let times: Vec<f64> = (0..=8).map(f64::from).collect();
        let exact = pk.exact(&d, &[], &times).unwrap();
        // Relative 1e-7, plus an absolute 1e-11 = 100 x the solver's absolute tolerance
        // (1e-13): amounts decayed to that level carry the solver's absolute error (a
        // former floor of 1e-13 x the total dose was below it and failed at 4e-13).
        for (s, e) in simulated.iter().zip(&exact) {
            for (x, y) in s.iter().zip(e) {
                prop_assert!((x - y).abs() <= 1e-7 * y.abs() + 1e-11, "{} vs {}", x, y);
            }
        }
    }
}
