//! The log-rank test of two survival distributions (Mantel N (1966) Evaluation of survival
//! data and two new rank order statistics arising in its consideration. Cancer Chemother
//! Rep 50(3):163-170; Peto R, Peto J (1972) Asymptotically efficient rank invariant test
//! procedures. J R Stat Soc A 135(2):185-207) and the hazard ratio estimate
//! `exp((O - E) / V)` with interval `exp((O - E)/V ± z / sqrt V)` (the "Peto" one-step
//! estimate, Berry G, Kitchin RM, Mock PA (1991) Stat Med 10(5):749-755):
//!
//! ```text
//! at each distinct event time t_j:  n = n_A + n_B at risk, d = d_A + d_B events
//! E_A += d n_A / n        V += d (n - d) n_A n_B / (n² (n - 1))
//! chi² = (O_A - E_A)² / V  on 1 degree of freedom
//! ```

use super::{check_confidence, check_survival, z_two_sided};
use oncodyn_core::Result;
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// Result of a log-rank comparison of group A against group B.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LogRank {
    /// Events observed in A.
    pub observed_a: f64,
    /// Events expected in A under equal hazards.
    pub expected_a: f64,
    /// Events observed in B.
    pub observed_b: f64,
    /// Events expected in B under equal hazards.
    pub expected_b: f64,
    /// Hypergeometric variance of `O_A - E_A`.
    pub variance: f64,
    /// Test statistic (chi-square, 1 degree of freedom).
    pub chi_square: f64,
    /// Two-sided p value.
    pub p_value: f64,
    /// Hazard ratio of A relative to B, `exp((O_A - E_A) / V)`.
    pub hazard_ratio: f64,
    /// Lower confidence limit of the hazard ratio.
    pub hazard_ratio_lower: f64,
    /// Upper confidence limit of the hazard ratio.
    pub hazard_ratio_upper: f64,
}

/// The upper tail `P(X > x)` of the chi-square distribution with 1 degree of freedom.
pub fn chi_square_1_sf(x: f64) -> Result<f64> {
    let chi = ChiSquared::new(1.0).map_err(|e| oncodyn_core::Error::InvalidAnalysis {
        analysis: "log-rank test",
        reason: e.to_string(),
    })?;
    Ok(chi.sf(x.max(0.0)))
}

