//! Least-squares fitting with the Levenberg–Marquardt method of the `levenberg-marquardt`
//! crate (a port of MINPACK's `lmder`), in the bounded internal coordinates of
//! [`crate::params`], with a central finite-difference Jacobian, and the fit diagnostics.

use crate::error::{Error, Result};
pub use crate::options::{FitOptions, FitStatus};
use crate::params::{keep_inside, FreeParameter, Transform};
use crate::predict::{ClosedForm, Observation, OdeModel, Predictor};
use crate::series::Series;
use crate::stats::standard_errors;
use levenberg_marquardt::{LeastSquaresProblem, LevenbergMarquardt, TerminationReason};
use nalgebra::{storage::Owned, DMatrix, DVector, Dyn};
use oncodyn_core::{Error as CoreError, Model};
use std::cell::Cell;

/// The result of a fit, with its diagnostics.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fit {
    /// Name of the fitted series.
    pub series: String,
    /// Free-parameter names, in fit order.
    pub names: Vec<String>,
    /// Fitted values (natural scale), in fit order.
    pub values: Vec<f64>,
    /// Standard errors `sqrt(diag(s^2 (J^T J)^-1))` (delta method through the transform);
    /// `None` when there are no degrees of freedom (as many points as parameters) or the
    /// Jacobian is numerically singular (see [`crate::stats::standard_errors`]).
    pub standard_errors: Vec<Option<f64>>,
    /// Covariance matrix of the fitted values (row-major, fit order), when defined.
    pub covariance: Option<Vec<Vec<f64>>>,
    /// Model values at the data times.
    pub predictions: Vec<f64>,
    /// Residuals `data - model` at the data times.
    pub residuals: Vec<f64>,
    /// Sum of squared residuals.
    pub sse: f64,
    /// How the optimiser stopped.
    pub status: FitStatus,
    /// The optimiser's termination reason, verbatim.
    pub termination: String,
    /// Iterations (Jacobian evaluations).
    pub iterations: usize,
    /// Residual evaluations (excluding those of the finite differences).
    pub evaluations: usize,
}

impl Fit {
    /// Fitted value of the free parameter `name` ([`oncodyn_core::Error::UnknownParameter`]
    /// otherwise).
    pub fn value(&self, name: &str) -> Result<f64> {
        Ok(self.values[self.index(name)?])
    }

    /// Standard error of the free parameter `name` (`None` where undefined).
    pub fn standard_error(&self, name: &str) -> Result<Option<f64>> {
        Ok(self.standard_errors[self.index(name)?])
    }

    /// Whether the optimiser reached a minimum.
    pub fn converged(&self) -> bool {
        self.status.converged()
    }

    fn index(&self, name: &str) -> Result<usize> {
        self.names.iter().position(|n| n == name).ok_or_else(|| {
            CoreError::UnknownParameter {
                model: format!("fit of `{}`", self.series),
                name: name.into(),
                hint: oncodyn_core::nearest_name(name, self.names.iter().map(String::as_str)),
            }
            .into()
        })
    }
}

/// The least-squares problem in internal coordinates, as the optimiser sees it.
struct Problem<'a, P> {
    series: &'a Series,
    free: &'a [FreeParameter],
    transforms: Vec<Transform>,
    predictor: &'a P,
    internal: DVector<f64>,
    step: f64,
    jacobians: Cell<usize>,
}

