//! The one error type of `oncodyn-core`: every failure names what it belongs to
//! and carries the offending value.

use std::path::PathBuf;

/// Result alias used throughout oncodyn.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when building, simulating or exporting a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter is NaN, infinite where not allowed, or outside its admissible range.
    #[error(
        "parameter `{name}` of {model} is {value} {unit}, outside its admissible range {range}"
    )]
    InvalidParameter {
        /// Model (parameter table) the parameter belongs to.
        model: String,
        /// Parameter name as in the `SPEC` table.
        name: String,
        /// The rejected value.
        value: f64,
        /// Unit of the parameter.
        unit: String,
        /// Admissible range, e.g. `(0, inf)` or `[0, 1]`.
        range: String,
    },
    /// Parameters are individually valid but inconsistent with one another.
    #[error("invalid parameters for {model}: {reason}")]
    InconsistentParameters {
        /// Model the parameters belong to.
        model: String,
        /// What is inconsistent.
        reason: String,
    },
    /// A parameter name that the model's `SPEC` table does not have.
    #[error("{model} has no parameter `{name}`{}", hint_suffix(.hint))]
    UnknownParameter {
        /// Model that was asked.
        model: String,
        /// The unknown name.
        name: String,
        /// Nearest valid name, if any is close.
        hint: Option<String>,
    },
    /// A state, signal or sub-model name that is empty or contains characters outside `[A-Za-z0-9_.-]`.
    #[error("invalid {kind} name `{name}`: {reason}")]
    InvalidName {
        /// What the name is for (`state`, `signal`, `sub-model`).
        kind: &'static str,
        /// The offending name.
        name: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// Two states (or two sub-models) share one name.
    #[error("duplicate {kind} name `{name}`")]
    DuplicateName {
        /// What is duplicated (`state`, `sub-model`, or `state and signal`: a signal named
        /// like a state and published by a sub-model other than the state's).
        kind: &'static str,
        /// The duplicated name.
        name: String,
    },
    /// A signal is published or read with a unit different from another publisher's.
    #[error("signal `{signal}` has unit `{expected}` but sub-model `{submodel}` uses `{found}`")]
    UnitMismatch {
        /// Signal name.
        signal: String,
        /// Unit declared by the first publisher.
        expected: String,
        /// Unit declared by the offending sub-model.
        found: String,
        /// Offending sub-model.
        submodel: String,
    },
    /// A non-additive signal has more than one publisher.
    #[error("signal `{signal}` is published by both `{first}` and `{second}` but is not additive")]
    DuplicatePublisher {
        /// Signal name.
        signal: String,
        /// First publisher.
        first: String,
        /// Second publisher.
        second: String,
    },
    /// A required input signal is published by no sub-model.
    #[error("sub-model `{reader}` requires signal `{signal}`, which no sub-model publishes{}", hint_suffix(.hint))]
    MissingSignal {
        /// Signal name.
        signal: String,
        /// Sub-model that reads it.
        reader: String,
        /// Nearest published signal name, if any is close.
        hint: Option<String>,
    },
    /// A state name that the model does not have (dose target, column lookup).
    #[error("unknown state `{name}`{}", hint_suffix(.hint))]
    UnknownState {
        /// The unknown name.
        name: String,
        /// Nearest valid name, if any is close.
        hint: Option<String>,
    },
    /// A column name that a trajectory does not have.
    #[error("unknown column `{name}`{}", hint_suffix(.hint))]
    UnknownColumn {
        /// The unknown name.
        name: String,
        /// Nearest valid name, if any is close.
        hint: Option<String>,
    },
    /// A broadcast event targets a sub-model that does not exist.
    #[error("event {index} targets unknown sub-model `{name}`{}", hint_suffix(.hint))]
    UnknownTarget {
        /// Position of the event in the event list.
        index: usize,
        /// The unknown name.
        name: String,
        /// Nearest valid name, if any is close.
        hint: Option<String>,
    },
    /// The simulation span is empty, reversed or not finite.
    #[error("invalid time span [{start}, {end}] day: end must be finite and greater than start")]
    InvalidSpan {
        /// Start time (day).
        start: f64,
        /// End time (day).
        end: f64,
    },
    /// An event is malformed (non-finite time, negative amount, empty infusion interval…).
    #[error("event {index} at t = {time} day is invalid: {reason}")]
    InvalidEvent {
        /// Position of the event in the event list.
        index: usize,
        /// Event time (day).
        time: f64,
        /// What is wrong.
        reason: String,
    },
    /// An event lies outside the simulated span.
    #[error("event {index} at t = {time} day lies outside the span [{start}, {end}] day")]
    EventOutsideSpan {
        /// Position of the event in the event list.
        index: usize,
        /// Event time (day).
        time: f64,
        /// Span start (day).
        start: f64,
        /// Span end (day).
        end: f64,
    },
    /// Events are not sorted by (start) time.
    #[error("event {index} at t = {time} day comes after an event at t = {previous} day: events must be sorted by time")]
    UnsortedEvents {
        /// Position of the first out-of-order event.
        index: usize,
        /// Its time (day).
        time: f64,
        /// Time of the event before it (day).
        previous: f64,
    },
    /// A solver option is out of range (tolerance, output step, step limit).
    #[error("invalid solver option `{name}` = {value}: {reason}")]
    InvalidOption {
        /// Option name.
        name: &'static str,
        /// Rejected value.
        value: f64,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// The state became NaN or infinite during integration.
    #[error("state `{state}` became non-finite ({value}) at t = {time} day")]
    NonFiniteState {
        /// Time at which it was detected (day).
        time: f64,
        /// Offending state.
        state: String,
        /// Its value.
        value: f64,
    },
    /// The solver could not continue (step size underflow, too many steps, Newton failure).
    #[error(
        "solver failed at t = {time} day ({reason}); fastest-changing state: `{state}` = {value}"
    )]
    SolverFailed {
        /// Time reached when the solver stopped (day).
        time: f64,
        /// What the solver reported.
        reason: String,
        /// The state with the largest scaled rate of change at that time, the usual culprit.
        state: String,
        /// Its value.
        value: f64,
    },
    /// A file could not be written or read.
    #[error("i/o error on {}: {source}", path.display())]
    Io {
        /// File concerned.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// Serialisation to CSV or JSON failed.
    #[error("could not serialise to {}: {reason}", path.display())]
    Serialize {
        /// File concerned.
        path: PathBuf,
        /// Underlying error message.
        reason: String,
    },
    /// An analysis (Jacobian, equilibria, basin boundary, parameter scan) was asked something
    /// it cannot do: an empty or non-finite parameter range, a start of the wrong length, a
    /// line of initial conditions whose two ends reach the same attractor, a final state that
    /// is near none of the given attractors.
    #[error("invalid {analysis}: {reason}")]
    InvalidAnalysis {
        /// Which analysis (`jacobian`, `equilibrium search`, `basin boundary`, `parameter scan`).
        analysis: &'static str,
        /// What is wrong, with the offending values.
        reason: String,
    },
}

fn hint_suffix(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!(" (did you mean `{h}`?)"),
        None => String::new(),
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a plausible typo
/// (distance at most a third of the longer name, and at least 1 edit allowed).
pub fn nearest_name<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(name, candidate);
        let limit = (name.chars().count().max(candidate.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b_chars.len()).collect();
    let mut current = vec![0; b_chars.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b_chars.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b_chars.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_name_finds_typos_only() {
        let names = ["lung.cells", "liver.cells", "docetaxel.central"];
        assert_eq!(
            nearest_name("lung.cell", names).as_deref(),
            Some("lung.cells")
        );
        assert_eq!(nearest_name("completely_else", names), None);
    }

    #[test]
    fn messages_name_value_and_range() {
        let error = Error::InvalidParameter {
            model: "Gompertz".into(),
            name: "r".into(),
            value: -1.0,
            unit: "1/day".into(),
            range: "(0, inf)".into(),
        };
        let text = error.to_string();
        assert!(
            text.contains("`r`")
                && text.contains("-1")
                && text.contains("1/day")
                && text.contains("(0, inf)")
        );
    }
}
