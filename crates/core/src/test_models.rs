//! Small sub-models for core's own tests: exponential decay with doses, an additive hazard
//! publisher and a reader that requires a signal.

use crate::event::Broadcast;
use crate::signal::{units, Input, Signal, Var};
use crate::submodel::SubModel;

/// `dA/dt = -k A + 0 * hazard`; halves its state on a radiation fraction.
#[derive(Debug)]
pub(crate) struct Decay {
    pub name: String,
    pub k: f64,
    pub initial: f64,
    pub states: Vec<Var>,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Signal>,
}

impl Decay {
    pub fn new(name: &str, k: f64, initial: f64) -> Self {
        Self {
            name: name.into(),
            k,
            initial,
            states: vec![Var::new("amount", units::UMOL)],
            inputs: vec![Input::optional(
                format!("{name}.extra"),
                units::PER_DAY,
                0.0,
            )],
            outputs: vec![Signal::sum("shared.hazard", units::PER_DAY)],
        }
    }
}

impl SubModel for Decay {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.initial;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = 0.1 * y[0];
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -(self.k + inputs[0]) * y[0];
    }
    fn on_event(&self, event: &Broadcast, y: &mut [f64]) {
        #[allow(irrefutable_let_patterns)]
        if let Broadcast::RadiationFraction { .. } = event {
            y[0] *= 0.5;
        }
    }
}

/// `dX/dt = -h X` where `h` is the required signal `shared.hazard`.
#[derive(Debug)]
pub(crate) struct Reader {
    pub states: Vec<Var>,
    pub inputs: Vec<Input>,
}

impl Reader {
    pub fn new(unit: &str) -> Self {
        Self {
            states: vec![Var::new("cells", units::CELLS)],
            inputs: vec![Input::required("shared.hazard", unit)],
        }
    }
}

impl SubModel for Reader {
    fn name(&self) -> &str {
        "reader"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = 1.0;
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -inputs[0] * y[0];
    }
}

/// `dy/dt = y^2` from 1: blows up at t = 1.
#[derive(Debug)]
pub(crate) struct BlowUp {
    pub states: Vec<Var>,
}

impl SubModel for BlowUp {
    fn name(&self) -> &str {
        "blowup"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = 1.0;
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = y[0] * y[0];
    }
}