impl<P: Predictor> Problem<'_, P> {
    fn natural(&self, internal: &[f64]) -> Vec<f64> {
        internal
            .iter()
            .zip(&self.transforms)
            .zip(self.free)
            .map(|((&u, t), free)| keep_inside(&free.range, t.to_natural(u)))
            .collect()
    }

    /// Residuals `model - data` at internal coordinates `u`; NaN when the model fails.
    fn residuals_at(&self, internal: &[f64]) -> Result<Vec<f64>> {
        let params = self.natural(internal);
        let mut out = vec![f64::NAN; self.series.len()];
        self.predictor
            .predict(&params, self.series.times(), &mut out)?;
        for (r, y) in out.iter_mut().zip(self.series.values()) {
            *r -= y;
        }
        Ok(out)
    }

    fn residuals_or_nan(&self, internal: &[f64]) -> Vec<f64> {
        self.residuals_at(internal)
            .unwrap_or_else(|_| vec![f64::NAN; self.series.len()])
    }

    /// Central-difference Jacobian at `u`, one-sided where one side is not finite;
    /// `None` when a column cannot be computed.
    fn jacobian_at(&self, internal: &[f64]) -> Option<DMatrix<f64>> {
        let m = self.series.len();
        let n = internal.len();
        let center = self.residuals_or_nan(internal);
        let mut jacobian = DMatrix::zeros(m, n);
        let mut point = internal.to_vec();
        for j in 0..n {
            let h = self.step * internal[j].abs().max(1.0);
            point[j] = internal[j] + h;
            let plus = self.residuals_or_nan(&point);
            point[j] = internal[j] - h;
            let minus = self.residuals_or_nan(&point);
            point[j] = internal[j];
            let finite = |v: &[f64]| v.iter().all(|x| x.is_finite());
            let (a, b, width) = match (finite(&plus), finite(&minus), finite(&center)) {
                (true, true, _) => (&plus, &minus, 2.0 * h),
                (true, false, true) => (&plus, &center, h),
                (false, true, true) => (&center, &minus, h),
                _ => return None,
            };
            for i in 0..m {
                jacobian[(i, j)] = (a[i] - b[i]) / width;
            }
        }
        jacobian.iter().all(|x| x.is_finite()).then_some(jacobian)
    }
}

impl<P: Predictor> LeastSquaresProblem<f64, Dyn, Dyn> for Problem<'_, P> {
    type ResidualStorage = Owned<f64, Dyn>;
    type JacobianStorage = Owned<f64, Dyn, Dyn>;
    type ParameterStorage = Owned<f64, Dyn>;

    fn set_params(&mut self, x: &DVector<f64>) {
        self.internal.copy_from(x);
    }

    fn params(&self) -> DVector<f64> {
        self.internal.clone()
    }

    fn residuals(&self) -> Option<DVector<f64>> {
        Some(DVector::from_vec(
            self.residuals_or_nan(self.internal.as_slice()),
        ))
    }

    fn jacobian(&self) -> Option<DMatrix<f64>> {
        self.jacobians.set(self.jacobians.get() + 1);
        self.jacobian_at(self.internal.as_slice())
    }
}

fn status_of(reason: &TerminationReason) -> FitStatus {
    match reason {
        TerminationReason::ResidualsZero
        | TerminationReason::Orthogonal
        | TerminationReason::Converged { .. } => FitStatus::Converged,
        TerminationReason::NoImprovementPossible(_) => FitStatus::MachinePrecision,
        TerminationReason::LostPatience => FitStatus::IterationLimit,
        _ => FitStatus::Failed,
    }
}

/// Checks the free-parameter list: at least one, unique names, no more than the data points.
fn check_setup(series: &Series, free: &[FreeParameter]) -> Result<()> {
    if free.is_empty() {
        return Err(CoreError::InvalidOption {
            name: "free parameters",
            value: 0.0,
            reason: "at least one parameter must be free",
        }
        .into());
    }
    for (k, parameter) in free.iter().enumerate() {
        if free[..k].iter().any(|p| p.name == parameter.name) {
            return Err(CoreError::DuplicateName {
                kind: "parameter",
                name: parameter.name.clone(),
            }
            .into());
        }
    }
    if series.len() < free.len() {
        return Err(Error::TooFewPoints {
            series: series.name().into(),
            points: series.len(),
            parameters: free.len(),
        });
    }
    Ok(())
}

