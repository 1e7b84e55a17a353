//! Parameters of linear one- to three-compartment pharmacokinetics ([`LinearPkParams`]),
//! the docetaxel presets of Bruno et al. (1996) and Onoue et al. (2016) and the docetaxel
//! molar mass.

use oncodyn_core::{units, Error, ParamRange, ParamSpec, Parameters, Result};

/// Molar mass of docetaxel (anhydrous, C43H53NO14): 807.9 g/mol = 0.808 mg/umol.
///
/// Source: PubChem compound summary for docetaxel (CID 148124), molecular weight
/// 807.9 g/mol.
pub const DOCETAXEL_MG_PER_UMOL: f64 = 0.808;

/// Converts a drug mass (mg) into an amount (umol) given the molar mass (mg/umol).
///
/// ```
/// use oncodyn_therapy::{mg_to_umol, DOCETAXEL_MG_PER_UMOL};
/// // 135 mg of docetaxel (75 mg/m^2 for a 1.8 m^2 patient) is about 167 umol.
/// let amount = mg_to_umol(135.0, DOCETAXEL_MG_PER_UMOL);
/// assert!((amount - 167.079).abs() < 1e-3);
/// ```
pub fn mg_to_umol(mass_mg: f64, molar_mass_mg_per_umol: f64) -> f64 {
    mass_mg / molar_mass_mg_per_umol
}

/// Rate constants (1/day) and central volume (L) of a linear mammillary PK model with a
/// central compartment and up to two peripheral compartments:
///
/// ```text
/// dA1/dt  = -(k10 + k12 + k13) A1 + k21 A2 + k31 A3     (umol/day)
/// dA2/dt  =  k12 A1 - k21 A2
/// dA3/dt  =  k13 A1 - k31 A3
/// dAUC/dt =  A1 / V1                                    (uM, so AUC is in uM*day)
/// ```
///
/// The number of compartments is implied by which exchange rates are zero
/// (see [`LinearPkParams::compartments`]): `k12 = k21 = 0` and `k13 = k31 = 0` gives one
/// compartment; `k12, k21 > 0` and `k13 = k31 = 0` gives two; all four positive gives three.
/// Any other pattern (a one-way exchange, or a second peripheral compartment without a
/// first) is rejected by [`Parameters::validate`] with
/// [`Error::InconsistentParameters`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinearPkParams {
    /// Elimination rate constant from the central compartment (1/day), > 0.
    pub k10: f64,
    /// Transfer rate constant central -> peripheral 1 (1/day), >= 0.
    pub k12: f64,
    /// Transfer rate constant peripheral 1 -> central (1/day), >= 0.
    pub k21: f64,
    /// Transfer rate constant central -> peripheral 2 (1/day), >= 0.
    pub k13: f64,
    /// Transfer rate constant peripheral 2 -> central (1/day), >= 0.
    pub k31: f64,
    /// Volume of the central compartment (L), > 0.
    pub v1: f64,
}

impl LinearPkParams {
    /// A one-compartment model: elimination rate `k10` (1/day), central volume `v1` (L).
    pub fn one_compartment(k10: f64, v1: f64) -> Self {
        Self {
            k10,
            k12: 0.0,
            k21: 0.0,
            k13: 0.0,
            k31: 0.0,
            v1,
        }
    }

    /// A two-compartment model: rates in 1/day, central volume `v1` in L.
    pub fn two_compartment(k10: f64, k12: f64, k21: f64, v1: f64) -> Self {
        Self {
            k12,
            k21,
            ..Self::one_compartment(k10, v1)
        }
    }

    /// A two-compartment model from clearances and volumes: clearance `cl` (L/day), central
    /// volume `v1` (L), inter-compartmental clearance `q` (L/day) and peripheral volume
    /// `v2` (L), i.e. `k10 = cl / v1`, `k12 = q / v1`, `k21 = q / v2`.
    pub fn two_compartment_from_clearances(cl: f64, v1: f64, q: f64, v2: f64) -> Self {
        Self::two_compartment(cl / v1, q / v1, q / v2, v1)
    }

