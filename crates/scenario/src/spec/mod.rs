//! The scenario file format (TOML), deserialised with serde. Every table rejects unknown
//! keys; names that refer to other entries are checked when the scenario is built, with
//! their position in the file.
//!
//! ```toml
//! [scenario]                 # name, description, horizon_days, output_step_days
//! [solver]                   # method ("bdf" | "dopri5" | "dop853"), rtol, atol
//! [patient]                  # body_surface_area_m2, body_weight_kg
//! [[tumor_site]]             # one per lesion: growth law, drug kill, radiosensitivity, seeding
//! [[drug]]                   # linear PK of a small-molecule drug (amounts in umol)
//! [[antibody]]               # one-compartment antibody PK (amounts in mg)
//! [[neutrophils]]            # Friberg 2002 myelosuppression, optional stem-cell support
//! [[regenerative_cells]]     # stem cells engrafted in the marrow
//! [[effectors]]              # Kuznetsov 1994 effector cells serving tumor sites
//! [[stem_cells]]             # engineered, tumor-homing stem cells (trafficking, payload)
//! [[regimen]]                # drug or antibody doses: mg/m² or mg, cycles
//! [[cell_infusion]]          # stem-cell doses into a stem-cell model
//! [[radiotherapy]]           # fractionated radiation on weekdays
//! [[arm]]                    # a name, a label and the treatments it gives
//! [endpoints]                # lesions, death threshold, scans, neutrophil signal, cycles
//! [output]                   # variables written to the trajectory CSV
//! [population]               # inter-patient variability for virtual trials
//! ```
//!
//! Every key is documented on the struct that holds it; units are in the key names
//! (`_days`, `_mg`, `_gy`, `_cells`) or in the field docs.

mod models;
mod population;
mod treatments;

pub use models::{
    AntibodySpec, DrugSpec, EffectorsSpec, GrowthSpec, KillSpec, LqSpec, NeutrophilsSpec,
    RegenerationSpec, RegenerativeCellsSpec, SeedSpec, StemCellsSpec, TumorSiteSpec,
};
pub use population::{PopulationSpec, VariabilitySpec};
pub use treatments::{ArmSpec, CellInfusionSpec, RadiotherapySpec, RegimenSpec};

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Parameter overrides `{ name = value }`, applied through the model's `SPEC` table.
pub type Overrides = Option<Spanned<BTreeMap<String, f64>>>;

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Name, description and horizon.
    pub scenario: Meta,
    /// Solver settings (default: BDF, rtol 1e-8, atol 1e-10).
    #[serde(default)]
    pub solver: SolverSpec,
    /// The patient's body size, used by dosing.
    #[serde(default)]
    pub patient: PatientSpec,
    /// Tumor sites (`oncodyn-tumor`).
    #[serde(default)]
    pub tumor_site: Vec<TumorSiteSpec>,
    /// Small-molecule drugs with linear PK (`oncodyn-therapy`).
    #[serde(default)]
    pub drug: Vec<DrugSpec>,
    /// Antibodies with one-compartment PK (`oncodyn-therapy`).
    #[serde(default)]
    pub antibody: Vec<AntibodySpec>,
    /// Neutrophil chains (`oncodyn-tissue`).
    #[serde(default)]
    pub neutrophils: Vec<NeutrophilsSpec>,
    /// Regenerative stem cells engrafted in the marrow (`oncodyn-tissue`).
    #[serde(default)]
    pub regenerative_cells: Vec<RegenerativeCellsSpec>,
    /// Effector cells (`oncodyn-immune`).
    #[serde(default)]
    pub effectors: Vec<EffectorsSpec>,
    /// Engineered stem cells (`oncodyn-delivery`).
    #[serde(default)]
    pub stem_cells: Vec<StemCellsSpec>,
    /// Drug and antibody regimens.
    #[serde(default)]
    pub regimen: Vec<RegimenSpec>,
    /// Stem-cell infusions.
    #[serde(default)]
    pub cell_infusion: Vec<CellInfusionSpec>,
    /// Radiotherapy courses.
    #[serde(default)]
    pub radiotherapy: Vec<RadiotherapySpec>,
    /// Treatment arms sharing the patient above.
    pub arm: Vec<ArmSpec>,
    /// How endpoints are computed.
    #[serde(default)]
    pub endpoints: EndpointsSpec,
    /// What the trajectory files contain.
    #[serde(default)]
    pub output: OutputSpec,
    /// Inter-patient variability for virtual trials.
    #[serde(default)]
    pub population: Option<PopulationSpec>,
}

