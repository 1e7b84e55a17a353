//! [`KirschnerPanetta`]: tumor, effector cells and IL-2 with adoptive transfer (`s1`) and
//! IL-2 therapy (`s2`), after Kirschner & Panetta (1998).

use crate::common::TumorScale;
use crate::common::{check_initial, check_name, saturate, saturation, tumor_signals, unit};
use oncodyn_core::parameter_table;
use oncodyn_core::{units, Input, ParamRange, Parameters, Result, Signal, SubModel, Var};

/// Unit of the IL-2 states (Kirschner & Panetta 1998; de Pillis et al. 2006): IL-2
/// concentration units per unit volume, as in the papers.
pub const IL2_UNIT: &str = "IL-2 units";
/// An IL-2 source (IL-2 units per day).
pub const IL2_PER_DAY: &str = "IL-2 units/day";
/// IL-2 production per effector cell (IL-2 units per cell per day).
pub const IL2_PER_CELL_DAY: &str = "IL-2 units/(cell*day)";

parameter_table! {
    /// Parameters of Kirschner D & Panetta JC (1998) "Modeling immunotherapy of the
    /// tumor-immune interaction", *J Math Biol* 37(3):235–252, eqs. 1–3:
    ///
    /// `dT/dt = r2 T (1 - b T) - a E T/(g2 + T)`
    /// `dE/dt = c T - mu2 E + p1 E I/(g1 + I) + s1`
    /// `dI/dt = p2 E T/(g3 + T) - mu3 I + s2`
    ///
    /// States are densities per unit volume (cells; IL-2 units); Caravagna G et al. (2010)
    /// *J Theor Biol* 265(3):336–345 use a volume of 3.2 mL for cell numbers.
    pub struct KirschnerPanettaParams: "Kirschner-Panetta 1998" {
        /// Tumor growth rate `r2` (1/day).
        r2: units::PER_DAY, ParamRange::NON_NEGATIVE, "tumor growth rate";
        /// Reciprocal carrying capacity `b` (1/cell).
        b: unit::PER_CELL, ParamRange::NON_NEGATIVE, "reciprocal tumor carrying capacity";
        /// Maximal kill rate `a` (1/day).
        a: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor kill rate by effectors";
        /// Half-saturation tumor size of killing `g2` (cells).
        g2: units::CELLS, ParamRange::POSITIVE, "half-saturation of tumor killing";
        /// Antigenicity `c` (1/day): effector recruitment per tumor cell.
        c: units::PER_DAY, ParamRange::NON_NEGATIVE, "antigenicity of the tumor";
        /// Effector death rate `mu2` (1/day).
        mu2: units::PER_DAY, ParamRange::POSITIVE, "effector death rate";
        /// Maximal IL-2-driven effector proliferation `p1` (1/day).
        p1: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal IL-2-stimulated effector proliferation";
        /// Half-saturation IL-2 of proliferation `g1` (IL-2 units).
        g1: IL2_UNIT, ParamRange::POSITIVE, "half-saturation of IL-2 stimulation";
        /// Maximal IL-2 production `p2` (IL-2 units/(cell day)).
        p2: IL2_PER_CELL_DAY, ParamRange::NON_NEGATIVE, "maximal IL-2 production per effector";
        /// Half-saturation tumor size of IL-2 production `g3` (cells).
        g3: units::CELLS, ParamRange::POSITIVE, "half-saturation of IL-2 production";
        /// IL-2 loss rate `mu3` (1/day).
        mu3: units::PER_DAY, ParamRange::POSITIVE, "IL-2 degradation rate";
        /// Adoptive transfer source `s1` (cells/day).
        s1: unit::CELLS_PER_DAY, ParamRange::NON_NEGATIVE, "adoptive cell transfer (LAK/TIL) influx";
        /// IL-2 infusion source `s2` (IL-2 units/day).
        s2: IL2_PER_DAY, ParamRange::NON_NEGATIVE, "external IL-2 input";
    }
}

