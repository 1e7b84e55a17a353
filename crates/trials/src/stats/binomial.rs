//! Proportions (response rates, toxicity incidence) with the exact Clopper–Pearson
//! interval (Clopper CJ, Pearson ES (1934) The use of confidence or fiducial limits
//! illustrated in the case of the binomial. Biometrika 26(4):404-413), computed from Beta
//! quantiles: lower `B(a/2; x, n-x+1)`, upper `B(1-a/2; x+1, n-x)`, with 0 and 1 at the
//! ends (`x = 0`, `x = n`).

use super::check_confidence;
use oncodyn_core::{Error, Result};
use statrs::distribution::{Beta, ContinuousCDF};

/// A proportion `successes / trials` with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Proportion {
    /// Number of successes.
    pub successes: usize,
    /// Number of trials (patients).
    pub trials: usize,
    /// `successes / trials`.
    pub estimate: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
}

/// The Clopper–Pearson interval of `successes` out of `trials` at `confidence` (e.g. 0.95).
///
/// ```
/// use oncodyn_trials::stats::clopper_pearson;
/// // No response in 10 patients: upper limit 1 - 0.025^(1/10).
/// let p = clopper_pearson(0, 10, 0.95)?;
/// assert!((p.upper - (1.0 - 0.025f64.powf(0.1))).abs() < 1e-10);
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
pub fn clopper_pearson(successes: usize, trials: usize, confidence: f64) -> Result<Proportion> {
    check_confidence(confidence)?;
    if trials == 0 || successes > trials {
        return Err(Error::InvalidAnalysis {
            analysis: "binomial proportion",
            reason: format!("{successes} successes out of {trials} trials"),
        });
    }
    let alpha = 1.0 - confidence;
    let (x, n) = (successes as f64, trials as f64);
    let beta = |a: f64, b: f64| {
        Beta::new(a, b).map_err(|e| Error::InvalidAnalysis {
            analysis: "binomial proportion",
            reason: e.to_string(),
        })
    };
    let lower = if successes == 0 {
        0.0
    } else {
        beta(x, n - x + 1.0)?.inverse_cdf(alpha / 2.0)
    };
    let upper = if successes == trials {
        1.0
    } else {
        beta(x + 1.0, n - x)?.inverse_cdf(1.0 - alpha / 2.0)
    };
    Ok(Proportion {
        successes,
        trials,
        estimate: x / n,
        lower,
        upper,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn all_successes_have_a_closed_form_lower_limit() {
        let p = clopper_pearson(10, 10, 0.95).unwrap();
        assert_relative_eq!(p.lower, 0.025f64.powf(0.1), max_relative = 1e-10);
        assert_relative_eq!(p.upper, 1.0);
    }

    #[test]
    fn limits_solve_the_binomial_tail_equations() {
        // P(X >= 7 | n = 20, p_lower) = 0.025 and P(X <= 7 | n = 20, p_upper) = 0.025,
        // summed term by term (independent of the Beta quantile route).
        let p = clopper_pearson(7, 20, 0.95).unwrap();
        let pmf = |k: u64, q: f64| {
            let choose = (1..=k).fold(1.0, |c, j| c * (20 - k + j) as f64 / j as f64);
            choose * q.powi(k as i32) * (1.0 - q).powi(20 - k as i32)
        };
        let upper_tail: f64 = (7..=20).map(|k| pmf(k, p.lower)).sum();
        let lower_tail: f64 = (0..=7).map(|k| pmf(k, p.upper)).sum();
        assert_relative_eq!(upper_tail, 0.025, max_relative = 1e-8);
        assert_relative_eq!(lower_tail, 0.025, max_relative = 1e-8);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            clopper_pearson(1, 0, 0.95),
            Err(Error::InvalidAnalysis { .. })
        ));
        assert!(matches!(
            clopper_pearson(3, 2, 0.95),
            Err(Error::InvalidAnalysis { .. })
        ));
        assert!(matches!(
            clopper_pearson(1, 2, 1.0),
            Err(Error::InvalidAnalysis { .. })
        ));
    }
}
