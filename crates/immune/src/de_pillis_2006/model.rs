//! [`DePillis2006`]: tumor, NK, CD8+ T cells, circulating lymphocytes, chemotherapy and
//! IL-2 (de Pillis, Gu & Radunskaya 2006) as a sub-model.

use super::params::DePillis2006Params;
use crate::common::{check_initial, check_name, saturate, tumor_signals, TumorScale};
use crate::de_pillis_2005::cd8_lysis_rate;
use crate::kirschner_panetta::IL2_UNIT;
use oncodyn_core::{units, Input, Parameters, Result, Signal, SubModel, Var};

/// Local state names of [`DePillis2006`] after the tumor, in order.
pub const DE_PILLIS_2006_STATES: [&str; 5] = ["nk", "cd8", "lymphocytes", "chemo", "il2"];

/// The mixed immunotherapy–chemotherapy model of de Pillis LG, Gu W & Radunskaya AE (2006),
/// *J Theor Biol* 238(4):841–862, with an additional kill hazard `h_x`
/// (`<name>.kill_hazard`, 1/day, default 0) on the tumor:
///
/// ```text
/// dT/dt = a T (1 - b T) - c N T - D T - kt (1 - exp(-M)) T - h_x T
/// dN/dt = e C - f N + g T^2/(h + T^2) N - p N T - kn (1 - exp(-M)) N
/// dL/dt = -m L + j (D T)^2/(k + (D T)^2) L - q L T + (r1 N + r2 C) T - u N L^2
///         - kl (1 - exp(-M)) L + p_i L I/(g_i + I) + vL(t)
/// dC/dt = alpha - beta C - kc (1 - exp(-M)) C
/// dM/dt = -gamma M + vM(t)
/// dI/dt = -mu_i I + vI(t)
/// D = d (L/T)^l/(s + (L/T)^l)   (evaluated as d/(1 + s (T/L)^l): no 0/0)
/// ```
///
/// States `<name>.tumor` (or `log_tumor`), `<name>.nk`, `<name>.cd8`, `<name>.lymphocytes`
/// (cells), `<name>.chemo` (the drug `M`, dimensionless as it enters `exp(-M)`) and
/// `<name>.il2` (IL-2 units); publishes `<name>.burden` (cells). The treatments `vL` (TIL
/// infusion, cells/day), `vM` (chemotherapy) and `vI` (IL-2) are infusion or dose events
/// into `<name>.cd8`, `<name>.chemo` and `<name>.il2`.
///
/// ```
/// use oncodyn_core::Event;
/// use oncodyn_immune::{DePillis2006, DePillis2006Params, TumorScale};
/// let params = DePillis2006Params::patient_10();
/// let model = DePillis2006::new("dp", params, TumorScale::Log, [1e6, 1e5, 1e2, 1e10, 0.0, 0.0])?;
/// // Chemotherapy vM = 5 per day for one day, starting on day 7.
/// let chemo = Event::infusion(7.0, 1.0, model.state_name("chemo"), 5.0);
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DePillis2006 {
    name: String,
    params: DePillis2006Params,
    scale: TumorScale,
    initial: [f64; 6],
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl DePillis2006 {
    /// A model called `name` from `initial = [T, N, L, C, M, I]` (all `>= 0`; `T > 0` on
    /// the log scale).
    pub fn new(
        name: &str,
        params: DePillis2006Params,
        scale: TumorScale,
        initial: [f64; 6],
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        let model = DePillis2006Params::MODEL;
        check_initial(model, "initial_tumor", initial[0], scale == TumorScale::Log)?;
        for (value, state) in initial[1..].iter().zip(DE_PILLIS_2006_STATES) {
            check_initial(model, &format!("initial_{state}"), *value, false)?;
        }
        let (outputs, inputs) = tumor_signals(name);
        let units = [
            units::CELLS,
            units::CELLS,
            units::CELLS,
            units::DIMENSIONLESS,
            IL2_UNIT,
        ];
        let mut states = vec![scale.var()];
        states.extend(
            DE_PILLIS_2006_STATES
                .iter()
                .zip(units)
                .map(|(state, unit)| Var::new(*state, unit)),
        );
        Ok(Self {
            name: name.to_string(),
            params,
            scale,
            initial,
            states,
            outputs,
            inputs,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &DePillis2006Params {
        &self.params
    }

    /// Full name of the local state `state` (e.g. `chemo` gives `<name>.chemo`).
    pub fn state_name(&self, state: &str) -> String {
        format!("{}.{state}", self.name)
    }
}

impl SubModel for DePillis2006 {
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
        y.copy_from_slice(&self.initial);
        y[0] = self.scale.state(self.initial[0]);
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = self.scale.cells(y[0]).max(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let k = &self.params;
        let tumor = self.scale.cells(y[0]);
        let (nk, cd8, lymphocytes, chemo, il2) = (y[1], y[2], y[3], y[4], y[5]);
        let positive = tumor.max(0.0);
        let drug = -(-chemo.max(0.0)).exp_m1();
        let lysis = cd8_lysis_rate(k.d, k.s, k.l, tumor, cd8);
        let rate = k.a * (1.0 - k.b * tumor) - k.c * nk - lysis - k.kt * drug - inputs[0];
        dy[0] = self.scale.derivative(rate, tumor);
        let t2 = positive * positive;
        dy[1] = saturate(
            k.e * lymphocytes - k.f * nk + k.g * t2 / (k.h + t2) * nk
                - k.p * nk * tumor
                - k.kn * drug * nk,
        );
        let lysed = lysis * positive;
        let l2 = lysed * lysed;
        let il2_positive = il2.max(0.0);
        dy[2] = saturate(
            -k.m * cd8 + k.j * l2 / (k.k + l2) * cd8 - k.q * cd8 * tumor
                + (k.r1 * nk + k.r2 * lymphocytes) * tumor
                - k.u * nk * cd8 * cd8
                - k.kl * drug * cd8
                + k.p_i * cd8 * il2_positive / (k.g_i + il2_positive),
        );
        dy[3] = saturate(k.alpha - k.beta * lymphocytes - k.kc * drug * lymphocytes);
        dy[4] = saturate(-k.gamma * chemo);
        dy[5] = saturate(-k.mu_i * il2);
    }
}
