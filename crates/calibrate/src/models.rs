//! The six growth models of the comparison protocol, in the parameterisation used for the
//! Laleh et al. (2022) data by TumorGrowth.jl (Blaom AD, 2024, Julia package): every model
//! has its initial volume `v0` as a parameter, time is in weeks from the first reading and
//! volumes are normalised (dimensionless).
//!
//! | model | law | parameters |
//! |---|---|---|
//! | exponential | `v' = -omega v` (negative `omega`: growth) | `v0`, `omega` |
//! | logistic | generalized Bertalanffy, `lambda = -1` | `v0`, `v_inf`, `omega` |
//! | Gompertz | generalized Bertalanffy, `lambda = 0` | `v0`, `v_inf`, `omega` |
//! | classical Bertalanffy | generalized Bertalanffy, `lambda = 1/3` | `v0`, `v_inf`, `omega` |
//! | generalized Bertalanffy | `v' = omega B_lambda(v_inf/v) v` | `v0`, `v_inf`, `omega`, `lambda` |
//! | power law | `v' = a v^gamma` | `v0`, `a`, `gamma` |
//!
//! The closed forms are those of `oncodyn-tumor` ([`GeneralizedBertalanffy`],
//! [`Exponential`], [`PowerLaw`]) evaluated with the structs' public fields. Two ranges are
//! wider than the tumor crate's growth-only tables, because treated lesions shrink: the
//! exponential rate `omega` is any finite number (TumorGrowth.jl), and the power-law
//! coefficient `a` may be negative (*assumption*, an extension of Benzekry et al. 2014,
//! PLoS Comput Biol 10(8):e1003800, where `a >= 0`; a negative `a` makes the lesion vanish
//! in finite time). The Bertalanffy family shrinks with `omega >= 0` when `v_inf < v0`.

use crate::params::FreeParameter;
use crate::series::Series;
use oncodyn_core::{ParamRange, ParamSpec};
use oncodyn_tumor::{Exponential, GeneralizedBertalanffy, PowerLaw};

/// Unit of normalised lesion volumes (dimensionless).
pub const NORMALISED: &str = "1";
/// Unit of rates in the comparison (per week).
pub const PER_WEEK: &str = "1/week";

const V0: ParamSpec = ParamSpec {
    name: "v0",
    unit: NORMALISED,
    range: ParamRange::POSITIVE,
    description: "volume at the first reading",
};
const V_INF: ParamSpec = ParamSpec {
    name: "v_inf",
    unit: NORMALISED,
    range: ParamRange::POSITIVE,
    description: "limiting volume",
};
const OMEGA: ParamSpec = ParamSpec {
    name: "omega",
    unit: PER_WEEK,
    range: ParamRange::NON_NEGATIVE,
    description: "rate of approach to the limiting volume",
};

/// Parameters of the exponential model: `v0`, `omega` (any sign).
pub const EXPONENTIAL_SPEC: &[ParamSpec] = &[
    V0,
    ParamSpec {
        name: "omega",
        unit: PER_WEEK,
        range: ParamRange::FINITE,
        description: "decay rate (v' = -omega v; negative for growth)",
    },
];
/// Parameters of the logistic, Gompertz and classical Bertalanffy models.
pub const BERTALANFFY3_SPEC: &[ParamSpec] = &[V0, V_INF, OMEGA];
/// Parameters of the generalized Bertalanffy model (`lambda` in `[-10, 1]` as in
/// [`GeneralizedBertalanffy`]).
pub const GENERALIZED_BERTALANFFY_SPEC: &[ParamSpec] = &[
    V0,
    V_INF,
    OMEGA,
    ParamSpec {
        name: "lambda",
        unit: "1",
        range: ParamRange::closed(-10.0, 1.0),
        description: "Box-Cox exponent (-1 logistic, 0 Gompertz, 1/3 classical Bertalanffy)",
    },
];
/// Parameters of the power-law model (`gamma` in `[0, 1)` as in [`PowerLaw`]).
pub const POWER_LAW_SPEC: &[ParamSpec] = &[
    V0,
    ParamSpec {
        name: "a",
        unit: "1/week (normalised volume^(1-gamma))",
        range: ParamRange::FINITE,
        description: "growth coefficient (negative: shrinkage, assumption)",
    },
    ParamSpec {
        name: "gamma",
        unit: "1",
        range: ParamRange::left_closed(0.0, 1.0),
        description: "exponent",
    },
];

