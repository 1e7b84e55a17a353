//! Radiobiology arithmetic shared by tumor and normal-tissue models: linear-quadratic (LQ)
//! survival, biologically effective dose (BED), equivalent dose in 2 Gy fractions (EQD2)
//! and iso-effective doses.
//!
//! ```text
//! S(d)      = exp(-alpha d - beta d^2)             one fraction of d Gy
//! S(n x d)  = exp(-n (alpha d + beta d^2))         n fractions, full repair in between
//! BED       = n d (1 + d / (alpha/beta))
//! EQD2      = BED / (1 + 2 / (alpha/beta)) = D (d + alpha/beta) / (2 + alpha/beta),  D = n d
//! iso-effect  D2 / D1 = (alpha/beta + d1) / (alpha/beta + d2)
//! ```
//!
//! Sources: Fowler JF (1989) "The linear-quadratic formula and progress in fractionated
//! radiotherapy", *Br J Radiol* 62:679–694 (LQ survival, BED, iso-effect relation);
//! Thames HD, Bentzen SM, Turesson I, Overgaard M, van den Bogaert W (1990) "Time-dose
//! factors in radiotherapy: a review of the human data", *Radiother Oncol* 19:219–235
//! (human alpha/beta: early reactions 7–11 Gy, late effects 2–4 Gy); Brenner DJ (2008)
//! "The linear-quadratic model is an appropriate methodology for determining isoeffective
//! doses at large doses per fraction", *Semin Radiat Oncol* 18:234–239 (validity to about
//! 10 Gy per fraction, reasonable to about 18 Gy). The repopulation correction of BED for
//! long overall times is not included (its constants have no accepted published values).
//!
//! Every function validates its inputs and returns [`Error::InvalidParameter`] (naming
//! the argument, its unit and admissible range) instead of panicking or returning NaN.
//!
//! ```
//! use oncodyn_core::radiobiology::{bed, eqd2, LinearQuadratic};
//!
//! // 30 x 2 Gy to a tumor with alpha/beta = 10 Gy: BED 72 Gy, EQD2 60 Gy.
//! assert!((bed(30, 2.0, 10.0)? - 72.0).abs() < 1e-12);
//! assert!((eqd2(30, 2.0, 10.0)? - 60.0).abs() < 1e-12);
//! let lq = LinearQuadratic::new(0.3, 0.03)?;
//! assert!((lq.survival_fraction(2.0)? - (-0.72f64).exp()).abs() < 1e-15);
//! assert!(lq.survival_fraction(-1.0).is_err());
//! # Ok::<(), oncodyn_core::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::param::{validate_values, ParamRange, ParamSpec, Parameters};
use crate::signal::units;

/// Unit of the linear coefficient `alpha`.
pub const PER_GY: &str = "1/Gy";
/// Unit of the quadratic coefficient `beta`.
pub const PER_GY2: &str = "1/Gy^2";

/// Name used in errors about the free functions of this module.
const LQ_MODEL: &str = "linear-quadratic model";

/// Table row of a dose per fraction: `dose_per_fraction` in `[0, inf)` Gy.
pub const DOSE_PER_FRACTION: ParamSpec = ParamSpec {
    name: "dose_per_fraction",
    unit: units::GRAY,
    range: ParamRange::NON_NEGATIVE,
    description: "physical dose of one fraction",
};

/// Table row of a total dose: `total_dose` in `[0, inf)` Gy.
pub const TOTAL_DOSE: ParamSpec = ParamSpec {
    name: "total_dose",
    unit: units::GRAY,
    range: ParamRange::NON_NEGATIVE,
    description: "total physical dose of a schedule",
};

/// Table row of a biologically effective dose: `bed` in `[0, inf)` Gy.
pub const BED: ParamSpec = ParamSpec {
    name: "bed",
    unit: units::GRAY,
    range: ParamRange::NON_NEGATIVE,
    description: "biologically effective dose",
};

/// Table row of the alpha/beta ratio: `alpha_beta` in `(0, inf)` Gy (about 10 Gy for
/// early-responding tissues and most tumors, about 3 Gy for late-responding tissues;
/// Thames et al. 1990).
pub const ALPHA_BETA: ParamSpec = ParamSpec {
    name: "alpha_beta",
    unit: units::GRAY,
    range: ParamRange::POSITIVE,
    description: "alpha/beta ratio (fractionation sensitivity)",
};

