//! Logistic growth `v' = a v (1 - v/K)`.

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters};

/// Logistic growth `dv/dt = a v (1 - v/K)`, solution
/// `v(t) = K v0 / (v0 + (K - v0) exp(-a t))`.
///
/// Sources: Verhulst P-F (1838) "Notice sur la loi que la population suit dans son
/// accroissement", *Corresp Math Phys* 10:113–121; in the tumor setting Benzekry S et al.
/// (2014) *PLoS Comput Biol* 10(8):e1003800, logistic model `dV/dt = a V (1 - V/K)`
/// (Methods, "Tumor growth models").
///
/// Ranges: `a` in `[0, inf)` 1/day, `K` in `(0, inf)` cells. A start above `K` is
/// admissible (the solution then decreases monotonically to `K`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Logistic {
    /// Low-density proliferation rate `a` (1/day), `>= 0`.
    pub a: f64,
    /// Carrying capacity `K` (cells), `> 0`.
    pub k: f64,
}

impl Parameters for Logistic {
    const MODEL: &'static str = "logistic growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "low-density proliferation rate",
        },
        ParamSpec {
            name: "k",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "carrying capacity",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.k]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a: get(0),
            k: get(1),
        }
    }
}

impl Logistic {
    /// Validated construction from `a` (1/day) and `K` (cells).
    pub fn new(a: f64, k: f64) -> oncodyn_core::Result<Self> {
        Self::from_values(&[a, k])
    }

    /// Growth rate `a v (1 - v/K)` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.a * v * (1.0 - v / self.k)
    }

    /// Size `K v0 / (v0 + (K - v0) exp(-a t))` (cells) at time `t` (days) from `v0 > 0`.
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let decay = (-self.a * t).exp();
        // v0 (1 - e) + K e > 0 for v0, K > 0 and e in (0, 1].
        self.k * v0 / (-v0 * (-self.a * t).exp_m1() + self.k * decay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn saturates_at_carrying_capacity_from_both_sides() {
        let law = Logistic::new(0.5, 1000.0).unwrap();
        assert_relative_eq!(law.closed_form(1.0, 200.0), 1000.0, max_relative = 1e-12);
        assert_relative_eq!(law.closed_form(5000.0, 200.0), 1000.0, max_relative = 1e-12);
        assert_relative_eq!(law.rate(1000.0), 0.0, epsilon = 1e-12);
        assert!(law.rate(2000.0) < 0.0);
    }

    #[test]
    fn rejects_bad_capacity() {
        assert!(matches!(
            Logistic::new(0.5, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k"
        ));
        assert!(matches!(
            Logistic::new(-0.5, 10.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "a"
        ));
    }
}
