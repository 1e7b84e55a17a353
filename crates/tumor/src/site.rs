//! [`TumorSite`]: one tumor (primary or metastasis) as a sub-model: a cell count growing by
//! a [`GrowthLaw`] and killed by an additive hazard and by drug effects.

use crate::growth::{saturate, GrowthLaw};
use crate::kill::{DrugEffect, EmaxKill, LogKill};
use oncodyn_core::{
    name_problem, units, validate_values, Error, Input, ParamRange, ParamSpec, Parameters, Result,
    Signal, SubModel, Var,
};

/// Local name of the state of a tumor site (cells); the model's column is `<site>.cells`.
pub const CELLS_STATE: &str = "cells";
/// Suffix of the burden signal a site publishes: `<site>.burden` (cells).
pub const BURDEN_SUFFIX: &str = "burden";
/// Suffix of the additive kill hazard a site reads: `<site>.kill_hazard` (1/day).
pub const KILL_HAZARD_SUFFIX: &str = "kill_hazard";

/// Parameter-table name used in errors about a site's own parameters.
const SITE_MODEL: &str = "tumor site";

/// One tumor site: a single state `cells` (cells) with
///
/// `d cells/dt = growth(cells) - (kill_hazard + sum of drug hazards) * cells`
///
/// where `growth` is the site's [`GrowthLaw`], `kill_hazard` is the additive signal
/// `<site>.kill_hazard` (1/day, default 0 when nobody publishes it: effector cells, drug
/// payloads and other therapies each add their own share) and each drug effect turns a
/// concentration signal (uM, required) into a hazard (1/day).
///
/// Publishes `<site>.burden` (cells, single publisher): the cell count, clamped at 0.
///
/// ```
/// use oncodyn_core::{Model, SubModel};
/// use oncodyn_tumor::{Gompertz, TumorSite};
///
/// let lung = TumorSite::new("lung", Gompertz::new(0.01, 1e12)?, 1e6)?
///     .with_log_kill("docetaxel.concentration", 0.5)?;
/// assert_eq!(lung.burden_signal(), "lung.burden");
/// assert_eq!(lung.inputs().len(), 2); // kill hazard + docetaxel concentration
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TumorSite {
    name: String,
    law: GrowthLaw,
    initial_cells: f64,
    effects: Vec<DrugEffect>,
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

    /// A site called `site_name` (e.g. `lung`) growing by `law` from `initial_cells` (cells).
    ///
    /// Fails with [`Error::InvalidName`] for a malformed name, with the law's own
    /// [`Error::InvalidParameter`] / [`Error::InconsistentParameters`] for invalid law
    /// parameters, and with [`Error::InvalidParameter`] (`initial_cells`) unless
    /// `initial_cells` is finite and positive.
    pub fn new(site_name: &str, law: impl Into<GrowthLaw>, initial_cells: f64) -> Result<Self> {
        check_name("sub-model", site_name)?;
        let law = law.into();
        law.validate()?;
        validate_values(SITE_MODEL, &[Self::INITIAL_CELLS], &[initial_cells])?;
        Ok(Self {
            name: site_name.to_string(),
            law,
            initial_cells,
            effects: Vec::new(),
            states: vec![Var::new(CELLS_STATE, units::CELLS)],
            outputs: vec![Signal::single(
                format!("{site_name}.{BURDEN_SUFFIX}"),
                units::CELLS,
            )],
            inputs: vec![Input::optional(
                format!("{site_name}.{KILL_HAZARD_SUFFIX}"),
                units::PER_DAY,
                0.0,
            )],
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

    /// Adds a drug effect, validating its signal name and parameters.
    pub fn with_effect(mut self, effect: DrugEffect) -> Result<Self> {
        check_name("signal", effect.signal())?;
        match &effect {
            DrugEffect::LogKill { params, .. } => params.validate()?,
            DrugEffect::Emax { params, .. } => params.validate()?,
        }
        self.inputs
            .push(Input::required(effect.signal(), units::UM));
        self.effects.push(effect);
        Ok(self)
    }

    /// The growth law.
    pub fn law(&self) -> &GrowthLaw {
        &self.law
    }

    /// Initial cell count (cells).
    pub fn initial_cells(&self) -> f64 {
        self.initial_cells
    }

    /// Drug effects, in the order of their inputs (after the kill hazard).
    pub fn drug_effects(&self) -> &[DrugEffect] {
        &self.effects
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

    /// Total per-capita kill hazard (1/day) given the input values in [`SubModel::inputs`] order.
    #[inline]
    fn total_hazard(&self, inputs: &[f64]) -> f64 {
        let external = inputs.first().copied().unwrap_or(0.0);
        self.effects
            .iter()
            .zip(inputs.iter().skip(1))
            .fold(external, |sum, (effect, &c)| sum + effect.hazard(c))
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

impl SubModel for TumorSite {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &self.states
    }

    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }

    fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    fn init(&self, y: &mut [f64]) {
        y[0] = self.initial_cells;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0].max(0.0);
    }

    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let cells = y[0];
        dy[0] = saturate(self.law.rate(cells) - self.total_hazard(inputs) * cells);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::{Exponential, Logistic};
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    fn site() -> TumorSite {
        TumorSite::new("lung", Exponential::new(0.3).unwrap(), 10.0).unwrap()
    }

    #[test]
    fn rhs_combines_growth_hazard_and_drugs() {
        let site = site()
            .with_log_kill("docetaxel.concentration", 0.5)
            .unwrap()
            .with_emax_kill("cisplatin.concentration", 1.0, 2.0, 1.0)
            .unwrap();
        assert!(check_submodel(&site, None).is_empty());
        let mut dy = [f64::NAN];
        // hazard 0.1 + 0.5*2 + 1*2/(2+2) = 1.6
        site.rhs(0.0, &[10.0], &[0.1, 2.0, 2.0], &mut dy);
        assert_relative_eq!(dy[0], 3.0 - 16.0, max_relative = 1e-14);
        let mut out = [f64::NAN];
        site.publish(0.0, &[-1e-9], &mut out);
        assert_relative_eq!(out[0], 0.0);
        assert_eq!(site.kill_hazard_signal(), "lung.kill_hazard");
        assert_eq!(site.cells_state(), "lung.cells");
        assert_eq!(site.drug_effects().len(), 2);
    }

    #[test]
    fn constructor_errors_carry_the_offending_value() {
        assert!(matches!(
            TumorSite::new("lung", Exponential { a: 0.1 }, 0.0),
            Err(Error::InvalidParameter { ref name, value, .. }) if name == "initial_cells" && value <= 0.0
        ));
        assert!(matches!(
            TumorSite::new("lung", Exponential { a: 0.1 }, -3.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "initial_cells"
        ));
        assert!(matches!(
            TumorSite::new("lung", Logistic { a: f64::NAN, k: 10.0 }, 1.0),
            Err(Error::InvalidParameter { ref name, value, .. }) if name == "a" && value.is_nan()
        ));
        assert!(matches!(
            TumorSite::new("lung cancer", Exponential { a: 0.1 }, 1.0),
            Err(Error::InvalidName {
                kind: "sub-model",
                ..
            })
        ));
        assert!(matches!(
            site().with_log_kill("", 1.0),
            Err(Error::InvalidName { kind: "signal", .. })
        ));
        assert!(matches!(
            site().with_log_kill("drug.concentration", -1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "kd"
        ));
    }
}
