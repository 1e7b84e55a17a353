//! Settings of the Levenberg–Marquardt optimiser ([`FitOptions`]) and how it stopped
//! ([`FitStatus`]).

use crate::error::Result;
use oncodyn_core::Error as CoreError;

/// Settings of the Levenberg–Marquardt optimiser.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FitOptions {
    /// Relative reduction of the sum of squares below which the fit has converged
    /// (MINPACK `ftol`), in `(0, 1)`.
    pub ftol: f64,
    /// Relative change of the (internal) parameters below which the fit has converged
    /// (MINPACK `xtol`), in `(0, 1)`.
    pub xtol: f64,
    /// Cosine between the residuals and every Jacobian column below which the fit has
    /// converged (MINPACK `gtol`), in `[0, 1)`.
    pub gtol: f64,
    /// The optimiser stops after `patience * (n + 1)` residual evaluations (`n` free
    /// parameters); at least 1.
    pub patience: usize,
    /// Relative step `h` of the central finite differences in internal coordinates,
    /// `h_j = step * max(|u_j|, 1)`, in `(0, 0.1]`.
    pub step: f64,
}

impl Default for FitOptions {
    /// `ftol = xtol = 1e-12`, `gtol = 1e-12`, `patience = 200`, `step = 1e-6`.
    fn default() -> Self {
        Self {
            ftol: 1e-12,
            xtol: 1e-12,
            gtol: 1e-12,
            patience: 200,
            step: 1e-6,
        }
    }
}

impl FitOptions {
    /// Checks every setting ([`oncodyn_core::Error::InvalidOption`] names the first bad one).
    pub fn validate(&self) -> Result<()> {
        let invalid = |name, value, reason| -> Result<()> {
            Err(CoreError::InvalidOption {
                name,
                value,
                reason,
            }
            .into())
        };
        if !(self.ftol > 0.0 && self.ftol < 1.0) {
            return invalid("ftol", self.ftol, "must be in (0, 1)");
        }
        if !(self.xtol > 0.0 && self.xtol < 1.0) {
            return invalid("xtol", self.xtol, "must be in (0, 1)");
        }
        if !(self.gtol >= 0.0 && self.gtol < 1.0) {
            return invalid("gtol", self.gtol, "must be in [0, 1)");
        }
        if self.patience == 0 {
            return invalid("patience", 0.0, "must be at least 1");
        }
        if !(self.step > 0.0 && self.step <= 0.1) {
            return invalid("step", self.step, "must be in (0, 0.1]");
        }
        Ok(())
    }
}

/// How the optimiser stopped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub enum FitStatus {
    /// A convergence test held: `ftol`/`xtol` (relative change), `gtol` (gradient
    /// orthogonal to the residuals) or residuals exactly zero.
    Converged,
    /// No further reduction is possible in floating point (MINPACK's "tolerance too small"
    /// exits): the fit is at a minimum to machine precision. Counted as converged.
    MachinePrecision,
    /// The evaluation budget (`patience`) ran out before convergence.
    IterationLimit,
    /// The optimiser stopped on a numerical problem (non-finite Jacobian or step).
    Failed,
}

impl FitStatus {
    /// Whether the fit reached a minimum ([`FitStatus::Converged`] or
    /// [`FitStatus::MachinePrecision`]).
    pub fn converged(&self) -> bool {
        matches!(self, Self::Converged | Self::MachinePrecision)
    }
}
