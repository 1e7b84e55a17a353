//! `[population]`: inter-patient variability for virtual trials. Each varied parameter
//! names one or more *paths* into the scenario file; the value written there is the median
//! (or mean) of its distribution, and every path of one entry receives the same draw.
//!
//! A path is the table names and keys leading to a number, with array entries selected by
//! their `name`: `tumor_site.primary.growth.r`, `tumor_site.lung.initial_cells`,
//! `neutrophils.neutrophils.params.circ0`. The number must be present in the file (write
//! the default explicitly to vary it).

use serde::Deserialize;
use toml::Spanned;

/// `[population]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationSpec {
    /// Seed of the cohort's random streams (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Default cohort size (default 1000).
    #[serde(default = "default_patients")]
    pub patients: usize,
    /// Varied parameters.
    #[serde(default)]
    pub parameter: Vec<VariabilitySpec>,
}

fn default_seed() -> u64 {
    1
}
fn default_patients() -> usize {
    1000
}

/// `[[population.parameter]]`: one varied quantity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariabilitySpec {
    /// Label (`r`, `P0`).
    pub name: String,
    /// Paths receiving the draw.
    pub paths: Vec<Spanned<String>>,
    /// `"lognormal"` (median = file value, `cv`), `"normal"` (mean = file value, `cv` or
    /// `sd`) or `"uniform"` (`low`, `high`).
    pub distribution: Spanned<String>,
    /// Coefficient of variation (lognormal: sigma = sqrt(ln(1 + cv²))).
    #[serde(default)]
    pub cv: Option<f64>,
    /// Standard deviation (normal), in the parameter's unit.
    #[serde(default)]
    pub sd: Option<f64>,
    /// Lower bound (uniform), or truncation bound.
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper bound (uniform), or truncation bound.
    #[serde(default)]
    pub high: Option<f64>,
}
