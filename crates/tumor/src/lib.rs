#![doc = include_str!("../README.md")]
//!
//! Modules: [`growth`] (growth laws with closed forms), [`kill`] (drug effects),
//! [`seeding`] (metastatic seeding rate), [`TumorSite`] (the sub-model), [`metastasis`]
//! (the size-structured Iwata model) and [`validation`] (suites `tumor/growth`,
//! `tumor/radiation`, `tumor/treatment`, `tumor/metastasis`). Radiobiology arithmetic
//! (LQ survival, BED, EQD2) lives in [`oncodyn_core::radiobiology`].

pub mod growth;
pub mod kill;
pub mod metastasis;
pub mod seeding;
mod site;
pub mod validation;

pub use growth::{
    Exponential, ExponentialLinear, GeneralizedBertalanffy, Gompertz, GompertzBenzekry, GrowthLaw,
    Logistic, PowerLaw, VonBertalanffy,
};
pub use kill::{DrugEffect, EmaxKill, LogKill, NortonSimonKill};
pub use metastasis::{Colonization, Iwata, IwataParams, IwataSolution, SizeClass};
pub use oncodyn_core::radiobiology::LinearQuadratic;
pub use seeding::{MetastaticSeeding, CELLS_PER_DAY};
pub use site::{
    TumorSite, BURDEN_SUFFIX, CELLS_STATE, DEFAULT_CURE_THRESHOLD, INFLUX_SUFFIX,
    KILL_HAZARD_SUFFIX,
};
