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
