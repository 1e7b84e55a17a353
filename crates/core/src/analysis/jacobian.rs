//! The Jacobian `df_i/dy_j` of a vector field: analytic when the field provides it, else
//! second-order one-sided finite differences.

use super::{check_point, VectorField};
use crate::error::{Error, Result};
use nalgebra::DMatrix;

/// A square matrix `df_i/dy_j` (units: unit of state `i` per day per unit of state `j`),
/// stored row-major.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Jacobian {
    n: usize,
    values: Vec<f64>,
}

impl Jacobian {
    /// A Jacobian from its row-major entries; fails unless `values.len() == n * n` and every
    /// entry is finite.
    pub fn from_row_major(n: usize, values: Vec<f64>) -> Result<Self> {
        if values.len() != n * n {
            return Err(Error::InvalidAnalysis {
                analysis: "jacobian",
                reason: format!("{} entries for a {n} x {n} matrix", values.len()),
            });
        }
        if let Some(k) = values.iter().position(|v| !v.is_finite()) {
            return Err(Error::InvalidAnalysis {
                analysis: "jacobian",
                reason: format!(
                    "entry ({}, {}) is not finite ({})",
                    k / n.max(1),
                    k % n.max(1),
                    values[k]
                ),
            });
        }
        Ok(Self { n, values })
    }

    /// Number of states.
    pub fn dimension(&self) -> usize {
        self.n
    }

    /// Entry `df_row/dy_col`.
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        if row < self.n && col < self.n {
            Some(self.values[row * self.n + col])
        } else {
            None
        }
    }

    /// Row-major entries.
    pub fn as_row_major(&self) -> &[f64] {
        &self.values
    }

    /// Trace (sum of the eigenvalues), 1/day.
    pub fn trace(&self) -> f64 {
        (0..self.n).map(|i| self.values[i * self.n + i]).sum()
    }

    /// Determinant (product of the eigenvalues), by LU factorisation.
    pub fn determinant(&self) -> f64 {
        self.to_matrix().lu().determinant()
    }

    pub(crate) fn to_matrix(&self) -> DMatrix<f64> {
        DMatrix::from_row_slice(self.n, self.n, &self.values)
    }

    /// Solves `J x = b`, or `None` if `J` is singular or the solution is not finite.
    pub(crate) fn solve(&self, b: &[f64]) -> Option<Vec<f64>> {
        let rhs = nalgebra::DVector::from_column_slice(b);
        let x = self.to_matrix().lu().solve(&rhs)?;
        x.iter()
            .all(|v| v.is_finite())
            .then(|| x.iter().copied().collect())
    }
}

/// The Jacobian of `field` at `y`.
///
/// Uses the field's analytic Jacobian if it has one. Otherwise column `j` is
/// `(-3 f(y) + 4 f(y + h e_j) - f(y + 2 h e_j)) / (2 h)` with
/// `h = eps^(1/3) max(|y_j|, 1)` taken towards positive values when `y_j >= 0` (towards
/// negative values otherwise): second-order accurate, and a state at 0 is only moved into
/// the admissible side, so models that clamp negative states are differentiated correctly.
///
/// Fails with [`Error::InvalidAnalysis`] if `y` has the wrong length or a non-finite entry,
/// or if the Jacobian has a non-finite entry.
pub fn jacobian<F: VectorField + ?Sized>(field: &F, y: &[f64]) -> Result<Jacobian> {
    let n = field.dimension();
    check_point("jacobian", n, y)?;
    let mut values = vec![0.0; n * n];
    if field.analytic_jacobian(y, &mut values) {
        return Jacobian::from_row_major(n, values);
    }
    let mut f0 = vec![0.0; n];
    let mut f1 = vec![0.0; n];
    let mut f2 = vec![0.0; n];
    field.eval(y, &mut f0);
    let mut point = y.to_vec();
    let cbrt_eps = f64::EPSILON.cbrt();
    for j in 0..n {
        let magnitude = cbrt_eps * y[j].abs().max(1.0);
        let direction = if y[j] >= 0.0 { 1.0 } else { -1.0 };
        // Make the step exactly representable relative to y_j.
        let step = (y[j] + direction * magnitude) - y[j];
        point[j] = y[j] + step;
        field.eval(&point, &mut f1);
        point[j] = y[j] + 2.0 * step;
        field.eval(&point, &mut f2);
        point[j] = y[j];
        for i in 0..n {
            values[i * n + j] = (-3.0 * f0[i] + 4.0 * f1[i] - f2[i]) / (2.0 * step);
        }
    }
    Jacobian::from_row_major(n, values)
}
