//! Dosing properties of the composed PK + tumor model (proptest).

use approx::assert_relative_eq;
use oncodyn_core::{simulate, Event, Method, Model, Output, SolverOptions};
use oncodyn_therapy::LinearPk;
use oncodyn_tumor::{Gompertz, TumorSite};
use proptest::prelude::*;

fn patient(kd: f64) -> Model {
    let site = TumorSite::new("primary", Gompertz::new(0.002, 1e13).unwrap(), 1e10)
        .unwrap()
        .with_log_kill("docetaxel.concentration", kd)
        .unwrap();
    Model::new(vec![
        Box::new(LinearPk::docetaxel().unwrap()),
        Box::new(site),
    ])
    .unwrap()
}

fn final_cells(model: &Model, events: &[Event], horizon: f64) -> f64 {
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-10, 1e-12)
        .output(Output::Times(vec![horizon]));
    let trajectory = simulate(model, (0.0, horizon), events, &options).unwrap();
    trajectory.column("primary.cells").unwrap()[0]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// More drug never leaves more tumor cells.
    #[test]
    fn more_drug_never_leaves_more_tumor(dose in 1.0f64..400.0, extra in 0.0f64..1.0, kd in 0.1f64..5.0) {
        let model = patient(kd);
        let schedule = |amount: f64| -> Vec<Event> {
            (0..3).map(|k| Event::dose(21.0 * f64::from(k), "docetaxel.central", amount)).collect()
        };
        let fewer = final_cells(&model, &schedule(dose), 63.0);
        let more = final_cells(&model, &schedule(dose * (1.0 + extra)), 63.0);
        prop_assert!(more <= fewer * (1.0 + 1e-9), "more drug left {more} > {fewer}");
    }

    /// Two half-doses at the same time equal one dose, for the whole composed system.
    #[test]
    fn two_half_doses_equal_one_dose(dose in 1.0f64..400.0, time in 0.0f64..30.0) {
        let model = patient(2.5);
        let one = [Event::dose(time, "docetaxel.central", dose)];
        let two = [
            Event::dose(time, "docetaxel.central", dose / 2.0),
            Event::dose(time, "docetaxel.central", dose / 2.0),
        ];
        let a = final_cells(&model, &one, 40.0);
        let b = final_cells(&model, &two, 40.0);
        assert_relative_eq!(a, b, max_relative = 1e-9);
    }
}
