//! Validation suites of `oncodyn-delivery`: `delivery/trafficking` (lung first pass and
//! clearance after Lee et al. 2009, mass balance, homing, routes, exact solutions),
//! `delivery/payload` (payload kinetics against closed forms), `delivery/wodarz`,
//! `delivery/bajzer` and `delivery/stein`.
//!
//! Expected values are embedded as cited constants; nothing is read from files. Cases
//! without a published number are independent checks ([`CaseRecord::independent`]) judged
//! on the structural property they state.

mod bajzer;
mod payload;
mod stein;
mod trafficking;
mod wodarz;

pub use bajzer::run as run_bajzer;
pub use payload::run as run_payload;
pub use stein::run as run_stein;
pub use trafficking::run as run_trafficking;
pub use wodarz::run as run_wodarz;

use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{Result, Signal, SubModel, Var};

/// Runs every suite of the crate.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = run_trafficking(fidelity)?;
    records.extend(run_payload(fidelity)?);
    records.extend(run_wodarz(fidelity)?);
    records.extend(run_bajzer(fidelity)?);
    records.extend(run_stein(fidelity)?);
    Ok(records)
}

/// A published upper bound: passes when `actual < bound`.
fn upper_bound(
    suite: &str,
    case: &str,
    source: &str,
    quantity: &str,
    bound: f64,
    actual: f64,
) -> CaseRecord {
    CaseRecord {
        suite: suite.into(),
        case: case.into(),
        source: source.into(),
        quantity: quantity.into(),
        expected: Some(bound),
        actual,
        tolerance: "upper bound: actual < expected".into(),
        passed: actual < bound,
    }
}

/// Largest relative deviation `|a - b| / |b|` over pairs (absolute where `b` is 0).
fn max_relative_error(pairs: impl IntoIterator<Item = (f64, f64)>) -> f64 {
    pairs
        .into_iter()
        .map(|(a, b)| oncodyn_core::validation::relative_error(a, b))
        .fold(0.0, f64::max)
}

/// Largest `|a - b| / max(|b|, floor)` over pairs: a relative error for values above
/// `floor`, an absolute one (in units of `floor`) below.
fn max_scaled_error(pairs: impl IntoIterator<Item = (f64, f64)>, floor: f64) -> f64 {
    pairs
        .into_iter()
        .map(|(a, b)| {
            let error = (a - b).abs() / b.abs().max(floor);
            if error.is_nan() {
                f64::INFINITY
            } else {
                error
            }
        })
        .fold(0.0, f64::max)
}

/// A stateless sub-model publishing constant signals (a fixed tumor burden, a constant
/// prodrug concentration), for checks against closed forms.
#[derive(Debug, Clone)]
pub(crate) struct Constants {
    name: String,
    outputs: Vec<Signal>,
    values: Vec<f64>,
}

impl Constants {
    /// `signals` are `(name, unit, value)`.
    pub(crate) fn new(name: &str, signals: &[(&str, &str, f64)]) -> Self {
        Self {
            name: name.into(),
            outputs: signals
                .iter()
                .map(|(n, u, _)| Signal::single(*n, *u))
                .collect(),
            values: signals.iter().map(|(_, _, v)| *v).collect(),
        }
    }
}

impl SubModel for Constants {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &[]
    }

    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }

    fn init(&self, _y: &mut [f64]) {}

    fn publish(&self, _t: f64, _y: &[f64], out: &mut [f64]) {
        out.copy_from_slice(&self.values);
    }

    fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], _dy: &mut [f64]) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_validation_passes() {
        let records = run(Fidelity::Quick).unwrap();
        for r in &records {
            eprintln!(
                "{} | {} | {} | exp {:?} | act {:e} | {} | {}",
                r.suite, r.case, r.quantity, r.expected, r.actual, r.tolerance, r.passed
            );
        }
        oncodyn_core::testing::assert_all_passed(&records);
    }
}
