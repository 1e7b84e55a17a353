//! Solver settings: method, tolerances, step limit and output times.

use crate::error::{Error, Result};

/// Integration method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Method {
    /// Dormand–Prince 5(4), explicit, from `ode_solvers`. For non-stiff models.
    Dopri5,
    /// Dormand–Prince 8(5,3), explicit, from `ode_solvers`. For non-stiff models at tight tolerances.
    Dop853,
    /// Variable-order BDF (orders 1–5), implicit, from `diffsol` with a dense LU and a
    /// finite-difference Jacobian that re-evaluates only the sub-models a state reaches.
    /// One solver serves the whole simulation and restarts in place at every event time.
    /// For stiff models: drug PK (rates of ~100/day) over years.
    Bdf,
}

/// When the trajectory records the state.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Output {
    /// Every `step` days from the span start, plus the span end.
    Every(f64),
    /// Exactly these times (days), sorted, inside the span.
    Times(Vec<f64>),
}

/// Settings for [`simulate`](crate::simulate).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SolverOptions {
    /// Integration method.
    pub method: Method,
    /// Relative tolerance (dimensionless), in `(0, 0.1]`.
    pub rtol: f64,
    /// Absolute tolerance, in each state's own unit, in `(0, inf)`. [`Method::Bdf`]
    /// multiplies it by each state's scale ([`Model::tolerance_scales`](crate::Model::tolerance_scales),
    /// 1 unless a sub-model declares another).
    pub atol: f64,
    /// Maximum number of accepted steps over the whole simulation.
    pub max_steps: usize,
    /// Output times.
    pub output: Output,
}

impl Default for SolverOptions {
    /// BDF, `rtol = 1e-8`, `atol = 1e-10`, at most 10^6 steps, output every day.
    fn default() -> Self {
        Self {
            method: Method::Bdf,
            rtol: 1e-8,
            atol: 1e-10,
            max_steps: 1_000_000,
            output: Output::Every(1.0),
        }
    }
}

impl SolverOptions {
    /// Default settings with another method.
    pub fn with_method(method: Method) -> Self {
        Self {
            method,
            ..Self::default()
        }
    }

    /// These settings with other tolerances.
    pub fn tolerances(mut self, rtol: f64, atol: f64) -> Self {
        self.rtol = rtol;
        self.atol = atol;
        self
    }

    /// These settings with another output.
    pub fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// Checks ranges and returns the sorted output times for the span `[start, end]`.
    pub(crate) fn output_times(&self, start: f64, end: f64) -> Result<Vec<f64>> {
        let invalid = |name, value, reason| {
            Err(Error::InvalidOption {
                name,
                value,
                reason,
            })
        };
        if !(self.rtol > 0.0 && self.rtol <= 0.1) {
            return invalid("rtol", self.rtol, "must be in (0, 0.1]");
        }
        if !(self.atol > 0.0 && self.atol.is_finite()) {
            return invalid("atol", self.atol, "must be positive and finite");
        }
        if self.max_steps == 0 {
            return invalid("max_steps", 0.0, "must be at least 1");
        }
        match &self.output {
            Output::Every(step) => {
                if !(*step > 0.0 && step.is_finite()) {
                    return invalid("output step", *step, "must be positive and finite");
                }
                let n = ((end - start) / step).floor();
                if n > 1e7 {
                    return invalid("output step", *step, "gives more than 10^7 output times");
                }
                // n is a checked, non-negative count below 1e7.
                let n = n as usize;
                let mut times: Vec<f64> = (0..=n).map(|k| start + k as f64 * step).collect();
                if times
                    .last()
                    .is_some_and(|&t| end - t > 1e-9 * end.abs().max(1.0))
                {
                    times.push(end);
                } else if let Some(last) = times.last_mut() {
                    *last = last.min(end);
                }
                Ok(times)
            }
            Output::Times(times) => {
                for (k, &t) in times.iter().enumerate() {
                    if !(t.is_finite() && t >= start && t <= end) {
                        return invalid("output time", t, "must be finite and inside the span");
                    }
                    if k > 0 && t < times[k - 1] {
                        return invalid("output time", t, "output times must be sorted");
                    }
                }
                Ok(times.clone())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_grid_includes_end() {
        let options = SolverOptions::default().output(Output::Every(0.3));
        let times = options.output_times(0.0, 1.0).unwrap();
        assert_eq!(times.len(), 5);
        assert!((times[4] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn negative_output_step_is_an_error() {
        let options = SolverOptions::default().output(Output::Every(-1.0));
        assert!(matches!(
            options.output_times(0.0, 1.0),
            Err(Error::InvalidOption {
                name: "output step",
                ..
            })
        ));
    }
}
