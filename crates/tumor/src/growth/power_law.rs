//! Power-law growth `v' = a v^gamma`.

use super::CELLS_POW_PER_DAY;
use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Power-law growth `dv/dt = a v^gamma`, solution
/// `v(t) = (v0^(1-gamma) + (1-gamma) a t)^(1/(1-gamma))`.
///
/// Source: Benzekry S et al. (2014) *PLoS Comput Biol* 10(8):e1003800, power law model
/// `dV/dt = a V^gamma` (Methods, "Tumor growth models"): only a fraction of the cells,
/// scaling as `V^gamma`, proliferates. `gamma = 2/3`: growth limited by a surface.
///
/// Ranges: `a` in `[0, inf)` cells^(1-gamma)/day, `gamma` in `[0, 1)` (dimensionless;
/// `gamma = 1` is exponential growth and `gamma > 1` blows up in finite time).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PowerLaw {
    /// Coefficient `a` (cells^(1-gamma)/day), `>= 0`.
    pub a: f64,
    /// Exponent `gamma` (dimensionless), in `[0, 1)`.
    pub gamma: f64,
}

impl Parameters for PowerLaw {
    const MODEL: &'static str = "power-law growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a",
            unit: CELLS_POW_PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "growth coefficient",
        },
        ParamSpec {
            name: "gamma",
            unit: units::DIMENSIONLESS,
            range: ParamRange::left_closed(0.0, 1.0),
            description: "exponent (fraction-of-proliferating-cells scaling)",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.gamma]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a: get(0),
            gamma: get(1),
        }
    }
}

impl PowerLaw {
    /// Validated construction from `a` (cells^(1-gamma)/day) and `gamma`.
    pub fn new(a: f64, gamma: f64) -> Result<Self> {
        Self::from_values(&[a, gamma])
    }

    /// Growth rate `a v^gamma` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.a * v.powf(self.gamma)
    }

    /// Size `(v0^(1-gamma) + (1-gamma) a t)^(1/(1-gamma))` (cells) at time `t >= 0` (days)
    /// from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let p = 1.0 - self.gamma;
        (v0.powf(p) + p * self.a * t).max(0.0).powf(1.0 / p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn cube_root_grows_linearly_for_two_thirds() {
        let law = PowerLaw::new(3.0, 2.0 / 3.0).unwrap();
        // v^(1/3) = 1 + t.
        assert_relative_eq!(law.closed_form(1.0, 2.0), 27.0, max_relative = 1e-14);
    }

    #[test]
    fn rejects_exponent_one() {
        assert!(matches!(
            PowerLaw::new(1.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "gamma"
        ));
    }
}
