//! Equilibria by damped Newton iteration from several starts, and their linearisation.

use super::jacobian::{jacobian, Jacobian};
use super::spectrum::{eigenvalues, Eigenvalue, Stability};
use super::{check_point, scaled_distance, VectorField};
use crate::error::{Error, Result};

/// Settings of the Newton iteration and of duplicate removal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewtonOptions {
    /// Convergence when every Newton step satisfies `|dy_j| <= rel_tol (|y_j| + abs_tol)`;
    /// in `(0, 0.1]`. Default `1e-11`.
    pub rel_tol: f64,
    /// Absolute floor of the step test, in each state's unit; `> 0`. Default `1e-12`.
    pub abs_tol: f64,
    /// Iterations allowed from one start; `>= 1`. Default 100.
    pub max_iterations: usize,
    /// Discard equilibria with a component below `-abs_tol` (e.g. negative cell counts).
    /// Default `false`.
    pub non_negative: bool,
    /// Two equilibria are the same when their scaled distance
    /// `max_j |a_j - b_j| / (max(|a_j|, |b_j|) + abs_tol)` is below this; in `(0, 1)`.
    /// Default `1e-6`.
    pub distinct: f64,
}

impl Default for NewtonOptions {
    fn default() -> Self {
        Self {
            rel_tol: 1e-11,
            abs_tol: 1e-12,
            max_iterations: 100,
            non_negative: false,
            distinct: 1e-6,
        }
    }
}

impl NewtonOptions {
    /// These settings, keeping only equilibria with non-negative components.
    pub fn non_negative(mut self) -> Self {
        self.non_negative = true;
        self
    }

    pub(crate) fn check(&self) -> Result<()> {
        let invalid = |name, value, reason| {
            Err(Error::InvalidOption {
                name,
                value,
                reason,
            })
        };
        if !(self.rel_tol > 0.0 && self.rel_tol <= 0.1) {
            return invalid("newton rel_tol", self.rel_tol, "must be in (0, 0.1]");
        }
        if !(self.abs_tol > 0.0 && self.abs_tol.is_finite()) {
            return invalid(
                "newton abs_tol",
                self.abs_tol,
                "must be positive and finite",
            );
        }
        if self.max_iterations == 0 {
            return invalid("newton max_iterations", 0.0, "must be at least 1");
        }
        if !(self.distinct > 0.0 && self.distinct < 1.0) {
            return invalid("newton distinct", self.distinct, "must be in (0, 1)");
        }
        Ok(())
    }
}

/// An equilibrium with its linearisation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Equilibrium {
    /// The state, in the model's state order and units.
    pub state: Vec<f64>,
    /// Jacobian at the state.
    pub jacobian: Jacobian,
    /// Eigenvalues, by decreasing real part.
    pub eigenvalues: Vec<Eigenvalue>,
    /// Stability type.
    pub stability: Stability,
}

/// Linearises `field` at `y` (normally an equilibrium; the residual is not checked).
pub fn linearise<F: VectorField + ?Sized>(field: &F, y: &[f64]) -> Result<Equilibrium> {
    let jacobian = jacobian(field, y)?;
    let eigenvalues = eigenvalues(&jacobian)?;
    Ok(Equilibrium {
        state: y.to_vec(),
        stability: Stability::classify(&eigenvalues),
        jacobian,
        eigenvalues,
    })
}

/// Equilibria of `field` reached by [`newton`] from each of `starts`, duplicates removed
/// (first found kept), each linearised. Starts from which Newton fails are skipped, so a
/// search that finds nothing returns an empty `Vec`.
///
/// Fails with [`Error::InvalidAnalysis`] for a start of the wrong length or with a
/// non-finite entry, and with [`Error::InvalidOption`] for invalid `options`.
pub fn find_equilibria<F: VectorField + ?Sized>(
    field: &F,
    starts: &[Vec<f64>],
    options: &NewtonOptions,
) -> Result<Vec<Equilibrium>> {
    options.check()?;
    let mut found: Vec<Equilibrium> = Vec::new();
    for start in starts {
        let Some(state) = newton(field, start, options)? else {
            continue;
        };
        let duplicate = found
            .iter()
            .any(|e| scaled_distance(&e.state, &state, options.abs_tol) < options.distinct);
        if !duplicate {
            // An equilibrium whose Jacobian cannot be formed is skipped like a failed start.
            if let Ok(equilibrium) = linearise(field, &state) {
                found.push(equilibrium);
            }
        }
    }
    Ok(found)
}