impl KirschnerPanettaParams {
    /// The untreated set of Kirschner & Panetta (1998) (as printed in Caravagna et al. 2010,
    /// Table 1, and BioModels BIOMD0000000732) for antigenicity `c` (1/day): `r2 = 0.18`,
    /// `b = 1e-9`, `a = 1`, `g2 = 1e5`, `mu2 = 0.03`, `p1 = 0.1245`, `g1 = 2e7` (the
    /// BIOMD0000000732 value; MODEL1006230038's `2.0E-7` is a typo), `p2 = 5`, `g3 = 1e3`,
    /// `mu3 = 10`, `s1 = s2 = 0`.
    pub fn kirschner_panetta_1998(c: f64) -> Result<Self> {
        let params = Self {
            r2: 0.18,
            b: 1e-9,
            a: 1.0,
            g2: 1e5,
            c,
            mu2: 0.03,
            p1: 0.1245,
            g1: 2e7,
            p2: 5.0,
            g3: 1e3,
            mu3: 10.0,
            s1: 0.0,
            s2: 0.0,
        };
        params.validate()?;
        Ok(params)
    }

    /// The interior equilibrium branch parameterised by the tumor size `t` (cells, `> 0`):
    /// `E = r2 (1 - b t)(g2 + t)/a`, `I = p2 E t/((g3 + t) mu3)` and the antigenicity
    /// `c(t) = E (mu2 - p1 I/(g1 + I))/t` at which `(t, E, I)` is an equilibrium
    /// (untreated: `s1 = s2 = 0`). Returns `(E, I, c)`.
    pub fn branch(&self, t: f64) -> (f64, f64, f64) {
        let e = self.r2 * (1.0 - self.b * t) * (self.g2 + t) / self.a;
        let i = self.p2 * e * t / ((self.g3 + t) * self.mu3);
        let c = e * (self.mu2 - self.p1 * i / (self.g1 + i)) / t;
        (e, i, c)
    }

    /// IL-2 level of the tumor-free state, `s2/mu3` (IL-2 units).
    pub fn tumor_free_il2(&self) -> f64 {
        self.s2 / self.mu3
    }

    /// Net effector decay rate at the tumor-free state, `mu2 - p1 I*/(g1 + I*)` (1/day);
    /// negative when IL-2 drives unbounded effector growth.
    pub fn tumor_free_effector_decay(&self) -> f64 {
        let il2 = self.tumor_free_il2();
        self.mu2 - self.p1 * il2 / (self.g1 + il2)
    }

    /// Adoptive-transfer source above which the tumor-free state `(0, s1/k, s2/mu3)`
    /// (`k` = [`tumor_free_effector_decay`](Self::tumor_free_effector_decay)) is locally
    /// stable: the tumor eigenvalue `r2 - a E*/g2` is negative iff `s1 > r2 g2 k/a`
    /// (cells/day). `None` if `k <= 0` (no bounded tumor-free state) or `a = 0`.
    pub fn s1_clearance_threshold(&self) -> Option<f64> {
        let decay = self.tumor_free_effector_decay();
        (decay > 0.0 && self.a > 0.0).then(|| self.r2 * self.g2 * decay / self.a)
    }

    /// IL-2 level above which effectors grow without bound in the absence of tumor,
    /// `mu2 g1/(p1 - mu2)` (IL-2 units), and the IL-2 source `s2` giving it,
    /// `mu3` times that (capillary leak regime). `None` if `p1 <= mu2`.
    pub fn il2_runaway_threshold(&self) -> Option<(f64, f64)> {
        (self.p1 > self.mu2).then(|| {
            let il2 = self.mu2 * self.g1 / (self.p1 - self.mu2);
            (il2, self.mu3 * il2)
        })
    }
}

