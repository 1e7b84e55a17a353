//! Analysis tools for any composed [`Model`]: equilibria, Jacobians, eigenvalues and
//! stability, basin boundaries and one-parameter scans with saddle-node and Hopf detection.
//!
//! Every tool works on a [`VectorField`]: an autonomous right-hand side `y' = f(y)`.
//! A [`Model`] is one (evaluated at `t = 0`), [`ModelAt`] freezes a model at another time,
//! and [`WithJacobian`] adds an analytic Jacobian to any field. Linear algebra (LU solves,
//! Schur eigenvalues with Parlett–Reinsch balancing) comes from `nalgebra`; no nalgebra type
//! appears in this API.
//!
//! - [`jacobian`]: analytic if the field provides one, else second-order one-sided finite
//!   differences stepping away from zero (so states clamped at 0 are differentiated on their
//!   admissible side).
//! - [`eigenvalues`] and [`Stability::classify`]: stable/unstable node or focus, saddle,
//!   non-hyperbolic (a centre or any eigenvalue on the imaginary axis).
//! - [`find_equilibria`]: damped Newton from several starts; duplicates removed; a search
//!   that finds nothing returns an empty `Vec`. [`linearise`] classifies a given point.
//! - [`basin_boundary`]: bisection along a line of initial conditions on which of two
//!   attractors the simulated trajectory reaches.
//! - [`scan`]: equilibria tracked over a parameter range (the caller builds the model for
//!   each value), with saddle-node, zero-eigenvalue (transcritical) and Hopf points located
//!   by bisection.
//!
//! ```
//! use oncodyn_core::analysis::{find_equilibria, NewtonOptions, Stability};
//! use oncodyn_core::{Model, SubModel, Var, units};
//!
//! /// Logistic growth `x' = x (1 - x)`: equilibria 0 (unstable) and 1 (stable).
//! #[derive(Debug)]
//! struct Logistic(Vec<Var>);
//! impl SubModel for Logistic {
//!     fn name(&self) -> &str { "pop" }
//!     fn states(&self) -> &[Var] { &self.0 }
//!     fn init(&self, y: &mut [f64]) { y[0] = 0.5 }
//!     fn rhs(&self, _t: f64, y: &[f64], _i: &[f64], dy: &mut [f64]) { dy[0] = y[0] * (1.0 - y[0]) }
//! }
//! let model = Model::new(vec![Box::new(Logistic(vec![Var::new("x", units::CELLS)]))])?;
//! let found = find_equilibria(&model, &[vec![0.1], vec![2.0]], &NewtonOptions::default())?;
//! assert_eq!(found.len(), 2);
//! assert!(found.iter().any(|e| (e.state[0] - 1.0).abs() < 1e-12 && e.stability == Stability::StableNode));
//! assert!(found.iter().any(|e| e.state[0].abs() < 1e-12 && e.stability == Stability::UnstableNode));
//! # Ok::<(), oncodyn_core::Error>(())
//! ```

mod basin;
mod jacobian;
mod newton;
mod refine;
mod scan;
mod spectrum;
#[cfg(test)]
mod tests;

pub use basin::{basin_boundary, BasinBoundary, BasinOptions};
pub use jacobian::{jacobian, Jacobian};
pub use newton::{find_equilibria, linearise, newton, Equilibrium, NewtonOptions};
pub use scan::{scan, Bifurcation, BifurcationKind, Scan, ScanOptions, ScanPoint};
pub use spectrum::{eigenvalues, Eigenvalue, Stability, ZERO_TOLERANCE};

use crate::model::Model;

/// An autonomous vector field `y' = f(y)`, with an optional analytic Jacobian.
pub trait VectorField {
    /// Number of states.
    fn dimension(&self) -> usize;
    /// Writes `f(y)` into `dy` (both of length [`dimension`](VectorField::dimension)).
    fn eval(&self, y: &[f64], dy: &mut [f64]);
    /// Writes the analytic Jacobian `df_i/dy_j` at `y` into `jac` (row-major, `n × n`) and
    /// returns `true`, or returns `false` (the default) to request finite differences.
    fn analytic_jacobian(&self, _y: &[f64], _jac: &mut [f64]) -> bool {
        false
    }
}

/// A model's right-hand side at `t = 0`.
impl VectorField for Model {
    fn dimension(&self) -> usize {
        self.n_states()
    }

    fn eval(&self, y: &[f64], dy: &mut [f64]) {
        self.rhs(0.0, y, dy, &mut self.workspace());
    }
}

/// A model's right-hand side frozen at the time `time` (day).
#[derive(Debug, Clone, Copy)]
pub struct ModelAt<'a> {
    /// The model.
    pub model: &'a Model,
    /// Time at which `rhs` is evaluated (day).
    pub time: f64,
}

impl VectorField for ModelAt<'_> {
    fn dimension(&self) -> usize {
        self.model.n_states()
    }

    fn eval(&self, y: &[f64], dy: &mut [f64]) {
        self.model
            .rhs(self.time, y, dy, &mut self.model.workspace());
    }
}

/// A vector field with an analytic Jacobian supplied by a closure writing `df_i/dy_j`
/// row-major into its second argument.
pub struct WithJacobian<'a, F: VectorField + ?Sized> {
    /// The field whose right-hand side is used.
    pub field: &'a F,
    /// The analytic Jacobian `(y, jac)`.
    pub jacobian: &'a dyn Fn(&[f64], &mut [f64]),
}

impl<F: VectorField + ?Sized> VectorField for WithJacobian<'_, F> {
    fn dimension(&self) -> usize {
        self.field.dimension()
    }

    fn eval(&self, y: &[f64], dy: &mut [f64]) {
        self.field.eval(y, dy);
    }

    fn analytic_jacobian(&self, y: &[f64], jac: &mut [f64]) -> bool {
        (self.jacobian)(y, jac);
        true
    }
}

/// Scaled distance `max_j |a_j - b_j| / (max(|a_j|, |b_j|) + floor)` between two states.
pub(crate) fn scaled_distance(a: &[f64], b: &[f64], floor: f64) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs() / (x.abs().max(y.abs()) + floor))
        .fold(0.0, f64::max)
}

/// Checks that `y` has the field's dimension and finite entries.
pub(crate) fn check_point(analysis: &'static str, n: usize, y: &[f64]) -> crate::Result<()> {
    if y.len() != n {
        return Err(crate::Error::InvalidAnalysis {
            analysis,
            reason: format!("a state has {} entries, the system has {n} states", y.len()),
        });
    }
    if let Some(index) = y.iter().position(|v| !v.is_finite()) {
        return Err(crate::Error::InvalidAnalysis {
            analysis,
            reason: format!("entry {index} of a state is not finite ({})", y[index]),
        });
    }
    Ok(())
}
