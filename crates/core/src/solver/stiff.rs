//! Implicit BDF integration with `diffsol` (dense nalgebra LU), for stiff models.
//!
//! - One `diffsol` solver serves the whole simulation: at every event time the state is
//!   replaced in place (`state_mut`), the derivative and the starting step are
//!   recomputed and the solver restarts at order 1, instead of building a new problem
//!   (allocations, initial conditions) for every segment.
//! - The absolute tolerance of each state is `atol` times its scale
//!   ([`Model::tolerance_scales`]).
//! - The Jacobian is built by structured forward differences ([`ModelJacobian`]) and
//!   handed to `diffsol` column by column through its Jacobian–vector product.
//! - Outputs inside a segment are interpolated, so outputs never change the steps.

use super::jacobian::ModelJacobian;
use super::{first_non_finite, Advance, Rhs, Segment};
use crate::error::{Error, Result};
use crate::model::Model;
use crate::monitor::Step;
use crate::options::SolverOptions;
use crate::trajectory::SolverStats;
use diffsol::{
    NalgebraContext, NalgebraLU, NalgebraMat, NalgebraVec, OdeBuilder, OdeSolverMethod,
    OdeSolverStopReason, Vector,
};
use std::cell::RefCell;

/// Segments shorter than this times `max(|t|, 1)` (two events a few roundings apart) are
/// crossed by one explicit Euler step instead of the solver.
const TINY_SEGMENT: f64 = 1e3 * f64::EPSILON;

