//! [`Series`]: a named, validated time series (times non-decreasing, every number finite).

use crate::error::{Error, Result};

/// A named time series to calibrate against: `times` (any time unit, the model's; the
/// Laleh data use weeks) and observed `values` (the observed quantity's unit).
///
/// Guarantees: as many times as values, every number finite, times non-decreasing
/// (repeated times are allowed: two readings at one time are two data points).
/// Values may be zero or negative; [`Series::require_positive`] checks volumes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Series {
    name: String,
    times: Vec<f64>,
    values: Vec<f64>,
}

impl Series {
    /// Validated construction. Fails with [`Error::LengthMismatch`],
    /// [`Error::NonFiniteData`] or [`Error::TimesOutOfOrder`] (naming the series and the
    /// 0-based row).
    pub fn new(name: impl Into<String>, times: Vec<f64>, values: Vec<f64>) -> Result<Self> {
        let name = name.into();
        if times.len() != values.len() {
            return Err(Error::LengthMismatch {
                series: name,
                times: times.len(),
                values: values.len(),
            });
        }
        for (row, (&time, &value)) in times.iter().zip(&values).enumerate() {
            let bad = if !time.is_finite() {
                Some(("time", time))
            } else if !value.is_finite() {
                Some(("value", value))
            } else {
                None
            };
            if let Some((quantity, value)) = bad {
                return Err(Error::NonFiniteData {
                    series: name,
                    row,
                    quantity,
                    value,
                });
            }
            if row > 0 && time < times[row - 1] {
                return Err(Error::TimesOutOfOrder {
                    series: name,
                    row,
                    time,
                    previous: times[row - 1],
                });
            }
        }
        Ok(Self {
            name,
            times,
            values,
        })
    }

    /// Like [`Series::new`], and every value must be positive (volumes, cell counts):
    /// fails with [`Error::NonPositiveValue`] naming the series and row otherwise.
    pub fn positive(name: impl Into<String>, times: Vec<f64>, values: Vec<f64>) -> Result<Self> {
        let series = Self::new(name, times, values)?;
        series.require_positive()?;
        Ok(series)
    }

    /// Checks that every value is positive ([`Error::NonPositiveValue`] names the first
    /// offending row).
    pub fn require_positive(&self) -> Result<()> {
        match self.values.iter().position(|&v| v <= 0.0) {
            Some(row) => Err(Error::NonPositiveValue {
                series: self.name.clone(),
                row,
                value: self.values[row],
            }),
            None => Ok(()),
        }
    }

    /// Series name (used in errors and reports).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Times, non-decreasing.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Observed values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of data points.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether the series has no data point.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// The same series with the clock starting at its first time (`t - t_first`).
    pub fn relative_to_first(&self) -> Self {
        let first = self.times.first().copied().unwrap_or(0.0);
        Self {
            name: self.name.clone(),
            times: self.times.iter().map(|t| t - first).collect(),
            values: self.values.clone(),
        }
    }

    /// Splits off the last `n_holdout` points: `(training, held out)`; `None` when the
    /// series has `n_holdout` points or fewer.
    pub fn split_last(&self, n_holdout: usize) -> Option<(Self, Self)> {
        if self.len() <= n_holdout {
            return None;
        }
        let cut = self.len() - n_holdout;
        let part = |range: std::ops::Range<usize>| Self {
            name: self.name.clone(),
            times: self.times[range.clone()].to_vec(),
            values: self.values[range].to_vec(),
        };
        Some((part(0..cut), part(cut..self.len())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_series_naming_the_row() {
        assert!(matches!(
            Series::new("s", vec![0.0, 2.0, 1.0], vec![1.0; 3]),
            Err(Error::TimesOutOfOrder { ref series, row: 2, .. }) if series == "s"
        ));
        assert!(matches!(
            Series::new("s", vec![0.0, 1.0], vec![1.0, f64::NAN]),
            Err(Error::NonFiniteData {
                row: 1,
                quantity: "value",
                ..
            })
        ));
        assert!(matches!(
            Series::new("s", vec![0.0, 1.0], vec![1.0]),
            Err(Error::LengthMismatch {
                times: 2,
                values: 1,
                ..
            })
        ));
        assert!(matches!(
            Series::positive("s", vec![0.0, 1.0, 1.0], vec![1.0, 2.0, 0.0]),
            Err(Error::NonPositiveValue { row: 2, .. })
        ));
    }

    #[test]
    fn repeated_times_are_kept_and_split_works() {
        let series = Series::new("s", vec![0.1, 6.0, 6.0, 12.0], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        let relative = series.relative_to_first();
        approx::assert_relative_eq!(relative.times()[1], 5.9);
        let (train, test) = series.split_last(2).unwrap();
        assert_eq!((train.len(), test.len()), (2, 2));
        assert!(series.split_last(4).is_none());
    }
}