/// One of the six growth models of the comparison (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum GrowthModel {
    /// `v = v0 exp(-omega t)`.
    Exponential,
    /// Generalized Bertalanffy with `lambda = -1`.
    Logistic,
    /// Generalized Bertalanffy with `lambda = 0`: `v = v_inf (v0/v_inf)^exp(-omega t)`.
    Gompertz,
    /// Generalized Bertalanffy with `lambda = 1/3`.
    ClassicalBertalanffy,
    /// `v = v_inf (1 + ((v0/v_inf)^lambda - 1) exp(-omega t))^(1/lambda)`.
    GeneralizedBertalanffy,
    /// `v = (v0^(1-gamma) + (1-gamma) a t)^(1/(1-gamma))`, clamped at 0.
    PowerLaw,
}

impl GrowthModel {
    /// The six models, in report order.
    pub const ALL: [Self; 6] = [
        Self::Exponential,
        Self::Logistic,
        Self::Gompertz,
        Self::ClassicalBertalanffy,
        Self::GeneralizedBertalanffy,
        Self::PowerLaw,
    ];

    /// Short name used in reports and CSV headers.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Exponential => "exponential",
            Self::Logistic => "logistic",
            Self::Gompertz => "gompertz",
            Self::ClassicalBertalanffy => "classical_bertalanffy",
            Self::GeneralizedBertalanffy => "bertalanffy",
            Self::PowerLaw => "power_law",
        }
    }

    /// Parameter table, in the order of the parameter vector.
    pub fn spec(&self) -> &'static [ParamSpec] {
        match self {
            Self::Exponential => EXPONENTIAL_SPEC,
            Self::Logistic | Self::Gompertz | Self::ClassicalBertalanffy => BERTALANFFY3_SPEC,
            Self::GeneralizedBertalanffy => GENERALIZED_BERTALANFFY_SPEC,
            Self::PowerLaw => POWER_LAW_SPEC,
        }
    }

    /// Fixed Box–Cox exponent of the three-parameter Bertalanffy models.
    fn fixed_lambda(&self) -> Option<f64> {
        match self {
            Self::Logistic => Some(-1.0),
            Self::Gompertz => Some(0.0),
            Self::ClassicalBertalanffy => Some(1.0 / 3.0),
            _ => None,
        }
    }

    /// Normalised volume at `t` weeks after the first reading for the parameter vector
    /// `params` (in [`GrowthModel::spec`] order); NaN for a vector of the wrong length.
    pub fn evaluate(&self, params: &[f64], t: f64) -> f64 {
        if params.len() != self.spec().len() {
            return f64::NAN;
        }
        let v0 = params[0];
        match self {
            Self::Exponential => Exponential { a: -params[1] }.closed_form(v0, t),
            Self::Logistic | Self::Gompertz | Self::ClassicalBertalanffy => {
                let lambda = self.fixed_lambda().unwrap_or(0.0);
                GeneralizedBertalanffy {
                    v_inf: params[1],
                    omega: params[2],
                    lambda,
                }
                .closed_form(v0, t)
            }
            Self::GeneralizedBertalanffy => GeneralizedBertalanffy {
                v_inf: params[1],
                omega: params[2],
                lambda: params[3],
            }
            .closed_form(v0, t),
            Self::PowerLaw => PowerLaw {
                a: params[1],
                gamma: params[2],
            }
            .closed_form(v0, t),
        }
    }

    /// Free parameters started at `initial` (in [`GrowthModel::spec`] order).
    pub fn free_parameters(&self, initial: &[f64]) -> Vec<FreeParameter> {
        self.spec()
            .iter()
            .zip(initial)
            .map(|(spec, &value)| FreeParameter::from_spec(spec, value))
            .collect()
    }

    /// Start vectors of the multi-start fit of `training` (times from the first reading):
    /// `v0` is the first reading; the rates and limits come from a small grid around the
    /// data's trend (see the crate README, "Comparison protocol").
    pub fn starts(&self, training: &Series) -> Vec<Vec<f64>> {
        let times = training.times();
        let values = training.values();
        let positive: Vec<f64> = values.iter().copied().filter(|&v| v > 0.0).collect();
        let smallest = positive.iter().copied().fold(f64::INFINITY, f64::min);
        let largest = positive.iter().copied().fold(0.0, f64::max);
        if positive.is_empty() {
            return Vec::new();
        }
        let first = values
            .first()
            .copied()
            .filter(|&v| v > 0.0)
            .unwrap_or(smallest);
        let last = values
            .last()
            .copied()
            .filter(|&v| v > 0.0)
            .unwrap_or(0.1 * smallest);
        let span = match (times.first(), times.last()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => 1.0,
        };
        match self {
            Self::Exponential => {
                let slope = log_slope(times, values).unwrap_or(0.0);
                vec![vec![first, -slope], vec![first, 0.0]]
            }
            Self::Logistic | Self::Gompertz | Self::ClassicalBertalanffy => {
                bertalanffy_grid(first, last, largest, smallest, span, &[])
            }
            Self::GeneralizedBertalanffy => bertalanffy_grid(
                first,
                last,
                largest,
                smallest,
                span,
                &[-1.0, 0.0, 1.0 / 3.0],
            ),
            Self::PowerLaw => [0.5, 0.9]
                .iter()
                .map(|&gamma| {
                    let p = 1.0 - gamma;
                    let a = (last.powf(p) - first.powf(p)) / (p * span);
                    vec![first, a, gamma]
                })
                .chain(std::iter::once(vec![first, 0.0, 0.5]))
                .collect(),
        }
    }
}

