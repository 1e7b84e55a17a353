//! RECIST 1.1 on simulated lesions: diameters from burden, per-scan responses, best overall
//! response and progression.

use std::f64::consts::PI;

/// Cell volume used to turn burden into lesion volume: 1e-9 cm³ per cell (10^9 cells per
/// cm³, the usual convention).
pub const CM3_PER_CELL: f64 = 1e-9;

/// Diameter (mm) of a spherical lesion of `cells` cells: `10 (6 V / pi)^(1/3)` with
/// `V = cells × 1e-9` cm³. Non-positive burdens give 0 mm.
pub fn diameter_mm(cells: f64) -> f64 {
    if cells <= 0.0 || cells.is_nan() {
        return 0.0;
    }
    10.0 * (6.0 * cells * CM3_PER_CELL / PI).cbrt()
}

/// Response category of one scan or of a patient, best first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Response {
    /// Complete response: every lesion has disappeared.
    CR,
    /// Partial response: target sum at most 70 % of baseline.
    PR,
    /// Stable disease: neither PR nor PD.
    SD,
    /// Progressive disease.
    PD,
    /// Not evaluable (died before the first scan).
    NE,
}

/// Thresholds of RECIST 1.1 as applied by the flagship scenario. Lengths in mm.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecistRules {
    /// A site at least this large at baseline is a target lesion (10 mm).
    pub target_min_mm: f64,
    /// A lesion below this size has disappeared (5 mm, imaging detection limit).
    pub disappeared_below_mm: f64,
    /// A non-target site reaching this size is a new lesion (10 mm).
    pub new_lesion_mm: f64,
    /// PD: sum at least this fraction of the smallest earlier sum (1.2).
    pub progression_ratio: f64,
    /// PD: and at least this many mm above it (5 mm).
    pub progression_min_increase_mm: f64,
    /// PR: sum at most this fraction of baseline (0.7).
    pub partial_response_ratio: f64,
}

impl Default for RecistRules {
    /// RECIST 1.1 (Eisenhauer et al. 2009): 10 mm targets, PD at +20 % and +5 mm, PR at -30 %;
    /// 5 mm detection limit (flagship scenario).
    fn default() -> Self {
        Self {
            target_min_mm: 10.0,
            disappeared_below_mm: 5.0,
            new_lesion_mm: 10.0,
            progression_ratio: 1.2,
            progression_min_increase_mm: 5.0,
            partial_response_ratio: 0.7,
        }
    }
}

/// The evaluation of one scan.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScanResult {
    /// Scan day.
    pub day: f64,
    /// Diameter of every site (mm), in the order of the baseline.
    pub diameters_mm: Vec<f64>,
    /// Sum of target diameters (mm); disappeared targets count 0.
    pub target_sum_mm: f64,
    /// Smallest target sum over the baseline and earlier scans (mm).
    pub smallest_earlier_sum_mm: f64,
    /// Whether a non-target site reached the new-lesion size.
    pub new_lesion: bool,
    /// Response at this scan.
    pub response: Response,
}

/// RECIST outcome of one patient.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecistOutcome {
    /// Baseline diameters (mm).
    pub baseline_mm: Vec<f64>,
    /// Which sites are target lesions.
    pub targets: Vec<bool>,
    /// Scans that took place (before death).
    pub scans: Vec<ScanResult>,
    /// Best response before the first PD (PD if the first scan is PD; NE without scans).
    pub best_overall_response: Response,
    /// Day of the first PD scan, if any.
    pub progression_day: Option<f64>,
}

