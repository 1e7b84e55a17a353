//! [`Scenario`]: a checked scenario file, ready to run.

use crate::build::{self, ArmPlan, Context};
use crate::error::Result;
use crate::file::Source;
use crate::spec::ScenarioFile;
use oncodyn_core::{Model, SolverOptions};
use std::path::Path;

/// The flagship scenario file bundled with oncodyn (`examples/scenarios/flagship.toml`).
pub const FLAGSHIP_TOML: &str = include_str!("../../../examples/scenarios/flagship.toml");

/// A scenario whose every reference, parameter, treatment and output variable has been
/// checked, and whose model composes.
#[derive(Debug, Clone)]
pub struct Scenario {
    source: Source,
    file: ScenarioFile,
    arms: Vec<ArmPlan>,
    lesions: Vec<String>,
    neutrophils: Option<String>,
    variables: Vec<String>,
}

impl Scenario {
    /// Reads and checks the scenario file at `path`.
    pub fn read(path: &Path) -> Result<Self> {
        Self::from_source(Source::read(path)?)
    }

    /// The bundled flagship scenario (FLAGSHIP.md of the design notes).
    pub fn flagship() -> Result<Self> {
        Self::from_source(Source::from_text("flagship.toml", FLAGSHIP_TOML))
    }

    /// Parses and checks `source`.
    pub fn from_source(source: Source) -> Result<Self> {
        let file: ScenarioFile = source.parse()?;
        let ctx = Context {
            source: &source,
            file: &file,
        };
        let horizon = file.scenario.horizon_days.get_ref();
        if !(horizon.is_finite() && *horizon > 0.0) {
            return Err(source.error_at(
                Some(file.scenario.horizon_days.span()),
                format!("horizon_days must be positive, got {horizon}"),
                None,
            ));
        }
        build::solver_options(&ctx, file.output.step_days)?;
        let model = build::model(&ctx)?;
        let arms = build::arms(&ctx)?;
        for arm in &arms {
            for event in &arm.events {
                if let oncodyn_core::Event::Dose { state, .. } = event {
                    model.state_index(state)?;
                }
            }
        }
        let lesions = if file.endpoints.lesions.is_empty() {
            file.tumor_site
                .iter()
                .map(|s| s.name.get_ref().clone())
                .collect()
        } else {
            ctx.sites(&file.endpoints.lesions)?
                .into_iter()
                .map(str::to_string)
                .collect()
        };
        let columns: Vec<String> = model
            .states()
            .iter()
            .chain(model.signals())
            .map(|v| v.name.clone())
            .collect();
        let column_names: Vec<&str> = columns.iter().map(String::as_str).collect();
        let neutrophils = match &file.endpoints.neutrophils {
            Some(signal) => {
                if !columns.contains(signal.get_ref()) {
                    return Err(source.invalid(
                        signal,
                        format!("no state or signal is called `{}`", signal.get_ref()),
                        &column_names,
                    ));
                }
                Some(signal.get_ref().clone())
            }
            None => file
                .neutrophils
                .first()
                .map(|n| format!("{}.circulating", n.name.get_ref())),
        };
        let mut variables = Vec::new();
        for variable in &file.output.variables {
            if !columns.contains(variable.get_ref()) {
                return Err(source.invalid(
                    variable,
                    format!("no state or signal is called `{}`", variable.get_ref()),
                    &column_names,
                ));
            }
            variables.push(variable.get_ref().clone());
        }
        Ok(Self {
            source,
            file,
            arms,
            lesions,
            neutrophils,
            variables,
        })
    }

    /// Scenario name.
    pub fn name(&self) -> &str {
        &self.file.scenario.name
    }

    /// Description.
    pub fn description(&self) -> &str {
        &self.file.scenario.description
    }

    /// Horizon (days).
    pub fn horizon(&self) -> f64 {
        *self.file.scenario.horizon_days.get_ref()
    }

