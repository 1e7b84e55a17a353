//! Suite `immune/kirschner-panetta`, second part: the limit cycle (KP-4), damped
//! equilibria (KP-6, KP-7), the first spike (KP-8), and the adoptive-transfer (KP-9) and
//! IL-2 (KP-10) thresholds.

use super::kirschner_panetta::{model, params, SRC, SUITE};
use super::{maxima, solver_options};
use crate::common::TumorScale;
use oncodyn_core::analysis::{find_equilibria, NewtonOptions, Stability};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Result};

const SRC_FIG: &str = "Caravagna G, d'Onofrio A, Milazzo P, Barbuti R (2010) J Theor Biol 265(3):336-345, Fig. 1 (V = 3.2 mL, c = 0.01)";
/// Volume of the cell-number version of Caravagna et al. (2010), mL.
const VOLUME: f64 = 3.2;

/// KP-6: the equilibrium at c = 0.035.
pub const KP6: [f64; 3] = [18197.76, 21275.21, 10083.50];
/// KP-7: the equilibrium at c = 0.04.
pub const KP7: [f64; 3] = [15570.10, 20802.29, 9773.44];
/// KP-8: first spike at c = 0.01, V = 3.2 (cells, day), and Caravagna's reading of Fig. 1.
pub const KP8: (f64, f64, f64, f64) = (4.468e8, 141.9, 4.5e8, 145.0);
/// KP-10: IL-2 level and source above which effectors grow without bound, as printed
/// (5 significant digits).
pub const KP10: (f64, f64) = (6.3492e6, 6.3492e7);
/// KP-10: the same thresholds in exact arithmetic from the published `mu2 = 0.03`,
/// `g1 = 2e7`, `p1 = 0.1245`, `mu3 = 10`: `mu2 g1/(p1 - mu2)` and `mu3` times it.
pub const KP10_EXACT: (f64, f64) = (
    0.03 * 2e7 / (0.1245 - 0.03),
    10.0 * 0.03 * 2e7 / (0.1245 - 0.03),
);

pub(super) fn limit_cycle(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let horizon = match fidelity {
        Fidelity::Quick => 2500.0,
        Fidelity::Full => 6000.0,
    };
    let src = "Kirschner & Panetta (1998) c = 0.02, T(0) = 1, E(0) = I(0) = 0 (density units), log-T integration, Dop853 rtol 1e-12";
    let m = model(params(0.02)?, TumorScale::Log, [1.0, 0.0, 0.0])?;
    let peaks = maxima(&m, &[0.0, 0.0, 0.0], (0.0, horizon), 0.5, 0)?;
    let mut records = Vec::new();
    let n = peaks.len();
    let converged = n >= 5 && {
        let last: Vec<f64> = peaks[n - 3..].iter().map(|p| p.value).collect();
        let periods: Vec<f64> = peaks[n - 4..]
            .windows(2)
            .map(|w| w[1].time - w[0].time)
            .collect();
        let spread = |v: &[f64]| {
            (v.iter().cloned().fold(f64::MIN, f64::max)
                - v.iter().cloned().fold(f64::MAX, f64::min))
                / v[0].abs()
        };
        spread(&last) < 1e-4 && spread(&periods) < 1e-4
    };
    let property = "cycle converged: last three peak heights and periods agree to rel 1e-4";
    let period = if n >= 2 {
        peaks[n - 1].time - peaks[n - 2].time
    } else {
        f64::NAN
    };
    let first = peaks
        .first()
        .map_or((f64::NAN, f64::NAN), |p| (p.value.exp(), p.time));
    let last = peaks.last().map_or(f64::NAN, |p| p.value.exp());
    records.push(CaseRecord::independent(
        SUITE,
        "KP-4 limit cycle at c = 0.02",
        src,
        "asymptotic period [day]",
        period,
        property,
        converged,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KP-4 limit cycle at c = 0.02",
        src,
        "first T peak (density)",
        first.0,
        property,
        converged,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KP-4 limit cycle at c = 0.02",
        src,
        "time of the first T peak [day]",
        first.1,
        property,
        converged,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KP-4 limit cycle at c = 0.02",
        src,
        "asymptotic T peak (density)",
        last,
        property,
        converged,
    ));
    let m = model(params(0.02)?, TumorScale::Log, [1.0 / VOLUME, 0.0, 0.0])?;
    let y0 = [(1.0 / VOLUME).ln(), 0.0, 0.0];
    let peaks = maxima(&m, &y0, (0.0, 1000.0), 0.5, 0)?;
    let ordered = peaks.windows(2).all(|w| w[1].time > w[0].time) && peaks.len() >= 4;
    for (k, peak) in peaks.iter().take(4).enumerate() {
        let src = "Kirschner & Panetta (1998) c = 0.02, V = 3.2 mL, T(0) = 1 cell (cf. Caravagna et al. 2010 Fig. 1)";
        records.push(CaseRecord::independent(
            SUITE,
            "KP-4 peaks with V = 3.2",
            src,
            format!("peak {} [cells]", k + 1),
            VOLUME * peak.value.exp(),
            "four peaks found in the first 1000 days",
            ordered,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            "KP-4 peaks with V = 3.2",
            src,
            format!("time of peak {} [day]", k + 1),
            peak.time,
            "four peaks found in the first 1000 days",
            ordered,
        ));
    }
    Ok(records)
}

