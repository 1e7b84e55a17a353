//! Output of a [`Comparison`]: a CSV of per-series errors and a Markdown summary, both
//! written atomically with [`oncodyn_core::io::write_atomically`].

use crate::comparison::Comparison;
use crate::error::Result;
use oncodyn_core::io::write_atomically;
use oncodyn_core::Error as CoreError;
use std::fmt::Write as _;
use std::path::Path;

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.4e}"))
}

impl Comparison {
    /// Writes one row per series: `series,readings,<model>…` with the held-out MAE of each
    /// model (empty where the fit failed).
    pub fn write_csv(&self, path: &Path) -> Result<()> {
        let serialize = |e: csv::Error| CoreError::Serialize {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        write_atomically(path, |w| {
            let mut writer = csv::Writer::from_writer(w);
            let mut header = vec!["series".to_string(), "readings".to_string()];
            header.extend(
                self.options
                    .models
                    .iter()
                    .map(|m| format!("mae_{}", m.name())),
            );
            writer.write_record(&header).map_err(serialize)?;
            for row in &self.series {
                let mut record = vec![row.series.clone(), row.readings.to_string()];
                record.extend(
                    row.scores
                        .iter()
                        .map(|e| e.map_or_else(String::new, |e| format!("{:e}", e.mae))),
                );
                writer.write_record(&record).map_err(serialize)?;
            }
            writer.flush().map_err(|source| CoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            Ok(())
        })?;
        Ok(())
    }

    /// The Markdown summary: protocol, per-model table, bootstrap comparison, wall time.
    /// `data` names the data file; `csv_name` the per-series CSV written next to it.
    pub fn markdown(&self, data: &str, csv_name: &str) -> String {
        let o = &self.options;
        let mut text = String::new();
        let level = 100.0 * o.level;
        // Writing to a String cannot fail.
        let _ = writeln!(
            text,
            "# Growth-model comparison on the Laleh et al. (2022) lesion data\n\n\
             Data: Laleh NG, Loeffler CML, Grajek J, et al. (2022) *PLoS Comput Biol* \
             18(2):e1009822, doi:10.1371/journal.pcbi.1009822, as restructured in \
             TumorGrowth.jl (`{data}`): time `T_weeks` (weeks), value `Lesion_normvol` \
             (normalised volume).\n\n\
             Protocol (`oncodyn_calibrate::comparison`): every series with at least {} \
             readings; times measured from the first reading; each model (with `v0` as a \
             parameter) calibrated by Levenberg-Marquardt least squares on all but the last {} \
             readings (multi-start; the fit with the smallest training SSE is kept); the last {} \
             readings predicted and scored by their mean absolute error (MAE, normalised \
             volume). A fit fails when no start gives a finite fit or a prediction is not \
             finite; \"not conv.\" counts successful fits whose optimiser stopped at the \
             evaluation limit (typically drifting to a limit of the model, e.g. Gompertz with \
             `v_inf -> inf`), whose last accepted parameters are used.\n",
            o.min_readings, o.holdout, o.holdout
        );
        let _ = writeln!(
            text,
            "- series in the file: {}\n- series with >= {} readings: {}\n- series where every \
             model succeeded (paired comparison): {}\n- wall time (fitting, scoring, \
             bootstrap; one thread, release build): {:.2} s\n- per-series errors: `{csv_name}`\n",
            self.n_series,
            o.min_readings,
            self.series.len(),
            self.n_common,
            self.wall_time_s
        );
        let best = self.best.map_or("-", |b| b.name());
        let _ = writeln!(
            text,
            "| model | fitted | failed | not conv. | mean MAE | median MAE | mean MAE (common \
             series) | mean MAE - {best} [{level:.0} % CI] | P(diff > 0) |\n\
             |---|---|---|---|---|---|---|---|---|"
        );
        for s in &self.summaries {
            let (diff, positive) = match &s.difference {
                Some(d) => (
                    format!("{:.3e} [{:.3e}, {:.3e}]", d.mean, d.lower, d.upper),
                    format!("{:.3}", d.fraction_positive),
                ),
                None if Some(s.model) == self.best => ("(best)".into(), "-".into()),
                None => ("-".into(), "-".into()),
            };
            let _ = writeln!(
                text,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.model.name(),
                s.fitted,
                s.failed,
                s.not_converged,
                number(s.mean_error),
                number(s.median_error),
                number(s.mean_error_common),
                diff,
                positive
            );
        }
        let _ = writeln!(
            text,
            "\nPaired bootstrap: {} resamples of the common series (Xoshiro256++, seed {}), \
             {level:.0} % percentile interval of the mean MAE difference to the model with the \
             smallest mean MAE on those series; P(diff > 0) is the fraction of resampled means \
             above 0.",
            o.resamples, o.seed
        );
        text
    }

    /// Writes [`Comparison::markdown`] to `path`.
    pub fn write_markdown(&self, path: &Path, data: &str, csv_name: &str) -> Result<()> {
        let text = self.markdown(data, csv_name);
        write_atomically(path, |w| {
            w.write_all(text.as_bytes())
                .map_err(|source| CoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::comparison::{compare, ComparisonOptions};
    use crate::models::GrowthModel;
    use crate::series::Series;

    #[test]
    fn writes_csv_and_markdown() {
        let make = |name: &str, rate: f64| {
            let times: Vec<f64> = (0..7).map(|k| 6.0 * k as f64).collect();
            let values = times.iter().map(|t| 1e-3 * (rate * t).exp()).collect();
            Series::new(name, times, values).unwrap()
        };
        let series = vec![make("a", 0.02), make("b", -0.01), make("c", 0.005)];
        let options = ComparisonOptions {
            models: vec![GrowthModel::Exponential, GrowthModel::Gompertz],
            resamples: 50,
            ..ComparisonOptions::default()
        };
        let comparison = compare(&series, &options).unwrap();
        assert_eq!(comparison.series.len(), 3);
        assert_eq!(comparison.best, Some(GrowthModel::Exponential));
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("errors.csv");
        comparison.write_csv(&csv).unwrap();
        let text = std::fs::read_to_string(&csv).unwrap();
        assert!(text.starts_with("series,readings,mae_exponential,mae_gompertz\n"));
        assert_eq!(text.lines().count(), 4);
        let md = dir.path().join("summary.md");
        comparison
            .write_markdown(&md, "data.csv", "errors.csv")
            .unwrap();
        let summary = std::fs::read_to_string(&md).unwrap();
        assert!(summary.contains("| exponential |") && summary.contains("(best)"));
    }
}
