//! Tests of composition, events, both solver paths and error reporting.

use crate::options::{Method, Output, SolverOptions};
use crate::test_models::{BlowUp, Decay, Reader};
use crate::{simulate, units, Error, Event, Model, Var};
use approx::assert_relative_eq;

const METHODS: [Method; 3] = [Method::Dopri5, Method::Dop853, Method::Bdf];

fn options(method: Method, output: Output) -> SolverOptions {
    SolverOptions::with_method(method)
        .tolerances(1e-11, 1e-13)
        .output(output)
}

fn decay_model(k: f64) -> Model {
    Model::new(vec![Box::new(Decay::new("drug", k, 0.0))]).unwrap()
}

#[test]
fn end_point_is_exact_for_any_output_step() {
    // Regression guard: ode_solvers 0.6.2 dense output records an extrapolated value at
    // x_end (1.5 % off with output step 1 on [0, 2], 143 % with step 2).
    let model = Model::new(vec![Box::new(Decay::new("drug", 1.0, 1.0))]).unwrap();
    for method in METHODS {
        for step in [1.0, 2.0, 0.7] {
            let trajectory = simulate(
                &model,
                (0.0, 2.0),
                &[],
                &options(method, Output::Every(step)),
            )
            .unwrap();
            let amount = trajectory.column("drug.amount").unwrap();
            let last = *amount.last().unwrap();
            assert_relative_eq!(last, (-2.0f64).exp(), max_relative = 1e-8);
            for (t, a) in trajectory.times().iter().zip(&amount) {
                assert_relative_eq!(*a, (-t).exp(), max_relative = 1e-8);
            }
        }
    }
}

#[test]
fn doses_are_applied_between_segments_and_recorded_post_dose() {
    let model = decay_model(0.5);
    let events = [
        Event::dose(1.0, "drug.amount", 10.0),
        Event::dose(3.0, "drug.amount", 5.0),
    ];
    for method in METHODS {
        let output = Output::Times(vec![0.0, 1.0, 2.0, 3.0, 5.0]);
        let trajectory = simulate(&model, (0.0, 5.0), &events, &options(method, output)).unwrap();
        let a = trajectory.column("drug.amount").unwrap();
        let exact = |t: f64| {
            let mut v = 0.0;
            if t >= 1.0 {
                v += 10.0 * (-0.5 * (t - 1.0)).exp();
            }
            if t >= 3.0 {
                v += 5.0 * (-0.5 * (t - 3.0)).exp();
            }
            v
        };
        for (t, value) in trajectory.times().iter().zip(&a) {
            assert_relative_eq!(*value, exact(*t), max_relative = 1e-8, epsilon = 1e-12);
        }
    }
}

#[test]
fn infusion_matches_closed_form() {
    let model = decay_model(2.0);
    // 8 units over [1, 3): rate 4/day.
    let events = [Event::infusion(1.0, 2.0, "drug.amount", 8.0)];
    for method in METHODS {
        let trajectory = simulate(
            &model,
            (0.0, 6.0),
            &events,
            &options(method, Output::Times(vec![2.0, 3.0, 6.0])),
        )
        .unwrap();
        let a = trajectory.column("drug.amount").unwrap();
        let during = |t: f64| 4.0 / 2.0 * (1.0 - (-2.0 * (t - 1.0)).exp());
        assert_relative_eq!(a[0], during(2.0), max_relative = 1e-8);
        assert_relative_eq!(a[1], during(3.0), max_relative = 1e-8);
        assert_relative_eq!(
            a[2],
            during(3.0) * (-2.0f64 * 3.0).exp(),
            max_relative = 1e-8
        );
    }
}

