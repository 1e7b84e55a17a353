//! Suite `tumor/treatment`: log-kill identities (KILL-1, KILL-2), the Emax midpoint
//! (KILL-3), Norton–Simon kill (NS-1 to NS-3) and the cure threshold (CURE-1 to CURE-4).

use super::support::{column_at, DecayingDrug};
use crate::growth::{Exponential, Gompertz, GrowthLaw};
use crate::kill::EmaxKill;
use crate::site::TumorSite;
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{Event, Result, SubModel};

/// Suite name of the treatment records.
pub const TREATMENT_SUITE: &str = "tumor/treatment";

const SRC_LOG_KILL: &str = "log-kill N' = g(N) - kd C N, Skipper, Schabel & Wilcox (1964) Cancer Chemother Rep 35:1-111; g = 0: N/N0 = exp(-kd AUC)";
const SRC_EMAX: &str =
    "Emax E(C) = Emax C^h/(EC50^h + C^h), Holford & Sheiner (1981) Clin Pharmacokinet 6:429-453";
const SRC_NS: &str = "Norton-Simon N' = g(N)(1 - k C), Norton & Simon (1977) Cancer Treat Rep 61:1307-1317 (verbal hypothesis; ODE form is the usual translation); with Gompertz g it is Gompertz with r (1 - k C)";
const SRC_CURE: &str = "cure threshold of TumorSite (oncodyn design: no growth at or below the threshold, burden 0, state set to 0 at broadcast events)";

/// Relative tolerance of ODE solutions (Dop853, rtol 1e-12) against closed forms.
const ODE_TOL: f64 = 1e-8;

/// Runs the suite `tumor/treatment`.
pub(super) fn run() -> Result<Vec<CaseRecord>> {
    let mut records = log_kill()?;
    records.extend(norton_simon()?);
    records.extend(cure_threshold()?);
    Ok(records)
}

/// Cells of `site` (called `tumor`) next to a drug `drug` with `C(t) = c0 exp(-k t)`.
fn with_drug(site: TumorSite, c0: f64, k: f64, times: &[f64]) -> Result<Vec<f64>> {
    let drug = DecayingDrug::new("drug", c0, k);
    column_at(
        vec![Box::new(site), Box::new(drug)],
        &[],
        "tumor.cells",
        times,
    )
}

fn log_kill() -> Result<Vec<CaseRecord>> {
    let (kd, c, tau, v0) = (0.3, 2.0, 5.0, 1e6);
    let flat = || TumorSite::new("tumor", Exponential::new(0.0)?, v0);
    let constant = with_drug(
        flat()?.with_log_kill("drug.concentration", kd)?,
        c,
        0.0,
        &[tau],
    )?;
    let (c0, k, t) = (4.0, 0.7, 3.0_f64);
    let auc = c0 * -(-k * t).exp_m1() / k;
    let decaying = with_drug(
        flat()?.with_log_kill("drug.concentration", kd)?,
        c0,
        k,
        &[t],
    )?;
    let emax = EmaxKill::new(1.7, 0.4, 3.0)?;
    Ok(vec![
        CaseRecord::relative(
            TREATMENT_SUITE,
            "KILL-1 log-kill, g = 0, constant C = 2 uM for 5 days, kd = 0.3/(uM day) (Dop853, rtol 1e-12)",
            SRC_LOG_KILL,
            "N(tau)/N0 vs exp(-kd C tau) (dimensionless)",
            (-kd * c * tau).exp(),
            constant.last().copied().unwrap_or(f64::NAN) / v0,
            1e-10,
        ),
        CaseRecord::relative(
            TREATMENT_SUITE,
            "KILL-2 log-kill, g = 0, C(t) = 4 exp(-0.7 t) uM, t = 3 d (Dop853, rtol 1e-12)",
            SRC_LOG_KILL,
            "ln(N(t)/N0) vs -kd AUC(0, t) (dimensionless)",
            -kd * auc,
            (decaying.last().copied().unwrap_or(f64::NAN) / v0).ln(),
            1e-9,
        ),
        CaseRecord::relative(
            TREATMENT_SUITE,
            "KILL-3 Emax at EC50 is Emax/2 (Emax = 1.7/day, EC50 = 0.4 uM, h = 3)",
            SRC_EMAX,
            "E(EC50) [1/day]",
            0.85,
            emax.hazard(0.4),
            1e-12,
        ),
    ])
}