    /// Population typical values of docetaxel (two compartments) of Onoue et al. (2016):
    /// CL = 32.6 L/h, Q = 5.34 L/h, Vc = 5.77 L, Vp = 11.0 L (clearances times 24, per
    /// day: 782.4 and 128.16 L/day), i.e. k10 = CL/Vc = 135.6/day, k12 = Q/Vc = 22.21/day,
    /// k21 = Q/Vp = 11.65/day, V1 = 5.77 L. Used with the Emax myelosuppression parameters
    /// of Friberg et al. (2002, Table 4) after a 1-hour infusion.
    ///
    /// Source: Onoue H et al. (2016), population pharmacokinetic model of docetaxel
    /// (two-compartment typical values), as encoded in the DTAT R package of
    /// D. C. Norris (`dcnorris/DTAT`, `R/Onoue.Friberg.R`); not checked against the paper.
    pub fn docetaxel_onoue_2016() -> Self {
        Self::two_compartment_from_clearances(32.6 * 24.0, 5.77, 5.34 * 24.0, 11.0)
    }

    /// Population typical values of docetaxel (three compartments), Bruno et al. (1996):
    /// k10 = 5.2, k12 = 1.06, k21 = 1.51, k13 = 1.26, k31 = 0.084 per hour (here times 24,
    /// per day: 124.8, 25.44, 36.24, 30.24, 2.016) and V1 = 7.4 L.
    ///
    /// Source: Bruno R, Vivier N, Vergniol JC, De Phillips SL, Montay G, Sheiner LB (1996)
    /// A population pharmacokinetic model for docetaxel (Taxotere): model building and
    /// validation. J Pharmacokinet Biopharm 24(2):153-172.
    pub fn docetaxel_bruno_1996() -> Self {
        Self {
            k10: 5.2 * 24.0,
            k12: 1.06 * 24.0,
            k21: 1.51 * 24.0,
            k13: 1.26 * 24.0,
            k31: 0.084 * 24.0,
            v1: 7.4,
        }
    }

    /// Number of compartments (1, 2 or 3) implied by the non-zero exchange rates:
    /// 3 if `k13` or `k31` is positive, else 2 if `k12` or `k21` is positive, else 1.
    pub fn compartments(&self) -> usize {
        if self.k13 > 0.0 || self.k31 > 0.0 {
            3
        } else if self.k12 > 0.0 || self.k21 > 0.0 {
            2
        } else {
            1
        }
    }

    /// Clearance `k10 * V1` (L/day).
    pub fn clearance(&self) -> f64 {
        self.k10 * self.v1
    }
}

