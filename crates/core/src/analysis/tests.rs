//! Tests of the analysis tools on normal forms with known answers.

use super::*;
use crate::signal::{units, Var};
use crate::submodel::SubModel;
use crate::{Error, Method, SolverOptions};
use approx::assert_relative_eq;

/// A sub-model `y' = f(y, p)` given by a function pointer.
#[derive(Debug)]
struct Field {
    states: Vec<Var>,
    f: fn(&[f64], f64, &mut [f64]),
    p: f64,
}

impl SubModel for Field {
    fn name(&self) -> &str {
        "field"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn init(&self, y: &mut [f64]) {
        y.fill(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        (self.f)(y, self.p, dy);
    }
}

fn model(n: usize, f: fn(&[f64], f64, &mut [f64]), p: f64) -> Model {
    let states = (0..n)
        .map(|i| Var::new(format!("y{i}"), units::DIMENSIONLESS))
        .collect();
    Model::new(vec![Box::new(Field { states, f, p })]).unwrap()
}

fn focus(y: &[f64], _p: f64, dy: &mut [f64]) {
    dy[0] = -y[0] + 2.0 * y[1];
    dy[1] = -2.0 * y[0] - y[1];
}

fn saddle_node(y: &[f64], p: f64, dy: &mut [f64]) {
    dy[0] = p - y[0] * y[0];
    dy[1] = -y[1];
}

fn hopf(y: &[f64], p: f64, dy: &mut [f64]) {
    let r2 = y[0] * y[0] + y[1] * y[1];
    dy[0] = p * y[0] - y[1] - y[0] * r2;
    dy[1] = y[0] + p * y[1] - y[1] * r2;
}

fn transcritical(y: &[f64], p: f64, dy: &mut [f64]) {
    dy[0] = y[0] * (p - y[0]);
}

fn bistable(y: &[f64], a: f64, dy: &mut [f64]) {
    dy[0] = y[0] * (1.0 - y[0]) * (y[0] - a);
}

fn no_root(y: &[f64], _p: f64, dy: &mut [f64]) {
    dy[0] = 1.0 + y[0] * y[0];
}

#[test]
fn jacobian_and_eigenvalues_of_a_linear_focus() {
    let m = model(2, focus, 0.0);
    let jac = jacobian(&m, &[0.3, -0.2]).unwrap();
    for (got, want) in jac.as_row_major().iter().zip([-1.0, 2.0, -2.0, -1.0]) {
        assert_relative_eq!(*got, want, epsilon = 1e-9);
    }
    assert_relative_eq!(jac.trace(), -2.0, epsilon = 1e-9);
    assert_relative_eq!(jac.determinant(), 5.0, epsilon = 1e-8);
    let eig = eigenvalues(&jac).unwrap();
    assert_relative_eq!(eig[0].re, -1.0, epsilon = 1e-9);
    assert_relative_eq!(eig[0].im, 2.0, epsilon = 1e-9);
    assert_relative_eq!(eig[1].im, -2.0, epsilon = 1e-9);
    assert_eq!(Stability::classify(&eig), Stability::StableFocus);
    let analytic = |_y: &[f64], jac: &mut [f64]| jac.copy_from_slice(&[-1.0, 2.0, -2.0, -1.0]);
    let with = WithJacobian {
        field: &m,
        jacobian: &analytic,
    };
    let exact = jacobian(&with, &[0.0, 0.0]).unwrap();
    assert_eq!(exact.get(0, 1), Some(2.0));
    assert_eq!(exact.get(2, 0), None);
}

#[test]
fn classification_covers_every_type() {
    let e = |re, im| Eigenvalue { re, im };
    assert_eq!(
        Stability::classify(&[e(-1.0, 0.0), e(-2.0, 0.0)]),
        Stability::StableNode
    );
    assert_eq!(
        Stability::classify(&[e(1.0, 0.0), e(2.0, 0.0)]),
        Stability::UnstableNode
    );
    assert_eq!(
        Stability::classify(&[e(1.0, 1.0), e(1.0, -1.0)]),
        Stability::UnstableFocus
    );
    assert_eq!(
        Stability::classify(&[e(1.0, 0.0), e(-2.0, 0.0)]),
        Stability::Saddle
    );
    assert_eq!(
        Stability::classify(&[e(0.0, 1.0), e(0.0, -1.0)]),
        Stability::NonHyperbolic
    );
    assert_eq!(Stability::classify(&[]), Stability::NonHyperbolic);
    assert!(Stability::StableFocus.is_stable() && !Stability::Saddle.is_stable());
}

#[test]
fn equilibria_of_the_saddle_node_normal_form() {
    let m = model(2, saddle_node, 0.25);
    let starts = vec![vec![1.0, 1.0], vec![-1.0, 0.5], vec![0.6, 0.0]];
    let found = find_equilibria(&m, &starts, &NewtonOptions::default()).unwrap();
    assert_eq!(found.len(), 2);
    let node = found.iter().find(|e| e.state[0] > 0.0).unwrap();
    assert_relative_eq!(node.state[0], 0.5, max_relative = 1e-12);
    assert_eq!(node.stability, Stability::StableNode);
    let saddle = found.iter().find(|e| e.state[0] < 0.0).unwrap();
    assert_eq!(saddle.stability, Stability::Saddle);
    let positive = find_equilibria(&m, &starts, &NewtonOptions::default().non_negative()).unwrap();
    assert_eq!(positive.len(), 1);
    // No equilibrium at all: an empty result, not an error.
    let none = find_equilibria(
        &model(1, no_root, 0.0),
        &[vec![0.0], vec![3.0]],
        &NewtonOptions::default(),
    );
    assert!(none.unwrap().is_empty());
}

#[test]
fn bad_starts_and_options_are_errors() {
    let m = model(2, focus, 0.0);
    assert!(matches!(
        find_equilibria(&m, &[vec![1.0]], &NewtonOptions::default()),
        Err(Error::InvalidAnalysis { .. })
    ));
    assert!(matches!(
        find_equilibria(&m, &[vec![1.0, f64::NAN]], &NewtonOptions::default()),
        Err(Error::InvalidAnalysis { .. })
    ));
    let options = NewtonOptions {
        rel_tol: 0.0,
        ..NewtonOptions::default()
    };
    assert!(matches!(
        find_equilibria(&m, &[vec![1.0, 1.0]], &options),
        Err(Error::InvalidOption { .. })
    ));
}

#[test]
fn scan_finds_the_saddle_node() {
    let build = |p: f64| Ok(model(2, saddle_node, p));
    let starts = vec![vec![2.0, 0.0], vec![-2.0, 0.0]];
    let result = scan(build, (-1.0, 1.0), &starts, &ScanOptions::with_points(21)).unwrap();
    assert_eq!(result.bifurcations.len(), 1, "{:?}", result.bifurcations);
    let fold = &result.bifurcations[0];
    assert_eq!(fold.kind, BifurcationKind::SaddleNode);
    assert!(fold.parameter.abs() < 1e-8, "{}", fold.parameter);
    assert!(fold.state[0].abs() < 1e-3);
    assert!(result.points[0].equilibria.is_empty());
    assert_eq!(result.points[20].equilibria.len(), 2);
}

#[test]
fn scan_finds_hopf_and_transcritical_points() {
    let build = |p: f64| Ok(model(2, hopf, p));
    let result = scan(
        build,
        (-0.5, 0.4),
        &[vec![0.1, 0.1]],
        &ScanOptions::with_points(10),
    )
    .unwrap();
    assert_eq!(result.bifurcations.len(), 1, "{:?}", result.bifurcations);
    let hopf_point = &result.bifurcations[0];
    assert_eq!(hopf_point.kind, BifurcationKind::Hopf);
    assert!(hopf_point.parameter.abs() < 1e-9);
    assert_relative_eq!(hopf_point.eigenvalues[0].im.abs(), 1.0, max_relative = 1e-6);

    let build = |p: f64| Ok(model(1, transcritical, p));
    let options = ScanOptions {
        newton: NewtonOptions::default().non_negative(),
        ..ScanOptions::with_points(10)
    };
    // 10 points: no grid value falls exactly on the degenerate point p = 0.
    let result = scan(build, (-1.0, 1.0), &[vec![0.0], vec![2.0]], &options).unwrap();
    assert_eq!(result.bifurcations.len(), 1, "{:?}", result.bifurcations);
    assert_eq!(result.bifurcations[0].kind, BifurcationKind::ZeroEigenvalue);
    assert!(result.bifurcations[0].parameter.abs() < 1e-9);
}

#[test]
fn scan_rejects_empty_ranges_and_invalid_values() {
    let build = |p: f64| Ok(model(2, saddle_node, p));
    assert!(matches!(
        scan(build, (0.5, 0.5), &[], &ScanOptions::default()),
        Err(Error::InvalidAnalysis {
            analysis: "parameter scan",
            ..
        })
    ));
    assert!(matches!(
        scan(build, (0.0, f64::INFINITY), &[], &ScanOptions::default()),
        Err(Error::InvalidAnalysis { .. })
    ));
    // A range crossing a value the model rejects fails with the model's error.
    let strict = |p: f64| {
        if p < 0.0 {
            Err(Error::InvalidParameter {
                model: "test".into(),
                name: "p".into(),
                value: p,
                unit: "1".into(),
                range: "[0, inf)".into(),
            })
        } else {
            Ok(model(2, saddle_node, p))
        }
    };
    assert!(matches!(
        scan(strict, (1.0, -1.0), &[], &ScanOptions::default()),
        Err(Error::InvalidParameter { value, .. }) if value < 0.0
    ));
    assert!(matches!(
        scan(build, (0.0, 1.0), &[], &ScanOptions::with_points(1)),
        Err(Error::InvalidOption { .. })
    ));
}

#[test]
fn basin_boundary_of_a_bistable_system() {
    let m = model(1, bistable, 0.3);
    let options = BasinOptions::new(
        400.0,
        SolverOptions::with_method(Method::Dop853).tolerances(1e-10, 1e-12),
    );
    let attractors = vec![vec![0.0], vec![1.0]];
    let boundary = basin_boundary(&m, |s| vec![s], (0.05, 0.95), &attractors, &options).unwrap();
    assert_relative_eq!(boundary.parameter, 0.3, max_relative = 1e-6);
    assert_eq!(boundary.outcomes, (0, 1));
    assert!(boundary.simulations > 20);
    assert!(matches!(
        basin_boundary(&m, |s| vec![s], (0.5, 0.95), &attractors, &options),
        Err(Error::InvalidAnalysis {
            analysis: "basin boundary",
            ..
        })
    ));
    assert!(matches!(
        basin_boundary(&m, |s| vec![s], (0.05, 0.95), &attractors[..1], &options),
        Err(Error::InvalidAnalysis { .. })
    ));
}