/// The log-rank test of group A (`times_a`, `events_a`) against group B, with a hazard
/// ratio interval at `confidence`. `Ok(None)` when the statistic is undefined (no events,
/// or no event time with both groups at risk: `V = 0`).
///
/// ```
/// use oncodyn_trials::stats::log_rank;
/// // A: deaths at 1 and 3; B: deaths at 2 and 4. O_A - E_A = 2/3, V = 13/18.
/// let test = log_rank(&[1.0, 3.0], &[true, true], &[2.0, 4.0], &[true, true], 0.95)?
///     .ok_or("no event time with both groups at risk")?;
/// assert!((test.chi_square - 8.0 / 13.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn log_rank(
    times_a: &[f64],
    events_a: &[bool],
    times_b: &[f64],
    events_b: &[bool],
    confidence: f64,
) -> Result<Option<LogRank>> {
    check_confidence(confidence)?;
    check_survival("log-rank test", times_a, events_a)?;
    check_survival("log-rank test", times_b, events_b)?;
    let z = z_two_sided(confidence)?;
    // (time, group B?, event?) sorted by time.
    let mut all: Vec<(f64, bool, bool)> = times_a
        .iter()
        .zip(events_a)
        .map(|(&t, &e)| (t, false, e))
        .chain(times_b.iter().zip(events_b).map(|(&t, &e)| (t, true, e)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut at_risk_a, mut at_risk_b) = (times_a.len() as f64, times_b.len() as f64);
    let (mut observed_a, mut observed_b, mut expected_a, mut variance) = (0.0, 0.0, 0.0, 0.0);
    let mut k = 0;
    while k < all.len() {
        let time = all[k].0;
        let (mut d_a, mut d_b, mut left_a, mut left_b) = (0.0, 0.0, 0.0, 0.0);
        while k < all.len() && all[k].0.total_cmp(&time).is_eq() {
            let (_, in_b, event) = all[k];
            match (in_b, event) {
                (false, true) => d_a += 1.0,
                (true, true) => d_b += 1.0,
                _ => {}
            }
            if in_b {
                left_b += 1.0;
            } else {
                left_a += 1.0;
            }
            k += 1;
        }
        let (n, d) = (at_risk_a + at_risk_b, d_a + d_b);
        if d > 0.0 {
            expected_a += d * at_risk_a / n;
            if n > 1.0 {
                variance += d * (n - d) * at_risk_a * at_risk_b / (n * n * (n - 1.0));
            }
        }
        observed_a += d_a;
        observed_b += d_b;
        at_risk_a -= left_a;
        at_risk_b -= left_b;
    }
    if variance <= 0.0 {
        return Ok(None);
    }
    let expected_b = observed_a + observed_b - expected_a;
    let excess = observed_a - expected_a;
    let chi_square = excess * excess / variance;
    let log_hr = excess / variance;
    let half_width = z / variance.sqrt();
    Ok(Some(LogRank {
        observed_a,
        expected_a,
        observed_b,
        expected_b,
        variance,
        chi_square,
        p_value: chi_square_1_sf(chi_square)?,
        hazard_ratio: log_hr.exp(),
        hazard_ratio_lower: (log_hr - half_width).exp(),
        hazard_ratio_upper: (log_hr + half_width).exp(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn hand_computed_two_by_two() {
        // t=1: n 4 (2/2), d 1 in A: E 1/2, V 1/4. t=2: n 3 (1/2), d 1 in B: E 1/3,
        // V 2/9. t=3: n 2 (1/1), d 1 in A: E 1/2, V 1/4. t=4: only B at risk: E 0, V 0.
        let t = log_rank(&[1.0, 3.0], &[true, true], &[2.0, 4.0], &[true, true], 0.95)
            .unwrap()
            .unwrap();
        assert_relative_eq!(t.expected_a, 4.0 / 3.0, max_relative = 1e-14);
        assert_relative_eq!(t.variance, 13.0 / 18.0, max_relative = 1e-14);
        assert_relative_eq!(t.chi_square, 8.0 / 13.0, max_relative = 1e-14);
        assert_relative_eq!(t.expected_b, 8.0 / 3.0, max_relative = 1e-14);
        assert_relative_eq!(
            t.hazard_ratio,
            ((2.0f64 / 3.0) / (13.0 / 18.0)).exp(),
            max_relative = 1e-14
        );
    }

    #[test]
    fn the_five_percent_critical_value() {
        // chi²(1) critical value at 5 %: 3.841459 (Fisher & Yates tables).
        assert_relative_eq!(
            chi_square_1_sf(3.841459).unwrap(),
            0.05,
            max_relative = 1e-6
        );
    }

    #[test]
    fn identical_groups_are_rejected_at_about_the_nominal_level() {
        // 400 simulated trials of two groups of 40 drawn from the same exponential
        // survival (mean 10) with uniform censoring on [0, 30]; fixed seed.
        use rand::RngExt;
        use statrs::distribution::{Binomial, DiscreteCDF};
        let repetitions = 400;
        let mut rejections = 0;
        for rep in 0..repetitions {
            let mut rng = crate::rng::patient_rng(2026, rep);
            let mut group = || {
                let (mut t, mut e) = (Vec::new(), Vec::new());
                for _ in 0..40 {
                    let death = -10.0 * (1.0 - rng.random::<f64>()).ln();
                    let censor = 30.0 * rng.random::<f64>();
                    t.push(death.min(censor));
                    e.push(death <= censor);
                }
                (t, e)
            };
            let (ta, ea) = group();
            let (tb, eb) = group();
            let test = log_rank(&ta, &ea, &tb, &eb, 0.95).unwrap().unwrap();
            if test.p_value < 0.05 {
                rejections += 1;
            }
        }
        // At most the 99.9th percentile of Binomial(400, 0.05).
        let null = Binomial::new(0.05, repetitions as u64).unwrap();
        let limit = (0..=repetitions as u64)
            .find(|&k| null.cdf(k) >= 0.999)
            .unwrap();
        assert!(
            rejections as u64 <= limit,
            "{rejections} rejections > {limit}"
        );
        assert!(
            rejections > 0,
            "a test that never rejects has no power either"
        );
    }

    #[test]
    fn no_events_has_no_statistic() {
        let none = log_rank(&[1.0], &[false], &[2.0], &[false], 0.95).unwrap();
        assert!(none.is_none());
    }
}