/// Linear-quadratic radiosensitivity: the surviving fraction of cells after one fraction of
/// `d` Gy is `exp(-alpha d - beta d^2)` (Fowler 1989, *Br J Radiol* 62:679–694).
///
/// Ranges: `alpha` in `[0, inf)` 1/Gy, `beta` in `[0, inf)` 1/Gy^2. Values are tissue and
/// tumor specific; `alpha = beta = 0` is a radio-resistant population (survival 1).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinearQuadratic {
    /// Linear (single-hit) coefficient `alpha` (1/Gy), `>= 0`.
    pub alpha: f64,
    /// Quadratic (two-hit) coefficient `beta` (1/Gy^2), `>= 0`.
    pub beta: f64,
}

impl Parameters for LinearQuadratic {
    const MODEL: &'static str = "linear-quadratic radiosensitivity";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "alpha",
            unit: PER_GY,
            range: ParamRange::NON_NEGATIVE,
            description: "linear coefficient of the log cell kill per fraction",
        },
        ParamSpec {
            name: "beta",
            unit: PER_GY2,
            range: ParamRange::NON_NEGATIVE,
            description: "quadratic coefficient of the log cell kill per fraction",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.alpha, self.beta]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            alpha: get(0),
            beta: get(1),
        }
    }
}

impl LinearQuadratic {
    /// Validated construction from `alpha` (1/Gy) and `beta` (1/Gy^2).
    pub fn new(alpha: f64, beta: f64) -> Result<Self> {
        Self::from_values(&[alpha, beta])
    }

    /// The alpha/beta ratio (Gy); [`Error::InconsistentParameters`] when `beta = 0`
    /// (the ratio is infinite: no fractionation sensitivity).
    pub fn alpha_beta(&self) -> Result<f64> {
        self.validate()?;
        let ratio = self.alpha / self.beta;
        if ratio.is_finite() && ratio > 0.0 {
            Ok(ratio)
        } else {
            Err(Error::InconsistentParameters {
                model: Self::MODEL.into(),
                reason: format!(
                    "alpha/beta = {} / {} is not a finite positive ratio",
                    self.alpha, self.beta
                ),
            })
        }
    }

    /// Natural log of the surviving fraction after `n_fractions` fractions of
    /// `dose_per_fraction_gy` Gy: `-n (alpha d + beta d^2)` (`<= 0`; finite even where
    /// the survival itself underflows to 0).
    pub fn log_survival(&self, n_fractions: u32, dose_per_fraction_gy: f64) -> Result<f64> {
        self.validate()?;
        check_dose(dose_per_fraction_gy)?;
        let d = dose_per_fraction_gy;
        let per_fraction = self.alpha * d + self.beta * d * d;
        let log = -f64::from(n_fractions) * per_fraction;
        if log.is_nan() {
            // 0 fractions of an effect that overflowed (d^2 > f64::MAX): no effect.
            return Ok(0.0);
        }
        Ok(log.max(-f64::MAX))
    }

    /// Surviving fraction `exp(-alpha d - beta d^2)` after one fraction of
    /// `dose_gy` Gy, in `(0, 1]` (0 only when it underflows, beyond ~700 log-kills).
    pub fn survival_fraction(&self, dose_gy: f64) -> Result<f64> {
        self.survival_fraction_n(1, dose_gy)
    }

    /// Surviving fraction `exp(-n (alpha d + beta d^2))` after `n_fractions` fractions of
    /// `dose_per_fraction_gy` Gy with full repair between fractions.
    pub fn survival_fraction_n(&self, n_fractions: u32, dose_per_fraction_gy: f64) -> Result<f64> {
        Ok(self.log_survival(n_fractions, dose_per_fraction_gy)?.exp())
    }

    /// BED (Gy) of `n_fractions` x `dose_per_fraction_gy` Gy with this `alpha/beta`; see
    /// [`bed`]. Fails when `beta = 0`.
    pub fn bed(&self, n_fractions: u32, dose_per_fraction_gy: f64) -> Result<f64> {
        bed(n_fractions, dose_per_fraction_gy, self.alpha_beta()?)
    }
}

