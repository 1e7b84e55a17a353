//! Text renderings of a trial's statistics: the Markdown summary and the Kaplan–Meier
//! table (`km.csv`).

use crate::error::{Error, Result};
use crate::stats::Proportion;
use crate::summary::{Analysis, SurvivalSummary, TrialSummary};
use std::fmt::Write as _;

fn percent(p: &Proportion) -> String {
    format!(
        "{:.1} ({:.1}–{:.1})",
        100.0 * p.estimate,
        100.0 * p.lower,
        100.0 * p.upper
    )
}

/// A p value; values below the smallest normal double are written as `< 1e-300`.
fn p_value(p: f64) -> String {
    if p < 1e-300 {
        "< 1e-300".to_string()
    } else {
        format!("{p:.3e}")
    }
}

fn days(x: Option<f64>) -> String {
    x.map_or_else(|| "NR".to_string(), |d| format!("{d:.0}"))
}

fn survival(s: &SurvivalSummary) -> String {
    format!(
        "{} ({}–{})",
        days(s.median),
        days(s.median_lower),
        days(s.median_upper)
    )
}

/// The Markdown summary: options, a table per arm, the comparisons and the conventions.
pub fn markdown(summary: &TrialSummary) -> String {
    let f = &summary.fingerprint;
    let level = 100.0 * summary.confidence;
    let mut md = String::new();
    let _ = writeln!(md, "# Virtual trial: {}\n", f.scenario);
    let _ = writeln!(
        md,
        "{} patients, seed {}, every arm given to every patient (paired design). Solver rtol \
         {:e}, atol {:e}, endpoint resolution {} day. Scenario digest `{}`, oncodyn-trials {}.\n",
        f.patients, f.seed, f.rtol, f.atol, f.resolution_days, f.scenario_digest, f.version
    );
    let _ = writeln!(md, "## Arms\n");
    let _ = writeln!(
        md,
        "| Arm | Label | N | CR/PR/SD/PD/NE | ORR % ({level:.0}% CI) | DCR % ({level:.0}% CI) | \
         Median PFS, days ({level:.0}% CI) | Median OS, days ({level:.0}% CI) | \
         Grade ≥3 neutropenia % ({level:.0}% CI) | Grade 4 % ({level:.0}% CI) | \
         Mean days grade ≥3 | Median best change % |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for a in &summary.arms {
        let r = &a.responses;
        let (g3, g4, g3_days) = match &a.neutropenia {
            Some(n) => (
                percent(&n.grade3_or_worse),
                percent(&n.grade4),
                format!("{:.1}", n.mean_days_grade3_or_worse),
            ),
            None => ("–".into(), "–".into(), "–".into()),
        };
        let change = a
            .best_change
            .map_or_else(|| "–".to_string(), |c| format!("{:.1}", c.median_pct));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {}/{}/{}/{}/{} | {} | {} | {} | {} | {} | {} | {} | {} |",
            a.arm,
            a.label,
            a.patients,
            r.cr,
            r.pr,
            r.sd,
            r.pd,
            r.ne,
            percent(&a.objective_response),
            percent(&a.disease_control),
            survival(&a.pfs),
            survival(&a.os),
            g3,
            g4,
            g3_days,
            change
        );
    }
    let _ = writeln!(
        md,
        "\n## Comparisons with arm {}\n",
        summary.arms.first().map_or("", |a| a.arm.as_str())
    );
    let _ = writeln!(
        md,
        "| Endpoint | Arm | Observed / expected events | Reference observed / expected | \
         Hazard ratio ({level:.0}% CI) | Log-rank χ² | p |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|---|");
    for c in &summary.comparisons {
        match &c.test {
            Some(t) => {
                let _ = writeln!(
                    md,
                    "| {} | {} vs {} | {:.0} / {:.1} | {:.0} / {:.1} | {:.3} ({:.3}–{:.3}) | {:.3} | {} |",
                    c.endpoint,
                    c.arm,
                    c.reference,
                    t.observed_a,
                    t.expected_a,
                    t.observed_b,
                    t.expected_b,
                    t.hazard_ratio,
                    t.hazard_ratio_lower,
                    t.hazard_ratio_upper,
                    t.chi_square,
                    p_value(t.p_value)
                );
            }
            None => {
                let _ = writeln!(
                    md,
                    "| {} | {} vs {} | – | – | undefined (no comparable events) | – | – |",
                    c.endpoint, c.arm, c.reference
                );
            }
        }
    }
    let _ = writeln!(
        md,
        "\n## Conventions\n\n\
         - Best overall response by RECIST 1.1 without confirmation (Eisenhauer et al. 2009); \
         ORR = (CR + PR) / N and DCR = (CR + PR + SD) / N over all patients, with exact \
         Clopper–Pearson intervals.\n\
         - PFS and OS: Kaplan–Meier with Greenwood variance and log(−log) bands; medians \
         are the first time S ≤ 0.5, NR = not reached.\n\
         - Hazard ratios: exp((O − E)/V) from the log-rank statistics (below 1 favours the \
         arm over the reference); this one-step estimate is biased towards 1 when the ratio \
         is far from 1 or the arms are unbalanced (Berry et al. 1991). The same virtual patients receive every arm, so the \
         log-rank test's independence assumption does not hold: p values are descriptive.\n\
         - Neutropenia: CTCAE v5 grade ≥3 below 1.0 × 10⁹/L, grade 4 below 0.5 × 10⁹/L, \
         incidence = any time below the threshold over the horizon.\n\
         - Best change: lowest percentage change from baseline of the sum of target-lesion \
         diameters over all scans (waterfall)."
    );
    md
}

/// The Kaplan–Meier curves as CSV bytes: `endpoint, arm, time_days, at_risk, events,
/// censored, survival, lower, upper`.
pub fn km_csv(analysis: &Analysis) -> Result<Vec<u8>> {
    let csv_error = |e: csv::Error| Error::Corrupt {
        path: "km.csv".into(),
        reason: e.to_string(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "endpoint",
            "arm",
            "time_days",
            "at_risk",
            "events",
            "censored",
            "survival",
            "lower",
            "upper",
        ])
        .map_err(csv_error)?;
    for (endpoint, curves) in [("PFS", &analysis.pfs), ("OS", &analysis.os)] {
        for (arm, km) in analysis.summary.arms.iter().zip(curves.iter()) {
            for p in &km.points {
                writer
                    .write_record([
                        endpoint.to_string(),
                        arm.arm.clone(),
                        format!("{:?}", p.time),
                        p.at_risk.to_string(),
                        p.events.to_string(),
                        p.censored.to_string(),
                        format!("{:?}", p.survival),
                        format!("{:?}", p.lower),
                        format!("{:?}", p.upper),
                    ])
                    .map_err(csv_error)?;
            }
        }
    }
    writer.into_inner().map_err(|e| Error::Corrupt {
        path: "km.csv".into(),
        reason: e.to_string(),
    })
}
