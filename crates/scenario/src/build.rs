//! From a parsed scenario file to a composed patient model and one event list per arm,
//! checking every cross-reference with its position in the file.

use crate::error::{Error, Result};
use crate::file::Source;
use crate::spec::{Overrides, ScenarioFile};
use oncodyn_core::{Event, Method, Model, Output, Parameters, SolverOptions, SubModel};
use toml::Spanned;

/// What a scenario entry needs to resolve names and report errors.
pub(crate) struct Context<'a> {
    pub source: &'a Source,
    pub file: &'a ScenarioFile,
}

/// The state a regimen doses and the molar mass converting mg to its unit.
pub(crate) struct DosedState {
    pub state: String,
    pub molar_mass: Option<f64>,
}

impl Context<'_> {
    /// A model error reported at the entry called `name`.
    pub fn located(&self, name: &Spanned<String>, error: oncodyn_core::Error) -> Error {
        let hint = match &error {
            oncodyn_core::Error::UnknownParameter { hint, .. } => hint.clone(),
            _ => None,
        };
        self.source
            .error_at(Some(name.span()), error.to_string(), hint)
    }

    fn missing(&self, reference: &Spanned<String>, what: &str, names: Vec<&str>) -> Error {
        self.source.invalid(
            reference,
            format!("no {what} is called `{}`", reference.get_ref()),
            &names,
        )
    }

    /// `<drug>.concentration` for a `[[drug]]` name.
    pub fn concentration(&self, drug: &Spanned<String>) -> Result<String> {
        if self
            .file
            .drug
            .iter()
            .any(|d| d.name.get_ref() == drug.get_ref())
        {
            Ok(format!("{}.concentration", drug.get_ref()))
        } else {
            let names = self
                .file
                .drug
                .iter()
                .map(|d| d.name.get_ref().as_str())
                .collect();
            Err(self.missing(drug, "[[drug]]", names))
        }
    }

    /// Checks that `site` is a `[[tumor_site]]`.
    pub fn require_site(&self, site: &Spanned<String>) -> Result<()> {
        if self
            .file
            .tumor_site
            .iter()
            .any(|s| s.name.get_ref() == site.get_ref())
        {
            Ok(())
        } else {
            let names = self
                .file
                .tumor_site
                .iter()
                .map(|s| s.name.get_ref().as_str())
                .collect();
            Err(self.missing(site, "[[tumor_site]]", names))
        }
    }

    /// Site names, each checked.
    pub fn sites<'s>(&self, sites: &'s [Spanned<String>]) -> Result<Vec<&'s str>> {
        sites
            .iter()
            .map(|s| self.require_site(s).map(|()| s.get_ref().as_str()))
            .collect()
    }

    /// `<name>.engrafted` for a `[[regenerative_cells]]` name.
    pub fn engrafted(&self, cells: &Spanned<String>) -> Result<String> {
        if self
            .file
            .regenerative_cells
            .iter()
            .any(|c| c.name.get_ref() == cells.get_ref())
        {
            Ok(format!("{}.engrafted", cells.get_ref()))
        } else {
            let names = self
                .file
                .regenerative_cells
                .iter()
                .map(|c| c.name.get_ref().as_str())
                .collect();
            Err(self.missing(cells, "[[regenerative_cells]]", names))
        }
    }

    /// The dosed state of a `[[drug]]` (umol, via its molar mass) or `[[antibody]]` (mg).
    pub fn dosed_state(&self, drug: &Spanned<String>) -> Result<DosedState> {
        let name = drug.get_ref();
        if let Some(d) = self.file.drug.iter().find(|d| d.name.get_ref() == name) {
            return Ok(DosedState {
                state: format!("{name}.central"),
                molar_mass: Some(d.molar_mass_mg_per_umol),
            });
        }
        if self.file.antibody.iter().any(|a| a.name.get_ref() == name) {
            return Ok(DosedState {
                state: format!("{name}.central"),
                molar_mass: None,
            });
        }
        let names = self
            .file
            .drug
            .iter()
            .map(|d| d.name.get_ref().as_str())
            .chain(self.file.antibody.iter().map(|a| a.name.get_ref().as_str()))
            .collect();
        Err(self.missing(drug, "[[drug]] or [[antibody]]", names))
    }

    /// The state receiving infused cells: `<name>.blood` of `[[stem_cells]]` or
    /// `<name>.engrafted` of `[[regenerative_cells]]`.
    pub fn cell_state(&self, into: &Spanned<String>) -> Result<String> {
        let name = into.get_ref();
        if self
            .file
            .stem_cells
            .iter()
            .any(|s| s.name.get_ref() == name)
        {
            return Ok(format!("{name}.blood"));
        }
        if self
            .file
            .regenerative_cells
            .iter()
            .any(|s| s.name.get_ref() == name)
        {
            return Ok(format!("{name}.engrafted"));
        }
        let names = self
            .file
            .stem_cells
            .iter()
            .map(|s| s.name.get_ref().as_str())
            .chain(
                self.file
                    .regenerative_cells
                    .iter()
                    .map(|s| s.name.get_ref().as_str()),
            )
            .collect();
        Err(self.missing(into, "[[stem_cells]] or [[regenerative_cells]]", names))
    }

    /// `base` with the `params` overrides applied through its `SPEC` table.
    pub fn apply<P: Parameters>(
        &self,
        base: P,
        owner: &Spanned<String>,
        overrides: &Overrides,
    ) -> Result<P> {
        let Some(overrides) = overrides else {
            return Ok(base);
        };
        let mut params = base;
        for (name, value) in overrides.get_ref() {
            params = params.with(name, *value).map_err(|e| {
                let hint = match &e {
                    oncodyn_core::Error::UnknownParameter { hint, .. } => hint.clone(),
                    _ => None,
                };
                self.source.error_at(
                    Some(overrides.span()),
                    format!("{} (in `{}`)", e, owner.get_ref()),
                    hint,
                )
            })?;
        }
        Ok(params)
    }

    /// Splits `overrides` into those named in `spec` and the rest (same position in the file).
    pub fn split_overrides(
        &self,
        overrides: &Overrides,
        spec: &[oncodyn_core::ParamSpec],
    ) -> (Overrides, Overrides) {
        let Some(all) = overrides else {
            return (None, None);
        };
        let (mine, rest): (
            std::collections::BTreeMap<String, f64>,
            std::collections::BTreeMap<String, f64>,
        ) = all
            .get_ref()
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .partition(|(k, _)| spec.iter().any(|s| s.name == k));
        let wrap = |map: std::collections::BTreeMap<String, f64>| {
            (!map.is_empty()).then(|| Spanned::new(all.span(), map))
        };
        (wrap(mine), wrap(rest))
    }

    /// Parameters given entirely in `params` (no preset): every `SPEC` name is required.
    pub fn all_params<P: Parameters>(
        &self,
        owner: &Spanned<String>,
        overrides: &Overrides,
    ) -> Result<P> {
        let given = overrides.as_ref().map(|o| o.get_ref());
        let mut values = Vec::with_capacity(P::SPEC.len());
        for spec in P::SPEC {
            match given.and_then(|g| g.get(spec.name)) {
                Some(v) => values.push(*v),
                None => {
                    return Err(self.source.error_at(
                        Some(owner.span()),
                        format!(
                            "`{}` has no preset, so `params` must give `{}` ({}, range {})",
                            owner.get_ref(),
                            spec.name,
                            spec.unit,
                            spec.range
                        ),
                        None,
                    ))
                }
            }
        }
        P::from_values(&values).map_err(|e| self.located(owner, e))
    }
}

