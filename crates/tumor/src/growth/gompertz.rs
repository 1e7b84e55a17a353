//! Gompertz growth in two parameterisations: `v' = r v ln(K/v)` and Benzekry's
//! `v' = (alpha0 - beta ln(v/Vc)) v`, with the conversion between them.

use oncodyn_core::{units, Error, ParamRange, ParamSpec, Parameters, Result};

/// Gompertz growth `dv/dt = r v ln(K/v)`, solution `v(t) = K exp(ln(v0/K) exp(-r t))`.
///
/// Sources: Gompertz B (1825) "On the nature of the function expressive of the law of human
/// mortality…", *Phil Trans R Soc Lond* 115:513–583 (the double-exponential law); this form
/// is the growth function `g(x) = a x ln(b/x)` of Iwata K, Kawasaki K, Shigesada N (2000)
/// "A dynamical model for the growth and size distribution of multiple metastatic tumors",
/// *J Theor Biol* 203:177–186 (with `a = r`, `b = K`). Laird AK (1964) *Br J Cancer*
/// 18:490–502 fitted it to tumor growth as `W = W0 exp((A/alpha)(1 - exp(-alpha t)))`,
/// i.e. [`GompertzBenzekry`] with `alpha0 = A`, `beta = alpha`, `Vc = W0`.
///
/// Ranges: `r` in `[0, inf)` 1/day, `K` in `(0, inf)` cells.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Gompertz {
    /// Deceleration rate `r` (1/day), `>= 0`.
    pub r: f64,
    /// Plateau (carrying capacity) `K` (cells), `> 0`.
    pub k: f64,
}

impl Parameters for Gompertz {
    const MODEL: &'static str = "Gompertz growth";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "r",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "deceleration rate of the specific growth rate",
        },
        ParamSpec {
            name: "k",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "plateau size (carrying capacity)",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.r, self.k]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            r: get(0),
            k: get(1),
        }
    }
}

impl Gompertz {
    /// Validated construction from `r` (1/day) and `K` (cells).
    pub fn new(r: f64, k: f64) -> Result<Self> {
        Self::from_values(&[r, k])
    }

    /// Growth rate `r v ln(K/v)` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        self.r * v * (self.k / v).ln()
    }

    /// Size `K exp(ln(v0/K) exp(-r t))` (cells) at time `t` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        self.k * ((v0.ln() - self.k.ln()) * (-self.r * t).exp()).exp()
    }
}

/// Gompertz growth in the form of Benzekry et al. (2014):
/// `dv/dt = (alpha0 - beta ln(v/Vc)) v`, solution
/// `v(t) = Vc (v0/Vc)^exp(-beta t) exp((alpha0/beta)(1 - exp(-beta t)))`.
///
/// Source: Benzekry S et al. (2014) *PLoS Comput Biol* 10(8):e1003800, Gompertz model
/// (Methods, "Tumor growth models"), where `Vc` is the size at which the specific growth
/// rate equals `alpha0`. It is [`Gompertz`] with `r = beta` and
/// `K = Vc exp(alpha0/beta)` ([`GompertzBenzekry::to_gompertz`]).
///
/// Ranges: `alpha0` any finite value (1/day), `beta` in `(0, inf)` 1/day, `Vc` in
/// `(0, inf)` cells; consistency requires `K = Vc exp(alpha0/beta)` to be a finite
/// positive number.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GompertzBenzekry {
    /// Specific growth rate `alpha0` at size `Vc` (1/day).
    pub alpha0: f64,
    /// Exponential decay rate `beta` of the specific growth rate (1/day), `> 0`.
    pub beta: f64,
    /// Reference size `Vc` (cells), `> 0`.
    pub vc: f64,
}

impl Parameters for GompertzBenzekry {
    const MODEL: &'static str = "Gompertz growth (Benzekry form)";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "alpha0",
            unit: units::PER_DAY,
            range: ParamRange::FINITE,
            description: "specific growth rate at the reference size Vc",
        },
        ParamSpec {
            name: "beta",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "decay rate of the specific growth rate",
        },
        ParamSpec {
            name: "vc",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "reference size",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.alpha0, self.beta, self.vc]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            alpha0: get(0),
            beta: get(1),
            vc: get(2),
        }
    }

    fn check_consistency(&self) -> Result<()> {
        let plateau = self.plateau();
        if plateau.is_finite() && plateau > 0.0 {
            Ok(())
        } else {
            Err(Error::InconsistentParameters {
                model: Self::MODEL.into(),
                reason: format!(
                    "plateau Vc exp(alpha0/beta) = {plateau} cells is not a finite positive number"
                ),
            })
        }
    }
}

