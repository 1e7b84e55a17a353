//! Suite `immune/de-pillis`: de Pillis et al. (2005) tumor-free state and MeFAST runs
//! (DP05-1 to DP05-4), de Pillis et al. (2006) tumor-free equilibria, patient 9 and 10
//! runs and the lymphocyte closed form (DP06-1 to DP06-6).

use super::solver_options;
use crate::common::TumorScale;
use crate::de_pillis_2005::{DePillis2005, DePillis2005Params, MEFAST_CELL_UNIT};
use crate::de_pillis_2006::{DePillis2006, DePillis2006Params, PATIENT9_L_HIGH, PATIENT9_L_LOW};
use oncodyn_core::analysis::{find_equilibria, NewtonOptions};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Model, Result};

const SUITE: &str = "immune/de-pillis";
const SRC05: &str = "de Pillis LG, Radunskaya AE, Wiseman CL (2005) Cancer Res 65(17):7950-7958; MeFAST baseline (an-do/MeFAST)";
const SRC06: &str = "de Pillis LG, Gu W, Radunskaya AE (2006) J Theor Biol 238(4):841-862; parameters of two reimplementations (Alamir 2022 Python code; a MATLAB project)";

/// DP05-2/3: `(t, T, N, L)` in 10^5 cells from `(0.1, 0.003, 0)`.
pub const DP05: [(f64, [f64; 3]); 2] = [
    (10.0, [8.57095882, 1.01872882, 0.213050035]),
    (25.0, [1617.56988, 8.25149407e-3, 3.45407380]),
];
/// DP05-4: T(25) (10^5 cells) with `a` rounded to 0.514 and `b` to 1.023e-4.
pub const DP05_ROUNDED: f64 = 1587.618;
/// DP06-2..4 from `(1e6, 1e5, 1e2, 1e10, 0, 0)`: `(label, l, [T(5), N(5), L(5), N(30), L(30)])`;
/// T(30) of patient 10 is in [`DP06_P10_T30`].
pub const DP06_SMALL: [(&str, f64, [f64; 5]); 3] = [
    (
        "DP06-2 patient 9, l = 2.09",
        PATIENT9_L_HIGH,
        [698.362830, 7974.00281, 100650.467, 70552.8715, 157.904743],
    ),
    (
        "DP06-3 patient 9, l = 2.08",
        PATIENT9_L_LOW,
        [686.955303, 8002.98523, 99990.8506, 70563.2677, 157.491404],
    ),
    (
        "DP06-4 patient 10",
        1.81,
        [7.91934976e6, 89.3590482, 283330.734, 1.25628127, 861695.680],
    ),
];
/// DP06-4: T(30) of patient 10 (escape).
pub const DP06_P10_T30: f64 = 9.77809510e8;
/// DP06-5 from `(1e7, 1e5, 1e2, 1e10, 0, 0)`, t = 30: `(label, [T, N, L])`.
pub const DP06_LARGE: [(&str, [f64; 3]); 3] = [
    (
        "DP06-5 patient 9, l = 2.09",
        [9.80101511e8, 1.60542546, 1.18411265e6],
    ),
    (
        "DP06-5 patient 9, l = 2.08",
        [9.80097713e8, 1.60543169, 1.18411283e6],
    ),
    (
        "DP06-5 patient 10",
        [9.80136239e8, 1.25329867, 8.61707600e5],
    ),
];
/// DP06-6: C(30) from C0 = 1e10 without chemotherapy, patients 9 and 10.
pub const DP06_C30: [f64; 2] = [2.58719929e10, 2.12020373e10];

/// Runs the suite.
pub fn run(_fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = de_pillis_2005()?;
    records.extend(tumor_free_2006()?);
    records.extend(runs_2006()?);
    Ok(records)
}

