//! Bad input gives clear errors (checked with `matches!`), fits report their diagnostics,
//! and the public types are `Send + Sync`.

use oncodyn_calibrate::{
    fit, fit_closed_form, fit_model, ClosedForm, Comparison, ComparisonOptions, Error, Fit,
    FitOptions, FitStatus, FreeParameter, GrowthModel, Observation, Selection, Series,
};
use oncodyn_core::{Error as CoreError, Model, ParamRange};
use oncodyn_tumor::{Gompertz, Logistic, TumorSite};

fn line_free() -> Vec<FreeParameter> {
    vec![
        FreeParameter::new("a", "1", ParamRange::FINITE, 0.0),
        FreeParameter::new("b", "1/day", ParamRange::FINITE, 0.0),
    ]
}

fn line(t: f64, p: &[f64]) -> f64 {
    p[0] + p[1] * t
}

#[test]
fn too_little_data_is_an_error() {
    let series = Series::new("one point", vec![0.0], vec![1.0]).unwrap();
    let result = fit_closed_form(&series, &line_free(), line, &FitOptions::default());
    assert!(matches!(
        result,
        Err(Error::TooFewPoints { ref series, points: 1, parameters: 2 }) if series == "one point"
    ));
}

#[test]
fn non_finite_model_at_the_start_is_an_error() {
    let series = Series::new("s", vec![0.0, 1.0, 2.0], vec![1.0, 2.0, 3.0]).unwrap();
    let result = fit_closed_form(
        &series,
        &line_free(),
        |_, _| f64::NAN,
        &FitOptions::default(),
    );
    assert!(matches!(result, Err(Error::NonFinitePrediction { ref series, .. }) if series == "s"));
}

#[test]
fn bad_setups_are_errors() {
    let series = Series::new("s", vec![0.0, 1.0, 2.0], vec![1.0, 2.0, 3.0]).unwrap();
    let options = FitOptions::default();
    assert!(matches!(
        fit_closed_form(&series, &[], line, &options),
        Err(Error::Core(CoreError::InvalidOption {
            name: "free parameters",
            ..
        }))
    ));
    let mut twice = line_free();
    twice[1].name = "a".into();
    assert!(matches!(
        fit_closed_form(&series, &twice, line, &options),
        Err(Error::Core(CoreError::DuplicateName { .. }))
    ));
    let outside = vec![FreeParameter::of::<Logistic>("k", -1.0).unwrap()];
    assert!(matches!(
        fit_closed_form(&series, &outside, |_, p| p[0], &options),
        Err(Error::Core(CoreError::InvalidParameter { ref name, .. })) if name == "k"
    ));
    let bad_options = FitOptions {
        ftol: f64::NAN,
        ..FitOptions::default()
    };
    assert!(matches!(
        fit_closed_form(&series, &line_free(), line, &bad_options),
        Err(Error::Core(CoreError::InvalidOption { name: "ftol", .. }))
    ));
    assert!(matches!(
        FreeParameter::of::<Gompertz>("rate", 0.1),
        Err(Error::Core(CoreError::UnknownParameter { ref name, .. })) if name == "rate"
    ));
}

#[test]
fn straight_line_fit_has_textbook_diagnostics() {
    let series = Series::new(
        "line",
        vec![0.0, 1.0, 2.0, 3.0, 4.0],
        vec![1.1, 2.9, 5.2, 6.8, 9.1],
    )
    .unwrap();
    let result = fit(
        &series,
        &line_free(),
        &ClosedForm::new(line),
        &FitOptions::default(),
    )
    .unwrap();
    // Ordinary least squares: b = Sxy/Sxx = 19.9/10, a = mean(y) - b mean(t).
    approx::assert_relative_eq!(result.value("b").unwrap(), 1.99, max_relative = 1e-9);
    approx::assert_relative_eq!(
        result.value("a").unwrap(),
        5.02 - 1.99 * 2.0,
        max_relative = 1e-9
    );
    let s2 = result.sse / 3.0;
    approx::assert_relative_eq!(
        result.standard_error("b").unwrap().unwrap(),
        (s2 / 10.0f64).sqrt(),
        max_relative = 1e-6
    );
    assert!(result.converged() && matches!(result.status, FitStatus::Converged));
    assert_eq!(result.residuals.len(), 5);
    assert!(result.iterations >= 1 && result.evaluations >= 1);
    assert!(matches!(
        result.value("c"),
        Err(Error::Core(CoreError::UnknownParameter { .. }))
    ));
    // As many points as parameters: exact interpolation, no standard errors.
    let two = Series::new("two", vec![0.0, 1.0], vec![1.0, 3.0]).unwrap();
    let exact = fit_closed_form(&two, &line_free(), line, &FitOptions::default()).unwrap();
    assert!(exact.standard_errors.iter().all(Option::is_none) && exact.covariance.is_none());
}

#[test]
fn ode_model_errors_surface_at_the_start() {
    let series = Series::new("s", vec![0.0, 1.0, 2.0], vec![1.0, 2.0, 3.0]).unwrap();
    let free = vec![FreeParameter::from_spec(&TumorSite::INITIAL_CELLS, 1.0)];
    let build = |p: &[f64]| -> oncodyn_core::Result<Model> {
        Model::new(vec![Box::new(TumorSite::new(
            "tumor",
            Gompertz::new(0.1, 10.0)?,
            p[0],
        )?)])
    };
    let wrong_column = Observation::new("tumor.size");
    assert!(matches!(
        fit_model(&series, &free, build, &wrong_column, &FitOptions::default()),
        Err(Error::Core(CoreError::UnknownColumn { .. }))
    ));
    let late_start = Observation::new("tumor.cells").starting_at(0.5);
    assert!(matches!(
        fit_model(&series, &free, build, &late_start, &FitOptions::default()),
        Err(Error::Core(CoreError::InvalidOption { .. }))
    ));
    // Repeated data times are observed once and mapped back.
    let repeated = Series::new("r", vec![0.0, 1.0, 1.0, 2.0], vec![1.0, 1.2, 1.3, 1.5]).unwrap();
    let result = fit_model(
        &repeated,
        &free,
        build,
        &Observation::new("tumor.cells"),
        &FitOptions::default(),
    )
    .unwrap();
    approx::assert_relative_eq!(result.predictions[1], result.predictions[2]);
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Series>();
    check::<Fit>();
    check::<FitOptions>();
    check::<FreeParameter>();
    check::<Selection<Gompertz>>();
    check::<Observation>();
    check::<Comparison>();
    check::<ComparisonOptions>();
    check::<GrowthModel>();
    check::<Error>();
}
