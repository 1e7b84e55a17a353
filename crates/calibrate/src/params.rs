//! Free parameters of a fit, taken from `SPEC` tables, and the bounded transforms that keep
//! every trial value of the optimiser inside its admissible range.
//!
//! The optimiser works on unconstrained internal coordinates `u`; each free parameter `x`
//! is mapped according to its [`ParamRange`]:
//!
//! | range | transform | `x(u)` |
//! |---|---|---|
//! | `(-inf, inf)` | identity | `u` |
//! | `(a, inf)` or `[a, inf)` | log | `a + exp(u)` |
//! | `(-inf, b)` or `(-inf, b]` | log | `b - exp(u)` |
//! | `[a, b]`, `(a, b)`, … (both finite) | logit | `a + (b - a) / (1 + exp(-u))` |
//!
//! Closed ends are approached but never attained, so a start value lying exactly on a
//! closed bound is moved inside by `1e-6` of the range width (or of `max(|bound|, 1)`
//! for a half-line). A value that rounds onto an excluded bound is moved to the nearest
//! representable number inside.

use crate::error::Result;
use oncodyn_core::{spec_index, Error as CoreError, ParamRange, ParamSpec, Parameters};

/// The map between an internal (unconstrained) coordinate and a parameter value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Transform {
    /// `x = u` (unbounded parameters).
    Identity,
    /// `x = min + exp(u)` (bounded below).
    LogAbove {
        /// Lower bound.
        min: f64,
    },
    /// `x = max - exp(u)` (bounded above).
    LogBelow {
        /// Upper bound.
        max: f64,
    },
    /// `x = min + (max - min) / (1 + exp(-u))` (bounded on both sides).
    Logit {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

impl Transform {
    /// The transform for `range` (see the module table).
    pub fn for_range(range: &ParamRange) -> Self {
        match (range.min.is_finite(), range.max.is_finite()) {
            (false, false) => Self::Identity,
            (true, false) => Self::LogAbove { min: range.min },
            (false, true) => Self::LogBelow { max: range.max },
            (true, true) => Self::Logit {
                min: range.min,
                max: range.max,
            },
        }
    }

    /// Internal coordinate of `x`, which must lie strictly inside the bounds (not checked;
    /// out-of-range values give NaN or infinite results).
    pub fn to_internal(&self, x: f64) -> f64 {
        match *self {
            Self::Identity => x,
            Self::LogAbove { min } => (x - min).ln(),
            Self::LogBelow { max } => (max - x).ln(),
            Self::Logit { min, max } => ((x - min) / (max - x)).ln(),
        }
    }

    /// Parameter value at internal coordinate `u`.
    pub fn to_natural(&self, u: f64) -> f64 {
        match *self {
            Self::Identity => u,
            Self::LogAbove { min } => min + u.exp(),
            Self::LogBelow { max } => max - u.exp(),
            Self::Logit { min, max } => {
                // Stable logistic function: no overflow for large |u|.
                if u >= 0.0 {
                    min + (max - min) / (1.0 + (-u).exp())
                } else {
                    max - (max - min) / (1.0 + u.exp())
                }
            }
        }
    }

    /// Derivative `dx/du` at internal coordinate `u` (used for standard errors).
    pub fn derivative(&self, u: f64) -> f64 {
        match *self {
            Self::Identity => 1.0,
            Self::LogAbove { .. } => u.exp(),
            Self::LogBelow { .. } => -u.exp(),
            Self::Logit { min, max } => {
                let e = (-u.abs()).exp();
                (max - min) * e / ((1.0 + e) * (1.0 + e))
            }
        }
    }
}

/// Nearest representable number after `x` in the direction of `up` (`f64::next_up` /
/// `next_down`, which are newer than this crate's minimum Rust version).
fn next_toward(x: f64, up: bool) -> f64 {
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return if up { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    if (x > 0.0) == up {
        f64::from_bits(bits + 1)
    } else {
        f64::from_bits(bits - 1)
    }
}

/// `x` moved onto the nearest representable value inside `range` if it rounded onto an
/// excluded (open) bound or beyond a finite bound.
pub(crate) fn keep_inside(range: &ParamRange, x: f64) -> f64 {
    // Overflowed transforms saturate at the largest finite value.
    let mut x = x.clamp(-f64::MAX, f64::MAX);
    if range.min.is_finite() && (x < range.min || (x <= range.min && !range.min_inclusive)) {
        x = if range.min_inclusive {
            range.min
        } else {
            next_toward(range.min, true)
        };
    }
    if range.max.is_finite() && (x > range.max || (x >= range.max && !range.max_inclusive)) {
        x = if range.max_inclusive {
            range.max
        } else {
            next_toward(range.max, false)
        };
    }
    x
}

/// One free parameter of a fit: its name, unit, admissible range (normally a `SPEC` row)
/// and start value.
#[derive(Debug, Clone, PartialEq)]
pub struct FreeParameter {
    /// Name, unique within a fit (reports and errors use it).
    pub name: String,
    /// Unit of the value.
    pub unit: String,
    /// Admissible values; the optimiser never leaves them.
    pub range: ParamRange,
    /// Start value of the optimisation, inside `range`.
    pub initial: f64,
}

impl FreeParameter {
    /// A free parameter described by hand (e.g. an initial volume `v0` that no `SPEC`
    /// table of the law holds).
    pub fn new(
        name: impl Into<String>,
        unit: impl Into<String>,
        range: ParamRange,
        initial: f64,
    ) -> Self {
        Self {
            name: name.into(),
            unit: unit.into(),
            range,
            initial,
        }
    }

    /// A free parameter described by a `SPEC` row.
    pub fn from_spec(spec: &ParamSpec, initial: f64) -> Self {
        Self::new(spec.name, spec.unit, spec.range, initial)
    }

    /// The parameter `name` of the table `P::SPEC`, started at `initial`.
    /// Fails with [`oncodyn_core::Error::UnknownParameter`] (with the nearest valid name).
    pub fn of<P: Parameters>(name: &str, initial: f64) -> Result<Self> {
        let index = spec_index::<P>(name)?;
        Ok(Self::from_spec(&P::SPEC[index], initial))
    }

    /// The transform of this parameter's range.
    pub fn transform(&self) -> Transform {
        Transform::for_range(&self.range)
    }

    /// Internal start coordinate: checks that `initial` is admissible
    /// ([`oncodyn_core::Error::InvalidParameter`] otherwise), moving it off a closed bound
    /// first (see the module documentation).
    pub(crate) fn initial_internal(&self) -> Result<f64> {
        if !self.range.contains(self.initial) {
            return Err(CoreError::InvalidParameter {
                model: "calibration start".into(),
                name: self.name.clone(),
                value: self.initial,
                unit: self.unit.clone(),
                range: self.range.to_string(),
            }
            .into());
        }
        let range = &self.range;
        let mut x = self.initial;
        let nudge = |bound: f64| {
            if range.min.is_finite() && range.max.is_finite() {
                1e-6 * (range.max - range.min)
            } else {
                1e-6 * bound.abs().max(1.0)
            }
        };
        if range.min.is_finite() && x <= range.min {
            x = range.min + nudge(range.min);
        }
        if range.max.is_finite() && x >= range.max {
            x = range.max - nudge(range.max);
        }
        Ok(self.transform().to_internal(x))
    }
}

/// Named parameters of a `Parameters` table chosen for fitting; the others stay at the
/// values of a base set.
///
/// ```
/// use oncodyn_calibrate::Selection;
/// use oncodyn_tumor::VonBertalanffy;
///
/// let base = VonBertalanffy::new(1.0, 2.0 / 3.0, 0.1)?;
/// let selection = Selection::new(&base, &["a", "b"])?; // gamma stays 2/3
/// let free = selection.free_parameters();
/// assert_eq!(free[1].name, "b");
/// let law = selection.build(&[2.0, 0.2])?;
/// assert!((law.gamma - 2.0 / 3.0).abs() < 1e-15 && (law.a - 2.0).abs() < 1e-15);
/// assert!(Selection::new(&base, &["beta"]).is_err()); // unknown name (did you mean `b`?)
/// # Ok::<(), oncodyn_calibrate::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Selection<P: Parameters> {
    base: P,
    indices: Vec<usize>,
}

impl<P: Parameters> Selection<P> {
    /// Selects `names` (each a row of `P::SPEC`) of the validated `base`. Fails with
    /// [`oncodyn_core::Error::UnknownParameter`] for a name not in the table,
    /// [`oncodyn_core::Error::DuplicateName`] for a repeated name and with `base`'s own
    /// validation error.
    pub fn new(base: &P, names: &[&str]) -> Result<Self> {
        base.validate()?;
        let mut indices = Vec::with_capacity(names.len());
        for name in names {
            let index = spec_index::<P>(name)?;
            if indices.contains(&index) {
                return Err(CoreError::DuplicateName {
                    kind: "parameter",
                    name: (*name).to_string(),
                }
                .into());
            }
            indices.push(index);
        }
        Ok(Self {
            base: base.clone(),
            indices,
        })
    }

    /// Number of selected parameters.
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// Whether no parameter is selected.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// Names of the selected parameters, in selection order.
    pub fn names(&self) -> Vec<&'static str> {
        self.indices.iter().map(|&i| P::SPEC[i].name).collect()
    }

    /// The selected parameters as [`FreeParameter`]s started at the base values.
    pub fn free_parameters(&self) -> Vec<FreeParameter> {
        self.free_parameters_prefixed("")
    }

    /// Like [`Selection::free_parameters`] with names `<prefix><name>` (e.g. `lung.r`),
    /// to keep names unique when several tables are fitted together.
    pub fn free_parameters_prefixed(&self, prefix: &str) -> Vec<FreeParameter> {
        let values = self.base.values();
        self.indices
            .iter()
            .map(|&i| {
                let mut free = FreeParameter::from_spec(&P::SPEC[i], values[i]);
                free.name = format!("{prefix}{}", free.name);
                free
            })
            .collect()
    }

    /// The base set with the selected parameters set to `free_values` (selection order),
    /// validated.
    pub fn build(&self, free_values: &[f64]) -> Result<P> {
        if free_values.len() != self.indices.len() {
            return Err(CoreError::InconsistentParameters {
                model: P::MODEL.into(),
                reason: format!(
                    "expected {} free values, got {}",
                    self.indices.len(),
                    free_values.len()
                ),
            }
            .into());
        }
        let mut values = self.base.values();
        for (&i, &value) in self.indices.iter().zip(free_values) {
            values[i] = value;
        }
        Ok(P::from_values(&values)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn transforms_round_trip_and_stay_inside() {
        let cases = [
            (ParamRange::FINITE, -3.5),
            (ParamRange::POSITIVE, 2e-4),
            (ParamRange::NON_NEGATIVE, 7.0),
            (ParamRange::open(f64::NEG_INFINITY, 2.0), -1.0),
            (ParamRange::closed(-10.0, 1.0), 0.25),
            (ParamRange::left_closed(0.0, 1.0), 0.9),
        ];
        for (range, x) in cases {
            let transform = Transform::for_range(&range);
            let u = transform.to_internal(x);
            assert_relative_eq!(transform.to_natural(u), x, max_relative = 1e-12);
            let h = 1e-6;
            let numeric = (transform.to_natural(u + h) - transform.to_natural(u - h)) / (2.0 * h);
            assert_relative_eq!(transform.derivative(u), numeric, max_relative = 1e-6);
            for far in [-800.0, 800.0] {
                let value = keep_inside(&range, transform.to_natural(far));
                assert!(range.contains(value), "{range} {far} -> {value}");
            }
        }
    }

    #[test]
    fn start_on_closed_bound_is_nudged_and_outside_is_rejected() {
        let free = FreeParameter::new("omega", "1/week", ParamRange::NON_NEGATIVE, 0.0);
        let u = free.initial_internal().unwrap();
        assert_relative_eq!(free.transform().to_natural(u), 1e-6, max_relative = 1e-9);
        let bad = FreeParameter::new("omega", "1/week", ParamRange::NON_NEGATIVE, -1.0);
        assert!(matches!(
            bad.initial_internal(),
            Err(crate::Error::Core(CoreError::InvalidParameter { .. }))
        ));
    }

    #[test]
    fn unknown_and_duplicate_names_are_errors() {
        let law = oncodyn_tumor::Gompertz::new(0.1, 100.0).unwrap();
        assert!(matches!(
            Selection::new(&law, &["r", "K"]),
            Err(crate::Error::Core(CoreError::UnknownParameter { ref name, .. })) if name == "K"
        ));
        assert!(matches!(
            Selection::new(&law, &["r", "r"]),
            Err(crate::Error::Core(CoreError::DuplicateName { .. }))
        ));
        assert!(matches!(
            FreeParameter::of::<oncodyn_tumor::Gompertz>("x", 1.0),
            Err(crate::Error::Core(CoreError::UnknownParameter { .. }))
        ));
    }
}
