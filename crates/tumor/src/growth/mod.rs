//! Tumor growth laws with closed-form solutions.
//!
//! Each law is a [`Parameters`] struct with a `SPEC` table
//! (name, unit, admissible range, description) and two functions of the tumor size `v`
//! (in cells): the growth rate `dv/dt` (cells/day) and the closed-form solution
//! `v(t)` from `v(0) = v0`. [`GrowthLaw`] wraps them for [`TumorSite`](crate::TumorSite).
//!
//! Conventions shared by every law:
//! - time is in days, sizes in cells (the laws are scale-free, so volumes work as well);
//! - `rate(v)` is `0` for `v <= 0` (nothing grows from no cells), which keeps the
//!   right-hand side finite and continuous at slightly negative solver trial states;
//! - `closed_form(v0, t)` is `0` for `v0 <= 0`, consistent with the clamped rate.

mod bertalanffy;
mod exponential;
mod exponential_linear;
mod gompertz;
mod logistic;
mod power_law;

pub use bertalanffy::{GeneralizedBertalanffy, VonBertalanffy};
pub use exponential::Exponential;
pub use exponential_linear::ExponentialLinear;
pub use gompertz::{Gompertz, GompertzBenzekry};
pub use logistic::Logistic;
pub use power_law::PowerLaw;

use oncodyn_core::{Parameters, Result};

/// Unit of the coefficient `a` of `a v^gamma` laws: cells^(1 - gamma) per day.
pub const CELLS_POW_PER_DAY: &str = "cells^(1-gamma)/day";

/// Maps `±inf` to `±f64::MAX`, so that a rate stays finite at extreme trial states.
#[inline]
pub(crate) fn saturate(x: f64) -> f64 {
    x.clamp(-f64::MAX, f64::MAX)
}

/// `(1 - exp(-x)) / x`, continuous at `x = 0` where it is 1; accurate for small `x`.
pub(crate) fn one_minus_exp_over(x: f64) -> f64 {
    if x.abs() < 1e-300 {
        1.0
    } else {
        -(-x).exp_m1() / x
    }
}

/// A growth law: one of the laws of this module with its parameters.
///
/// Built from any law struct with `From` (`GrowthLaw::from(Gompertz { r, k })`); validated by
/// [`GrowthLaw::validate`] and by [`TumorSite::new`](crate::TumorSite::new).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum GrowthLaw {
    /// `v' = a v`, see [`Exponential`].
    Exponential(Exponential),
    /// `v' = a v (1 - v/K)`, see [`Logistic`].
    Logistic(Logistic),
    /// `v' = r v ln(K/v)`, see [`Gompertz`].
    Gompertz(Gompertz),
    /// `v' = a v^gamma - b v`, see [`VonBertalanffy`].
    VonBertalanffy(VonBertalanffy),
    /// `v' = omega B_lambda(v_inf/v) v`, see [`GeneralizedBertalanffy`].
    GeneralizedBertalanffy(GeneralizedBertalanffy),
    /// `v' = a v^gamma`, see [`PowerLaw`].
    PowerLaw(PowerLaw),
    /// `v' = min(lambda0 v, lambda1)`, see [`ExponentialLinear`].
    ExponentialLinear(ExponentialLinear),
}