/// Builds the BDF solver for `model` from `(t0, y0)` and hands `body` the function that
/// integrates one segment with it.
pub(crate) fn with_stepper(
    model: &Model,
    options: &SolverOptions,
    y0: &[f64],
    t0: f64,
    body: impl FnOnce(&mut Advance<'_>) -> Result<()>,
) -> Result<()> {
    let n = y0.len();
    let rhs = Rhs::new(model, options);
    let jacobian = RefCell::new(ModelJacobian::new(model));
    let scales = model.tolerance_scales();
    let atol: Vec<f64> = scales.iter().map(|scale| options.atol * scale).collect();
    let setup_failure = |e: diffsol::DiffsolError| rhs.failure(t0, y0, e.to_string());
    let problem = OdeBuilder::<NalgebraMat<f64>>::new()
        .t0(t0)
        .rtol(options.rtol)
        .atol(atol)
        .rhs_implicit(
            |x: &[f64], _p: &[f64], t: f64, out: &mut [f64]| rhs.eval(t, x, out),
            |x: &[f64], _p: &[f64], t: f64, v: &[f64], out: &mut [f64]| {
                jacobian.borrow_mut().times(model, t, x, v, out)
            },
        )
        .init(
            |_p: &[f64], _t: f64, out: &mut [f64]| out.copy_from_slice(y0),
            n,
        )
        .build()
        .map_err(setup_failure)?;
    let newton_fails_per_segment = problem.ode_options.max_nonlinear_solver_failures;
    let mut solver = problem.bdf::<NalgebraLU<f64>>().map_err(setup_failure)?;
    let mut f0 = vec![0.0; n];
    let mut interpolated = NalgebraVec::<f64>::zeros(n, NalgebraContext::default());
    let dense_buffer = RefCell::new(NalgebraVec::<f64>::zeros(n, NalgebraContext::default()));
    // Rejected step attempts so far: error-test and Newton failures.
    let failures = |solver: &_| -> usize {
        let statistics = OdeSolverMethod::get_statistics(solver);
        statistics.number_of_error_test_failures + statistics.number_of_nonlinear_solver_fails
    };
    // LU factorisations and Newton iterations so far.
    let linear_work = |solver: &_| -> (usize, usize) {
        let statistics = OdeSolverMethod::get_statistics(solver);
        (
            statistics.number_of_linear_solver_setups,
            statistics.number_of_nonlinear_solver_iterations,
        )
    };
    // Right-hand-side evaluations so far, counting a Jacobian as one (its unperturbed
    // evaluation; its columns re-evaluate only the sub-models concerned).
    let evaluations = || rhs.evaluations() + jacobian.borrow().evaluations();

    let mut advance = |segment: &Segment<'_>,
                       y: &mut [f64],
                       stats: &mut SolverStats,
                       record: &mut dyn FnMut(f64, &[f64]),
                       on_step: &mut dyn FnMut(&Step<'_>) -> Result<()>|
     -> Result<()> {
        let evaluations_before = evaluations();
        let failures_before = failures(&solver);
        let jacobians_before = jacobian.borrow().evaluations();
        let work_before = linear_work(&solver);
        rhs.set_rates(segment.rates);
        let span = segment.end - segment.start;
        rhs.eval(segment.start, y, &mut f0);
        if span <= TINY_SEGMENT * segment.start.abs().max(1.0) {
            // Shorter than `diffsol` can resolve a stop time (it would report the stop time
            // as reached before any step): one Euler step, exact to the rounding of `t`.
            for (yi, fi) in y.iter_mut().zip(&f0) {
                *yi += span * fi;
            }
            stats.rhs_evaluations += 1;
            return Ok(());
        }
        // `diffsol` counts Newton failures over the solver's life, which here is the whole
        // simulation: give every segment its own budget, as a new solver would have.
        let newton_fails =
            OdeSolverMethod::get_statistics(&solver).number_of_nonlinear_solver_fails;
        solver.config_mut().maximum_newton_fails = newton_fails + newton_fails_per_segment;
        {
            let mut state = solver.state_mut();
            state.y.batch_as_mut_slice(0).copy_from_slice(y);
            state.dy.batch_as_mut_slice(0).copy_from_slice(&f0);
            *state.t = segment.start;
            // Hairer, Nørsett & Wanner's starting step for order 1, as `diffsol` chooses
            // it for a new problem (with the per-state absolute tolerances).
            state.set_step_size(1.0, &problem.atol, problem.rtol, &problem.eqn, 1);
        }
        solver
            .set_stop_time(segment.end)
            .map_err(|e| rhs.failure(segment.start, y, e.to_string()))?;

        let mut pending = segment.output_times.iter().copied().peekable();
        let mut steps = 0;
        let mut previous = segment.start;
        let outcome = loop {
            if steps >= segment.max_steps {
                let state = solver.state();
                break Err(rhs.failure(
                    state.t,
                    state.y.batch_as_slice(0),
                    format!("step limit reached (max_steps = {})", options.max_steps),
                ));
            }
            let reason = match solver.step() {
                Ok(reason) => reason,
                Err(e) => {
                    let state = solver.state();
                    break Err(rhs.failure(state.t, state.y.batch_as_slice(0), e.to_string()));
                }
            };
            steps += 1;
            let state = solver.state();
            let now = state.t;
            let current = state.y.batch_as_slice(0);
            if let Some(k) = first_non_finite(current) {
                break Err(Error::NonFiniteState {
                    time: now,
                    state: model.states()[k].name.clone(),
                    value: current[k],
                });
            }
            let mut failed = None;
            while let Some(&t_out) = pending.peek() {
                if t_out > now {
                    break;
                }
                match solver.interpolate_inplace(t_out, &mut interpolated) {
                    Ok(()) => record(t_out, interpolated.batch_as_slice(0)),
                    Err(e) => {
                        let current = solver.state().y.batch_as_slice(0);
                        failed = Some(rhs.failure(t_out, current, e.to_string()));
                        break;
                    }
                }
                pending.next();
            }
            if let Some(error) = failed {
                break Err(error);
            }
            let dense = |t: f64, out: &mut [f64]| -> Result<()> {
                let mut buffer = dense_buffer.borrow_mut();
                solver
                    .interpolate_inplace(t, &mut buffer)
                    .map_err(|e| rhs.failure(t, current, e.to_string()))?;
                out.copy_from_slice(buffer.batch_as_slice(0));
                Ok(())
            };
            let derivative = |t: f64, out: &mut [f64]| -> Result<()> {
                let mut buffer = dense_buffer.borrow_mut();
                solver
                    .interpolate_dy_inplace(t, &mut buffer)
                    .map_err(|e| rhs.failure(t, current, e.to_string()))?;
                out.copy_from_slice(buffer.batch_as_slice(0));
                Ok(())
            };
            let step = Step {
                start: previous,
                end: now,
                state: current,
                dense: &dense,
                derivative: &derivative,
            };
            if let Err(error) = on_step(&step) {
                break Err(error);
            }
            previous = now;
            if matches!(reason, OdeSolverStopReason::TstopReached) {
                y.copy_from_slice(solver.state().y.batch_as_slice(0));
                break Ok(());
            }
        };
        stats.steps += steps;
        stats.rejected_steps += failures(&solver) - failures_before;
        stats.rhs_evaluations += evaluations() - evaluations_before;
        stats.jacobian_evaluations += jacobian.borrow().evaluations() - jacobians_before;
        let work = linear_work(&solver);
        stats.lu_factorisations += work.0 - work_before.0;
        stats.newton_iterations += work.1 - work_before.1;
        outcome
    };
    body(&mut advance)
}
