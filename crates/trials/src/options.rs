//! [`TrialOptions`] and the [`Fingerprint`] that identifies a trial's results.

use crate::error::{Error, Result};
use crate::shard::Shard;
use oncodyn_scenario::Scenario;

/// Relative tolerance of trial simulations unless the scenario asks for a looser one:
/// the benchmark tolerance of the trial issue (errors of about 1e-6 relative in the
/// states at day 365 of the flagship, see `docs/benchmarks.md`).
pub const TRIAL_RTOL: f64 = 1e-6;

/// Absolute tolerance (each state's unit) of trial simulations unless the scenario asks
/// for a looser one. Against a reference at rtol 1e-10, atol 1e-12 (100 flagship patients
/// × 6 arms, seed 7; `docs/benchmarks.md`), trials at rtol 1e-6 with atol 1e-6 give the
/// same best overall response and progression day for every patient-arm, death days
/// within 2.7e-3 day, nadirs within 3.4e-5 × 10^9/L and days of grade ≥ 3 within 2.5e-3
/// day (with atol 1e-10: 2.2e-3 day, 1.5e-5 × 10^9/L, 1.2e-3 day), for 19 % less time.
pub const TRIAL_ATOL: f64 = 1e-6;

/// How to run a trial.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialOptions {
    /// Cohort size (at least 1).
    pub patients: usize,
    /// Seed of the cohort; patient `i` draws from the stream of `(seed, i)`.
    pub seed: u64,
    /// Worker threads (at least 1). Results do not depend on it.
    pub threads: usize,
    /// Simulate only this shard of the cohort (`None`: every patient).
    pub shard: Option<Shard>,
    /// Keep the trajectories of the first this many patients (every arm), at the
    /// scenario's `[output] step_days`.
    pub save_trajectories: usize,
    /// Relative tolerance of the solver (dimensionless, in (0, 0.1]).
    pub rtol: f64,
    /// Absolute tolerance of the solver (each state's unit, > 0).
    pub atol: f64,
    /// Output resolution from which endpoints are computed when they cannot be located on
    /// the solver's steps (explicit methods; days, > 0). With BDF the death day, the time
    /// below the neutropenia thresholds and the nadirs are located to 1e-9 day instead.
    pub resolution_days: f64,
}

impl TrialOptions {
    /// Options for `scenario`: cohort size and seed from its `[population]` (1000 and 1
    /// without one), one thread per available core, no shard, no trajectory, the
    /// scenario's solver with its tolerances loosened to [`TRIAL_RTOL`] and
    /// [`TRIAL_ATOL`], and its
    /// `[endpoints] resolution_days`.
    pub fn for_scenario(scenario: &Scenario) -> Self {
        let file = scenario.file();
        let (patients, seed) = file
            .population
            .as_ref()
            .map_or((1000, 1), |p| (p.patients, p.seed));
        Self {
            patients,
            seed,
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            shard: None,
            save_trajectories: 0,
            rtol: file.solver.rtol.max(TRIAL_RTOL),
            atol: file.solver.atol.max(TRIAL_ATOL),
            resolution_days: file.endpoints.resolution_days,
        }
    }

    /// Checks every option.
    pub fn validate(&self) -> Result<()> {
        if self.patients == 0 {
            return Err(Error::option(
                "patients",
                0,
                "a trial needs at least one patient",
            ));
        }
        if self.threads == 0 {
            return Err(Error::option("threads", 0, "at least one thread is needed"));
        }
        if !(self.rtol > 0.0 && self.rtol <= 0.1) {
            return Err(Error::option("rtol", self.rtol, "must be in (0, 0.1]"));
        }
        if !(self.atol > 0.0 && self.atol.is_finite()) {
            return Err(Error::option(
                "atol",
                self.atol,
                "must be positive and finite",
            ));
        }
        if !(self.resolution_days > 0.0 && self.resolution_days.is_finite()) {
            return Err(Error::option(
                "resolution_days",
                self.resolution_days,
                "must be positive and finite",
            ));
        }
        Ok(())
    }

    /// The patients this run simulates (0-based indices).
    pub fn range(&self) -> std::ops::Range<usize> {
        self.shard
            .map_or(0..self.patients, |s| s.range(self.patients))
    }
}

/// What a trial's results depend on. Shard outputs merge only when their fingerprints are
/// equal; a complete output is reused only when its fingerprint equals the new run's.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// Version of `oncodyn-trials` that produced the results.
    pub version: String,
    /// Scenario name.
    pub scenario: String,
    /// FNV-1a 128-bit digest (hex) of the parsed scenario (every table, key, value and
    /// source position; comments do not count).
    pub scenario_digest: String,
    /// Cohort seed.
    pub seed: u64,
    /// Cohort size.
    pub patients: usize,
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance.
    pub atol: f64,
    /// Endpoint resolution (days).
    pub resolution_days: f64,
}

impl Fingerprint {
    /// The fingerprint of running `scenario` with `options`.
    pub fn new(scenario: &Scenario, options: &TrialOptions) -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            scenario: scenario.name().to_string(),
            scenario_digest: scenario_digest(scenario),
            seed: options.seed,
            patients: options.patients,
            rtol: options.rtol,
            atol: options.atol,
            resolution_days: options.resolution_days,
        }
    }

    /// Every field that differs from `other`, as `field: mine vs other` (empty if equal).
    pub fn differences(&self, other: &Self) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |field: &str, a: String, b: String| {
            if a != b {
                out.push(format!("{field}: {a} vs {b}"));
            }
        };
        check("version", self.version.clone(), other.version.clone());
        check("scenario", self.scenario.clone(), other.scenario.clone());
        check(
            "scenario digest",
            self.scenario_digest.clone(),
            other.scenario_digest.clone(),
        );
        check("seed", self.seed.to_string(), other.seed.to_string());
        check(
            "patients",
            self.patients.to_string(),
            other.patients.to_string(),
        );
        let bits = |x: f64| format!("{x:e}");
        check("rtol", bits(self.rtol), bits(other.rtol));
        check("atol", bits(self.atol), bits(other.atol));
        check(
            "resolution_days",
            bits(self.resolution_days),
            bits(other.resolution_days),
        );
        out
    }
}

/// FNV-1a 128-bit digest (Fowler, Noll & Vo; IETF draft-eastlake-fnv) of the parsed
/// scenario's debug form.
pub fn scenario_digest(scenario: &Scenario) -> String {
    format!(
        "{:032x}",
        fnv1a_128(format!("{:?}", scenario.file()).as_bytes())
    )
}

/// FNV-1a with the 128-bit offset basis and prime.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_vectors() {
        // draft-eastlake-fnv test vectors: FNV-1a-128("") = offset basis,
        // FNV-1a-128("a") = d228cb696f1a8caf78912b704e4a8964.
        assert_eq!(fnv1a_128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
    }
}
