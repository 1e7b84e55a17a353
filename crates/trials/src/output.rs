//! Trial files: writing a run's outputs, resuming a run whose outputs are complete, and
//! merging shard outputs into exactly the single-run result.
//!
//! A run writes into its folder (every file atomically, the manifest last, so a killed run
//! leaves either no manifest or a complete output):
//!
//! | file | content |
//! |---|---|
//! | `patients.csv` (`patients.shard-k-of-n.csv`) | one row per patient and arm |
//! | `trajectories/patient-<i>-arm-<name>.csv` | kept trajectories |
//! | `summary.json`, `summary.md`, `km.csv` | statistics (complete cohorts only) |
//! | `km_pfs.svg`, `km_os.svg`, `response.svg`, `toxicity.svg`, `waterfall.svg` | figures (complete cohorts only) |
//! | `trial.json` (`trial.shard-k-of-n.json`) | the [`Manifest`], written last |
//!
//! Shards of one trial may share a folder or use one each; [`merge`] reads every manifest
//! of the folders it is given, refuses outputs whose [`Fingerprint`]s differ, and checks
//! that the shards cover the cohort exactly once.

use crate::error::{Error, Result};
use crate::options::{fnv1a_128, Fingerprint, TrialOptions};
use crate::plots::{km_figure, response_bars, toxicity_bars, waterfall_figure};
use crate::record::{from_csv, to_csv};
use crate::report::{km_csv, markdown};
use crate::run::{run_trial, ArmInfo, TrialOutput};
use crate::shard::Shard;
use crate::summary::analyse;
use oncodyn_core::io::write_atomically;
use oncodyn_scenario::Scenario;
use std::path::{Path, PathBuf};

/// The manifest of a trial output: what it is, and a digest of its patient table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// What the results depend on.
    pub fingerprint: Fingerprint,
    /// The shard (`None`: a single run of the whole cohort).
    pub shard: Option<Shard>,
    /// First patient (0-based).
    pub first_patient: usize,
    /// One past the last patient.
    pub end_patient: usize,
    /// Arms, in scenario order.
    pub arms: Vec<ArmInfo>,
    /// Varied parameters, in population order.
    pub parameters: Vec<String>,
    /// File name of the patient table, in the same folder.
    pub patients_file: String,
    /// FNV-1a 128-bit digest (hex) of the patient table's bytes.
    pub patients_digest: String,
    /// Kept trajectory files, relative to the folder.
    pub trajectories: Vec<String>,
}

/// `trial.json` or `trial.shard-k-of-n.json`.
pub fn manifest_name(shard: Option<Shard>) -> String {
    shard.map_or_else(
        || "trial.json".into(),
        |s| format!("trial.{}.json", s.tag()),
    )
}

fn patients_name(shard: Option<Shard>) -> String {
    shard.map_or_else(
        || "patients.csv".into(),
        |s| format!("patients.{}.csv", s.tag()),
    )
}

fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(write_atomically(path, |w| {
        w.write_all(bytes)
            .map_err(|source| oncodyn_core::Error::Io {
                path: path.to_path_buf(),
                source,
            })
    })?)
}

fn digest(bytes: &[u8]) -> String {
    format!("{:032x}", fnv1a_128(bytes))
}

