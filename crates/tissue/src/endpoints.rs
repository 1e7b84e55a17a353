//! Toxicity endpoints from a trajectory column: nadir (value, day), time below a threshold,
//! CTCAE v5 neutropenia grades, time to recovery and per-cycle nadirs.
//!
//! All functions work on the recorded output rows, linearly interpolated in time between
//! rows: threshold crossings are therefore exact to second order in the output step (for a
//! smooth trajectory with step `h`, the crossing error is `O(h^2 |x''|/|x'|)`), so record
//! the column every 0.01 day or finer for crossings accurate to well within 0.01 day. A
//! row at a dose time holds the post-event value; a column that jumps at an event
//! (a bolus into that very state) is treated as continuous between the rows around it.

mod ctcae;

pub use ctcae::{NeutropeniaGrade, GRADE2_BELOW, GRADE3_BELOW, GRADE4_BELOW};

use oncodyn_core::{Error, Result, Trajectory};

/// Extreme (lowest or highest) value of a series in a window and the day it is reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremum {
    /// Extreme value (unit of the column).
    pub value: f64,
    /// Day of the extreme value.
    pub day: f64,
}

/// The lowest value of a series in a window and its day.
pub type Nadir = Extremum;

/// Outcome of [`Series::recovery`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Recovery {
    /// The series never falls below the threshold (at or after the start time).
    NeverBelow,
    /// It falls below and is back at or above the threshold on this day.
    At(f64),
    /// It falls below and has not recovered by the end of the series.
    NotRecovered,
}

impl Recovery {
    /// The recovery day, if the series fell below the threshold and recovered.
    pub fn day(&self) -> Option<f64> {
        match self {
            Self::At(day) => Some(*day),
            _ => None,
        }
    }
}

/// A column of a trajectory with its output times: finite values, non-decreasing times.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    times: Vec<f64>,
    values: Vec<f64>,
}

pub(crate) fn check_finite(name: &'static str, value: f64, zero_ok: bool) -> Result<()> {
    let ok = value.is_finite() && (value > 0.0 || (zero_ok && value >= 0.0));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidOption {
            name,
            value,
            reason: if zero_ok {
                "must be finite and non-negative"
            } else {
                "must be finite and positive"
            },
        })
    }
}

fn check_threshold(threshold: f64) -> Result<()> {
    if threshold.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidOption {
            name: "threshold",
            value: threshold,
            reason: "must be finite",
        })
    }
}

fn check_time(name: &'static str, day: f64) -> Result<()> {
    if day.is_finite() {
        Ok(())
    } else {
        Err(Error::InvalidOption {
            name,
            value: day,
            reason: "must be a finite time (day)",
        })
    }
}

impl Series {
    /// A series from output `times` (day) and `values`; fails with
    /// [`Error::InvalidOption`] if they are empty, differ in length, are not finite or the
    /// times decrease.
    pub fn new(times: Vec<f64>, values: Vec<f64>) -> Result<Self> {
        let invalid = |name, value, reason| {
            Err(Error::InvalidOption {
                name,
                value,
                reason,
            })
        };
        if times.is_empty() || times.len() != values.len() {
            return invalid(
                "series length",
                values.len() as f64,
                "times and values must be non-empty and of equal length",
            );
        }
        for (k, (&t, &v)) in times.iter().zip(&values).enumerate() {
            if !t.is_finite() || (k > 0 && t < times[k - 1]) {
                return invalid("series time", t, "times must be finite and non-decreasing");
            }
            if !v.is_finite() {
                return invalid("series value", v, "values must be finite");
            }
        }
        Ok(Self { times, values })
    }

    /// The column `column` of `trajectory` (e.g. `neutrophils.circulating`).
    pub fn from_trajectory(trajectory: &Trajectory, column: &str) -> Result<Self> {
        Self::new(trajectory.times().to_vec(), trajectory.column(column)?)
    }

