#![doc = include_str!("../README.md")]
//!
//! Modules: [`friberg`] (Friberg 2002 and Quartino 2014 myelosuppression),
//! [`regeneration`] (stem-cell-supported regeneration), [`rebound`](mod@rebound) (linearised rebound),
//! [`stiehl`] and [`zheng`] (transplant engraftment), [`radiation`] (normal-tissue damage),
//! [`endpoints`] (toxicity endpoints) and [`validation`] (suites `tissue/friberg`,
//! `tissue/transplant`, `tissue/radiation`).

pub mod endpoints;
pub mod friberg;
pub mod radiation;
pub mod rebound;
pub mod regeneration;
pub mod stiehl;
pub mod validation;
pub mod zheng;

pub use endpoints::{Extremum, Nadir, NeutropeniaGrade, Recovery, Series};
pub use friberg::{
    DrugEffect, EmaxEffect, Friberg, FribergParams, FribergPreset, LinearEffect, Quartino,
    QuartinoParams,
};
pub use radiation::{NormalTissue, NormalTissueParams, Regrowth};
pub use rebound::{critical_gamma, rebound, Rebound};
pub use regeneration::{RegenerationParams, RegenerativeCells, RegenerativeCellsParams};
pub use stiehl::{Stiehl, StiehlParams};
pub use zheng::{InitialMarrow, LtParams, Reconstitution, StageFluxes, StageParams};

use oncodyn_core::{name_problem, Error, Result};

/// Checks a sub-model, state or signal name, turning a problem into [`Error::InvalidName`].
pub(crate) fn check_name(kind: &'static str, name: &str) -> Result<()> {
    match name_problem(name) {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Friberg>();
        assert_send_sync::<FribergParams>();
        assert_send_sync::<FribergPreset>();
        assert_send_sync::<DrugEffect>();
        assert_send_sync::<Quartino>();
        assert_send_sync::<QuartinoParams>();
        assert_send_sync::<RegenerativeCells>();
        assert_send_sync::<RegenerationParams>();
        assert_send_sync::<Stiehl>();
        assert_send_sync::<StiehlParams>();
        assert_send_sync::<Reconstitution>();
        assert_send_sync::<StageParams>();
        assert_send_sync::<LtParams>();
        assert_send_sync::<NormalTissue>();
        assert_send_sync::<NormalTissueParams>();
        assert_send_sync::<Series>();
        assert_send_sync::<Rebound>();
    }
}
