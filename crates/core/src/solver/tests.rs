//! Tests of the solver internals: the structured Jacobian, per-state absolute tolerances and
//! the in-place restarts of the BDF solver at events.

use super::jacobian::ModelJacobian;
use crate::error::Error;
use crate::event::Event;
use crate::model::Model;
use crate::options::{Method, Output, SolverOptions};
use crate::signal::{units, Input, Signal, Var};
use crate::simulate::simulate;
use crate::submodel::SubModel;
use crate::test_models::{Decay, Reader};
use approx::assert_relative_eq;

/// Cells moving from a blood pool `B` (dosed) to an organ `G` (starting empty) and cleared
/// there, publishing the organ's cells; optionally with an absolute-tolerance scale.
#[derive(Debug)]
struct Transfer {
    states: Vec<Var>,
    outputs: Vec<Signal>,
    scale: f64,
}

impl Transfer {
    fn new(scale: f64) -> Self {
        Self {
            states: vec![
                Var::new("blood", units::CELLS),
                Var::new("organ", units::CELLS),
            ],
            outputs: vec![Signal::single("organ.cells", units::CELLS)],
            scale,
        }
    }
}

impl SubModel for Transfer {
    fn name(&self) -> &str {
        "cells"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y.fill(0.0);
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[1];
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -20.0 * y[0];
        dy[1] = 20.0 * y[0] - 0.5 * y[1];
    }
    fn tolerance_scales(&self, scales: &mut [f64]) {
        scales.fill(self.scale);
    }
}

/// A tumor-like reader of `organ.cells`: `dX/dt = (0.1 - 1e-9 organ) X`.
#[derive(Debug)]
struct Target {
    states: Vec<Var>,
    inputs: Vec<Input>,
}

impl SubModel for Target {
    fn name(&self) -> &str {
        "target"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = 1e6;
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        dy[0] = (0.1 - 1e-9 * inputs[0]) * y[0];
    }
}

fn target() -> Target {
    Target {
        states: vec![Var::new("cells", units::CELLS)],
        inputs: vec![Input::required("organ.cells", units::CELLS)],
    }
}

/// Closed form of [`Transfer`] after a bolus `dose` into an empty blood pool, at `t` days.
fn transfer_exact(dose: f64, t: f64) -> (f64, f64) {
    let blood = dose * (-20.0 * t).exp();
    let organ = dose * 20.0 / 19.5 * ((-0.5 * t).exp() - (-20.0 * t).exp());
    (blood, organ)
}

#[test]
fn structured_jacobian_matches_full_forward_differences() {
    let model = Model::new(vec![
        Box::new(Decay::new("a", 0.7, 3.0)),
        Box::new(Reader::new(units::PER_DAY)),
        Box::new(Decay::new("b", 2.0, 5.0)),
        Box::new(Transfer::new(1.0)),
        Box::new(target()),
    ])
    .unwrap();
    let n = model.n_states();
    let x: Vec<f64> = (0..n).map(|i| 1.5 + i as f64).collect();
    let mut jacobian = ModelJacobian::new(&model);
    let mut ws = model.workspace();
    let mut f0 = vec![0.0; n];
    model.rhs(0.3, &x, &mut f0, &mut ws);
    let mut unit = vec![0.0; n];
    let mut column = vec![0.0; n];
    let mut full = vec![0.0; n];
    for j in 0..n {
        unit.fill(0.0);
        unit[j] = 1.0;
        jacobian.times(&model, 0.3, &x, &unit, &mut column);
        let mut shifted = x.clone();
        let step = f64::EPSILON.sqrt() * (1.0 + x[j].abs());
        shifted[j] += step;
        model.rhs(0.3, &shifted, &mut full, &mut ws);
        for i in 0..n {
            let expected = (full[i] - f0[i]) / (shifted[j] - x[j]);
            assert_relative_eq!(column[i], expected, epsilon = 1e-12, max_relative = 1e-12);
        }
    }
    // Cached: one evaluation for all columns at the same point; a general vector is J v.
    assert_eq!(jacobian.evaluations(), 1);
    let v: Vec<f64> = (0..n).map(|i| 0.5 - i as f64).collect();
    let mut jv = vec![0.0; n];
    jacobian.times(&model, 0.3, &x, &v, &mut jv);
    let mut sum = vec![0.0; n];
    for j in 0..n {
        unit.fill(0.0);
        unit[j] = 1.0;
        jacobian.times(&model, 0.3, &x, &unit, &mut column);
        for i in 0..n {
            sum[i] += column[i] * v[j];
        }
    }
    for (a, b) in jv.iter().zip(&sum) {
        assert_relative_eq!(*a, *b, max_relative = 1e-12, epsilon = 1e-12);
    }
    assert_eq!(jacobian.evaluations(), 1);
}

