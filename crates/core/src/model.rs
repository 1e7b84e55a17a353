//! [`Model`]: sub-models composed into one ODE system through named signals.

use crate::error::{nearest_name, Error, Result};
use crate::event::Broadcast;
use crate::signal::{name_problem, Combine, Var};
use crate::submodel::SubModel;

/// A published signal after resolution: its name, unit and the output slots summed into it.
#[derive(Debug, Clone)]
struct ResolvedSignal {
    var: Var,
    /// Indices into the flat output buffer.
    publishers: Vec<usize>,
}

/// Where one input slot takes its value from.
#[derive(Debug, Clone, Copy)]
enum InputSource {
    Signal(usize),
    Default(f64),
}

/// Sub-models composed into one system of ODEs.
///
/// Built once by [`Model::new`], which lays out states, checks names and units and
/// resolves every input to its publishers, so a right-hand-side evaluation is
/// "publish all, sum signals, rhs all" over preallocated buffers.
///
/// ```
/// use oncodyn_core::{Model, SubModel, Var, Signal, Input, units};
///
/// #[derive(Debug)]
/// struct Decay { states: Vec<Var>, inputs: Vec<Input> }
/// impl SubModel for Decay {
///     fn name(&self) -> &str { "drug" }
///     fn states(&self) -> &[Var] { &self.states }
///     fn inputs(&self) -> &[Input] { &self.inputs }
///     fn init(&self, y: &mut [f64]) { y[0] = 1.0 }
///     fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
///         dy[0] = -(0.5 + inputs[0]) * y[0];
///     }
/// }
/// let decay = Decay {
///     states: vec![Var::new("amount", units::UMOL)],
///     inputs: vec![Input::optional("drug.extra_clearance", units::PER_DAY, 0.0)],
/// };
/// let model = Model::new(vec![Box::new(decay)])?;
/// assert_eq!(model.state_names(), ["drug.amount"]);
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug)]
pub struct Model {
    submodels: Vec<Box<dyn SubModel>>,
    states: Vec<Var>,
    state_offsets: Vec<usize>,
    output_offsets: Vec<usize>,
    input_offsets: Vec<usize>,
    signals: Vec<ResolvedSignal>,
    input_sources: Vec<InputSource>,
}

/// Scratch buffers for one right-hand-side evaluation, owned by the caller so that
/// a shared `&Model` can be evaluated from many threads without allocation.
#[derive(Debug, Clone)]
pub struct Workspace {
    outputs: Vec<f64>,
    inputs: Vec<f64>,
}

impl Model {
    /// Composes `submodels`, failing on malformed or duplicate names, unit mismatches,
    /// a non-additive signal with two publishers, or a required input nobody publishes.
    pub fn new(submodels: Vec<Box<dyn SubModel>>) -> Result<Self> {
        let mut states = Vec::new();
        let mut state_offsets = vec![0];
        let mut output_offsets = vec![0];
        let mut input_offsets = vec![0];
        let mut signals: Vec<ResolvedSignal> = Vec::new();
        let mut signal_combine: Vec<(Combine, String)> = Vec::new();
        let mut seen_submodels: Vec<&str> = Vec::new();

        for sub in &submodels {
            let sub_name = sub.name();
            check_name("sub-model", sub_name)?;
            if seen_submodels.contains(&sub_name) {
                return Err(Error::DuplicateName {
                    kind: "sub-model",
                    name: sub_name.into(),
                });
            }
            seen_submodels.push(sub_name);
            for var in sub.states() {
                check_name("state", &var.name)?;
                let full = format!("{sub_name}.{}", var.name);
                if states.iter().any(|s: &Var| s.name == full) {
                    return Err(Error::DuplicateName {
                        kind: "state",
                        name: full,
                    });
                }
                states.push(Var::new(full, var.unit.clone()));
            }
            state_offsets.push(states.len());
            let first_output = output_offsets[output_offsets.len() - 1];
            for (k, signal) in sub.outputs().iter().enumerate() {
                check_name("signal", &signal.var.name)?;
                let slot = first_output + k;
                match signals.iter().position(|s| s.var.name == signal.var.name) {
                    Some(idx) => {
                        let existing = &mut signals[idx];
                        if existing.var.unit != signal.var.unit {
                            return Err(Error::UnitMismatch {
                                signal: signal.var.name.clone(),
                                expected: existing.var.unit.clone(),
                                found: signal.var.unit.clone(),
                                submodel: sub_name.into(),
                            });
                        }
                        let (combine, first) = &signal_combine[idx];
                        if *combine == Combine::Single || signal.combine == Combine::Single {
                            return Err(Error::DuplicatePublisher {
                                signal: signal.var.name.clone(),
                                first: first.clone(),
                                second: sub_name.into(),
                            });
                        }
                        existing.publishers.push(slot);
                    }
                    None => {
                        signals.push(ResolvedSignal {
                            var: signal.var.clone(),
                            publishers: vec![slot],
                        });
                        signal_combine.push((signal.combine, sub_name.into()));
                    }
                }
            }
            output_offsets.push(first_output + sub.outputs().len());
            input_offsets.push(input_offsets[input_offsets.len() - 1] + sub.inputs().len());
        }

        let mut input_sources = Vec::new();
        for sub in &submodels {
            for input in sub.inputs() {
                check_name("signal", &input.var.name)?;
                let source = match signals.iter().position(|s| s.var.name == input.var.name) {
                    Some(idx) => {
                        if signals[idx].var.unit != input.var.unit {
                            return Err(Error::UnitMismatch {
                                signal: input.var.name.clone(),
                                expected: signals[idx].var.unit.clone(),
                                found: input.var.unit.clone(),
                                submodel: sub.name().into(),
                            });
                        }
                        InputSource::Signal(idx)
                    }
                    None => match input.default {
                        Some(value) => InputSource::Default(value),
                        None => {
                            return Err(Error::MissingSignal {
                                signal: input.var.name.clone(),
                                reader: sub.name().into(),
                                hint: nearest_name(
                                    &input.var.name,
                                    signals.iter().map(|s| s.var.name.as_str()),
                                ),
                            })
                        }
                    },
                };
                input_sources.push(source);
            }
        }

        Ok(Self {
            submodels,
            states,
            state_offsets,
            output_offsets,
            input_offsets,
            signals,
            input_sources,
        })
    }

