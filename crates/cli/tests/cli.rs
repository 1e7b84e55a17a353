//! End-to-end tests of the `oncodyn` binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn oncodyn() -> Command {
    Command::new(env!("CARGO_BIN_EXE_oncodyn"))
}

#[test]
fn run_writes_trajectories_summary_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("flagship");
    let output = oncodyn().args(["run", "--out"]).arg(&out).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("chemo + engineered + anti-PD-1"),
        "{stdout}"
    );
    for arm in ["A", "B", "C", "D", "E", "F"] {
        let csv = std::fs::read_to_string(out.join(format!("arm_{arm}.csv"))).unwrap();
        assert!(csv.starts_with("time [day],"));
        // Daily rows over 730 days plus the header.
        assert_eq!(csv.lines().count(), 732, "arm {arm}");
        let svg = std::fs::read_to_string(out.join(format!("arm_{arm}.svg"))).unwrap();
        assert!(svg.contains("<svg") && svg.contains("Tumor burden per site"));
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let arms = summary["arms"].as_array().unwrap();
    assert_eq!(arms.len(), 6);
    assert_eq!(arms[0]["endpoints"]["best_overall_response"], "SD");
    assert!(out.join("comparison.svg").exists());
    // Nothing but the 14 outputs: no temporary file left behind.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 14);
}

#[test]
fn check_reports_file_line_column_and_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = oncodyn_scenario::FLAGSHIP_TOML.replace(
        "preset = \"docetaxel_linear_2002\"",
        "preset = \"docetaxel_linaer_2002\"",
    );
    std::fs::write(&path, &text).unwrap();
    let output = oncodyn().arg("check").arg(&path).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = text
        .lines()
        .position(|l| l.contains("docetaxel_linaer_2002"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("bad.toml:{line}:")), "{stderr}");
    assert!(
        stderr.contains("did you mean `docetaxel_linear_2002`"),
        "{stderr}"
    );
}

#[test]
fn check_accepts_the_flagship_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/scenarios/flagship.toml"
    );
    let output = oncodyn().args(["check", path]).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("21 states, 6 arms"));
}

#[test]
fn models_lists_every_crate() {
    let output = oncodyn().arg("models").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "oncodyn_tumor::TumorSite",
        "oncodyn_therapy::LinearPk",
        "oncodyn_tissue::Friberg",
        "oncodyn_immune::Effectors",
        "oncodyn_delivery::StemCells",
        "k10",
        "[1/day]",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
}

#[test]
fn missing_file_is_a_clear_error() {
    let output = oncodyn()
        .args(["run", "/nonexistent/scenario.toml"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot read /nonexistent/scenario.toml")
    );
}

#[test]
fn an_unwritable_output_folder_is_an_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let output = oncodyn()
        .args(["run", "--out"])
        .arg(file.join("out"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not-a-folder"));
    // Only the blocking file is there: no partial output anywhere in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
