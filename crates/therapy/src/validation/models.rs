//! Cases of suite `therapy/pk` for first-order absorption (ABS), the antibody model (AB)
//! and the Onoue et al. (2016) docetaxel preset compared with Bruno et al. (1996) (ONO).
//!
//! - **ABS-1**: one compartment with absorption, exact solution (matrix exponential)
//!   against the Bateman closed form, central amount and exposure (exact, D).
//! - **ABS-2**: two compartments with absorption, four daily depot doses, simulated with
//!   Dopri5 and BDF against the exact solution; and the exposure after complete
//!   elimination against `F × total dose / CL` (exact, D).
//! - **AB-1**: anti-PD-1 antibody, 200 mg: amount after one and two half-lives (22 and
//!   44 days) = 100 and 50 mg (exact, D).
//! - **AB-2**: anti-PD-1, 200 mg every 21 days from day 0 to day 357 (18 doses, the
//!   reference scenario) expanded by [`Regimen`]: post-dose amount at day 357 against the
//!   geometric series `D (1 - r^18) / (1 - r)`, `r = exp(-21 kel)` (exact, D).
//! - **ONO-1**: Onoue preset, 135 mg as a 1-hour infusion: exposure after elimination
//!   against `dose / (MW CL)` (exact, D), and BDF against the exact solution at the end of the
//!   infusion.
//! - **ONO-2, ONO-3** (independent checks): exposure ratio and end-of-infusion Cmax (mg/L)
//!   of Onoue against Bruno for the same 1-hour infusions (135 and 180 mg).

use super::{value, BDF_TOLERANCES, DOPRI5_TOLERANCES, REL_TOL, SUITE};
use crate::{
    mg_to_umol, AbsorptionParams, Antibody, LinearPk, LinearPkParams, Regimen, RegimenSpec,
    DOCETAXEL_MG_PER_UMOL,
};
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions};

const BATEMAN: &str = "Bateman H (1910) Proc Cambridge Philos Soc 15:423-427 (closed form of \
                       first-order absorption)";
const EXACT: &str = "exact solution by matrix exponential; mass balance AUC = F D / CL";
const HALF_LIFE: &str = "definition of the half-life (22 days: reference-scenario assumption)";
const ONOUE: &str = "Onoue H et al. (2016) (parameters, via dcnorris/DTAT); expected: \
                     dose / (MW CL) and the exact solution";
const ONOUE_BRUNO: &str = "Onoue H et al. (2016) vs Bruno R et al. (1996) J Pharmacokinet \
                           Biopharm 24:153-172; independent check";

/// Runs every case of this module.
pub(super) fn run(records: &mut Vec<CaseRecord>) -> Result<()> {
    bateman(records)?;
    repeated_absorption(records)?;
    antibody(records)?;
    onoue(records)?;
    Ok(())
}

/// Solver options with output at `times` (day).
fn solver_options(method: Method, (rtol, atol): (f64, f64), times: &[f64]) -> SolverOptions {
    SolverOptions {
        method,
        rtol,
        atol,
        max_steps: 1_000_000,
        output: Output::Times(times.to_vec()),
    }
}

/// ABS-1: `A1(t) = F D ka / (ka - k) (e^{-k t} - e^{-ka t})`.
fn bateman(records: &mut Vec<CaseRecord>) -> Result<()> {
    let (k, v, ka, f, dose) = (2.0f64, 10.0, 12.0f64, 0.8, 100.0);
    let pk = LinearPk::with_absorption(
        "oral",
        LinearPkParams::one_compartment(k, v),
        AbsorptionParams::new(ka, f),
    )?;
    let times = [0.05, 0.25, 1.0, 3.0];
    let exact = pk.exact_events(&[pk.depot_dose(0.0, dose)?], &times)?;
    let scale = f * dose * ka / (ka - k);
    for (row, &t) in exact.iter().zip(&times) {
        records.push(CaseRecord::relative(
            SUITE,
            format!("ABS-1 exact vs Bateman: central amount at day {t}"),
            BATEMAN,
            format!("oral.central [umol] at day {t}; k = 2/day, ka = 12/day, F = 0.8, D = 100"),
            scale * ((-k * t).exp() - (-ka * t).exp()),
            row[0],
            1e-10,
        ));
    }
    let t = 3.0;
    let auc = scale / v * ((1.0 - (-k * t).exp()) / k - (1.0 - (-ka * t).exp()) / ka);
    records.push(CaseRecord::relative(
        SUITE,
        "ABS-1 exact vs Bateman: exposure at day 3",
        BATEMAN,
        "oral.auc [uM*day] at day 3 (integral of the Bateman function over V)",
        auc,
        exact[3][1],
        1e-10,
    ));
    Ok(())
}

