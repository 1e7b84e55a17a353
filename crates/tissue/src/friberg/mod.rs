//! [`Friberg`]: the Friberg et al. (2002) semi-mechanistic myelosuppression chain as a
//! sub-model, with drug effects read from concentration signals and optional
//! stem-cell-supported regeneration of the homeostatic feedback.

mod params;
mod quartino;

pub use params::{
    DrugEffect, EmaxEffect, FribergParams, FribergPreset, LinearEffect, HOURS_PER_DAY,
};
pub use quartino::{Quartino, QuartinoParams, GCSF_SUFFIX, GCSF_UNIT, QUARTINO_STATES};

use crate::check_name;
use crate::regeneration::RegenerationParams;
use oncodyn_core::{units, Error, Input, Parameters, Result, Signal, SubModel, Var};

/// Local state names of the Friberg chain, in slice order (all in 10^9 cells/L):
/// proliferative pool, three transit compartments, circulating cells.
pub const FRIBERG_STATES: [&str; 5] = ["prol", "t1", "t2", "t3", "circ"];
/// Suffix of the published circulating count: `<name>.circulating` (10^9 cells/L).
pub const CIRCULATING_SUFFIX: &str = "circulating";

/// Smallest value a count takes inside fractional powers (trial states may be negative).
pub(crate) const FLOOR: f64 = 1e-30;

/// The Friberg et al. (2002) semi-mechanistic myelosuppression model (neutrophils or
/// leukocytes), states in 10^9 cells/L, time in days:
///
/// ```text
/// ktr   = 4/MTT                                   (kprol = kcirc = ktr)
/// Edrug = sum over drugs of Edrug_j(C_j)          (linear slope C or Emax C/(EC50 + C))
/// PhiR  = rho_max R/(R50 + R)                     (0 without regeneration support)
/// dProl/dt = ktr Prol (1 - Edrug) (Circ0/Circ)^(gamma (1 + PhiR)) - ktr Prol
/// dT1/dt = ktr (Prol - T1);  dT2/dt = ktr (T1 - T2);  dT3/dt = ktr (T2 - T3)
/// dCirc/dt = ktr (T3 - Circ)
/// ```
///
/// Initial state `Prol = T1 = T2 = T3 = Circ = Circ0`, an equilibrium without drug for any
/// `R` (the support changes the speed of recovery, not the baseline). Inside the power,
/// `Circ` is replaced by `max(Circ, 1e-30)`.
///
/// Sources: Friberg LE et al. (2002) *J Clin Oncol* 20(24):4713–4721 (structure, Fig. 1);
/// the regeneration support is an oncodyn modelling *assumption* (reference scenario).
///
/// States `<name>.prol`, `.t1`, `.t2`, `.t3`, `.circ` ([`FRIBERG_STATES`]); publishes
/// `<name>.circulating` (10^9 cells/L, `Circ` clamped at 0); reads one concentration signal
/// (uM, required) per drug and, with support, one engrafted-cell signal (cells, optional,
/// default 0).
///
/// A graft that adds cells to a compartment directly is a dose event into that state,
/// e.g. `Event::dose(t, "neutrophils.prol", 0.5)` adds 0.5 x 10^9 cells/L to `Prol`.
#[derive(Debug, Clone, PartialEq)]
pub struct Friberg {
    name: String,
    params: FribergParams,
    ktr: f64,
    drugs: Vec<DrugEffect>,
    support: Option<RegenerationParams>,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl Friberg {
    /// A chain called `name` (e.g. `neutrophils`) with validated `params` and no drug.
    pub fn new(name: &str, params: FribergParams) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        Ok(Self {
            name: name.to_string(),
            params,
            ktr: params.ktr(),
            drugs: Vec::new(),
            support: None,
            states: FRIBERG_STATES
                .iter()
                .map(|s| Var::new(*s, units::GIGA_PER_LITRE))
                .collect(),
            outputs: vec![Signal::single(
                format!("{name}.{CIRCULATING_SUFFIX}"),
                units::GIGA_PER_LITRE,
            )],
            inputs: Vec::new(),
        })
    }

