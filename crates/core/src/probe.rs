//! [`Probe`]: one state or published signal of a [`Model`], read from a state vector
//! without evaluating the whole model (only the signal's publishers run).

use crate::error::{nearest_name, Error, Result};
use crate::model::{Model, Workspace};

/// A state or a published signal of a [`Model`], resolved once by [`Model::probe`] and
/// then read cheaply at any `(t, y)`, e.g. by a [`Monitor`](crate::Monitor) after every
/// solver step.
///
/// ```
/// use oncodyn_core::{Model, SubModel, Var, Signal, Combine, units};
///
/// #[derive(Debug)]
/// struct Site { states: Vec<Var>, outputs: Vec<Signal> }
/// impl SubModel for Site {
///     fn name(&self) -> &str { "site" }
///     fn states(&self) -> &[Var] { &self.states }
///     fn outputs(&self) -> &[Signal] { &self.outputs }
///     fn init(&self, y: &mut [f64]) { y[0] = 4.0 }
///     fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) { out[0] = 2.0 * y[0] }
///     fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], dy: &mut [f64]) { dy[0] = 0.0 }
/// }
/// let site = Site {
///     states: vec![Var::new("cells", units::CELLS)],
///     outputs: vec![Signal::single("site.doubled", units::CELLS)],
/// };
/// let model = Model::new(vec![Box::new(site)])?;
/// let mut ws = model.workspace();
/// let y = model.initial_state();
/// assert_eq!(model.probe("site.cells")?.value(&model, 0.0, &y, &mut ws), 4.0);
/// assert_eq!(model.probe("site.doubled")?.value(&model, 0.0, &y, &mut ws), 8.0);
/// assert!(model.probe("site.cell").is_err());
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    name: String,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    State(usize),
    /// Publishers as (sub-model index, output slot in the flat output buffer).
    Signal(Vec<(usize, usize)>),
}

impl Probe {
    /// The full name of the state or signal.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The index in the state vector, if this is a state.
    pub fn state_index(&self) -> Option<usize> {
        match self.kind {
            Kind::State(index) => Some(index),
            Kind::Signal(_) => None,
        }
    }

    /// The value at `(t, y)` (unit of the state or signal). `model` must be the model this
    /// probe was made from, `ws` one of its workspaces.
    pub fn value(&self, model: &Model, t: f64, y: &[f64], ws: &mut Workspace) -> f64 {
        match &self.kind {
            Kind::State(index) => y[*index],
            Kind::Signal(publishers) => publishers
                .iter()
                .map(|&(sub, slot)| model.publish_one(sub, slot, t, y, ws))
                .sum(),
        }
    }
}

impl Model {
    /// A [`Probe`] for the state or published signal called `name` (states first);
    /// [`Error::UnknownState`] with the nearest name otherwise.
    pub fn probe(&self, name: &str) -> Result<Probe> {
        if let Ok(index) = self.state_index(name) {
            return Ok(Probe {
                name: name.to_string(),
                kind: Kind::State(index),
            });
        }
        match self.signal_publishers(name) {
            Some(publishers) => Ok(Probe {
                name: name.to_string(),
                kind: Kind::Signal(publishers),
            }),
            None => {
                let states = self.states().iter().map(|v| v.name.as_str());
                let signals = self.signals().into_iter().map(|v| v.name.as_str());
                Err(Error::UnknownState {
                    name: name.into(),
                    hint: nearest_name(name, states.chain(signals)),
                })
            }
        }
    }
}
