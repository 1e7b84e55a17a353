//! [`TumorSite`]: one tumor (primary or metastasis) as a sub-model: a cell count growing by
//! a [`GrowthLaw`], killed by an additive hazard, drug effects and radiation, optionally
//! eradicated below a cure threshold, receiving and sending metastatic seeds.

mod dynamics;
#[cfg(test)]
mod tests;

use crate::growth::GrowthLaw;
use crate::kill::{DrugEffect, EmaxKill, LogKill, NortonSimonKill};
use crate::seeding::{MetastaticSeeding, CELLS_PER_DAY};
use oncodyn_core::radiobiology::LinearQuadratic;
use oncodyn_core::{
    name_problem, units, validate_values, Error, Input, ParamRange, ParamSpec, Parameters, Result,
    Signal, Var,
};

/// Local name of the state of a tumor site (cells); the model's column is `<site>.cells`.
pub const CELLS_STATE: &str = "cells";
/// Suffix of the burden signal a site publishes: `<site>.burden` (cells).
pub const BURDEN_SUFFIX: &str = "burden";
/// Suffix of the additive kill hazard a site reads: `<site>.kill_hazard` (1/day).
pub const KILL_HAZARD_SUFFIX: &str = "kill_hazard";
/// Suffix of the additive cell influx a site reads: `<site>.influx` (cells/day), the
/// metastatic seeds it receives.
pub const INFLUX_SUFFIX: &str = "influx";
/// Default cure threshold (cells): a site with at most one cell left is eradicated.
pub const DEFAULT_CURE_THRESHOLD: f64 = 1.0;

/// Parameter-table name used in errors about a site's own parameters.
const SITE_MODEL: &str = "tumor site";

