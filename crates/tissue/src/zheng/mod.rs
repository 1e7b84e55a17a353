//! [`Reconstitution`]: HSC transplant / gene-therapy reconstitution with endogenous and
//! transplanted branches (Zheng et al. 2021 structure): LT-HSC niche, a chain of
//! amplifying progenitor stages and a mature pool per branch.

mod params;

pub use params::{LtParams, StageParams};

use crate::check_name;
use oncodyn_core::{
    units, validate_values, Error, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel, Var,
};

/// Suffix of the published total mature count: `<name>.mature` (cells).
pub const RECONSTITUTION_MATURE_SUFFIX: &str = "mature";
/// Suffix of the published donor fraction of mature cells: `<name>.donor_fraction` (1).
pub const DONOR_FRACTION_SUFFIX: &str = "donor_fraction";

/// Initial state of a [`Reconstitution`] marrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitialMarrow {
    /// Healthy steady state of the endogenous branch (`LT0 = ssLT`, every stage at its
    /// steady state), no transplanted cells.
    Healthy,
    /// Ablated (conditioned) marrow: every compartment empty; the graft is a dose event.
    Ablated,
}

/// Table row of the mature-cell death rate (1/day).
const MATURE_DEATH: ParamSpec = ParamSpec {
    name: "mature_death",
    unit: units::PER_DAY,
    range: ParamRange::POSITIVE,
    description: "death rate of mature cells",
};

