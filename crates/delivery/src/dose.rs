//! Cell doses ([`CellDose`], in cells or cells/kg of body weight) and administration routes
//! ([`Route`]: intravenous, intra-arterial, intratumoral).

use oncodyn_core::{units, validate_values, ParamRange, ParamSpec, Result};

/// Unit of a weight-normalised cell dose.
pub const CELLS_PER_KG: &str = "cells/kg";
/// Unit of body weight.
pub const KG: &str = "kg";

/// Parameter-table name used in errors about doses and routes.
const DOSE_MODEL: &str = "stem-cell dose";

/// Table row of a cell dose: `dose` in `[0, inf)` cells.
pub const DOSE_SPEC: ParamSpec = ParamSpec {
    name: "dose",
    unit: units::CELLS,
    range: ParamRange::NON_NEGATIVE,
    description: "number of administered cells",
};

const PER_KG_SPEC: [ParamSpec; 2] = [
    ParamSpec {
        name: "dose_per_kg",
        unit: CELLS_PER_KG,
        range: ParamRange::NON_NEGATIVE,
        description: "administered cells per kg of body weight",
    },
    ParamSpec {
        name: "body_weight",
        unit: KG,
        range: ParamRange::POSITIVE,
        description: "body weight",
    },
];

const FRACTION_SPEC: [ParamSpec; 3] = [
    ParamSpec {
        name: "tumor_fraction",
        unit: units::DIMENSIONLESS,
        range: ParamRange::FRACTION,
        description: "fraction of an intra-arterial dose retained at the tumor site on first pass",
    },
    ParamSpec {
        name: "organ_fraction",
        unit: units::DIMENSIONLESS,
        range: ParamRange::FRACTION,
        description: "fraction of an intra-arterial dose retained in the organ's normal tissue",
    },
    ParamSpec {
        name: "leak_fraction",
        unit: units::DIMENSIONLESS,
        range: ParamRange::FRACTION,
        description: "fraction of an intratumoral dose leaking into the blood",
    },
];

/// A validated number of administered cells.
///
/// ```
/// use oncodyn_delivery::CellDose;
/// // 2 million cells/kg for a 70 kg patient.
/// let dose = CellDose::per_kg(2e6, 70.0)?;
/// assert!((dose.cell_count() - 1.4e8).abs() < 1.0);
/// assert!(CellDose::cells(-1.0).is_err());
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CellDose {
    cells: f64,
}

impl CellDose {
    /// A dose of `cells` cells; fails with `InvalidParameter` (`dose`) unless finite and
    /// non-negative.
    pub fn cells(cells: f64) -> Result<Self> {
        validate_values(DOSE_MODEL, &[DOSE_SPEC], &[cells])?;
        Ok(Self { cells })
    }

    /// A dose of `cells_per_kg` cells/kg for a body weight of `body_weight_kg` kg; fails
    /// with `InvalidParameter` (`dose_per_kg` or `body_weight`) for a negative or
    /// non-finite dose or a non-positive weight.
    pub fn per_kg(cells_per_kg: f64, body_weight_kg: f64) -> Result<Self> {
        validate_values(DOSE_MODEL, &PER_KG_SPEC, &[cells_per_kg, body_weight_kg])?;
        Self::cells(cells_per_kg * body_weight_kg)
    }

    /// Number of cells.
    pub fn cell_count(&self) -> f64 {
        self.cells
    }
}

/// How cells are administered. Build with the validating constructors; the target site
/// must be one of the sites of the [`StemCells`](crate::StemCells) population receiving
/// the dose (checked by [`StemCells::administer`](crate::StemCells::administer)).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Route {
    /// Into a peripheral vein: the whole dose enters the blood and meets the lung first.
    Intravenous,
    /// Into the artery feeding a tumor site: on the first pass `tumor_fraction` of the
    /// dose is retained at the site and `organ_fraction` in the organ's normal tissue
    /// (counted with other organs); the rest returns to the venous blood.
    IntraArterial {
        /// Target tumor site (its sub-model name, e.g. `liver`).
        site: String,
        /// Fraction retained at the site on first pass, in `[0, 1]`.
        tumor_fraction: f64,
        /// Fraction retained in the organ's normal tissue, in `[0, 1]`; the two fractions
        /// sum to at most 1.
        organ_fraction: f64,
    },
    /// Injected into a tumor site: `1 - leak_fraction` of the dose stays there, the rest
    /// leaks into the blood.
    Intratumoral {
        /// Target tumor site.
        site: String,
        /// Fraction leaking into the blood, in `[0, 1]`.
        leak_fraction: f64,
    },
}