/// Writes `output` into `dir` (see the module documentation), the manifest last.
pub fn write_outputs(output: &TrialOutput, dir: &Path) -> Result<Manifest> {
    let arm_names = output.arm_names();
    let patients = to_csv(&output.parameters, &arm_names, &output.records)?;
    let patients_file = patients_name(output.shard);
    write_bytes(&dir.join(&patients_file), &patients)?;
    let mut trajectories = Vec::new();
    for saved in &output.trajectories {
        let name = format!(
            "trajectories/patient-{}-arm-{}.csv",
            saved.patient, saved.arm
        );
        saved.trajectory.write_csv(&dir.join(&name))?;
        trajectories.push(name);
    }
    if output.is_complete() {
        let analysis = analyse(output)?;
        let json = serde_json::to_vec_pretty(&analysis.summary).map_err(|e| Error::Corrupt {
            path: dir.join("summary.json"),
            reason: e.to_string(),
        })?;
        write_bytes(&dir.join("summary.json"), &json)?;
        write_bytes(
            &dir.join("summary.md"),
            markdown(&analysis.summary).as_bytes(),
        )?;
        write_bytes(&dir.join("km.csv"), &km_csv(&analysis)?)?;
        write_bytes(
            &dir.join("km_pfs.svg"),
            km_figure("PFS", &arm_names, &analysis.pfs)?.as_bytes(),
        )?;
        write_bytes(
            &dir.join("km_os.svg"),
            km_figure("OS", &arm_names, &analysis.os)?.as_bytes(),
        )?;
        write_bytes(
            &dir.join("response.svg"),
            response_bars(&analysis).as_bytes(),
        )?;
        if let Some(svg) = toxicity_bars(&analysis) {
            write_bytes(&dir.join("toxicity.svg"), svg.as_bytes())?;
        }
        write_bytes(
            &dir.join("waterfall.svg"),
            waterfall_figure(output).as_bytes(),
        )?;
    }
    let manifest = Manifest {
        fingerprint: output.fingerprint.clone(),
        shard: output.shard,
        first_patient: output.range.start,
        end_patient: output.range.end,
        arms: output.arms.clone(),
        parameters: output.parameters.clone(),
        patients_file,
        patients_digest: digest(&patients),
        trajectories,
    };
    let path = dir.join(manifest_name(output.shard));
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Corrupt {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    write_bytes(&path, &json)?;
    Ok(manifest)
}

fn read_manifest(path: &Path) -> Result<Manifest> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
        path: path.to_path_buf(),
        reason: format!("not a trial manifest: {e}"),
    })
}