/// Evaluates RECIST 1.1 for sites with `baseline_cells` at day 0 and the burdens at each
/// scan (`(day, cells per site)`, sorted by day). Scans on or after `death_day` do not take
/// place. Without target lesions the sum is 0 and only new lesions or complete
/// disappearance change the response from SD.
pub fn evaluate_recist(
    baseline_cells: &[f64],
    scans: &[(f64, Vec<f64>)],
    death_day: Option<f64>,
    rules: &RecistRules,
) -> RecistOutcome {
    let baseline_mm: Vec<f64> = baseline_cells.iter().map(|&c| diameter_mm(c)).collect();
    let targets: Vec<bool> = baseline_mm
        .iter()
        .map(|&d| d >= rules.target_min_mm)
        .collect();
    let target_sum = |diameters: &[f64]| -> f64 {
        diameters
            .iter()
            .zip(&targets)
            .filter(|(d, is_target)| **is_target && **d >= rules.disappeared_below_mm)
            .map(|(d, _)| *d)
            .sum()
    };
    let baseline_sum = target_sum(&baseline_mm);
    let mut smallest = baseline_sum;
    let mut results = Vec::new();
    for (day, cells) in scans {
        if death_day.is_some_and(|death| *day >= death) {
            break;
        }
        let diameters: Vec<f64> = cells.iter().map(|&c| diameter_mm(c)).collect();
        let sum = target_sum(&diameters);
        let new_lesion = diameters
            .iter()
            .zip(&targets)
            .any(|(d, is_target)| !is_target && *d >= rules.new_lesion_mm);
        let all_gone = diameters.iter().all(|&d| d < rules.disappeared_below_mm);
        let progression = new_lesion
            || (sum >= rules.progression_ratio * smallest
                && sum - smallest >= rules.progression_min_increase_mm);
        let response = if progression {
            Response::PD
        } else if all_gone {
            Response::CR
        } else if baseline_sum > 0.0 && sum <= rules.partial_response_ratio * baseline_sum {
            Response::PR
        } else {
            Response::SD
        };
        results.push(ScanResult {
            day: *day,
            diameters_mm: diameters,
            target_sum_mm: sum,
            smallest_earlier_sum_mm: smallest,
            new_lesion,
            response,
        });
        smallest = smallest.min(sum);
    }
    let progression_day = results
        .iter()
        .find(|s| s.response == Response::PD)
        .map(|s| s.day);
    let best_overall_response = results
        .iter()
        .take_while(|s| s.response != Response::PD)
        .map(|s| s.response)
        .min()
        .unwrap_or(if results.is_empty() {
            Response::NE
        } else {
            Response::PD
        });
    RecistOutcome {
        baseline_mm,
        targets,
        scans: results,
        best_overall_response,
        progression_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn diameters_match_the_flagship_baseline() {
        // Flagship reference: P 26.7301 mm, L 5.7588 mm, H 2.6730 mm at day 0.
        assert_relative_eq!(diameter_mm(1e10), 26.7301, max_relative = 2e-6);
        assert_relative_eq!(diameter_mm(1e8), 5.7588, max_relative = 2e-5);
        assert_relative_eq!(diameter_mm(1e7), 2.6730, max_relative = 2e-5);
        assert_relative_eq!(diameter_mm(-1.0), 0.0);
    }

    #[test]
    fn first_scan_pd_gives_pd_and_no_scan_gives_ne() {
        let rules = RecistRules::default();
        let grow = evaluate_recist(&[1e10], &[(42.0, vec![3e10])], None, &rules);
        assert_eq!(grow.best_overall_response, Response::PD);
        assert_eq!(grow.progression_day, Some(42.0));
        let dead = evaluate_recist(&[1e10], &[(42.0, vec![1e10])], Some(30.0), &rules);
        assert_eq!(dead.best_overall_response, Response::NE);
        assert!(dead.scans.is_empty());
    }

    #[test]
    fn new_lesion_is_progression_and_disappearance_is_complete_response() {
        let rules = RecistRules::default();
        // Non-target liver grows from 2.7 mm to >= 10 mm: PD by new lesion.
        let new = evaluate_recist(&[1e10, 1e7], &[(42.0, vec![5e9, 1e9])], None, &rules);
        assert!(new.scans[0].new_lesion);
        assert_eq!(new.scans[0].response, Response::PD);
        // Everything below 5 mm (< ~6.5e7 cells): CR.
        let gone = evaluate_recist(&[1e10, 1e7], &[(42.0, vec![1e6, 1e5])], None, &rules);
        assert_eq!(gone.best_overall_response, Response::CR);
        assert_relative_eq!(gone.scans[0].target_sum_mm, 0.0);
    }

    #[test]
    fn partial_response_needs_thirty_percent_shrinkage() {
        let rules = RecistRules::default();
        // 0.7^3 of the volume gives 0.7 of the diameter: PR at the boundary.
        let pr = evaluate_recist(
            &[1e10],
            &[(42.0, vec![1e10 * 0.69f64.powi(3)])],
            None,
            &rules,
        );
        assert_eq!(pr.best_overall_response, Response::PR);
        let sd = evaluate_recist(
            &[1e10],
            &[(42.0, vec![1e10 * 0.71f64.powi(3)])],
            None,
            &rules,
        );
        assert_eq!(sd.best_overall_response, Response::SD);
    }
}
