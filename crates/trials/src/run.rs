//! Running a cohort: every patient under every arm (paired design), in parallel over a
//! fixed pool of threads. Each patient's results depend only on `(seed, index)`, and are
//! stored by index, so they are bit-identical for any thread count and any shard split.
//! Trajectories are reduced to endpoints as soon as they are computed (memory
//! O(patients × endpoints)), except for the first `save_trajectories` patients.

use crate::error::{Error, Result};
use crate::options::{Fingerprint, TrialOptions};
use crate::population::Population;
use crate::record::{ArmOutcome, PatientRecord};
use crate::rng::patient_rng;
use crate::shard::Shard;
use oncodyn_core::{simulate, Output, Trajectory};
use oncodyn_scenario::Scenario;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// An arm of the trial.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArmInfo {
    /// Short name (`A`).
    pub name: String,
    /// Description (`chemo + regen`).
    pub label: String,
}

/// A kept trajectory of one patient under one arm, at the scenario's output step.
#[derive(Debug, Clone)]
pub struct SavedTrajectory {
    /// Patient index (0-based).
    pub patient: usize,
    /// Arm name.
    pub arm: String,
    /// The trajectory (the scenario's `[output] variables`, or every column).
    pub trajectory: Trajectory,
}

/// The results of a trial or of one shard of it.
#[derive(Debug, Clone)]
pub struct TrialOutput {
    /// What the results depend on.
    pub fingerprint: Fingerprint,
    /// The shard these results are (`None`: the whole cohort).
    pub shard: Option<Shard>,
    /// Patients covered (0-based indices).
    pub range: Range<usize>,
    /// Arms, in scenario order.
    pub arms: Vec<ArmInfo>,
    /// Labels of the varied parameters, in population order.
    pub parameters: Vec<String>,
    /// One record per patient, by index.
    pub records: Vec<PatientRecord>,
    /// Kept trajectories (patients below `save_trajectories`, every arm).
    pub trajectories: Vec<SavedTrajectory>,
}

impl TrialOutput {
    /// Whether these results cover the whole cohort (summaries and plots need it).
    pub fn is_complete(&self) -> bool {
        self.range == (0..self.fingerprint.patients)
    }

    /// Arm names, in scenario order.
    pub fn arm_names(&self) -> Vec<String> {
        self.arms.iter().map(|a| a.name.clone()).collect()
    }
}

/// Simulates the patients of `options` (all, or one shard) under every arm of `scenario`.
/// `progress(n)` is called (from worker threads) each time `n` more patients are done.
///
/// # Errors
/// Invalid options ([`Error::InvalidOption`]), an invalid `[population]`
/// ([`Error::Population`]), a patient whose draws are all rejected ([`Error::Redraw`]) or
/// whose simulation fails ([`Error::Patient`], the lowest failing index found).
pub fn run_trial(
    scenario: &Scenario,
    options: &TrialOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<TrialOutput> {
    options.validate()?;
    let population = Population::from_scenario(scenario)?;
    let range = options.range();
    let context = Context {
        base: scenario,
        population: &population,
        options,
    };
    let next = AtomicUsize::new(range.start);
    let stop = AtomicBool::new(false);
    let failure: Mutex<Option<(usize, Error)>> = Mutex::new(None);
    let threads = options.threads.min(range.len()).max(1);
    let mut results: Vec<(PatientRecord, Vec<SavedTrajectory>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while !stop.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= range.end {
                            break;
                        }
                        match context.patient(index) {
                            Ok(result) => {
                                done.push(result);
                                progress(1);
                            }
                            Err(e) => {
                                stop.store(true, Ordering::Relaxed);
                                if let Ok(mut slot) = failure.lock() {
                                    if slot.as_ref().is_none_or(|(i, _)| index < *i) {
                                        *slot = Some((index, e));
                                    }
                                }
                                break;
                            }
                        }
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    if let Some((_, e)) = failure.into_inner().ok().flatten() {
        return Err(e);
    }
    if results.len() != range.len() {
        return Err(Error::option(
            "threads",
            options.threads,
            "a worker thread stopped unexpectedly",
        ));
    }
    results.sort_by_key(|(r, _)| r.index);
    let mut records = Vec::with_capacity(results.len());
    let mut trajectories = Vec::new();
    for (record, saved) in results {
        records.push(record);
        trajectories.extend(saved);
    }
    Ok(TrialOutput {
        fingerprint: Fingerprint::new(scenario, options),
        shard: options.shard,
        range,
        arms: scenario
            .arms()
            .iter()
            .map(|a| ArmInfo {
                name: a.name.clone(),
                label: a.label.clone(),
            })
            .collect(),
        parameters: population.names(),
        records,
        trajectories,
    })
}

struct Context<'a> {
    base: &'a Scenario,
    population: &'a Population,
    options: &'a TrialOptions,
}

impl Context<'_> {
    /// Draws and simulates patient `index` under every arm.
    fn patient(&self, index: usize) -> Result<(PatientRecord, Vec<SavedTrajectory>)> {
        let mut rng = patient_rng(self.options.seed, index);
        let patient = self.population.patient(self.base, &mut rng, index)?;
        let scenario = &patient.scenario;
        let model = scenario.model()?;
        let solver = scenario
            .solver_options(self.options.resolution_days)?
            .tolerances(self.options.rtol, self.options.atol);
        let keep = index < self.options.save_trajectories;
        let mut arms = Vec::with_capacity(scenario.arms().len());
        let mut saved = Vec::new();
        for arm in scenario.arms() {
            let failed = |e: Error| Error::Patient {
                patient: index,
                arm: arm.name.clone(),
                source: Box::new(e),
            };
            let (_, endpoints) =
                oncodyn_scenario::simulate_endpoints(scenario, &model, &arm.events, &solver, None)
                    .map_err(|e| failed(e.into()))?;
            arms.push(ArmOutcome::from_endpoints(&endpoints));
            if keep {
                saved.push(SavedTrajectory {
                    patient: index,
                    arm: arm.name.clone(),
                    trajectory: output_trajectory(scenario, &model, &arm.events, &solver)
                        .map_err(failed)?,
                });
            }
        }
        Ok((
            PatientRecord {
                index,
                draws: patient.draws,
                values: patient.values,
                arms,
            },
            saved,
        ))
    }
}

/// The patient's trajectory at the scenario's output step (`[output] step_days`),
/// restricted to its `[output] variables` if any.
fn output_trajectory(
    scenario: &Scenario,
    model: &oncodyn_core::Model,
    events: &[oncodyn_core::Event],
    solver: &oncodyn_core::SolverOptions,
) -> Result<Trajectory> {
    let options = solver
        .clone()
        .output(Output::Every(scenario.file().output.step_days));
    let trajectory = simulate(model, (0.0, scenario.horizon()), events, &options)?;
    let variables = scenario.output_variables();
    if variables.is_empty() {
        Ok(trajectory)
    } else {
        Ok(trajectory.select(|_| true, Some(variables))?)
    }
}
