//! Integration of one segment between event times, by an explicit (`ode_solvers`) or an
//! implicit (`diffsol`) method. Both report failures with the time and the culprit state.

pub(crate) mod explicit;
mod jacobian;

pub(crate) mod stiff;
#[cfg(test)]
mod tests;

use crate::error::Error;
use crate::model::{Model, Workspace};
use crate::options::SolverOptions;
use crate::trajectory::SolverStats;
use std::cell::{Cell, RefCell};

/// One piece of the span between consecutive event times.
pub(crate) struct Segment<'a> {
    pub model: &'a Model,
    /// Segment start (day).
    pub start: f64,
    /// Segment end (day).
    pub end: f64,
    /// Infusion rate added to each state's derivative on this segment (state unit/day).
    pub rates: &'a [f64],
    /// Output times strictly inside `(start, end)`.
    pub output_times: &'a [f64],
    pub options: &'a SolverOptions,
    /// Steps still allowed.
    pub max_steps: usize,
}

/// Integrates one segment from the state `y` (which events may have changed since the
/// previous segment ended), leaves the segment-end state in `y`, adds its work to the
/// statistics, calls the recorder at each output time inside the segment and, where the
/// method supports it, the step observer after every accepted step.
pub(crate) type Advance<'s> = dyn FnMut(
        &Segment<'_>,
        &mut [f64],
        &mut SolverStats,
        &mut dyn FnMut(f64, &[f64]),
        &mut dyn FnMut(&crate::monitor::Step<'_>) -> crate::error::Result<()>,
    ) -> crate::error::Result<()>
    + 's;

/// The composed right-hand side plus the current infusion rates, counting evaluations,
/// with its own scratch buffers. One instance serves a whole simulation: the rates are
/// replaced at every segment.
pub(crate) struct Rhs<'a> {
    model: &'a Model,
    options: &'a SolverOptions,
    rates: RefCell<Vec<f64>>,
    workspace: RefCell<Workspace>,
    evaluations: Cell<usize>,
}

impl<'a> Rhs<'a> {
    pub fn new(model: &'a Model, options: &'a SolverOptions) -> Self {
        Self {
            model,
            options,
            rates: RefCell::new(vec![0.0; model.n_states()]),
            workspace: RefCell::new(model.workspace()),
            evaluations: Cell::new(0),
        }
    }

    /// Sets the infusion rates added to the derivative (state unit/day).
    pub fn set_rates(&self, rates: &[f64]) {
        self.rates.borrow_mut().copy_from_slice(rates);
    }

    /// `dy = f(t, y) + infusion rates`.
    pub fn eval(&self, t: f64, y: &[f64], dy: &mut [f64]) {
        self.evaluations.set(self.evaluations.get() + 1);
        let mut workspace = self.workspace.borrow_mut();
        self.model.rhs(t, y, dy, &mut workspace);
        for (d, rate) in dy.iter_mut().zip(self.rates.borrow().iter()) {
            *d += rate;
        }
    }

    pub fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    /// The error for a solver that stopped at `(t, y)`: names the state whose scaled rate of
    /// change `|f_i| / (atol + rtol |y_i|)` is largest, the usual cause of step-size collapse,
    /// or the first non-finite state.
    pub fn failure(&self, t: f64, y: &[f64], reason: String) -> Error {
        let states = self.model.states();
        if let Some(index) = y.iter().position(|v| !v.is_finite()) {
            return Error::NonFiniteState {
                time: t,
                state: states[index].name.clone(),
                value: y[index],
            };
        }
        let mut dy = vec![0.0; y.len()];
        self.eval(t, y, &mut dy);
        let options = self.options;
        let culprit = (0..y.len())
            .max_by(|&a, &b| {
                let scaled = |i: usize| {
                    let r = (dy[i] / (options.atol + options.rtol * y[i].abs())).abs();
                    if r.is_nan() {
                        f64::INFINITY
                    } else {
                        r
                    }
                };
                scaled(a).total_cmp(&scaled(b))
            })
            .unwrap_or(0);
        Error::SolverFailed {
            time: t,
            reason,
            state: states
                .get(culprit)
                .map(|v| v.name.clone())
                .unwrap_or_default(),
            value: y.get(culprit).copied().unwrap_or(f64::NAN),
        }
    }
}

/// Index of the first non-finite entry.
pub(crate) fn first_non_finite(y: &[f64]) -> Option<usize> {
    y.iter().position(|v| !v.is_finite())
}
