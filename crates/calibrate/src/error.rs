//! The one error type of `oncodyn-calibrate`: bad data (naming the series and row, or the
//! file, line and column), too little data, and everything `oncodyn-core` reports.

use std::path::PathBuf;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when loading data or calibrating a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from `oncodyn-core`: invalid or unknown parameter, invalid option,
    /// solver failure, i/o error.
    #[error(transparent)]
    Core(#[from] oncodyn_core::Error),
    /// A series has fewer data points than the fit has free parameters.
    #[error("series `{series}` has {points} data points, fewer than the {parameters} free parameters of the fit")]
    TooFewPoints {
        /// Series name.
        series: String,
        /// Number of data points.
        points: usize,
        /// Number of free parameters.
        parameters: usize,
    },
    /// A series has different numbers of times and values.
    #[error("series `{series}` has {times} times but {values} values")]
    LengthMismatch {
        /// Series name.
        series: String,
        /// Number of times.
        times: usize,
        /// Number of values.
        values: usize,
    },
    /// A time or value of a series is NaN or infinite.
    #[error("series `{series}`, row {row}: {quantity} is {value}, not a finite number")]
    NonFiniteData {
        /// Series name.
        series: String,
        /// Row (0-based position in the series).
        row: usize,
        /// `time` or `value`.
        quantity: &'static str,
        /// The offending number.
        value: f64,
    },
    /// A time is earlier than the time of the row before it.
    #[error("series `{series}`, row {row}: time {time} comes before the previous time {previous}; times must be non-decreasing")]
    TimesOutOfOrder {
        /// Series name.
        series: String,
        /// Row (0-based position in the series).
        row: usize,
        /// The offending time.
        time: f64,
        /// Time of the previous row.
        previous: f64,
    },
    /// A volume (or other positive quantity) is zero or negative.
    #[error("series `{series}`, row {row}: value {value} is not positive")]
    NonPositiveValue {
        /// Series name.
        series: String,
        /// Row (0-based position in the series).
        row: usize,
        /// The offending value.
        value: f64,
    },
    /// The model returned a NaN or infinite prediction at the starting parameters.
    #[error("the model prediction for series `{series}` at time {time} is {value} at the initial parameters {parameters:?}")]
    NonFinitePrediction {
        /// Series name.
        series: String,
        /// Time of the first non-finite prediction.
        time: f64,
        /// Its value.
        value: f64,
        /// Free parameter values (natural scale) at which it happened.
        parameters: Vec<f64>,
    },
    /// A data file lacks a required column.
    #[error("{}: missing column `{column}` in the header", path.display())]
    MissingColumn {
        /// File (or source label) concerned.
        path: PathBuf,
        /// The missing column name.
        column: String,
    },
    /// A data row cannot be used: unparsable number, wrong field count, negative volume…
    #[error("{}, line {line}{}: {reason}", path.display(), column_suffix(.column))]
    MalformedRow {
        /// File (or source label) concerned.
        path: PathBuf,
        /// Line number in the file (1-based; the header is line 1).
        line: u64,
        /// Column concerned, when one is.
        column: Option<String>,
        /// What is wrong.
        reason: String,
    },
}

fn column_suffix(column: &Option<String>) -> String {
    match column {
        Some(name) => format!(", column `{name}`"),
        None => String::new(),
    }
}

impl From<Error> for oncodyn_core::Error {
    /// Core errors pass through; this crate's own errors become
    /// [`oncodyn_core::Error::InconsistentParameters`] with model `calibration` and the
    /// message as reason (used by [`crate::validation::run`]).
    fn from(error: Error) -> Self {
        match error {
            Error::Core(inner) => inner,
            other => oncodyn_core::Error::InconsistentParameters {
                model: "calibration".into(),
                reason: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_location() {
        let error = Error::MalformedRow {
            path: "data.csv".into(),
            line: 7,
            column: Some("T_weeks".into()),
            reason: "`x` is not a number".into(),
        };
        let text = error.to_string();
        assert!(text.contains("data.csv") && text.contains("line 7") && text.contains("T_weeks"));
        let error = Error::TimesOutOfOrder {
            series: "abc".into(),
            row: 3,
            time: 1.0,
            previous: 2.0,
        };
        assert!(error.to_string().contains("`abc`, row 3"));
        let core: oncodyn_core::Error = error.into();
        assert!(matches!(
            core,
            oncodyn_core::Error::InconsistentParameters { .. }
        ));
    }
}
