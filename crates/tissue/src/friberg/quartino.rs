//! [`Quartino`]: the Quartino et al. (2014) extension of the Friberg model with endogenous
//! G-CSF feedback on proliferation and maturation.

use super::params::{DrugEffect, HOURS_PER_DAY};
use super::{CIRCULATING_SUFFIX, FLOOR};
use crate::check_name;
use oncodyn_core::{
    units, Input, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel, Var,
};

/// Unit of the G-CSF state. The model uses only the ratio `G/GCSF0`, so the unit cancels;
/// `ng/mL` follows the comment of the `radivot/myelo` code (the unit of GCSF0 was not
/// found in the paper; typical endogenous G-CSF levels suggest pg/mL).
pub const GCSF_UNIT: &str = "ng/mL";
/// Suffix of the published G-CSF concentration: `<name>.gcsf` ([`GCSF_UNIT`]).
pub const GCSF_SUFFIX: &str = "gcsf";
/// Local state names of the Quartino chain, in slice order.
pub const QUARTINO_STATES: [&str; 7] = ["prol", "t1", "t2", "t3", "t4", "circ", "gcsf"];

/// System parameters of the Quartino et al. (2014) model (rates converted to 1/day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuartinoParams {
    /// Baseline circulating neutrophils `Circ0` (10^9 cells/L), `> 0`.
    pub circ0: f64,
    /// Mean transit time through `Prol` and four transit compartments (day); `ktr = 5/MTT`.
    pub mtt: f64,
    /// Exponent of the G-CSF effect on proliferation (1), `>= 0`.
    pub gamma: f64,
    /// Exponent of the G-CSF effect on the transit (maturation) rate (1), `>= 0`.
    pub beta: f64,
    /// Elimination rate of circulating neutrophils `kcirc` (1/day), `> 0`.
    pub kcirc: f64,
    /// Linear (non-neutrophil) G-CSF elimination rate `ke` (1/day), `>= 0`.
    pub ke: f64,
    /// Neutrophil-mediated G-CSF elimination `kANC` (1/day per 10^9 cells/L), `>= 0`.
    pub kanc: f64,
    /// Baseline G-CSF concentration `GCSF0` ([`GCSF_UNIT`]), `> 0`.
    pub gcsf0: f64,
}

impl Parameters for QuartinoParams {
    const MODEL: &'static str = "Quartino G-CSF myelosuppression";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "circ0",
            unit: units::GIGA_PER_LITRE,
            range: ParamRange::POSITIVE,
            description: "baseline circulating neutrophils",
        },
        ParamSpec {
            name: "mtt",
            unit: "day",
            range: ParamRange::POSITIVE,
            description: "mean transit time (ktr = 5/MTT)",
        },
        ParamSpec {
            name: "gamma",
            unit: units::DIMENSIONLESS,
            range: ParamRange::NON_NEGATIVE,
            description: "exponent of the G-CSF effect on proliferation",
        },
        ParamSpec {
            name: "beta",
            unit: units::DIMENSIONLESS,
            range: ParamRange::NON_NEGATIVE,
            description: "exponent of the G-CSF effect on the transit rate",
        },
        ParamSpec {
            name: "kcirc",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "elimination rate of circulating neutrophils",
        },
        ParamSpec {
            name: "ke",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "linear G-CSF elimination rate",
        },
        ParamSpec {
            name: "kanc",
            unit: "L/(1e9 cells*day)",
            range: ParamRange::NON_NEGATIVE,
            description: "neutrophil-mediated G-CSF elimination per circulating count",
        },
        ParamSpec {
            name: "gcsf0",
            unit: GCSF_UNIT,
            range: ParamRange::POSITIVE,
            description: "baseline G-CSF concentration",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![
            self.circ0, self.mtt, self.gamma, self.beta, self.kcirc, self.ke, self.kanc, self.gcsf0,
        ]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            circ0: get(0),
            mtt: get(1),
            gamma: get(2),
            beta: get(3),
            kcirc: get(4),
            ke: get(5),
            kanc: get(6),
            gcsf0: get(7),
        }
    }
}

