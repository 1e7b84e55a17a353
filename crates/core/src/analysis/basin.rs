//! The boundary between basins of attraction along a line of initial conditions, by
//! bisection on the attractor each simulated trajectory reaches.

use super::{check_point, scaled_distance};
use crate::error::{Error, Result};
use crate::model::Model;
use crate::options::{Output, SolverOptions};
use crate::simulate::simulate_from;

/// Settings of [`basin_boundary`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BasinOptions {
    /// Simulated time from each initial condition (days, or the model's time unit); `> 0`.
    pub horizon: f64,
    /// Solver settings; the output is replaced by the horizon alone.
    pub solver: SolverOptions,
    /// A final state belongs to an attractor when its scaled distance
    /// `max_j |y_j - a_j| / (max(|y_j|, |a_j|) + floor)` is at most this; in `(0, 1)`.
    pub capture: f64,
    /// Absolute floor of the scaled distance, in each state's unit; `> 0`.
    pub floor: f64,
    /// Bisection stops when the bracket is at most this fraction of the initial interval;
    /// in `(0, 1)`.
    pub tolerance: f64,
}

impl BasinOptions {
    /// Defaults for `horizon`: the given solver options, `capture = 1e-3`, `floor = 1e-9`,
    /// `tolerance = 1e-9`.
    pub fn new(horizon: f64, solver: SolverOptions) -> Self {
        Self {
            horizon,
            solver,
            capture: 1e-3,
            floor: 1e-9,
            tolerance: 1e-9,
        }
    }

    fn check(&self) -> Result<()> {
        let invalid = |name, value, reason| {
            Err(Error::InvalidOption {
                name,
                value,
                reason,
            })
        };
        if !(self.horizon > 0.0 && self.horizon.is_finite()) {
            return invalid("basin horizon", self.horizon, "must be positive and finite");
        }
        if !(self.capture > 0.0 && self.capture < 1.0) {
            return invalid("basin capture", self.capture, "must be in (0, 1)");
        }
        if !(self.floor > 0.0 && self.floor.is_finite()) {
            return invalid("basin floor", self.floor, "must be positive and finite");
        }
        if !(self.tolerance > 0.0 && self.tolerance < 1.0) {
            return invalid("basin tolerance", self.tolerance, "must be in (0, 1)");
        }
        Ok(())
    }
}

/// Where the line of initial conditions crosses a basin boundary.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BasinBoundary {
    /// Midpoint of the final bracket (line parameter).
    pub parameter: f64,
    /// Final bracket `(s_a, s_b)`: `s_a` on the side of the interval start.
    pub bracket: (f64, f64),
    /// Initial state on the line at [`BasinBoundary::parameter`].
    pub state: Vec<f64>,
    /// Index of the attractor reached from `bracket.0` and from `bracket.1`.
    pub outcomes: (usize, usize),
    /// Number of simulations run.
    pub simulations: usize,
}

/// Bisects `interval = (s0, s1)` of the line of initial conditions `line(s)` for the
/// boundary of the basin of the attractor reached from `line(s0)`.
///
/// Each initial condition is simulated for `options.horizon` and assigned to the nearest of
/// `attractors` (scaled distance at most `options.capture`). The two ends must reach
/// different attractors. If several boundaries lie in the interval, one of them is found.
///
/// Fails with [`Error::InvalidAnalysis`] if fewer than two attractors are given, if the
/// interval is empty or not finite, if both ends reach the same attractor, if a final state
/// is near no attractor (lengthen the horizon), or if `line` returns a state of the wrong
/// length or with non-finite entries; with [`Error::InvalidOption`] for invalid options; and
/// with simulation errors.
pub fn basin_boundary<L: Fn(f64) -> Vec<f64>>(
    model: &Model,
    line: L,
    interval: (f64, f64),
    attractors: &[Vec<f64>],
    options: &BasinOptions,
) -> Result<BasinBoundary> {
    options.check()?;
    let invalid = |reason: String| Error::InvalidAnalysis {
        analysis: "basin boundary",
        reason,
    };
    let n = model.n_states();
    if attractors.len() < 2 {
        return Err(invalid(format!(
            "{} attractor(s) given, at least two are needed",
            attractors.len()
        )));
    }
    for attractor in attractors {
        check_point("basin boundary", n, attractor)?;
    }
    let (mut lo, mut hi) = interval;
    if !(lo.is_finite() && hi.is_finite() && (hi - lo).abs() > 0.0) {
        return Err(invalid(format!(
            "empty or non-finite interval [{lo}, {hi}]"
        )));
    }
    let solver = options
        .solver
        .clone()
        .output(Output::Times(vec![options.horizon]));
    let mut simulations = 0;
    let mut outcome = |s: f64| -> Result<usize> {
        let y0 = line(s);
        check_point("basin boundary", n, &y0)?;
        simulations += 1;
        let trajectory = simulate_from(model, &y0, (0.0, options.horizon), &[], &solver)?;
        let end = trajectory
            .final_state()
            .ok_or_else(|| invalid(format!("no state recorded from line parameter {s}")))?;
        let (index, distance) = attractors
            .iter()
            .map(|a| scaled_distance(end, a, options.floor))
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((0, f64::INFINITY));
        if distance <= options.capture {
            Ok(index)
        } else {
            Err(invalid(format!(
                "from line parameter {s} the state at time {} is at scaled distance {distance:.3e} \
                 from the nearest attractor (capture {}): lengthen the horizon or check the attractors",
                options.horizon, options.capture
            )))
        }
    };
    let at_lo = outcome(lo)?;
    let at_hi = outcome(hi)?;
    if at_lo == at_hi {
        return Err(invalid(format!(
            "both ends of the interval [{lo}, {hi}] reach attractor {at_lo}"
        )));
    }
    let (mut out_lo, mut out_hi) = (at_lo, at_hi);
    let width = (hi - lo).abs();
    while (hi - lo).abs() > options.tolerance * width {
        let mid = 0.5 * (lo + hi);
        let at_mid = outcome(mid)?;
        if at_mid == at_lo {
            lo = mid;
            out_lo = at_mid;
        } else {
            hi = mid;
            out_hi = at_mid;
        }
    }
    let parameter = 0.5 * (lo + hi);
    Ok(BasinBoundary {
        parameter,
        bracket: (lo, hi),
        state: line(parameter),
        outcomes: (out_lo, out_hi),
        simulations,
    })
}
