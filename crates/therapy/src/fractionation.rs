//! Radiotherapy fractionation schedules ([`FractionSpec`], [`FractionSchedule`]): `n`
//! fractions of `d` Gy on treatment weekdays (Monday to Friday by default), expanded into
//! [`Event::radiation`] events.

use oncodyn_core::{name_problem, Error, Event, ParamRange, Result};

/// Largest number of fractions a schedule may have (a guard against absurd inputs).
pub const MAX_FRACTIONS: u32 = 10_000;

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Weekday {
    /// Monday (index 0).
    Monday,
    /// Tuesday (index 1).
    Tuesday,
    /// Wednesday (index 2).
    Wednesday,
    /// Thursday (index 3).
    Thursday,
    /// Friday (index 4).
    Friday,
    /// Saturday (index 5).
    Saturday,
    /// Sunday (index 6).
    Sunday,
}

impl Weekday {
    /// The seven days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// Index from Monday = 0 to Sunday = 6.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The day `days` days after `self`.
    pub fn plus_days(self, days: u32) -> Self {
        // `days % 7` fits in usize on every platform.
        let offset = (days % 7) as usize;
        Self::ALL[(self.index() + offset) % 7]
    }

    /// Whether the day is a Saturday or a Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Self::Saturday | Self::Sunday)
    }
}

/// The description of a fractionation schedule, validated by [`FractionSchedule::new`].
/// Build it with [`FractionSpec::weekdays`] and the chained setters; the fields are public
/// for serialisation.
///
/// Simulation day `k` (the interval `[k, k + 1)`) falls on the weekday `day0_weekday + k`.
/// Fractions are given one per treatment day, at time `day + time_of_day`, on the first
/// `fractions` treatment days from `first_day` on (a start on a non-treatment day moves
/// to the next treatment day).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FractionSpec {
    /// Physical dose per fraction (Gy), > 0.
    pub dose_gy: f64,
    /// Number of fractions, in [1, [`MAX_FRACTIONS`]].
    pub fractions: u32,
    /// First day on which a fraction may be given (day index, >= 0).
    pub first_day: u32,
    /// Weekday of simulation day 0.
    pub day0_weekday: Weekday,
    /// Treatment weekdays, indexed Monday = 0 to Sunday = 6; at least one must be set.
    pub treatment_days: [bool; 7],
    /// Time of day of each fraction (day), in [0, 1).
    pub time_of_day: f64,
    /// Sub-model receiving the fractions; `None` broadcasts them to every sub-model.
    pub target: Option<String>,
}

impl FractionSpec {
    /// `fractions` fractions of `dose_gy` Gy, Monday to Friday, starting on day 0, which
    /// is a Monday, broadcast to every sub-model (change with the setters).
    pub fn weekdays(dose_gy: f64, fractions: u32) -> Self {
        Self {
            dose_gy,
            fractions,
            first_day: 0,
            day0_weekday: Weekday::Monday,
            treatment_days: [true, true, true, true, true, false, false],
            time_of_day: 0.0,
            target: None,
        }
    }

    /// The first fraction is given on day `day` or, if that is not a treatment day, on the
    /// next treatment day.
    pub fn first_day(mut self, day: u32) -> Self {
        self.first_day = day;
        self
    }

    /// Simulation day 0 is a `weekday`.
    pub fn day0_weekday(mut self, weekday: Weekday) -> Self {
        self.day0_weekday = weekday;
        self
    }

    /// Fractions are given on every day of the week, weekends included.
    pub fn every_day(mut self) -> Self {
        self.treatment_days = [true; 7];
        self
    }

    /// Fractions are given on the listed weekdays only.
    pub fn on_days(mut self, days: &[Weekday]) -> Self {
        self.treatment_days = [false; 7];
        for day in days {
            self.treatment_days[day.index()] = true;
        }
        self
    }

    /// Fractions are given at `time_of_day` (fraction of a day in [0, 1), e.g. 0.5 at noon).
    pub fn time_of_day(mut self, time_of_day: f64) -> Self {
        self.time_of_day = time_of_day;
        self
    }

    /// Fractions are delivered to the sub-model `name` only (e.g. one tumor site).
    pub fn target(mut self, name: impl Into<String>) -> Self {
        self.target = Some(name.into());
        self
    }
}

/// A validated fractionation schedule. See [`FractionSpec`] for the meaning.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FractionSchedule {
    spec: FractionSpec,
    days: Vec<u32>,
}