/// Fits the free parameters `free` of `predictor` to `series` by least squares
/// (unweighted sum of squared residuals).
///
/// Errors: [`Error::TooFewPoints`] (fewer points than free parameters),
/// [`oncodyn_core::Error::InvalidOption`] (no free parameter, bad options),
/// [`oncodyn_core::Error::DuplicateName`], [`oncodyn_core::Error::InvalidParameter`] (a
/// start value outside its range), [`Error::NonFinitePrediction`] (the model is not
/// finite at the start values) and any error of the predictor at the start values.
/// A fit that does not converge is not an error: see [`Fit::status`].
pub fn fit<P: Predictor>(
    series: &Series,
    free: &[FreeParameter],
    predictor: &P,
    options: &FitOptions,
) -> Result<Fit> {
    options.validate()?;
    check_setup(series, free)?;
    let internal: Vec<f64> = free
        .iter()
        .map(FreeParameter::initial_internal)
        .collect::<Result<_>>()?;
    let problem = Problem {
        series,
        free,
        transforms: free.iter().map(FreeParameter::transform).collect(),
        predictor,
        internal: DVector::from_vec(internal),
        step: options.step,
        jacobians: Cell::new(0),
    };
    let start = problem.residuals_at(problem.internal.as_slice())?;
    if let Some(row) = start.iter().position(|r| !r.is_finite()) {
        return Err(Error::NonFinitePrediction {
            series: series.name().into(),
            time: series.times()[row],
            value: start[row] + series.values()[row],
            parameters: problem.natural(problem.internal.as_slice()),
        });
    }
    let optimiser = LevenbergMarquardt::new()
        .with_ftol(options.ftol)
        .with_xtol(options.xtol)
        .with_gtol(options.gtol)
        .with_patience(options.patience);
    let (problem, report) = optimiser.minimize(problem);
    let status = status_of(&report.termination);
    let internal = problem.internal.as_slice().to_vec();
    let values = problem.natural(&internal);
    let model_minus_data = problem.residuals_or_nan(&internal);
    let residuals: Vec<f64> = model_minus_data.iter().map(|r| -r).collect();
    let predictions = residuals
        .iter()
        .zip(series.values())
        .map(|(r, y)| y - r)
        .collect();
    let sse = residuals.iter().map(|r| r * r).sum::<f64>();
    let derivatives: Vec<f64> = internal
        .iter()
        .zip(&problem.transforms)
        .map(|(&u, t)| t.derivative(u))
        .collect();
    let (standard_errors, covariance) = match problem.jacobian_at(&internal) {
        Some(jacobian) if sse.is_finite() => standard_errors(&jacobian, &derivatives, sse),
        _ => (vec![None; free.len()], None),
    };
    Ok(Fit {
        series: series.name().into(),
        names: free.iter().map(|p| p.name.clone()).collect(),
        values,
        standard_errors,
        covariance,
        predictions,
        residuals,
        sse,
        status: if sse.is_finite() {
            status
        } else {
            FitStatus::Failed
        },
        termination: format!("{:?}", report.termination),
        iterations: problem.jacobians.get(),
        evaluations: report.number_of_evaluations,
    })
}

/// Fits a closed-form model `function(t, params)` (params in the order of `free`); see [`fit`].
pub fn fit_closed_form<F: Fn(f64, &[f64]) -> f64>(
    series: &Series,
    free: &[FreeParameter],
    function: F,
    options: &FitOptions,
) -> Result<Fit> {
    fit(series, free, &ClosedForm::new(function), options)
}

/// Fits a composed ODE model built by `build(params)` (params in the order of `free`),
/// simulated with [`oncodyn_core::simulate`] and compared with the data through the
/// trajectory column of `observation`; see [`fit`]. Each residual evaluation is one
/// simulation, each Jacobian `2n` more.
pub fn fit_model<B: Fn(&[f64]) -> oncodyn_core::Result<Model>>(
    series: &Series,
    free: &[FreeParameter],
    build: B,
    observation: &Observation,
    options: &FitOptions,
) -> Result<Fit> {
    fit(
        series,
        free,
        &OdeModel::new(build, observation.clone()),
        options,
    )
}
