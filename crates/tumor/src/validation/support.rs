//! Helper sub-models and runners shared by the validation suites.

use oncodyn_core::{
    simulate, units, Event, Method, Model, Output, Result, Signal, SolverOptions, SubModel, Var,
};

/// A drug concentration `C(t)` (uM) that decays at rate `k` (1/day) from `c0` (uM) and is
/// published as `<name>.concentration`; constant when `k = 0`. Doses add to `<name>.level`.
#[derive(Debug)]
pub(super) struct DecayingDrug {
    name: String,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    c0: f64,
    k: f64,
}

impl DecayingDrug {
    /// A drug called `name` starting at `c0` uM and decaying at `k` per day.
    pub(super) fn new(name: &str, c0: f64, k: f64) -> Self {
        Self {
            name: name.to_string(),
            states: vec![Var::new("level", units::UM)],
            outputs: vec![Signal::single(format!("{name}.concentration"), units::UM)],
            c0,
            k,
        }
    }
}

impl SubModel for DecayingDrug {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.c0;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0];
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -self.k * y[0];
    }
}

/// Dop853 with `rtol = 1e-12`, `atol = 1e-12`, recording at `times` (days).
pub(super) fn tight_options(times: &[f64]) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-12)
        .output(Output::Times(times.to_vec()))
}

/// Simulates `submodels` over `(0, end)` with `events` and returns the column `column` at
/// the sorted `times` (days, the last one is the end of the span).
pub(super) fn column_at(
    submodels: Vec<Box<dyn SubModel>>,
    events: &[Event],
    column: &str,
    times: &[f64],
) -> Result<Vec<f64>> {
    let model = Model::new(submodels)?;
    let end = times.last().copied().unwrap_or(1.0);
    let trajectory = simulate(&model, (0.0, end), events, &tight_options(times))?;
    trajectory.column(column)
}