/// ABS-2: four daily depot doses into a two-compartment model, solvers vs exact.
fn repeated_absorption(records: &mut Vec<CaseRecord>) -> Result<()> {
    let params = LinearPkParams::two_compartment(3.0, 2.0, 1.0, 5.0);
    let (ka, f, dose) = (8.0, 0.6, 50.0);
    let pk = LinearPk::with_absorption("oral", params, AbsorptionParams::new(ka, f))?;
    let events = (0..4)
        .map(|day| pk.depot_dose(f64::from(day), dose))
        .collect::<Result<Vec<Event>>>()?;
    let times = [0.5, 1.0, 3.5, 10.0, 60.0];
    let exact = pk.exact_events(&events, &times)?;
    let auc_column = pk.compartments();
    records.push(CaseRecord::relative(
        SUITE,
        "ABS-2 exact: exposure at day 60",
        EXACT,
        "oral.auc [uM*day] at day 60 vs F x 4 doses / (k10 V1)",
        f * 4.0 * dose / params.clearance(),
        exact[4][auc_column],
        1e-9,
    ));
    let model = Model::new(vec![Box::new(pk.clone())])?;
    let columns = ["central", "peripheral1", "auc", "depot"];
    for (method, label, tolerances) in [
        (Method::Dopri5, "Dopri5", DOPRI5_TOLERANCES),
        (Method::Bdf, "BDF", BDF_TOLERANCES),
    ] {
        let options = solver_options(method, tolerances, &times);
        let trajectory = simulate(&model, (0.0, 60.0), &events, &options)?;
        for (row, &t) in times.iter().enumerate().take(4) {
            for (column, state) in columns.iter().enumerate() {
                // The depot empties at 8/day: compare it only half a day after a dose.
                if *state == "depot" && row != 0 && row != 2 {
                    continue;
                }
                records.push(CaseRecord::relative(
                    SUITE,
                    format!("ABS-2 {label}: {state} at day {t}"),
                    EXACT,
                    format!("oral.{state} at day {t}, 4 daily depot doses of 50 umol"),
                    exact[row][column],
                    value(&trajectory, row, column),
                    REL_TOL,
                ));
            }
        }
    }
    Ok(())
}

/// AB-1 and AB-2: antibody half-life and accumulation under the reference regimen.
fn antibody(records: &mut Vec<CaseRecord>) -> Result<()> {
    let ab = Antibody::anti_pd1()?;
    let model = Model::new(vec![Box::new(ab.clone())])?;
    let single = [ab.dose(0.0, 200.0)];
    let options = solver_options(Method::Bdf, BDF_TOLERANCES, &[22.0, 44.0]);
    let trajectory = simulate(&model, (0.0, 44.0), &single, &options)?;
    for (row, (t, expected)) in [(22.0, 100.0), (44.0, 50.0)].into_iter().enumerate() {
        records.push(CaseRecord::relative(
            SUITE,
            format!("AB-1 BDF: anti-PD-1 amount at day {t} after 200 mg"),
            HALF_LIFE,
            format!("anti_pd1.central [mg] at day {t}: 200 mg x 2^(-t / 22)"),
            expected,
            value(&trajectory, row, 0),
            REL_TOL,
        ));
    }
    let regimen = Regimen::new(RegimenSpec::flat(ab.central_state(), 200.0).cycles(18, 21.0))?;
    let events = regimen.events();
    let last = regimen.times().last().copied().unwrap_or(f64::NAN);
    let options = solver_options(Method::Bdf, BDF_TOLERANCES, &[last]);
    let trajectory = simulate(&model, (0.0, last + 1.0), &events, &options)?;
    let r = (-21.0 * ab.params().kel).exp();
    records.push(CaseRecord::relative(
        SUITE,
        format!("AB-2 BDF: anti-PD-1 amount after the 18th dose (day {last})"),
        HALF_LIFE,
        "anti_pd1.central [mg], post-dose, 200 mg every 21 days: 200 (1 - r^18) / (1 - r)",
        200.0 * (1.0 - r.powi(18)) / (1.0 - r),
        value(&trajectory, 0, 0),
        REL_TOL,
    ));
    Ok(())
}