fn de_pillis_2005() -> Result<Vec<CaseRecord>> {
    let p = DePillis2005Params::mefast_baseline();
    let m = Model::new(vec![Box::new(DePillis2005::new(
        "dp",
        p,
        TumorScale::Linear,
        [1e4, 300.0, 0.0],
    )?)])?;
    let found = find_equilibria(
        &m,
        &[vec![0.0, 1.1 * p.tumor_free_nk(), 0.0]],
        &NewtonOptions::default(),
    )?;
    let mut records = Vec::new();
    match found.first() {
        Some(e) => {
            records.push(CaseRecord::relative(
                SUITE,
                "DP05-1 tumor-free state",
                SRC05,
                "N* = sigma/f [cells]",
                p.tumor_free_nk(),
                e.state[1],
                1e-12,
            ));
            let growth = p.a - p.c * p.tumor_free_nk();
            records.push(CaseRecord::relative(
                SUITE,
                "DP05-1 tumor-free state",
                SRC05,
                "largest eigenvalue = a - c N* [1/day] (> 0: unstable)",
                growth,
                e.eigenvalues[0].re,
                1e-12,
            ));
        }
        None => records.push(CaseRecord::independent(
            SUITE,
            "DP05-1 tumor-free state",
            SRC05,
            "equilibrium found",
            f64::NAN,
            "found",
            false,
        )),
    }
    let run = simulate(&m, (0.0, 25.0), &[], &solver_options(&[10.0, 25.0]))?;
    for (k, (t, expected)) in DP05.iter().enumerate() {
        let row = run.row(k).unwrap_or(&[]);
        for (j, q) in ["T", "N", "L"].iter().enumerate() {
            let value = row.get(j).copied().unwrap_or(f64::NAN) / MEFAST_CELL_UNIT;
            records.push(CaseRecord::relative(
                SUITE,
                format!("DP05-{} MeFAST baseline, t = {t} d", k + 2),
                SRC05,
                format!("{q} [1e5 cells]"),
                expected[j],
                value,
                1e-6,
            ));
        }
    }
    let rounded = DePillis2005Params {
        a: 0.514,
        b: 1.023e-4 / MEFAST_CELL_UNIT,
        ..p
    };
    let m = Model::new(vec![Box::new(DePillis2005::new(
        "dp",
        rounded,
        TumorScale::Linear,
        [1e4, 300.0, 0.0],
    )?)])?;
    let run = simulate(&m, (0.0, 25.0), &[], &solver_options(&[25.0]))?;
    let t25 = run.final_state().map_or(f64::NAN, |y| y[0]) / MEFAST_CELL_UNIT;
    records.push(CaseRecord::relative(
        SUITE,
        "DP05-4 rounded a and b",
        SRC05,
        "T(25) [1e5 cells]",
        DP05_ROUNDED,
        t25,
        1e-5,
    ));
    Ok(records)
}

fn patients() -> Result<[(&'static str, DePillis2006Params); 3]> {
    Ok([
        (
            "patient 9, l = 2.09",
            DePillis2006Params::patient_9(PATIENT9_L_HIGH)?,
        ),
        (
            "patient 9, l = 2.08",
            DePillis2006Params::patient_9(PATIENT9_L_LOW)?,
        ),
        ("patient 10", DePillis2006Params::patient_10()),
    ])
}

fn model(p: DePillis2006Params, scale: TumorScale, initial: [f64; 6]) -> Result<Model> {
    Model::new(vec![Box::new(DePillis2006::new("dp", p, scale, initial)?)])
}

fn tumor_free_2006() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (label, p) in patients()? {
        let (nk, lymphocytes) = p.tumor_free();
        let m = model(p, TumorScale::Linear, [0.0, nk, 0.0, lymphocytes, 0.0, 0.0])?;
        let start = vec![0.0, 1.1 * nk, 0.0, 0.9 * lymphocytes, 0.0, 0.0];
        let found = find_equilibria(&m, &[start], &NewtonOptions::default())?;
        let growth = p.small_tumor_growth_rate();
        let holds = found.first().is_some_and(|e| {
            let close = |a: f64, b: f64| ((a - b) / b).abs() <= 1e-10;
            close(e.state[1], nk)
                && close(e.state[3], lymphocytes)
                && ((e.eigenvalues[0].re - growth) / growth).abs() <= 1e-9
        }) && growth > 0.0;
        let property = "Newton equilibrium equals the closed form (rel 1e-10), the largest Jacobian eigenvalue equals a - c N* (rel 1e-9) and is positive";
        let case = format!("DP06-1 tumor-free equilibrium, {label}");
        records.push(CaseRecord::independent(
            SUITE,
            case.clone(),
            SRC06,
            "C* = alpha/beta [cells]",
            lymphocytes,
            property,
            holds,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            case.clone(),
            SRC06,
            "N* = e C*/f [cells]",
            nk,
            property,
            holds,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            case,
            SRC06,
            "small-tumor growth rate a - c N* [1/day]",
            growth,
            property,
            holds,
        ));
    }
    Ok(records)
}

