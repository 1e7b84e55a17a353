//! Suite `tissue/transplant`: LT-HSC logistic engraftment (HSCT-1), neutral competition
//! (HSCT-2), stage steady states (HSCT-3) and flux balance with side exits (HSCT-4) of the
//! Zheng et al. (2021) structure; the Stiehl steady state (STI-1) and engraftment times
//! after a graft into an empty marrow (STI-2 to STI-4).

use super::TRANSPLANT_SUITE as SUITE;
use crate::endpoints::Series;
use crate::stiehl::{Stiehl, StiehlParams};
use crate::zheng::{InitialMarrow, LtParams, Reconstitution, StageParams};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{
    simulate, simulate_from, Event, Method, Model, Output, Result, SolverOptions, SubModel,
};

/// HSCT-1: days for LT0 + LT1 to reach ssLT/2 from one transplanted cell, ln(1274)/0.0471429.
pub const HSCT1_HALF_CAPACITY_DAY: f64 = 151.665;
/// HSCT-3: tau1 of the ST stage (a = 1000, tau = 20 day).
pub const HSCT3_ST_TAU1: f64 = 17.99313;
/// HSCT-3: tau2 of the ST stage.
pub const HSCT3_ST_TAU2: f64 = 2.006867;
/// STI-2..4: days for C3 to reach 4e7/kg after a 5e6 cells/kg graft into C2, split C1:C2
/// in the steady-state ratio, and into C1.
pub const STI_ENGRAFTMENT_DAYS: [f64; 3] = [15.186, 15.200, 21.803];
/// STI threshold: 4e7 neutrophils/kg (5e8/L).
pub const STI_THRESHOLD: f64 = 4e7;
/// STI graft size (cells/kg).
pub const STI_GRAFT: f64 = 5e6;

const SRC_ZHENG: &str = "Zheng et al. (2021) CPT Pharmacometrics Syst Pharmacol doi:10.1002/psp4.12638 structure as implemented in metrumresearchgroup/2023-ACoP-14-gene-therapy (exact consequence)";
const SRC_STIEHL_D: &str = "Stiehl et al. (2015) Cancer Res 75:940-949 / Marciniak-Czochra et al. (2009) Stem Cells Dev 18:377-385, radivot/myelo reconstruction (exact consequence)";
const SRC_STIEHL_C: &str = "Stiehl et al. (2015) Cancer Res 75:940-949, radivot/myelo reconstruction: regression anchor computed with a high-accuracy solver";

fn options(times: Vec<f64>) -> SolverOptions {
    SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-11, 1e-12)
        .output(Output::Times(times))
}

fn grid(start: f64, end: f64, step: f64) -> Vec<f64> {
    let n = ((end - start) / step).round() as usize;
    (0..=n)
        .map(|k| (start + k as f64 * step).min(end))
        .collect()
}

/// Runs the suite.
pub(crate) fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = lt_cases()?;
    records.extend(stage_cases(fidelity)?);
    records.extend(stiehl_cases()?);
    Ok(records)
}

