#![doc = include_str!("../README.md")]
//!
//! Modules: [`kuznetsov`] (Kuznetsov et al. 1994), [`Effectors`] (the composable effector
//! population with immunotherapy inputs), [`KirschnerPanetta`] (1998), [`DePillis2005`],
//! [`DePillis2006`], shared pieces in [`common`], and [`validation`] (suites
//! `immune/kuznetsov`, `immune/kirschner-panetta`, `immune/de-pillis`).

pub mod common;
mod de_pillis_2005;
mod de_pillis_2006;
mod effectors;
mod kirschner_panetta;
pub mod kuznetsov;
pub mod validation;

pub use common::{TumorScale, BURDEN_SUFFIX, KILL_HAZARD_SUFFIX};
pub use de_pillis_2005::{cd8_lysis_rate, DePillis2005, DePillis2005Params, MEFAST_CELL_UNIT};
pub use de_pillis_2006::{
    DePillis2006, DePillis2006Params, DE_PILLIS_2006_STATES, PATIENT9_L_HIGH, PATIENT9_L_LOW,
};
pub use effectors::{
    Effectors, EffectorsParams, CHECKPOINT_SIGNAL, IMMUNOMODULATION_SIGNAL, NATIVE_MSC_THETA,
};
pub use kirschner_panetta::{
    KirschnerPanetta, KirschnerPanettaParams, IL2_PER_CELL_DAY, IL2_PER_DAY, IL2_UNIT,
};
pub use kuznetsov::{
    Kuznetsov, KuznetsovParams, KuznetsovScaled, KuznetsovScaledParams, KUZNETSOV_SCALE,
};
