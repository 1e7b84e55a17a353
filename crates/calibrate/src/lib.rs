#![doc = include_str!("../README.md")]
//!
//! Modules: [`series`] (validated time series), [`params`] (free parameters and bounded
//! transforms), [`predict`] (closed-form and ODE predictors), [`mod@fit`] (Levenberg–Marquardt
//! fitting and diagnostics), [`stats`] (standard errors, paired bootstrap), [`laleh`]
//! (the Laleh et al. 2022 data), [`models`] and [`comparison`] (the growth-model
//! comparison protocol) and [`validation`] (suite `calibrate/fit`).

pub mod comparison;
mod error;
pub mod fit;
pub mod laleh;
pub mod models;
mod options;
pub mod params;
pub mod predict;
mod report;
pub mod series;
pub mod stats;
pub mod validation;

pub use comparison::{compare, Comparison, ComparisonOptions};
pub use error::{Error, Result};
pub use fit::{fit, fit_closed_form, fit_model, Fit, FitOptions, FitStatus};
pub use models::GrowthModel;
pub use params::{FreeParameter, Selection, Transform};
pub use predict::{ClosedForm, Observation, OdeModel, Predictor};
pub use series::Series;
