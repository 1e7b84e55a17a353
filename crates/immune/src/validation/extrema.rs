//! Local maxima of a state along a simulated trajectory, located by bisection on the sign
//! of its time derivative.

use super::solver_options;
use oncodyn_core::{simulate_from, Error, Model, Output, Result};

/// A local maximum of one state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Maximum {
    /// Time of the maximum (days, or the model's time unit).
    pub time: f64,
    /// Value of the state there.
    pub value: f64,
}

/// Local maxima of state `index` of `model` simulated from `y0` over `span`.
///
/// The trajectory is sampled every `step`; wherever the derivative of the state changes
/// from positive to non-positive between samples, the crossing is bisected (each step a
/// simulation from the last point before it, [`SOLVER_TEXT`](super::SOLVER_TEXT)) until
/// the bracket is below `1e-9` times `max(1, |t|)`.
pub fn maxima(
    model: &Model,
    y0: &[f64],
    span: (f64, f64),
    step: f64,
    index: usize,
) -> Result<Vec<Maximum>> {
    if index >= model.n_states() {
        return Err(Error::InvalidOption {
            name: "state index",
            value: index as f64,
            reason: "must be below the number of states",
        });
    }
    let options = solver_options(&[]).output(Output::Every(step));
    let trajectory = simulate_from(model, y0, span, &[], &options)?;
    let n = model.n_states();
    let mut workspace = model.workspace();
    let mut dy = vec![0.0; n];
    let mut slope = |y: &[f64]| {
        model.rhs(0.0, y, &mut dy, &mut workspace);
        dy[index]
    };
    let times = trajectory.times();
    let mut rows: Vec<Vec<f64>> = Vec::with_capacity(times.len());
    for k in 0..times.len() {
        if let Some(row) = trajectory.row(k) {
            rows.push(row[..n].to_vec());
        }
    }
    let slopes: Vec<f64> = rows.iter().map(|y| slope(y)).collect();
    let mut found = Vec::new();
    for k in 0..rows.len().saturating_sub(1) {
        if !(slopes[k] > 0.0 && slopes[k + 1] <= 0.0) {
            continue;
        }
        let (mut lo, mut hi) = (times[k], times[k + 1]);
        let mut y_lo = rows[k].clone();
        while hi - lo > 1e-9 * lo.abs().max(1.0) {
            let mid = 0.5 * (lo + hi);
            let piece = simulate_from(model, &y_lo, (lo, mid), &[], &solver_options(&[mid]))?;
            let y_mid = piece.final_state().map(<[f64]>::to_vec).unwrap_or_default();
            if y_mid.len() != n {
                break;
            }
            if slope(&y_mid) > 0.0 {
                lo = mid;
                y_lo = y_mid;
            } else {
                hi = mid;
            }
        }
        found.push(Maximum {
            time: lo,
            value: y_lo[index],
        });
    }
    Ok(found)
}
