//! Virtual populations from a scenario's `[population]` table.
//!
//! Each `[[population.parameter]]` entry becomes a [`Variable`]: a distribution centred on
//! the number written at its paths in the scenario file, and the paths that receive each
//! draw (see `oncodyn_scenario::spec::PopulationSpec`):
//!
//! - `lognormal`: median = file value, `sigma = sqrt(ln(1 + cv²))` (so that the coefficient
//!   of variation of the draws is `cv`); requires a positive file value and `cv >= 0`.
//! - `normal`: mean = file value, standard deviation `sd`, or `cv × |file value|`.
//! - `uniform`: between `low` and `high` (the file value is not used).
//!
//! **Truncation.** `low`/`high` on a log-normal or normal entry truncate it: a draw outside
//! `[low, high]` is redrawn (same parameter, next numbers of the patient's stream), at
//! most [`MAX_DRAWS`] times.
//!
//! **Range rule.** A patient whose drawn values are rejected by a model (a value outside
//! its `SPEC` table's admissible range, or an inconsistent combination) gets a complete
//! new set of draws from the continuing stream, at most [`MAX_DRAWS`] times, after which
//! the trial stops with [`Error::Redraw`] naming the parameter of the last rejection. As
//! the entries are drawn independently, this rejection sampling draws each parameter from
//! its distribution truncated to the admissible range. The number of draws a patient
//! needed is recorded (`draws` column of the patient table).

use crate::error::{Error, Result};
use crate::rng::PatientRng;
use oncodyn_scenario::spec::VariabilitySpec;
use oncodyn_scenario::Scenario;
use statrs::distribution::Normal;

/// Largest number of draws for a truncated parameter, and of complete redraws of a
/// patient rejected by a model's admissible ranges.
pub const MAX_DRAWS: usize = 100;

/// The distribution of one varied quantity.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Distribution {
    /// Log-normal: `median × exp(sigma × z)`, `z` standard normal.
    LogNormal {
        /// Median (the file value), in the parameter's unit.
        median: f64,
        /// Standard deviation of the logarithm, `sqrt(ln(1 + cv²))`.
        sigma: f64,
    },
    /// Normal: `mean + sd × z`.
    Normal {
        /// Mean (the file value), in the parameter's unit.
        mean: f64,
        /// Standard deviation, in the parameter's unit.
        sd: f64,
    },
    /// Uniform on `[low, high)`.
    Uniform {
        /// Lower bound, in the parameter's unit.
        low: f64,
        /// Upper bound, in the parameter's unit.
        high: f64,
    },
}

/// One varied quantity: its label, paths, distribution and optional truncation.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    name: String,
    paths: Vec<String>,
    distribution: Distribution,
    truncation: (f64, f64),
}

impl Variable {
    /// Label (`r`, `P0`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Paths receiving each draw.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// The distribution.
    pub fn distribution(&self) -> Distribution {
        self.distribution
    }

    /// Truncation bounds (`-inf`/`inf` when absent), in the parameter's unit.
    pub fn truncation(&self) -> (f64, f64) {
        self.truncation
    }

    /// One draw: the distribution's value, redrawn while outside the truncation bounds.
    fn draw(&self, rng: &mut PatientRng) -> Result<f64> {
        use rand::distr::Distribution as _;
        use rand::RngExt;
        let standard = Normal::standard();
        let (low, high) = self.truncation;
        let mut value = f64::NAN;
        for _ in 0..MAX_DRAWS {
            value = match self.distribution {
                Distribution::LogNormal { median, sigma } => {
                    median * (sigma * standard.sample(rng)).exp()
                }
                Distribution::Normal { mean, sd } => mean + sd * standard.sample(rng),
                Distribution::Uniform { low, high } => low + (high - low) * rng.random::<f64>(),
            };
            if value >= low && value <= high {
                return Ok(value);
            }
        }
        Err(Error::Population {
            parameter: self.name.clone(),
            reason: format!(
                "{MAX_DRAWS} successive draws fell outside the truncation [{low}, {high}] (last {value})"
            ),
        })
    }
}

/// The varied quantities of a scenario's `[population]` (none without one).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Population {
    variables: Vec<Variable>,
}

/// One patient: the drawn values (in [`Population::variables`] order), the number of
/// draws needed, and the patient's scenario.
#[derive(Debug, Clone)]
pub struct Patient {
    /// Drawn values, one per variable, in each parameter's unit.
    pub values: Vec<f64>,
    /// Complete draws needed (1 unless the range rule rejected some).
    pub draws: usize,
    /// The scenario with the drawn values written at their paths.
    pub scenario: Scenario,
}

impl Population {
    /// The population of `scenario`'s `[population]` table, checked: known distribution,
    /// the keys it needs and no others, `cv`/`sd >= 0`, `low < high`, paths holding
    /// numbers that agree with each other.
    pub fn from_scenario(scenario: &Scenario) -> Result<Self> {
        let Some(spec) = &scenario.file().population else {
            return Ok(Self::default());
        };
        let variables = spec
            .parameter
            .iter()
            .map(|entry| variable(scenario, entry))
            .collect::<Result<_>>()?;
        Ok(Self { variables })
    }

    /// The varied quantities, in file order.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// Labels of the varied quantities.
    pub fn names(&self) -> Vec<String> {
        self.variables.iter().map(|v| v.name.clone()).collect()
    }