    /// A chain with a published preset: its system parameters and its drug effect acting
    /// on the concentration signal `concentration_signal` (uM).
    pub fn from_preset(
        name: &str,
        preset: &FribergPreset,
        concentration_signal: &str,
    ) -> Result<Self> {
        Self::new(name, preset.params)?.with_drug(concentration_signal, preset.effect)
    }

    /// Adds a drug acting on proliferation through `effect` of the concentration signal
    /// `signal` (uM, required). Effects of several drugs add up (*assumption*: additivity).
    pub fn with_drug(mut self, signal: &str, effect: DrugEffect) -> Result<Self> {
        check_name("signal", signal)?;
        effect.validate()?;
        if self.support.is_some() {
            // Keep drug inputs first: the support input is always last.
            let support = self.inputs.pop();
            self.inputs.push(Input::required(signal, units::UM));
            self.inputs.extend(support);
        } else {
            self.inputs.push(Input::required(signal, units::UM));
        }
        self.drugs.push(effect);
        Ok(self)
    }

    /// Adds stem-cell-supported regeneration: the feedback exponent becomes
    /// `gamma (1 + PhiR)` with `PhiR = rho_max R/(R50 + R)`, `R` read from the signal
    /// `engrafted_signal` (cells, optional, default 0; e.g. `regen.engrafted` published by
    /// [`RegenerativeCells`](crate::RegenerativeCells)). Fails with
    /// [`Error::InconsistentParameters`] if support was already added.
    pub fn with_regeneration(
        mut self,
        engrafted_signal: &str,
        params: RegenerationParams,
    ) -> Result<Self> {
        check_name("signal", engrafted_signal)?;
        params.validate()?;
        if self.support.is_some() {
            return Err(Error::InconsistentParameters {
                model: FribergParams::MODEL.into(),
                reason: format!(
                    "chain `{}` already has regeneration support; add it once",
                    self.name
                ),
            });
        }
        self.inputs
            .push(Input::optional(engrafted_signal, units::CELLS, 0.0));
        self.support = Some(params);
        Ok(self)
    }

    /// System parameters.
    pub fn params(&self) -> &FribergParams {
        &self.params
    }

    /// Drug effects, in the order of their inputs.
    pub fn drugs(&self) -> &[DrugEffect] {
        &self.drugs
    }

    /// Regeneration support parameters, if any.
    pub fn regeneration(&self) -> Option<&RegenerationParams> {
        self.support.as_ref()
    }

    /// Full name of a local state (`prol`, `t1`, `t2`, `t3`, `circ`): `<name>.<state>`.
    pub fn state(&self, local: &str) -> String {
        format!("{}.{local}", self.name)
    }

    /// Name of the published circulating count: `<name>.circulating` (10^9 cells/L).
    pub fn circulating_signal(&self) -> String {
        format!("{}.{CIRCULATING_SUFFIX}", self.name)
    }

    /// Feedback exponent `gamma (1 + PhiR)` given the input values.
    #[inline]
    fn exponent(&self, inputs: &[f64]) -> f64 {
        match (&self.support, inputs.last()) {
            (Some(support), Some(&r)) => self.params.gamma * (1.0 + support.support(r)),
            _ => self.params.gamma,
        }
    }
}

