//! The growth-model comparison protocol used in the literature for the Laleh et al. (2022)
//! data (Laleh NG et al., *PLoS Comput Biol* 18(2):e1009822; the "model battle" of
//! TumorGrowth.jl): for every series with at least `min_readings` readings, calibrate each
//! [`GrowthModel`] on all but the last `holdout` readings (times from the first reading),
//! predict the held-out readings and score by their mean absolute error (MAE).
//!
//! Each model is fitted from every start of [`GrowthModel::starts`] and the fit with the
//! smallest training SSE is kept, converged or not (a fit that stops at the evaluation
//! limit keeps its last accepted parameters; such fits are counted separately). A fit
//! *fails* when no start gives a finite fit or the prediction is not finite. Models are compared by a paired bootstrap over the series
//! where every model succeeded: the confidence interval of the mean difference in MAE
//! against the model with the smallest mean MAE on those series.

use crate::error::Result;
use crate::fit::{fit_closed_form, FitOptions};
use crate::models::GrowthModel;
use crate::series::Series;
use crate::stats::bootstrap_mean_ci;
use oncodyn_core::Error as CoreError;
use std::time::Instant;

/// Settings of the comparison.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComparisonOptions {
    /// Series with fewer readings are skipped (6 in the literature).
    pub min_readings: usize,
    /// Readings held out at the end of each series (2 in the literature).
    pub holdout: usize,
    /// Models compared, in report order.
    pub models: Vec<GrowthModel>,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Confidence level of the bootstrap intervals, in `(0, 1)`.
    pub level: f64,
    /// Seed of the bootstrap generator (Xoshiro256++).
    pub seed: u64,
    /// Optimiser settings of every fit.
    pub fit: FitOptions,
}

impl Default for ComparisonOptions {
    /// 6 readings, 2 held out, the six models, 2000 resamples, 95 % intervals, seed 2022,
    /// default fit settings.
    fn default() -> Self {
        Self {
            min_readings: 6,
            holdout: 2,
            models: GrowthModel::ALL.to_vec(),
            resamples: 2000,
            level: 0.95,
            seed: 2022,
            fit: FitOptions::default(),
        }
    }
}

impl ComparisonOptions {
    /// Checks the settings ([`oncodyn_core::Error::InvalidOption`] names the first bad one):
    /// at least one model, no repeated model, `holdout >= 1`, enough training points for
    /// every model's parameters, `resamples >= 1`, `level` in `(0, 1)`, valid fit options.
    pub fn validate(&self) -> Result<()> {
        let invalid = |name, value: usize, reason| -> Result<()> {
            Err(CoreError::InvalidOption {
                name,
                value: value as f64,
                reason,
            }
            .into())
        };
        if self.models.is_empty() {
            return invalid("models", 0, "at least one model is needed");
        }
        for (k, model) in self.models.iter().enumerate() {
            if self.models[..k].contains(model) {
                return invalid("models", k, "a model is listed twice");
            }
        }
        if self.holdout == 0 {
            return invalid("holdout", 0, "must be at least 1");
        }
        let most = self
            .models
            .iter()
            .map(|m| m.spec().len())
            .max()
            .unwrap_or(0);
        if self.min_readings < self.holdout + most {
            return invalid(
                "min_readings",
                self.min_readings,
                "must leave at least as many training points as parameters of every model",
            );
        }
        if self.resamples == 0 {
            return invalid("resamples", 0, "must be at least 1");
        }
        if !(self.level > 0.0 && self.level < 1.0) {
            return Err(CoreError::InvalidOption {
                name: "level",
                value: self.level,
                reason: "must be in (0, 1)",
            }
            .into());
        }
        self.fit.validate()
    }
}

/// The held-out errors of one series.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesResult {
    /// Series name (`Pt_hashID` for the Laleh data).
    pub series: String,
    /// Number of readings.
    pub readings: usize,
    /// Score of each model (options order) on the held-out readings; `None` when the fit
    /// failed.
    pub scores: Vec<Option<HeldOutScore>>,
}

/// Paired bootstrap of the mean MAE difference `model - best`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BootstrapDifference {
    /// Mean difference over the common series.
    pub mean: f64,
    /// Lower end of the percentile interval.
    pub lower: f64,
    /// Upper end of the percentile interval.
    pub upper: f64,
    /// Fraction of resampled means above 0.
    pub fraction_positive: f64,
}

/// Summary of one model.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelSummary {
    /// The model.
    pub model: GrowthModel,
    /// Series where the fit succeeded.
    pub fitted: usize,
    /// Series where the fit failed.
    pub failed: usize,
    /// Series where the selected fit succeeded without converging.
    pub not_converged: usize,
    /// Mean MAE over the series where this model's fit succeeded.
    pub mean_error: Option<f64>,
    /// Median MAE over the same series.
    pub median_error: Option<f64>,
    /// Mean MAE over the series where every model succeeded.
    pub mean_error_common: Option<f64>,
    /// Bootstrap of the difference to the best model (`None` for the best model itself).
    pub difference: Option<BootstrapDifference>,
}

/// The outcome of [`compare`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Comparison {
    /// Settings used.
    pub options: ComparisonOptions,
    /// Number of series given.
    pub n_series: usize,
    /// Per-series errors of the series with at least `min_readings` readings.
    pub series: Vec<SeriesResult>,
    /// Number of series where every model succeeded.
    pub n_common: usize,
    /// Per-model summaries, options order.
    pub summaries: Vec<ModelSummary>,
    /// Model with the smallest mean MAE over the common series.
    pub best: Option<GrowthModel>,
    /// Wall time of fitting, scoring and bootstrapping (seconds, one thread).
    pub wall_time_s: f64,
}

