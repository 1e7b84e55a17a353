//! Endpoints of one simulated patient: RECIST 1.1 response from lesion diameters and
//! survival times. Toxicity endpoints (nadirs, time below a threshold) come from
//! `oncodyn_tissue::Series`.
//!
//! Definitions follow the flagship scenario of oncodyn, which applies RECIST 1.1
//! (Eisenhauer EA et al. (2009) New response evaluation criteria in solid tumours:
//! revised RECIST guideline (version 1.1). Eur J Cancer 45(2):228-247) to simulated
//! lesions without confirmation scans (randomised-trial convention).

mod monitor;
mod recist;

pub(crate) use monitor::EndpointMonitor;
pub use monitor::TIME_TOLERANCE;
pub use recist::{diameter_mm, evaluate_recist, RecistOutcome, RecistRules, Response, ScanResult};
