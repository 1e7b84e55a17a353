//! Suite `tumor/radiation`: linear-quadratic survival, BED and EQD2 arithmetic (LQ-1 to
//! LQ-7), radiation fractions applied by [`TumorSite`] inside a simulation (LQ-8) and
//! additional checks RAD-1 to RAD-3.

use super::support::column_at;
use crate::growth::Exponential;
use crate::site::TumorSite;
use oncodyn_core::radiobiology::{bed, eqd2, isoeffective_dose, LinearQuadratic};
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{Event, Result};

/// Suite name of the radiation records.
pub const RADIATION_SUITE: &str = "tumor/radiation";

/// LQ-1 to LQ-4: `(id, fractions, dose per fraction (Gy), alpha/beta (Gy), BED (Gy),
/// EQD2 (Gy))`, exact arithmetic of Fowler (1989). LQ-4's BED is `440/3` (printed as
/// 146.6667 Gy).
pub const LQ_SCHEDULES: [(&str, u32, f64, f64, f64, f64); 4] = [
    ("LQ-1", 30, 2.0, 10.0, 72.0, 60.0),
    ("LQ-2", 30, 2.0, 3.0, 100.0, 60.0),
    ("LQ-3", 5, 8.0, 10.0, 72.0, 60.0),
    ("LQ-4", 5, 8.0, 3.0, 440.0 / 3.0, 88.0),
];
/// LQ-5: `S(2 Gy)` with `alpha = 0.1`/Gy, `beta = 0.01`/Gy^2 (printed to 6 digits).
pub const LQ5_SURVIVAL: f64 = 0.786628;
/// LQ-6: `S(2 Gy)` with `alpha = 0.3`/Gy, `beta = 0.03`/Gy^2 (printed to 6 digits).
pub const LQ6_SURVIVAL: f64 = 0.486752;
/// LQ-7: survival after 30 x 2 Gy with `alpha = 0.3`/Gy, `beta = 0.03`/Gy^2.
pub const LQ7_SURVIVAL: f64 = 4.1614e-10;

const SRC_FOWLER: &str = "Fowler JF (1989) Br J Radiol 62:679-694: S = exp(-n(alpha d + beta d^2)), BED = n d (1 + d/(alpha/beta)), EQD2 = BED/(1 + 2/(alpha/beta))";
const SRC_ODE: &str = "LQ survival applied per fraction by TumorSite::on_event (Fowler 1989, Br J Radiol 62:679-694) vs the closed form";

/// Runs the suite `tumor/radiation`.
pub(super) fn run() -> Result<Vec<CaseRecord>> {
    let mut records = arithmetic()?;
    records.extend(fractions_in_a_simulation()?);
    Ok(records)
}

fn arithmetic() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (id, n, d, ab, expected_bed, expected_eqd2) in LQ_SCHEDULES {
        let schedule = format!("{n} x {d} Gy, alpha/beta = {ab} Gy");
        records.push(CaseRecord::relative(
            RADIATION_SUITE,
            format!("{id} BED, {schedule}"),
            SRC_FOWLER,
            "BED [Gy]",
            expected_bed,
            bed(n, d, ab)?,
            1e-12,
        ));
        records.push(CaseRecord::relative(
            RADIATION_SUITE,
            format!("{id} EQD2, {schedule}"),
            SRC_FOWLER,
            "EQD2 [Gy]",
            expected_eqd2,
            eqd2(n, d, ab)?,
            1e-12,
        ));
    }
    let survival = [
        ("LQ-5", 0.1, 0.01, 1, LQ5_SURVIVAL, 1e-6),
        ("LQ-6", 0.3, 0.03, 1, LQ6_SURVIVAL, 1e-6),
        ("LQ-7", 0.3, 0.03, 30, LQ7_SURVIVAL, 1e-4),
    ];
    for (id, alpha, beta, n, expected, rel) in survival {
        let lq = LinearQuadratic::new(alpha, beta)?;
        records.push(CaseRecord::relative(
            RADIATION_SUITE,
            format!("{id} LQ survival, {n} x 2 Gy, alpha = {alpha}/Gy, beta = {beta}/Gy^2"),
            SRC_FOWLER,
            "surviving fraction (dimensionless)",
            expected,
            lq.survival_fraction_n(n, 2.0)?,
            rel,
        ));
    }
    // RAD-3: the iso-effect relation preserves the BED.
    let (alpha_beta, new_dose) = (3.0, 3.0);
    let d2 = isoeffective_dose(60.0, 2.0, new_dose, alpha_beta)?;
    records.push(CaseRecord::relative(
        RADIATION_SUITE,
        "RAD-3 iso-effective dose of 60 Gy in 2 Gy fractions given in 3 Gy fractions (alpha/beta = 3 Gy) has the same BED",
        "Fowler JF (1989) Br J Radiol 62:679-694: D2/D1 = (alpha/beta + d1)/(alpha/beta + d2)",
        "BED of D2 in 3 Gy fractions [Gy]",
        bed(30, 2.0, alpha_beta)?,
        d2 * (1.0 + new_dose / alpha_beta),
        1e-12,
    ));
    Ok(records)
}

