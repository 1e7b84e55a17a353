#![doc = include_str!("../README.md")]

mod build;
pub mod endpoints;
mod error;
pub mod file;
mod run;
mod scenario;
pub mod spec;
pub mod validation;

#[cfg(test)]
mod tests;

pub use build::ArmPlan;
pub use error::{line_column, Error, Result};
pub use run::{
    endpoints, run, run_arm, simulate_endpoints, ArmEndpoints, ArmResult, CycleNadir, GRADE3_BELOW,
    GRADE4_BELOW,
};
pub use scenario::{Scenario, FLAGSHIP_TOML};