/// ONO-1 to ONO-3: the Onoue preset, and Onoue against Bruno for 1-hour infusions.
fn onoue(records: &mut Vec<CaseRecord>) -> Result<()> {
    let onoue = LinearPk::docetaxel_onoue()?;
    let bruno = LinearPk::docetaxel()?;
    let hour = 1.0 / 24.0;
    let dose = mg_to_umol(135.0, DOCETAXEL_MG_PER_UMOL);
    let infusion = |mg: f64| [(0.0, hour, mg_to_umol(mg, DOCETAXEL_MG_PER_UMOL) / hour)];
    let times = [hour, 30.0];
    let exact_onoue = onoue.exact(&[], &infusion(135.0), &times)?;
    let exact_bruno = bruno.exact(&[], &infusion(135.0), &times)?;
    let auc_onoue = exact_onoue[1][onoue.compartments()];
    let auc_bruno = exact_bruno[1][bruno.compartments()];
    records.push(CaseRecord::relative(
        SUITE,
        "ONO-1 exact: exposure of 135 mg by 1-h infusion at day 30",
        ONOUE,
        "docetaxel.auc [uM*day] at day 30 vs dose / (MW CL), CL = 32.6 L/h",
        dose / onoue.params().clearance(),
        auc_onoue,
        1e-9,
    ));
    let model = Model::new(vec![Box::new(onoue.clone())])?;
    let events = [onoue.infusion(0.0, hour, dose)];
    let trajectory = simulate(
        &model,
        (0.0, 30.0),
        &events,
        &solver_options(Method::Bdf, BDF_TOLERANCES, &times),
    )?;
    records.push(CaseRecord::relative(
        SUITE,
        "ONO-1 BDF: central amount at the end of the 1-h infusion of 135 mg",
        ONOUE,
        "docetaxel.central [umol] at 1 h",
        exact_onoue[0][0],
        value(&trajectory, 0, 0),
        REL_TOL,
    ));

    let ratio = auc_onoue / auc_bruno;
    let clearance_ratio = bruno.params().clearance() / onoue.params().clearance();
    records.push(CaseRecord::independent(
        SUITE,
        "ONO-2 exposure ratio Onoue / Bruno, 135 mg by 1-h infusion",
        ONOUE_BRUNO,
        "AUC(0-30 d) Onoue / AUC(0-30 d) Bruno (dimensionless)",
        ratio,
        "equals CL_Bruno / CL_Onoue to 1e-9 and lies in [0.5, 2]",
        (ratio / clearance_ratio - 1.0).abs() <= 1e-9 && (0.5..=2.0).contains(&ratio),
    ));
    // End-of-infusion concentrations in mg/L (uM x 0.808 mg/umol).
    let cmax_mg_per_l = |pk: &LinearPk, mg: f64| -> Result<f64> {
        let rows = pk.exact(&[], &infusion(mg), &[hour])?;
        Ok(rows[0][0] / pk.params().v1 * DOCETAXEL_MG_PER_UMOL)
    };
    let onoue_135 = cmax_mg_per_l(&onoue, 135.0)?;
    let onoue_180 = cmax_mg_per_l(&onoue, 180.0)?;
    let bruno_135 = cmax_mg_per_l(&bruno, 135.0)?;
    let bolus_bound = |pk: &LinearPk, mg: f64| mg / pk.params().v1;
    let linear = (onoue_180 / onoue_135 - 180.0 / 135.0).abs() <= 1e-12;
    for (label, pk, mg, cmax) in [
        ("Onoue, 135 mg", &onoue, 135.0, onoue_135),
        ("Onoue, 180 mg", &onoue, 180.0, onoue_180),
        ("Bruno, 135 mg", &bruno, 135.0, bruno_135),
    ] {
        records.push(CaseRecord::independent(
            SUITE,
            format!("ONO-3 Cmax at the end of a 1-h infusion ({label})"),
            ONOUE_BRUNO,
            "docetaxel concentration [mg/L] at 1 h",
            cmax,
            "0 < Cmax < dose / V1 (the bolus peak); Onoue Cmax proportional to dose (1e-12)",
            cmax > 0.0 && cmax < bolus_bound(pk, mg) && linear,
        ));
    }
    Ok(())
}