/// Grid of starts `(v0, v_inf, omega[, lambda])`: `v_inf` in {last, 2 max, min/2}, `omega`
/// in {1, 5}/span; one copy per `lambda` when `lambdas` is not empty.
fn bertalanffy_grid(
    first: f64,
    last: f64,
    largest: f64,
    smallest: f64,
    span: f64,
    lambdas: &[f64],
) -> Vec<Vec<f64>> {
    let mut starts = Vec::new();
    for v_inf in [last, 2.0 * largest, 0.5 * smallest] {
        for omega in [1.0 / span, 5.0 / span] {
            if lambdas.is_empty() {
                starts.push(vec![first, v_inf, omega]);
            }
            for &lambda in lambdas {
                starts.push(vec![first, v_inf, omega, lambda]);
            }
        }
    }
    starts
}

/// Least-squares slope of `ln v` against `t` over the positive values; `None` with fewer
/// than two distinct times.
fn log_slope(times: &[f64], values: &[f64]) -> Option<f64> {
    let points: Vec<(f64, f64)> = times
        .iter()
        .zip(values)
        .filter(|(_, &v)| v > 0.0)
        .map(|(&t, &v)| (t, v.ln()))
        .collect();
    let n = points.len() as f64;
    let mean_t = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_t).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_t) * (p.1 - mean_y)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn fixed_lambda_models_are_the_generalized_model() {
        for (model, lambda) in [
            (GrowthModel::Logistic, -1.0),
            (GrowthModel::Gompertz, 0.0),
            (GrowthModel::ClassicalBertalanffy, 1.0 / 3.0),
        ] {
            for t in [0.0, 3.0, 20.0] {
                assert_relative_eq!(
                    model.evaluate(&[1e-3, 5e-3, 0.1], t),
                    GrowthModel::GeneralizedBertalanffy.evaluate(&[1e-3, 5e-3, 0.1, lambda], t),
                    max_relative = 1e-14
                );
            }
        }
        // Logistic closed form K v0 / (v0 + (K - v0) e^(-omega t)).
        let expected = 5e-3 * 1e-3 / (1e-3 + 4e-3 * (-2.0f64).exp());
        assert_relative_eq!(
            GrowthModel::Logistic.evaluate(&[1e-3, 5e-3, 0.1], 20.0),
            expected,
            max_relative = 1e-12
        );
    }

    #[test]
    fn decay_is_possible_and_every_model_starts_at_v0() {
        assert!(GrowthModel::Exponential.evaluate(&[1.0, 0.2], 5.0) < 1.0);
        assert!(GrowthModel::PowerLaw.evaluate(&[1.0, -0.1, 0.5], 5.0) < 1.0);
        assert!(GrowthModel::Gompertz.evaluate(&[1.0, 0.5, 0.2], 5.0) < 1.0);
        let series = Series::new(
            "s",
            vec![0.0, 6.0, 12.0, 18.0],
            vec![1e-4, 2e-4, 3e-4, 5e-4],
        )
        .unwrap();
        for model in GrowthModel::ALL {
            assert!(model.evaluate(&[1.0], 1.0).is_nan());
            for start in model.starts(&series) {
                assert_eq!(start.len(), model.spec().len());
                assert_relative_eq!(model.evaluate(&start, 0.0), 1e-4, max_relative = 1e-12);
            }
        }
    }
}
