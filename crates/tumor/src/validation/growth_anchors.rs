//! Suite `tumor/growth`, cases GL-10 (continuity of the exponential-linear law of Simeoni
//! et al. 2004) and GL-11 (the Gompertz example of TumorGrowth.jl, an independent check).

use super::growth::{simulate_law, ODE_REL_TOL, SOLVER_TEXT, SUITE};
use crate::growth::{ExponentialLinear, GeneralizedBertalanffy, GrowthLaw};
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::Result;

/// GL-10: `lambda0` (1/day) of Simeoni et al. (2004), paclitaxel experiment 1 (as encoded
/// by nlmixr2lib).
pub const SIMEONI_LAMBDA0: f64 = 0.273;
/// GL-10: `lambda1` (mm^3/day) of the same experiment.
pub const SIMEONI_LAMBDA1: f64 = 0.814;
/// GL-11: TumorGrowth.jl Gompertz example, observation times (days; evaluated relative to
/// the first).
pub const GL11_TIMES: [f64; 6] = [0.1, 6.0, 16.0, 24.0, 32.0, 39.0];
/// GL-11: initial volume `v0`.
pub const GL11_V0: f64 = 0.0002261;
/// GL-11: limiting volume `v_inf`.
pub const GL11_V_INF: f64 = 2.792e-5;
/// GL-11: rate `omega` (1/day).
pub const GL11_OMEGA: f64 = 0.05731;

const SRC_SIMEONI: &str = "Simeoni M et al. (2004) Cancer Res 64:1094-1101, exponential-linear switch V = V0 exp(lambda0 t) (t < tau), lambda1 (t - tau) + V0 exp(lambda0 tau) (t >= tau), tau = ln(lambda1/(lambda0 V0))/lambda0; values: nlmixr2lib encoding, Table 2 paclitaxel exp. 1";
const SRC_TUMORGROWTH: &str = "TumorGrowth.jl (Blaom A) documentation, `gompertz` = generalized Bertalanffy with lambda = 0, v = v_inf (v0/v_inf)^exp(-omega (t - t0))";

/// Runs GL-10 and GL-11.
pub(super) fn run() -> Result<Vec<CaseRecord>> {
    let mut records = exponential_linear()?;
    records.extend(tumorgrowth_gompertz()?);
    Ok(records)
}

fn exponential_linear() -> Result<Vec<CaseRecord>> {
    let law = ExponentialLinear::new(SIMEONI_LAMBDA0, SIMEONI_LAMBDA1)?;
    let v0 = 0.1;
    let tau = law.switch_time(v0);
    let left = v0 * (SIMEONI_LAMBDA0 * tau).exp();
    // The closed form takes the linear branch at t = tau.
    let right = law.closed_form(v0, tau);
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            format!("GL-10 exponential-linear: V continuous at tau = {tau:.6} d (lambda0 = 0.273/day, lambda1 = 0.814/day, V0 = 0.1)"),
            SRC_SIMEONI,
            "closed form at tau (linear branch) vs V0 exp(lambda0 tau) (exponential branch)",
            left,
            right,
            1e-12,
        ),
        CaseRecord::relative(
            SUITE,
            "GL-10 exponential-linear: V' continuous at tau",
            SRC_SIMEONI,
            "rate at V(tau) (linear branch, lambda1) vs lambda0 V0 exp(lambda0 tau) (exponential branch) [1/day]",
            SIMEONI_LAMBDA0 * left,
            law.rate(right),
            1e-12,
        ),
    ];
    let times = [5.0, tau, 20.0, 40.0];
    let simulated = simulate_law(&law.into(), v0, &times)?;
    for (&t, &v) in times.iter().zip(&simulated) {
        records.push(CaseRecord::relative(
            SUITE,
            format!("GL-10 exponential-linear ODE vs closed form, t = {t:.4} d ({SOLVER_TEXT})"),
            SRC_SIMEONI,
            "V(t) from TumorSite + Model + simulate, V0 = 0.1",
            GrowthLaw::from(law).closed_form(v0, t),
            v,
            ODE_REL_TOL,
        ));
    }
    Ok(records)
}

fn tumorgrowth_gompertz() -> Result<Vec<CaseRecord>> {
    let law = GrowthLaw::from(GeneralizedBertalanffy::new(GL11_V_INF, GL11_OMEGA, 0.0)?);
    let t0 = GL11_TIMES[0];
    let relative: Vec<f64> = GL11_TIMES.iter().map(|t| t - t0).collect();
    let values: Vec<f64> = relative
        .iter()
        .map(|&t| law.closed_form(GL11_V0, t))
        .collect();
    let simulated = simulate_law(&law, GL11_V0, &relative[1..])?;
    let monotone = values.windows(2).all(|w| w[1] < w[0]) && values.iter().all(|&v| v > GL11_V_INF);
    let starts = (values[0] - GL11_V0).abs() <= 1e-15 * GL11_V0;
    let mut records = Vec::new();
    for (k, (&t, &v)) in GL11_TIMES.iter().zip(&values).enumerate() {
        let ode = if k == 0 {
            GL11_V0
        } else {
            simulated.get(k - 1).copied().unwrap_or(f64::NAN)
        };
        let agrees = (ode - v).abs() <= ODE_REL_TOL * v;
        records.push(CaseRecord::independent(
            SUITE,
            format!("GL-11 TumorGrowth.jl Gompertz example, t = {t} d (v0 = 0.0002261, v_inf = 2.792e-5, omega = 0.05731/day)"),
            SRC_TUMORGROWTH,
            "v(t) (volume units of the example)",
            v,
            "v(t0) = v0; values decrease strictly toward v_inf; ODE agrees within rel 1e-8",
            monotone && starts && agrees,
        ));
    }
    Ok(records)
}
