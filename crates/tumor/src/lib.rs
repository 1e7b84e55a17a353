#![doc = include_str!("../README.md")]
//!
//! Modules: [`growth`] (growth laws with closed forms), [`kill`] (drug effects),
//! [`TumorSite`] (the sub-model) and [`validation`] (suite `tumor/growth`).

pub mod growth;
pub mod kill;
mod site;
pub mod validation;

pub use growth::{
    Exponential, GeneralizedBertalanffy, Gompertz, GompertzBenzekry, GrowthLaw, Logistic, PowerLaw,
    VonBertalanffy,
};
pub use kill::{DrugEffect, EmaxKill, LogKill};
pub use site::{TumorSite, BURDEN_SUFFIX, CELLS_STATE, KILL_HAZARD_SUFFIX};
