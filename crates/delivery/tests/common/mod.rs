//! Private test sub-models: a Gompertz tumor site (so the tests do not depend on
//! `oncodyn-tumor`) and a publisher of constant signals.

#![allow(dead_code)]

use oncodyn_core::{units, Input, Signal, SubModel, Var};

/// A tumor site `<name>` with state `cells`, Gompertz growth `r V ln(K/V)`, publishing
/// `<name>.burden` and reading the additive `<name>.kill_hazard` (default 0).
#[derive(Debug)]
pub struct TestTumor {
    name: String,
    r: f64,
    k: f64,
    initial: f64,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl TestTumor {
    pub fn new(name: &str, r: f64, k: f64, initial: f64) -> Self {
        Self {
            name: name.into(),
            r,
            k,
            initial,
            states: vec![Var::new("cells", units::CELLS)],
            outputs: vec![Signal::single(format!("{name}.burden"), units::CELLS)],
            inputs: vec![Input::optional(
                format!("{name}.kill_hazard"),
                units::PER_DAY,
                0.0,
            )],
        }
    }
}

impl SubModel for TestTumor {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.initial;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0].max(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let v = y[0].max(1e-30);
        dy[0] = self.r * v * (self.k / v).ln() - inputs[0] * y[0];
    }
}

/// Publishes constant signals `(name, unit, value)`; no state.
#[derive(Debug)]
pub struct Constants {
    outputs: Vec<Signal>,
    values: Vec<f64>,
}

impl Constants {
    pub fn new(signals: &[(&str, &str, f64)]) -> Self {
        Self {
            outputs: signals
                .iter()
                .map(|(n, u, _)| Signal::single(*n, *u))
                .collect(),
            values: signals.iter().map(|(_, _, v)| *v).collect(),
        }
    }

    /// Constant burdens `(site, cells)`.
    pub fn burdens(sites: &[(&str, f64)]) -> Self {
        let names: Vec<(String, f64)> = sites
            .iter()
            .map(|(s, v)| (format!("{s}.burden"), *v))
            .collect();
        let signals: Vec<(&str, &str, f64)> = names
            .iter()
            .map(|(n, v)| (n.as_str(), units::CELLS, *v))
            .collect();
        Self::new(&signals)
    }
}

impl SubModel for Constants {
    fn name(&self) -> &str {
        "constants"
    }
    fn states(&self) -> &[Var] {
        &[]
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, _y: &mut [f64]) {}
    fn publish(&self, _t: f64, _y: &[f64], out: &mut [f64]) {
        out.copy_from_slice(&self.values);
    }
    fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], _dy: &mut [f64]) {}
}
