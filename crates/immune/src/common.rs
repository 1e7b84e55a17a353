//! Shared pieces: unit strings, the tumor-state scale of the tumor–immune models, the
//! signals they exchange with the rest of a model, and small numeric helpers.

use oncodyn_core::{name_problem, units, Error, Input, Result, Signal, Var};

/// Unit strings used by the immune models in addition to [`oncodyn_core::units`].
pub mod unit {
    /// A per-cell, per-day rate constant (mass-action interaction).
    pub const PER_CELL_DAY: &str = "1/(cell*day)";
    /// A per-cell-squared, per-day rate constant.
    pub const PER_CELL2_DAY: &str = "1/(cell^2*day)";
    /// A source of cells per day.
    pub const CELLS_PER_DAY: &str = "cells/day";
    /// The inverse of a cell count (a reciprocal carrying capacity).
    pub const PER_CELL: &str = "1/cell";
    /// A squared cell count (a half-saturation constant of a Hill term of order 2).
    pub const CELLS2: &str = "cells^2";
    /// The natural logarithm of a cell count (log-scale tumor state).
    pub const LN_CELLS: &str = "ln(cells)";
}

/// Suffix of the burden signal a tumor–immune model publishes: `<name>.burden` (cells).
pub const BURDEN_SUFFIX: &str = "burden";
/// Suffix of the additive kill hazard a tumor–immune model reads: `<name>.kill_hazard` (1/day).
pub const KILL_HAZARD_SUFFIX: &str = "kill_hazard";

/// How a tumor–immune model stores its tumor: as a cell count, or as its natural logarithm.
///
/// The log scale (`u = ln T`, `du/dt = (dT/dt)/T`) keeps a collapsing tumor positive and
/// accurate at any depth: Kirschner & Panetta (1998) at `c = 0.01` drive the tumor to about
/// `1e-5500` after the first spike, and a linear-scale solver floors it at round-off and
/// produces a spurious relapse near day 1900. The linear scale is needed to represent the
/// tumor-free state `T = 0` (e.g. for its stability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TumorScale {
    /// State `tumor` (cells).
    Linear,
    /// State `log_tumor` (ln cells); requires a positive initial tumor.
    Log,
}

impl TumorScale {
    /// The tumor state variable: `tumor` (cells) or `log_tumor` (ln cells).
    pub fn var(self) -> Var {
        match self {
            Self::Linear => Var::new("tumor", units::CELLS),
            Self::Log => Var::new("log_tumor", unit::LN_CELLS),
        }
    }

    /// Tumor cell count from the state value.
    #[inline]
    pub fn cells(self, state: f64) -> f64 {
        match self {
            Self::Linear => state,
            Self::Log => state.min(700.0).exp(),
        }
    }

    /// State value from a positive cell count (`ln` for the log scale).
    pub fn state(self, cells: f64) -> f64 {
        match self {
            Self::Linear => cells,
            Self::Log => cells.ln(),
        }
    }

    /// Time derivative of the state given the per-capita net growth rate `rate` (1/day)
    /// and the cell count `cells`: `rate * cells` (linear) or `rate` (log).
    #[inline]
    pub fn derivative(self, rate: f64, cells: f64) -> f64 {
        match self {
            Self::Linear => saturate(rate * cells),
            Self::Log => saturate(rate),
        }
    }
}

/// The signals of a tumor–immune model called `name`: it publishes `<name>.burden` (cells,
/// one publisher) and reads the additive `<name>.kill_hazard` (1/day, default 0), so other
/// therapies (drugs, stem-cell payloads, [`Effectors`](crate::Effectors)) can kill its tumor.
pub(crate) fn tumor_signals(name: &str) -> (Vec<Signal>, Vec<Input>) {
    (
        vec![Signal::single(
            format!("{name}.{BURDEN_SUFFIX}"),
            units::CELLS,
        )],
        vec![Input::optional(
            format!("{name}.{KILL_HAZARD_SUFFIX}"),
            units::PER_DAY,
            0.0,
        )],
    )
}

/// Fails with [`Error::InvalidName`] unless `name` is well formed.
pub(crate) fn check_name(kind: &'static str, name: &str) -> Result<()> {
    match name_problem(name) {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Fails with [`Error::InvalidParameter`] unless `value` is finite and `>= 0` (or `> 0`
/// when `positive`); `model` and `name` identify it.
pub(crate) fn check_initial(model: &str, name: &str, value: f64, positive: bool) -> Result<()> {
    let ok = value.is_finite() && if positive { value > 0.0 } else { value >= 0.0 };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            model: model.to_string(),
            name: name.to_string(),
            value,
            unit: units::CELLS.to_string(),
            range: if positive { "(0, inf)" } else { "[0, inf)" }.to_string(),
        })
    }
}

/// Clamps to the finite range (a right-hand side must stay finite for any state).
#[inline]
pub(crate) fn saturate(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(-f64::MAX, f64::MAX)
    }
}

/// `x / (k + x)` for `x >= 0` (negative trial values clamped to 0), 0 when both vanish.
#[inline]
pub(crate) fn saturation(x: f64, k: f64) -> f64 {
    let x = x.max(0.0);
    let denominator = k + x;
    if denominator > 0.0 {
        x / denominator
    } else {
        0.0
    }
}