/// HSCT-1 and HSCT-2.
fn lt_cases() -> Result<Vec<CaseRecord>> {
    let marrow = Reconstitution::zheng_2021_myeloid("hsc", InitialMarrow::Ablated)?;
    let net = marrow.lt().net_rate();
    let half = marrow.lt().ss_lt / 2.0;
    let lt1 = marrow.state("lt1");
    let model = Model::new(vec![Box::new(marrow)])?;
    let events = [Event::dose(0.0, &lt1, 1.0)];
    let trajectory = simulate(
        &model,
        (0.0, 200.0),
        &events,
        &options(grid(0.0, 200.0, 0.01)),
    )?;
    let total: Vec<f64> = trajectory
        .column("hsc.lt0")?
        .iter()
        .zip(trajectory.column(&lt1)?)
        .map(|(a, b)| a + b)
        .collect();
    let series = Series::new(trajectory.times().to_vec(), total)?;
    let crossing = series.first_at_or_above(half, 0.0)?.unwrap_or(f64::NAN);
    // Logistic from LT = 1: K/(1 + (K - 1) exp(-r t)) = K/2 at t = ln(K - 1)/r.
    let exact = (2.0 * half - 1.0).ln() / net;
    let mut records = vec![
        CaseRecord::relative(SUITE, "HSCT-1 LT net rate", SRC_ZHENG, "rLT - 1/tauLT [1/day]", 0.0471429, net, 1e-6),
        CaseRecord::relative(SUITE, "HSCT-1 time to ssLT/2 from one LT cell", SRC_ZHENG, "first day with LT0 + LT1 >= ssLT/2 after 1 cell into an ablated marrow (BDF rtol 1e-11, rows every 0.01 d, linear interpolation)", HSCT1_HALF_CAPACITY_DAY, crossing, 1e-6),
        CaseRecord::relative(SUITE, "HSCT-1 time to ssLT/2, closed form", SRC_ZHENG, "same crossing vs ln(ssLT - 1)/(rLT - 1/tauLT) evaluated in full precision", exact, crossing, 1e-9),
    ];

    // HSCT-2: both branches seeded; LT1/LT0 stays at its initial value.
    let marrow = Reconstitution::zheng_2021_myeloid("hsc", InitialMarrow::Ablated)?;
    let model = Model::new(vec![Box::new(marrow)])?;
    let events = [
        Event::dose(0.0, "hsc.lt0", 100.0),
        Event::dose(0.0, "hsc.lt1", 10.0),
    ];
    let trajectory = simulate(
        &model,
        (0.0, 400.0),
        &events,
        &options(grid(0.0, 400.0, 10.0)),
    )?;
    let ratio_error = trajectory
        .column("hsc.lt0")?
        .iter()
        .zip(trajectory.column("hsc.lt1")?)
        .map(|(a, b)| ((b / a) / 0.1 - 1.0).abs())
        .fold(0.0f64, f64::max);
    records.push(CaseRecord::absolute(
        SUITE,
        "HSCT-2 neutral competition",
        SRC_ZHENG,
        "max over 0-400 d of |(LT1/LT0)/(LT1/LT0)(0) - 1|, LT0(0) = 100, LT1(0) = 10",
        0.0,
        ratio_error,
        1e-9,
    ));
    Ok(records)
}

/// HSCT-3 and HSCT-4: stage steady states reached by integration from an empty
/// downstream chain with LT0 at capacity.
fn stage_cases(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let st = StageParams::new(1000.0, 20.0, 0.0)?;
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            "HSCT-3 ST tau1",
            SRC_ZHENG,
            "tau1 = (log2 a - 1)/log2 a tau [day], a = 1000, tau = 20 d",
            HSCT3_ST_TAU1,
            st.tau1(),
            1e-6,
        ),
        CaseRecord::relative(
            SUITE,
            "HSCT-3 ST tau2",
            SRC_ZHENG,
            "tau2 = tau - tau1 [day]",
            HSCT3_ST_TAU2,
            st.tau2(),
            1e-6,
        ),
    ];
    // HSCT-4 uses illustrative side exits (MPP 30 %, CMP 50 %; assumption) on the
    // Zheng myeloid path; HSCT-3 the preset itself.
    let preset = Reconstitution::zheng_2021_myeloid("hsc", InitialMarrow::Ablated)?;
    let mut with_exits = preset.stages().to_vec();
    with_exits[1].1.exit_fraction = 0.3;
    with_exits[2].1.exit_fraction = 0.5;
    let exits = Reconstitution::new(
        "hsc",
        LtParams::zheng_2021_human(),
        with_exits,
        3.0,
        InitialMarrow::Ablated,
    )?;
    let horizon = match fidelity {
        Fidelity::Quick => 1500.0,
        Fidelity::Full => 3000.0,
    };
    for (label, marrow) in [("no side exits", preset), ("side exits", exits)] {
        let mut y0 = vec![0.0; marrow.states().len()];
        y0[0] = marrow.lt().ss_lt;
        let model = Model::new(vec![Box::new(marrow.clone())])?;
        let trajectory = simulate_from(&model, &y0, (0.0, horizon), &[], &options(vec![horizon]))?;
        let y = trajectory.final_state().unwrap_or(&[]).to_vec();
        let fluxes = marrow.fluxes(&y, false)?;
        let mut worst_stage: f64 = 0.0;
        let mut worst_flux: f64 = 0.0;
        for (k, (_, stage)) in marrow.stages().iter().enumerate() {
            let f = fluxes.influx[k];
            let x1 = y[2 + 4 * k];
            let x2 = y[3 + 4 * k];
            let out = stage.kout() * x2;
            worst_stage = worst_stage
                .max((x1 / (f * stage.tau1()) - 1.0).abs())
                .max((x2 / (0.5 * stage.a * f * stage.tau2()) - 1.0).abs())
                .max((out / (stage.a * f) - 1.0).abs());
            let next = fluxes
                .influx
                .get(k + 1)
                .copied()
                .unwrap_or(fluxes.into_mature);
            worst_flux = worst_flux.max(((next + fluxes.side_exit[k]) / (stage.a * f) - 1.0).abs());
        }
        let n = y.len();
        let mature_balance = (marrow.mature_death() * y[n - 2] / fluxes.into_mature - 1.0).abs();
        if label == "no side exits" {
            records.push(CaseRecord::absolute(SUITE, "HSCT-3 stage steady states (ST, MPP, CMP, GMP)", SRC_ZHENG, format!("max relative deviation from X1 = F tau1, X2 = (a/2) F tau2, outflux = a F after {horizon} d from an empty chain"), 0.0, worst_stage, 1e-9));
        } else {
            records.push(CaseRecord::absolute(SUITE, "HSCT-4 stage flux balance with side exits", SRC_ZHENG, "max over stages of |(influx of next + side exit)/(a influx) - 1| at steady state (MPP exit 0.3, CMP exit 0.5: illustrative)", 0.0, worst_flux, 1e-9));
            records.push(CaseRecord::absolute(
                SUITE,
                "HSCT-4 mature pool balance",
                SRC_ZHENG,
                "|death flux / influx into the mature pool - 1| at steady state",
                0.0,
                mature_balance,
                1e-9,
            ));
        }
    }
    Ok(records)
}

