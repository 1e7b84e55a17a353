#![doc = include_str!("../README.md")]
//!
//! Modules: [`StemCells`] with [`TraffickingParams`], [`HomingParams`], [`CellType`]
//! presets, doses and routes; [`payload`] (secreted protein, prodrug enzyme, carried
//! virus); [`wodarz`] and [`bajzer`] (oncolytic-virus models); [`stein`] (CAR-T
//! kinetics); [`validation`] (suites `delivery/*`).

pub mod bajzer;
mod dose;
pub mod payload;
mod presets;
pub mod stein;
mod stem_cells;
mod trafficking;
pub mod validation;
pub mod wodarz;

pub use bajzer::{Bajzer, BajzerParams, BajzerSet};
pub use dose::{CellDose, Route, CELLS_PER_KG, DOSE_SPEC, KG};
pub use payload::{FlucytosinePk, ProdrugEnzyme, ProdrugSource, SecretedProtein, VirusPayload};
pub use presets::{CellType, PresetValue, Source};
pub use stein::{SteinCarT, SteinParams};
pub use stem_cells::{
    StemCells, BLOOD_STATE, CLEARED_STATE, FU_PREFIX, IMMUNOMODULATORY_SIGNAL, INFECTED_PREFIX,
    LUNG_STATE, ORGANS_STATE, PRODRUG_STATE, SITE_PREFIX, VIRUS_PREFIX,
};
pub use trafficking::{iv_bolus_exact, CellCompartments, HomingParams, TraffickingParams};
pub use wodarz::{Wodarz, WodarzParams};
