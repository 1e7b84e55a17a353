//! [`simulate`]: integrate a model piecewise between event times.

use crate::error::{Error, Result};
use crate::event::{Broadcast, Event};
use crate::model::Model;
use crate::monitor::{Monitor, Step};
use crate::options::{Method, SolverOptions};
use crate::solver::{self, Segment};
use crate::trajectory::{SolverStats, Trajectory};

/// An event with its names resolved to indices.
#[derive(Debug)]
enum Resolved<'a> {
    Dose {
        time: f64,
        state: usize,
        amount: f64,
    },
    Broadcast {
        time: f64,
        target: Option<usize>,
        action: &'a Broadcast,
    },
    Infusion {
        start: f64,
        end: f64,
        state: usize,
        rate: f64,
    },
}

/// Simulates `model` from its initial state over `span = (start, end)` days.
///
/// The span is cut at every event time; each piece is integrated by the method in
/// `options`, and events are applied between pieces in the order given (so doses at the
/// same time add up). Output rows on an event time hold post-event values.
///
/// ```
/// use oncodyn_core::{simulate, Event, Model, Output, SolverOptions, SubModel, Var, units};
///
/// #[derive(Debug)]
/// struct Clearance { states: Vec<Var> }
/// impl SubModel for Clearance {
///     fn name(&self) -> &str { "drug" }
///     fn states(&self) -> &[Var] { &self.states }
///     fn init(&self, y: &mut [f64]) { y[0] = 0.0 }
///     fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) { dy[0] = -0.5 * y[0] }
/// }
/// let model = Model::new(vec![Box::new(Clearance { states: vec![Var::new("amount", units::UMOL)] })])?;
/// let events = [Event::dose(1.0, "drug.amount", 10.0)];
/// let options = SolverOptions::default().output(Output::Times(vec![1.0, 3.0]));
/// let trajectory = simulate(&model, (0.0, 3.0), &events, &options)?;
/// let amount = trajectory.column("drug.amount")?;
/// assert!((amount[0] - 10.0).abs() < 1e-9);               // post-dose value at t = 1
/// assert!((amount[1] - 10.0 * (-1.0f64).exp()).abs() < 1e-6);
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
pub fn simulate(
    model: &Model,
    span: (f64, f64),
    events: &[Event],
    options: &SolverOptions,
) -> Result<Trajectory> {
    simulate_from(model, &model.initial_state(), span, events, options)
}

/// Like [`simulate`], from the state `y0` instead of the model's initial state.
pub fn simulate_from(
    model: &Model,
    y0: &[f64],
    span: (f64, f64),
    events: &[Event],
    options: &SolverOptions,
) -> Result<Trajectory> {
    run(model, y0, span, events, options, None)
}

/// Like [`simulate`], and `monitor` sees every accepted step and every event time (see
/// [`Monitor`]); the returned trajectory holds the rows of `options.output` as usual, so a
/// monitor plus a few output times replaces a fine output grid.
///
/// Requires [`Method::Bdf`] (its dense output serves the monitor); other methods give
/// [`Error::InvalidOption`].
///
/// ```
/// use oncodyn_core::{simulate_monitored, Model, Monitor, Output, SolverOptions, Step, SubModel, Var, units};
///
/// #[derive(Debug)]
/// struct Growth { states: Vec<Var> }
/// impl SubModel for Growth {
///     fn name(&self) -> &str { "tumor" }
///     fn states(&self) -> &[Var] { &self.states }
///     fn init(&self, y: &mut [f64]) { y[0] = 1.0 }
///     fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) { dy[0] = 0.1 * y[0] }
/// }
/// /// Records the first time the tumor reaches 2 (cells).
/// struct Doubling { previous: f64, day: Option<f64> }
/// impl Monitor for Doubling {
///     fn on_step(&mut self, step: &Step<'_>) -> oncodyn_core::Result<()> {
///         let g_end = step.state()[0] - 2.0;
///         if self.day.is_none() {
///             let crossing = oncodyn_core::locate_crossing(step, self.previous, g_end, 1e-10, &mut |_, y, _| y[0] - 2.0)?;
///             self.day = crossing.map(|c| c.time);
///         }
///         self.previous = g_end;
///         Ok(())
///     }
///     fn on_events(&mut self, _t: f64, _before: &[f64], after: &[f64]) -> oncodyn_core::Result<()> {
///         self.previous = after[0] - 2.0;
///         Ok(())
///     }
/// }
/// let model = Model::new(vec![Box::new(Growth { states: vec![Var::new("cells", units::CELLS)] })])?;
/// let options = SolverOptions::default().output(Output::Times(vec![]));
/// let mut doubling = Doubling { previous: f64::NAN, day: None };
/// simulate_monitored(&model, (0.0, 20.0), &[], &options, &mut doubling)?;
/// assert!(matches!(doubling.day, Some(day) if (day - 10.0 * 2f64.ln()).abs() < 1e-6));
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
pub fn simulate_monitored(
    model: &Model,
    span: (f64, f64),
    events: &[Event],
    options: &SolverOptions,
    monitor: &mut dyn Monitor,
) -> Result<Trajectory> {
    if options.method != Method::Bdf {
        return Err(Error::InvalidOption {
            name: "method",
            value: f64::NAN,
            reason: "a monitored simulation needs the BDF method (its dense output)",
        });
    }
    run(
        model,
        &model.initial_state(),
        span,
        events,
        options,
        Some(monitor),
    )
}

