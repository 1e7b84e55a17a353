#![doc = include_str!("../README.md")]

mod exact;
mod params;
mod pk;
pub mod validation;

pub use params::{mg_to_umol, LinearPkParams, DOCETAXEL_MG_PER_UMOL};
pub use pk::LinearPk;
