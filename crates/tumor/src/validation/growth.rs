//! Suite `tumor/growth`, cases GL-1 to GL-9 and GL-12: closed forms against published
//! values, ODE solutions (through [`TumorSite`], [`Model`] and [`simulate`]) against closed
//! forms, limits of the generalized Bertalanffy family, Laird's Gompertz plateau and the
//! Gompertz doubling time.
//!
//! Expected values are embedded as cited constants; nothing is read from files.

use crate::growth::{
    Exponential, GeneralizedBertalanffy, Gompertz, GompertzBenzekry, GrowthLaw, Logistic, PowerLaw,
    VonBertalanffy,
};
use crate::site::TumorSite;
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Method, Model, Output, Result, SolverOptions};

/// Suite name of the growth-law records (`tumor/growth`).
pub const SUITE: &str = "tumor/growth";

/// Solver settings of the ODE cases: Dop853, `rtol = 1e-12`, `atol = 1e-12` cells.
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-12 cells";

/// Tolerance of ODE solutions against closed forms (relative).
pub const ODE_REL_TOL: f64 = 1e-8;

/// GL-1: `exp(0.3 * 10)`.
pub const GL1_EXPECTED: f64 = 20.08553692;
/// GL-2: `1000 / (1 + 999 exp(-5))`.
pub const GL2_EXPECTED: f64 = 129.345875;
/// GL-3: `exp(10 (1 - exp(-2)))`.
pub const GL3_EXPECTED: f64 = 5691.033628;
/// GL-4: `(1 + 10/3)^3 = (13/3)^3 = 2197/27` (exact; printed as 81.37037037).
pub const GL4_EXPECTED: f64 = 2197.0 / 27.0;
/// GL-5: `(10 - 9 exp(-2/3))^3`.
pub const GL5_EXPECTED: f64 = 155.6554028;
/// GL-6: `10 (1 + (0.1^(1/3) - 1) exp(-2))^3`.
pub const GL6_EXPECTED: f64 = 7.978406788;
/// GL-9: Laird's Gompertz plateau `W(inf)/W0 = exp(A/alpha) = exp(0.788/0.142)`.
pub const LAIRD_PLATEAU: f64 = 257.06;
/// GL-9: Laird's `A` (1/day).
pub const LAIRD_A: f64 = 0.788;
/// GL-9: Laird's `alpha` (1/day).
pub const LAIRD_ALPHA: f64 = 0.142;

const SRC_EXP: &str = "closed form v0 exp(a t); Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800, exponential model";
const SRC_LOGISTIC: &str = "closed form K v0/(v0 + (K - v0) exp(-a t)); Verhulst (1838) Corresp Math Phys 10:113-121; Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800, logistic model";
const SRC_GOMPERTZ: &str = "closed form Vc (V0/Vc)^exp(-beta t) exp((alpha0/beta)(1 - exp(-beta t))); Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800, Gompertz model; Gompertz (1825) Phil Trans R Soc Lond 115:513-583";
const SRC_POWER: &str = "closed form (v0^(1-gamma) + (1-gamma) a t)^(1/(1-gamma)); Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800, power law model";
const SRC_VB: &str = "closed form v^(1-gamma) = a/b + (v0^(1-gamma) - a/b) exp(-(1-gamma) b t); von Bertalanffy (1957) Q Rev Biol 32:217-231; Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800";
const SRC_GB: &str = "closed form v_inf (1 + ((v0/v_inf)^lambda - 1) exp(-omega t))^(1/lambda); TumorGrowth.jl generalized Bertalanffy model";
const SRC_LAIRD: &str = "Laird AK (1964) Br J Cancer 18:490-502, Gompertz W = W0 exp((A/alpha)(1 - exp(-alpha t))), A = 0.788/day, alpha = 0.142/day";
const SRC_DT: &str = "DT = -(1/beta) ln((ln 2 + A)/A), A = ln((V0/Vc)^exp(-beta t)) - (alpha0/beta) exp(-beta t), from the Gompertz closed form of Benzekry et al. (2014) PLoS Comput Biol 10(8):e1003800";

/// Solver options of the ODE cases ([`SOLVER_TEXT`]) recording at `times` (days).
pub fn solver_options(times: &[f64]) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-12)
        .output(Output::Times(times.to_vec()))
}

/// Simulates a site growing by `law` from `v0` cells and returns the cell count at the
/// sorted, positive `times` (days), with [`solver_options`].
pub fn simulate_law(law: &GrowthLaw, v0: f64, times: &[f64]) -> Result<Vec<f64>> {
    let site = TumorSite::new("tumor", law.clone(), v0)?;
    let model = Model::new(vec![Box::new(site)])?;
    let end = times.last().copied().unwrap_or(1.0);
    let trajectory = simulate(&model, (0.0, end), &[], &solver_options(times))?;
    trajectory.column("tumor.cells")
}

