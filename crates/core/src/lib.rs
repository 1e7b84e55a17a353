#![doc = include_str!("../README.md")]

pub mod analysis;
mod error;
mod event;
pub mod io;
mod model;
mod monitor;
mod options;
mod param;
mod param_table;
mod probe;
pub mod radiobiology;
mod signal;
mod simulate;
mod solver;
mod submodel;
pub mod testing;
mod trajectory;
pub mod validation;

pub use error::{nearest_name, Error, Result};
pub use event::{Broadcast, Event};
pub use model::{Model, Workspace};
pub use monitor::{locate_crossing, Crossing, Direction, Monitor, Step, StepFunction};
pub use options::{Method, Output, SolverOptions};
pub use param::{spec_index, validate_values, ParamRange, ParamSpec, Parameters};
pub use probe::Probe;
pub use signal::{name_problem, units, Combine, Input, Signal, Var};
pub use simulate::{simulate, simulate_from, simulate_monitored};
pub use submodel::SubModel;
pub use trajectory::{SolverStats, Trajectory};

#[cfg(test)]
mod test_models;
#[cfg(test)]
mod tests;
