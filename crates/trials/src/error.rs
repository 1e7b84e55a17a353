//! The error type of `oncodyn-trials`: every failure names the option, file, patient or
//! parameter it belongs to.

use std::path::PathBuf;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong when drawing a population, running, writing or merging a trial.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A trial option is out of range (`patients = 0`, `threads = 0`, a tolerance…).
    #[error("invalid trial option `{name}` = {value}: {reason}")]
    InvalidOption {
        /// Option name (`patients`, `threads`, `rtol`, `atol`, `resolution_days`).
        name: &'static str,
        /// The rejected value, as given.
        value: String,
        /// What the value must be.
        reason: &'static str,
    },
    /// A shard specification that is not `k/n` with `1 <= k <= n`.
    #[error("invalid shard `{spec}`: {reason}")]
    InvalidShard {
        /// The specification as given (`3/2`, `0/0`).
        spec: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A `[[population.parameter]]` entry is invalid (negative `cv`, unknown distribution…).
    #[error("[[population.parameter]] `{parameter}`: {reason}")]
    Population {
        /// The entry's `name`.
        parameter: String,
        /// What is wrong, with the offending value.
        reason: String,
    },
    /// Every one of the allowed draws of a patient was rejected by the model's ranges.
    #[error(
        "patient {patient}: {attempts} successive parameter draws were rejected; the last one: {last}"
    )]
    Redraw {
        /// Patient index (0-based).
        patient: usize,
        /// Number of draws tried.
        attempts: usize,
        /// Why the last draw was rejected (names the parameter and its range).
        last: String,
    },
    /// The simulation of one patient under one arm failed.
    #[error("patient {patient}, arm {arm}: {source}")]
    Patient {
        /// Patient index (0-based).
        patient: usize,
        /// Arm name.
        arm: String,
        /// The underlying failure.
        source: Box<Error>,
    },
    /// Trial outputs that cannot be merged or resumed: another scenario, seed, cohort size
    /// or solver setting, overlapping or missing shards.
    #[error("{}: {reason}", path.display())]
    Mismatch {
        /// The file or folder concerned.
        path: PathBuf,
        /// What does not match.
        reason: String,
    },
    /// A trial file that is unreadable, truncated or inconsistent with its manifest.
    #[error("{}: {reason}", path.display())]
    Corrupt {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file or folder could not be read or written.
    #[error("i/o error on {}: {source}", path.display())]
    Io {
        /// File or folder concerned.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A scenario error (file, model building, simulation).
    #[error(transparent)]
    Scenario(#[from] oncodyn_scenario::Error),
    /// A model, simulation, statistics or output error from `oncodyn-core`.
    #[error(transparent)]
    Model(#[from] oncodyn_core::Error),
}

impl Error {
    /// An [`Error::InvalidOption`].
    pub(crate) fn option(name: &'static str, value: impl ToString, reason: &'static str) -> Self {
        Self::InvalidOption {
            name,
            value: value.to_string(),
            reason,
        }
    }

    /// An [`Error::Io`] on `path`.
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
