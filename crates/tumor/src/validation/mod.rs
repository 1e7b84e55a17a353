//! Validation suites of `oncodyn-tumor`, all run by [`run`]:
//! - `tumor/growth` ([`SUITE`]): growth-law anchors GL-1 to GL-12;
//! - `tumor/radiation` ([`RADIATION_SUITE`]): LQ survival, BED and EQD2 (LQ-1 to LQ-8) and
//!   radiation fractions in simulations (RAD-1 to RAD-3);
//! - `tumor/treatment` ([`TREATMENT_SUITE`]): log-kill and Emax identities (KILL-1 to
//!   KILL-3), Norton–Simon kill (NS-1 to NS-3) and the cure threshold (CURE-1 to CURE-4);
//! - `tumor/metastasis` ([`METASTASIS_SUITE`]): the Iwata model (IWA-1 to IWA-7) and the
//!   flagship seeding term (MET-1).
//!
//! Expected values are embedded as cited constants; nothing is read from files. Cases
//! without a published number are [`CaseRecord::independent`] checks of stated properties.

mod growth;
mod growth_anchors;
mod metastasis;
mod radiation;
mod support;
mod treatment;

pub use growth::{
    simulate_law, solver_options, GL1_EXPECTED, GL2_EXPECTED, GL3_EXPECTED, GL4_EXPECTED,
    GL5_EXPECTED, GL6_EXPECTED, LAIRD_A, LAIRD_ALPHA, LAIRD_PLATEAU, ODE_REL_TOL, SOLVER_TEXT,
    SUITE,
};
pub use growth_anchors::{
    GL11_OMEGA, GL11_TIMES, GL11_V0, GL11_V_INF, SIMEONI_LAMBDA0, SIMEONI_LAMBDA1,
};
pub use metastasis::{
    IWA1_SIZE, IWA1_TIME, IWA2_TIME, IWA3_NUMBER, IWA3_PRIMARY, IWA3_TIME, METASTASIS_SUITE,
};
pub use radiation::{LQ5_SURVIVAL, LQ6_SURVIVAL, LQ7_SURVIVAL, LQ_SCHEDULES, RADIATION_SUITE};
pub use treatment::TREATMENT_SUITE;

use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::Result;

/// Runs every suite of the crate. [`Fidelity::Quick`] checks ODE solutions at fewer times
/// and solves the renewal equation on coarser grids, with the same tolerances.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = growth::run(fidelity)?;
    records.extend(growth_anchors::run()?);
    records.extend(radiation::run()?);
    records.extend(treatment::run()?);
    records.extend(metastasis::run(fidelity)?);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oncodyn_core::testing::assert_all_passed;

    #[test]
    fn quick_suite_passes() {
        let records = run(Fidelity::Quick).unwrap();
        assert_all_passed(&records);
        let suites = [SUITE, RADIATION_SUITE, TREATMENT_SUITE, METASTASIS_SUITE];
        assert!(records.iter().all(|r| suites.contains(&r.suite.as_str())));
        let ids = [
            "GL-1", "GL-2", "GL-3", "GL-4", "GL-5", "GL-6", "GL-7", "GL-8", "GL-9", "GL-10",
            "GL-11", "GL-12", "LQ-1", "LQ-2", "LQ-3", "LQ-4", "LQ-5", "LQ-6", "LQ-7", "LQ-8",
            "RAD-1", "RAD-2", "RAD-3", "KILL-1", "KILL-2", "KILL-3", "NS-1", "NS-2", "NS-3",
            "CURE-1", "CURE-2", "CURE-3", "CURE-4a", "CURE-4b", "IWA-1", "IWA-2", "IWA-3", "IWA-4",
            "IWA-5", "IWA-6", "IWA-7", "MET-1",
        ];
        for id in ids {
            assert!(
                records
                    .iter()
                    .any(|r| r.case.starts_with(&format!("{id} "))),
                "{id} missing"
            );
        }
    }
}
