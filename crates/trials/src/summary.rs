//! Trial statistics per arm and between arms, from the patient records: response rates,
//! Kaplan–Meier PFS and OS, log-rank comparisons with the first arm (the reference),
//! neutropenia incidence and duration, and the best change of the target-lesion sum.
//!
//! Every arm is given to every virtual patient (paired design). The log-rank test assumes
//! independent groups, so between-arm p values and intervals of a paired virtual trial
//! are descriptive: they are what a parallel-group trial of this size would report.

use crate::error::Result;
use crate::options::Fingerprint;
use crate::record::ArmOutcome;
use crate::run::TrialOutput;
use crate::stats::{
    clopper_pearson, kaplan_meier, log_rank, KaplanMeier, LogRank, Proportion, CONFIDENCE,
};
use oncodyn_scenario::endpoints::Response;

/// Counts of best overall response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ResponseCounts {
    /// Complete responses.
    pub cr: usize,
    /// Partial responses.
    pub pr: usize,
    /// Stable disease.
    pub sd: usize,
    /// Progressive disease.
    pub pd: usize,
    /// Not evaluable (died before the first scan).
    pub ne: usize,
}

/// Survival endpoint summary (days).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurvivalSummary {
    /// Events.
    pub events: usize,
    /// Censored patients.
    pub censored: usize,
    /// Kaplan–Meier median (days; `None`: not reached).
    pub median: Option<f64>,
    /// Lower confidence limit of the median (days).
    pub median_lower: Option<f64>,
    /// Upper confidence limit of the median (days; `None`: not reached).
    pub median_upper: Option<f64>,
}

/// Neutropenia (CTCAE v5 grades of the absolute neutrophil count).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NeutropeniaSummary {
    /// Patients with any time below 1.0 × 10^9/L (grade >= 3).
    pub grade3_or_worse: Proportion,
    /// Patients with any time below 0.5 × 10^9/L (grade 4).
    pub grade4: Proportion,
    /// Mean days below 1.0 × 10^9/L over all patients.
    pub mean_days_grade3_or_worse: f64,
    /// Mean days below 0.5 × 10^9/L over all patients.
    pub mean_days_grade4: f64,
    /// Median days below 1.0 × 10^9/L among patients with any (`None`: nobody).
    pub median_days_grade3_or_worse_if_any: Option<f64>,
    /// Median over patients of the lowest per-cycle nadir (10^9/L).
    pub median_lowest_nadir: Option<f64>,
}

/// Best percentage change of the target-lesion sum (waterfall).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChangeSummary {
    /// Patients with a value (target lesions and at least one scan).
    pub evaluable: usize,
    /// Median (%).
    pub median_pct: f64,
    /// Smallest (%, the deepest shrinkage).
    pub min_pct: f64,
    /// Largest (%).
    pub max_pct: f64,
}

/// Everything reported for one arm.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArmSummary {
    /// Arm name.
    pub arm: String,
    /// Arm label.
    pub label: String,
    /// Patients.
    pub patients: usize,
    /// Best overall responses.
    pub responses: ResponseCounts,
    /// Objective response rate: CR + PR over all patients.
    pub objective_response: Proportion,
    /// Disease control rate: CR + PR + SD over all patients.
    pub disease_control: Proportion,
    /// Progression-free survival.
    pub pfs: SurvivalSummary,
    /// Overall survival.
    pub os: SurvivalSummary,
    /// Neutropenia (`None` without a neutrophil model).
    pub neutropenia: Option<NeutropeniaSummary>,
    /// Best change of the target sum (`None` if no patient has one).
    pub best_change: Option<ChangeSummary>,
}

/// A log-rank comparison of an arm with the reference arm.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    /// `PFS` or `OS`.
    pub endpoint: String,
    /// Compared arm (group A of the test: hazard ratio of this arm).
    pub arm: String,
    /// Reference arm (group B).
    pub reference: String,
    /// The test (`None`: undefined, e.g. no events).
    pub test: Option<LogRank>,
}

/// The summary written to `summary.json` and `summary.md`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrialSummary {
    /// What the results depend on.
    pub fingerprint: Fingerprint,
    /// Confidence level of every interval.
    pub confidence: f64,
    /// Per arm, in scenario order.
    pub arms: Vec<ArmSummary>,
    /// Every other arm against the first, PFS then OS.
    pub comparisons: Vec<Comparison>,
}

/// The summary with the Kaplan–Meier curves it came from (one per arm).
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The summary.
    pub summary: TrialSummary,
    /// PFS curves, per arm.
    pub pfs: Vec<KaplanMeier>,
    /// OS curves, per arm.
    pub os: Vec<KaplanMeier>,
}

/// Median of `values` (mean of the two middle ones for an even count; `None` if empty).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(0.5 * (sorted[n / 2 - 1] + sorted[n / 2])),
    }
}

