//! `cargo xtask slurm`: the sharded flagship trial on a real single-node Slurm cluster.
//!
//! Installs Debian's `slurm-wlm` and `munge` if `sbatch` is missing (root and Debian's
//! package registry needed), starts munged, slurmctld and slurmd on this host, runs the
//! trial once in one process and once as a 4-task job array (`--shard
//! $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`), merges the shards and requires the
//! per-patient tables to be byte-identical, then stops the daemons it started. Any
//! failure, including Slurm not being installable, fails loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Patients of the test trial.
const PATIENTS: &str = "64";
/// Seed of the test trial.
const SEED: &str = "7";
/// Array tasks.
const SHARDS: u32 = 4;

fn sh(script: &str) -> Result<String, String> {
    let output = Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .map_err(|e| format!("cannot run bash: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "`{script}` failed ({}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Runs the test; the daemons are stopped whatever happens.
pub fn run(root: &Path) -> Result<(), String> {
    let state = root.join("target/slurm-test");
    let _ = std::fs::remove_dir_all(&state);
    std::fs::create_dir_all(&state).map_err(|e| e.to_string())?;
    install()?;
    let result = start(&state).and_then(|()| trial(root, &state));
    let stopped = stop(&state);
    match (result, stopped) {
        (Ok(()), Ok(())) => {
            println!("slurm: sharded trial merged bit for bit with the single run");
            Ok(())
        }
        (Err(e), _) | (Ok(()), Err(e)) => Err(format!("SLURM TEST FAILED: {e}")),
    }
}

fn install() -> Result<(), String> {
    if sh("command -v sbatch && command -v munged").is_ok() {
        return Ok(());
    }
    println!("slurm: installing slurm-wlm and munge from Debian's packages");
    sh("export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq slurm-wlm munge > /dev/null")
        .map_err(|e| format!("Slurm cannot be installed here (root and Debian's registry are needed): {e}"))?;
    Ok(())
}

/// The single-node configuration (the recipe verified on this machine kind).
fn config(state: &str, host: &str, cpus: &str) -> String {
    [
        "ClusterName=local".to_string(),
        format!("SlurmctldHost={host}"),
        "SlurmUser=root".into(),
        "SlurmdUser=root".into(),
        "AuthType=auth/munge".into(),
        format!("StateSaveLocation={state}/state"),
        format!("SlurmdSpoolDir={state}/spool"),
        format!("SlurmctldPidFile={state}/slurmctld.pid"),
        format!("SlurmdPidFile={state}/slurmd.pid"),
        format!("SlurmctldLogFile={state}/log/slurmctld.log"),
        format!("SlurmdLogFile={state}/log/slurmd.log"),
        "ProctrackType=proctrack/linuxproc".into(),
        "TaskPlugin=task/none".into(),
        "SchedulerType=sched/backfill".into(),
        "SelectType=select/cons_tres".into(),
        "SelectTypeParameters=CR_Core".into(),
        "ReturnToService=2".into(),
        format!("NodeName={host} CPUs={cpus} State=UNKNOWN"),
        format!("PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP"),
    ]
    .join("\n")
        + "\n"
}

fn start(state: &Path) -> Result<(), String> {
    let s = state.display().to_string();
    sh(&format!(
        "set -e; mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge {s}/state {s}/spool {s}/log /etc/slurm; \
         [ -f /etc/munge/munge.key ] || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; \
         chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge; \
         chmod 400 /etc/munge/munge.key; chmod 700 /etc/munge; \
         pgrep -x munged >/dev/null || su -s /bin/sh munge -c /usr/sbin/munged"
    ))?;
    let host = sh("hostname")?.trim().to_string();
    let cpus = sh("nproc")?.trim().to_string();
    std::fs::write("/etc/slurm/slurm.conf", config(&s, &host, &cpus))
        .map_err(|e| format!("cannot write /etc/slurm/slurm.conf: {e}"))?;
    sh("/usr/sbin/slurmctld && /usr/sbin/slurmd")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let info = sh("sinfo -h -o %T").unwrap_or_default();
        if info.contains("idle") {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the Slurm node never became idle (sinfo: {info:?})"
            ));
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn trial(root: &Path, state: &Path) -> Result<(), String> {
    sh(&format!(
        "cd {} && cargo build --release --locked -q -p oncodyn-cli",
        root.display()
    ))?;
    let binary = root.join("target/release/oncodyn");
    let single = state.join("single");
    let shards = state.join("shards");
    let merged = state.join("merged");
    let b = binary.display();
    sh(&format!(
        "{b} trial --patients {PATIENTS} --seed {SEED} --threads 2 --out {}",
        single.display()
    ))?;
    sh(&format!(
        "cd {s} && sbatch --array=1-{SHARDS} --wait --output={s}/task_%a.log --wrap '{b} trial --patients {PATIENTS} --seed {SEED} --threads 1 --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT --out {}'",
        shards.display(),
        s = state.display()
    ))?;
    sh(&format!(
        "{b} merge {} --out {}",
        shards.display(),
        merged.display()
    ))?;
    let single_table = patients_table(&single)?;
    let merged_table = patients_table(&merged)?;
    if single_table != merged_table {
        return Err(format!(
            "merged shards differ from the single run ({} vs {} bytes)",
            merged_table.len(),
            single_table.len()
        ));
    }
    println!(
        "slurm: {} bytes of per-patient endpoints identical",
        single_table.len()
    );
    Ok(())
}

fn patients_table(dir: &Path) -> Result<Vec<u8>, String> {
    let path: PathBuf = dir.join("patients.csv");
    std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn stop(state: &Path) -> Result<(), String> {
    let s = state.display();
    sh(&format!(
        "for f in {s}/slurmd.pid {s}/slurmctld.pid; do [ -f $f ] && kill $(cat $f) 2>/dev/null; done; pkill -x munged; sleep 1; true"
    ))
    .map(|_| ())
}
