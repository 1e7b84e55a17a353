//! Implicit BDF integration with `diffsol` (dense nalgebra LU), for stiff models.
//!
//! The Jacobian is not asked of sub-models: `diffsol` builds it column by column from
//! Jacobian–vector products, which we supply by forward differences of the composed
//! right-hand side. The solver restarts at every event time (a dose is a discontinuity)
//! and interpolates output times inside a segment, so outputs never change the steps.

use super::{first_non_finite, Rhs, Segment};
use crate::error::{Error, Result};
use crate::trajectory::SolverStats;
use diffsol::{NalgebraLU, NalgebraMat, OdeBuilder, OdeSolverMethod, OdeSolverStopReason};
use std::cell::RefCell;

/// Scratch for forward-difference Jacobian–vector products, caching `f(t, x)`.
struct Differences {
    t: f64,
    x: Vec<f64>,
    fx: Vec<f64>,
    shifted: Vec<f64>,
    f_shifted: Vec<f64>,
    valid: bool,
}

/// Integrates one segment, calling `record` at each output time inside it.
pub(crate) fn integrate(
    segment: &Segment<'_>,
    y: &mut [f64],
    stats: &mut SolverStats,
    record: &mut dyn FnMut(f64, &[f64]),
) -> Result<()> {
    let n = y.len();
    let rhs = Rhs::new(segment);
    let options = segment.options;
    let start_state = y.to_vec();
    let scratch = RefCell::new(Differences {
        t: f64::NAN,
        x: vec![0.0; n],
        fx: vec![0.0; n],
        shifted: vec![0.0; n],
        f_shifted: vec![0.0; n],
        valid: false,
    });
    let setup_failure =
        |e: diffsol::DiffsolError| rhs.failure(segment.start, &start_state, e.to_string());
    let problem = OdeBuilder::<NalgebraMat<f64>>::new()
        .t0(segment.start)
        .rtol(options.rtol)
        .atol(vec![options.atol; n])
        .rhs_implicit(
            |x: &[f64], _p: &[f64], t: f64, out: &mut [f64]| rhs.eval(t, x, out),
            |x: &[f64], _p: &[f64], t: f64, v: &[f64], out: &mut [f64]| {
                jacobian_times(&rhs, &mut scratch.borrow_mut(), t, x, v, out)
            },
        )
        .init(
            |_p: &[f64], _t: f64, out: &mut [f64]| out.copy_from_slice(&start_state),
            n,
        )
        .build()
        .map_err(setup_failure)?;
    let mut solver = problem.bdf::<NalgebraLU<f64>>().map_err(setup_failure)?;
    solver.set_stop_time(segment.end).map_err(setup_failure)?;

    let mut pending = segment.output_times.iter().copied().peekable();
    let mut steps = 0;
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
        if let Some(index) = first_non_finite(state.y.batch_as_slice(0)) {
            break Err(Error::NonFiniteState {
                time: now,
                state: segment.model.states()[index].name.clone(),
                value: state.y.batch_as_slice(0)[index],
            });
        }
        while let Some(&t_out) = pending.peek() {
            if t_out > now {
                break;
            }
            match solver.interpolate(t_out) {
                Ok(value) => record(t_out, value.batch_as_slice(0)),
                Err(e) => return Err(rhs.failure(t_out, state.y.batch_as_slice(0), e.to_string())),
            }
            pending.next();
        }
        if matches!(reason, OdeSolverStopReason::TstopReached) {
            y.copy_from_slice(solver.state().y.batch_as_slice(0));
            break Ok(());
        }
    };
    let solver_stats = solver.get_statistics();
    stats.steps += steps;
    stats.rejected_steps +=
        solver_stats.number_of_error_test_failures + solver_stats.number_of_nonlinear_solver_fails;
    stats.rhs_evaluations += rhs.evaluations();
    outcome
}

/// `out = J(t, x) v` by a forward difference with step
/// `sqrt(eps) (1 + max{|x_i| : v_i != 0}) / max|v_i|`, which for the unit vectors `diffsol`
/// uses to build a dense Jacobian is the classical per-column step `sqrt(eps) (1 + |x_j|)`.
fn jacobian_times(
    rhs: &Rhs<'_>,
    d: &mut Differences,
    t: f64,
    x: &[f64],
    v: &[f64],
    out: &mut [f64],
) {
    let v_max = v.iter().fold(0.0f64, |m, vi| m.max(vi.abs()));
    if v_max == 0.0 || !v_max.is_finite() {
        let fill = if v_max == 0.0 { 0.0 } else { f64::NAN };
        out.iter_mut().for_each(|o| *o = fill);
        return;
    }
    if !(d.valid && d.t.to_bits() == t.to_bits() && d.x == x) {
        d.x.copy_from_slice(x);
        d.t = t;
        rhs.eval(t, x, &mut d.fx);
        d.valid = true;
    }
    let x_max = x
        .iter()
        .zip(v)
        .filter(|(_, vi)| **vi != 0.0)
        .fold(0.0f64, |m, (xi, _)| m.max(xi.abs()));
    let step = f64::EPSILON.sqrt() * (1.0 + x_max) / v_max;
    for ((s, xi), vi) in d.shifted.iter_mut().zip(x).zip(v) {
        *s = xi + step * vi;
    }
    rhs.eval(t, &d.shifted, &mut d.f_shifted);
    for ((o, f1), f0) in out.iter_mut().zip(&d.f_shifted).zip(&d.fx) {
        *o = (f1 - f0) / step;
    }
}
