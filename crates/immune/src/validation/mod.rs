//! Validation suites of the immune models: `immune/kuznetsov`, `immune/effectors`,
//! `immune/kirschner-panetta` and `immune/de-pillis`.
//!
//! Expected values are embedded as cited constants; nothing is read from files. Cases
//! without a published number are [`CaseRecord::independent`]: the computed value is
//! reported with the structural property checked.

mod de_pillis;
mod effectors;
mod extrema;
mod kirschner_panetta;
mod kp_dynamics;
mod kuznetsov;
mod kuznetsov_dynamics;

use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{Method, Output, Result, SolverOptions};

pub use extrema::{maxima, Maximum};

/// Solver settings of the validation runs: Dop853 with `rtol = 1e-12`, `atol = 1e-12`.
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-12";

/// Options of the validation runs ([`SOLVER_TEXT`]) recording at `times`.
pub fn solver_options(times: &[f64]) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-12)
        .output(Output::Times(times.to_vec()))
}

/// Runs every suite of the crate. [`Fidelity::Quick`] shortens the long limit-cycle run
/// and scans coarser grids; tolerances are the same.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = kuznetsov::run(fidelity)?;
    records.extend(effectors::run(fidelity)?);
    records.extend(kirschner_panetta::run(fidelity)?);
    records.extend(de_pillis::run(fidelity)?);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oncodyn_core::testing::assert_all_passed;

    #[test]
    fn quick_suites_pass() {
        let records = run(Fidelity::Quick).unwrap();
        assert_all_passed(&records);
        for suite in [
            "immune/kuznetsov",
            "immune/effectors",
            "immune/kirschner-panetta",
            "immune/de-pillis",
        ] {
            assert!(records.iter().any(|r| r.suite == suite), "{suite} missing");
        }
    }
}