impl GompertzBenzekry {
    /// Validated construction from `alpha0` (1/day), `beta` (1/day) and `Vc` (cells).
    pub fn new(alpha0: f64, beta: f64, vc: f64) -> Result<Self> {
        Self::from_values(&[alpha0, beta, vc])
    }

    /// Plateau `K = Vc exp(alpha0/beta)` (cells).
    pub fn plateau(&self) -> f64 {
        self.vc * (self.alpha0 / self.beta).exp()
    }

    /// The same law as [`Gompertz`]: `r = beta`, `K = Vc exp(alpha0/beta)`; validated.
    pub fn to_gompertz(&self) -> Result<Gompertz> {
        self.validate()?;
        Gompertz::new(self.beta, self.plateau())
    }

    /// Growth rate `(alpha0 - beta ln(v/Vc)) v` (cells/day) at size `v > 0` (cells).
    #[inline]
    pub fn rate(&self, v: f64) -> f64 {
        (self.alpha0 - self.beta * (v.ln() - self.vc.ln())) * v
    }

    /// Size `Vc (v0/Vc)^exp(-beta t) exp((alpha0/beta)(1 - exp(-beta t)))` (cells) at time
    /// `t` (days) from `v0 > 0` (cells).
    pub fn closed_form(&self, v0: f64, t: f64) -> f64 {
        let decay = (-self.beta * t).exp();
        let one_minus = -(-self.beta * t).exp_m1();
        self.vc * ((v0 / self.vc).ln() * decay + self.alpha0 / self.beta * one_minus).exp()
    }

    /// Doubling time (days) at time `t` (days) of the solution started from `v0` (cells):
    /// `DT = -(1/beta) ln((ln 2 + A)/A)` with
    /// `A = ln((v0/Vc)^exp(-beta t)) - (alpha0/beta) exp(-beta t)`, so that
    /// `v(t + DT) = 2 v(t)`. `None` when the tumor never doubles (`v(t) >= K/2`,
    /// i.e. `A + ln 2 >= 0`). Derived from the closed form of Benzekry et al. (2014).
    pub fn doubling_time(&self, v0: f64, t: f64) -> Option<f64> {
        let decay = (-self.beta * t).exp();
        let a = (v0 / self.vc).ln() * decay - self.alpha0 / self.beta * decay;
        let ln2 = std::f64::consts::LN_2;
        if a.is_nan() || a + ln2 >= 0.0 {
            return None;
        }
        let dt = -(ln2 / a).ln_1p() / self.beta;
        dt.is_finite().then_some(dt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn both_forms_agree() {
        let benzekry = GompertzBenzekry::new(1.0, 0.1, 1.0).unwrap();
        let gompertz = benzekry.to_gompertz().unwrap();
        assert_relative_eq!(gompertz.r, 0.1);
        assert_relative_eq!(gompertz.k, 10f64.exp(), max_relative = 1e-15);
        for t in [0.0, 1.0, 20.0, 100.0] {
            assert_relative_eq!(
                gompertz.closed_form(2.0, t),
                benzekry.closed_form(2.0, t),
                max_relative = 1e-12
            );
        }
        for v in [0.5, 3.0, 1e4] {
            assert_relative_eq!(gompertz.rate(v), benzekry.rate(v), max_relative = 1e-12);
        }
    }

    #[test]
    fn doubling_time_doubles() {
        let law = GompertzBenzekry::new(2.3, 0.1, 1e-6).unwrap();
        for t in [0.0, 5.0] {
            let dt = law.doubling_time(1.0, t).unwrap();
            let v = law.closed_form(1.0, t);
            assert_relative_eq!(law.closed_form(1.0, t + dt), 2.0 * v, max_relative = 1e-12);
        }
        // At the plateau the tumor never doubles.
        assert!(law.doubling_time(law.plateau(), 0.0).is_none());
    }

    #[test]
    fn rejects_overflowing_plateau_and_bad_beta() {
        assert!(matches!(
            GompertzBenzekry::new(100.0, 0.01, 1.0),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            GompertzBenzekry::new(1.0, 0.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "beta"
        ));
        assert!(matches!(
            Gompertz::new(0.1, f64::NAN),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k"
        ));
    }
}