/// HSC reconstitution after the Zheng et al. (2021) structure, branch `i = 0` endogenous,
/// `i = 1` transplanted, cells and days:
///
/// ```text
/// dLT_i/dt = rLT LT_i - deltaLT LT_i (LT0 + LT1) - kLT2ST LT_i        (see LtParams)
/// influx of stage 1 = kLT2ST LT_i;  each stage as in StageParams;
/// influx of stage k+1 = (1 - exit_fraction_k) outflux of stage k
/// dM_i/dt = (1 - exit_fraction_last) outflux of the last stage - mature_death M_i
/// ```
///
/// Source: Zheng et al. (2021) *CPT Pharmacometrics Syst Pharmacol*, doi:10.1002/psp4.12638
/// (HSC → progenitor structure), as extended with endogenous and transplanted branches in
/// `metrumresearchgroup/2023-ACoP-14-gene-therapy`. The side exits (fraction of a stage's
/// outflux leaving to a lineage not modelled) are an oncodyn simplification of that
/// model's branching.
///
/// States: `<name>.lt0`, `<name>.lt1`, then per stage `s` and branch `i`
/// `<name>.<s>_x1_<i>`, `<name>.<s>_x2_<i>`, then `<name>.mature_0`, `<name>.mature_1`.
/// Publishes `<name>.mature` (cells, both branches) and `<name>.donor_fraction` (1,
/// `M1/(M0 + M1)`, 0 when both are 0). A transplant is a dose into `<name>.lt1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconstitution {
    name: String,
    lt: LtParams,
    stages: Vec<(String, StageParams)>,
    mature_death: f64,
    initial: InitialMarrow,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl Reconstitution {
    /// A marrow called `name` with LT-HSC parameters `lt`, the named amplifying `stages`
    /// (in order, at least one, names well formed and distinct), mature-cell death rate
    /// `mature_death` (1/day, `> 0`) and initial state `initial`.
    pub fn new(
        name: &str,
        lt: LtParams,
        stages: Vec<(String, StageParams)>,
        mature_death: f64,
        initial: InitialMarrow,
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        lt.validate()?;
        validate_values(LtParams::MODEL, &[MATURE_DEATH], &[mature_death])?;
        if stages.is_empty() {
            return Err(Error::InconsistentParameters {
                model: StageParams::MODEL.into(),
                reason: "a reconstitution model needs at least one amplifying stage".into(),
            });
        }
        let mut states = vec![Var::new("lt0", units::CELLS), Var::new("lt1", units::CELLS)];
        for (k, (stage, params)) in stages.iter().enumerate() {
            check_name("state", stage)?;
            params.validate()?;
            if stages[..k].iter().any(|(other, _)| other == stage) {
                return Err(Error::DuplicateName {
                    kind: "stage",
                    name: stage.clone(),
                });
            }
            for branch in 0..2 {
                states.push(Var::new(format!("{stage}_x1_{branch}"), units::CELLS));
                states.push(Var::new(format!("{stage}_x2_{branch}"), units::CELLS));
            }
        }
        states.push(Var::new("mature_0", units::CELLS));
        states.push(Var::new("mature_1", units::CELLS));
        Ok(Self {
            name: name.to_string(),
            lt,
            stages,
            mature_death,
            initial,
            states,
            outputs: vec![
                Signal::single(
                    format!("{name}.{RECONSTITUTION_MATURE_SUFFIX}"),
                    units::CELLS,
                ),
                Signal::single(
                    format!("{name}.{DONOR_FRACTION_SUFFIX}"),
                    units::DIMENSIONLESS,
                ),
            ],
        })
    }

    /// The human myeloid (granulocyte-monocyte) path of the Zheng et al. (2021) structure
    /// with the values of `metrumresearchgroup/2023-ACoP-14-gene-therapy`:
    /// [`LtParams::zheng_2021_human`]; stages ST (a = 1000, tau = 20 day), MPP (1000,
    /// 2 day), CMP (36, 4 day), GMP (128, 0.12 day); GM death 3/day. The MPP → CLP and
    /// CMP → MEP exits are not modelled (all flux follows the myeloid path; *assumption*,
    /// the branching fractions were not found).
    pub fn zheng_2021_myeloid(name: &str, initial: InitialMarrow) -> Result<Self> {
        let stage = |n: &str, a, tau| {
            (
                n.to_string(),
                StageParams {
                    a,
                    tau,
                    exit_fraction: 0.0,
                },
            )
        };
        Self::new(
            name,
            LtParams::zheng_2021_human(),
            vec![
                stage("st", 1000.0, 20.0),
                stage("mpp", 1000.0, 2.0),
                stage("cmp", 36.0, 4.0),
                stage("gmp", 128.0, 0.12),
            ],
            3.0,
            initial,
        )
    }

    /// LT-HSC parameters.
    pub fn lt(&self) -> &LtParams {
        &self.lt
    }

    /// Amplifying stages, in order.
    pub fn stages(&self) -> &[(String, StageParams)] {
        &self.stages
    }

    /// Mature-cell death rate (1/day).
    pub fn mature_death(&self) -> f64 {
        self.mature_death
    }

    /// Full name of a local state (`lt1`, `st_x1_0`, `mature_1`, …): `<name>.<state>`.
    pub fn state(&self, local: &str) -> String {
        format!("{}.{local}", self.name)
    }

    /// Index of the first state of stage `k` (its `x1_0`) in the own state slice.
    fn stage_offset(k: usize) -> usize {
        2 + 4 * k
    }

    /// The healthy steady state (own state slice, cells): endogenous branch only.
    pub fn healthy_state(&self) -> Vec<f64> {
        let mut y = vec![0.0; self.states.len()];
        y[0] = self.lt.ss_lt;
        let mut influx = self.lt.k_lt2st() * self.lt.ss_lt;
        for (k, (_, stage)) in self.stages.iter().enumerate() {
            let offset = Self::stage_offset(k);
            y[offset] = influx * stage.tau1();
            y[offset + 1] = 0.5 * stage.a * influx * stage.tau2();
            influx *= stage.a * (1.0 - stage.exit_fraction);
        }
        let mature = self.states.len() - 2;
        y[mature] = influx / self.mature_death;
        y
    }

    /// Fluxes (cells/day) of the endogenous (`transplanted = false`) or transplanted branch
    /// at the own state `y`. Fails with [`Error::InvalidOption`] if `y` does not have one
    /// entry per state.
    pub fn fluxes(&self, y: &[f64], transplanted: bool) -> Result<StageFluxes> {
        if y.len() != self.states.len() {
            return Err(Error::InvalidOption {
                name: "state length",
                value: y.len() as f64,
                reason: "must equal the number of states of the reconstitution model",
            });
        }
        let branch = usize::from(transplanted);
        let mut influx = self.lt.k_lt2st() * y[branch];
        let mut fluxes = StageFluxes {
            influx: Vec::with_capacity(self.stages.len()),
            side_exit: Vec::with_capacity(self.stages.len()),
            into_mature: 0.0,
        };
        for (k, (_, stage)) in self.stages.iter().enumerate() {
            fluxes.influx.push(influx);
            let out = stage.kout() * y[Self::stage_offset(k) + 2 * branch + 1];
            fluxes.side_exit.push(stage.exit_fraction * out);
            influx = (1.0 - stage.exit_fraction) * out;
        }
        fluxes.into_mature = influx;
        Ok(fluxes)
    }
}