impl QuartinoParams {
    /// Docetaxel in breast cancer, Quartino AL, Karlsson MO, Lindman H, Friberg LE (2014)
    /// "Characterization of endogenous G-CSF and the inverse correlation to
    /// chemotherapy-induced neutropenia in patients with breast cancer using population
    /// modeling", *Pharm Res* 31(12):3390–3403, typical values as encoded in `radivot/myelo`
    /// (`quartino14.R`), per hour there: Circ0 = 3.53 x 10^9/L, MTT = 133 h,
    /// gamma = 0.444, beta = 0.234, kcirc = ln 2/7 h, ke = 0.592/h, kANC = 5.64,
    /// GCSF0 = 24.3. The drug effect (slope 17.2 1/uM with Bruno 1996 PK) is
    /// [`QuartinoParams::docetaxel_slope_2014`]. The corticosteroid term of that code
    /// (kcort = ln 2/25.5 h) is not modelled.
    pub fn docetaxel_2014() -> Self {
        Self {
            circ0: 3.53,
            mtt: 133.0 / HOURS_PER_DAY,
            gamma: 0.444,
            beta: 0.234,
            kcirc: std::f64::consts::LN_2 / 7.0 * HOURS_PER_DAY,
            ke: 0.592 * HOURS_PER_DAY,
            kanc: 5.64 * HOURS_PER_DAY,
            gcsf0: 24.3,
        }
    }

    /// Docetaxel drug effect of Quartino et al. (2014): linear, slope 17.2 (1/uM as coded
    /// in `radivot/myelo` `quartino14.R`).
    pub fn docetaxel_slope_2014() -> DrugEffect {
        DrugEffect::Linear(super::params::LinearEffect { slope: 17.2 })
    }

    /// Transit rate `ktr = 5/MTT` (1/day).
    pub fn ktr(&self) -> f64 {
        5.0 / self.mtt
    }

    /// Baseline of the proliferative and transit compartments, `kcirc Circ0/ktr`
    /// (10^9 cells/L): not `Circ0`, because `kcirc != ktr`.
    pub fn baseline_progenitors(&self) -> f64 {
        self.kcirc * self.circ0 / self.ktr()
    }

    /// G-CSF production `kin = (ke + kANC Circ0) GCSF0` (unit/day), so that `G = GCSF0` at
    /// baseline.
    pub fn kin(&self) -> f64 {
        (self.ke + self.kanc * self.circ0) * self.gcsf0
    }
}

/// The Quartino et al. (2014) model, states in 10^9 cells/L (G in [`GCSF_UNIT`]), days:
///
/// ```text
/// g = G/GCSF0,  ktr = 5/MTT,  kin = (ke + kANC Circ0) GCSF0
/// dProl/dt = ktr Prol (1 - Edrug) g^gamma - ktr g^beta Prol
/// dT1/dt   = ktr g^beta (Prol - T1);   dTi/dt = ktr g^beta (T(i-1) - Ti),  i = 2..4
/// dCirc/dt = ktr g^beta T4 - kcirc Circ
/// dG/dt    = kin - (ke + kANC Circ) G
/// ```
///
/// Initial state: `Prol = Ti = kcirc Circ0/ktr`, `Circ = Circ0`, `G = GCSF0`. The G-CSF
/// equation is the intended form: the `radivot/myelo` code writes
/// `kin - (ke + kANC Circ G)` (ke not multiplied by G), whose baseline is not GCSF0.
///
/// States `<name>.prol`, `.t1`..`.t4`, `.circ`, `.gcsf` ([`QUARTINO_STATES`]); publishes
/// `<name>.circulating` (10^9 cells/L) and `<name>.gcsf`; reads one concentration (uM,
/// required) per drug.
#[derive(Debug, Clone, PartialEq)]
pub struct Quartino {
    name: String,
    params: QuartinoParams,
    ktr: f64,
    kin: f64,
    drugs: Vec<DrugEffect>,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl Quartino {
    /// A chain called `name` with validated `params` and no drug.
    pub fn new(name: &str, params: QuartinoParams) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        let mut states: Vec<Var> = QUARTINO_STATES[..6]
            .iter()
            .map(|s| Var::new(*s, units::GIGA_PER_LITRE))
            .collect();
        states.push(Var::new(QUARTINO_STATES[6], GCSF_UNIT));
        Ok(Self {
            name: name.to_string(),
            params,
            ktr: params.ktr(),
            kin: params.kin(),
            drugs: Vec::new(),
            states,
            outputs: vec![
                Signal::single(
                    format!("{name}.{CIRCULATING_SUFFIX}"),
                    units::GIGA_PER_LITRE,
                ),
                Signal::single(format!("{name}.{GCSF_SUFFIX}"), GCSF_UNIT),
            ],
            inputs: Vec::new(),
        })
    }