/// One tumor site: a single state `cells` (cells) with
///
/// `d cells/dt = g(cells) - (kill_hazard + sum of drug hazards) * cells + influx`
///
/// where `g` is the site's [`GrowthLaw`], `kill_hazard` is the additive signal
/// `<site>.kill_hazard` (1/day, default 0 when nobody publishes it: effector cells, drug
/// payloads and other therapies each add their own share), each drug effect turns a
/// concentration signal (uM, required) into a hazard (1/day) — log-kill, Emax, or
/// Norton–Simon `k C max(g/V, 0)` — and `influx` is the additive signal `<site>.influx`
/// (cells/day, default 0): metastatic seeds published by other sites.
///
/// Publishes `<site>.burden` (cells, single publisher): the cell count, clamped at 0, and
/// for every seeding target `T` ([`TumorSite::with_seeding`]) the additive
/// `T.influx = m max(cells, 1e-30)^alpha` (cells/day).
///
/// Options:
/// - radiosensitivity ([`TumorSite::with_radiosensitivity`]): every
///   `Broadcast::RadiationFraction { dose_gy }` reaching the site multiplies the cells by
///   the linear-quadratic survival `exp(-alpha d - beta d^2)`; sites without it ignore
///   radiation;
/// - cure threshold ([`TumorSite::with_cure_threshold`], default none, as in the flagship
///   scenario): a site with `cells <= threshold` is eradicated. See the [crate docs](crate)
///   for how eradication is enforced without state resets inside the ODE.
///
/// ```
/// use oncodyn_core::{Model, SubModel};
/// use oncodyn_tumor::{Gompertz, TumorSite};
///
/// let lung = TumorSite::new("lung", Gompertz::new(0.01, 1e12)?, 1e6)?
///     .with_log_kill("docetaxel.concentration", 0.5)?;
/// assert_eq!(lung.burden_signal(), "lung.burden");
/// assert_eq!(lung.inputs().len(), 3); // kill hazard, influx, docetaxel concentration
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TumorSite {
    name: String,
    law: GrowthLaw,
    initial_cells: f64,
    effects: Vec<DrugEffect>,
    radiosensitivity: Option<LinearQuadratic>,
    cure_threshold: Option<f64>,
    seeding: Vec<(String, MetastaticSeeding)>,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl TumorSite {
    /// Table row of the initial cell count: `initial_cells` in `(0, inf)` cells.
    pub const INITIAL_CELLS: ParamSpec = ParamSpec {
        name: "initial_cells",
        unit: units::CELLS,
        range: ParamRange::POSITIVE,
        description: "cell count of the site at the start of the simulation",
    };

    /// Table row of the cure threshold: `cure_threshold` in `(0, inf)` cells (default
    /// [`DEFAULT_CURE_THRESHOLD`] = 1 cell, an *assumption*: the deterministic counterpart of
    /// "no clonogenic cell left").
    pub const CURE_THRESHOLD: ParamSpec = ParamSpec {
        name: "cure_threshold",
        unit: units::CELLS,
        range: ParamRange::POSITIVE,
        description: "cell count at or below which the site is eradicated",
    };

    /// A site called `site_name` (e.g. `lung`) growing by `law` from `initial_cells` (cells).
    ///
    /// Fails with [`Error::InvalidName`] for a malformed name, with the law's own
    /// [`Error::InvalidParameter`] / [`Error::InconsistentParameters`] for invalid law
    /// parameters, and with [`Error::InvalidParameter`] (`initial_cells`) unless
    /// `initial_cells` is finite and positive.
    pub fn new(site_name: &str, law: impl Into<GrowthLaw>, initial_cells: f64) -> Result<Self> {
        let site = Self::build(site_name, law.into(), initial_cells)?;
        validate_values(SITE_MODEL, &[Self::INITIAL_CELLS], &[initial_cells])?;
        Ok(site)
    }

    /// A site that starts empty (0 cells): a metastatic site not yet seeded, populated only
    /// by its influx `<site>.influx` (cells/day), then growing by `law`.
    pub fn empty(site_name: &str, law: impl Into<GrowthLaw>) -> Result<Self> {
        Self::build(site_name, law.into(), 0.0)
    }

    fn build(site_name: &str, law: GrowthLaw, initial_cells: f64) -> Result<Self> {
        check_name("sub-model", site_name)?;
        law.validate()?;
        Ok(Self {
            name: site_name.to_string(),
            law,
            initial_cells,
            effects: Vec::new(),
            radiosensitivity: None,
            cure_threshold: None,
            seeding: Vec::new(),
            states: vec![Var::new(CELLS_STATE, units::CELLS)],
            outputs: vec![Signal::single(
                format!("{site_name}.{BURDEN_SUFFIX}"),
                units::CELLS,
            )],
            inputs: vec![
                Input::optional(
                    format!("{site_name}.{KILL_HAZARD_SUFFIX}"),
                    units::PER_DAY,
                    0.0,
                ),
                Input::optional(format!("{site_name}.{INFLUX_SUFFIX}"), CELLS_PER_DAY, 0.0),
            ],
        })
    }

    /// Adds a log-kill effect `kd C` (1/day) of the concentration signal `signal` (uM,
    /// required), with `kd` in `[0, inf)` 1/(uM·day).
    pub fn with_log_kill(self, signal: &str, kd: f64) -> Result<Self> {
        let params = LogKill::new(kd)?;
        self.with_effect(DrugEffect::LogKill {
            signal: signal.to_string(),
            params,
        })
    }

    /// Adds an Emax effect `emax C^h / (ec50^h + C^h)` (1/day) of the concentration signal
    /// `signal` (uM, required); `emax` (1/day) `>= 0`, `ec50` (uM) `> 0`, `hill` `> 0`.
    pub fn with_emax_kill(self, signal: &str, emax: f64, ec50: f64, hill: f64) -> Result<Self> {
        let params = EmaxKill::new(emax, ec50, hill)?;
        self.with_effect(DrugEffect::Emax {
            signal: signal.to_string(),
            params,
        })
    }

    /// Adds a Norton–Simon effect: hazard `k C max(g(V)/V, 0)` (1/day) of the concentration
    /// signal `signal` (uM, required), `k` in `[0, inf)` 1/uM; see [`NortonSimonKill`].
    pub fn with_norton_simon_kill(self, signal: &str, k: f64) -> Result<Self> {
        let params = NortonSimonKill::new(k)?;
        self.with_effect(DrugEffect::NortonSimon {
            signal: signal.to_string(),
            params,
        })
    }

    /// Adds a drug effect, validating its signal name and parameters.
    pub fn with_effect(mut self, effect: DrugEffect) -> Result<Self> {
        check_name("signal", effect.signal())?;
        effect.validate()?;
        self.inputs
            .push(Input::required(effect.signal(), units::UM));
        self.effects.push(effect);
        Ok(self)
    }

    /// Makes the site radiosensitive: each radiation fraction of `d` Gy reaching it
    /// multiplies its cells by `exp(-alpha d - beta d^2)`; `alpha` in `[0, inf)` 1/Gy,
    /// `beta` in `[0, inf)` 1/Gy^2 (tumor and site specific; e.g. alpha/beta about 10 Gy
    /// for most tumors, Thames et al. 1990).
    pub fn with_radiosensitivity(mut self, alpha: f64, beta: f64) -> Result<Self> {
        self.radiosensitivity = Some(LinearQuadratic::new(alpha, beta)?);
        Ok(self)
    }

    /// Sets a cure threshold (cells, `> 0`; [`DEFAULT_CURE_THRESHOLD`] is one cell): once
    /// the site has at most `cells` cells it is eradicated and never regrows by itself.
    pub fn with_cure_threshold(mut self, cells: f64) -> Result<Self> {
        validate_values(SITE_MODEL, &[Self::CURE_THRESHOLD], &[cells])?;
        self.cure_threshold = Some(cells);
        Ok(self)
    }

    /// Makes the site seed the site called `target_site`: it publishes the additive signal
    /// `<target_site>.influx = m max(cells, 1e-30)^alpha` (cells/day), which the target
    /// reads (Iwata, Kawasaki & Shigesada 2000; the flagship scenario's `m P^(2/3)`).
    /// Seeding does not deplete the source. A site may seed itself (the lumped counterpart of
    /// secondary seeding). Fails with [`Error::InvalidName`] for a malformed target and
    /// [`Error::InconsistentParameters`] when the target is already seeded by this site.
    pub fn with_seeding(mut self, target_site: &str, seeding: MetastaticSeeding) -> Result<Self> {
        check_name("sub-model", target_site)?;
        seeding.validate()?;
        if self.seeding.iter().any(|(t, _)| t == target_site) {
            return Err(Error::InconsistentParameters {
                model: SITE_MODEL.into(),
                reason: format!(
                    "site `{}` seeds `{target_site}` twice; combine the two rates into one",
                    self.name
                ),
            });
        }
        self.outputs.push(Signal::sum(
            format!("{target_site}.{INFLUX_SUFFIX}"),
            CELLS_PER_DAY,
        ));
        self.seeding.push((target_site.to_string(), seeding));
        Ok(self)
    }

    /// The growth law.
    pub fn law(&self) -> &GrowthLaw {
        &self.law
    }

    /// Initial cell count (cells); 0 for [`TumorSite::empty`].
    pub fn initial_cells(&self) -> f64 {
        self.initial_cells
    }

    /// Drug effects, in the order of their inputs (after the kill hazard and the influx).
    pub fn drug_effects(&self) -> &[DrugEffect] {
        &self.effects
    }

    /// Linear-quadratic radiosensitivity, if the site responds to radiation.
    pub fn radiosensitivity(&self) -> Option<&LinearQuadratic> {
        self.radiosensitivity.as_ref()
    }

    /// Cure threshold (cells), if eradication is enabled.
    pub fn cure_threshold(&self) -> Option<f64> {
        self.cure_threshold
    }

    /// Seeding targets (site names) with their rates, in the order of the influx outputs.
    pub fn seeding(&self) -> &[(String, MetastaticSeeding)] {
        &self.seeding
    }

    /// Whether a site with `cells` cells is eradicated: a cure threshold is set and
    /// `cells <= threshold`.
    #[inline]
    pub fn is_eradicated(&self, cells: f64) -> bool {
        matches!(self.cure_threshold, Some(threshold) if cells <= threshold)
    }

    /// Full name of the cell-count state: `<site>.cells` (cells).
    pub fn cells_state(&self) -> String {
        format!("{}.{CELLS_STATE}", self.name)
    }

    /// Name of the published burden signal: `<site>.burden` (cells).
    pub fn burden_signal(&self) -> String {
        format!("{}.{BURDEN_SUFFIX}", self.name)
    }

    /// Name of the additive kill-hazard signal read: `<site>.kill_hazard` (1/day).
    pub fn kill_hazard_signal(&self) -> String {
        format!("{}.{KILL_HAZARD_SUFFIX}", self.name)
    }

    /// Name of the additive influx signal read: `<site>.influx` (cells/day).
    pub fn influx_signal(&self) -> String {
        format!("{}.{INFLUX_SUFFIX}", self.name)
    }
}

fn check_name(kind: &'static str, name: &str) -> Result<()> {
    match name_problem(name) {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}