    /// Number of states of the composed system.
    pub fn n_states(&self) -> usize {
        self.states.len()
    }

    /// Full state names (`<sub-model>.<state>`) in state-vector order.
    pub fn state_names(&self) -> Vec<&str> {
        self.states.iter().map(|v| v.name.as_str()).collect()
    }

    /// States with their units, in state-vector order.
    pub fn states(&self) -> &[Var] {
        &self.states
    }

    /// Published signals (after summing additive ones), in first-publication order.
    pub fn signals(&self) -> Vec<&Var> {
        self.signals.iter().map(|s| &s.var).collect()
    }

    /// The composed sub-models, in layout order.
    pub fn submodels(&self) -> &[Box<dyn SubModel>] {
        &self.submodels
    }

    /// Index of the state called `name`, or an error naming the nearest valid one.
    pub fn state_index(&self, name: &str) -> Result<usize> {
        self.states
            .iter()
            .position(|v| v.name == name)
            .ok_or_else(|| Error::UnknownState {
                name: name.into(),
                hint: nearest_name(name, self.states.iter().map(|v| v.name.as_str())),
            })
    }

    /// Index of the sub-model called `name`, if any.
    pub(crate) fn submodel_index(&self, name: &str) -> Option<usize> {
        self.submodels.iter().position(|s| s.name() == name)
    }

    /// Buffers for [`Model::rhs`] and [`Model::signal_values`].
    pub fn workspace(&self) -> Workspace {
        Workspace {
            outputs: vec![0.0; self.output_offsets[self.output_offsets.len() - 1]],
            inputs: vec![0.0; self.input_sources.len()],
        }
    }

    /// The initial state of the composed system.
    pub fn initial_state(&self) -> Vec<f64> {
        let mut y = vec![0.0; self.n_states()];
        for (j, sub) in self.submodels.iter().enumerate() {
            sub.init(&mut y[self.state_offsets[j]..self.state_offsets[j + 1]]);
        }
        y
    }

    fn publish_all(&self, t: f64, y: &[f64], outputs: &mut [f64]) {
        for (j, sub) in self.submodels.iter().enumerate() {
            sub.publish(
                t,
                &y[self.state_offsets[j]..self.state_offsets[j + 1]],
                &mut outputs[self.output_offsets[j]..self.output_offsets[j + 1]],
            );
        }
    }

    fn signal_value(&self, idx: usize, outputs: &[f64]) -> f64 {
        self.signals[idx]
            .publishers
            .iter()
            .map(|&slot| outputs[slot])
            .sum()
    }

    /// Evaluates `dy = f(t, y)` for the composed system: publish all, sum signals, rhs all.
    pub fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64], ws: &mut Workspace) {
        self.publish_all(t, y, &mut ws.outputs);
        for (slot, source) in ws.inputs.iter_mut().zip(&self.input_sources) {
            *slot = match *source {
                InputSource::Signal(idx) => self.signal_value(idx, &ws.outputs),
                InputSource::Default(value) => value,
            };
        }
        for (j, sub) in self.submodels.iter().enumerate() {
            let states = self.state_offsets[j]..self.state_offsets[j + 1];
            sub.rhs(
                t,
                &y[states.clone()],
                &ws.inputs[self.input_offsets[j]..self.input_offsets[j + 1]],
                &mut dy[states],
            );
        }
    }

    /// Values of every published signal at `(t, y)`, in [`Model::signals`] order.
    pub fn signal_values(&self, t: f64, y: &[f64], ws: &mut Workspace, out: &mut Vec<f64>) {
        self.publish_all(t, y, &mut ws.outputs);
        out.clear();
        out.extend((0..self.signals.len()).map(|idx| self.signal_value(idx, &ws.outputs)));
    }

    /// Delivers a broadcast event to one sub-model (`target`) or to all of them.
    pub(crate) fn broadcast(&self, target: Option<usize>, event: &Broadcast, y: &mut [f64]) {
        for (j, sub) in self.submodels.iter().enumerate() {
            if target.is_none_or(|t| t == j) {
                sub.on_event(
                    event,
                    &mut y[self.state_offsets[j]..self.state_offsets[j + 1]],
                );
            }
        }
    }
}

fn check_name(kind: &'static str, name: &str) -> Result<()> {
    match name_problem(name) {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.into(),
            reason,
        }),
        None => Ok(()),
    }
}
