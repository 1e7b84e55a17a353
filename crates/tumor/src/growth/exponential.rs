//! Exponential growth `v' = a v`.

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters};

/// Exponential (unrestricted, first-order) growth `dv/dt = a v`, solution
/// `v(t) = v0 exp(a t)`.
///
/// The doubling time is `ln 2 / a`. Source: Benzekry S, Lamont C, Beheshti A, Tracz A,
/// Ebos JML, Hlatky L, Hahnfeldt P (2014) "Classical mathematical models for description
/// and prediction of experimental tumor growth", *PLoS Comput Biol* 10(8):e1003800,
/// exponential model `dV/dt = a V` (Methods, "Tumor growth models"); the same law is the
/// early phase of Laird AK (1964) *Br J Cancer* 18:490–502.
///
/// Range: `a` in `[0, inf)` 1/day. Net regression is modelled by kill terms
/// ([`TumorSite`](crate::TumorSite)), not by a negative growth rate.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Exponential {
    /// Proliferation rate `a` (1/day), `>= 0`.
    pub a: f64,
}

impl Parameters for Exponential {
    const MODEL: &'static str = "exponential growth";
    const SPEC: &'static [ParamSpec] = &[ParamSpec {
        name: "a",
        unit: units::PER_DAY,
        range: ParamRange::NON_NEGATIVE,
        description: "proliferation rate (doubling time ln2/a)",
    }];

    fn values(&self) -> Vec<f64> {
        vec![self.a]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        Self {
            a: values.first().copied().unwrap_or(f64::NAN),
        }
    }
}

impl Exponential {
    /// Validated construction from the rate `a` (1/day).
    pub fn new(a: f64) -> oncodyn_core::Result<Self> {
        Self::from_values(&[a])
    }

    /// Growth rate `a v` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.a * v
    }

    /// Size `v0 exp(a t)` (cells) at time `t` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        v0 * (self.a * t).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn doubles_in_ln2_over_a() {
        let law = Exponential::new(0.2).unwrap();
        assert_relative_eq!(
            law.closed_form(3.0, 2f64.ln() / 0.2),
            6.0,
            max_relative = 1e-14
        );
        assert_relative_eq!(law.rate(5.0), 1.0, max_relative = 1e-15);
    }

    #[test]
    fn rejects_negative_and_nan_rates() {
        assert!(matches!(
            Exponential::new(-0.1),
            Err(Error::InvalidParameter { ref name, value, .. }) if name == "a" && value < 0.0
        ));
        assert!(matches!(
            Exponential::new(f64::NAN),
            Err(Error::InvalidParameter { ref name, value, .. }) if name == "a" && value.is_nan()
        ));
    }
}
