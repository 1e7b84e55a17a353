//! de Pillis, Gu & Radunskaya (2006): parameters with the patient 9 and 10 presets, and the
//! six-state model as a sub-model.

mod model;
mod params;

pub use model::{DePillis2006, DE_PILLIS_2006_STATES};
pub use params::{DePillis2006Params, PATIENT9_L_HIGH, PATIENT9_L_LOW};
