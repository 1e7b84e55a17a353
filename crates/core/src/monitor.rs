//! Watching a simulation step by step instead of recording it on a grid: a [`Monitor`]
//! sees every accepted solver step with the solver's own dense output on it, and every
//! discontinuity at event times. Threshold crossings, extrema and time spent below a level
//! are then located to the solver's accuracy at the cost of a few interpolations per
//! crossing, instead of recording tens of thousands of grid rows.
//!
//! [`simulate_monitored`](crate::simulate_monitored) drives a monitor;
//! [`locate_crossing`] is the building block for threshold and extremum endpoints.

use crate::error::{Error, Result};

/// An accepted solver step as a [`Monitor`] sees it: the interval `(start, end]` (day),
/// the state at its end, and the solver's dense output on the interval.
pub struct Step<'a> {
    pub(crate) start: f64,
    pub(crate) end: f64,
    pub(crate) state: &'a [f64],
    pub(crate) dense: &'a dyn Fn(f64, &mut [f64]) -> Result<()>,
    pub(crate) derivative: &'a dyn Fn(f64, &mut [f64]) -> Result<()>,
}

impl Step<'_> {
    /// Start of the step (day).
    pub fn start(&self) -> f64 {
        self.start
    }

    /// End of the step (day).
    pub fn end(&self) -> f64 {
        self.end
    }

    /// State at the end of the step (state units, model order).
    pub fn state(&self) -> &[f64] {
        self.state
    }

    /// Writes the solver's dense-output state at `t` (day, within `[start, end]`) into
    /// `y`. Fails if the solver cannot interpolate there.
    pub fn interpolate(&self, t: f64, y: &mut [f64]) -> Result<()> {
        if !(t >= self.start && t <= self.end) {
            return Err(Error::InvalidOption {
                name: "interpolation time",
                value: t,
                reason: "must lie within the step",
            });
        }
        (self.dense)(t, y)
    }

    /// Writes the time derivative of the dense output at `t` (day, within `[start, end]`)
    /// into `dy` (state unit per day): the derivative of the solver's interpolating
    /// polynomial, consistent with [`Step::interpolate`] and free of model evaluations.
    pub fn interpolate_derivative(&self, t: f64, dy: &mut [f64]) -> Result<()> {
        if !(t >= self.start && t <= self.end) {
            return Err(Error::InvalidOption {
                name: "interpolation time",
                value: t,
                reason: "must lie within the step",
            });
        }
        (self.derivative)(t, dy)
    }
}

/// Receives a simulation as it runs.
///
/// Calls come in time order: [`Monitor::on_events`] at the start time and at every event
/// time (with the state before and after the events there), and [`Monitor::on_step`] after
/// every accepted step in between.
pub trait Monitor {
    /// After an accepted step. An error stops the simulation and is returned by it.
    fn on_step(&mut self, step: &Step<'_>) -> Result<()>;

    /// At the start time and at each event time `time` (day): the state just before and
    /// just after the events there (equal where nothing happens).
    fn on_events(&mut self, time: f64, before: &[f64], after: &[f64]) -> Result<()>;
}

/// Direction of a crossing of zero by a scalar function of the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From negative to non-negative.
    Rising,
    /// From non-negative to negative.
    Falling,
}

/// A located crossing of zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    /// Time of the crossing (day).
    pub time: f64,
    /// Its direction.
    pub direction: Direction,
}

/// A scalar function `g(t, y, dy/dt)` of the time (day), the state and its derivative.
pub type StepFunction<'f> = dyn FnMut(f64, &[f64], &[f64]) -> f64 + 'f;

/// Locates the zeros of `g(t) = g(t, y(t), dy/dt)` (dense output and its derivative) inside one step by the Illinois variant
/// of regula falsi on the dense output, to `time_tolerance` (day).
///
/// `g_start` is `g` at the start of the step (from the previous step's end, or after the
/// events at the step start), `g_end` at its end. Returns the crossing if their signs
/// differ (`g < 0` versus `g >= 0`), else `None`. The function is assumed to cross at most
/// once per step; a step short enough for the solver's accuracy makes that the rule.
pub fn locate_crossing(
    step: &Step<'_>,
    g_start: f64,
    g_end: f64,
    time_tolerance: f64,
    g: &mut StepFunction<'_>,
) -> Result<Option<Crossing>> {
    let negative = |v: f64| v < 0.0;
    if negative(g_start) == negative(g_end) {
        return Ok(None);
    }
    let direction = if negative(g_start) {
        Direction::Rising
    } else {
        Direction::Falling
    };
    let n = step.state.len();
    let mut y = vec![0.0; n];
    let mut dy = vec![0.0; n];
    let (mut a, mut b) = (step.start, step.end);
    let (mut ga, mut gb) = (g_start, g_end);
    // Which end was kept last (Illinois: halve the kept end's value on a repeat).
    let mut kept = 0i8;
    for _ in 0..100 {
        if b - a <= time_tolerance {
            break;
        }
        let mut t = b - gb * (b - a) / (gb - ga);
        if !(t > a && t < b) {
            t = 0.5 * (a + b);
        }
        step.interpolate(t, &mut y)?;
        step.interpolate_derivative(t, &mut dy)?;
        let gt = g(t, &y, &dy);
        if !gt.is_finite() {
            return Err(Error::InvalidOption {
                name: "monitored function",
                value: gt,
                reason: "must be finite along the step",
            });
        }
        if negative(gt) == negative(ga) {
            a = t;
            ga = gt;
            if kept == 1 {
                gb *= 0.5;
            }
            kept = 1;
        } else {
            b = t;
            gb = gt;
            if kept == -1 {
                ga *= 0.5;
            }
            kept = -1;
        }
    }
    Ok(Some(Crossing {
        time: 0.5 * (a + b),
        direction,
    }))
}