pub(super) fn damped() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (c, expected, case) in [
        (0.035, KP6, "KP-6 equilibrium at c = 0.035"),
        (0.04, KP7, "KP-7 equilibrium at c = 0.04"),
    ] {
        let m = model(params(c)?, TumorScale::Linear, [1.0, 0.0, 0.0])?;
        let found = find_equilibria(
            &m,
            &[expected.iter().map(|v| 1.1 * v).collect()],
            &NewtonOptions::default(),
        )?;
        let Some(e) = found.first() else {
            records.push(CaseRecord::independent(
                SUITE,
                case,
                SRC,
                "equilibrium found",
                f64::NAN,
                "found",
                false,
            ));
            continue;
        };
        for (k, q) in ["T", "E", "I"].iter().enumerate() {
            records.push(CaseRecord::relative(
                SUITE,
                case,
                SRC,
                *q,
                expected[k],
                e.state[k],
                1e-6,
            ));
        }
        let focus = f64::from(u8::from(e.stability == Stability::StableFocus));
        records.push(CaseRecord::absolute(
            SUITE,
            case,
            SRC,
            "stable focus (1 = yes)",
            1.0,
            focus,
            0.0,
        ));
    }
    let m = model(params(0.04)?, TumorScale::Log, [1.0, 0.0, 0.0])?;
    let run = simulate(&m, (0.0, 3000.0), &[], &solver_options(&[3000.0]))?;
    let end = run.final_state().unwrap_or(&[f64::NAN; 3]).to_vec();
    let values = [end[0].exp(), end[1], end[2]];
    for (k, q) in ["T", "E", "I"].iter().enumerate() {
        records.push(CaseRecord::relative(
            SUITE,
            "KP-7 run from T(0) = 1 to day 3000",
            SRC,
            format!("{q} at day 3000"),
            KP7[k],
            values[k],
            5e-4,
        ));
    }
    Ok(records)
}

pub(super) fn first_spike() -> Result<Vec<CaseRecord>> {
    let m = model(params(0.01)?, TumorScale::Log, [1.0 / VOLUME, 0.0, 0.0])?;
    let y0 = [(1.0 / VOLUME).ln(), 0.0, 0.0];
    let peaks = maxima(&m, &y0, (0.0, 300.0), 0.5, 0)?;
    let (value, time) = peaks
        .first()
        .map_or((f64::NAN, f64::NAN), |p| (VOLUME * p.value.exp(), p.time));
    let run = simulate(
        &m,
        (0.0, 300.0),
        &[],
        &solver_options(&[]).output(oncodyn_core::Output::Every(0.5)),
    )?;
    let lowest = run
        .column("kp.log_tumor")?
        .into_iter()
        .fold(f64::INFINITY, f64::min)
        / std::f64::consts::LN_10;
    Ok(vec![
        CaseRecord::relative(
            SUITE,
            "KP-8 first spike at c = 0.01",
            SRC,
            "first spike [cells]",
            KP8.0,
            value,
            1e-3,
        ),
        CaseRecord::relative(
            SUITE,
            "KP-8 first spike at c = 0.01",
            SRC,
            "day of the first spike",
            KP8.1,
            time,
            1e-3,
        ),
        CaseRecord::relative(
            SUITE,
            "KP-8 first spike vs Caravagna Fig. 1",
            SRC_FIG,
            "first spike [cells]",
            KP8.2,
            value,
            5e-2,
        ),
        CaseRecord::absolute(
            SUITE,
            "KP-8 first spike vs Caravagna Fig. 1",
            SRC_FIG,
            "day of the first spike (140-150)",
            KP8.3,
            time,
            5.0,
        ),
        CaseRecord::independent(
            SUITE,
            "KP-8 collapse after the spike",
            SRC_FIG,
            "lowest log10 T (density) before day 300 (log-T integration)",
            lowest,
            "falls below -5 as in Caravagna Fig. 1",
            lowest < -5.0,
        ),
    ])
}