/// Runs the cases GL-1 to GL-9 and GL-12 of the suite `tumor/growth`. [`Fidelity::Quick`]
/// checks the ODE solutions at fewer times, with the same tolerances.
pub(super) fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = published_closed_forms()?;
    let times: &[f64] = match fidelity {
        Fidelity::Quick => &[1.0, 10.0, 20.0],
        Fidelity::Full => &[0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0],
    };
    records.extend(ode_against_closed_forms(times)?);
    records.extend(generalized_bertalanffy_limits(fidelity)?);
    records.extend(laird_plateau()?);
    records.extend(gompertz_doubling_time()?);
    Ok(records)
}

/// The laws of GL-1..GL-6 with their initial size, name and source.
fn reference_laws() -> Result<Vec<(&'static str, GrowthLaw, &'static str)>> {
    Ok(vec![
        ("exponential", Exponential::new(0.3)?.into(), SRC_EXP),
        ("logistic", Logistic::new(0.5, 1000.0)?.into(), SRC_LOGISTIC),
        (
            "Gompertz",
            GompertzBenzekry::new(1.0, 0.1, 1.0)?.to_gompertz()?.into(),
            SRC_GOMPERTZ,
        ),
        (
            "power law",
            PowerLaw::new(1.0, 2.0 / 3.0)?.into(),
            SRC_POWER,
        ),
        (
            "von Bertalanffy",
            VonBertalanffy::new(1.0, 2.0 / 3.0, 0.1)?.into(),
            SRC_VB,
        ),
        (
            "generalized Bertalanffy",
            GeneralizedBertalanffy::new(10.0, 0.2, 1.0 / 3.0)?.into(),
            SRC_GB,
        ),
    ])
}

fn published_closed_forms() -> Result<Vec<CaseRecord>> {
    let laws = reference_laws()?;
    let expected = [
        ("GL-1", 10.0, GL1_EXPECTED, 1e-9, "a=0.3/day, V0=1"),
        ("GL-2", 10.0, GL2_EXPECTED, 1e-9, "a=0.5/day, K=1000, V0=1"),
        (
            "GL-3",
            20.0,
            GL3_EXPECTED,
            1e-9,
            "alpha0=1/day, beta=0.1/day, Vc=1, V0=1 (converted to r=beta, K=Vc exp(alpha0/beta))",
        ),
        ("GL-4", 10.0, GL4_EXPECTED, 1e-12, "a=1, gamma=2/3, V0=1"),
        (
            "GL-5",
            20.0,
            GL5_EXPECTED,
            1e-9,
            "a=1, gamma=2/3, b=0.1/day, V0=1",
        ),
        (
            "GL-6",
            10.0,
            GL6_EXPECTED,
            1e-9,
            "v_inf=10, omega=0.2/day, lambda=1/3, v0=1",
        ),
    ];
    let mut records = Vec::new();
    for ((id, t, value, rel, params), (name, law, source)) in expected.into_iter().zip(laws) {
        records.push(CaseRecord::relative(
            SUITE,
            format!("{id} {name} closed form"),
            source,
            format!("V(t = {t} d) with {params} [cells]"),
            value,
            law.closed_form(1.0, t),
            rel,
        ));
    }
    // GL-3 also directly in Benzekry's parameterisation.
    let benzekry = GompertzBenzekry::new(1.0, 0.1, 1.0)?;
    records.push(CaseRecord::relative(
        SUITE,
        "GL-3 Gompertz closed form (Benzekry parameterisation)",
        SRC_GOMPERTZ,
        "V(t = 20 d) with alpha0=1/day, beta=0.1/day, Vc=1, V0=1 [cells]",
        GL3_EXPECTED,
        benzekry.closed_form(1.0, 20.0),
        1e-9,
    ));
    Ok(records)
}

fn ode_against_closed_forms(times: &[f64]) -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (name, law, source) in reference_laws()? {
        let simulated = simulate_law(&law, 1.0, times)?;
        for (&t, &v) in times.iter().zip(&simulated) {
            records.push(CaseRecord::relative(
                SUITE,
                format!("GL-7 {name} ODE vs closed form, t = {t} d ({SOLVER_TEXT})"),
                source,
                "V(t) from TumorSite + Model + simulate, V0 = 1 [cells]",
                law.closed_form(1.0, t),
                v,
                ODE_REL_TOL,
            ));
        }
    }
    Ok(records)
}

