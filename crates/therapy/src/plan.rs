//! Combination treatment: [`TreatmentPlan`] merges drug [`Regimen`]s and radiotherapy
//! [`FractionSchedule`]s into one event list sorted by time ([`merge_events`]).

use crate::fractionation::FractionSchedule;
use crate::regimen::Regimen;
use oncodyn_core::{Error, Event, Model, Result};
use std::collections::HashMap;

/// Merges events into one list sorted by (start) time, as
/// [`simulate`](oncodyn_core::simulate) requires; events at equal times keep their input
/// order (the sort is stable).
///
/// Errors: [`Error::InvalidEvent`] (`index` in the input order) for an event whose time
/// is not finite; [`Error::InvalidEvent`] (`index` in the sorted list) for an infusion
/// that overlaps an earlier infusion into the same state (infusions are active on
/// `[start, end)`, so one may start when the previous ends).
pub fn merge_events(events: impl IntoIterator<Item = Event>) -> Result<Vec<Event>> {
    let mut events: Vec<Event> = events.into_iter().collect();
    if let Some(index) = events.iter().position(|e| !e.time().is_finite()) {
        return Err(Error::InvalidEvent {
            index,
            time: events[index].time(),
            reason: "time is not finite".into(),
        });
    }
    events.sort_by(|a, b| a.time().total_cmp(&b.time()));
    // Latest end (and its start) of the infusions seen so far, per state.
    let mut running: HashMap<&str, (f64, f64)> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        if let Event::Infusion {
            start, end, state, ..
        } = event
        {
            if let Some(&(previous_start, previous_end)) = running.get(state.as_str()) {
                if *start < previous_end {
                    return Err(Error::InvalidEvent {
                        index,
                        time: *start,
                        reason: format!(
                            "infusion into `{state}` on [{start}, {end}) day overlaps the \
                             infusion on [{previous_start}, {previous_end}) day"
                        ),
                    });
                }
            }
            let entry = running.entry(state.as_str()).or_insert((*start, *end));
            if *end >= entry.1 {
                *entry = (*start, *end);
            }
        }
    }
    Ok(events)
}

/// A combination treatment: drug regimens and radiotherapy schedules given together.
///
/// [`TreatmentPlan::events`] merges their events into one list sorted by time, checking
/// that no two infusions into the same state overlap (two regimens of the same drug on
/// colliding days).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct TreatmentPlan {
    regimens: Vec<Regimen>,
    radiotherapy: Vec<FractionSchedule>,
}

impl TreatmentPlan {
    /// An empty plan.
    pub fn new() -> Self {
        Self::default()
    }

    /// The plan with `regimen` added.
    pub fn regimen(mut self, regimen: Regimen) -> Self {
        self.regimens.push(regimen);
        self
    }

    /// The plan with the radiotherapy `schedule` added.
    pub fn radiotherapy(mut self, schedule: FractionSchedule) -> Self {
        self.radiotherapy.push(schedule);
        self
    }

    /// The drug regimens, in the order added.
    pub fn regimens(&self) -> &[Regimen] {
        &self.regimens
    }

    /// The radiotherapy schedules, in the order added.
    pub fn radiotherapy_schedules(&self) -> &[FractionSchedule] {
        &self.radiotherapy
    }

    /// Every administration and fraction as one event list sorted by time (regimens
    /// first, in the order added, then radiotherapy, at equal times).
    ///
    /// Errors: as [`merge_events`], i.e. [`Error::InvalidEvent`] for overlapping
    /// infusions into one state.
    pub fn events(&self) -> Result<Vec<Event>> {
        merge_events(
            self.regimens
                .iter()
                .flat_map(Regimen::events)
                .chain(self.radiotherapy.iter().flat_map(FractionSchedule::events)),
        )
    }

    /// Checks the plan against a composed model: every regimen as in
    /// [`Regimen::check_against`], and every radiotherapy target names a sub-model
    /// ([`Error::UnknownTarget`] with the nearest name otherwise; `index` is the position
    /// of the schedule in the plan).
    pub fn check_against(&self, model: &Model) -> Result<()> {
        for regimen in &self.regimens {
            regimen.check_against(model)?;
        }
        let names: Vec<&str> = model.submodels().iter().map(|s| s.name()).collect();
        for (index, schedule) in self.radiotherapy.iter().enumerate() {
            if let Some(target) = &schedule.spec().target {
                if !names.contains(&target.as_str()) {
                    return Err(Error::UnknownTarget {
                        index,
                        name: target.clone(),
                        hint: oncodyn_core::nearest_name(target, names.iter().copied()),
                    });
                }
            }
        }
        Ok(())
    }
}