fn run(
    model: &Model,
    y0: &[f64],
    span: (f64, f64),
    events: &[Event],
    options: &SolverOptions,
    mut monitor: Option<&mut dyn Monitor>,
) -> Result<Trajectory> {
    let (start, end) = span;
    if !(start.is_finite() && end.is_finite() && end > start) {
        return Err(Error::InvalidSpan { start, end });
    }
    if y0.len() != model.n_states() {
        return Err(Error::InvalidOption {
            name: "initial state length",
            value: y0.len() as f64,
            reason: "must equal the number of states of the model",
        });
    }
    if let Some(index) = y0.iter().position(|v| !v.is_finite()) {
        return Err(Error::NonFiniteState {
            time: start,
            state: model.states()[index].name.clone(),
            value: y0[index],
        });
    }
    let output_times = options.output_times(start, end)?;
    let resolved = resolve_events(model, span, events)?;
    let breakpoints = breakpoints(span, &resolved);

    let mut columns = model.states().to_vec();
    columns.extend(model.signals().into_iter().cloned());
    let mut trajectory = Trajectory::new(columns, model.n_states());
    let mut recorder = Recorder {
        model,
        workspace: model.workspace(),
        signals: Vec::new(),
        trajectory: &mut trajectory,
    };

    let mut y = y0.to_vec();
    let mut stats = SolverStats::default();
    let mut drive = |advance: &mut solver::Advance<'_>| -> Result<()> {
        let mut rates = vec![0.0; model.n_states()];
        let mut next_output = 0;
        let mut next_event = 0;
        let mut before = y.clone();
        for (k, &time) in breakpoints.iter().enumerate() {
            before.copy_from_slice(&y);
            // Instantaneous events at this breakpoint, in the order given.
            while next_event < resolved.len() && resolved[next_event].time() <= time {
                match &resolved[next_event] {
                    Resolved::Dose { state, amount, .. } => y[*state] += amount,
                    Resolved::Broadcast { target, action, .. } => {
                        model.broadcast(*target, action, &mut y)
                    }
                    Resolved::Infusion { .. } => {}
                }
                next_event += 1;
            }
            if let Some(monitor) = monitor.as_deref_mut() {
                monitor.on_events(time, &before, &y)?;
            }
            // Outputs at this breakpoint (post-event).
            while next_output < output_times.len() && snaps_to(output_times[next_output], time) {
                recorder.record(time, &y);
                next_output += 1;
            }
            let Some(&segment_end) = breakpoints.get(k + 1) else {
                break;
            };
            rates.fill(0.0);
            for event in &resolved {
                if let Resolved::Infusion {
                    start: s,
                    end: e,
                    state,
                    rate,
                } = event
                {
                    if *s <= time && *e >= segment_end {
                        rates[*state] += rate;
                    }
                }
            }
            let first_inside = next_output;
            while next_output < output_times.len()
                && output_times[next_output] < segment_end
                && !snaps_to(output_times[next_output], segment_end)
            {
                next_output += 1;
            }
            let segment = Segment {
                model,
                start: time,
                end: segment_end,
                rates: &rates,
                output_times: &output_times[first_inside..next_output],
                options,
                max_steps: options.max_steps.saturating_sub(stats.steps),
            };
            let mut on_step = |step: &Step<'_>| match monitor.as_deref_mut() {
                Some(monitor) => monitor.on_step(step),
                None => Ok(()),
            };
            advance(
                &segment,
                &mut y,
                &mut stats,
                &mut |t, state| recorder.record(t, state),
                &mut on_step,
            )?;
            stats.segments += 1;
        }
        Ok(())
    };
    match options.method {
        Method::Dopri5 | Method::Dop853 => {
            let mut step_guess = None;
            drive(&mut |segment, y, stats, record, _on_step| {
                solver::explicit::integrate(segment, y, stats, &mut step_guess, record)
            })?;
        }
        Method::Bdf => solver::stiff::with_stepper(model, options, y0, start, drive)?,
    }
    trajectory.set_stats(stats);
    Ok(trajectory)
}

