//! Suite `delivery/payload`: the payload kinetics of [`StemCells`] against closed forms
//! (secreted protein, cytosine deaminase/5-FC with a constant or an owned prodrug, carried
//! oncolytic virus with a constant tumor burden), and the 5-FC conversion of the preset
//! against the published target.

use super::{max_relative_error, Constants};
use crate::payload::FLUCYTOSINE_MG_PER_UMOL;
use crate::{
    iv_bolus_exact, BajzerParams, BajzerSet, CellDose, CellType, FlucytosinePk, HomingParams,
    ProdrugEnzyme, ProdrugSource, Route, StemCells, VirusPayload,
};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, units, Method, Model, Output, Result, SolverOptions};

/// Suite name of every record.
pub const SUITE: &str = "delivery/payload";
/// Solver settings of the suite.
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-10";
/// 5-FC concentration of the conversion check: 50 ug/mL, inside the tolerated 25–100 ug/mL.
pub const FLUCYTOSINE_UG_PER_ML: f64 = 50.0;
/// Published sufficient conversion of 5-FC to 5-FU: 1–3 %.
pub const CONVERSION_BAND: (f64, f64) = (0.01, 0.03);
/// Virus released per carrier cell per day in the virus check (*assumption*).
pub const VIRUS_RELEASE: f64 = 100.0;

const SRC_CLOSED: &str = "closed form of the payload equations with constant inputs";
const SRC_CONVERSION: &str = "published magnitudes for CD/5-FC (5-FC tolerated at 25-100 ug/mL; 1-3 % conversion suffices); preset values are assumptions chosen to meet them";

fn options(times: &[f64]) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-10)
        .output(Output::Times(times.to_vec()))
}

/// Homing without losses at the site, so carriers injected into it stay constant.
fn persistent_homing() -> Result<HomingParams> {
    let flagship = HomingParams::flagship();
    HomingParams::new(flagship.eta_max, flagship.v50, 0.0, 0.0, flagship.s_cap)
}

/// Runs the suite `delivery/payload`.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let times: &[f64] = match fidelity {
        Fidelity::Quick => &[0.05, 0.2, 1.0, 10.0, 50.0],
        Fidelity::Full => &[
            0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0,
        ],
    };
    let mut records = vec![secreted(times)?];
    records.extend(prodrug(times)?);
    records.push(virus(times)?);
    Ok(records)
}

fn secreted(times: &[f64]) -> Result<CaseRecord> {
    let sites = [("primary", 1e10), ("lung", 1e8), ("liver", 1e7)];
    let names: Vec<&str> = sites.iter().map(|(s, _)| *s).collect();
    let cells = StemCells::flagship("stem_cells", &names)?;
    let payload = crate::SecretedProtein::flagship();
    let burdens: Vec<(String, f64)> = sites
        .iter()
        .map(|(s, v)| (format!("{s}.burden"), *v))
        .collect();
    let signals: Vec<(&str, &str, f64)> = burdens
        .iter()
        .map(|(n, v)| (n.as_str(), units::CELLS, *v))
        .collect();
    let model = Model::new(vec![
        Box::new(cells.clone()),
        Box::new(Constants::new("burdens", &signals)),
    ])?;
    let events = cells.administer(0.0, &Route::Intravenous, CellDose::cells(1e8)?)?;
    let end = times.last().copied().unwrap_or(1.0);
    let run = simulate(&model, (0.0, end), &events, &options(times))?;
    let values: Vec<f64> = sites.iter().map(|(_, v)| *v).collect();
    let mut pairs = Vec::new();
    for (row, &t) in run.times().iter().enumerate() {
        let exact = iv_bolus_exact(cells.trafficking(), cells.homing(), &values, 1e8, t)?;
        for (k, (site, _)) in sites.iter().enumerate() {
            let hazard = run.column(&format!("{site}.kill_hazard"))?[row];
            pairs.push((hazard, payload.hazard(exact.sites[k])));
        }
        let total = run.column(crate::IMMUNOMODULATORY_SIGNAL)?[row];
        pairs.push((total, exact.sites.iter().sum()));
    }
    Ok(CaseRecord::absolute(
        SUITE,
        "PAY-1 secreted protein hazard and immunomodulatory signal",
        SRC_CLOSED,
        format!("max relative error of kpay_i and Stot against the exact trafficking solution ({SOLVER_TEXT})"),
        0.0,
        max_relative_error(pairs),
        1e-8,
    ))
}