/// Weighted max-norm `max_j |d_j| / (|y_j| + abs_tol)`.
fn weighted_norm(d: &[f64], y: &[f64], abs_tol: f64) -> f64 {
    d.iter()
        .zip(y)
        .map(|(dj, yj)| dj.abs() / (yj.abs() + abs_tol))
        .fold(0.0, f64::max)
}

/// Damped Newton iteration for `f(y) = 0` from `start`: the Jacobian comes from
/// [`jacobian`], steps are damped by the affine-invariant natural monotonicity test
/// (Deuflhard 2004, *Newton Methods for Nonlinear Problems*, Springer, sect. 3.3), and the
/// iteration stops when a full step is below [`NewtonOptions::rel_tol`] in the weighted
/// norm `|dy_j| / (|y_j| + abs_tol)`.
///
/// Returns `Ok(None)` if the iteration does not converge (singular Jacobian, non-finite
/// values, too many iterations, damping underflow) or converges to a point rejected by
/// [`NewtonOptions::non_negative`]; fails only on invalid input (start of the wrong length
/// or not finite, invalid options).
pub fn newton<F: VectorField + ?Sized>(
    field: &F,
    start: &[f64],
    options: &NewtonOptions,
) -> Result<Option<Vec<f64>>> {
    options.check()?;
    let n = field.dimension();
    check_point("equilibrium search", n, start)?;
    let mut y = start.to_vec();
    let mut f = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut f_trial = vec![0.0; n];
    let mut damping: f64 = 1.0;
    for _ in 0..options.max_iterations {
        field.eval(&y, &mut f);
        if f.iter().any(|v| !v.is_finite()) {
            return Ok(None);
        }
        if f.iter().all(|v| *v == 0.0) {
            // An exact equilibrium, even where the Jacobian is singular.
            return Ok(accept(y, options));
        }
        let Ok(jac) = jacobian(field, &y) else {
            return Ok(None);
        };
        let minus_f: Vec<f64> = f.iter().map(|v| -v).collect();
        let Some(step) = jac.solve(&minus_f) else {
            return Ok(None);
        };
        let step_norm = weighted_norm(&step, &y, options.abs_tol);
        if step_norm <= options.rel_tol {
            for (yj, dj) in y.iter_mut().zip(&step) {
                *yj += dj;
            }
            return Ok(accept(y, options));
        }
        damping = (2.0 * damping).min(1.0);
        loop {
            if damping < 1e-10 {
                return Ok(None);
            }
            for j in 0..n {
                trial[j] = y[j] + damping * step[j];
            }
            field.eval(&trial, &mut f_trial);
            let simplified = if f_trial.iter().all(|v| v.is_finite()) {
                let minus: Vec<f64> = f_trial.iter().map(|v| -v).collect();
                jac.solve(&minus)
            } else {
                None
            };
            match simplified {
                Some(next)
                    if weighted_norm(&next, &y, options.abs_tol)
                        <= (1.0 - damping / 4.0) * step_norm =>
                {
                    break
                }
                _ => damping *= 0.5,
            }
        }
        y.copy_from_slice(&trial);
    }
    Ok(None)
}

fn accept(y: Vec<f64>, options: &NewtonOptions) -> Option<Vec<f64>> {
    if y.iter().any(|v| !v.is_finite()) {
        return None;
    }
    if options.non_negative && y.iter().any(|&v| v < -options.abs_tol) {
        return None;
    }
    Some(y)
}
