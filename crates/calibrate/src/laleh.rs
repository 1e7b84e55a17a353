//! Loader of the target-lesion time series of Laleh NG, Loeffler CML, Grajek J, et al.
//! (2022) "Classical mathematical models for prediction of response to chemotherapy and
//! immunotherapy", *PLoS Comput Biol* 18(2):e1009822 (doi:10.1371/journal.pcbi.1009822),
//! in the flat layout of TumorGrowth.jl (`flat_patient_data.csv`, MIT licence; see
//! `data/laleh2022/README.md` of this crate).
//!
//! Rows are grouped into one [`Series`] per `Pt_hashID` (a lesion series id, not a patient
//! id), in order of first appearance, with time `T_weeks` (weeks) and value
//! `Lesion_normvol` (dimensionless). Rules, decided explicitly:
//! - repeated time points are kept as separate data points (8 series have one);
//! - zero volumes (a lesion no longer visible, 370 rows) are kept: the comparison fits on
//!   the linear scale, where zeros are ordinary data; negative volumes are errors;
//! - times must be non-decreasing within a series.
//!
//! Errors name the file, the line (1-based, the header is line 1) and the column.

use crate::error::{Error, Result};
use crate::series::Series;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// Column holding the series id.
pub const ID_COLUMN: &str = "Pt_hashID";
/// Column holding the time (weeks; `0.1` marks the pre-treatment baseline scan).
pub const TIME_COLUMN: &str = "T_weeks";
/// Column holding the normalised lesion volume (dimensionless).
pub const VALUE_COLUMN: &str = "Lesion_normvol";

/// The bundled copy of `flat_patient_data.csv` (8,416 measurements, 1,461 series).
pub const BUNDLED_CSV: &str = include_str!("../data/laleh2022/flat_patient_data.csv");
/// Label used for the bundled file in error messages.
pub const BUNDLED_PATH: &str = "crates/calibrate/data/laleh2022/flat_patient_data.csv";

/// Reads the file at `path` (see the module documentation).
pub fn load(path: &Path) -> Result<Vec<Series>> {
    let file = std::fs::File::open(path).map_err(|source| oncodyn_core::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read(file, path)
}

/// The bundled data set ([`BUNDLED_CSV`]).
pub fn bundled() -> Result<Vec<Series>> {
    read(BUNDLED_CSV.as_bytes(), Path::new(BUNDLED_PATH))
}

/// Reads CSV data from `reader`; `source` names it in errors.
pub fn read(reader: impl Read, source: &Path) -> Result<Vec<Series>> {
    let path = source.to_path_buf();
    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let headers = csv_reader
        .headers()
        .map_err(|e| csv_error(&path, &e))?
        .clone();
    let find = |column: &str| {
        headers
            .iter()
            .position(|h| h.trim() == column)
            .ok_or_else(|| Error::MissingColumn {
                path: path.clone(),
                column: column.into(),
            })
    };
    let (id_col, time_col, value_col) = (find(ID_COLUMN)?, find(TIME_COLUMN)?, find(VALUE_COLUMN)?);

    let mut order: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut data: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
    for record in csv_reader.records() {
        let record = record.map_err(|e| csv_error(&path, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let malformed = |column: &str, reason: String| Error::MalformedRow {
            path: path.clone(),
            line,
            column: Some(column.into()),
            reason,
        };
        let field = |col: usize, name: &str| {
            record
                .get(col)
                .map(str::trim)
                .ok_or_else(|| malformed(name, "field missing".into()))
        };
        let id = field(id_col, ID_COLUMN)?;
        if id.is_empty() {
            return Err(malformed(ID_COLUMN, "empty series id".into()));
        }
        let number = |col: usize, name: &str| -> Result<f64> {
            let text = field(col, name)?;
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(malformed(name, format!("`{text}` is not a finite number"))),
            }
        };
        let time = number(time_col, TIME_COLUMN)?;
        let value = number(value_col, VALUE_COLUMN)?;
        if value < 0.0 {
            return Err(malformed(
                VALUE_COLUMN,
                format!("series `{id}`: volume {value} is negative"),
            ));
        }
        let k = *index.entry(id.to_string()).or_insert_with(|| {
            order.push(id.to_string());
            data.push((Vec::new(), Vec::new()));
            data.len() - 1
        });
        let (times, values) = &mut data[k];
        if let Some(&previous) = times.last() {
            if time < previous {
                return Err(malformed(
                    TIME_COLUMN,
                    format!(
                        "series `{id}`, row {}: time {time} weeks comes before the previous time {previous}; times must be non-decreasing",
                        times.len()
                    ),
                ));
            }
        }
        times.push(time);
        values.push(value);
    }
    order
        .into_iter()
        .zip(data)
        .map(|(id, (times, values))| Series::new(id, times, values))
        .collect()
}

fn csv_error(path: &Path, error: &csv::Error) -> Error {
    Error::MalformedRow {
        path: path.to_path_buf(),
        line: error.position().map_or(0, |p| p.line()),
        column: None,
        reason: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "\"Pt_hashID\",\"T_weeks\",\"Lesion_normvol\"\n";

    fn parse(body: &str) -> Result<Vec<Series>> {
        read(format!("{HEADER}{body}").as_bytes(), Path::new("test.csv"))
    }

    #[test]
    fn groups_rows_by_series_in_order_of_appearance() {
        let series = parse("b,0.1,1e-4\na,0.1,2e-4\nb,6,0\na,6,3e-4\na,6,4e-4\n").unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].name(), "b");
        assert_eq!(series[1].times(), &[0.1, 6.0, 6.0]);
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let error = parse("a,0.1,1e-4\na,x,2e-4\n").unwrap_err();
        assert!(
            matches!(error, Error::MalformedRow { line: 3, ref column, .. } if column.as_deref() == Some(TIME_COLUMN))
        );
        assert!(error.to_string().contains("test.csv"));
        assert!(matches!(
            parse("a,0.1,-1e-4\n"),
            Err(Error::MalformedRow { line: 2, ref column, .. }) if column.as_deref() == Some(VALUE_COLUMN)
        ));
        assert!(matches!(
            parse("a,6,1e-4\na,0.1,1e-4\n"),
            Err(Error::MalformedRow { line: 3, ref reason, .. }) if reason.contains("`a`, row 1")
        ));
        assert!(matches!(
            parse("a,0.1\n"),
            Err(Error::MalformedRow { line: 2, .. })
        ));
        assert!(matches!(
            parse("a,0.1,NaN\n"),
            Err(Error::MalformedRow { .. })
        ));
        let missing = read("Pt_hashID,T_weeks\na,1\n".as_bytes(), Path::new("m.csv")).unwrap_err();
        assert!(
            matches!(missing, Error::MissingColumn { ref column, .. } if column == VALUE_COLUMN)
        );
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            load(&dir.path().join("missing.csv")),
            Err(Error::Core(oncodyn_core::Error::Io { .. }))
        ));
    }
}