impl Route {
    /// An intra-arterial route to `site`; fails with `InvalidParameter` for a fraction
    /// outside `[0, 1]` and `InconsistentParameters` when they sum to more than 1.
    pub fn intra_arterial(site: &str, tumor_fraction: f64, organ_fraction: f64) -> Result<Self> {
        let route = Self::IntraArterial {
            site: site.to_string(),
            tumor_fraction,
            organ_fraction,
        };
        route.validate()?;
        Ok(route)
    }

    /// An intratumoral route to `site`; fails with `InvalidParameter` unless
    /// `leak_fraction` is in `[0, 1]`.
    pub fn intratumoral(site: &str, leak_fraction: f64) -> Result<Self> {
        let route = Self::Intratumoral {
            site: site.to_string(),
            leak_fraction,
        };
        route.validate()?;
        Ok(route)
    }

    /// The tumor site this route needs, if any.
    pub fn site(&self) -> Option<&str> {
        match self {
            Self::Intravenous => None,
            Self::IntraArterial { site, .. } | Self::Intratumoral { site, .. } => Some(site),
        }
    }

    /// Checks the fractions (see the constructors).
    pub fn validate(&self) -> Result<()> {
        match *self {
            Self::Intravenous => Ok(()),
            Self::IntraArterial {
                tumor_fraction,
                organ_fraction,
                ..
            } => {
                validate_values(
                    DOSE_MODEL,
                    &FRACTION_SPEC[..2],
                    &[tumor_fraction, organ_fraction],
                )?;
                if tumor_fraction + organ_fraction > 1.0 {
                    return Err(oncodyn_core::Error::InconsistentParameters {
                        model: DOSE_MODEL.into(),
                        reason: format!(
                            "intra-arterial tumor_fraction {tumor_fraction} + organ_fraction \
                             {organ_fraction} exceeds 1"
                        ),
                    });
                }
                Ok(())
            }
            Self::Intratumoral { leak_fraction, .. } => {
                validate_values(DOSE_MODEL, &FRACTION_SPEC[2..], &[leak_fraction])
            }
        }
    }

    /// Split of a dose `(blood, organs, site)` as fractions summing to 1.
    pub(crate) fn split(&self) -> (f64, f64, f64) {
        match *self {
            Self::Intravenous => (1.0, 0.0, 0.0),
            Self::IntraArterial {
                tumor_fraction,
                organ_fraction,
                ..
            } => (
                1.0 - tumor_fraction - organ_fraction,
                organ_fraction,
                tumor_fraction,
            ),
            Self::Intratumoral { leak_fraction, .. } => (leak_fraction, 0.0, 1.0 - leak_fraction),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oncodyn_core::Error;

    #[test]
    fn doses_and_routes_are_validated() {
        assert!(matches!(
            CellDose::cells(f64::NAN),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose"
        ));
        assert!(matches!(
            CellDose::per_kg(1e6, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "body_weight"
        ));
        assert!(matches!(
            CellDose::per_kg(-1e6, 70.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose_per_kg"
        ));
        assert!(matches!(
            Route::intra_arterial("liver", 0.7, 0.5),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            Route::intratumoral("liver", 1.5),
            Err(Error::InvalidParameter { ref name, .. }) if name == "leak_fraction"
        ));
        let route = Route::intra_arterial("liver", 0.25, 0.5).unwrap();
        assert_eq!(route.site(), Some("liver"));
        let (blood, organs, site) = route.split();
        assert!((blood - 0.25).abs() < 1e-15 && (organs - 0.5).abs() < 1e-15);
        assert!((site - 0.25).abs() < 1e-15);
    }
}