    /// The arms, in file order.
    pub fn arms(&self) -> &[ArmPlan] {
        &self.arms
    }

    /// Lesion sites (RECIST, total burden).
    pub fn lesions(&self) -> &[String] {
        &self.lesions
    }

    /// Neutrophil signal for toxicity endpoints, if any.
    pub fn neutrophil_signal(&self) -> Option<&str> {
        self.neutrophils.as_deref()
    }

    /// Columns written to trajectory files (empty: all).
    pub fn output_variables(&self) -> &[String] {
        &self.variables
    }

    /// The parsed file.
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    /// The number at `path` in the file (see [`crate::spec::PopulationSpec`] for paths).
    #[allow(clippy::cast_precision_loss)]
    pub fn value_at(&self, path: &str) -> Result<f64> {
        let table = self.table()?;
        let slot = locate(&table, path).ok_or_else(|| self.path_error(path))?;
        slot.as_float()
            .or_else(|| slot.as_integer().map(|i| i as f64))
            .ok_or_else(|| self.path_error(path))
    }

    /// A copy of this scenario with the numbers at `paths` replaced, checked like a file.
    pub fn with_values(&self, changes: &[(&str, f64)]) -> Result<Self> {
        let mut table = self.table()?;
        for (path, value) in changes {
            let slot = locate_mut(&mut table, path).ok_or_else(|| self.path_error(path))?;
            if !(slot.is_float() || slot.is_integer()) {
                return Err(self.path_error(path));
            }
            *slot = toml::Value::Float(*value);
        }
        let text = toml::to_string(&table).map_err(|e| {
            self.source.error_at(
                None,
                format!("cannot write the modified scenario: {e}"),
                None,
            )
        })?;
        Self::from_source(Source {
            path: self.source.path.clone(),
            text,
        })
    }

    fn table(&self) -> Result<toml::Table> {
        toml::from_str(&self.source.text).map_err(|e| {
            self.source
                .error_at(e.span(), e.message().to_string(), None)
        })
    }

    fn path_error(&self, path: &str) -> crate::Error {
        self.source.error_at(
            None,
            format!("no number at path `{path}` (tables and keys, array entries by `name`)"),
            None,
        )
    }

    /// A fresh composed patient model.
    pub fn model(&self) -> Result<Model> {
        build::model(&self.context())
    }

    /// Solver settings with output every `step` days.
    pub fn solver_options(&self, step: f64) -> Result<SolverOptions> {
        build::solver_options(&self.context(), step)
    }

    fn context(&self) -> Context<'_> {
        Context {
            source: &self.source,
            file: &self.file,
        }
    }
}

/// The entry of an array called `part` (its `name` key), or at index `part`.
fn entry_index(items: &[toml::Value], part: &str) -> Option<usize> {
    items
        .iter()
        .position(|item| item.get("name").and_then(toml::Value::as_str) == Some(part))
        .or_else(|| part.parse().ok())
}

/// The value at a dotted path; array entries are selected by their `name` key (or index).
fn locate<'t>(table: &'t toml::Table, path: &str) -> Option<&'t toml::Value> {
    let mut parts = path.split('.');
    let mut current = table.get(parts.next()?)?;
    for part in parts {
        current = match current {
            toml::Value::Table(t) => t.get(part)?,
            toml::Value::Array(items) => {
                let index = entry_index(items, part)?;
                items.get(index)?
            }
            _ => return None,
        };
    }
    Some(current)
}

fn locate_mut<'t>(table: &'t mut toml::Table, path: &str) -> Option<&'t mut toml::Value> {
    let mut parts = path.split('.');
    let mut current = table.get_mut(parts.next()?)?;
    for part in parts {
        current = match current {
            toml::Value::Table(t) => t.get_mut(part)?,
            toml::Value::Array(items) => {
                let index = entry_index(items, part)?;
                items.get_mut(index)?
            }
            _ => return None,
        };
    }
    Some(current)
}