/// The held-out score of one model on one series.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct HeldOutScore {
    /// Mean absolute error on the held-out readings (normalised volume).
    pub mae: f64,
    /// Whether the selected fit converged (otherwise it stopped at the evaluation limit or
    /// on a numerical problem, typically drifting towards a limit of the model such as
    /// Gompertz with `v_inf -> inf`, and its last accepted parameters are used).
    pub converged: bool,
    /// Training sum of squared residuals of the selected fit.
    pub sse: f64,
}

/// Calibrates `model` on all but the last `holdout` readings of `series` (clock from the
/// first reading) and scores the prediction of the held-out readings; `None` when the fit
/// fails (see the module documentation).
pub fn held_out_error(
    model: GrowthModel,
    series: &Series,
    holdout: usize,
    options: &FitOptions,
) -> Option<HeldOutScore> {
    let relative = series.relative_to_first();
    let (training, test) = relative.split_last(holdout)?;
    let mut best: Option<(f64, bool, Vec<f64>)> = None;
    for start in model.starts(&training) {
        let free = model.free_parameters(&start);
        let Ok(fit) = fit_closed_form(&training, &free, |t, p| model.evaluate(p, t), options)
        else {
            continue;
        };
        if fit.sse.is_finite() && best.as_ref().is_none_or(|(sse, _, _)| fit.sse < *sse) {
            best = Some((fit.sse, fit.converged(), fit.values));
        }
    }
    let (sse, converged, params) = best?;
    let total: f64 = test
        .times()
        .iter()
        .zip(test.values())
        .map(|(&t, &v)| (model.evaluate(&params, t) - v).abs())
        .sum();
    let mae = total / test.len() as f64;
    mae.is_finite().then_some(HeldOutScore {
        mae,
        converged,
        sse,
    })
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(0.5 * (sorted[n / 2 - 1] + sorted[n / 2])),
    }
}

/// Runs the protocol on `all` series (see the module documentation).
pub fn compare(all: &[Series], options: &ComparisonOptions) -> Result<Comparison> {
    options.validate()?;
    let clock = Instant::now();
    let series: Vec<SeriesResult> = all
        .iter()
        .filter(|s| s.len() >= options.min_readings)
        .map(|s| SeriesResult {
            series: s.name().into(),
            readings: s.len(),
            scores: options
                .models
                .iter()
                .map(|&m| held_out_error(m, s, options.holdout, &options.fit))
                .collect(),
        })
        .collect();
    let n_models = options.models.len();
    let common: Vec<Vec<f64>> = series
        .iter()
        .filter_map(|s| {
            s.scores
                .iter()
                .map(|e| e.map(|e| e.mae))
                .collect::<Option<Vec<f64>>>()
        })
        .collect();
    let column = |k: usize| -> Vec<f64> { common.iter().map(|row| row[k]).collect() };
    let common_means: Vec<Option<f64>> = (0..n_models).map(|k| mean(&column(k))).collect();
    let best_index = (0..n_models)
        .filter_map(|k| common_means[k].map(|m| (k, m)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k);
    let summaries = (0..n_models)
        .map(|k| {
            let own: Vec<f64> = series
                .iter()
                .filter_map(|s| s.scores[k].map(|e| e.mae))
                .collect();
            let not_converged = series
                .iter()
                .filter(|s| s.scores[k].is_some_and(|e| !e.converged))
                .count();
            let difference = best_index.filter(|&b| b != k).and_then(|b| {
                let diffs: Vec<f64> = common.iter().map(|row| row[k] - row[b]).collect();
                let (lower, upper, fraction_positive) =
                    bootstrap_mean_ci(&diffs, options.resamples, options.level, options.seed)?;
                Some(BootstrapDifference {
                    mean: mean(&diffs)?,
                    lower,
                    upper,
                    fraction_positive,
                })
            });
            ModelSummary {
                model: options.models[k],
                fitted: own.len(),
                failed: series.len() - own.len(),
                not_converged,
                mean_error: mean(&own),
                median_error: median(&own),
                mean_error_common: common_means[k],
                difference,
            }
        })
        .collect();
    Ok(Comparison {
        options: options.clone(),
        n_series: all.len(),
        n_common: common.len(),
        best: best_index.map(|b| options.models[b]),
        summaries,
        series,
        wall_time_s: clock.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_gompertz_data_is_predicted_by_the_gompertz_family() {
        let truth = [2e-4, 5e-4, 0.05];
        let times = [0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0];
        let values: Vec<f64> = times
            .iter()
            .map(|&t| GrowthModel::Gompertz.evaluate(&truth, t))
            .collect();
        let series = Series::new("g", times.to_vec(), values).unwrap();
        let options = FitOptions::default();
        let gompertz = held_out_error(GrowthModel::Gompertz, &series, 2, &options).unwrap();
        assert!(
            gompertz.converged && gompertz.mae < 1e-9 * 5e-4,
            "{gompertz:?}"
        );
        let general = held_out_error(GrowthModel::GeneralizedBertalanffy, &series, 2, &options);
        assert!(general.is_some());
    }

    #[test]
    fn options_are_checked() {
        let mut options = ComparisonOptions {
            min_readings: 5,
            ..ComparisonOptions::default()
        };
        assert!(options.validate().is_err()); // 3 training points, 4 parameters
        options.min_readings = 6;
        options.models = vec![GrowthModel::Gompertz, GrowthModel::Gompertz];
        assert!(options.validate().is_err());
        options.models.clear();
        assert!(compare(&[], &options).is_err());
    }
}