fn prodrug(times: &[f64]) -> Result<Vec<CaseRecord>> {
    let enzyme = ProdrugEnzyme::cd_5fc();
    let concentration = FLUCYTOSINE_UG_PER_ML / FLUCYTOSINE_MG_PER_UMOL; // mg/L -> uM
    let cells = StemCells::new(
        "cd_msc",
        CellType::Mesenchymal.trafficking(),
        persistent_homing()?,
        &["tumor"],
    )?
    .with_prodrug(
        enzyme,
        ProdrugSource::Signal("flucytosine.concentration".into()),
    )?;
    let model = Model::new(vec![
        Box::new(cells.clone()),
        Box::new(Constants::new(
            "inputs",
            &[
                ("tumor.burden", units::CELLS, 1e9),
                ("flucytosine.concentration", units::UM, concentration),
            ],
        )),
    ])?;
    let carriers = 1e8;
    let route = Route::intratumoral("tumor", 0.0)?;
    let events = cells.administer(0.0, &route, CellDose::cells(carriers)?)?;
    let end = times.last().copied().unwrap_or(1.0);
    let run = simulate(&model, (0.0, end), &events, &options(times))?;
    let fu = run.column("cd_msc.fu_tumor")?;
    let hazard = run.column("tumor.kill_hazard")?;
    let steady = enzyme.steady_state(carriers, concentration);
    let mut pairs = Vec::new();
    for (k, &t) in run.times().iter().enumerate() {
        let exact = -steady * (-enzyme.k_fu * t).exp_m1();
        pairs.push((fu[k], exact));
        pairs.push((hazard[k], enzyme.hazard(exact)));
    }
    let conversion = steady / concentration;

    // Owned 5-FC compartment: a 2 g bolus decays mono-exponentially.
    let pk = FlucytosinePk::typical_adult();
    let owned = StemCells::new(
        "cd_msc",
        CellType::Mesenchymal.trafficking(),
        persistent_homing()?,
        &["tumor"],
    )?
    .with_prodrug(enzyme, ProdrugSource::Compartment(pk))?;
    let model = Model::new(vec![
        Box::new(owned.clone()),
        Box::new(Constants::new(
            "inputs",
            &[("tumor.burden", units::CELLS, 1e9)],
        )),
    ])?;
    let amount = 2000.0 / FLUCYTOSINE_MG_PER_UMOL;
    let mut events = owned.administer(0.0, &route, CellDose::cells(carriers)?)?;
    events.push(owned.prodrug_dose(0.0, amount)?);
    let run = simulate(&model, (0.0, 1.0), &events, &options(&[0.25, 0.5, 1.0]))?;
    let pk_pairs = run
        .column("cd_msc.prodrug")?
        .into_iter()
        .zip(run.times().iter().map(|t| amount * (-pk.k_el * t).exp()));
    Ok(vec![
        CaseRecord::absolute(
            SUITE,
            "PAY-2 local 5-FU and its kill hazard (constant 5-FC, constant carriers)",
            SRC_CLOSED,
            format!("max relative error of F(t) = F_ss (1 - exp(-k_fu t)) and the hazard ({SOLVER_TEXT})"),
            0.0,
            max_relative_error(pairs),
            1e-8,
        ),
        CaseRecord::independent(
            SUITE,
            "PAY-3 5-FC conversion of the cd_5fc preset at 50 ug/mL and saturating carriers",
            SRC_CONVERSION,
            "steady local 5-FU / 5-FC concentration",
            conversion,
            "inside the published sufficient band 1-3 %",
            (CONVERSION_BAND.0..=CONVERSION_BAND.1).contains(&conversion),
        ),
        CaseRecord::absolute(
            SUITE,
            "PAY-4 owned 5-FC compartment (2 g bolus)",
            SRC_CLOSED,
            "max relative error of A(t) = A0 exp(-k_el t)",
            0.0,
            max_relative_error(pk_pairs),
            1e-8,
        ),
    ])
}