impl FractionSchedule {
    /// Validates `spec` and lays out the fraction days.
    ///
    /// Errors, with model `FractionSchedule`: [`Error::InvalidParameter`] naming `dose_gy`
    /// (Gy) if it is not positive and finite, `fractions` if 0 or above
    /// [`MAX_FRACTIONS`], `time_of_day` if outside [0, 1); [`Error::InvalidName`] for a
    /// malformed target; [`Error::InconsistentParameters`] if no weekday is a treatment
    /// day, or if the last fraction would fall after day `u32::MAX`.
    pub fn new(spec: FractionSpec) -> Result<Self> {
        let model = "FractionSchedule";
        require_in(model, "dose_gy", "Gy", ParamRange::POSITIVE, spec.dose_gy)?;
        let range = ParamRange::closed(1.0, f64::from(MAX_FRACTIONS));
        require_in(model, "fractions", "1", range, f64::from(spec.fractions))?;
        let range = ParamRange::left_closed(0.0, 1.0);
        require_in(model, "time_of_day", "day", range, spec.time_of_day)?;
        if let Some(target) = &spec.target {
            if let Some(reason) = name_problem(target) {
                return Err(Error::InvalidName {
                    kind: "sub-model",
                    name: target.clone(),
                    reason,
                });
            }
        }
        let inconsistent = |reason: &str| Error::InconsistentParameters {
            model: model.into(),
            reason: reason.into(),
        };
        if !spec.treatment_days.contains(&true) {
            return Err(inconsistent("no weekday is a treatment day"));
        }
        let mut days = Vec::with_capacity(spec.fractions as usize);
        let mut day = spec.first_day;
        while days.len() < spec.fractions as usize {
            let weekday = spec.day0_weekday.plus_days(day);
            if spec.treatment_days[weekday.index()] {
                days.push(day);
            }
            day = day
                .checked_add(1)
                .ok_or_else(|| inconsistent("the schedule runs past day u32::MAX"))?;
        }
        Ok(Self { spec, days })
    }

    /// The validated description.
    pub fn spec(&self) -> &FractionSpec {
        &self.spec
    }

    /// Day indices of the fractions, increasing.
    pub fn days(&self) -> &[u32] {
        &self.days
    }

    /// Times of the fractions, `day + time_of_day` (day), increasing.
    pub fn times(&self) -> Vec<f64> {
        self.days
            .iter()
            .map(|&d| f64::from(d) + self.spec.time_of_day)
            .collect()
    }

    /// Weekday of each fraction.
    pub fn weekdays(&self) -> Vec<Weekday> {
        self.days
            .iter()
            .map(|&d| self.spec.day0_weekday.plus_days(d))
            .collect()
    }

    /// Day index of the last fraction.
    pub fn last_day(&self) -> u32 {
        self.days.last().copied().unwrap_or(self.spec.first_day)
    }

    /// Overall treatment time (day): days elapsed from the first to the last fraction.
    pub fn overall_time_days(&self) -> u32 {
        match (self.days.first(), self.days.last()) {
            (Some(first), Some(last)) => last - first,
            _ => 0,
        }
    }

    /// Total physical dose `fractions × dose_gy` (Gy).
    pub fn total_dose_gy(&self) -> f64 {
        f64::from(self.spec.fractions) * self.spec.dose_gy
    }

    /// The fractions as [`Event::radiation`] events, sorted by time.
    pub fn events(&self) -> Vec<Event> {
        let target = self.spec.target.as_deref();
        self.times()
            .into_iter()
            .map(|t| Event::radiation(t, target, self.spec.dose_gy))
            .collect()
    }
}

/// `Ok` if `value` lies in `range`, else [`Error::InvalidParameter`] of `model`.
pub(crate) fn require_in(
    model: &str,
    name: &str,
    unit: &str,
    range: ParamRange,
    value: f64,
) -> Result<()> {
    if range.contains(value) {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            model: model.into(),
            name: name.into(),
            value,
            unit: unit.into(),
            range: range.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_arithmetic_wraps() {
        assert_eq!(Weekday::Monday.plus_days(0), Weekday::Monday);
        assert_eq!(Weekday::Friday.plus_days(1), Weekday::Saturday);
        assert_eq!(Weekday::Sunday.plus_days(1), Weekday::Monday);
        assert_eq!(Weekday::Wednesday.plus_days(7 * 1000 + 2), Weekday::Friday);
        assert_eq!(Weekday::Monday.plus_days(u32::MAX), Weekday::Thursday);
        assert!(Weekday::Saturday.is_weekend() && !Weekday::Friday.is_weekend());
        for (k, day) in Weekday::ALL.iter().enumerate() {
            assert_eq!(day.index(), k);
        }
    }

    #[test]
    fn running_past_the_last_day_index_is_an_error_not_a_panic() {
        let spec = FractionSpec::weekdays(2.0, 10).first_day(u32::MAX - 3);
        assert!(matches!(
            FractionSchedule::new(spec),
            Err(Error::InconsistentParameters { ref model, .. }) if model == "FractionSchedule"
        ));
    }
}