    /// Output times (day).
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Values.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Nadir over all rows ([`Series::nadir_in`] over the whole span).
    pub fn nadir(&self) -> Nadir {
        let (start, end) = (self.times[0], self.times[self.times.len() - 1]);
        self.nadir_rows(|t| t >= start && t <= end)
            .unwrap_or(Nadir {
                value: self.values[0],
                day: start,
            })
    }

    /// Nadir over the rows with `start <= t < end` (day). The row minimum is refined by
    /// the vertex of the parabola through it and its two neighbours when both lie in the
    /// window and the vertex lies between them (exact for a locally quadratic minimum).
    /// Fails with [`Error::InvalidOption`] if the window holds no row.
    pub fn nadir_in(&self, start: f64, end: f64) -> Result<Nadir> {
        self.nadir_rows(|t| t >= start && t < end)
            .ok_or(Error::InvalidOption {
                name: "nadir window start",
                value: start,
                reason: "the window [start, end) contains no output time",
            })
    }

    fn nadir_rows(&self, inside: impl Fn(f64) -> bool) -> Option<Nadir> {
        let mut best: Option<usize> = None;
        for (k, &t) in self.times.iter().enumerate() {
            if inside(t) && best.is_none_or(|b| self.values[k] < self.values[b]) {
                best = Some(k);
            }
        }
        let k = best?;
        let grid = Nadir {
            value: self.values[k],
            day: self.times[k],
        };
        if k == 0
            || k + 1 >= self.times.len()
            || !inside(self.times[k - 1])
            || !inside(self.times[k + 1])
        {
            return Some(grid);
        }
        Some(
            parabola_vertex(
                [self.times[k - 1], self.times[k], self.times[k + 1]],
                [self.values[k - 1], self.values[k], self.values[k + 1]],
            )
            .filter(|v| {
                v.day > self.times[k - 1] && v.day < self.times[k + 1] && v.value <= grid.value
            })
            .unwrap_or(grid),
        )
    }

    /// Highest value over the rows with `start <= t < end` (day), e.g. the rebound maximum,
    /// refined like [`Series::nadir_in`]. Fails with [`Error::InvalidOption`] if the
    /// window holds no row.
    pub fn peak_in(&self, start: f64, end: f64) -> Result<Extremum> {
        let negated = Self {
            times: self.times.clone(),
            values: self.values.iter().map(|v| -v).collect(),
        };
        let low = negated.nadir_in(start, end)?;
        Ok(Extremum {
            value: -low.value,
            day: low.day,
        })
    }

    /// Total time (day) with the value strictly below `threshold`, over the whole series.
    pub fn time_below(&self, threshold: f64) -> Result<f64> {
        let (start, end) = (self.times[0], self.times[self.times.len() - 1]);
        self.time_below_in(threshold, start, end)
    }

    /// Time (day) with the value below `threshold` within `[start, end]` (day), linearly
    /// interpolating between rows (continuous time).
    pub fn time_below_in(&self, threshold: f64, start: f64, end: f64) -> Result<f64> {
        check_threshold(threshold)?;
        check_time("window start", start)?;
        check_time("window end", end)?;
        let mut total = 0.0;
        for k in 1..self.times.len() {
            let (t0, t1) = (self.times[k - 1], self.times[k]);
            let (lo, hi) = (t0.max(start), t1.min(end));
            if hi <= lo {
                continue;
            }
            let (v0, v1) = (self.values[k - 1], self.values[k]);
            let at = |t: f64| v0 + (v1 - v0) * (t - t0) / (t1 - t0);
            let (a, b) = (at(lo) - threshold, at(hi) - threshold);
            total += if a < 0.0 && b < 0.0 {
                hi - lo
            } else if a >= 0.0 && b >= 0.0 {
                0.0
            } else {
                let crossing = lo + (hi - lo) * a / (a - b);
                if a < 0.0 {
                    crossing - lo
                } else {
                    hi - crossing
                }
            };
        }
        Ok(total)
    }

