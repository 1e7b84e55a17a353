//! Per-patient results: the endpoints of every arm reduced to a few numbers
//! ([`ArmOutcome`]), and the patient table (CSV) that carries them between shards and
//! merges without losing a bit (numbers are written in Rust's shortest round-trip form).

use crate::error::{Error, Result};
use oncodyn_scenario::endpoints::{RecistRules, Response};
use oncodyn_scenario::ArmEndpoints;
use std::path::Path;

/// One patient's endpoints under one arm (FLAGSHIP definitions, see
/// `oncodyn_scenario::ArmEndpoints`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArmOutcome {
    /// Best overall response (RECIST 1.1).
    pub best_overall_response: Response,
    /// Best (lowest) percentage change of the sum of target-lesion diameters from baseline
    /// over all scans (%, negative = shrinkage); `None` without target lesions or scans.
    pub best_change_pct: Option<f64>,
    /// First progression scan (day).
    pub progression_day: Option<f64>,
    /// Progression-free survival (days).
    pub pfs_days: f64,
    /// Whether PFS ended with an event (progression or death) rather than censoring.
    pub pfs_event: bool,
    /// Death day (total burden reaches the death threshold).
    pub death_day: Option<f64>,
    /// Overall survival (days).
    pub os_days: f64,
    /// Whether OS ended with death rather than censoring at the horizon.
    pub os_event: bool,
    /// Lowest per-cycle neutrophil nadir (10^9/L); `None` without a neutrophil model.
    pub lowest_nadir: Option<f64>,
    /// Days with neutrophils below 1.0 × 10^9/L (CTCAE grade >= 3).
    pub days_grade3_or_worse: Option<f64>,
    /// Days with neutrophils below 0.5 × 10^9/L (CTCAE grade 4).
    pub days_grade4: Option<f64>,
    /// Total lesion burden at the horizon (cells).
    pub final_burden_cells: f64,
}

impl ArmOutcome {
    /// Reduces a patient's full endpoints to the trial endpoints.
    pub fn from_endpoints(endpoints: &ArmEndpoints) -> Self {
        let rules = RecistRules::default();
        let baseline: f64 = endpoints
            .baseline_mm
            .iter()
            .filter(|&&d| d >= rules.target_min_mm)
            .sum();
        let best_change_pct = if baseline > 0.0 {
            endpoints
                .scans
                .iter()
                .map(|s| 100.0 * (s.target_sum_mm - baseline) / baseline)
                .reduce(f64::min)
        } else {
            None
        };
        Self {
            best_overall_response: endpoints.best_overall_response,
            best_change_pct,
            progression_day: endpoints.progression_day,
            pfs_days: endpoints.pfs_days,
            pfs_event: !endpoints.pfs_censored,
            death_day: endpoints.death_day,
            os_days: endpoints.os_days,
            os_event: !endpoints.os_censored,
            lowest_nadir: endpoints
                .neutrophil_nadirs
                .iter()
                .map(|n| n.value)
                .reduce(f64::min),
            days_grade3_or_worse: endpoints.days_grade3_or_worse,
            days_grade4: endpoints.days_grade4,
            final_burden_cells: endpoints.final_burden_cells,
        }
    }
}

/// One virtual patient: index, draws needed, drawn values and the outcome of every arm.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PatientRecord {
    /// Patient index in the cohort (0-based).
    pub index: usize,
    /// Complete parameter draws needed (see the range rule of [`crate::population`]).
    pub draws: usize,
    /// Drawn values, in the order of the population's variables.
    pub values: Vec<f64>,
    /// Outcomes, in the order of the scenario's arms.
    pub arms: Vec<ArmOutcome>,
}

const OUTCOME_COLUMNS: [&str; 12] = [
    "best_overall_response",
    "best_change_pct",
    "progression_day",
    "pfs_days",
    "pfs_event",
    "death_day",
    "os_days",
    "os_event",
    "lowest_nadir_1e9_per_l",
    "days_grade3_or_worse",
    "days_grade4",
    "final_burden_cells",
];

/// The header of the patient table: `patient, arm, draws, param_<name>…, <outcomes>`.
pub fn header(parameters: &[String]) -> Vec<String> {
    ["patient", "arm", "draws"]
        .iter()
        .map(|s| s.to_string())
        .chain(parameters.iter().map(|p| format!("param_{p}")))
        .chain(OUTCOME_COLUMNS.iter().map(|s| s.to_string()))
        .collect()
}

fn number(x: f64) -> String {
    format!("{x:?}")
}

fn optional(x: Option<f64>) -> String {
    x.map(number).unwrap_or_default()
}

fn flag(b: bool) -> String {
    u8::from(b).to_string()
}

fn response_name(r: Response) -> &'static str {
    match r {
        Response::CR => "CR",
        Response::PR => "PR",
        Response::SD => "SD",
        Response::PD => "PD",
        Response::NE => "NE",
    }
}