#[test]
fn additive_signal_sums_publishers_and_reader_sees_it() {
    let model = Model::new(vec![
        Box::new(Decay::new("a", 0.0, 2.0)),
        Box::new(Decay::new("b", 0.0, 3.0)),
        Box::new(Reader::new(units::PER_DAY)),
    ])
    .unwrap();
    let opts = options(Method::Dopri5, Output::Times(vec![2.0]));
    let trajectory = simulate(&model, (0.0, 2.0), &[], &opts).unwrap();
    // hazard = 0.1 * (2 + 3) = 0.5/day, constant.
    let cells = trajectory.column("reader.cells").unwrap();
    assert_relative_eq!(cells[0], (-1.0f64).exp(), max_relative = 1e-9);
    let hazard = trajectory.column("shared.hazard").unwrap();
    assert_relative_eq!(hazard[0], 0.5, max_relative = 1e-12);
}

#[test]
fn broadcast_reaches_only_its_target() {
    let model = Model::new(vec![
        Box::new(Decay::new("a", 0.0, 1.0)),
        Box::new(Decay::new("b", 0.0, 1.0)),
    ])
    .unwrap();
    let events = [
        Event::radiation(1.0, Some("a"), 2.0),
        Event::radiation(1.5, None, 2.0),
    ];
    let opts = options(Method::Dopri5, Output::Times(vec![2.0]));
    let trajectory = simulate(&model, (0.0, 2.0), &events, &opts).unwrap();
    assert_relative_eq!(
        trajectory.column("a.amount").unwrap()[0],
        0.25,
        max_relative = 1e-12
    );
    assert_relative_eq!(
        trajectory.column("b.amount").unwrap()[0],
        0.5,
        max_relative = 1e-12
    );
}

#[test]
fn composition_errors_are_precise() {
    let missing = Model::new(vec![Box::new(Reader::new(units::PER_DAY))]);
    assert!(
        matches!(missing, Err(Error::MissingSignal { ref signal, ref reader, .. })
        if signal == "shared.hazard" && reader == "reader")
    );
    let wrong_unit = Model::new(vec![
        Box::new(Decay::new("a", 0.0, 1.0)),
        Box::new(Reader::new(units::CELLS)),
    ]);
    assert!(
        matches!(wrong_unit, Err(Error::UnitMismatch { ref expected, ref found, .. })
        if expected == units::PER_DAY && found == units::CELLS)
    );
    let duplicate = Model::new(vec![
        Box::new(Decay::new("a", 0.0, 1.0)),
        Box::new(Decay::new("a", 0.0, 1.0)),
    ]);
    assert!(matches!(
        duplicate,
        Err(Error::DuplicateName {
            kind: "sub-model",
            ..
        })
    ));
    let bad_name = Model::new(vec![Box::new(Decay::new("a b", 0.0, 1.0))]);
    assert!(matches!(bad_name, Err(Error::InvalidName { .. })));
    // Another sub-model may not publish a signal named like b's state ...
    let mut clash = Decay::new("a", 0.0, 1.0);
    clash.outputs = vec![crate::Signal::single("b.amount", units::UMOL)];
    let clash = Model::new(vec![Box::new(clash), Box::new(Decay::new("b", 0.0, 1.0))]);
    assert!(
        matches!(clash, Err(Error::DuplicateName { kind: "state and signal", ref name }) if name == "b.amount")
    );
    // ... but b may republish its own state under that name.
    let mut own = Decay::new("b", 0.0, 1.0);
    own.outputs = vec![crate::Signal::single("b.amount", units::UMOL)];
    assert!(Model::new(vec![Box::new(Decay::new("a", 0.0, 1.0)), Box::new(own)]).is_ok());
}

#[test]
fn probes_read_states_and_summed_signals() {
    let model = Model::new(vec![
        Box::new(Decay::new("a", 1.0, 2.0)),
        Box::new(Decay::new("b", 1.0, 3.0)),
    ])
    .unwrap();
    let y = model.initial_state();
    let mut ws = model.workspace();
    let state = model.probe("b.amount").unwrap();
    assert_eq!(state.state_index(), Some(1));
    assert_eq!(
        state.value(&model, 0.0, &y, &mut ws).to_bits(),
        3f64.to_bits()
    );
    // `shared.hazard` sums 0.1 x amount over both publishers.
    let signal = model.probe("shared.hazard").unwrap();
    assert_eq!(signal.state_index(), None);
    assert_relative_eq!(
        signal.value(&model, 0.0, &y, &mut ws),
        0.5,
        max_relative = 1e-15
    );
    assert!(matches!(
        model.probe("shared.hazrd"),
        Err(Error::UnknownState { hint: Some(ref h), .. }) if h == "shared.hazard"
    ));
}