/// Gompertz solution `K exp(ln(v0/K) exp(-r t))` for any sign of `r` (1/day).
fn gompertz_any_rate(r: f64, k: f64, v0: f64, t: f64) -> f64 {
    k * ((v0 / k).ln() * (-r * t).exp()).exp()
}

fn norton_simon() -> Result<Vec<CaseRecord>> {
    let (r, k_cap, v0) = (0.05, 1e10, 1e8);
    let law = Gompertz::new(r, k_cap)?;
    let mut records = Vec::new();
    for (k, c, label) in [(0.5, 1.0, "slowed growth"), (2.0, 1.0, "regression")] {
        let times = [10.0, 20.0];
        let site =
            TumorSite::new("tumor", law, v0)?.with_norton_simon_kill("drug.concentration", k)?;
        let cells = with_drug(site, c, 0.0, &times)?;
        let r_eff = r * (1.0 - k * c);
        for (&t, &v) in times.iter().zip(&cells) {
            records.push(CaseRecord::relative(
                TREATMENT_SUITE,
                format!("NS-1 Norton-Simon on Gompertz growth, k C = {}: {label}, t = {t} d (Dop853, rtol 1e-12)", k * c),
                SRC_NS,
                "V(t) vs Gompertz closed form with r (1 - k C), r = 0.05/day, K = 1e10, V0 = 1e8 [cells]",
                gompertz_any_rate(r_eff, k_cap, v0, t),
                v,
                ODE_TOL,
            ));
        }
    }
    // NS-2: on exponential growth, Norton-Simon is log-kill with kd = k a.
    let (a, k, c, t) = (0.2, 0.5, 1.5, 10.0);
    let exponential = Exponential::new(a)?;
    let ns = TumorSite::new("tumor", exponential, v0)?
        .with_norton_simon_kill("drug.concentration", k)?;
    let log_kill =
        TumorSite::new("tumor", exponential, v0)?.with_log_kill("drug.concentration", k * a)?;
    let expected = v0 * ((a - k * a * c) * t).exp();
    for (site, label) in [(ns, "Norton-Simon"), (log_kill, "log-kill kd = k a")] {
        let v = with_drug(site, c, 0.0, &[t])?;
        records.push(CaseRecord::relative(
            TREATMENT_SUITE,
            format!("NS-2 exponential growth a = 0.2/day, k = 0.5/uM, C = 1.5 uM: {label} (Dop853, rtol 1e-12)"),
            SRC_NS,
            "V(10 d) vs V0 exp(a (1 - k C) t) [cells]",
            expected,
            v.last().copied().unwrap_or(f64::NAN),
            ODE_TOL,
        ));
    }
    // NS-3: with Gompertz growth, smaller tumors lose a larger fraction per day.
    let log_reduction = |v0: f64| -> Result<f64> {
        let site =
            TumorSite::new("tumor", law, v0)?.with_norton_simon_kill("drug.concentration", 0.5)?;
        let treated = with_drug(site, 1.0, 0.0, &[1.0])?;
        let untreated = GrowthLaw::from(law).closed_form(v0, 1.0);
        Ok((untreated / treated.last().copied().unwrap_or(f64::NAN)).ln())
    };
    let ratio = log_reduction(1e6)? / log_reduction(1e9)?;
    records.push(CaseRecord::independent(
        TREATMENT_SUITE,
        "NS-3 Norton-Simon kills a larger fraction of a smaller Gompertzian tumor (r = 0.05/day, K = 1e10, k C = 0.5, 1 day)",
        SRC_NS,
        "ratio of log cell reductions vs untreated, V0 = 1e6 over V0 = 1e9 (dimensionless)",
        ratio,
        "ratio > 1 (log-kill would give 1)",
        ratio > 1.0,
    ));
    Ok(records)
}