impl Parameters for LinearPkParams {
    const MODEL: &'static str = "LinearPk";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "k10",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "elimination rate constant from the central compartment",
        },
        ParamSpec {
            name: "k12",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "transfer rate constant central -> peripheral 1 (0: no peripheral 1)",
        },
        ParamSpec {
            name: "k21",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "transfer rate constant peripheral 1 -> central (0: no peripheral 1)",
        },
        ParamSpec {
            name: "k13",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "transfer rate constant central -> peripheral 2 (0: no peripheral 2)",
        },
        ParamSpec {
            name: "k31",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "transfer rate constant peripheral 2 -> central (0: no peripheral 2)",
        },
        ParamSpec {
            name: "v1",
            unit: units::LITRE,
            range: ParamRange::POSITIVE,
            description: "volume of the central compartment",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.k10, self.k12, self.k21, self.k13, self.k31, self.v1]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let at = |k: usize| values.get(k).copied().unwrap_or(f64::NAN);
        Self {
            k10: at(0),
            k12: at(1),
            k21: at(2),
            k13: at(3),
            k31: at(4),
            v1: at(5),
        }
    }

    fn check_consistency(&self) -> Result<()> {
        let inconsistent = |reason: String| {
            Err(Error::InconsistentParameters {
                model: Self::MODEL.into(),
                reason,
            })
        };
        for (forward, backward, which) in [
            (self.k12, self.k21, "k12 and k21"),
            (self.k13, self.k31, "k13 and k31"),
        ] {
            if (forward > 0.0) != (backward > 0.0) {
                return inconsistent(format!(
                    "{which} must both be zero (no such peripheral compartment) or both \
                     positive, got {forward} and {backward} 1/day"
                ));
            }
        }
        if self.k13 > 0.0 && self.k12 <= 0.0 {
            return inconsistent(
                "a second peripheral compartment (k13, k31 > 0) needs a first one (k12, k21 > 0)"
                    .into(),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn preset_matches_the_hourly_rates_of_bruno_1996() {
        let p = LinearPkParams::docetaxel_bruno_1996();
        assert!(p.validate().is_ok());
        assert_eq!(p.compartments(), 3);
        for (per_day, per_hour) in [
            (p.k10, 5.2),
            (p.k12, 1.06),
            (p.k21, 1.51),
            (p.k13, 1.26),
            (p.k31, 0.084),
        ] {
            assert_relative_eq!(per_day / 24.0, per_hour, max_relative = 1e-14);
        }
        assert_relative_eq!(p.k10, 124.8, max_relative = 1e-14);
        assert_relative_eq!(p.clearance(), 923.52, max_relative = 1e-14);
    }

    #[test]
    fn onoue_preset_matches_the_published_clearances_and_volumes() {
        let p = LinearPkParams::docetaxel_onoue_2016();
        assert!(p.validate().is_ok());
        assert_eq!(p.compartments(), 2);
        assert_relative_eq!(p.clearance(), 32.6 * 24.0, max_relative = 1e-14);
        assert_relative_eq!(p.v1, 5.77, max_relative = 1e-15);
        assert_relative_eq!(p.k12 * p.v1, 5.34 * 24.0, max_relative = 1e-14);
        assert_relative_eq!(p.k12 * p.v1 / p.k21, 11.0, max_relative = 1e-14);
        assert_relative_eq!(p.k10, 135.597_920_277_296_36, max_relative = 1e-12);
    }

    #[test]
    fn compartment_count_follows_the_zero_rates() {
        assert_eq!(LinearPkParams::one_compartment(1.0, 1.0).compartments(), 1);
        assert_eq!(
            LinearPkParams::two_compartment(1.0, 2.0, 3.0, 1.0).compartments(),
            2
        );
    }

    #[test]
    fn values_round_trip_through_the_table() {
        let p = LinearPkParams::docetaxel_bruno_1996();
        let q = LinearPkParams::from_values(&p.values()).unwrap();
        for (a, b) in q.values().iter().zip(p.values()) {
            assert_relative_eq!(*a, b, max_relative = 1e-15);
        }
        assert_eq!(LinearPkParams::SPEC.len(), p.values().len());
    }

    #[test]
    fn invalid_values_are_rejected_with_name_and_range() {
        let p = LinearPkParams::docetaxel_bruno_1996();
        assert!(matches!(
            p.with("k21", f64::NAN),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k21"
        ));
        assert!(matches!(
            p.with("v1", -7.4),
            Err(Error::InvalidParameter { ref name, ref unit, .. }) if name == "v1" && unit == "L"
        ));
        assert!(matches!(
            p.with("k10", 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k10"
        ));
        assert!(matches!(
            p.with("k31", 0.0),
            Err(Error::InconsistentParameters { .. })
        ));
        let no_first = LinearPkParams {
            k12: 0.0,
            k21: 0.0,
            ..p
        };
        assert!(matches!(
            no_first.validate(),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            LinearPkParams::from_values(&[1.0, 0.0]),
            Err(Error::InconsistentParameters { .. })
        ));
    }
}
