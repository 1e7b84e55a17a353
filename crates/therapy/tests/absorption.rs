//! Integration tests of first-order absorption, the event-driven exact solution and the
//! antibody model: agreement of `simulate` with the exact solution, dose splitting with
//! absorption, mass balance, antibody half-life, and errors through the public API.

use approx::assert_relative_eq;
use oncodyn_core::testing::check_submodel;
use oncodyn_core::{
    simulate, Error, Event, Method, Model, Output, Parameters, SolverOptions, SubModel,
};
use oncodyn_therapy::{
    AbsorptionParams, Antibody, AntibodyParams, LinearPk, LinearPkParams, Regimen, RegimenSpec,
};
use proptest::prelude::*;

/// The states of `pk` at `times` (BDF, rtol 1e-11, atol 1e-13).
fn simulate_rows(pk: &LinearPk, events: &[Event], times: &[f64]) -> Result<Vec<Vec<f64>>, Error> {
    let model = Model::new(vec![Box::new(pk.clone())])?;
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-11, 1e-13)
        .output(Output::Times(times.to_vec()));
    let horizon = times.iter().copied().fold(0.0, f64::max);
    let trajectory = simulate(&model, (0.0, horizon), events, &options)?;
    let n = pk.states().len();
    Ok((0..trajectory.len())
        .filter_map(|r| trajectory.row(r).map(|row| row[..n].to_vec()))
        .collect())
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<AbsorptionParams>();
    assert_send_sync::<Antibody>();
    assert_send_sync::<AntibodyParams>();
}

#[test]
fn submodel_contracts_hold() {
    let oral = LinearPk::with_absorption(
        "oral",
        LinearPkParams::docetaxel_bruno_1996(),
        AbsorptionParams::new(10.0, 0.5),
    )
    .unwrap();
    assert!(check_submodel(&oral, None).is_empty());
    assert!(check_submodel(&LinearPk::docetaxel_onoue().unwrap(), None).is_empty());
    assert!(check_submodel(&Antibody::anti_pd1().unwrap(), None).is_empty());
}

#[test]
fn exact_events_matches_exact_and_ignores_other_submodels() {
    let pk = LinearPk::docetaxel().unwrap();
    let regimen = Regimen::new(
        RegimenSpec::per_bsa(pk.central_state(), 75.0, 1.8)
            .molar_mass(0.808)
            .cycles(3, 21.0)
            .infusion_hours(1.0),
    )
    .unwrap();
    let mut events = regimen.events();
    events.push(Event::dose(5.0, "anti_pd1.central", 200.0));
    events.push(Event::radiation(6.0, None, 2.0));
    let times = [0.5, 21.0 + 1.0 / 48.0, 50.0];
    let from_events = pk.exact_events(&events, &times).unwrap();
    let rate = 135.0 / 0.808 * 24.0;
    let infusions: Vec<(f64, f64, f64)> = regimen
        .times()
        .iter()
        .map(|&t| (t, t + 1.0 / 24.0, rate))
        .collect();
    let direct = pk.exact(&[], &infusions, &times).unwrap();
    for (a, b) in from_events.iter().zip(&direct) {
        for (x, y) in a.iter().zip(b) {
            assert_relative_eq!(*x, *y, max_relative = 1e-12);
        }
    }
}

#[test]
fn exact_events_reports_bad_events() {
    let pk = LinearPk::docetaxel().unwrap();
    let typo = [Event::dose(0.0, "docetaxel.centrl", 1.0)];
    assert!(matches!(pk.exact_events(&typo, &[1.0]),
        Err(Error::UnknownState { ref hint, .. }) if hint.as_deref() == Some("docetaxel.central")));
    let negative = [pk.bolus(0.0, 1.0), pk.bolus(1.0, -1.0)];
    assert!(matches!(
        pk.exact_events(&negative, &[2.0]),
        Err(Error::InvalidEvent { index: 1, .. })
    ));
    let backwards = [Event::Infusion {
        start: 1.0,
        end: 0.5,
        state: "docetaxel.central".into(),
        rate: 1.0,
    }];
    assert!(matches!(
        pk.exact_events(&backwards, &[2.0]),
        Err(Error::InvalidEvent { index: 0, .. })
    ));
    assert!(matches!(
        pk.exact_events(&[], &[f64::NAN]),
        Err(Error::InvalidOption { .. })
    ));
}

#[test]
fn infusion_into_the_depot_is_exact_too() {
    let pk = LinearPk::with_absorption(
        "sc",
        LinearPkParams::one_compartment(0.5, 3.0),
        AbsorptionParams::new(2.0, 0.7),
    )
    .unwrap();
    let events = [Event::infusion(0.0, 2.0, "sc.depot", 40.0)];
    let times = [1.0, 2.0, 5.0, 12.0];
    let exact = pk.exact_events(&events, &times).unwrap();
    let simulated = simulate_rows(&pk, &events, &times).unwrap();
    assert_eq!(simulated.len(), times.len());
    for (e, s) in exact.iter().zip(&simulated) {
        for (x, y) in s.iter().zip(e) {
            assert!((x - y).abs() <= 1e-8 * y.abs() + 1e-11, "{x} vs {y}");
        }
    }
}