/// `[scenario]`: what the scenario is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name, used for output folders.
    pub name: String,
    /// One or two sentences for people.
    #[serde(default)]
    pub description: String,
    /// Simulated horizon (days), from day 0.
    pub horizon_days: Spanned<f64>,
}

/// `[solver]`: integration settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolverSpec {
    /// `"bdf"` (stiff, default), `"dopri5"` or `"dop853"` (explicit).
    #[serde(default = "default_method")]
    pub method: Spanned<String>,
    /// Relative tolerance (default 1e-8).
    #[serde(default = "default_rtol")]
    pub rtol: f64,
    /// Absolute tolerance in each state's unit (default 1e-10).
    #[serde(default = "default_atol")]
    pub atol: f64,
}

impl Default for SolverSpec {
    fn default() -> Self {
        Self {
            method: default_method(),
            rtol: default_rtol(),
            atol: default_atol(),
        }
    }
}

fn default_method() -> Spanned<String> {
    Spanned::new(0..0, "bdf".to_string())
}
fn default_rtol() -> f64 {
    1e-8
}
fn default_atol() -> f64 {
    1e-10
}

/// `[patient]`: body size.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientSpec {
    /// Body-surface area (m²) for doses per m² (default 1.8).
    #[serde(default = "default_bsa")]
    pub body_surface_area_m2: f64,
    /// Body weight (kg) for doses per kg (default 70).
    #[serde(default = "default_weight")]
    pub body_weight_kg: f64,
}

impl Default for PatientSpec {
    fn default() -> Self {
        Self {
            body_surface_area_m2: default_bsa(),
            body_weight_kg: default_weight(),
        }
    }
}

fn default_bsa() -> f64 {
    1.8
}
fn default_weight() -> f64 {
    70.0
}

/// `[endpoints]`: how one patient's endpoints are computed (FLAGSHIP conventions).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointsSpec {
    /// Tumor sites that are lesions for RECIST and whose burden adds up to the total
    /// (default: every `[[tumor_site]]`).
    #[serde(default)]
    pub lesions: Vec<Spanned<String>>,
    /// Total burden at which the patient dies (cells, default 1e12).
    #[serde(default = "default_death")]
    pub death_burden_cells: f64,
    /// Days between scans, from day 0 (default 42).
    #[serde(default = "default_scan_interval")]
    pub scan_interval_days: f64,
    /// Neutrophil signal for toxicity (default: the first `[[neutrophils]]`' circulating count).
    #[serde(default)]
    pub neutrophils: Option<Spanned<String>>,
    /// Length of a treatment cycle for per-cycle nadirs (days, default 21).
    #[serde(default = "default_cycle")]
    pub cycle_days: f64,
    /// Number of cycles with a nadir reported (default 6).
    #[serde(default = "default_cycles")]
    pub cycles: usize,
    /// Output step (days, default 0.01) of the grid the endpoints are computed from when
    /// they cannot be located on the solver's steps (explicit solver methods, or lesions or
    /// neutrophils that are not a state or signal of the model). With BDF, the default,
    /// endpoints are located on the steps to 1e-9 day and this value is not used.
    #[serde(default = "default_resolution")]
    pub resolution_days: f64,
}

impl Default for EndpointsSpec {
    fn default() -> Self {
        Self {
            lesions: Vec::new(),
            death_burden_cells: default_death(),
            scan_interval_days: default_scan_interval(),
            neutrophils: None,
            cycle_days: default_cycle(),
            cycles: default_cycles(),
            resolution_days: default_resolution(),
        }
    }
}

fn default_death() -> f64 {
    1e12
}
fn default_scan_interval() -> f64 {
    42.0
}
fn default_cycle() -> f64 {
    21.0
}
fn default_cycles() -> usize {
    6
}
fn default_resolution() -> f64 {
    0.01
}

/// `[output]`: trajectory files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSpec {
    /// Days between rows of the trajectory CSV (default 1).
    #[serde(default = "default_step")]
    pub step_days: f64,
    /// Columns to write (states or signals); empty writes every column.
    #[serde(default)]
    pub variables: Vec<Spanned<String>>,
}

impl Default for OutputSpec {
    fn default() -> Self {
        Self {
            step_days: default_step(),
            variables: Vec::new(),
        }
    }
}

fn default_step() -> f64 {
    1.0
}