    /// Patient `index`'s values and scenario, drawn from `rng` (the patient's own stream),
    /// applying the range rule of the module documentation.
    pub fn patient(&self, base: &Scenario, rng: &mut PatientRng, index: usize) -> Result<Patient> {
        if self.variables.is_empty() {
            return Ok(Patient {
                values: Vec::new(),
                draws: 1,
                scenario: base.clone(),
            });
        }
        let mut last = String::new();
        for draws in 1..=MAX_DRAWS {
            let values = self
                .variables
                .iter()
                .map(|v| v.draw(rng))
                .collect::<Result<Vec<f64>>>()?;
            let changes: Vec<(&str, f64)> = self
                .variables
                .iter()
                .zip(&values)
                .flat_map(|(v, &x)| v.paths.iter().map(move |p| (p.as_str(), x)))
                .collect();
            match base.with_values(&changes) {
                Ok(scenario) => {
                    return Ok(Patient {
                        values,
                        draws,
                        scenario,
                    })
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(Error::Redraw {
            patient: index,
            attempts: MAX_DRAWS,
            last,
        })
    }
}

fn variable(scenario: &Scenario, entry: &VariabilitySpec) -> Result<Variable> {
    let invalid = |reason: String| Error::Population {
        parameter: entry.name.clone(),
        reason,
    };
    if entry.paths.is_empty() {
        return Err(invalid("`paths` is empty: name at least one number".into()));
    }
    let mut paths = Vec::new();
    let mut file_value = None;
    for path in &entry.paths {
        let path = path.get_ref();
        let value = scenario
            .value_at(path)
            .map_err(|e| invalid(e.to_string()))?;
        match file_value {
            Some(first) if !same(first, value) => {
                return Err(invalid(format!(
                    "its paths hold different numbers ({first} at `{}`, {value} at `{path}`): \
                     every path receives the same draw, so they must agree",
                    paths.first().map_or("", String::as_str)
                )))
            }
            _ => file_value = Some(value),
        }
        paths.push(path.clone());
    }
    let value = file_value.unwrap_or(f64::NAN);
    for (key, v) in [
        ("cv", entry.cv),
        ("sd", entry.sd),
        ("low", entry.low),
        ("high", entry.high),
    ] {
        if let Some(v) = v {
            if !v.is_finite() {
                return Err(invalid(format!("`{key}` = {v} must be finite")));
            }
        }
    }
    let non_negative = |key: &str, v: f64| {
        if v < 0.0 {
            Err(invalid(format!("`{key}` = {v} must not be negative")))
        } else {
            Ok(v)
        }
    };
    let forbid = |key: &str, present: bool, kind: &str| {
        if present {
            Err(invalid(format!(
                "a {kind} distribution does not take `{key}`"
            )))
        } else {
            Ok(())
        }
    };
    let kind = entry.distribution.get_ref().as_str();
    let distribution = match kind {
        "lognormal" => {
            forbid("sd", entry.sd.is_some(), kind)?;
            let cv = entry
                .cv
                .ok_or_else(|| invalid("a lognormal distribution needs `cv`".into()))?;
            let cv = non_negative("cv", cv)?;
            if value.is_nan() || value <= 0.0 {
                return Err(invalid(format!(
                    "a lognormal distribution needs a positive median, the file holds {value}"
                )));
            }
            Distribution::LogNormal {
                median: value,
                sigma: cv.mul_add(cv, 1.0).ln().sqrt(),
            }
        }
        "normal" => {
            let sd = match (entry.cv, entry.sd) {
                (Some(cv), None) => non_negative("cv", cv)? * value.abs(),
                (None, Some(sd)) => non_negative("sd", sd)?,
                _ => {
                    return Err(invalid(
                        "a normal distribution needs exactly one of `cv` and `sd`".into(),
                    ))
                }
            };
            Distribution::Normal { mean: value, sd }
        }
        "uniform" => {
            forbid("cv", entry.cv.is_some(), kind)?;
            forbid("sd", entry.sd.is_some(), kind)?;
            match (entry.low, entry.high) {
                (Some(low), Some(high)) if low < high => Distribution::Uniform { low, high },
                (Some(low), Some(high)) => {
                    return Err(invalid(format!(
                        "a uniform distribution needs `low` < `high`, got {low} and {high}"
                    )))
                }
                _ => {
                    return Err(invalid(
                        "a uniform distribution needs `low` and `high`".into(),
                    ))
                }
            }
        }
        other => {
            let hint = oncodyn_core::nearest_name(other, ["lognormal", "normal", "uniform"])
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            return Err(invalid(format!(
                "unknown distribution `{other}`{hint}: use lognormal, normal or uniform"
            )));
        }
    };
    let truncation = (
        entry.low.unwrap_or(f64::NEG_INFINITY),
        entry.high.unwrap_or(f64::INFINITY),
    );
    if truncation.0 >= truncation.1 {
        return Err(invalid(format!(
            "truncation needs `low` < `high`, got {} and {}",
            truncation.0, truncation.1
        )));
    }
    Ok(Variable {
        name: entry.name.clone(),
        paths,
        distribution,
        truncation,
    })
}

/// Equal numbers (bitwise, or both zero).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a - b).abs() <= 0.0
}