pub(super) fn adoptive_transfer() -> Result<Vec<CaseRecord>> {
    let base = params(0.02)?;
    let threshold = base.s1_clearance_threshold().unwrap_or(f64::NAN);
    let mut holds = true;
    let mut records = Vec::new();
    for factor in [0.999, 1.001] {
        let mut p = base;
        p.s1 = factor * threshold;
        let m = model(p, TumorScale::Log, [1e5, 0.0, 0.0])?;
        let run = simulate(&m, (0.0, 3000.0), &[], &solver_options(&[2000.0, 3000.0]))?;
        let u = run.column("kp.log_tumor")?;
        let slope = (u[1] - u[0]) / 1000.0;
        let eigenvalue = p.r2 - p.a * p.s1 / (p.mu2 * p.g2);
        holds &= (slope > 0.0) == (factor < 1.0);
        records.push(CaseRecord::relative(
            SUITE,
            format!("KP-9 s1 = {factor} x threshold"),
            "tumor eigenvalue r2 - a s1/(mu2 g2) at (0, s1/mu2, 0)",
            "d ln T/dt over days 2000-3000 [1/day] (c = 0.02, T(0) = 1e5)",
            eigenvalue,
            slope,
            1e-6,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("KP-9 s1 = {factor} x threshold"),
            SRC,
            "T at day 3000 (density; log-T integration)",
            u[1].exp(),
            "tumor regrows below the threshold, keeps falling above",
            (slope > 0.0) == (factor < 1.0),
        ));
    }
    records.insert(
        0,
        CaseRecord::independent(
            SUITE,
            "KP-9 adoptive-transfer threshold",
            "tumor eigenvalue at (0, s1/mu2, 0): s1 > r2 mu2 g2/a (Kirschner & Panetta 1998)",
            "critical s1 [cells/day]",
            threshold,
            "simulations confirm: ln T rises just below, falls just above",
            holds,
        ),
    );
    Ok(records)
}

pub(super) fn il2() -> Result<Vec<CaseRecord>> {
    let base = params(0.02)?;
    let (level, source) = base.il2_runaway_threshold().unwrap_or((f64::NAN, f64::NAN));
    let src = "p1 I/(g1 + I) > mu2 (Kirschner & Panetta 1998)";
    // The printed values are 5-digit roundings (6.3492e6 vs 6.349206e6, a relative
    // difference of 1.0000e-6): compare with the exact closed form at rel 1e-6 and with the
    // printed value to half a unit of its last digit.
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            "KP-10 IL-2 runaway threshold",
            src,
            "IL-2 level [IL-2 units] vs mu2 g1/(p1 - mu2)",
            KP10_EXACT.0,
            level,
            1e-6,
        ),
        CaseRecord::relative(
            SUITE,
            "KP-10 IL-2 runaway threshold",
            src,
            "IL-2 source s2 [IL-2 units/day] vs mu3 mu2 g1/(p1 - mu2)",
            KP10_EXACT.1,
            source,
            1e-6,
        ),
        CaseRecord::absolute(
            SUITE,
            "KP-10 IL-2 runaway threshold, printed value",
            src,
            "IL-2 level [IL-2 units] (printed to 5 digits)",
            KP10.0,
            level,
            50.0,
        ),
        CaseRecord::absolute(
            SUITE,
            "KP-10 IL-2 runaway threshold, printed value",
            src,
            "IL-2 source s2 [IL-2 units/day] (printed to 5 digits)",
            KP10.1,
            source,
            500.0,
        ),
    ];
    for factor in [0.99, 1.01] {
        let mut p = base;
        p.s2 = factor * source;
        let m = model(p, TumorScale::Linear, [0.0, 1e4, 0.0])?;
        let run = simulate(&m, (0.0, 2000.0), &[], &solver_options(&[1000.0, 2000.0]))?;
        let e = run.column("kp.effectors")?;
        let rate = (e[1] / e[0]).ln() / 1000.0;
        let expected = -p.tumor_free_effector_decay();
        records.push(CaseRecord::relative(
            SUITE,
            format!("KP-10 s2 = {factor} x threshold, no tumor"),
            src,
            "effector growth rate over days 1000-2000 [1/day]",
            expected,
            rate,
            1e-6,
        ));
    }
    Ok(records)
}
