//! Project automation (`cargo xtask <command>`), in Rust rather than shell scripts.
//!
//! - `cargo xtask ci`: format check, clippy with `-D warnings`, docs with `-D warnings`,
//!   every test, then the validation suites (the command CI runs).
//! - `cargo xtask validate`: every crate's validation cases in release mode; prints a table,
//!   writes `docs/validation/REPORT.md` and `target/validation/report.json`, fails if any case fails.
//! - `cargo xtask slurm`: the sharded flagship trial on a real single-node Slurm (also run
//!   by `ci`: installs Debian's slurm-wlm and munge if missing, needs root).

mod report;
mod slurm;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("validate") => validate(),
        Some("validate-in-process") => report::run_all(&workspace_root()),
        Some("slurm") => slurm::run(&workspace_root()),
        _ => {
            eprintln!("usage: cargo xtask <ci | validate | slurm>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this package's folder.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Runs `cargo <args>` at the workspace root with extra environment variables.
fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--", "--check"], &[])?;
    cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cargo(
        &["doc", "--workspace", "--no-deps", "--locked"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    cargo(&["test", "--workspace", "--locked"], &[])?;
    validate()?;
    slurm::run(&workspace_root())
}

fn validate() -> Result<(), String> {
    cargo(
        &[
            "run",
            "--release",
            "--locked",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "validate-in-process",
        ],
        &[],
    )
}