fn check_dose(dose_per_fraction_gy: f64) -> Result<()> {
    validate_values(LQ_MODEL, &[DOSE_PER_FRACTION], &[dose_per_fraction_gy])
}

fn check_alpha_beta(alpha_beta_gy: f64) -> Result<()> {
    validate_values(LQ_MODEL, &[ALPHA_BETA], &[alpha_beta_gy])
}

/// A finite result, or an error saying that the inputs overflow.
fn finite(value: f64, what: &str) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::InconsistentParameters {
            model: LQ_MODEL.into(),
            reason: format!("{what} = {value} Gy is not finite (inputs too large)"),
        })
    }
}

/// Biologically effective dose `BED = n d (1 + d/(alpha/beta))` (Gy) of `n_fractions`
/// fractions of `dose_per_fraction_gy` Gy, for a tissue with ratio `alpha_beta_gy` Gy
/// (Fowler 1989). Equals `-ln S / alpha`: the total dose that, given in infinitely
/// small fractions, has the same LQ effect.
pub fn bed(n_fractions: u32, dose_per_fraction_gy: f64, alpha_beta_gy: f64) -> Result<f64> {
    check_dose(dose_per_fraction_gy)?;
    check_alpha_beta(alpha_beta_gy)?;
    let d = dose_per_fraction_gy;
    let total = f64::from(n_fractions) * d;
    finite(total * (1.0 + d / alpha_beta_gy), "BED")
}

/// Equivalent dose in 2 Gy fractions `EQD2 = D (d + alpha/beta)/(2 + alpha/beta)` (Gy),
/// `D = n d`: the total dose in 2 Gy fractions with the same BED (Fowler 1989).
pub fn eqd2(n_fractions: u32, dose_per_fraction_gy: f64, alpha_beta_gy: f64) -> Result<f64> {
    check_dose(dose_per_fraction_gy)?;
    check_alpha_beta(alpha_beta_gy)?;
    let d = dose_per_fraction_gy;
    let total = f64::from(n_fractions) * d;
    finite(total * (d + alpha_beta_gy) / (2.0 + alpha_beta_gy), "EQD2")
}

/// EQD2 from a BED: `EQD2 = BED / (1 + 2/(alpha/beta))` (Gy).
pub fn eqd2_from_bed(bed_gy: f64, alpha_beta_gy: f64) -> Result<f64> {
    validate_values(LQ_MODEL, &[BED], &[bed_gy])?;
    check_alpha_beta(alpha_beta_gy)?;
    finite(bed_gy / (1.0 + 2.0 / alpha_beta_gy), "EQD2")
}