/// Cells of a site growing exponentially at `a` (1/day) from `v0`, with radiosensitivity
/// `lq` (or none), receiving `fractions` = (day, Gy), recorded at `end` (days).
fn irradiated_site(
    a: f64,
    v0: f64,
    lq: Option<LinearQuadratic>,
    fractions: &[(f64, f64)],
    end: f64,
) -> Result<f64> {
    let mut site = TumorSite::new("tumor", Exponential::new(a)?, v0)?;
    if let Some(lq) = lq {
        site = site.with_radiosensitivity(lq.alpha, lq.beta)?;
    }
    let events: Vec<Event> = fractions
        .iter()
        .map(|&(t, dose)| Event::radiation(t, Some("tumor"), dose))
        .collect();
    let cells = column_at(vec![Box::new(site)], &events, "tumor.cells", &[end])?;
    Ok(cells.last().copied().unwrap_or(f64::NAN))
}

/// Five fractions a week (Monday to Friday) of `dose` Gy, `n` in total, from day 0.
fn weekday_fractions(n: usize, dose: f64) -> Vec<(f64, f64)> {
    (0..n).map(|k| ((k / 5 * 7 + k % 5) as f64, dose)).collect()
}

fn fractions_in_a_simulation() -> Result<Vec<CaseRecord>> {
    let lq = LinearQuadratic::new(0.3, 0.03)?;
    let v0 = 1e9;
    let mut records = Vec::new();
    for (n, dose) in [(30_u32, 2.0), (5, 8.0)] {
        let fractions: Vec<(f64, f64)> = (0..n).map(|k| (f64::from(k), dose)).collect();
        let end = f64::from(n);
        records.push(CaseRecord::relative(
            RADIATION_SUITE,
            format!("LQ-8 {n} x {dose} Gy as instantaneous kills in an ODE without growth (alpha = 0.3/Gy, beta = 0.03/Gy^2)"),
            SRC_ODE,
            "cells after the last fraction, V0 = 1e9 [cells]",
            v0 * lq.survival_fraction_n(n, dose)?,
            irradiated_site(0.0, v0, Some(lq), &fractions, end)?,
            1e-12,
        ));
    }
    // RAD-1: exponential growth between fractions: V(T) = V0 exp(a T) S^n.
    let (a, n, end) = (0.05_f64, 10, 20.0);
    let fractions = weekday_fractions(n, 2.0);
    records.push(CaseRecord::relative(
        RADIATION_SUITE,
        "RAD-1 10 x 2 Gy on weekdays with exponential growth a = 0.05/day in between (Dop853, rtol 1e-12)",
        SRC_ODE,
        "V(20 d) vs V0 exp(a T) S(2 Gy)^10, V0 = 1e9 [cells]",
        v0 * (a * end).exp() * lq.survival_fraction_n(10, 2.0)?,
        irradiated_site(a, v0, Some(lq), &fractions, end)?,
        1e-9,
    ));
    // RAD-2: a site without radiosensitivity ignores the fractions.
    records.push(CaseRecord::relative(
        RADIATION_SUITE,
        "RAD-2 a site without radiosensitivity ignores radiation fractions (Dop853, rtol 1e-12)",
        SRC_ODE,
        "V(20 d) vs V0 exp(a T), V0 = 1e9 [cells]",
        v0 * (a * end).exp(),
        irradiated_site(a, v0, None, &fractions, end)?,
        1e-9,
    ));
    Ok(records)
}