#[test]
fn antibody_halves_every_22_days_in_a_model() {
    let ab = Antibody::anti_pd1().unwrap();
    let events = [ab.dose(0.0, 200.0)];
    let model = Model::new(vec![Box::new(ab.clone())]).unwrap();
    let options = SolverOptions::default().output(Output::Times(vec![11.0, 22.0, 66.0]));
    let trajectory = simulate(&model, (0.0, 66.0), &events, &options).unwrap();
    let amount = trajectory.column("anti_pd1.amount").unwrap();
    let concentration = trajectory.column("anti_pd1.concentration").unwrap();
    assert_relative_eq!(amount[0], 200.0 / 2f64.sqrt(), max_relative = 1e-8);
    assert_relative_eq!(amount[1], 100.0, max_relative = 1e-8);
    assert_relative_eq!(amount[2], 25.0, max_relative = 1e-8);
    assert_relative_eq!(concentration[1], 100.0 / 6.0, max_relative = 1e-8);
    let p = AntibodyParams::anti_pd1();
    assert!(matches!(p.with("volume", 0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "volume"));
    assert_relative_eq!(p.clearance(), 6.0 * std::f64::consts::LN_2 / 22.0);
}

/// Random valid distribution parameters with 1, 2 or 3 compartments, and absorption.
fn oral_params() -> impl Strategy<Value = (LinearPkParams, AbsorptionParams)> {
    (
        1usize..=3,
        0.1f64..100.0,
        prop::array::uniform4(0.05f64..30.0),
        0.5f64..50.0,
        0.05f64..50.0,
        0.05f64..=1.0,
    )
        .prop_map(|(n, k10, [k12, k21, k13, k31], v1, ka, f)| {
            let params = match n {
                1 => LinearPkParams::one_compartment(k10, v1),
                2 => LinearPkParams::two_compartment(k10, k12, k21, v1),
                _ => LinearPkParams {
                    k10,
                    k12,
                    k21,
                    k13,
                    k31,
                    v1,
                },
            };
            (params, AbsorptionParams::new(ka, f))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn two_half_doses_equal_one_dose_with_absorption(
        (params, absorption) in oral_params(), first in 1.0f64..100.0, t in 0.5f64..3.0,
        amount in 1.0f64..200.0,
    ) {
        let pk = LinearPk::with_absorption("oral", params, absorption).unwrap();
        let dose = |time: f64, a: f64| pk.depot_dose(time, a).unwrap();
        let split = [dose(0.0, first), dose(t, amount / 2.0), dose(t, amount / 2.0)];
        let whole = [dose(0.0, first), dose(t, amount)];
        let times = [0.5, 1.0, 2.0, 3.0, 4.0];
        let a = simulate_rows(&pk, &split, &times).unwrap();
        let b = simulate_rows(&pk, &whole, &times).unwrap();
        prop_assert_eq!(a.len(), times.len());
        for (ra, rb) in a.iter().zip(&b) {
            for (x, y) in ra.iter().zip(rb) {
                prop_assert!((x - y).abs() <= 1e-9 * y.abs() + 1e-11, "{} vs {}", x, y);
            }
        }
        // And in the exact solution.
        let ea = pk.exact_events(&split, &times).unwrap();
        let eb = pk.exact_events(&whole, &times).unwrap();
        for (ra, rb) in ea.iter().zip(&eb) {
            for (x, y) in ra.iter().zip(rb) {
                prop_assert!((x - y).abs() <= 1e-12 * y.abs() + 1e-300, "{} vs {}", x, y);
            }
        }
    }

    #[test]
    fn absorption_simulation_agrees_with_exact_and_conserves_mass(
        (params, absorption) in oral_params(), dose in 1.0f64..500.0, t in 0.0f64..2.0,
    ) {
        let pk = LinearPk::with_absorption("oral", params, absorption).unwrap();
        let events = [pk.depot_dose(t, dose).unwrap()];
        let times = [0.5, 1.0, 2.5, 4.0];
        let exact = pk.exact_events(&events, &times).unwrap();
        let simulated = simulate_rows(&pk, &events, &times).unwrap();
        prop_assert_eq!(simulated.len(), times.len());
        for (s, e) in simulated.iter().zip(&exact) {
            for (x, y) in s.iter().zip(e) {
                prop_assert!((x - y).abs() <= 1e-7 * y.abs() + 1e-11, "{} vs {}", x, y);
                prop_assert!(*y >= -1e-12 * dose);
            }
        }
        // Drug in the body never exceeds what was absorbed: sum of amounts <= dose.
        let n = pk.compartments();
        let f = pk.absorption().unwrap().bioavailability;
        for row in &exact {
            let depot = row[n + 1];
            let body: f64 = row[..n].iter().sum();
            prop_assert!(body <= f * (dose - depot) * (1.0 + 1e-12) + 1e-300);
            prop_assert!(depot <= dose * (1.0 + 1e-12));
        }
    }
}
