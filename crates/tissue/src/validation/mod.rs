//! Validation suites of oncodyn-tissue:
//!
//! - `tissue/friberg`: baseline equilibria (FRI-1), linearised rebound against the Jacobian
//!   (FRI-2), the docetaxel single-dose nadir (FRI-3) and its independent variants (FRI-4
//!   to FRI-6, other doses), PK fixture identities (FRI-7), the Quartino baseline (FRI-8),
//!   and stem-cell-supported regeneration (REG-1, REG-2);
//! - `tissue/transplant`: LT-HSC logistic engraftment and neutral competition (HSCT-1,
//!   HSCT-2), stage steady states and flux balance (HSCT-3, HSCT-4), the Stiehl steady
//!   state and engraftment times (STI-1 to STI-4);
//! - `tissue/radiation`: linear-quadratic survival through the normal-tissue sub-model
//!   (LQ-5 to LQ-8) and repopulation between fractions (RAD-1, RAD-2).
//!
//! Expected values are cited constants; nothing is read from files. The docetaxel PK the
//! myelosuppression cases need is a private test fixture (module `fixtures`).

mod docetaxel;
pub(crate) mod fixtures;
mod friberg;
mod radiation;
pub(crate) mod scenario;
mod transplant;

pub use docetaxel::{FRI3_NADIR, FRI3_NADIR_DAY, FRI3_NADIR_RATIO};

use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::Result;

/// Suite name of the myelosuppression cases.
pub const FRIBERG_SUITE: &str = "tissue/friberg";
/// Suite name of the transplant engraftment cases.
pub const TRANSPLANT_SUITE: &str = "tissue/transplant";
/// Suite name of the normal-tissue radiation cases.
pub const RADIATION_SUITE: &str = "tissue/radiation";

/// Runs every suite. [`Fidelity::Quick`] runs fewer doses in the dose sweep and fewer
/// output checks, with the same tolerances.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = friberg::baseline_equilibria()?;
    records.extend(friberg::linearised_rebound()?);
    records.extend(friberg::pk_identities()?);
    records.extend(friberg::quartino_baseline()?);
    let (bolus, linear_180) = docetaxel::bolus_cases()?;
    records.extend(bolus);
    records.extend(docetaxel::emax_cases(&linear_180)?);
    records.extend(docetaxel::dose_sweep(fidelity)?);
    records.extend(docetaxel::regeneration_cases()?);
    records.extend(transplant::run(fidelity)?);
    records.extend(radiation::run()?);
    Ok(records)
}

#[cfg(test)]
mod tests;
