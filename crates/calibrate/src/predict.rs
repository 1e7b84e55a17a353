//! What a fit calibrates: a [`Predictor`] maps free-parameter values to model values at the
//! data times, either from a closed form ([`ClosedForm`]) or by simulating a composed ODE
//! model ([`OdeModel`]).

use crate::error::{Error, Result};
use oncodyn_core::{simulate, Error as CoreError, Event, Model, Output, SolverOptions};

/// A model that predicts the observed quantity at given times from free-parameter values.
pub trait Predictor {
    /// Writes into `out` (one slot per entry of `times`, sorted non-decreasing) the model
    /// values for the free-parameter values `params` (natural scale, in the order of the
    /// fit's free parameters, each inside its range). Non-finite values are allowed (the
    /// optimiser rejects such a trial step); an `Err` at the start of a fit aborts it, an
    /// `Err` at a trial step rejects that step.
    fn predict(&self, params: &[f64], times: &[f64], out: &mut [f64]) -> Result<()>;
}

/// A closed-form model `f(t, params)`: any function of time and the parameter vector.
///
/// ```
/// use oncodyn_calibrate::{ClosedForm, Predictor};
/// let line = ClosedForm::new(|t, p: &[f64]| p[0] + p[1] * t);
/// let mut out = [0.0; 2];
/// line.predict(&[1.0, 2.0], &[0.0, 3.0], &mut out)?;
/// assert_eq!(out, [1.0, 7.0]);
/// # Ok::<(), oncodyn_calibrate::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ClosedForm<F> {
    function: F,
}

impl<F: Fn(f64, &[f64]) -> f64> ClosedForm<F> {
    /// Wraps `function(t, params)`.
    pub fn new(function: F) -> Self {
        Self { function }
    }
}

impl<F: Fn(f64, &[f64]) -> f64> Predictor for ClosedForm<F> {
    fn predict(&self, params: &[f64], times: &[f64], out: &mut [f64]) -> Result<()> {
        for (slot, &t) in out.iter_mut().zip(times) {
            *slot = (self.function)(t, params);
        }
        Ok(())
    }
}

/// How an ODE model is observed: the trajectory column compared with the data, the
/// simulation start time, the dosing events and the solver settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Trajectory column compared with the data (a state such as `tumor.cells`, or a
    /// signal such as `tumor.burden`).
    pub column: String,
    /// Simulation start time (the model's time unit, normally days); at most the first
    /// data time.
    pub start: f64,
    /// Events (doses, radiation fractions) applied in every simulation, sorted by time.
    pub events: Vec<Event>,
    /// Solver settings; the output times are replaced by the data times.
    pub solver: SolverOptions,
}

impl Observation {
    /// Observes `column` from `start = 0`, without events, with the default solver
    /// settings of [`SolverOptions::default`] (BDF, `rtol = 1e-8`, `atol = 1e-10`).
    pub fn new(column: impl Into<String>) -> Self {
        Self {
            column: column.into(),
            start: 0.0,
            events: Vec::new(),
            solver: SolverOptions::default(),
        }
    }

    /// This observation with another start time.
    pub fn starting_at(mut self, start: f64) -> Self {
        self.start = start;
        self
    }

    /// This observation with events.
    pub fn with_events(mut self, events: Vec<Event>) -> Self {
        self.events = events;
        self
    }

    /// This observation with other solver settings.
    pub fn with_solver(mut self, solver: SolverOptions) -> Self {
        self.solver = solver;
        self
    }
}

/// A composed ODE model built by `build(params)` from the free-parameter values,
/// simulated with [`oncodyn_core::simulate`] and read through an [`Observation`].
pub struct OdeModel<B> {
    build: B,
    observation: Observation,
}

impl<B: Fn(&[f64]) -> oncodyn_core::Result<Model>> OdeModel<B> {
    /// A model built by `build` and observed by `observation`.
    pub fn new(build: B, observation: Observation) -> Self {
        Self { build, observation }
    }

    /// The observation.
    pub fn observation(&self) -> &Observation {
        &self.observation
    }
}

impl<B> std::fmt::Debug for OdeModel<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OdeModel")
            .field("observation", &self.observation)
            .finish_non_exhaustive()
    }
}

impl<B: Fn(&[f64]) -> oncodyn_core::Result<Model>> Predictor for OdeModel<B> {
    fn predict(&self, params: &[f64], times: &[f64], out: &mut [f64]) -> Result<()> {
        let model = (self.build)(params)?;
        let start = self.observation.start;
        if let Some(&first) = times.first() {
            if first < start {
                return Err(CoreError::InvalidOption {
                    name: "observation start",
                    value: start,
                    reason: "must not be later than the first data time",
                }
                .into());
            }
        }
        // Distinct output times (the data may repeat a time).
        let mut unique: Vec<f64> = Vec::with_capacity(times.len());
        for &t in times {
            if unique.last().is_none_or(|&last| t > last) {
                unique.push(t);
            }
        }
        let last = unique.last().copied().unwrap_or(start);
        let end = if last > start { last } else { start + 1.0 };
        let options = self
            .observation
            .solver
            .clone()
            .output(Output::Times(unique.clone()));
        let trajectory = simulate(&model, (start, end), &self.observation.events, &options)?;
        let column = trajectory.column(&self.observation.column)?;
        if column.len() != unique.len() {
            return Err(Error::Core(CoreError::InconsistentParameters {
                model: "calibration".into(),
                reason: format!(
                    "the simulation returned {} rows for {} output times",
                    column.len(),
                    unique.len()
                ),
            }));
        }
        let mut k = 0;
        for (slot, &t) in out.iter_mut().zip(times) {
            while unique[k] < t {
                k += 1;
            }
            *slot = column[k];
        }
        Ok(())
    }
}
