//! Tests of trial files: written outputs, resume, shard merge bit for bit, refusals.

use crate::cohort::{options, small, small_with};
use oncodyn_trials::*;
use std::path::{Path, PathBuf};

fn quiet(_: usize) {}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_complete_run_writes_every_file_manifest_last() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = small();
    let opts = TrialOptions {
        save_trajectories: 1,
        ..options(12, 2)
    };
    let status = run_or_resume(&scenario, &opts, dir.path(), &quiet).unwrap();
    assert!(matches!(status, RunStatus::Ran(_)));
    for file in [
        "patients.csv",
        "summary.json",
        "summary.md",
        "km.csv",
        "km_pfs.svg",
        "km_os.svg",
        "response.svg",
        "toxicity.svg",
        "waterfall.svg",
        "trial.json",
        "trajectories/patient-0-arm-A.csv",
        "trajectories/patient-0-arm-B.csv",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    let csv = String::from_utf8(read(&dir.path().join("patients.csv"))).unwrap();
    assert_eq!(csv.lines().count(), 1 + 12 * 2);
    assert!(csv.starts_with("patient,arm,draws,param_r,param_kd,param_Circ0,"));
    let summary: TrialSummary =
        serde_json::from_slice(&read(&dir.path().join("summary.json"))).unwrap();
    assert_eq!(summary.arms.len(), 2);
    assert_eq!(summary.comparisons.len(), 2);
    // A second identical run is skipped.
    let again = run_or_resume(&scenario, &opts, dir.path(), &quiet).unwrap();
    assert!(matches!(again, RunStatus::Skipped(_)));
}

#[test]
fn merged_shards_equal_the_single_run_bit_for_bit() {
    let scenario = small();
    let single_dir = tempfile::tempdir().unwrap();
    run_or_resume(&scenario, &options(9, 2), single_dir.path(), &quiet).unwrap();
    // Shards 1 and 2 share a folder, shard 3 has its own.
    let shared = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    for (k, dir) in [(1, shared.path()), (2, shared.path()), (3, own.path())] {
        let opts = TrialOptions {
            shard: Some(Shard::new(k, 3).unwrap()),
            ..options(9, 1)
        };
        run_or_resume(&scenario, &opts, dir, &quiet).unwrap();
    }
    assert!(!shared.path().join("summary.json").exists());
    let merged = merge(&[own.path().to_path_buf(), shared.path().to_path_buf()]).unwrap();
    let out = tempfile::tempdir().unwrap();
    write_outputs(&merged, out.path()).unwrap();
    for file in [
        "patients.csv",
        "summary.json",
        "summary.md",
        "km.csv",
        "trial.json",
        "km_os.svg",
        "waterfall.svg",
    ] {
        assert_eq!(
            read(&single_dir.path().join(file)),
            read(&out.path().join(file)),
            "{file} differs"
        );
    }
}

fn shard_dir(seed: u64, k: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let opts = TrialOptions {
        seed,
        shard: Some(Shard::new(k, 2).unwrap()),
        ..options(4, 1)
    };
    run_or_resume(&small(), &opts, dir.path(), &quiet).unwrap();
    dir
}

#[test]
fn merge_refuses_other_trials_gaps_and_overlaps() {
    let a1 = shard_dir(1, 1);
    let a2 = shard_dir(1, 2);
    let b2 = shard_dir(2, 2);
    let paths = |dirs: &[&tempfile::TempDir]| -> Vec<PathBuf> {
        dirs.iter().map(|d| d.path().to_path_buf()).collect()
    };
    let seeds = merge(&paths(&[&a1, &b2])).unwrap_err();
    assert!(
        matches!(&seeds, Error::Mismatch { reason, .. } if reason.contains("seed")),
        "{seeds}"
    );
    let gap = merge(&paths(&[&a1])).unwrap_err();
    assert!(
        matches!(&gap, Error::Mismatch { reason, .. } if reason.contains("missing")),
        "{gap}"
    );
    let overlap = merge(&paths(&[&a1, &a1, &a2])).unwrap_err();
    assert!(
        matches!(&overlap, Error::Mismatch { reason, .. } if reason.contains("overlaps")),
        "{overlap}"
    );
    let other = {
        let scenario =
            small_with(|t| t.replace("horizon_days = 126.0", "horizon_days = 105.0")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let opts = TrialOptions {
            seed: 1,
            shard: Some(Shard::new(2, 2).unwrap()),
            ..options(4, 1)
        };
        run_or_resume(&scenario, &opts, dir.path(), &quiet).unwrap();
        dir
    };
    let scenarios = merge(&paths(&[&a1, &other])).unwrap_err();
    assert!(
        matches!(&scenarios, Error::Mismatch { reason, .. } if reason.contains("scenario digest")),
        "{scenarios}"
    );
    assert!(merge(&paths(&[&a1, &a2])).is_ok());
}

#[test]
fn a_tampered_table_is_rerun_on_resume_and_refused_by_merge() {
    let a1 = shard_dir(1, 1);
    let a2 = shard_dir(1, 2);
    let table = a2.path().join("patients.shard-2-of-2.csv");
    let mut bytes = read(&table);
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&table, bytes).unwrap();
    let err = merge(&[a1.path().to_path_buf(), a2.path().to_path_buf()]).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    let opts = TrialOptions {
        seed: 1,
        shard: Some(Shard::new(2, 2).unwrap()),
        ..options(4, 1)
    };
    let status = run_or_resume(&small(), &opts, a2.path(), &quiet).unwrap();
    assert!(matches!(status, RunStatus::Ran(_)));
    assert!(merge(&[a1.path().to_path_buf(), a2.path().to_path_buf()]).is_ok());
}

#[test]
fn resuming_into_a_folder_of_another_trial_is_refused() {
    let a1 = shard_dir(1, 1);
    let opts = TrialOptions {
        seed: 5,
        shard: Some(Shard::new(1, 2).unwrap()),
        ..options(4, 1)
    };
    let err = run_or_resume(&small(), &opts, a1.path(), &quiet).unwrap_err();
    assert!(
        matches!(&err, Error::Mismatch { reason, .. } if reason.contains("seed")),
        "{err}"
    );
}

#[test]
fn a_read_only_folder_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("blocked");
    // A regular file where the output folder should be: nothing can be created inside.
    std::fs::write(&blocked, b"not a folder").unwrap();
    let output = run_trial(&small(), &options(2, 1), &quiet).unwrap();
    let err = write_outputs(&output, &blocked.join("out")).unwrap_err();
    assert!(
        matches!(err, Error::Model(oncodyn_core::Error::Io { .. })),
        "{err}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1);
}
