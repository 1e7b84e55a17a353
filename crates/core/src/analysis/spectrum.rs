//! Eigenvalues of a Jacobian (nalgebra's real Schur decomposition after Parlett–Reinsch
//! balancing) and the stability type of an equilibrium.

use super::jacobian::Jacobian;
use crate::error::{Error, Result};
use nalgebra::linalg::{balancing::balance_parlett_reinsch, Schur};

/// A complex eigenvalue `re + i im` (1/day, or 1/time unit of the model).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Eigenvalue {
    /// Real part: growth (> 0) or decay (< 0) rate of the mode.
    pub re: f64,
    /// Imaginary part: angular frequency of the mode (a period `2 pi / |im|`).
    pub im: f64,
}

impl Eigenvalue {
    /// Modulus `sqrt(re^2 + im^2)`.
    pub fn norm(&self) -> f64 {
        self.re.hypot(self.im)
    }
}

/// Relative size below which a real or imaginary part counts as zero in
/// [`Stability::classify`]: `1e-9` times the spectral radius (or absolute `1e-300`).
pub const ZERO_TOLERANCE: f64 = 1e-9;

/// Stability type of an equilibrium from the eigenvalues of its Jacobian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Stability {
    /// Every eigenvalue real and negative.
    StableNode,
    /// Every real part negative, at least one complex pair (damped oscillations).
    StableFocus,
    /// Real parts of both signs, none zero.
    Saddle,
    /// Every eigenvalue real and positive.
    UnstableNode,
    /// Every real part positive, at least one complex pair.
    UnstableFocus,
    /// Some real part is zero (relative to the spectral radius, see [`ZERO_TOLERANCE`]):
    /// a centre, a fold or a Hopf point; linearisation does not decide stability.
    NonHyperbolic,
}

impl Stability {
    /// Classifies eigenvalues: real parts within [`ZERO_TOLERANCE`] times the spectral
    /// radius of zero make the point non-hyperbolic; imaginary parts within it count as real.
    /// An empty spectrum (a system without states) is [`Stability::NonHyperbolic`].
    pub fn classify(eigenvalues: &[Eigenvalue]) -> Self {
        let radius = eigenvalues.iter().map(Eigenvalue::norm).fold(0.0, f64::max);
        let zero = (ZERO_TOLERANCE * radius).max(1e-300);
        if eigenvalues.is_empty() || eigenvalues.iter().any(|e| e.re.abs() <= zero) {
            return Self::NonHyperbolic;
        }
        let complex = eigenvalues.iter().any(|e| e.im.abs() > zero);
        let stable = eigenvalues.iter().all(|e| e.re < 0.0);
        let unstable = eigenvalues.iter().all(|e| e.re > 0.0);
        match (stable, unstable, complex) {
            (true, _, false) => Self::StableNode,
            (true, _, true) => Self::StableFocus,
            (_, true, false) => Self::UnstableNode,
            (_, true, true) => Self::UnstableFocus,
            _ => Self::Saddle,
        }
    }

    /// Whether the equilibrium is locally asymptotically stable (node or focus).
    pub fn is_stable(&self) -> bool {
        matches!(self, Self::StableNode | Self::StableFocus)
    }
}

/// Eigenvalues of `jacobian`, sorted by decreasing real part (then decreasing imaginary
/// part), complex pairs adjacent.
///
/// Fails with [`Error::InvalidAnalysis`] if the QR iteration does not converge.
pub fn eigenvalues(jacobian: &Jacobian) -> Result<Vec<Eigenvalue>> {
    let n = jacobian.dimension();
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut matrix = jacobian.to_matrix();
    balance_parlett_reinsch(&mut matrix);
    let schur =
        Schur::try_new(matrix, f64::EPSILON, 10_000 * n).ok_or_else(|| Error::InvalidAnalysis {
            analysis: "eigenvalues",
            reason: format!("the Schur decomposition of a {n} x {n} Jacobian did not converge"),
        })?;
    let mut values: Vec<Eigenvalue> = schur
        .complex_eigenvalues()
        .iter()
        .map(|c| Eigenvalue { re: c.re, im: c.im })
        .collect();
    values.sort_by(|a, b| b.re.total_cmp(&a.re).then(b.im.total_cmp(&a.im)));
    Ok(values)
}