/// The patient table as CSV bytes: one row per patient and arm, patients ascending, arms
/// in scenario order. Missing values are empty; flags are 1/0.
pub fn to_csv(
    parameters: &[String],
    arms: &[String],
    records: &[PatientRecord],
) -> Result<Vec<u8>> {
    let csv_error = |e: csv::Error| Error::Corrupt {
        path: "patients.csv".into(),
        reason: e.to_string(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header(parameters)).map_err(csv_error)?;
    for record in records {
        for (arm, o) in arms.iter().zip(&record.arms) {
            let mut row = vec![
                record.index.to_string(),
                arm.clone(),
                record.draws.to_string(),
            ];
            row.extend(record.values.iter().map(|&v| number(v)));
            row.extend([
                response_name(o.best_overall_response).to_string(),
                optional(o.best_change_pct),
                optional(o.progression_day),
                number(o.pfs_days),
                flag(o.pfs_event),
                optional(o.death_day),
                number(o.os_days),
                flag(o.os_event),
                optional(o.lowest_nadir),
                optional(o.days_grade3_or_worse),
                optional(o.days_grade4),
                number(o.final_burden_cells),
            ]);
            writer.write_record(&row).map_err(csv_error)?;
        }
    }
    writer.into_inner().map_err(|e| Error::Corrupt {
        path: "patients.csv".into(),
        reason: e.to_string(),
    })
}

/// Reads a patient table written by [`to_csv`] with these parameters and arms.
pub fn from_csv(
    path: &Path,
    bytes: &[u8],
    parameters: &[String],
    arms: &[String],
) -> Result<Vec<PatientRecord>> {
    let corrupt = |row: usize, reason: String| Error::Corrupt {
        path: path.to_path_buf(),
        reason: format!("row {row}: {reason}"),
    };
    let mut reader = csv::Reader::from_reader(bytes);
    let found: Vec<String> = reader
        .headers()
        .map_err(|e| corrupt(1, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    if found != header(parameters) {
        return Err(corrupt(1, format!("unexpected header {found:?}")));
    }
    let n_params = parameters.len();
    let mut records: Vec<PatientRecord> = Vec::new();
    for (k, row) in reader.records().enumerate() {
        let line = k + 2;
        let row = row.map_err(|e| corrupt(line, e.to_string()))?;
        let field = |i: usize| row.get(i).unwrap_or("");
        let num = |i: usize| -> Result<f64> {
            field(i)
                .parse::<f64>()
                .map_err(|_| corrupt(line, format!("`{}` is not a number", field(i))))
        };
        let opt = |i: usize| -> Result<Option<f64>> {
            if field(i).is_empty() {
                Ok(None)
            } else {
                num(i).map(Some)
            }
        };
        let boolean = |i: usize| -> Result<bool> {
            match field(i) {
                "1" => Ok(true),
                "0" => Ok(false),
                other => Err(corrupt(line, format!("`{other}` is not a 1/0 flag"))),
            }
        };
        let index: usize = field(0)
            .parse()
            .map_err(|_| corrupt(line, format!("`{}` is not a patient index", field(0))))?;
        let arm_slot = k % arms.len().max(1);
        if field(1) != arms.get(arm_slot).map_or("", String::as_str) {
            return Err(corrupt(
                line,
                format!("expected arm `{}`, found `{}`", arms[arm_slot], field(1)),
            ));
        }
        let draws: usize = field(2)
            .parse()
            .map_err(|_| corrupt(line, format!("`{}` is not a draw count", field(2))))?;
        let values = (0..n_params)
            .map(|p| num(3 + p))
            .collect::<Result<Vec<f64>>>()?;
        let o = 3 + n_params;
        let response = match field(o) {
            "CR" => Response::CR,
            "PR" => Response::PR,
            "SD" => Response::SD,
            "PD" => Response::PD,
            "NE" => Response::NE,
            other => return Err(corrupt(line, format!("`{other}` is not a response"))),
        };
        let outcome = ArmOutcome {
            best_overall_response: response,
            best_change_pct: opt(o + 1)?,
            progression_day: opt(o + 2)?,
            pfs_days: num(o + 3)?,
            pfs_event: boolean(o + 4)?,
            death_day: opt(o + 5)?,
            os_days: num(o + 6)?,
            os_event: boolean(o + 7)?,
            lowest_nadir: opt(o + 8)?,
            days_grade3_or_worse: opt(o + 9)?,
            days_grade4: opt(o + 10)?,
            final_burden_cells: num(o + 11)?,
        };
        if arm_slot == 0 {
            records.push(PatientRecord {
                index,
                draws,
                values,
                arms: vec![outcome],
            });
        } else {
            match records.last_mut() {
                Some(r)
                    if r.index == index && r.draws == draws && same_bits(&r.values, &values) =>
                {
                    r.arms.push(outcome)
                }
                _ => {
                    return Err(corrupt(
                        line,
                        format!("patient {index} differs from the row of its first arm"),
                    ))
                }
            }
        }
    }
    if records.last().is_some_and(|r| r.arms.len() != arms.len()) {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: "the last patient lacks some arms (truncated file?)".into(),
        });
    }
    Ok(records)
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}