/// Records every step and locates when the decaying amount falls below 1 (exactly
/// `ln(initial) / k` after a dose at t = 0, and again after a second dose).
struct BelowOne {
    previous: f64,
    crossings: Vec<crate::Crossing>,
    steps: usize,
    last_end: f64,
}

impl crate::Monitor for BelowOne {
    fn on_step(&mut self, step: &crate::Step<'_>) -> crate::Result<()> {
        assert!(step.start() >= self.last_end - 1e-12 && step.end() > step.start());
        self.last_end = step.end();
        self.steps += 1;
        let g_end = step.state()[0] - 1.0;
        let mut dy = [0.0];
        step.interpolate_derivative(step.end(), &mut dy)?;
        assert_relative_eq!(dy[0], -0.5 * step.state()[0], max_relative = 1e-4);
        assert!(step.interpolate(step.end() + 1.0, &mut [0.0]).is_err());
        if let Some(c) =
            crate::locate_crossing(step, self.previous, g_end, 1e-12, &mut |_, y, _| y[0] - 1.0)?
        {
            self.crossings.push(c);
        }
        self.previous = g_end;
        Ok(())
    }
    fn on_events(&mut self, _time: f64, _before: &[f64], after: &[f64]) -> crate::Result<()> {
        self.previous = after[0] - 1.0;
        Ok(())
    }
}

#[test]
fn a_monitor_locates_crossings_on_the_dense_output() {
    let model = Model::new(vec![Box::new(Decay::new("drug", 0.5, 0.0))]).unwrap();
    let events = [
        Event::dose(0.0, "drug.amount", 8.0),
        Event::dose(10.0, "drug.amount", 4.0),
    ];
    let options = SolverOptions::default().output(Output::Times(vec![]));
    let mut monitor = BelowOne {
        previous: f64::NAN,
        crossings: Vec::new(),
        steps: 0,
        last_end: 0.0,
    };
    let trajectory =
        crate::simulate_monitored(&model, (0.0, 20.0), &events, &options, &mut monitor).unwrap();
    assert_eq!(monitor.steps, trajectory.stats().steps);
    assert_eq!(monitor.crossings.len(), 2);
    let first = 8f64.ln() / 0.5;
    // After day 10 the amount is 4 + 8 e^-5; it falls below 1 at 10 + ln(4 + 8 e^-5) / 0.5.
    let second = 10.0 + (4.0 + 8.0 * (-5.0f64).exp()).ln() / 0.5;
    assert!(monitor
        .crossings
        .iter()
        .all(|c| c.direction == crate::Direction::Falling));
    assert_relative_eq!(monitor.crossings[0].time, first, max_relative = 1e-8);
    assert_relative_eq!(monitor.crossings[1].time, second, max_relative = 1e-8);
    let explicit = SolverOptions::with_method(Method::Dopri5);
    assert!(matches!(
        crate::simulate_monitored(&model, (0.0, 20.0), &events, &explicit, &mut monitor),
        Err(Error::InvalidOption { name: "method", .. })
    ));
}