/// Fluxes of one branch of a [`Reconstitution`] model (cells/day).
#[derive(Debug, Clone, PartialEq)]
pub struct StageFluxes {
    /// Influx into every stage, in stage order.
    pub influx: Vec<f64>,
    /// Side exit of every stage (fraction `exit_fraction` of its outflux).
    pub side_exit: Vec<f64>,
    /// Influx into the mature pool.
    pub into_mature: f64,
}

impl SubModel for Reconstitution {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &self.states
    }

    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }

    fn init(&self, y: &mut [f64]) {
        match self.initial {
            InitialMarrow::Healthy => y.copy_from_slice(&self.healthy_state()),
            InitialMarrow::Ablated => y.fill(0.0),
        }
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        let n = y.len();
        let (m0, m1) = (y[n - 2].max(0.0), y[n - 1].max(0.0));
        out[0] = m0 + m1;
        out[1] = if m0 + m1 > 0.0 { m1 / (m0 + m1) } else { 0.0 };
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let lt = &self.lt;
        let total = y[0] + y[1];
        let k_out = lt.k_lt2st();
        let n = y.len();
        for branch in 0..2 {
            let lt_i = y[branch];
            dy[branch] = lt.r_lt * lt_i - lt.delta_lt() * lt_i * total - k_out * lt_i;
            let mut influx = k_out * lt_i;
            for (k, (_, stage)) in self.stages.iter().enumerate() {
                let i1 = Self::stage_offset(k) + 2 * branch;
                let (x1, x2) = (y[i1], y[i1 + 1]);
                dy[i1] = influx - x1 / stage.tau1();
                dy[i1 + 1] = stage.k12() * x1 - x2 / stage.tau2();
                influx = (1.0 - stage.exit_fraction) * stage.kout() * x2;
            }
            dy[n - 2 + branch] = influx - self.mature_death * y[n - 2 + branch];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn healthy_state_is_an_equilibrium() {
        let marrow = Reconstitution::zheng_2021_myeloid("hsc", InitialMarrow::Healthy).unwrap();
        assert!(check_submodel(&marrow, None).is_empty());
        let y = marrow.healthy_state();
        let mut dy = vec![f64::NAN; y.len()];
        marrow.rhs(0.0, &y, &[], &mut dy);
        let fluxes = marrow.fluxes(&y, false).unwrap();
        for (d, v) in dy.iter().zip(&y) {
            assert!(d.abs() <= 1e-12 * v.abs().max(1.0) * 100.0, "{d} at {v}");
        }
        assert_relative_eq!(
            fluxes.into_mature,
            fluxes.influx[0] * 1000.0 * 1000.0 * 36.0 * 128.0,
            max_relative = 1e-12
        );
        assert_eq!(marrow.state("st_x1_1"), "hsc.st_x1_1");
        let mut out = [f64::NAN; 2];
        marrow.publish(0.0, &y, &mut out);
        assert_relative_eq!(out[1], 0.0);
    }

    #[test]
    fn malformed_configurations_are_errors() {
        let lt = LtParams::zheng_2021_human();
        let stage = StageParams::new(10.0, 1.0, 0.0).unwrap();
        assert!(matches!(
            Reconstitution::new("h", lt, vec![], 1.0, InitialMarrow::Ablated),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            Reconstitution::new(
                "h",
                lt,
                vec![("a".into(), stage), ("a".into(), stage)],
                1.0,
                InitialMarrow::Ablated
            ),
            Err(Error::DuplicateName { .. })
        ));
        assert!(matches!(
            Reconstitution::new("h", lt, vec![("a".into(), stage)], 0.0, InitialMarrow::Ablated),
            Err(Error::InvalidParameter { ref name, .. }) if name == "mature_death"
        ));
        assert!(matches!(
            Reconstitution::new(
                "h",
                lt,
                vec![("a b".into(), stage)],
                1.0,
                InitialMarrow::Ablated
            ),
            Err(Error::InvalidName { .. })
        ));
    }
}