impl SubModel for Friberg {
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
        y[..5].fill(self.params.circ0);
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[4].max(0.0);
    }

    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let ktr = self.ktr;
        let e_drug: f64 = self
            .drugs
            .iter()
            .zip(inputs)
            .map(|(effect, &c)| effect.effect(c))
            .sum();
        let feedback = (self.params.circ0 / y[4].max(FLOOR)).powf(self.exponent(inputs));
        dy[0] = ktr * y[0] * (1.0 - e_drug) * feedback - ktr * y[0];
        dy[1] = ktr * (y[0] - y[1]);
        dy[2] = ktr * (y[1] - y[2]);
        dy[3] = ktr * (y[2] - y[3]);
        dy[4] = ktr * (y[3] - y[4]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    fn chain() -> Friberg {
        Friberg::from_preset(
            "neutrophils",
            &FribergPreset::docetaxel_linear_2002(),
            "docetaxel.concentration",
        )
        .unwrap()
    }

    #[test]
    fn baseline_is_an_equilibrium_with_and_without_support() {
        let plain = chain();
        let supported = chain()
            .with_regeneration("regen.engrafted", RegenerationParams::flagship())
            .unwrap();
        for (sub, inputs) in [(&plain, vec![0.0]), (&supported, vec![0.0, 5e6])] {
            assert!(check_submodel(sub, None).is_empty());
            let mut y = [0.0; 5];
            sub.init(&mut y);
            let mut dy = [f64::NAN; 5];
            sub.rhs(0.0, &y, &inputs, &mut dy);
            for d in dy {
                assert!(d.abs() <= 1e-12 * 5.05);
            }
        }
    }

    #[test]
    fn support_strengthens_feedback_below_baseline() {
        let supported = chain()
            .with_regeneration("regen.engrafted", RegenerationParams::flagship())
            .unwrap();
        let y = [1.0, 1.0, 1.0, 1.0, 1.0];
        let (mut without, mut with) = ([0.0; 5], [0.0; 5]);
        supported.rhs(0.0, &y, &[0.0, 0.0], &mut without);
        supported.rhs(0.0, &y, &[0.0, 1e6], &mut with);
        let ktr = supported.params().ktr();
        assert_relative_eq!(
            without[0],
            ktr * (5.05f64.powf(0.161) - 1.0),
            max_relative = 1e-12
        );
        assert_relative_eq!(
            with[0],
            ktr * (5.05f64.powf(0.161 * 2.5) - 1.0),
            max_relative = 1e-12
        );
    }

    #[test]
    fn inputs_keep_drugs_first_and_support_last() {
        let sub = Friberg::new("n", FribergPreset::docetaxel_linear_2002().params)
            .unwrap()
            .with_regeneration("regen.engrafted", RegenerationParams::flagship())
            .unwrap()
            .with_drug("a.concentration", DrugEffect::linear(1.0).unwrap())
            .unwrap();
        let names: Vec<&str> = sub.inputs().iter().map(|i| i.var.name.as_str()).collect();
        assert_eq!(names, ["a.concentration", "regen.engrafted"]);
        assert!(matches!(
            sub.with_regeneration("b.engrafted", RegenerationParams::flagship()),
            Err(Error::InconsistentParameters { .. })
        ));
    }

    #[test]
    fn negative_trial_states_stay_finite() {
        let sub = chain();
        let mut dy = [f64::NAN; 5];
        sub.rhs(0.0, &[-1e-3, 1.0, 1.0, 1.0, -1e-9], &[3.0], &mut dy);
        assert!(dy.iter().all(|d| d.is_finite()));
        assert_eq!(sub.state("circ"), "neutrophils.circ");
        assert_eq!(sub.circulating_signal(), "neutrophils.circulating");
    }

    #[test]
    fn bad_names_are_errors() {
        let params = FribergPreset::docetaxel_linear_2002().params;
        assert!(matches!(
            Friberg::new("", params),
            Err(Error::InvalidName { .. })
        ));
        assert!(matches!(
            chain().with_drug("bad name", DrugEffect::linear(1.0).unwrap()),
            Err(Error::InvalidName { kind: "signal", .. })
        ));
        assert!(matches!(
            chain().with_drug("x.c", DrugEffect::Linear(LinearEffect { slope: f64::NAN })),
            Err(Error::InvalidParameter { .. })
        ));
    }
}
