//! Suite `delivery/stein`: peak, doubling time, half-lives and exposure of the Stein et al.
//! (2019) tisagenlecleucel cellular-kinetics model, and its ODE realisation [`SteinCarT`].

use crate::{SteinCarT, SteinParams};
use oncodyn_core::validation::{relative_error, CaseRecord, Fidelity};
use oncodyn_core::{simulate, Method, Model, Output, Result, SolverOptions};

/// Suite name of every record.
pub const SUITE: &str = "delivery/stein";
/// Solver of the ODE realisation.
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-10";
/// CART-2: `rho` (1/day), printed to 7 digits.
pub const CART2_RHO: f64 = 0.8891109;
/// CART-2: `ln 2/rho` (day), printed to 7 digits.
pub const CART2_DOUBLING: f64 = 0.7795958;
/// CART-3: `ln 2/alpha` (day).
pub const CART3_HALF_LIFE: f64 = 4.332170;
/// CART-4: `ln 2/beta` (day).
pub const CART4_HALF_LIFE: f64 = 216.6085;
/// Abstract of Stein et al. (2019): doubling time 0.78 d.
pub const ABSTRACT_DOUBLING: f64 = 0.78;
/// Abstract: initial-decline half-life 4.3 d.
pub const ABSTRACT_INITIAL_HALF_LIFE: f64 = 4.3;
/// Abstract: terminal half-life 220 d.
pub const ABSTRACT_TERMINAL_HALF_LIFE: f64 = 220.0;
/// Horizon of the AUC quadrature (day).
pub const AUC_HORIZON: f64 = 2000.0;

const SRC_D: &str = "exact consequence of Stein AM et al. (2019) CPT Pharmacometrics Syst Pharmacol 8(5):285-295, Table 1 typical values (nlmixr2lib Stein_2019_Tisagenlecleucel.R)";
const SRC_P: &str = "Stein AM et al. (2019) CPT Pharmacometrics Syst Pharmacol 8(5):285-295, abstract (tolerance: half a unit of the last printed digit)";

fn closed_forms(p: &SteinParams) -> Vec<CaseRecord> {
    let before = p.r0() * (p.rho() * p.tmax).exp();
    let rel = |case: &str, quantity: &str, expected: f64, actual: f64, tol: f64| {
        CaseRecord::relative(SUITE, case, SRC_D, quantity, expected, actual, tol)
    };
    let abs = |case: &str, quantity: &str, expected: f64, actual: f64, tol: f64| {
        CaseRecord::absolute(SUITE, case, SRC_P, quantity, expected, actual, tol)
    };
    vec![
        rel(
            "CART-1 peak from the left",
            "R0 exp(rho Tmax) (copies/ug)",
            p.cmax,
            before,
            1e-12,
        ),
        rel(
            "CART-1 peak from the right",
            "C(Tmax) (copies/ug)",
            p.cmax,
            p.concentration(p.tmax),
            1e-12,
        ),
        rel(
            "CART-1 R0",
            "R0 = Cmax/foldx (copies/ug)",
            24000.0 / 3900.0,
            p.r0(),
            1e-12,
        ),
        rel(
            "CART-2 rho",
            "rho = ln(foldx)/Tmax (1/day)",
            CART2_RHO,
            p.rho(),
            1e-6,
        ),
        rel(
            "CART-2 doubling time",
            "ln 2/rho (day)",
            CART2_DOUBLING,
            p.doubling_time(),
            1e-6,
        ),
        abs(
            "CART-2 doubling time vs abstract",
            "ln 2/rho (day), printed 0.78",
            ABSTRACT_DOUBLING,
            p.doubling_time(),
            0.005,
        ),
        rel(
            "CART-3 initial-decline half-life",
            "ln 2/alpha (day)",
            CART3_HALF_LIFE,
            p.initial_half_life(),
            1e-6,
        ),
        abs(
            "CART-3 initial-decline half-life vs abstract",
            "ln 2/alpha (day), printed 4.3",
            ABSTRACT_INITIAL_HALF_LIFE,
            p.initial_half_life(),
            0.05,
        ),
        rel(
            "CART-4 terminal half-life",
            "ln 2/beta (day)",
            CART4_HALF_LIFE,
            p.terminal_half_life(),
            1e-6,
        ),
        abs(
            "CART-4 terminal half-life vs abstract",
            "ln 2/beta (day), printed 220 (two significant digits)",
            ABSTRACT_TERMINAL_HALF_LIFE,
            p.terminal_half_life(),
            5.0,
        ),
    ]
}

/// Runs the suite `delivery/stein`. [`Fidelity::Full`] compares the ODE realisation with
/// the closed form on a finer grid.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let p = SteinParams::tisagenlecleucel_2019();
    let mut records = closed_forms(&p);
    let car_t = SteinCarT::new("car_t", p)?;
    let model = Model::new(vec![Box::new(car_t.clone())])?;
    let step = match fidelity {
        Fidelity::Quick => 1.0,
        Fidelity::Full => 0.1,
    };
    let n = (AUC_HORIZON / step).round() as usize;
    let times: Vec<f64> = (1..=n).map(|k| k as f64 * step).collect();
    let options = SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-10)
        .output(Output::Times(times));
    let run = simulate(
        &model,
        (0.0, AUC_HORIZON),
        &[car_t.switch_event()],
        &options,
    )?;
    let level = run.column("car_t.concentration")?;
    let identity = run
        .times()
        .iter()
        .zip(&level)
        .map(|(&t, &c)| relative_error(c, p.concentration(t)))
        .fold(0.0, f64::max);
    let auc_ode = run.column("car_t.auc")?.last().copied().unwrap_or(f64::NAN);
    let auc_closed = p.auc_until(AUC_HORIZON);
    let auc_inf = p.auc_infinity();
    // The closed-form tail beyond the horizon, from the terminal phase alone.
    let tail = p.fb * p.cmax / p.beta * (-p.beta * (AUC_HORIZON - p.tmax)).exp()
        + (1.0 - p.fb) * p.cmax / p.alpha * (-p.alpha * (AUC_HORIZON - p.tmax)).exp();
    records.extend([
        CaseRecord::independent(
            SUITE,
            "CART-5 AUC(0, inf) closed form",
            SRC_D,
            "(Cmax - R0)/rho + (1 - FB) Cmax/alpha + FB Cmax/beta (copies*day/ug)",
            auc_inf,
            "equals the ODE quadrature over 0-2000 d plus the exponential tail to 1e-9 relative",
            relative_error(auc_ode + tail, auc_inf) < 1e-9,
        ),
        CaseRecord::relative(
            SUITE,
            "CART-5 AUC(0, 2000) quadrature",
            SRC_D,
            format!("ODE state auc at 2000 d vs closed form ({SOLVER_TEXT})"),
            auc_closed,
            auc_ode,
            1e-4,
        ),
        CaseRecord::absolute(
            SUITE,
            "CART-6 ODE realisation reproduces C(t)",
            SRC_D,
            format!("max relative error of C(t) on a {step}-day grid ({SOLVER_TEXT})"),
            0.0,
            identity,
            1e-8,
        ),
    ]);
    Ok(records)
}