fn generalized_bertalanffy_limits(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let times: &[f64] = match fidelity {
        Fidelity::Quick => &[2.0, 20.0],
        Fidelity::Full => &[2.0, 7.0, 20.0, 50.0],
    };
    let mut records = Vec::new();
    // lambda = -1 is logistic with K = v_inf, a = omega.
    let logistic = GrowthLaw::from(Logistic::new(0.5, 1000.0)?);
    let gb_logistic = GrowthLaw::from(GeneralizedBertalanffy::new(1000.0, 0.5, -1.0)?);
    let simulated = simulate_law(&gb_logistic, 1.0, times)?;
    for (&t, &v) in times.iter().zip(&simulated) {
        records.push(CaseRecord::relative(
            SUITE,
            format!("GL-8 generalized Bertalanffy lambda = -1 is logistic, closed form, t = {t} d"),
            SRC_GB,
            "V(t), v_inf = K = 1000, omega = a = 0.5/day, V0 = 1 [cells]",
            logistic.closed_form(1.0, t),
            gb_logistic.closed_form(1.0, t),
            1e-12,
        ));
        records.push(CaseRecord::relative(
            SUITE,
            format!("GL-8 generalized Bertalanffy lambda = -1 ODE vs logistic closed form, t = {t} d ({SOLVER_TEXT})"),
            SRC_GB,
            "V(t), v_inf = K = 1000, omega = a = 0.5/day, V0 = 1 [cells]",
            logistic.closed_form(1.0, t),
            v,
            ODE_REL_TOL,
        ));
    }
    // lambda -> 0 approaches Gompertz with r = omega, K = v_inf. The first-order
    // difference is lambda ln(v0/v_inf)^2 e(1-e)/2 <= lambda ln(1000)^2/8 ~ 6e-7 relative
    // (e = exp(-omega t)), hence the tolerance 1e-6 at lambda = 1e-7.
    let gompertz = GrowthLaw::from(Gompertz::new(0.1, 1000.0)?);
    let gb_small = GrowthLaw::from(GeneralizedBertalanffy::new(1000.0, 0.1, 1e-7)?);
    let simulated = simulate_law(&gb_small, 1.0, times)?;
    for (&t, &v) in times.iter().zip(&simulated) {
        let quantity = "V(t), lambda = 1e-7, v_inf = K = 1000, omega = r = 0.1/day, V0 = 1 [cells]";
        records.push(CaseRecord::relative(
            SUITE,
            format!("GL-8 generalized Bertalanffy lambda -> 0 approaches Gompertz, closed form, t = {t} d"),
            SRC_GB,
            quantity,
            gompertz.closed_form(1.0, t),
            gb_small.closed_form(1.0, t),
            1e-6,
        ));
        records.push(CaseRecord::relative(
            SUITE,
            format!("GL-8 generalized Bertalanffy lambda -> 0 ODE vs Gompertz closed form, t = {t} d ({SOLVER_TEXT})"),
            SRC_GB,
            quantity,
            gompertz.closed_form(1.0, t),
            v,
            1e-6,
        ));
    }
    Ok(records)
}

fn laird_plateau() -> Result<Vec<CaseRecord>> {
    let laird = GompertzBenzekry::new(LAIRD_A, LAIRD_ALPHA, 1.0)?;
    let law = GrowthLaw::from(laird.to_gompertz()?);
    // exp(-alpha t) = exp(-56.8) at t = 400 d: the plateau is reached to round-off.
    let simulated = simulate_law(&law, 1.0, &[400.0])?;
    let at_end = simulated.last().copied().unwrap_or(f64::NAN);
    Ok(vec![
        CaseRecord::relative(
            SUITE,
            "GL-9 Laird plateau, closed form Vc exp(alpha0/beta)",
            SRC_LAIRD,
            "W(inf)/W0 (dimensionless)",
            LAIRD_PLATEAU,
            laird.plateau(),
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            format!("GL-9 Laird plateau, ODE W(400 d)/W0 ({SOLVER_TEXT})"),
            SRC_LAIRD,
            "W(400 d)/W0 (dimensionless)",
            LAIRD_PLATEAU,
            at_end,
            1e-4,
        ),
    ])
}

/// Smallest `t` with `v(t) = target` for an increasing `v`, by bisection (days).
fn bisect_time(v: impl Fn(f64) -> f64, target: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 1.0);
    while v(hi) < target && hi < 1e6 {
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if v(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-14 * hi {
            break;
        }
    }
    0.5 * (lo + hi)
}

fn gompertz_doubling_time() -> Result<Vec<CaseRecord>> {
    let law = GompertzBenzekry::new(2.3, 0.1, 1e-6)?;
    let v0 = 1.0;
    let closed = law.doubling_time(v0, 0.0).unwrap_or(f64::NAN);
    let bisected = bisect_time(|t| law.closed_form(v0, t), 2.0 * v0);
    let agrees = (closed - bisected).abs() <= 1e-4;
    let simulated = simulate_law(&GrowthLaw::from(law.to_gompertz()?), v0, &[closed])?;
    Ok(vec![
        CaseRecord::independent(
            SUITE,
            "GL-12 Gompertz doubling time at t = 0 (Vc = 1e-6, V0 = 1, alpha0 = 2.3/day, beta = 0.1/day)",
            SRC_DT,
            "doubling time DT [day]",
            closed,
            &format!("closed-form DT agrees with bisection root of V(t) = 2 V0 (t = {bisected:.12} d) within abs 1e-4"),
            agrees,
        ),
        CaseRecord::relative(
            SUITE,
            format!("GL-12 ODE reaches 2 V0 at the closed-form doubling time ({SOLVER_TEXT})"),
            SRC_DT,
            "V(DT) [cells]",
            2.0 * v0,
            simulated.last().copied().unwrap_or(f64::NAN),
            ODE_REL_TOL,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisection_finds_a_known_root() {
        let t = bisect_time(|t| (0.3 * t).exp(), 2.0);
        approx::assert_relative_eq!(t, 2f64.ln() / 0.3, max_relative = 1e-12);
    }
}
