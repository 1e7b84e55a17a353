#![doc = include_str!("../README.md")]

mod error;
mod options;
pub mod output;
pub mod plots;
pub mod population;
pub mod record;
mod report;
pub mod rng;
mod run;
mod shard;
pub mod stats;
pub mod summary;
pub mod svg;
pub mod testing;
pub mod validation;

pub use error::{Error, Result};
pub use options::{fnv1a_128, scenario_digest, Fingerprint, TrialOptions, TRIAL_ATOL, TRIAL_RTOL};
pub use output::{completed, merge, run_or_resume, write_outputs, Manifest, RunStatus};
pub use report::{km_csv, markdown};
pub use run::{run_trial, ArmInfo, SavedTrajectory, TrialOutput};
pub use shard::Shard;
pub use summary::{analyse, Analysis, TrialSummary};
