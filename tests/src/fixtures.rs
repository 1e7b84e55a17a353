//! Stand-in hazard publishers and the hand-written reference system for the composition
//! case. They mirror two terms of the flagship scenario (effector kill `n E` after
//! Kuznetsov et al. 1994, and a saturating stem-cell payload `kappa S / (S50 + S)`) until
//! the immune and delivery crates provide the real sub-models. Parameter values are the
//! flagship defaults; the payload ones are assumptions there.

use oncodyn_core::{units, Input, Signal, SubModel, Var};
use oncodyn_therapy::LinearPkParams;

/// Effector source rate `s` (cells/day), Kuznetsov et al. (1994) Bull Math Biol 56(2):295-321.
pub const EFFECTOR_SOURCE: f64 = 1.3e4;
/// Effector death rate `d` (1/day), Kuznetsov et al. (1994).
pub const EFFECTOR_DEATH: f64 = 0.0412;
/// Per-effector kill rate `n` (1/(cell·day)), Kuznetsov et al. (1994).
pub const EFFECTOR_KILL: f64 = 1.101e-7;
/// Maximal payload hazard `kappa_max` (1/day); assumption of the flagship scenario.
pub const PAYLOAD_KAPPA_MAX: f64 = 0.05;
/// Half-saturating number of payload cells `S50` (cells); assumption of the flagship scenario.
pub const PAYLOAD_S50: f64 = 1e6;
/// Payload cell loss rate `k_dS` (1/day); assumption of the flagship scenario.
pub const PAYLOAD_LOSS: f64 = 0.1;

/// Effector cells `dE/dt = s - d E`, publishing the additive kill hazard `n E` on one site.
#[derive(Debug)]
pub struct Effectors {
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl Effectors {
    /// Effectors attacking tumor site `site` (publishes `<site>.kill_hazard`), starting at 0 cells.
    pub fn new(site: &str) -> Self {
        Self {
            states: vec![Var::new("cells", units::CELLS)],
            outputs: vec![Signal::sum(format!("{site}.kill_hazard"), units::PER_DAY)],
        }
    }
}

impl SubModel for Effectors {
    fn name(&self) -> &str {
        "effectors"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = 0.0;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = EFFECTOR_KILL * y[0];
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = EFFECTOR_SOURCE - EFFECTOR_DEATH * y[0];
    }
}

/// Payload-secreting stem cells at one site, `dS/dt = -k_dS S`, publishing the additive
/// hazard `kappa_max S / (S50 + S)`. Cells arrive by dose events into `payload.cells`.
#[derive(Debug)]
pub struct Payload {
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl Payload {
    /// Payload cells at site `site` (publishes `<site>.kill_hazard`), starting at 0 cells.
    pub fn new(site: &str) -> Self {
        Self {
            states: vec![Var::new("cells", units::CELLS)],
            outputs: vec![Signal::sum(format!("{site}.kill_hazard"), units::PER_DAY)],
        }
    }
}

impl SubModel for Payload {
    fn name(&self) -> &str {
        "payload"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = 0.0;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        let s = y[0].max(0.0);
        out[0] = PAYLOAD_KAPPA_MAX * s / (PAYLOAD_S50 + s);
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -PAYLOAD_LOSS * y[0];
    }
}

/// The composed system written by hand as one function: three-compartment PK with AUC,
/// a Gompertz site with log-kill, effectors and payload. States:
/// `[A1, A2, A3, AUC, P, E, S]`.
#[derive(Debug)]
pub struct HandWritten {
    /// PK rates and volume.
    pub pk: LinearPkParams,
    /// Gompertz rate `r` (1/day).
    pub r: f64,
    /// Gompertz plateau `K` (cells).
    pub k: f64,
    /// Log-kill coefficient `kd` (1/(uM·day)).
    pub kd: f64,
    /// Initial tumor cells.
    pub p0: f64,
    states: Vec<Var>,
}

impl HandWritten {
    /// The reference system with the given parameters.
    pub fn new(pk: LinearPkParams, r: f64, k: f64, kd: f64, p0: f64) -> Self {
        let states = ["a1", "a2", "a3", "auc", "p", "e", "s"]
            .iter()
            .map(|n| Var::new(*n, "mixed"))
            .collect();
        Self {
            pk,
            r,
            k,
            kd,
            p0,
            states,
        }
    }

    /// `dy = f(y)` for the whole system.
    pub fn eval(&self, y: &[f64], dy: &mut [f64]) {
        let pk = &self.pk;
        let c = y[0] / pk.v1;
        dy[0] = -(pk.k10 + pk.k12 + pk.k13) * y[0] + pk.k21 * y[1] + pk.k31 * y[2];
        dy[1] = pk.k12 * y[0] - pk.k21 * y[1];
        dy[2] = pk.k13 * y[0] - pk.k31 * y[2];
        dy[3] = c;
        let s = y[6].max(0.0);
        let hazard = EFFECTOR_KILL * y[5] + PAYLOAD_KAPPA_MAX * s / (PAYLOAD_S50 + s) + self.kd * c;
        let p = y[4].max(1e-30);
        dy[4] = self.r * p * (self.k / p).ln() - hazard * y[4];
        dy[5] = EFFECTOR_SOURCE - EFFECTOR_DEATH * y[5];
        dy[6] = -PAYLOAD_LOSS * y[6];
    }
}

impl SubModel for HandWritten {
    fn name(&self) -> &str {
        "hand"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn inputs(&self) -> &[Input] {
        &[]
    }
    fn init(&self, y: &mut [f64]) {
        y.fill(0.0);
        y[4] = self.p0;
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        self.eval(y, dy);
    }
}
