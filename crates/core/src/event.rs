//! Events: bolus doses into a named state, constant-rate infusions, and broadcast
//! events that sub-models handle themselves (a radiation fraction).

use crate::error::{Error, Result};

/// An event of a treatment schedule. Times are in days.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Event {
    /// Adds `amount` (in the unit of the state) to the state called `state` at `time`.
    Dose {
        /// Time of the bolus (day).
        time: f64,
        /// Full state name, e.g. `docetaxel.central`.
        state: String,
        /// Amount added, in the state's unit (non-negative).
        amount: f64,
    },
    /// Adds `rate` (state unit per day) to the derivative of `state` on `[start, end)`.
    Infusion {
        /// Start of the infusion (day).
        start: f64,
        /// End of the infusion (day), greater than `start`.
        end: f64,
        /// Full state name.
        state: String,
        /// Infusion rate, state unit per day (non-negative).
        rate: f64,
    },
    /// A broadcast event delivered to sub-models' [`on_event`](crate::SubModel::on_event).
    Broadcast {
        /// Time of the event (day).
        time: f64,
        /// Sub-model receiving it; `None` sends it to every sub-model.
        target: Option<String>,
        /// What happens.
        action: Broadcast,
    },
}

/// What a broadcast event does; sub-models decide how (or whether) they respond.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Broadcast {
    /// One fraction of external-beam radiotherapy.
    RadiationFraction {
        /// Physical dose of the fraction (Gy).
        dose_gy: f64,
    },
}

impl Event {
    /// A bolus of `amount` into `state` at `time` (day).
    pub fn dose(time: f64, state: impl Into<String>, amount: f64) -> Self {
        Self::Dose {
            time,
            state: state.into(),
            amount,
        }
    }

    /// An infusion of `amount` into `state` spread evenly over `[start, start + duration)` (days).
    pub fn infusion(start: f64, duration: f64, state: impl Into<String>, amount: f64) -> Self {
        Self::Infusion {
            start,
            end: start + duration,
            state: state.into(),
            rate: amount / duration,
        }
    }

    /// A radiation fraction of `dose_gy` Gy at `time`, delivered to `target` (or every sub-model).
    pub fn radiation(time: f64, target: Option<&str>, dose_gy: f64) -> Self {
        Self::Broadcast {
            time,
            target: target.map(str::to_string),
            action: Broadcast::RadiationFraction { dose_gy },
        }
    }

    /// Time at which the event starts (day).
    pub fn time(&self) -> f64 {
        match self {
            Self::Dose { time, .. } | Self::Broadcast { time, .. } => *time,
            Self::Infusion { start, .. } => *start,
        }
    }

    /// Checks the event's own numbers (not names or span).
    pub(crate) fn check_values(&self, index: usize) -> Result<()> {
        let invalid = |reason: String| Error::InvalidEvent {
            index,
            time: self.time(),
            reason,
        };
        if !self.time().is_finite() {
            return Err(invalid("time is not finite".into()));
        }
        match self {
            Self::Dose { amount, .. } if !(amount.is_finite() && *amount >= 0.0) => Err(invalid(
                format!("dose amount {amount} must be finite and non-negative"),
            )),
            Self::Infusion {
                start, end, rate, ..
            } => {
                if !(end.is_finite() && end > start) {
                    Err(invalid(format!(
                        "infusion end {end} must be finite and after its start {start}"
                    )))
                } else if !(rate.is_finite() && *rate >= 0.0) {
                    Err(invalid(format!(
                        "infusion rate {rate} must be finite and non-negative"
                    )))
                } else {
                    Ok(())
                }
            }
            Self::Broadcast {
                action: Broadcast::RadiationFraction { dose_gy },
                ..
            } if !(dose_gy.is_finite() && *dose_gy >= 0.0) => Err(invalid(format!(
                "radiation dose {dose_gy} Gy must be finite and non-negative"
            ))),
            _ => Ok(()),
        }
    }
}
