//! The [`SubModel`] trait: one mechanistic piece of a patient model.

use crate::event::Broadcast;
use crate::signal::{Input, Signal, Var};
use std::fmt;

/// A mechanistic sub-model that owns a contiguous slice of the state vector.
///
/// A [`Model`](crate::Model) lays sub-models out one after another and, at every
/// right-hand-side evaluation, first lets every sub-model [`publish`](SubModel::publish)
/// its signals from its own state, then sums additive signals over publishers, then
/// calls every sub-model's [`rhs`](SubModel::rhs) with the signals it reads.
///
/// Contract (checked by [`testing::check_submodel`](crate::testing::check_submodel)):
/// - `publish` reads only the sub-model's own state and `t`, and writes every slot of `out`;
/// - `rhs` writes every slot of `dy` with a finite value for any admissible state;
/// - names are well formed (see [`name_problem`](crate::signal::name_problem)).
///
/// Time is in days. Solvers try slightly negative trial states: `rhs` must not fail there
/// (clamp inside logarithms and fractional powers, e.g. with `x.max(1e-30)`).
pub trait SubModel: fmt::Debug + Send + Sync {
    /// Instance name, unique within a model (`lung`, `docetaxel`). State names are prefixed with it.
    fn name(&self) -> &str;
    /// States in slice order, with local names (`cells`) and units.
    fn states(&self) -> &[Var];
    /// Signals this sub-model publishes, in the order `publish` writes them.
    fn outputs(&self) -> &[Signal] {
        &[]
    }
    /// Signals this sub-model reads, in the order `rhs` receives them.
    fn inputs(&self) -> &[Input] {
        &[]
    }
    /// Writes the initial state into `y` (length `states().len()`).
    fn init(&self, y: &mut [f64]);
    /// Writes the published signals computed from the own state `y` at time `t` (day).
    fn publish(&self, _t: f64, _y: &[f64], _out: &mut [f64]) {}
    /// Writes the time derivative of the own state into `dy`, given the input signal values.
    fn rhs(&self, t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]);
    /// Reacts to a broadcast event (e.g. applies radiation cell kill to its own state).
    fn on_event(&self, _event: &Broadcast, _y: &mut [f64]) {}
    /// Writes the absolute-tolerance scale of each own state into `scales` (length
    /// `states().len()`, prefilled with 1; each value finite and positive).
    ///
    /// The implicit solver ([`Method::Bdf`](crate::Method::Bdf)) holds the local error of
    /// state `i` below `atol * scales[i] + rtol * |y_i|` (state unit), with `atol` and `rtol`
    /// from [`SolverOptions`](crate::SolverOptions). A scale above 1 suits a state whose
    /// absolute size matters only coarsely, e.g. an administered population of 10^8 cells
    /// whose effects saturate around 10^5–10^6 cells: with a scalar `atol` of 10^-6 the
    /// solver would otherwise resolve it to a millionth of a cell long after it stopped
    /// mattering, and take tiny steps whenever it starts from zero. The default keeps every
    /// scale at 1 (a scalar `atol`). Explicit methods use the scalar `atol`.
    fn tolerance_scales(&self, _scales: &mut [f64]) {}
}