    /// First time `t >= from` (day) at which the series is at or above `threshold`,
    /// interpolated between rows; `None` if it never is.
    pub fn first_at_or_above(&self, threshold: f64, from: f64) -> Result<Option<f64>> {
        check_threshold(threshold)?;
        check_time("start time", from)?;
        let mut previous: Option<(f64, f64)> = None;
        for (&t, &v) in self.times.iter().zip(&self.values) {
            if t < from {
                previous = Some((t, v));
                continue;
            }
            if v >= threshold {
                return Ok(Some(match previous {
                    Some((tp, vp)) if vp < threshold => {
                        let crossing = tp + (t - tp) * (threshold - vp) / (v - vp);
                        crossing.max(from)
                    }
                    _ => t.max(from),
                }));
            }
            previous = Some((t, v));
        }
        Ok(None)
    }

    /// Recovery to `threshold` (e.g. the baseline, or 1.5 x 10^9/L) after a depression
    /// starting at or after `from` (day): the series first falls below `threshold` at a row
    /// `t >= from`, then the first time after that at which it is back at or above
    /// `threshold` (interpolated) is the recovery day. Later dips (a rebound oscillation)
    /// do not count.
    pub fn recovery(&self, threshold: f64, from: f64) -> Result<Recovery> {
        check_threshold(threshold)?;
        check_time("start time", from)?;
        let below = self
            .times
            .iter()
            .zip(&self.values)
            .find(|(&t, &v)| t >= from && v < threshold);
        let Some((&dip, _)) = below else {
            return Ok(Recovery::NeverBelow);
        };
        Ok(match self.first_at_or_above(threshold, dip)? {
            Some(day) => Recovery::At(day),
            None => Recovery::NotRecovered,
        })
    }

    /// Nadirs of `n_cycles` cycles of `cycle_length` days from the start of the series,
    /// cycle `k` being the window `[start + L(k-1), start + Lk)` (e.g. 21-day docetaxel
    /// cycles). Fails with [`Error::InvalidOption`] for a non-positive cycle length or a
    /// window without output rows.
    pub fn per_cycle_nadirs(&self, cycle_length: f64, n_cycles: usize) -> Result<Vec<Nadir>> {
        check_finite("cycle length", cycle_length, false)?;
        let start = self.times[0];
        (0..n_cycles)
            .map(|k| {
                self.nadir_in(
                    start + cycle_length * k as f64,
                    start + cycle_length * (k + 1) as f64,
                )
            })
            .collect()
    }

    /// Worst CTCAE v5 neutropenia grade reached (at the nadir) for lower limit of normal
    /// `lln` (10^9/L); the series must be an absolute neutrophil count in 10^9/L.
    pub fn worst_neutropenia_grade(&self, lln: f64) -> Result<NeutropeniaGrade> {
        NeutropeniaGrade::of(self.nadir().value.max(0.0), lln)
    }

    /// Time (day) spent at `grade` or worse (value below [`NeutropeniaGrade::below`]).
    pub fn time_at_grade_or_worse(&self, grade: NeutropeniaGrade, lln: f64) -> Result<f64> {
        check_finite("lower limit of normal", lln, false)?;
        match grade {
            NeutropeniaGrade::None => Ok(self.times[self.times.len() - 1] - self.times[0]),
            _ => self.time_below(grade.below(lln)),
        }
    }
}

/// Vertex of the parabola through three points with distinct, increasing abscissae, if it
/// opens upwards.
fn parabola_vertex(t: [f64; 3], v: [f64; 3]) -> Option<Nadir> {
    let (h0, h1) = (t[1] - t[0], t[2] - t[1]);
    if !(h0 > 0.0 && h1 > 0.0) {
        return None;
    }
    let d0 = (v[1] - v[0]) / h0;
    let d1 = (v[2] - v[1]) / h1;
    let curvature = (d1 - d0) / (t[2] - t[0]); // half the second derivative
    if curvature.is_nan() || curvature <= 0.0 {
        return None;
    }
    // v(t) = v1 + slope (t - t1) + curvature (t - t1)^2 with slope at t1:
    let slope = d0 + curvature * h0;
    let shift = -slope / (2.0 * curvature);
    Some(Nadir {
        value: v[1] + slope * shift + curvature * shift * shift,
        day: t[1] + shift,
    })
}

#[cfg(test)]
mod tests;
