//! [`Trajectory`]: the recorded solution, with named columns and atomic CSV/JSON export.

use crate::error::{nearest_name, Error, Result};
use crate::io::write_atomically;
use crate::signal::Var;
use std::path::Path;

/// Work done by the solver over a whole simulation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SolverStats {
    /// Accepted steps.
    pub steps: usize,
    /// Rejected step attempts (error test or Newton failures).
    pub rejected_steps: usize,
    /// Evaluations of the composed right-hand side, including those made to build
    /// finite-difference Jacobians.
    pub rhs_evaluations: usize,
    /// Segments integrated (intervals between consecutive event times).
    pub segments: usize,
    /// Jacobians built (BDF; 0 for explicit methods).
    #[serde(default)]
    pub jacobian_evaluations: usize,
    /// LU factorisations of the Newton matrix (BDF; 0 for explicit methods).
    #[serde(default)]
    pub lu_factorisations: usize,
    /// Newton iterations (BDF; 0 for explicit methods).
    #[serde(default)]
    pub newton_iterations: usize,
}

/// A simulated trajectory: one row per output time, one column per state and then one per
/// published signal. On an event time the row holds the post-event value (right limit).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Trajectory {
    columns: Vec<Var>,
    n_states: usize,
    times: Vec<f64>,
    /// Row-major values, `times.len() × columns.len()`.
    values: Vec<f64>,
    stats: SolverStats,
}

impl Trajectory {
    pub(crate) fn new(columns: Vec<Var>, n_states: usize) -> Self {
        Self {
            columns,
            n_states,
            times: Vec::new(),
            values: Vec::new(),
            stats: SolverStats::default(),
        }
    }

    pub(crate) fn push(&mut self, time: f64, states: &[f64], signals: &[f64]) {
        self.times.push(time);
        self.values.extend_from_slice(states);
        self.values.extend_from_slice(signals);
    }

    pub(crate) fn set_stats(&mut self, stats: SolverStats) {
        self.stats = stats;
    }

    /// Output times (day).
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Column names and units: the states, then the published signals.
    pub fn columns(&self) -> &[Var] {
        &self.columns
    }

    /// Number of leading columns that are states.
    pub fn n_states(&self) -> usize {
        self.n_states
    }

    /// Number of rows (output times).
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether no time was recorded.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Solver work counters.
    pub fn stats(&self) -> SolverStats {
        self.stats
    }

    /// All values recorded at output `row`, in [`Trajectory::columns`] order.
    pub fn row(&self, row: usize) -> Option<&[f64]> {
        let width = self.columns.len();
        self.values.get(row * width..(row + 1) * width)
    }

    /// The state vector at the last output time.
    pub fn final_state(&self) -> Option<&[f64]> {
        let last = self.times.len().checked_sub(1)?;
        self.row(last).map(|r| &r[..self.n_states])
    }

    /// Index of the column called `name`, or an error naming the nearest valid one.
    pub fn column_index(&self, name: &str) -> Result<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| Error::UnknownColumn {
                name: name.into(),
                hint: nearest_name(name, self.columns.iter().map(|c| c.name.as_str())),
            })
    }

    /// The values of column `name` at every output time.
    pub fn column(&self, name: &str) -> Result<Vec<f64>> {
        let index = self.column_index(name)?;
        let width = self.columns.len();
        Ok(self
            .values
            .iter()
            .skip(index)
            .step_by(width)
            .copied()
            .collect())
    }

    /// A copy keeping the rows whose time satisfies `keep` and, if `columns` is given, only
    /// those columns (in that order; states among them stay states).
    pub fn select(
        &self,
        keep: impl Fn(f64) -> bool,
        columns: Option<&[String]>,
    ) -> Result<Trajectory> {
        let indices: Vec<usize> = match columns {
            Some(names) => names
                .iter()
                .map(|n| self.column_index(n))
                .collect::<Result<_>>()?,
            None => (0..self.columns.len()).collect(),
        };
        let n_states = indices.iter().filter(|&&i| i < self.n_states).count();
        let mut ordered = indices.clone();
        ordered.sort_by_key(|&i| usize::from(i >= self.n_states));
        let mut out = Trajectory::new(
            ordered.iter().map(|&i| self.columns[i].clone()).collect(),
            n_states,
        );
        out.stats = self.stats;
        for (row, &time) in self.times.iter().enumerate() {
            if keep(time) {
                if let Some(values) = self.row(row) {
                    out.times.push(time);
                    out.values.extend(ordered.iter().map(|&i| values[i]));
                }
            }
        }
        Ok(out)
    }

    /// Writes the trajectory as CSV, atomically: a header `time [day],<name> [<unit>],…`
    /// then one row per output time, values in scientific notation.
    pub fn write_csv(&self, path: &Path) -> Result<()> {
        write_atomically(path, |out| {
            let serialize_error = |e: csv::Error| Error::Serialize {
                path: path.to_path_buf(),
                reason: e.to_string(),
            };
            let mut writer = csv::Writer::from_writer(out);
            let header = std::iter::once("time [day]".to_string()).chain(
                self.columns
                    .iter()
                    .map(|c| format!("{} [{}]", c.name, c.unit)),
            );
            writer.write_record(header).map_err(serialize_error)?;
            for (row, time) in self.times.iter().enumerate() {
                let values = self.row(row).unwrap_or(&[]);
                let record = std::iter::once(*time)
                    .chain(values.iter().copied())
                    .map(|v| format!("{v:e}"));
                writer.write_record(record).map_err(serialize_error)?;
            }
            writer.flush().map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })
        })
    }

    /// Writes the trajectory as JSON (`{"columns": [...], "times": [...], "values": [[...]...], "stats": {...}}`), atomically.
    pub fn write_json(&self, path: &Path) -> Result<()> {
        write_atomically(path, |out| {
            #[derive(serde::Serialize)]
            struct Json<'a> {
                columns: &'a [Var],
                times: &'a [f64],
                values: Vec<&'a [f64]>,
                stats: SolverStats,
            }
            let width = self.columns.len().max(1);
            let json = Json {
                columns: &self.columns,
                times: &self.times,
                values: self.values.chunks(width).collect(),
                stats: self.stats,
            };
            serde_json::to_writer(&mut *out, &json).map_err(|e| Error::Serialize {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            out.write_all(b"\n").map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })
        })
    }
}