/// STI-1 to STI-4.
fn stiehl_cases() -> Result<Vec<CaseRecord>> {
    let params = StiehlParams::healthy_2015();
    let marrow = Stiehl::new("marrow", params)?;
    let mut y = [0.0; 3];
    marrow.init(&mut y);
    let mut dy = [0.0; 3];
    marrow.rhs(0.0, &y, &[], &mut dy);
    let scale = params.d3 * y[2];
    let residual = dy.iter().fold(0.0f64, |m, d| m.max(d.abs())) / scale;
    let mut records = vec![CaseRecord::absolute(
        SUITE,
        "STI-1 steady state",
        SRC_STIEHL_D,
        "max |dC/dt| / (d3 C3ss) at (1e7, 2e9, 4e8) /kg with derived kc, a2, p2",
        0.0,
        residual,
        1e-9,
    )];
    let c1_share = 1e7 / (1e7 + 2e9);
    let grafts = [
        ("STI-2 graft into progenitors", [0.0, STI_GRAFT]),
        (
            "STI-3 graft split in the steady-state ratio",
            [STI_GRAFT * c1_share, STI_GRAFT * (1.0 - c1_share)],
        ),
        ("STI-4 graft into stem cells", [STI_GRAFT, 0.0]),
    ];
    for ((case, [stem, progenitor]), expected) in grafts.into_iter().zip(STI_ENGRAFTMENT_DAYS) {
        let marrow = Stiehl::with_initial("marrow", params, [0.0; 3])?;
        let model = Model::new(vec![Box::new(marrow)])?;
        let events = [
            Event::dose(0.0, "marrow.stem", stem),
            Event::dose(0.0, "marrow.progenitor", progenitor),
        ];
        let trajectory = simulate(
            &model,
            (0.0, 40.0),
            &events,
            &options(grid(0.0, 40.0, 0.01)),
        )?;
        let series = Series::from_trajectory(&trajectory, "marrow.mature")?;
        let day = series
            .first_at_or_above(STI_THRESHOLD, 0.0)?
            .unwrap_or(f64::NAN);
        records.push(CaseRecord::absolute(
            SUITE,
            case,
            SRC_STIEHL_C,
            "first day with C3 >= 4e7 /kg after 5e6 cells/kg into an empty marrow",
            expected,
            day,
            0.05,
        ));
    }
    Ok(records)
}