impl GrowthLaw {
    /// Growth rate `dv/dt` in cells/day at size `v` (cells); `0` for `v <= 0`, never
    /// infinite (saturated at `±f64::MAX`).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        if v.is_nan() || v <= 0.0 {
            return 0.0;
        }
        saturate(match self {
            Self::Exponential(p) => p.rate(v),
            Self::Logistic(p) => p.rate(v),
            Self::Gompertz(p) => p.rate(v),
            Self::VonBertalanffy(p) => p.rate(v),
            Self::GeneralizedBertalanffy(p) => p.rate(v),
            Self::PowerLaw(p) => p.rate(v),
            Self::ExponentialLinear(p) => p.rate(v),
        })
    }

    /// Closed-form size (cells) at time `t` (days) from `v(0) = v0` (cells); `0` for `v0 <= 0`.
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        if v0.is_nan() || v0 <= 0.0 {
            return 0.0;
        }
        match self {
            Self::Exponential(p) => p.closed_form(v0, t),
            Self::Logistic(p) => p.closed_form(v0, t),
            Self::Gompertz(p) => p.closed_form(v0, t),
            Self::VonBertalanffy(p) => p.closed_form(v0, t),
            Self::GeneralizedBertalanffy(p) => p.closed_form(v0, t),
            Self::PowerLaw(p) => p.closed_form(v0, t),
            Self::ExponentialLinear(p) => p.closed_form(v0, t),
        }
    }

    /// Name of the law's parameter table (its `Parameters::MODEL`).
    pub fn model_name(&self) -> &'static str {
        match self {
            Self::Exponential(_) => Exponential::MODEL,
            Self::Logistic(_) => Logistic::MODEL,
            Self::Gompertz(_) => Gompertz::MODEL,
            Self::VonBertalanffy(_) => VonBertalanffy::MODEL,
            Self::GeneralizedBertalanffy(_) => GeneralizedBertalanffy::MODEL,
            Self::PowerLaw(_) => PowerLaw::MODEL,
            Self::ExponentialLinear(_) => ExponentialLinear::MODEL,
        }
    }

    /// Checks every parameter against its `SPEC` range and the cross-parameter rules.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::Exponential(p) => p.validate(),
            Self::Logistic(p) => p.validate(),
            Self::Gompertz(p) => p.validate(),
            Self::VonBertalanffy(p) => p.validate(),
            Self::GeneralizedBertalanffy(p) => p.validate(),
            Self::PowerLaw(p) => p.validate(),
            Self::ExponentialLinear(p) => p.validate(),
        }
    }
}

macro_rules! impl_from_law {
    ($($law:ident),*) => {$(
        impl From<$law> for GrowthLaw {
            fn from(params: $law) -> Self {
                Self::$law(params)
            }
        }
    )*};
}
impl_from_law!(
    Exponential,
    Logistic,
    Gompertz,
    VonBertalanffy,
    GeneralizedBertalanffy,
    PowerLaw,
    ExponentialLinear
);

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn laws() -> Vec<GrowthLaw> {
        vec![
            Exponential { a: 0.3 }.into(),
            Logistic { a: 0.5, k: 1000.0 }.into(),
            Gompertz { r: 0.1, k: 1e4 }.into(),
            VonBertalanffy {
                a: 1.0,
                gamma: 2.0 / 3.0,
                b: 0.1,
            }
            .into(),
            GeneralizedBertalanffy {
                v_inf: 10.0,
                omega: 0.2,
                lambda: 1.0 / 3.0,
            }
            .into(),
            PowerLaw {
                a: 1.0,
                gamma: 2.0 / 3.0,
            }
            .into(),
            // Switches at tau = ln(10)/0.5 = 4.6 d from v0 = 2: away from the sampled times.
            ExponentialLinear {
                lambda0: 0.5,
                lambda1: 10.0,
            }
            .into(),
        ]
    }

    #[test]
    fn rate_is_zero_and_finite_at_non_positive_sizes() {
        for law in laws() {
            assert!(law.validate().is_ok(), "{law:?}");
            for v in [0.0, -1e-12, -5.0, f64::NAN] {
                assert_relative_eq!(law.rate(v), 0.0);
            }
            assert_relative_eq!(law.closed_form(-1.0, 3.0), 0.0);
            for v in [1e-300, 1e-30, 1.0, 1e12, 1e300, f64::MAX] {
                assert!(law.rate(v).is_finite(), "{law:?} at {v}");
            }
        }
    }

    #[test]
    fn closed_form_starts_at_v0_and_solves_the_ode() {
        for law in laws() {
            let v0 = 2.0;
            assert_relative_eq!(law.closed_form(v0, 0.0), v0, max_relative = 1e-14);
            // Central difference of the closed form matches the rate.
            for t in [0.5, 3.0, 12.0] {
                let h = 1e-4;
                let derivative =
                    (law.closed_form(v0, t + h) - law.closed_form(v0, t - h)) / (2.0 * h);
                let v = law.closed_form(v0, t);
                assert_relative_eq!(derivative, law.rate(v), max_relative = 1e-6);
            }
        }
    }

    #[test]
    fn model_names_match_tables() {
        assert_eq!(
            GrowthLaw::from(Exponential { a: 1.0 }).model_name(),
            Exponential::MODEL
        );
        assert_eq!(
            GrowthLaw::from(PowerLaw { a: 1.0, gamma: 0.5 }).model_name(),
            PowerLaw::MODEL
        );
    }
}