/// The patient table of `manifest` (in `dir`), if its bytes match the manifest's digest.
fn read_patients(dir: &Path, manifest: &Manifest) -> Result<Option<Vec<u8>>> {
    let path = dir.join(&manifest.patients_file);
    match std::fs::read(&path) {
        Ok(bytes) if digest(&bytes) == manifest.patients_digest => Ok(Some(bytes)),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// The manifest of a complete output of this run (`scenario`, `options`, its shard) in
/// `dir`, if there is one.
///
/// # Errors
/// [`Error::Mismatch`] if `dir` holds this shard's output of a different trial (another
/// scenario, seed, size or solver setting): choose another folder or remove it.
pub fn completed(
    dir: &Path,
    scenario: &Scenario,
    options: &TrialOptions,
) -> Result<Option<Manifest>> {
    let path = dir.join(manifest_name(options.shard));
    if !path.exists() {
        return Ok(None);
    }
    let manifest = read_manifest(&path)?;
    let expected = Fingerprint::new(scenario, options);
    let differences = expected.differences(&manifest.fingerprint);
    if !differences.is_empty() {
        return Err(Error::Mismatch {
            path,
            reason: format!(
                "holds the output of another trial ({}); choose another folder or remove it",
                differences.join(", ")
            ),
        });
    }
    Ok(read_patients(dir, &manifest)?.map(|_| manifest))
}

/// What [`run_or_resume`] did.
#[derive(Debug, Clone)]
pub enum RunStatus {
    /// The run was simulated and written.
    Ran(Box<TrialOutput>),
    /// A complete output of the same run was already there; nothing was simulated.
    Skipped(Box<Manifest>),
}

/// Runs `options` on `scenario` and writes the outputs into `dir`, unless `dir` already
/// holds this run's complete output (a killed or repeated shard resumes by skipping).
pub fn run_or_resume(
    scenario: &Scenario,
    options: &TrialOptions,
    dir: &Path,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<RunStatus> {
    options.validate()?;
    if let Some(manifest) = completed(dir, scenario, options)? {
        return Ok(RunStatus::Skipped(Box::new(manifest)));
    }
    let output = run_trial(scenario, options, progress)?;
    write_outputs(&output, dir)?;
    Ok(RunStatus::Ran(Box::new(output)))
}

/// Every manifest in `dir` (`trial.json`, `trial.shard-*.json`).
fn manifests_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == "trial.json" || (name.starts_with("trial.shard-") && name.ends_with(".json")) {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// Merges the outputs in `dirs` (shards of one trial) into the output of the whole cohort,
/// identical to a single run's (trajectories stay in the shard folders).
///
/// # Errors
/// [`Error::Mismatch`] if the outputs come from different trials (fingerprint, arms or
/// parameters differ), overlap, or leave patients uncovered; [`Error::Corrupt`] if a
/// patient table does not match its manifest.
pub fn merge(dirs: &[PathBuf]) -> Result<TrialOutput> {
    let mut parts: Vec<(PathBuf, Manifest)> = Vec::new();
    for dir in dirs {
        let found = manifests_in(dir)?;
        if found.is_empty() {
            return Err(Error::Mismatch {
                path: dir.clone(),
                reason: "holds no trial output (no trial.json or trial.shard-*.json)".into(),
            });
        }
        for path in found {
            let manifest = read_manifest(&path)?;
            parts.push((path, manifest));
        }
    }
    let Some((first_path, first)) = parts.first().cloned() else {
        return Err(Error::Mismatch {
            path: PathBuf::from("."),
            reason: "no folder to merge".into(),
        });
    };
    for (path, m) in &parts {
        let differences = m.fingerprint.differences(&first.fingerprint);
        if !differences.is_empty() {
            return Err(Error::Mismatch {
                path: path.clone(),
                reason: format!(
                    "comes from another trial than {} ({})",
                    first_path.display(),
                    differences.join(", ")
                ),
            });
        }
        if m.arms != first.arms || m.parameters != first.parameters {
            return Err(Error::Mismatch {
                path: path.clone(),
                reason: format!("has other arms or parameters than {}", first_path.display()),
            });
        }
    }
    parts.sort_by_key(|(_, m)| (m.first_patient, m.end_patient));
    let patients = first.fingerprint.patients;
    let mut next = 0;
    let arm_names: Vec<String> = first.arms.iter().map(|a| a.name.clone()).collect();
    let mut records = Vec::with_capacity(patients);
    for (path, m) in &parts {
        if m.first_patient != next {
            let reason = if m.first_patient > next {
                format!(
                    "patients {next}..{} are in no output (missing shard?)",
                    m.first_patient
                )
            } else {
                format!("overlaps another output from patient {}", m.first_patient)
            };
            return Err(Error::Mismatch {
                path: path.clone(),
                reason,
            });
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let table = dir.join(&m.patients_file);
        let bytes = read_patients(dir, m)?.ok_or_else(|| Error::Corrupt {
            path: table.clone(),
            reason: "missing, or does not match the digest in its manifest".into(),
        })?;
        let part = from_csv(&table, &bytes, &first.parameters, &arm_names)?;
        let indices_match = part.len() == m.end_patient - m.first_patient
            && part
                .iter()
                .zip(m.first_patient..m.end_patient)
                .all(|(r, i)| r.index == i);
        if !indices_match {
            return Err(Error::Corrupt {
                path: table,
                reason: format!(
                    "does not hold exactly patients {}..{}",
                    m.first_patient, m.end_patient
                ),
            });
        }
        records.extend(part);
        next = m.end_patient;
    }
    if next != patients {
        return Err(Error::Mismatch {
            path: parts.last().map_or(first_path, |(p, _)| p.clone()),
            reason: format!("patients {next}..{patients} are in no output (missing shard?)"),
        });
    }
    Ok(TrialOutput {
        fingerprint: first.fingerprint,
        shard: None,
        range: 0..patients,
        arms: first.arms,
        parameters: first.parameters,
        records,
        trajectories: Vec::new(),
    })
}