/// The statistics of a complete trial output.
///
/// # Errors
/// [`oncodyn_core::Error::InvalidAnalysis`] wrapped in [`crate::Error::Model`] if the
/// output has no patient.
pub fn analyse(output: &TrialOutput) -> Result<Analysis> {
    let mut arms = Vec::new();
    let (mut pfs_curves, mut os_curves) = (Vec::new(), Vec::new());
    let mut survival_data = Vec::new();
    for (k, info) in output.arms.iter().enumerate() {
        let outcomes: Vec<&ArmOutcome> = output
            .records
            .iter()
            .filter_map(|r| r.arms.get(k))
            .collect();
        let n = outcomes.len();
        let mut responses = ResponseCounts::default();
        for o in &outcomes {
            match o.best_overall_response {
                Response::CR => responses.cr += 1,
                Response::PR => responses.pr += 1,
                Response::SD => responses.sd += 1,
                Response::PD => responses.pd += 1,
                Response::NE => responses.ne += 1,
            }
        }
        let pfs_t: Vec<f64> = outcomes.iter().map(|o| o.pfs_days).collect();
        let pfs_e: Vec<bool> = outcomes.iter().map(|o| o.pfs_event).collect();
        let os_t: Vec<f64> = outcomes.iter().map(|o| o.os_days).collect();
        let os_e: Vec<bool> = outcomes.iter().map(|o| o.os_event).collect();
        let pfs = kaplan_meier(&pfs_t, &pfs_e, CONFIDENCE)?;
        let os = kaplan_meier(&os_t, &os_e, CONFIDENCE)?;
        arms.push(ArmSummary {
            arm: info.name.clone(),
            label: info.label.clone(),
            patients: n,
            responses,
            objective_response: clopper_pearson(responses.cr + responses.pr, n, CONFIDENCE)?,
            disease_control: clopper_pearson(
                responses.cr + responses.pr + responses.sd,
                n,
                CONFIDENCE,
            )?,
            pfs: survival_summary(&pfs),
            os: survival_summary(&os),
            neutropenia: neutropenia(&outcomes)?,
            best_change: best_change(&outcomes),
        });
        pfs_curves.push(pfs);
        os_curves.push(os);
        survival_data.push([(pfs_t, pfs_e), (os_t, os_e)]);
    }
    let mut comparisons = Vec::new();
    for (endpoint_index, endpoint) in ["PFS", "OS"].into_iter().enumerate() {
        let Some(reference) = survival_data.first() else {
            break;
        };
        let (ref_t, ref_e) = &reference[endpoint_index];
        for (k, data) in survival_data.iter().enumerate().skip(1) {
            let (t, e) = &data[endpoint_index];
            comparisons.push(Comparison {
                endpoint: endpoint.to_string(),
                arm: output.arms[k].name.clone(),
                reference: output.arms[0].name.clone(),
                test: log_rank(t, e, ref_t, ref_e, CONFIDENCE)?,
            });
        }
    }
    Ok(Analysis {
        summary: TrialSummary {
            fingerprint: output.fingerprint.clone(),
            confidence: CONFIDENCE,
            arms,
            comparisons,
        },
        pfs: pfs_curves,
        os: os_curves,
    })
}

fn survival_summary(km: &KaplanMeier) -> SurvivalSummary {
    let events = km.events();
    let (median_lower, median_upper) = km.median_interval();
    SurvivalSummary {
        events,
        censored: km.subjects - events,
        median: km.median(),
        median_lower,
        median_upper,
    }
}

fn neutropenia(outcomes: &[&ArmOutcome]) -> Result<Option<NeutropeniaSummary>> {
    let g3: Option<Vec<f64>> = outcomes.iter().map(|o| o.days_grade3_or_worse).collect();
    let g4: Option<Vec<f64>> = outcomes.iter().map(|o| o.days_grade4).collect();
    let (Some(g3), Some(g4)) = (g3, g4) else {
        return Ok(None);
    };
    let n = outcomes.len();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let affected: Vec<f64> = g3.iter().copied().filter(|&d| d > 0.0).collect();
    let nadirs: Vec<f64> = outcomes.iter().filter_map(|o| o.lowest_nadir).collect();
    Ok(Some(NeutropeniaSummary {
        grade3_or_worse: clopper_pearson(affected.len(), n, CONFIDENCE)?,
        grade4: clopper_pearson(g4.iter().filter(|&&d| d > 0.0).count(), n, CONFIDENCE)?,
        mean_days_grade3_or_worse: mean(&g3),
        mean_days_grade4: mean(&g4),
        median_days_grade3_or_worse_if_any: median(&affected),
        median_lowest_nadir: median(&nadirs),
    }))
}

fn best_change(outcomes: &[&ArmOutcome]) -> Option<ChangeSummary> {
    let values: Vec<f64> = outcomes.iter().filter_map(|o| o.best_change_pct).collect();
    Some(ChangeSummary {
        evaluable: values.len(),
        median_pct: median(&values)?,
        min_pct: values.iter().copied().fold(f64::INFINITY, f64::min),
        max_pct: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    })
}