fn cure_threshold() -> Result<Vec<CaseRecord>> {
    let law = Gompertz::new(0.05, 1e10)?;
    let (alpha, beta, v0) = (0.5, 0.05, 1e3);
    let site = |threshold: bool| -> Result<TumorSite> {
        let site = TumorSite::new("tumor", law, v0)?.with_radiosensitivity(alpha, beta)?;
        if threshold {
            site.with_cure_threshold(crate::DEFAULT_CURE_THRESHOLD)
        } else {
            Ok(site)
        }
    };
    let times: Vec<f64> = (1..=100).map(|k| f64::from(k) * 10.0).collect();
    let before = GrowthLaw::from(law).closed_form(v0, 1.0);
    let mut records = Vec::new();
    for (dose, threshold) in [(10.0, true), (10.0, false), (8.0, true)] {
        let remnant = before * (-alpha * dose - beta * dose * dose).exp();
        let events = [Event::radiation(1.0, Some("tumor"), dose)];
        let with_radiation = |threshold: bool| -> Result<Vec<f64>> {
            let sub: Box<dyn SubModel> = Box::new(site(threshold)?);
            column_at(vec![sub], &events, "tumor.cells", &times)
        };
        let cells = with_radiation(threshold)?;
        // Regrowth is probed at day 40, midway to the plateau.
        let probe_time = 40.0;
        let probe = times
            .iter()
            .position(|&t| t >= probe_time)
            .and_then(|i| cells.get(i).copied())
            .unwrap_or(f64::NAN);
        if threshold && remnant <= 1.0 {
            let largest = cells.iter().fold(0.0_f64, |m, &v| m.max(v.abs()));
            records.push(CaseRecord::absolute(
                TREATMENT_SUITE,
                format!("CURE-1 one {dose} Gy fraction leaves {remnant:.3} cells (threshold 1 cell): the site is eradicated and stays at exactly 0 for 1000 days"),
                SRC_CURE,
                "largest |cells| from the fraction to day 1000 [cells]",
                0.0,
                largest,
                0.0,
            ));
        } else {
            let id = if threshold { "CURE-3" } else { "CURE-2" };
            let what = if threshold {
                "above the threshold the site regrows by its law"
            } else {
                "without a threshold the same sub-cell remnant regrows (flagship convention)"
            };
            records.push(CaseRecord::relative(
                TREATMENT_SUITE,
                format!("{id} one {dose} Gy fraction leaves {remnant:.3} cells: {what} (Dop853, rtol 1e-12)"),
                SRC_CURE,
                "V(40 d) vs Gompertz closed form from the remnant (r = 0.05/day, K = 1e10) [cells]",
                GrowthLaw::from(law).closed_form(remnant, probe_time - 1.0),
                probe,
                ODE_TOL,
            ));
        }
    }
    records.extend(cure_by_drug()?);
    Ok(records)
}

/// CURE-4: a drug course kills an exponentially growing site far below one cell, then
/// washes out. Without a threshold it regrows as `V0 exp(a t - kd AUC(t))`; with one it
/// never comes back.
fn cure_by_drug() -> Result<Vec<CaseRecord>> {
    let (a, v0, c0, k, kd) = (0.1, 1e3, 10.0, 1.0, 1.5);
    let times: Vec<f64> = (1..=300).map(f64::from).collect();
    let site = |threshold: bool| -> Result<TumorSite> {
        let site = TumorSite::new("tumor", Exponential::new(a)?, v0)?
            .with_log_kill("drug.concentration", kd)?;
        if threshold {
            site.with_cure_threshold(1.0)
        } else {
            Ok(site)
        }
    };
    let free = with_drug(site(false)?, c0, k, &times)?;
    let cured = with_drug(site(true)?, c0, k, &times)?;
    let end = times.last().copied().unwrap_or(f64::NAN);
    let expected = v0 * (a * end - kd * c0 * -(-k * end).exp_m1() / k).exp();
    let first_below = cured.iter().position(|&v| v <= 1.0);
    let after = first_below.map_or(&cured[..0], |i| &cured[i..]);
    let largest_after = after.iter().fold(0.0_f64, |m, &v| m.max(v));
    let holds = first_below.is_some() && largest_after <= 1.0;
    Ok(vec![
        CaseRecord::relative(
            TREATMENT_SUITE,
            "CURE-4a log-kill course to 5e-4 cells then washout, no threshold: the site regrows (Dop853, rtol 1e-12)",
            SRC_LOG_KILL,
            "V(300 d) vs V0 exp(a t - kd AUC), a = 0.1/day, C = 10 exp(-t) uM, kd = 1.5/(uM day) [cells]",
            expected,
            free.last().copied().unwrap_or(f64::NAN),
            ODE_TOL,
        ),
        CaseRecord::independent(
            TREATMENT_SUITE,
            "CURE-4b the same course with a cure threshold of 1 cell: the site never regrows",
            SRC_CURE,
            "largest cell count from the first day at or below 1 cell to day 300 [cells]",
            largest_after,
            "the site falls to <= 1 cell and never exceeds 1 cell afterwards",
            holds,
        ),
    ])
}
