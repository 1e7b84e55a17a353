#![doc = include_str!("../README.md")]

mod absorption;
mod antibody;
mod exact;
mod fractionation;
mod params;
mod pk;
mod plan;
mod regimen;
pub mod validation;

pub use absorption::AbsorptionParams;
pub use antibody::{
    Antibody, AntibodyParams, ANTI_PD1_HALF_LIFE_DAYS, ANTI_PD1_VOLUME_L, MG_PER_LITRE,
};
pub use fractionation::{FractionSchedule, FractionSpec, Weekday, MAX_FRACTIONS};
pub use params::{mg_to_umol, LinearPkParams, DOCETAXEL_MG_PER_UMOL};
pub use pk::LinearPk;
pub use plan::{merge_events, TreatmentPlan};
pub use regimen::{bsa_mosteller, DoseBasis, Regimen, RegimenSpec, MAX_CYCLES};
