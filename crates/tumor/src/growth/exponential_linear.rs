//! Exponential-linear growth (Simeoni et al. 2004): exponential up to a switch size, then
//! linear.

use crate::seeding::CELLS_PER_DAY;
use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Exponential-linear growth `dv/dt = min(lambda0 v, lambda1)`: exponential with rate
/// `lambda0` below the switch size `v* = lambda1/lambda0`, linear with slope `lambda1`
/// above it. From `v0 < v*` the solution is `v0 exp(lambda0 t)` until
/// `tau = ln(v*/v0)/lambda0`, then `v* + lambda1 (t - tau)`; `v` and `v'` are continuous at
/// `tau`. From `v0 >= v*` it is `v0 + lambda1 t`.
///
/// Source: Simeoni M, Magni P, Cammia C, et al. (2004) "Predictive pharmacokinetic-
/// pharmacodynamic modeling of tumor growth kinetics in xenograft models after
/// administration of anticancer agents", *Cancer Res* 64:1094–1101, unperturbed growth
/// `lambda0 w / (1 + (lambda0 w/lambda1)^psi)^(1/psi)` in the limit `psi -> inf` (the
/// paper uses `psi = 20` to approximate this switch). Example values (paclitaxel,
/// experiment 1: `lambda0 = 0.273`/day, `lambda1 = 0.814` mm^3/day) are those of the
/// nlmixr2lib encoding of Simeoni et al. (2004), Table 2.
///
/// Ranges: `lambda0` in `[0, inf)` 1/day, `lambda1` in `(0, inf)` cells/day (any size unit
/// per day: the law is linear in the size unit).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExponentialLinear {
    /// Exponential rate `lambda0` (1/day), `>= 0`.
    pub lambda0: f64,
    /// Linear growth rate `lambda1` (cells/day), `> 0`.
    pub lambda1: f64,
}

impl Parameters for ExponentialLinear {
    const MODEL: &'static str = "exponential-linear growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "lambda0",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "rate of the exponential phase",
        },
        ParamSpec {
            name: "lambda1",
            unit: CELLS_PER_DAY,
            range: ParamRange::POSITIVE,
            description: "slope of the linear phase",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.lambda0, self.lambda1]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            lambda0: get(0),
            lambda1: get(1),
        }
    }
}

impl ExponentialLinear {
    /// Validated construction from `lambda0` (1/day) and `lambda1` (cells/day).
    pub fn new(lambda0: f64, lambda1: f64) -> Result<Self> {
        Self::from_values(&[lambda0, lambda1])
    }

    /// Switch size `v* = lambda1/lambda0` (cells); infinite when `lambda0 = 0`.
    pub fn switch_size(&self) -> f64 {
        self.lambda1 / self.lambda0
    }

    /// Switch time `tau = max(ln(v*/v0)/lambda0, 0)` (days) from `v0 > 0` (cells);
    /// infinite when `lambda0 = 0`.
    pub fn switch_time(&self, v0: f64) -> f64 {
        if self.lambda0 <= 0.0 {
            return f64::INFINITY;
        }
        ((self.switch_size() / v0).ln() / self.lambda0).max(0.0)
    }

    /// Growth rate `min(lambda0 v, lambda1)` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        (self.lambda0 * v).min(self.lambda1)
    }

    /// Closed-form size (cells) at time `t >= 0` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let tau = self.switch_time(v0);
        if t < tau {
            v0 * (self.lambda0 * t).exp()
        } else if tau > 0.0 {
            self.switch_size() + self.lambda1 * (t - tau)
        } else {
            v0 + self.lambda1 * t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn switches_from_exponential_to_linear() {
        let law = ExponentialLinear::new(0.273, 0.814).unwrap();
        let tau = law.switch_time(0.1);
        assert_relative_eq!(tau, (0.814f64 / 0.0273).ln() / 0.273, max_relative = 1e-14);
        assert_relative_eq!(law.closed_form(0.1, 2.0), 0.1 * 0.546f64.exp());
        assert_relative_eq!(
            law.closed_form(0.1, tau + 3.0),
            law.switch_size() + 3.0 * 0.814,
            max_relative = 1e-14
        );
        // Started above the switch size: linear from the start.
        assert_relative_eq!(
            law.closed_form(10.0, 2.0),
            10.0 + 1.628,
            max_relative = 1e-14
        );
        assert_relative_eq!(law.rate(10.0), 0.814);
        assert_relative_eq!(law.rate(1.0), 0.273);
        // No exponential phase: the size stays put.
        let flat = ExponentialLinear::new(0.0, 1.0).unwrap();
        assert_relative_eq!(flat.closed_form(2.0, 50.0), 2.0);
    }

    #[test]
    fn rejects_bad_parameters() {
        assert!(matches!(
            ExponentialLinear::new(0.1, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "lambda1"
        ));
        assert!(matches!(
            ExponentialLinear::new(-0.1, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "lambda0"
        ));
    }
}
