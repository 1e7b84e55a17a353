//! Trial statistics: binomial proportions with exact intervals, Kaplan–Meier survival with
//! Greenwood variance, and the log-rank test with a hazard ratio. Conventions follow the
//! `lifelines` Python package (Davidson-Pilon C (2019) lifelines: survival analysis in
//! Python. J Open Source Softw 4(40):1317), against which the validation suite
//! `trials/statistics` checks them.
//!
//! Bad input (no observations, a non-finite or negative time, a confidence level outside
//! (0, 1)) is an [`oncodyn_core::Error::InvalidAnalysis`].

mod binomial;
mod km;
mod logrank;

pub use binomial::{clopper_pearson, Proportion};
pub use km::{kaplan_meier, KaplanMeier, KmPoint};
pub use logrank::{chi_square_1_sf, log_rank, LogRank};

use oncodyn_core::{Error, Result};

/// Default confidence level of every interval (95 %).
pub const CONFIDENCE: f64 = 0.95;

/// The two-sided standard-normal quantile `z` with `P(|Z| <= z) = confidence`.
pub fn z_two_sided(confidence: f64) -> Result<f64> {
    use statrs::distribution::{ContinuousCDF, Normal};
    check_confidence(confidence)?;
    Ok(Normal::standard().inverse_cdf(0.5 + confidence / 2.0))
}

pub(crate) fn check_confidence(confidence: f64) -> Result<()> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidAnalysis {
            analysis: "confidence interval",
            reason: format!("the confidence level must be in (0, 1), got {confidence}"),
        })
    }
}

/// Checks survival data: as many event flags as times, every time finite and >= 0.
pub(crate) fn check_survival(analysis: &'static str, times: &[f64], events: &[bool]) -> Result<()> {
    if times.len() != events.len() {
        return Err(Error::InvalidAnalysis {
            analysis,
            reason: format!("{} times but {} event flags", times.len(), events.len()),
        });
    }
    if let Some(t) = times.iter().find(|t| !(t.is_finite() && **t >= 0.0)) {
        return Err(Error::InvalidAnalysis {
            analysis,
            reason: format!("survival times must be finite and non-negative, got {t}"),
        });
    }
    Ok(())
}