#[test]
fn event_and_span_errors_are_precise() {
    let model = decay_model(1.0);
    let opts = SolverOptions::default();
    let unknown = simulate(
        &model,
        (0.0, 1.0),
        &[Event::dose(0.5, "drug.amuont", 1.0)],
        &opts,
    );
    assert!(matches!(unknown, Err(Error::UnknownState { ref hint, .. })
        if hint.as_deref() == Some("drug.amount")));
    let outside = simulate(
        &model,
        (0.0, 1.0),
        &[Event::dose(2.0, "drug.amount", 1.0)],
        &opts,
    );
    assert!(matches!(
        outside,
        Err(Error::EventOutsideSpan { index: 0, .. })
    ));
    let unsorted = [
        Event::dose(0.5, "drug.amount", 1.0),
        Event::dose(0.2, "drug.amount", 1.0),
    ];
    assert!(matches!(
        simulate(&model, (0.0, 1.0), &unsorted, &opts),
        Err(Error::UnsortedEvents { index: 1, .. })
    ));
    assert!(matches!(
        simulate(&model, (1.0, 1.0), &[], &opts),
        Err(Error::InvalidSpan { .. })
    ));
    assert!(matches!(
        simulate(&model, (0.0, f64::NAN), &[], &opts),
        Err(Error::InvalidSpan { .. })
    ));
    let negative = simulate(
        &model,
        (0.0, 1.0),
        &[Event::dose(0.5, "drug.amount", -1.0)],
        &opts,
    );
    assert!(matches!(
        negative,
        Err(Error::InvalidEvent { index: 0, .. })
    ));
    let target = simulate(
        &model,
        (0.0, 1.0),
        &[Event::radiation(0.5, Some("lugn"), 2.0)],
        &opts,
    );
    assert!(matches!(target, Err(Error::UnknownTarget { .. })));
    let step = SolverOptions::default().output(Output::Every(-0.5));
    assert!(matches!(
        simulate(&model, (0.0, 1.0), &[], &step),
        Err(Error::InvalidOption {
            name: "output step",
            ..
        })
    ));
}

#[test]
fn blow_up_is_an_error_naming_time_and_state() {
    let model = Model::new(vec![Box::new(BlowUp {
        states: vec![Var::new("x", units::CELLS)],
    })])
    .unwrap();
    for method in METHODS {
        let result = simulate(&model, (0.0, 2.0), &[], &SolverOptions::with_method(method));
        match result {
            Err(Error::SolverFailed {
                time, ref state, ..
            })
            | Err(Error::NonFiniteState {
                time, ref state, ..
            }) => {
                assert_eq!(state, "blowup.x", "{method:?}");
                assert!(
                    time > 0.9 && time <= 1.0 + 1e-6,
                    "{method:?} failed at {time}"
                );
            }
            other => panic!("{method:?}: expected a solver failure, got {other:?}"),
        }
    }
}

#[test]
fn step_limit_is_an_error() {
    let model = decay_model(1.0);
    let mut opts = SolverOptions::with_method(Method::Dopri5);
    opts.max_steps = 3;
    let result = simulate(
        &model,
        (0.0, 100.0),
        &[Event::dose(0.0, "drug.amount", 1.0)],
        &opts,
    );
    assert!(
        matches!(result, Err(Error::SolverFailed { .. })),
        "{result:?}"
    );
}

#[test]
fn csv_and_json_exports_are_written() {
    let model = decay_model(1.0);
    let trajectory = simulate(&model, (0.0, 2.0), &[], &SolverOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("nested/out.csv");
    trajectory.write_csv(&csv_path).unwrap();
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.starts_with("time [day],drug.amount [umol],shared.hazard [1/day]"));
    assert_eq!(text.lines().count(), 1 + trajectory.len());
    let json_path = dir.path().join("out.json");
    trajectory.write_json(&json_path).unwrap();
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(parsed["times"].as_array().unwrap().len(), trajectory.len());
}

#[test]
fn unknown_column_suggests_nearest() {
    let trajectory = simulate(
        &decay_model(1.0),
        (0.0, 1.0),
        &[],
        &SolverOptions::default(),
    )
    .unwrap();
    assert!(matches!(
        trajectory.column("drug.amout"),
        Err(Error::UnknownColumn { hint: Some(_), .. })
    ));
}

#[test]
fn model_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Model>();
    assert_send_sync::<crate::Trajectory>();
    assert_send_sync::<SolverOptions>();
}