/// One arm: its name, label and sorted events.
#[derive(Debug, Clone)]
pub struct ArmPlan {
    /// Short name (`A`).
    pub name: String,
    /// Description (`chemo + regen`).
    pub label: String,
    /// Every event of the arm's treatments, sorted by time (stable).
    pub events: Vec<Event>,
}

/// Sub-models of the patient, in file order by kind.
pub(crate) fn submodels(ctx: &Context<'_>) -> Result<Vec<Box<dyn SubModel>>> {
    let file = ctx.file;
    let mut models: Vec<Box<dyn SubModel>> = Vec::new();
    for spec in &file.drug {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.antibody {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.tumor_site {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.regenerative_cells {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.neutrophils {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.effectors {
        models.push(spec.build(ctx)?);
    }
    for spec in &file.stem_cells {
        models.push(spec.build(ctx)?);
    }
    Ok(models)
}

/// The events of every arm.
pub(crate) fn arms(ctx: &Context<'_>) -> Result<Vec<ArmPlan>> {
    let file = ctx.file;
    let mut names: Vec<&Spanned<String>> = Vec::new();
    for name in file
        .regimen
        .iter()
        .map(|r| &r.name)
        .chain(file.cell_infusion.iter().map(|c| &c.name))
        .chain(file.radiotherapy.iter().map(|r| &r.name))
    {
        if names.iter().any(|n| n.get_ref() == name.get_ref()) {
            return Err(ctx.source.error_at(
                Some(name.span()),
                format!("two treatments are called `{}`", name.get_ref()),
                None,
            ));
        }
        names.push(name);
    }
    let mut plans = Vec::new();
    let horizon = *file.scenario.horizon_days.get_ref();
    for arm in &file.arm {
        let mut events = Vec::new();
        for treatment in &arm.treatments {
            let wanted = treatment.get_ref();
            let given = if let Some(r) = file.regimen.iter().find(|r| r.name.get_ref() == wanted) {
                r.events(ctx)?
            } else if let Some(c) = file
                .cell_infusion
                .iter()
                .find(|c| c.name.get_ref() == wanted)
            {
                c.events(ctx)?
            } else if let Some(r) = file
                .radiotherapy
                .iter()
                .find(|r| r.name.get_ref() == wanted)
            {
                r.events(ctx)?
            } else {
                let all: Vec<&str> = names.iter().map(|n| n.get_ref().as_str()).collect();
                return Err(ctx.source.invalid(
                    treatment,
                    format!("no treatment is called `{wanted}`"),
                    &all,
                ));
            };
            let last = given
                .iter()
                .map(|e| match e {
                    Event::Infusion { end, .. } => *end,
                    other => other.time(),
                })
                .fold(f64::NEG_INFINITY, f64::max);
            if last > horizon {
                return Err(ctx.source.error_at(
                    Some(treatment.span()),
                    format!("treatment `{wanted}` gives a dose on day {last}, after the horizon ({horizon} days)"),
                    None,
                ));
            }
            events.extend(given);
        }
        events.sort_by(|a, b| a.time().total_cmp(&b.time()));
        plans.push(ArmPlan {
            name: arm.name.get_ref().clone(),
            label: arm.label.clone(),
            events,
        });
    }
    if plans.is_empty() {
        return Err(ctx.source.error_at(
            None,
            "a scenario needs at least one [[arm]]".into(),
            None,
        ));
    }
    Ok(plans)
}

/// Solver settings from `[solver]`, with output every `step` days.
pub(crate) fn solver_options(ctx: &Context<'_>, step: f64) -> Result<SolverOptions> {
    let solver = &ctx.file.solver;
    let method = match solver.method.get_ref().as_str() {
        "bdf" => Method::Bdf,
        "dopri5" => Method::Dopri5,
        "dop853" => Method::Dop853,
        _ => {
            return Err(ctx.source.invalid(
                &solver.method,
                format!("unknown solver method `{}`", solver.method.get_ref()),
                &["bdf", "dopri5", "dop853"],
            ))
        }
    };
    Ok(SolverOptions::with_method(method)
        .tolerances(solver.rtol, solver.atol)
        .output(Output::Every(step)))
}

/// Builds the model once to surface wiring errors (missing signals, unit mismatches).
pub(crate) fn model(ctx: &Context<'_>) -> Result<Model> {
    Ok(Model::new(submodels(ctx)?)?)
}
