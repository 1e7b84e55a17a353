//! Von Bertalanffy growth `v' = a v^gamma - b v` and the generalized Bertalanffy family
//! `v' = omega B_lambda(v_inf/v) v` (which contains logistic and Gompertz growth).

use super::{one_minus_exp_over, CELLS_POW_PER_DAY};
use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Von Bertalanffy growth `dv/dt = a v^gamma - b v`: anabolism proportional to a surface
/// (`gamma = 2/3`) and catabolism proportional to the volume.
///
/// With `u = v^(1-gamma)` the law is linear, `u' = (1-gamma)(a - b u)`, so
/// `v(t)^(1-gamma) = a/b + (v0^(1-gamma) - a/b) exp(-(1-gamma) b t)`; computed in the form
/// `v0^(1-gamma) e^(-kt) + a (1-gamma) t (1 - e^(-kt))/(kt)`, `k = (1-gamma) b`, which stays
/// exact as `b -> 0` (the [`PowerLaw`](super::PowerLaw)).
///
/// Sources: von Bertalanffy L (1957) "Quantitative laws in metabolism and growth",
/// *Q Rev Biol* 32:217–231 (`dW/dt = eta W^(2/3) - kappa W`); Benzekry S et al. (2014)
/// *PLoS Comput Biol* 10(8):e1003800, Bertalanffy model `dV/dt = a V^gamma - b V`.
///
/// Ranges: `a` in `[0, inf)` cells^(1-gamma)/day, `gamma` in `[0, 1)` (dimensionless;
/// `gamma = 1` would be exponential with rate `a - b`), `b` in `[0, inf)` 1/day.
/// Plateau `(a/b)^(1/(1-gamma))` cells.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VonBertalanffy {
    /// Anabolic coefficient `a` (cells^(1-gamma)/day), `>= 0`.
    pub a: f64,
    /// Exponent `gamma` of the anabolic term (dimensionless), in `[0, 1)`.
    pub gamma: f64,
    /// Catabolic (loss) rate `b` (1/day), `>= 0`.
    pub b: f64,
}

impl Parameters for VonBertalanffy {
    const MODEL: &'static str = "von Bertalanffy growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a",
            unit: CELLS_POW_PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "anabolic coefficient",
        },
        ParamSpec {
            name: "gamma",
            unit: units::DIMENSIONLESS,
            range: ParamRange::left_closed(0.0, 1.0),
            description: "exponent of the anabolic term (2/3: surface-limited)",
        },
        ParamSpec {
            name: "b",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "catabolic loss rate",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.gamma, self.b]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a: get(0),
            gamma: get(1),
            b: get(2),
        }
    }
}

impl VonBertalanffy {
    /// Validated construction from `a` (cells^(1-gamma)/day), `gamma` and `b` (1/day).
    pub fn new(a: f64, gamma: f64, b: f64) -> Result<Self> {
        Self::from_values(&[a, gamma, b])
    }

    /// Growth rate `a v^gamma - b v` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.a * v.powf(self.gamma) - self.b * v
    }

    /// Closed-form size (cells) at time `t >= 0` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let p = 1.0 - self.gamma;
        let kt = p * self.b * t;
        let u = v0.powf(p) * (-kt).exp() + self.a * p * t * one_minus_exp_over(kt);
        u.max(0.0).powf(1.0 / p)
    }
}

/// Generalized Bertalanffy growth `dv/dt = omega B_lambda(v_inf/v) v` with the Box–Cox
/// function `B_lambda(x) = (x^lambda - 1)/lambda`, `B_0(x) = ln x`; solution
/// `v(t) = v_inf (1 + ((v0/v_inf)^lambda - 1) exp(-omega t))^(1/lambda)`
/// (`v_inf (v0/v_inf)^exp(-omega t)` for `lambda = 0`).
///
/// `lambda = -1` is logistic growth (`a = omega`, `K = v_inf`), `lambda = 0` Gompertz
/// (`r = omega`, `K = v_inf`), `lambda = 1/3` von Bertalanffy with `gamma = 2/3`,
/// `lambda = 1` monomolecular growth. Evaluated with `expm1`/`ln_1p`, so that it converges
/// smoothly to Gompertz as `lambda -> 0`.
///
/// Sources: the `bertalanffy` model of TumorGrowth.jl (Blaom A, 2024, Julia package
/// documentation, "Generalized Bertalanffy"); the family unifies the models of
/// Benzekry S et al. (2014) *PLoS Comput Biol* 10(8):e1003800 and von Bertalanffy L (1957)
/// *Q Rev Biol* 32:217–231.
///
/// Ranges: `v_inf` in `(0, inf)` cells, `omega` in `[0, inf)` 1/day, `lambda` in
/// `[-10, 1]` (dimensionless). `lambda > 1` is excluded because the rate
/// `~ omega v_inf^lambda v^(1-lambda) / lambda` then diverges as `v -> 0`; the lower bound
/// only keeps `x^lambda` in floating-point range.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeneralizedBertalanffy {
    /// Limiting size `v_inf` (cells), `> 0`.
    pub v_inf: f64,
    /// Rate `omega` (1/day), `>= 0`.
    pub omega: f64,
    /// Box–Cox exponent `lambda` (dimensionless), in `[-10, 1]`.
    pub lambda: f64,
}

impl Parameters for GeneralizedBertalanffy {
    const MODEL: &'static str = "generalized Bertalanffy growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "v_inf",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "limiting size",
        },
        ParamSpec {
            name: "omega",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "rate of approach to the limiting size",
        },
        ParamSpec {
            name: "lambda",
            unit: units::DIMENSIONLESS,
            range: ParamRange::closed(-10.0, 1.0),
            description: "Box-Cox exponent (-1 logistic, 0 Gompertz, 1/3 von Bertalanffy)",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.v_inf, self.omega, self.lambda]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            v_inf: get(0),
            omega: get(1),
            lambda: get(2),
        }
    }
}