#[test]
fn tolerance_scales_default_to_one_and_must_be_positive() {
    let model = Model::new(vec![
        Box::new(Decay::new("a", 0.7, 3.0)),
        Box::new(Transfer::new(1e6)),
    ])
    .unwrap();
    assert_eq!(model.tolerance_scales().len(), 3);
    assert_relative_eq!(model.tolerance_scales()[0], 1.0);
    assert_relative_eq!(model.tolerance_scales()[1], 1e6);
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            Model::new(vec![Box::new(Transfer::new(bad))]),
            Err(Error::InconsistentParameters { ref model, .. }) if model == "cells"
        ));
    }
}

#[test]
fn restarts_in_place_follow_repeated_doses_and_infusions() {
    let model = Model::new(vec![Box::new(Decay::new("drug", 0.5, 0.0))]).unwrap();
    let mut events: Vec<Event> = (0..12)
        .map(|k| Event::dose(2.5 * k as f64, "drug.amount", 10.0 + k as f64))
        .collect();
    events.push(Event::infusion(30.0, 2.0, "drug.amount", 8.0));
    let times: Vec<f64> = (0..=80).map(|k| 0.5 * k as f64).collect();
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-10, 1e-12)
        .output(Output::Times(times.clone()));
    let trajectory = simulate(&model, (0.0, 40.0), &events, &options).unwrap();
    let amount = trajectory.column("drug.amount").unwrap();
    for (t, a) in times.iter().zip(&amount) {
        let mut exact = 0.0;
        for k in 0..12 {
            let at = 2.5 * k as f64;
            if *t >= at {
                exact += (10.0 + k as f64) * (-0.5 * (t - at)).exp();
            }
        }
        // 4 umol/day on [30, 32): rate/k (1 - e^{-k s}) e^{-k (t - 32)} after it.
        let on = (t.min(32.0) - 30.0).max(0.0);
        exact += 8.0 * (1.0 - (-0.5 * on).exp()) * (-0.5 * (t - 30.0 - on)).exp();
        assert_relative_eq!(*a, exact, max_relative = 1e-7, epsilon = 1e-9);
    }
    // 12 dose times, the infusion's start and end and the span end: 14 segments.
    assert_eq!(trajectory.stats().segments, 14);
}

#[test]
fn scaled_tolerances_resolve_a_population_entering_an_empty_compartment() {
    let events = [Event::dose(1.0, "cells.blood", 1e8)];
    let times = vec![1.05, 1.5, 3.0, 10.0];
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-6, 1e-6)
        .output(Output::Times(times.clone()));
    let mut steps = Vec::new();
    for scale in [1.0, 1e6] {
        let model = Model::new(vec![Box::new(Transfer::new(scale)), Box::new(target())]).unwrap();
        let trajectory = simulate(&model, (0.0, 10.0), &events, &options).unwrap();
        let organ = trajectory.column("cells.organ").unwrap();
        for (t, value) in times.iter().zip(&organ) {
            let (_, exact) = transfer_exact(1e8, t - 1.0);
            assert_relative_eq!(*value, exact, max_relative = 1e-4);
        }
        steps.push(trajectory.stats().steps);
    }
    // Resolving a 10^8-cell population to 1 cell instead of 10^-6 cells takes fewer steps.
    assert!(steps[1] < steps[0], "{steps:?}");
}

#[test]
fn events_closer_than_the_smallest_step_are_applied() {
    let model = Model::new(vec![Box::new(Decay::new("drug", 0.5, 0.0))]).unwrap();
    let events = [
        Event::dose(1.0, "drug.amount", 4.0),
        Event::dose(1.0 + 1e-14, "drug.amount", 6.0),
    ];
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-9, 1e-12)
        .output(Output::Times(vec![3.0]));
    let trajectory = simulate(&model, (0.0, 3.0), &events, &options).unwrap();
    let amount = trajectory.column("drug.amount").unwrap()[0];
    assert_relative_eq!(amount, 10.0 * (-1.0f64).exp(), max_relative = 1e-7);
}