/// `exp(M t)` of a real 2×2 matrix with real eigenvalues (`disc >= 0`).
fn expm_2x2(m: [[f64; 2]; 2], t: f64) -> [[f64; 2]; 2] {
    let half_trace = 0.5 * (m[0][0] + m[1][1]);
    let half_gap = 0.5 * (m[0][0] - m[1][1]);
    let delta = (half_gap * half_gap + m[0][1] * m[1][0]).max(0.0).sqrt();
    let scale = (half_trace * t).exp();
    let (c, s) = if delta > 0.0 {
        ((delta * t).cosh(), (delta * t).sinh() / delta)
    } else {
        (1.0, t)
    };
    [
        [
            scale * (c + s * (m[0][0] - half_trace)),
            scale * s * m[0][1],
        ],
        [
            scale * s * m[1][0],
            scale * (c + s * (m[1][1] - half_trace)),
        ],
    ]
}

fn virus(times: &[f64]) -> Result<CaseRecord> {
    let payload =
        VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::D1), VIRUS_RELEASE)?;
    let cells = StemCells::new(
        "ov_msc",
        CellType::Mesenchymal.trafficking(),
        persistent_homing()?,
        &["tumor"],
    )?
    .with_virus(payload)?;
    let burden = 1e6;
    let model = Model::new(vec![
        Box::new(cells.clone()),
        Box::new(Constants::new(
            "inputs",
            &[("tumor.burden", units::CELLS, burden)],
        )),
    ])?;
    let carriers = 1e5;
    let route = Route::intratumoral("tumor", 0.0)?;
    let events = cells.administer(0.0, &route, CellDose::cells(carriers)?)?;
    let end = times.last().copied().unwrap_or(1.0);
    let run = simulate(&model, (0.0, end), &events, &options(times))?;
    // z = (x, v): z' = M z + f with constant burden and carriers; z(t) = z* + e^{Mt}(0 - z*).
    let ky = payload.kappa * burden;
    let m = [[-payload.delta, ky], [payload.alpha, -(payload.omega + ky)]];
    let forcing = payload.release * carriers;
    let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    // z* = -M^{-1} (0, forcing)
    let steady = [m[0][1] * forcing / det, -m[0][0] * forcing / det];
    let infected = run.column("ov_msc.infected_tumor")?;
    let virus = run.column("ov_msc.virus_tumor")?;
    let hazard = run.column("tumor.kill_hazard")?;
    let mut pairs = Vec::new();
    for (k, &t) in run.times().iter().enumerate() {
        let e = expm_2x2(m, t);
        let x = steady[0] - e[0][0] * steady[0] - e[0][1] * steady[1];
        let v = steady[1] - e[1][0] * steady[0] - e[1][1] * steady[1];
        pairs.extend([(infected[k], x), (virus[k], v)]);
        pairs.push((hazard[k], payload.kappa * v + payload.rho * x));
    }
    Ok(CaseRecord::absolute(
        SUITE,
        "PAY-5 carried oncolytic virus (Bajzer d.1 infection rates, constant burden and carriers)",
        "closed form of the linear (infected, virus) system; Bajzer et al. (2008) J Theor Biol 252:109-122 set d.1",
        format!("max relative error of x(t), v(t) and the hazard kappa v + rho x ({SOLVER_TEXT})"),
        0.0,
        max_relative_error(pairs),
        1e-8,
    ))
}