fn runs_2006() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    let patients = patients()?;
    for ((case, _, expected), (_, p)) in DP06_SMALL.iter().zip(patients) {
        let m = model(p, TumorScale::Log, [1e6, 1e5, 1e2, 1e10, 0.0, 0.0])?;
        let run = simulate(&m, (0.0, 30.0), &[], &solver_options(&[5.0, 30.0]))?;
        let (r5, r30) = (
            run.row(0).unwrap_or(&[]).to_vec(),
            run.row(1).unwrap_or(&[]).to_vec(),
        );
        let values = [r5[0].exp(), r5[1], r5[2], r30[1], r30[2]];
        for (q, (want, got)) in ["T(5)", "N(5)", "L(5)", "N(30)", "L(30)"]
            .iter()
            .zip(expected.iter().zip(values))
        {
            records.push(CaseRecord::relative(
                SUITE,
                *case,
                SRC06,
                format!("{q} [cells]"),
                *want,
                got,
                1e-6,
            ));
        }
        if p.m > 1.0 {
            records.push(CaseRecord::relative(
                SUITE,
                *case,
                SRC06,
                "T(30) [cells] (tumor escapes)",
                DP06_P10_T30,
                r30[0].exp(),
                1e-6,
            ));
        } else {
            records.push(CaseRecord::absolute(
                SUITE,
                *case,
                SRC06,
                "T(30) [cells] (tumor cleared: below 1e-10; log-T integration)",
                0.0,
                r30[0].exp(),
                1e-10,
            ));
        }
        let c = r30[3];
        let c_exact = p.alpha / p.beta + (1e10 - p.alpha / p.beta) * (-p.beta * 30.0).exp();
        records.push(CaseRecord::relative(
            SUITE,
            format!("DP06-6 C closed form ({case})"),
            "C(t) = alpha/beta + (C0 - alpha/beta) exp(-beta t) with M = 0",
            "C(30) [cells]",
            c_exact,
            c,
            1e-10,
        ));
    }
    for (k, (_, p)) in [patients[0], patients[2]].iter().enumerate() {
        let c_exact = p.alpha / p.beta + (1e10 - p.alpha / p.beta) * (-p.beta * 30.0).exp();
        records.push(CaseRecord::relative(
            SUITE,
            "DP06-6 C closed form vs printed value",
            SRC06,
            format!("C(30) [cells], patient {}", [9, 10][k]),
            DP06_C30[k],
            c_exact,
            1e-8,
        ));
    }
    for ((case, expected), (_, p)) in DP06_LARGE.iter().zip(patients) {
        let m = model(p, TumorScale::Log, [1e7, 1e5, 1e2, 1e10, 0.0, 0.0])?;
        let run = simulate(&m, (0.0, 30.0), &[], &solver_options(&[30.0]))?;
        let end = run.final_state().unwrap_or(&[]).to_vec();
        for (j, (q, want)) in ["T(30)", "N(30)", "L(30)"].iter().zip(expected).enumerate() {
            let got = if j == 0 { end[0].exp() } else { end[j] };
            records.push(CaseRecord::relative(
                SUITE,
                *case,
                SRC06,
                format!("{q} [cells]"),
                *want,
                got,
                1e-6,
            ));
        }
    }
    Ok(records)
}