/// Total dose (Gy) in fractions of `new_dose_per_fraction_gy` Gy that is iso-effective
/// with `total_dose_gy` Gy given in fractions of `dose_per_fraction_gy` Gy:
/// `D2 = D1 (alpha/beta + d1)/(alpha/beta + d2)` (Fowler 1989).
pub fn isoeffective_dose(
    total_dose_gy: f64,
    dose_per_fraction_gy: f64,
    new_dose_per_fraction_gy: f64,
    alpha_beta_gy: f64,
) -> Result<f64> {
    validate_values(LQ_MODEL, &[TOTAL_DOSE], &[total_dose_gy])?;
    check_dose(dose_per_fraction_gy)?;
    check_dose(new_dose_per_fraction_gy)?;
    check_alpha_beta(alpha_beta_gy)?;
    finite(
        total_dose_gy * (alpha_beta_gy + dose_per_fraction_gy)
            / (alpha_beta_gy + new_dose_per_fraction_gy),
        "iso-effective dose",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exact_bed_and_eqd2() {
        // (n, d, alpha/beta, BED, EQD2): exact arithmetic of Fowler's formulas.
        let cases = [
            (30, 2.0, 10.0, 72.0, 60.0),
            (30, 2.0, 3.0, 100.0, 60.0),
            (5, 8.0, 10.0, 72.0, 60.0),
            (5, 8.0, 3.0, 440.0 / 3.0, 88.0),
        ];
        for (n, d, ab, expected_bed, expected_eqd2) in cases {
            let b = bed(n, d, ab).unwrap();
            assert_relative_eq!(b, expected_bed, max_relative = 1e-14);
            assert_relative_eq!(eqd2(n, d, ab).unwrap(), expected_eqd2, max_relative = 1e-14);
            assert_relative_eq!(
                eqd2_from_bed(b, ab).unwrap(),
                expected_eqd2,
                max_relative = 1e-14
            );
        }
        // 60 Gy in 2 Gy fractions at alpha/beta = 3 Gy is iso-effective with 50 Gy in
        // 3 Gy fractions: D2 = D1 (ab + d1)/(ab + d2), and the BED is preserved.
        let d2 = isoeffective_dose(60.0, 2.0, 3.0, 3.0).unwrap();
        assert_relative_eq!(d2, 50.0, max_relative = 1e-14);
        assert_relative_eq!(
            bed(30, 2.0, 3.0).unwrap(),
            d2 * (1.0 + 3.0 / 3.0),
            max_relative = 1e-14
        );
    }

    #[test]
    fn survival_is_lq() {
        let lq = LinearQuadratic::new(0.1, 0.01).unwrap();
        assert_relative_eq!(
            lq.survival_fraction(2.0).unwrap(),
            (-0.24f64).exp(),
            max_relative = 1e-15
        );
        let lq = LinearQuadratic::new(0.3, 0.03).unwrap();
        assert_relative_eq!(
            lq.survival_fraction_n(30, 2.0).unwrap(),
            (-21.6f64).exp(),
            max_relative = 1e-13
        );
        assert_relative_eq!(lq.survival_fraction(0.0).unwrap(), 1.0);
        assert_relative_eq!(lq.survival_fraction_n(0, 5.0).unwrap(), 1.0);
        assert_relative_eq!(lq.alpha_beta().unwrap(), 10.0, max_relative = 1e-15);
        assert_relative_eq!(lq.bed(30, 2.0).unwrap(), 72.0, max_relative = 1e-14);
        // BED = -ln S / alpha.
        assert_relative_eq!(
            -lq.log_survival(30, 2.0).unwrap() / lq.alpha,
            72.0,
            max_relative = 1e-14
        );
        // Survival never becomes NaN: it underflows to 0 at absurd doses.
        let big = lq.survival_fraction(1e6).unwrap();
        assert!((0.0..=1.0).contains(&big));
        assert!(lq.log_survival(u32::MAX, 1e150).unwrap().is_finite());
    }

    #[test]
    fn bad_inputs_are_errors() {
        let lq = LinearQuadratic::new(0.3, 0.03).unwrap();
        assert!(matches!(
            lq.survival_fraction(-1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose_per_fraction"
        ));
        assert!(matches!(
            lq.survival_fraction(f64::NAN),
            Err(Error::InvalidParameter { value, .. }) if value.is_nan()
        ));
        assert!(matches!(
            LinearQuadratic::new(-0.1, 0.03),
            Err(Error::InvalidParameter { ref name, ref unit, .. }) if name == "alpha" && unit == PER_GY
        ));
        assert!(matches!(
            LinearQuadratic::new(0.1, f64::INFINITY),
            Err(Error::InvalidParameter { ref name, .. }) if name == "beta"
        ));
        assert!(matches!(
            LinearQuadratic::new(0.1, 0.0).unwrap().alpha_beta(),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            bed(30, 2.0, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "alpha_beta"
        ));
        assert!(matches!(
            eqd2(30, f64::INFINITY, 10.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose_per_fraction"
        ));
        assert!(matches!(
            eqd2_from_bed(-1.0, 10.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "bed"
        ));
        assert!(matches!(
            isoeffective_dose(60.0, 2.0, -3.0, 3.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose_per_fraction"
        ));
        assert!(matches!(
            bed(u32::MAX, 1e300, 1e-300),
            Err(Error::InconsistentParameters { .. })
        ));
        // Parameters constructed directly are validated on use.
        let raw = LinearQuadratic {
            alpha: f64::NAN,
            beta: 0.0,
        };
        assert!(raw.survival_fraction(2.0).is_err());
    }
}
