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
    /// The signal with exactly one publisher: this output slot.
    Slot(usize),
    /// An additive signal: the sum of `publisher_slots[start..end]`.
    Sum { start: usize, end: usize },
    /// Nobody publishes the signal: the reader's neutral default.
    Default(f64),
}

/// Index ranges of one sub-model in the state, output and input buffers.
#[derive(Debug, Clone)]
struct Layout {
    states: std::ops::Range<usize>,
    outputs: std::ops::Range<usize>,
    inputs: std::ops::Range<usize>,
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
    n_outputs: usize,
    signals: Vec<ResolvedSignal>,
    input_sources: Vec<InputSource>,
    /// Output slots of additive signals, referenced by [`InputSource::Sum`].
    publisher_slots: Vec<usize>,
    layouts: Vec<Layout>,
    /// Absolute-tolerance scale of every state ([`SubModel::tolerance_scales`]).
    tolerance_scales: Vec<f64>,
    /// For every sub-model, the other sub-models reading at least one of its outputs.
    readers: Vec<Vec<usize>>,
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
        // A signal may share its full name with a state only if the state's own sub-model
        // is its sole publisher (it republishes the state); otherwise a trajectory column
        // or a probe by that name would be ambiguous.
        for signal in &signals {
            let Some(owner) = states
                .iter()
                .position(|s| s.name == signal.var.name)
                .and_then(|index| state_offsets.iter().rposition(|&offset| offset <= index))
            else {
                continue;
            };
            let owned = output_offsets[owner]..output_offsets[owner + 1];
            if !signal.publishers.iter().all(|slot| owned.contains(slot)) {
                return Err(Error::DuplicateName {
                    kind: "state and signal",
                    name: signal.var.name.clone(),
                });
            }
        }

        let mut input_sources = Vec::new();
        let mut publisher_slots = Vec::new();
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
                        match signals[idx].publishers[..] {
                            [slot] => InputSource::Slot(slot),
                            ref slots => {
                                let start = publisher_slots.len();
                                publisher_slots.extend_from_slice(slots);
                                InputSource::Sum {
                                    start,
                                    end: publisher_slots.len(),
                                }
                            }
                        }
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

