//! Parameter metadata as data: a `SPEC` table per parameter struct, and validation
//! against it. An invalid parameter set cannot become a model.

use crate::error::{nearest_name, Error, Result};

/// Admissible interval of a parameter. NaN lies outside every range.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ParamRange {
    /// Lower bound (may be `-inf`).
    pub min: f64,
    /// Upper bound (may be `inf`).
    pub max: f64,
    /// Whether `min` itself is admissible.
    pub min_inclusive: bool,
    /// Whether `max` itself is admissible.
    pub max_inclusive: bool,
}

impl ParamRange {
    /// `(0, inf)`: a strictly positive, finite value.
    pub const POSITIVE: Self = Self::open(0.0, f64::INFINITY);
    /// `[0, inf)`: a non-negative, finite value.
    pub const NON_NEGATIVE: Self = Self::left_closed(0.0, f64::INFINITY);
    /// `[0, 1]`: a fraction.
    pub const FRACTION: Self = Self::closed(0.0, 1.0);
    /// Any finite value.
    pub const FINITE: Self = Self::open(f64::NEG_INFINITY, f64::INFINITY);

    /// `[min, max]`.
    pub const fn closed(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_inclusive: true,
            max_inclusive: true,
        }
    }

    /// `(min, max)`.
    pub const fn open(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_inclusive: false,
            max_inclusive: false,
        }
    }

    /// `[min, max)`.
    pub const fn left_closed(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_inclusive: true,
            max_inclusive: false,
        }
    }

    /// `(min, max]`.
    pub const fn right_closed(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_inclusive: false,
            max_inclusive: true,
        }
    }

    /// Whether `value` is finite and inside the range.
    pub fn contains(&self, value: f64) -> bool {
        if !value.is_finite() {
            return false;
        }
        let above = if self.min_inclusive {
            value >= self.min
        } else {
            value > self.min
        };
        let below = if self.max_inclusive {
            value <= self.max
        } else {
            value < self.max
        };
        above && below
    }
}

impl std::fmt::Display for ParamRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let open = if self.min_inclusive { '[' } else { '(' };
        let close = if self.max_inclusive { ']' } else { ')' };
        write!(
            f,
            "{open}{}, {}{close}",
            fmt_bound(self.min),
            fmt_bound(self.max)
        )
    }
}

fn fmt_bound(value: f64) -> String {
    if value == f64::INFINITY {
        "inf".into()
    } else if value == f64::NEG_INFINITY {
        "-inf".into()
    } else {
        format!("{value}")
    }
}

/// One row of a parameter table: what a parameter means, its unit, range and source.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ParamSpec {
    /// Name, as used in scenario files and calibration (`r`, `k10`).
    pub name: &'static str,
    /// Unit (`1/day`, `cells`; `1` for dimensionless).
    pub unit: &'static str,
    /// Admissible values.
    pub range: ParamRange,
    /// What it is, in a few words.
    pub description: &'static str,
}

/// A parameter struct described by a `SPEC` table, convertible to and from a value vector
/// in table order. Calibration, sampling and documentation work through this trait.
pub trait Parameters: Clone + std::fmt::Debug + Send + Sync + 'static {
    /// Name of the model the parameters belong to, used in error messages.
    const MODEL: &'static str;
    /// One row per parameter, in the order of [`Parameters::values`].
    const SPEC: &'static [ParamSpec];

    /// Current values in `SPEC` order.
    fn values(&self) -> Vec<f64>;

    /// Builds the struct from values in `SPEC` order, without validation.
    /// Callers use [`Parameters::from_values`], which validates.
    fn from_values_unchecked(values: &[f64]) -> Self;

    /// Extra consistency checks across parameters (default: none).
    fn check_consistency(&self) -> Result<()> {
        Ok(())
    }

    /// Checks every value against its range, then the cross-parameter rules.
    fn validate(&self) -> Result<()> {
        validate_values(Self::MODEL, Self::SPEC, &self.values())?;
        self.check_consistency()
    }

    /// Validated construction from values in `SPEC` order.
    fn from_values(values: &[f64]) -> Result<Self> {
        if values.len() != Self::SPEC.len() {
            return Err(Error::InconsistentParameters {
                model: Self::MODEL.into(),
                reason: format!("expected {} values, got {}", Self::SPEC.len(), values.len()),
            });
        }
        let params = Self::from_values_unchecked(values);
        params.validate()?;
        Ok(params)
    }

    /// Value of the parameter called `name`.
    fn get(&self, name: &str) -> Result<f64> {
        let index = spec_index::<Self>(name)?;
        Ok(self.values()[index])
    }

    /// A validated copy with parameter `name` set to `value`.
    fn with(&self, name: &str, value: f64) -> Result<Self> {
        let index = spec_index::<Self>(name)?;
        let mut values = self.values();
        values[index] = value;
        Self::from_values(&values)
    }
}

/// Position of `name` in `P::SPEC`, or an error with the nearest valid name.
pub fn spec_index<P: Parameters>(name: &str) -> Result<usize> {
    P::SPEC
        .iter()
        .position(|spec| spec.name == name)
        .ok_or_else(|| Error::UnknownParameter {
            model: P::MODEL.into(),
            name: name.into(),
            hint: nearest_name(name, P::SPEC.iter().map(|s| s.name)),
        })
}

/// Checks `values` against `spec` row by row; the first violation is returned.
pub fn validate_values(model: &str, spec: &[ParamSpec], values: &[f64]) -> Result<()> {
    for (row, &value) in spec.iter().zip(values) {
        if !row.range.contains(value) {
            return Err(Error::InvalidParameter {
                model: model.into(),
                name: row.name.into(),
                value,
                unit: row.unit.into(),
                range: row.range.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_reject_nan_and_bounds() {
        assert!(!ParamRange::POSITIVE.contains(f64::NAN));
        assert!(!ParamRange::POSITIVE.contains(0.0));
        assert!(ParamRange::NON_NEGATIVE.contains(0.0));
        assert!(!ParamRange::NON_NEGATIVE.contains(f64::INFINITY));
        assert!(ParamRange::FRACTION.contains(1.0));
        assert_eq!(ParamRange::POSITIVE.to_string(), "(0, inf)");
        assert_eq!(ParamRange::FRACTION.to_string(), "[0, 1]");
    }
}