    /// Adds a drug acting on proliferation through `effect` of the concentration signal
    /// `signal` (uM, required); effects of several drugs add up (*assumption*).
    pub fn with_drug(mut self, signal: &str, effect: DrugEffect) -> Result<Self> {
        check_name("signal", signal)?;
        effect.validate()?;
        self.inputs.push(Input::required(signal, units::UM));
        self.drugs.push(effect);
        Ok(self)
    }

    /// System parameters.
    pub fn params(&self) -> &QuartinoParams {
        &self.params
    }

    /// Name of the published circulating count: `<name>.circulating` (10^9 cells/L).
    pub fn circulating_signal(&self) -> String {
        format!("{}.{CIRCULATING_SUFFIX}", self.name)
    }
}

impl SubModel for Quartino {
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
        y[..5].fill(self.params.baseline_progenitors());
        y[5] = self.params.circ0;
        y[6] = self.params.gcsf0;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[5].max(0.0);
        out[1] = y[6].max(0.0);
    }

    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let e_drug: f64 = self
            .drugs
            .iter()
            .zip(inputs)
            .map(|(effect, &c)| effect.effect(c))
            .sum();
        let g = y[6].max(FLOOR) / p.gcsf0;
        let transit = self.ktr * g.powf(p.beta);
        dy[0] = self.ktr * y[0] * (1.0 - e_drug) * g.powf(p.gamma) - transit * y[0];
        for i in 1..5 {
            dy[i] = transit * (y[i - 1] - y[i]);
        }
        dy[5] = transit * y[4] - p.kcirc * y[5];
        dy[6] = self.kin - (p.ke + p.kanc * y[5]) * y[6];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;
    use oncodyn_core::Error;

    #[test]
    fn baseline_is_the_analytic_equilibrium() {
        let params = QuartinoParams::docetaxel_2014();
        // kcirc Circ0/ktr = (ln2/7)(133/5) 3.53, the value the radivot code gets wrong.
        assert_relative_eq!(
            params.baseline_progenitors(),
            std::f64::consts::LN_2 / 7.0 * 133.0 / 5.0 * 3.53,
            max_relative = 1e-14
        );
        let sub = Quartino::new("anc", params)
            .unwrap()
            .with_drug(
                "docetaxel.concentration",
                QuartinoParams::docetaxel_slope_2014(),
            )
            .unwrap();
        assert!(check_submodel(&sub, None).is_empty());
        let mut y = [0.0; 7];
        sub.init(&mut y);
        let mut dy = [f64::NAN; 7];
        sub.rhs(0.0, &y, &[0.0], &mut dy);
        let scale = sub.kin;
        for d in dy {
            assert!(d.abs() <= 1e-13 * scale, "{dy:?}");
        }
        assert_eq!(sub.circulating_signal(), "anc.circulating");
    }

    #[test]
    fn bad_parameters_are_errors() {
        let params = QuartinoParams {
            kcirc: 0.0,
            ..QuartinoParams::docetaxel_2014()
        };
        assert!(matches!(
            Quartino::new("anc", params),
            Err(Error::InvalidParameter { ref name, .. }) if name == "kcirc"
        ));
    }
}
