//! First-order absorption ([`AbsorptionParams`]): a depot compartment (gut lumen,
//! subcutaneous or intramuscular site) from which a fraction of the dose reaches the
//! central compartment of a [`LinearPk`](crate::LinearPk) model.

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters};

/// First-order absorption from a depot into the central compartment:
///
/// ```text
/// dAd/dt = -ka Ad                          (depot, umol)
/// dA1/dt = ... + F ka Ad                   (central, umol)
/// ```
///
/// The depot holds the administered amount not yet absorbed; the fraction `F`
/// (bioavailability) of what leaves it reaches the central compartment, the rest
/// (`(1 - F) ka Ad`, first-pass loss) is eliminated before reaching the circulation. For a
/// single dose `D` into the depot of a one-compartment model (elimination `k = k10`,
/// `ka != k`) this is the Bateman function
/// `A1(t) = F D ka / (ka - k) (exp(-k t) - exp(-ka t))`, and in every linear model the
/// exposure after complete elimination is `F D / CL`.
///
/// Sources: the standard first-order absorption model of pharmacokinetics (Gibaldi M,
/// Perrier D (1982) *Pharmacokinetics*, 2nd ed., Marcel Dekker, New York); the closed form
/// is that of Bateman H (1910) The solution of a system of differential equations
/// occurring in the theory of radioactive transformations, Proc Cambridge Philos Soc
/// 15:423-427.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AbsorptionParams {
    /// First-order absorption rate constant from the depot (1/day), > 0.
    pub ka: f64,
    /// Bioavailability `F`: fraction of the depot amount that reaches the central
    /// compartment (dimensionless), in (0, 1].
    pub bioavailability: f64,
}

impl AbsorptionParams {
    /// Absorption with rate constant `ka` (1/day) and bioavailability `bioavailability`
    /// (fraction, (0, 1]). Not validated here: [`LinearPk::with_absorption`] validates.
    ///
    /// [`LinearPk::with_absorption`]: crate::LinearPk::with_absorption
    pub fn new(ka: f64, bioavailability: f64) -> Self {
        Self {
            ka,
            bioavailability,
        }
    }

    /// Absorption half-life `ln 2 / ka` (day).
    pub fn half_life(&self) -> f64 {
        std::f64::consts::LN_2 / self.ka
    }
}

impl Parameters for AbsorptionParams {
    const MODEL: &'static str = "Absorption";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "ka",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "first-order absorption rate constant from the depot",
        },
        ParamSpec {
            name: "bioavailability",
            unit: units::DIMENSIONLESS,
            range: ParamRange::right_closed(0.0, 1.0),
            description: "fraction F of the depot amount reaching the central compartment",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.ka, self.bioavailability]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let at = |k: usize| values.get(k).copied().unwrap_or(f64::NAN);
        Self::new(at(0), at(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn table_round_trips_and_ranges_hold() {
        let p = AbsorptionParams::new(24.0, 0.6);
        assert!(p.validate().is_ok());
        let q = AbsorptionParams::from_values(&p.values()).unwrap();
        assert_relative_eq!(q.ka, 24.0);
        assert_relative_eq!(q.bioavailability, 0.6);
        assert_relative_eq!(p.half_life(), std::f64::consts::LN_2 / 24.0);
        assert!(AbsorptionParams::new(1.0, 1.0).validate().is_ok());
    }

    #[test]
    fn bad_values_name_the_parameter() {
        for (p, which) in [
            (AbsorptionParams::new(0.0, 0.5), "ka"),
            (AbsorptionParams::new(f64::NAN, 0.5), "ka"),
            (AbsorptionParams::new(1.0, 0.0), "bioavailability"),
            (AbsorptionParams::new(1.0, 1.2), "bioavailability"),
            (AbsorptionParams::new(1.0, f64::INFINITY), "bioavailability"),
        ] {
            assert!(
                matches!(p.validate(), Err(Error::InvalidParameter { ref name, .. }) if name == which),
                "{p:?}"
            );
        }
    }
}