/// `ln(e^x + e^y)` without overflow; `-inf` when both are `-inf`.
fn log_add_exp(x: f64, y: f64) -> f64 {
    let (hi, lo) = if x >= y { (x, y) } else { (y, x) };
    if hi == f64::NEG_INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// Below this `|lambda|` the `lambda = 0` (Gompertz) formulas are used.
const LAMBDA_ZERO: f64 = 1e-300;

impl GeneralizedBertalanffy {
    /// Validated construction from `v_inf` (cells), `omega` (1/day) and `lambda`.
    pub fn new(v_inf: f64, omega: f64, lambda: f64) -> Result<Self> {
        Self::from_values(&[v_inf, omega, lambda])
    }

    /// `B_lambda(x) = (x^lambda - 1)/lambda` evaluated from `ln x`.
    fn box_cox_of_log(&self, ln_x: f64) -> f64 {
        if self.lambda.abs() < LAMBDA_ZERO {
            ln_x
        } else {
            (self.lambda * ln_x).exp_m1() / self.lambda
        }
    }

    /// Growth rate `omega B_lambda(v_inf/v) v` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.omega * self.box_cox_of_log(self.v_inf.ln() - v.ln()) * v
    }

    /// Closed-form size (cells) at time `t` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let ln_ratio = v0.ln() - self.v_inf.ln();
        let omega_t = self.omega * t;
        if self.lambda.abs() < LAMBDA_ZERO {
            return self.v_inf * (ln_ratio * (-omega_t).exp()).exp();
        }
        // ln w(t) with w = (v/v_inf)^lambda = w0 e^(-omega t) + (1 - e^(-omega t)).
        let z = self.lambda * ln_ratio;
        let ln_w = if z.abs() < 1.0 || omega_t < 0.0 {
            // Near w0 = 1 (including lambda -> 0): no cancellation in 1 + (w0 - 1) e^(-omega t).
            (z.exp_m1() * (-omega_t).exp()).ln_1p()
        } else {
            // Far from 1: a sum of two positive terms, in log space (no overflow either).
            log_add_exp(z - omega_t, (-(-omega_t).exp_m1()).ln())
        };
        self.v_inf * (ln_w / self.lambda).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::{Gompertz, Logistic, PowerLaw};
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn von_bertalanffy_without_loss_is_the_power_law() {
        let vb = VonBertalanffy::new(1.0, 2.0 / 3.0, 0.0).unwrap();
        let power = PowerLaw::new(1.0, 2.0 / 3.0).unwrap();
        assert_relative_eq!(
            vb.closed_form(1.0, 10.0),
            power.closed_form(1.0, 10.0),
            max_relative = 1e-14
        );
        let plateau = VonBertalanffy::new(1.0, 2.0 / 3.0, 0.1)
            .unwrap()
            .closed_form(1.0, 2000.0);
        assert_relative_eq!(plateau, 1000.0, max_relative = 1e-10);
    }

    #[test]
    fn generalized_bertalanffy_contains_logistic_and_gompertz() {
        let logistic = Logistic::new(0.5, 1000.0).unwrap();
        let gb = GeneralizedBertalanffy::new(1000.0, 0.5, -1.0).unwrap();
        let gompertz = Gompertz::new(0.5, 1000.0).unwrap();
        let gb0 = GeneralizedBertalanffy::new(1000.0, 0.5, 0.0).unwrap();
        for t in [1.0, 10.0, 30.0] {
            assert_relative_eq!(
                gb.closed_form(1.0, t),
                logistic.closed_form(1.0, t),
                max_relative = 1e-12
            );
            assert_relative_eq!(
                gb0.closed_form(1.0, t),
                gompertz.closed_form(1.0, t),
                max_relative = 1e-12
            );
        }
        for v in [0.1, 10.0, 5000.0] {
            assert_relative_eq!(gb.rate(v), logistic.rate(v), max_relative = 1e-12);
            assert_relative_eq!(gb0.rate(v), gompertz.rate(v), max_relative = 1e-12);
        }
    }

    #[test]
    fn closed_form_is_accurate_far_from_the_limit() {
        // (v/v_inf)^lambda = 1e-90 at t = 0 would round 1 + (w0 - 1) to 0.
        let gb = GeneralizedBertalanffy::new(1.0, 0.5, -10.0).unwrap();
        assert_relative_eq!(gb.closed_form(1e9, 0.0), 1e9, max_relative = 1e-12);
        // v^-10 = v0^-10 + omega t (1 - v_inf^-10 ...) solved exactly: w = w0 e + (1 - e).
        let e = (-0.5f64).exp();
        let expected = (1e-90 * e + (1.0 - e)).powf(-0.1);
        assert_relative_eq!(gb.closed_form(1e9, 1.0), expected, max_relative = 1e-12);
        let grow = GeneralizedBertalanffy::new(1e12, 0.5, 1.0).unwrap();
        assert_relative_eq!(
            grow.closed_form(1e-3, 2.0),
            1e12 * (1.0 - e * e) + 1e-3 * e * e,
            max_relative = 1e-12
        );
    }

    #[test]
    fn rejects_out_of_range_exponents() {
        assert!(matches!(
            GeneralizedBertalanffy::new(10.0, 0.2, 1.5),
            Err(Error::InvalidParameter { ref name, value, .. }) if name == "lambda" && value > 1.0
        ));
        assert!(matches!(
            VonBertalanffy::new(1.0, 1.0, 0.1),
            Err(Error::InvalidParameter { ref name, .. }) if name == "gamma"
        ));
    }
}
