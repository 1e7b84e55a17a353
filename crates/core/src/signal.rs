//! Named quantities with units: states, published signals and inputs.
//!
//! Units are plain strings compared exactly (`"cells"`, `"1/day"`, `"uM"`); the
//! [`units`] module lists the ones the oncodyn crates use so that publishers and
//! readers agree by construction.

/// Unit strings shared by the oncodyn crates. Time is always in days.
pub mod units {
    /// A number of cells.
    pub const CELLS: &str = "cells";
    /// A per-capita rate or hazard.
    pub const PER_DAY: &str = "1/day";
    /// Drug amount in micromoles.
    pub const UMOL: &str = "umol";
    /// Drug concentration in micromoles per litre.
    pub const UM: &str = "uM";
    /// Concentration integrated over time (exposure).
    pub const UM_DAY: &str = "uM*day";
    /// Mass in milligrams (antibodies).
    pub const MG: &str = "mg";
    /// Volume in litres.
    pub const LITRE: &str = "L";
    /// Blood cell count in 10^9 cells per litre.
    pub const GIGA_PER_LITRE: &str = "1e9/L";
    /// Absorbed radiation dose.
    pub const GRAY: &str = "Gy";
    /// A dimensionless quantity.
    pub const DIMENSIONLESS: &str = "1";
    /// Volume in cubic millimetres.
    pub const MM3: &str = "mm^3";
}

/// A named quantity with a unit: a state of a sub-model or a value it publishes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Var {
    /// Name. For states it is local to the sub-model (`cells`); the model prefixes the
    /// sub-model name (`lung.cells`). For signals it is global (`lung.kill_hazard`).
    pub name: String,
    /// Unit, e.g. [`units::CELLS`].
    pub unit: String,
}

impl Var {
    /// A quantity called `name` measured in `unit`.
    pub fn new(name: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            unit: unit.into(),
        }
    }
}

/// How several publishers of one signal combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Combine {
    /// Exactly one publisher may exist (a concentration, a burden).
    Single,
    /// Values of all publishers are summed (per-capita hazards, fluxes): a tumor site
    /// reads one kill hazard without knowing whether it comes from a drug, effector cells
    /// or a stem-cell payload.
    Sum,
}

/// A signal a sub-model publishes, computed from its own state only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Signal {
    /// Global name and unit.
    pub var: Var,
    /// How it combines with other publishers of the same name.
    pub combine: Combine,
}

impl Signal {
    /// A signal with exactly one publisher.
    pub fn single(name: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            var: Var::new(name, unit),
            combine: Combine::Single,
        }
    }

    /// An additive signal: values of all publishers are summed.
    pub fn sum(name: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            var: Var::new(name, unit),
            combine: Combine::Sum,
        }
    }
}

/// A signal a sub-model reads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Input {
    /// Global signal name and the unit the reader expects.
    pub var: Var,
    /// Value used when nobody publishes the signal; `None` makes the input required.
    pub default: Option<f64>,
}

impl Input {
    /// A required input: building a model where nobody publishes it is an error.
    pub fn required(name: impl Into<String>, unit: impl Into<String>) -> Self {
        Self {
            var: Var::new(name, unit),
            default: None,
        }
    }

    /// An optional input with a neutral default (0 for a hazard).
    pub fn optional(name: impl Into<String>, unit: impl Into<String>, default: f64) -> Self {
        Self {
            var: Var::new(name, unit),
            default: Some(default),
        }
    }
}

/// Why a name is not well formed, or `None` if it is: non-empty, only `[A-Za-z0-9_.-]`,
/// no leading, trailing or doubled dot.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("it is empty");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        return Some("only ASCII letters, digits, `_`, `-` and `.` are allowed");
    }
    if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
        return Some("dots separate non-empty parts");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(name_problem("lung.cells"), None);
        assert!(name_problem("").is_some());
        assert!(name_problem("lung cells").is_some());
        assert!(name_problem(".cells").is_some());
        assert!(name_problem("a..b").is_some());
    }
}