/// Records states and signals into the trajectory.
struct Recorder<'a> {
    model: &'a Model,
    workspace: crate::model::Workspace,
    signals: Vec<f64>,
    trajectory: &'a mut Trajectory,
}

impl Recorder<'_> {
    fn record(&mut self, time: f64, y: &[f64]) {
        self.model
            .signal_values(time, y, &mut self.workspace, &mut self.signals);
        self.trajectory.push(time, y, &self.signals);
    }
}

impl Resolved<'_> {
    fn time(&self) -> f64 {
        match self {
            Self::Dose { time, .. } | Self::Broadcast { time, .. } => *time,
            Self::Infusion { start, .. } => *start,
        }
    }
}

/// Whether an output time is the breakpoint `time` up to round-off in its computation.
fn snaps_to(output: f64, time: f64) -> bool {
    (output - time).abs() <= 1e-9 * time.abs().max(1.0)
}

fn resolve_events<'a>(
    model: &Model,
    span: (f64, f64),
    events: &'a [Event],
) -> Result<Vec<Resolved<'a>>> {
    let (start, end) = span;
    let mut resolved = Vec::with_capacity(events.len());
    let mut previous = f64::NEG_INFINITY;
    for (index, event) in events.iter().enumerate() {
        event.check_values(index)?;
        let time = event.time();
        let last = match event {
            Event::Infusion { end: e, .. } => *e,
            _ => time,
        };
        if time < start || last > end {
            return Err(Error::EventOutsideSpan {
                index,
                time: if time < start { time } else { last },
                start,
                end,
            });
        }
        if time < previous {
            return Err(Error::UnsortedEvents {
                index,
                time,
                previous,
            });
        }
        previous = time;
        resolved.push(match event {
            Event::Dose {
                time,
                state,
                amount,
            } => Resolved::Dose {
                time: *time,
                state: model.state_index(state)?,
                amount: *amount,
            },
            Event::Infusion {
                start,
                end,
                state,
                rate,
            } => Resolved::Infusion {
                start: *start,
                end: *end,
                state: model.state_index(state)?,
                rate: *rate,
            },
            Event::Broadcast {
                time,
                target,
                action,
            } => {
                Resolved::Broadcast {
                    time: *time,
                    target: match target {
                        None => None,
                        Some(name) => Some(model.submodel_index(name).ok_or_else(|| {
                            Error::UnknownTarget {
                                index,
                                name: name.clone(),
                                hint: crate::error::nearest_name(
                                    name,
                                    model.submodels().iter().map(|s| s.name()),
                                ),
                            }
                        })?),
                    },
                    action,
                }
            }
        });
    }
    Ok(resolved)
}

/// Sorted, distinct times at which the integration must restart: span ends, event
/// times and infusion ends.
fn breakpoints(span: (f64, f64), events: &[Resolved<'_>]) -> Vec<f64> {
    let mut times = vec![span.0, span.1];
    for event in events {
        times.push(event.time());
        if let Resolved::Infusion { end, .. } = event {
            times.push(*end);
        }
    }
    times.sort_by(f64::total_cmp);
    times.dedup();
    times
}