        let layouts = (0..submodels.len())
            .map(|j| Layout {
                states: state_offsets[j]..state_offsets[j + 1],
                outputs: output_offsets[j]..output_offsets[j + 1],
                inputs: input_offsets[j]..input_offsets[j + 1],
            })
            .collect::<Vec<Layout>>();
        let mut tolerance_scales = vec![1.0; states.len()];
        for (sub, layout) in submodels.iter().zip(&layouts) {
            let scales = &mut tolerance_scales[layout.states.clone()];
            sub.tolerance_scales(scales);
            if let Some(bad) = scales.iter().find(|v| !(v.is_finite() && **v > 0.0)) {
                return Err(Error::InconsistentParameters {
                    model: sub.name().into(),
                    reason: format!(
                        "absolute-tolerance scale {bad} of a state must be finite and positive"
                    ),
                });
            }
        }
        let publisher_of = |slot: usize| layouts.iter().position(|l| l.outputs.contains(&slot));
        let mut readers = vec![Vec::new(); submodels.len()];
        for (reader, layout) in layouts.iter().enumerate() {
            for source in &input_sources[layout.inputs.clone()] {
                let slots = match *source {
                    InputSource::Slot(slot) => vec![slot],
                    InputSource::Sum { start, end } => publisher_slots[start..end].to_vec(),
                    InputSource::Default(_) => Vec::new(),
                };
                for publisher in slots.into_iter().filter_map(publisher_of) {
                    let list: &mut Vec<usize> = &mut readers[publisher];
                    if publisher != reader && !list.contains(&reader) {
                        list.push(reader);
                    }
                }
            }
        }
        Ok(Self {
            submodels,
            states,
            n_outputs: output_offsets[output_offsets.len() - 1],
            signals,
            input_sources,
            publisher_slots,
            layouts,
            tolerance_scales,
            readers,
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

    /// Absolute-tolerance scale of every state, in state-vector order: 1 unless its
    /// sub-model sets another ([`SubModel::tolerance_scales`]).
    pub fn tolerance_scales(&self) -> &[f64] {
        &self.tolerance_scales
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
            outputs: vec![0.0; self.n_outputs],
            inputs: vec![0.0; self.input_sources.len()],
        }
    }

    /// The initial state of the composed system.
    pub fn initial_state(&self) -> Vec<f64> {
        let mut y = vec![0.0; self.n_states()];
        for (sub, layout) in self.submodels.iter().zip(&self.layouts) {
            sub.init(&mut y[layout.states.clone()]);
        }
        y
    }

    pub(crate) fn publish_all(&self, t: f64, y: &[f64], outputs: &mut [f64]) {
        for (sub, layout) in self.submodels.iter().zip(&self.layouts) {
            if !layout.outputs.is_empty() {
                sub.publish(
                    t,
                    &y[layout.states.clone()],
                    &mut outputs[layout.outputs.clone()],
                );
            }
        }
    }

    /// Publishers of the signal `name` as (sub-model, output slot), if it is published.
    pub(crate) fn signal_publishers(&self, name: &str) -> Option<Vec<(usize, usize)>> {
        let signal = self.signals.iter().find(|s| s.var.name == name)?;
        Some(
            signal
                .publishers
                .iter()
                .filter_map(|&slot| {
                    self.layouts
                        .iter()
                        .position(|layout| layout.outputs.contains(&slot))
                        .map(|sub| (sub, slot))
                })
                .collect(),
        )
    }

    /// Runs the `publish` of sub-model `sub` at `(t, y)` and returns output slot `slot`.
    pub(crate) fn publish_one(
        &self,
        sub: usize,
        slot: usize,
        t: f64,
        y: &[f64],
        ws: &mut Workspace,
    ) -> f64 {
        let layout = &self.layouts[sub];
        self.submodels[sub].publish(
            t,
            &y[layout.states.clone()],
            &mut ws.outputs[layout.outputs.clone()],
        );
        ws.outputs[slot]
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
        let outputs = &ws.outputs;
        for (slot, source) in ws.inputs.iter_mut().zip(&self.input_sources) {
            *slot = self.input_value(*source, outputs);
        }
        for (sub, layout) in self.submodels.iter().zip(&self.layouts) {
            sub.rhs(
                t,
                &y[layout.states.clone()],
                &ws.inputs[layout.inputs.clone()],
                &mut dy[layout.states.clone()],
            );
        }
    }

    /// Writes the inputs of sub-model `sub` from the output buffer `outputs` into `inputs`
    /// (the sub-model's slice of the input buffer).
    pub(crate) fn gather_inputs(&self, sub: usize, outputs: &[f64], inputs: &mut [f64]) {
        let sources = &self.input_sources[self.layouts[sub].inputs.clone()];
        for (slot, source) in inputs.iter_mut().zip(sources) {
            *slot = self.input_value(*source, outputs);
        }
    }

    /// The value of one input slot given the output buffer.
    #[inline]
    fn input_value(&self, source: InputSource, outputs: &[f64]) -> f64 {
        match source {
            InputSource::Slot(index) => outputs[index],
            InputSource::Sum { start, end } => self.publisher_slots[start..end]
                .iter()
                .map(|&index| outputs[index])
                .sum(),
            InputSource::Default(value) => value,
        }
    }

    /// Ranges of sub-model `sub` in the state, output and input buffers.
    pub(crate) fn ranges(&self, sub: usize) -> [std::ops::Range<usize>; 3] {
        let layout = &self.layouts[sub];
        [
            layout.states.clone(),
            layout.outputs.clone(),
            layout.inputs.clone(),
        ]
    }

    /// The other sub-models reading at least one signal that sub-model `sub` publishes.
    pub(crate) fn readers(&self, sub: usize) -> &[usize] {
        &self.readers[sub]
    }

    /// Lengths of the output and input buffers of a [`Workspace`].
    pub(crate) fn buffer_lengths(&self) -> (usize, usize) {
        (self.n_outputs, self.input_sources.len())
    }

    /// Values of every published signal at `(t, y)`, in [`Model::signals`] order.
    pub fn signal_values(&self, t: f64, y: &[f64], ws: &mut Workspace, out: &mut Vec<f64>) {
        self.publish_all(t, y, &mut ws.outputs);
        out.clear();
        out.extend((0..self.signals.len()).map(|idx| self.signal_value(idx, &ws.outputs)));
    }

    /// Delivers a broadcast event to one sub-model (`target`) or to all of them.
    pub(crate) fn broadcast(&self, target: Option<usize>, event: &Broadcast, y: &mut [f64]) {
        for (j, (sub, layout)) in self.submodels.iter().zip(&self.layouts).enumerate() {
            if target.is_none_or(|t| t == j) {
                sub.on_event(event, &mut y[layout.states.clone()]);
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
