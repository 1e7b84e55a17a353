//! Explicit Dormand–Prince integration with `ode_solvers`.
//!
//! `ode_solvers` 0.6.2 can record a wrong value at `x_end` in its *dense* output
//! (extrapolated from an earlier step). We never use dense output: each stretch between
//! consecutive stop times (outputs and the segment end) is integrated with *sparse*
//! output, whose last record is the state the final step actually computed, and the next
//! stretch starts warm from the previous step size.

use super::{first_non_finite, Rhs, Segment};
use crate::error::Result;
use crate::options::Method;
use crate::trajectory::SolverStats;
use ode_solvers::dop_shared::IntegrationError;
use ode_solvers::{DVector, Dop853, Dopri5, OutputType, System};
use std::cell::Cell;

/// `ode_solvers` system in local time `tau = t - t0` (it mishandles negative times).
struct Local<'a> {
    rhs: &'a Rhs<'a>,
    t0: f64,
    /// Local time of the first accepted step whose state is not finite.
    non_finite_at: &'a Cell<Option<f64>>,
}

impl System<f64, DVector<f64>> for Local<'_> {
    fn system(&self, tau: f64, y: &DVector<f64>, dy: &mut DVector<f64>) {
        self.rhs
            .eval(self.t0 + tau, y.as_slice(), dy.as_mut_slice());
    }

    fn solout(&mut self, tau: f64, y: &DVector<f64>, _dy: &DVector<f64>) -> bool {
        if first_non_finite(y.as_slice()).is_some() {
            self.non_finite_at.set(Some(tau));
            return true;
        }
        false
    }
}

/// Integrates one segment, calling `record` at each output time inside it.
pub(crate) fn integrate(
    segment: &Segment<'_>,
    y: &mut [f64],
    stats: &mut SolverStats,
    step_guess: &mut Option<f64>,
    record: &mut dyn FnMut(f64, &[f64]),
) -> Result<()> {
    let rhs = Rhs::new(segment.model, segment.options);
    rhs.set_rates(segment.rates);
    let options = segment.options;
    let non_finite_at = Cell::new(None);
    let mut state = DVector::from_column_slice(y);
    let mut tau = 0.0;
    let mut steps_left = segment.max_steps;
    let mut counted = 0;
    let stops = segment
        .output_times
        .iter()
        .copied()
        .chain(std::iter::once(segment.end));
    let count = segment.output_times.len();
    for (k, stop) in stops.enumerate() {
        let tau_end = stop - segment.start;
        if tau_end <= tau {
            if k < count {
                record(stop, state.as_slice());
            }
            continue;
        }
        let length = tau_end - tau;
        let h0 = step_guess.map_or(0.0, |h: f64| h.min(length));
        let system = Local {
            rhs: &rhs,
            t0: segment.start,
            non_finite_at: &non_finite_at,
        };
        let n_max = u32::try_from(steps_left).unwrap_or(u32::MAX);
        let (outcome, xs, ys) = match options.method {
            Method::Dop853 => {
                let mut solver = Dop853::from_param(
                    system,
                    tau,
                    tau_end,
                    0.0,
                    state.clone(),
                    options.rtol,
                    options.atol,
                    0.9,
                    0.0,
                    0.333,
                    6.0,
                    length,
                    h0,
                    n_max,
                    u32::MAX,
                    OutputType::Sparse,
                );
                let outcome = solver.integrate();
                (
                    outcome,
                    tail_times(solver.x_out()),
                    solver.y_out().last().cloned(),
                )
            }
            _ => {
                let mut solver = Dopri5::from_param(
                    system,
                    tau,
                    tau_end,
                    0.0,
                    state.clone(),
                    options.rtol,
                    options.atol,
                    0.9,
                    0.04,
                    0.2,
                    10.0,
                    length,
                    h0,
                    n_max,
                    u32::MAX,
                    OutputType::Sparse,
                );
                let outcome = solver.integrate();
                (
                    outcome,
                    tail_times(solver.x_out()),
                    solver.y_out().last().cloned(),
                )
            }
        };
        stats.rhs_evaluations += rhs.evaluations() - counted;
        counted = rhs.evaluations();
        let last_y = ys.unwrap_or_else(|| state.clone());
        match outcome {
            Ok(solver_stats) => {
                stats.steps += solver_stats.accepted_steps as usize;
                stats.rejected_steps += solver_stats.rejected_steps as usize;
                steps_left = steps_left.saturating_sub(solver_stats.accepted_steps as usize);
            }
            Err(error) => {
                let (at, reason) = match error {
                    IntegrationError::MaxNumStepReached { x, n_step } => (
                        x,
                        format!(
                            "step limit reached ({n_step} steps in this stretch, max_steps = {})",
                            options.max_steps
                        ),
                    ),
                    IntegrationError::StepSizeUnderflow { x } => {
                        (x, "step size underflow".to_string())
                    }
                    IntegrationError::StiffnessDetected { x } => {
                        (x, "stiffness detected".to_string())
                    }
                };
                return Err(rhs.failure(segment.start + at, last_y.as_slice(), reason));
            }
        }
        if let Some(at) = non_finite_at.get() {
            return Err(rhs.failure(segment.start + at, last_y.as_slice(), String::new()));
        }
        if let [a, b, _] = xs[..] {
            // Last full step before the one shortened to land on the stop time.
            *step_guess = Some(b - a);
        }
        state = last_y;
        tau = tau_end;
        if k < count {
            record(stop, state.as_slice());
        }
    }
    y.copy_from_slice(state.as_slice());
    Ok(())
}

/// The last three recorded times (fewer if fewer steps were taken).
fn tail_times(xs: &[f64]) -> Vec<f64> {
    xs[xs.len().saturating_sub(3)..].to_vec()
}