/// The tumor–effector–IL-2 model of Kirschner & Panetta (1998), *J Math Biol*
/// 37(3):235–252, with an additional kill hazard `h` (`<name>.kill_hazard`, 1/day,
/// default 0) on the tumor:
///
/// `dT/dt = r2 T (1 - b T) - a E T/(g2 + T) - h T`, and `E`, `I` as in
/// [`KirschnerPanettaParams`].
///
/// States `<name>.tumor` (or `<name>.log_tumor`, see [`TumorScale`]), `<name>.effectors`
/// (cells) and `<name>.il2` (IL-2 units); publishes `<name>.burden` (cells). Adoptive
/// transfer is `s1` (continuous) or dose events into `<name>.effectors`; IL-2 therapy is
/// `s2` or infusion events into `<name>.il2`.
///
/// ```
/// use oncodyn_immune::{KirschnerPanetta, KirschnerPanettaParams, TumorScale};
/// let params = KirschnerPanettaParams::kirschner_panetta_1998(0.02)?;
/// let kp = KirschnerPanetta::new("kp", params, TumorScale::Log, [1.0, 0.0, 0.0])?;
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KirschnerPanetta {
    name: String,
    params: KirschnerPanettaParams,
    scale: TumorScale,
    initial: [f64; 3],
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl KirschnerPanetta {
    /// A model called `name` storing the tumor on `scale`, from `initial = [T, E, I]`
    /// (cells, cells, IL-2 units; all `>= 0`, `T > 0` on the log scale).
    pub fn new(
        name: &str,
        params: KirschnerPanettaParams,
        scale: TumorScale,
        initial: [f64; 3],
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        let model = KirschnerPanettaParams::MODEL;
        check_initial(model, "initial_tumor", initial[0], scale == TumorScale::Log)?;
        check_initial(model, "initial_effectors", initial[1], false)?;
        check_initial(model, "initial_il2", initial[2], false)?;
        let (outputs, inputs) = tumor_signals(name);
        Ok(Self {
            name: name.to_string(),
            params,
            scale,
            initial,
            states: vec![
                scale.var(),
                Var::new("effectors", units::CELLS),
                Var::new("il2", IL2_UNIT),
            ],
            outputs,
            inputs,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &KirschnerPanettaParams {
        &self.params
    }

    /// How the tumor is stored.
    pub fn scale(&self) -> TumorScale {
        self.scale
    }
}

impl SubModel for KirschnerPanetta {
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
        y[0] = self.scale.state(self.initial[0]);
        y[1] = self.initial[1];
        y[2] = self.initial[2];
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = self.scale.cells(y[0]).max(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let k = &self.params;
        let tumor = self.scale.cells(y[0]);
        let (e, il2) = (y[1], y[2]);
        let positive = tumor.max(0.0);
        let kill = k.a * e / (k.g2 + positive);
        let rate = k.r2 * (1.0 - k.b * tumor) - kill - inputs[0];
        dy[0] = self.scale.derivative(rate, tumor);
        dy[1] = saturate(k.c * tumor - k.mu2 * e + k.p1 * e * saturation(il2, k.g1) + k.s1);
        dy[2] = saturate(k.p2 * e * saturation(tumor, k.g3) - k.mu3 * il2 + k.s2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn thresholds_follow_from_the_tumor_free_state() {
        let p = KirschnerPanettaParams::kirschner_panetta_1998(0.02).unwrap();
        assert_relative_eq!(
            p.s1_clearance_threshold().unwrap(),
            540.0,
            max_relative = 1e-12
        );
        // With IL-2 the effectors decay more slowly: a lower s1 suffices.
        let with_il2 = KirschnerPanettaParams { s2: 1e7, ..p };
        assert!(with_il2.s1_clearance_threshold().unwrap() < 540.0);
        // Above the IL-2 runaway threshold there is no bounded tumor-free state.
        let runaway = KirschnerPanettaParams { s2: 1e8, ..p };
        assert!(runaway.s1_clearance_threshold().is_none());
        let weak = KirschnerPanettaParams { p1: 0.01, ..p };
        assert!(weak.il2_runaway_threshold().is_none());
    }

    #[test]
    fn branch_points_are_equilibria() {
        let p = KirschnerPanettaParams::kirschner_panetta_1998(0.0).unwrap();
        let (e, i, c) = p.branch(1e4);
        let p = KirschnerPanettaParams { c, ..p };
        let model = KirschnerPanetta::new("kp", p, TumorScale::Linear, [1e4, e, i]).unwrap();
        let mut dy = [f64::NAN; 3];
        model.rhs(0.0, &[1e4, e, i], &[0.0], &mut dy);
        assert!(dy[0].abs() < 1e-9 * 1e4 && dy[1].abs() < 1e-9 * e && dy[2].abs() < 1e-9 * i);
    }
}
