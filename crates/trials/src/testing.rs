//! A small two-arm scenario for fast tests and examples of virtual trials (here and in
//! crates that call this one): one Gompertz tumor treated with docetaxel at two doses,
//! Friberg neutrophils, 126 days, a three-parameter log-normal population.

use oncodyn_scenario::file::Source;
use oncodyn_scenario::{Result, Scenario};

/// The small scenario's file: one site (2e11 cells, Gompertz r 0.01/day), docetaxel
/// (Bruno 1996 PK, kd 2.5) at 60 (arm A) or 100 (arm B) mg/m² every 21 days × 4, Friberg
/// 2002 neutrophils, scans every 21 days, death at 1e12 cells, rtol 1e-4, endpoint
/// resolution 0.25 day; log-normal r (cv 0.6), kd (0.8) and Circ0 (0.25), seed 11.
pub const SMALL_TRIAL_TOML: &str = r#"
[scenario]
name = "small"
horizon_days = 126.0

[solver]
method = "bdf"
rtol = 1e-4
atol = 1e-8

[[tumor_site]]
name = "primary"
initial_cells = 2e11
growth = { law = "gompertz", r = 0.01, k = 1e13 }
kill = [{ kind = "log_kill", drug = "docetaxel", kd = 2.5 }]

[[drug]]
name = "docetaxel"
preset = "docetaxel_bruno_1996"
molar_mass_mg_per_umol = 0.808

[[neutrophils]]
name = "neutrophils"
preset = "docetaxel_linear_2002"
drug = "docetaxel"
params = { circ0 = 5.05, slope = 8.58 }

[[regimen]]
name = "low"
drug = "docetaxel"
dose_mg_per_m2 = 60.0
first_day = 0.0
interval_days = 21.0
cycles = 4

[[regimen]]
name = "high"
drug = "docetaxel"
dose_mg_per_m2 = 100.0
first_day = 0.0
interval_days = 21.0
cycles = 4

[[arm]]
name = "A"
label = "low dose"
treatments = ["low"]

[[arm]]
name = "B"
label = "high dose"
treatments = ["high"]

[endpoints]
death_burden_cells = 1e12
scan_interval_days = 21.0
cycle_days = 21.0
cycles = 4
resolution_days = 0.25

[population]
seed = 11
patients = 8

[[population.parameter]]
name = "r"
paths = ["tumor_site.primary.growth.r"]
distribution = "lognormal"
cv = 0.6

[[population.parameter]]
name = "kd"
paths = ["tumor_site.primary.kill.0.kd"]
distribution = "lognormal"
cv = 0.8

[[population.parameter]]
name = "Circ0"
paths = ["neutrophils.neutrophils.params.circ0"]
distribution = "lognormal"
cv = 0.25
"#;

/// The small scenario, parsed and checked.
pub fn small_trial() -> Result<Scenario> {
    small_trial_with(|text| text.to_string())
}

/// The small scenario with its text edited by `edit` first (for error tests).
pub fn small_trial_with(edit: impl Fn(&str) -> String) -> Result<Scenario> {
    Scenario::from_source(Source::from_text("small.toml", &edit(SMALL_TRIAL_TOML)))
}
