//! Suite `immune/kuznetsov`: Kuznetsov et al. (1994) parameter mapping, steady states with
//! eigenvalues and stability, the dormant focus, basins, trajectory features, one-parameter
//! bifurcations and the dimensional/dimensionless identity (cases KUZ-1 to KUZ-11).

use super::solver_options;
use crate::kuznetsov::{KuznetsovParams, KuznetsovScaled, KuznetsovScaledParams, KUZNETSOV_SCALE};
use oncodyn_core::analysis::{
    basin_boundary, find_equilibria, BasinOptions, Equilibrium, NewtonOptions,
};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Model, Parameters, Result};

pub(super) const SUITE: &str = "immune/kuznetsov";
pub(super) const SRC: &str = "Kuznetsov VA, Makalkin IA, Taylor MA, Perelson AS (1994) Bull Math Biol 56(2):295-321; standard dimensionless set";
pub(super) const SRC_DIM: &str = "Kuznetsov et al. (1994) Bull Math Biol 56(2):295-321, dimensional set of BioModels BIOMD0000000762, scaling x = E/1e6, y = T/1e6, tau = n T0 t";

/// KUZ-1: the mapped dimensionless set and the time unit (days).
pub const KUZ1_MAPPED: [(&str, f64); 8] = [
    ("sigma", 0.11807),
    ("rho", 1.13079),
    ("eta", 20.19),
    ("mu", 0.0031081),
    ("delta", 0.37421),
    ("alpha", 1.63488),
    ("beta", 0.002),
    ("tau unit [day]", 9.08265),
];
/// A published steady state: `(label, x, y, [(re, im) of the eigenvalues by decreasing
/// real part], number of eigenvalues with positive real part)`.
pub type SteadyState = (&'static str, f64, f64, [(f64, f64); 2], f64);
/// KUZ-2 to KUZ-5: `(label, x, y, [(re, im) of the eigenvalues by decreasing real part],
/// eigenvalues with positive real part)`.
pub const KUZ_STATES: [SteadyState; 4] = [
    (
        "KUZ-2 tumor-free saddle",
        0.3155223,
        0.0,
        [(1.3204777, 0.0), (-0.3743, 0.0)],
        1.0,
    ),
    (
        "KUZ-3 dormant stable focus",
        1.6092033,
        8.1897067,
        [(-0.0500935, 0.5762973), (-0.0500935, -0.5762973)],
        0.0,
    ),
    (
        "KUZ-4 separatrix saddle",
        0.7597651,
        267.79796,
        [(0.3247786, 0.0), (-1.3564563, 0.0)],
        1.0,
    ),
    (
        "KUZ-5 escape stable node",
        0.1729768,
        447.13423,
        [(-0.4526782, 0.0), (-1.6930955, 0.0)],
        0.0,
    ),
];
/// KUZ-6: damped-oscillation period of the dormant focus (tau, days) and decay rate (1/day).
pub const KUZ6: [(&str, f64); 3] = [
    ("period [tau]", 10.903),
    ("period [day]", 99.03),
    ("decay rate [1/day]", 0.005515),
];

pub(super) fn model(x0: f64, y0: f64) -> Result<Model> {
    let params = KuznetsovScaledParams::standard();
    Model::new(vec![Box::new(KuznetsovScaled::new("kuz", params, x0, y0)?)])
}

/// Runs the suite.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = mapping()?;
    let equilibria = steady_states(&mut records)?;
    records.extend(dormant_focus(&equilibria)?);
    records.extend(basins()?);
    records.extend(super::kuznetsov_dynamics::trajectory()?);
    records.extend(super::kuznetsov_dynamics::bifurcations(fidelity)?);
    records.extend(super::kuznetsov_dynamics::dimensional_identity()?);
    Ok(records)
}

fn mapping() -> Result<Vec<CaseRecord>> {
    let (scaled, tau) = KuznetsovParams::kuznetsov_1994().to_scaled(KUZNETSOV_SCALE)?;
    let mut actual = scaled.values();
    actual.push(tau);
    Ok(KUZ1_MAPPED
        .iter()
        .zip(actual)
        .map(|((name, expected), value)| {
            CaseRecord::relative(
                SUITE,
                "KUZ-1 dimensional to dimensionless",
                SRC_DIM,
                *name,
                *expected,
                value,
                1e-4,
            )
        })
        .collect())
}

/// KUZ-2..5 by Newton from the printed states (perturbed by 5 %), and the cubic's roots.
fn steady_states(records: &mut Vec<CaseRecord>) -> Result<Vec<Equilibrium>> {
    let model = model(0.3, 5.0)?;
    let starts: Vec<Vec<f64>> = KUZ_STATES
        .iter()
        .map(|s| vec![1.05 * s.1, 1.05 * s.2])
        .collect();
    let found = find_equilibria(&model, &starts, &NewtonOptions::default())?;
    let params = KuznetsovScaledParams::standard();
    let roots = params.interior_equilibria()?;
    let mut ordered = Vec::new();
    for (k, (label, x, y, eig, unstable)) in KUZ_STATES.iter().enumerate() {
        let Some(e) = found
            .iter()
            .find(|e| (e.state[1] - y).abs() <= 1e-3 * y.max(1.0))
        else {
            records.push(CaseRecord::independent(
                SUITE,
                *label,
                SRC,
                "equilibrium found by Newton",
                f64::NAN,
                "found",
                false,
            ));
            continue;
        };
        let y_tol = if *y > 0.0 { "rel" } else { "abs" };
        records.push(CaseRecord::relative(
            SUITE, *label, SRC, "x", *x, e.state[0], 1e-6,
        ));
        if y_tol == "rel" {
            records.push(CaseRecord::relative(
                SUITE, *label, SRC, "y", *y, e.state[1], 1e-6,
            ));
        } else {
            records.push(CaseRecord::absolute(
                SUITE, *label, SRC, "y", *y, e.state[1], 1e-12,
            ));
        }
        for (j, (re, im)) in eig.iter().enumerate() {
            let got = e.eigenvalues[j];
            records.push(CaseRecord::absolute(
                SUITE,
                *label,
                SRC,
                format!("eigenvalue {} real part [1/tau]", j + 1),
                *re,
                got.re,
                1e-5,
            ));
            records.push(CaseRecord::absolute(
                SUITE,
                *label,
                SRC,
                format!("eigenvalue {} imaginary part [1/tau]", j + 1),
                *im,
                got.im,
                1e-5,
            ));
        }
        let n_unstable = e.eigenvalues.iter().filter(|v| v.re > 0.0).count() as f64;
        records.push(CaseRecord::absolute(
            SUITE,
            *label,
            SRC,
            format!("eigenvalues with positive real part ({:?})", e.stability),
            *unstable,
            n_unstable,
            0.0,
        ));
        if k > 0 {
            // Interior states are also the real roots of the cubic (exact polynomial route).
            let closest = roots
                .iter()
                .map(|(rx, ry)| {
                    ((rx - e.state[0]) / e.state[0])
                        .abs()
                        .max(((ry - e.state[1]) / e.state[1]).abs())
                })
                .fold(f64::INFINITY, f64::min);
            records.push(CaseRecord::independent(
                SUITE,
                *label,
                "roots of C3 y^3 + C2 y^2 + C1 y + C0 (Kuznetsov et al. 1994)",
                "relative distance between the Newton equilibrium and the nearest cubic root",
                closest,
                "Newton and polynomial roots agree to rel 1e-9",
                closest <= 1e-9,
            ));
        }
        ordered.push(e.clone());
    }
    records.push(CaseRecord::absolute(
        SUITE,
        "KUZ-2..5 interior state count",
        SRC,
        "positive real roots of the cubic",
        3.0,
        roots.len() as f64,
        0.0,
    ));
    Ok(ordered)
}

fn dormant_focus(equilibria: &[Equilibrium]) -> Result<Vec<CaseRecord>> {
    let (_, tau_day) = KuznetsovParams::kuznetsov_1994().to_scaled(KUZNETSOV_SCALE)?;
    let Some(dormant) = equilibria
        .iter()
        .find(|e| e.state[1] > 1.0 && e.state[1] < 100.0)
    else {
        return Ok(vec![CaseRecord::independent(
            SUITE,
            "KUZ-6 dormant focus",
            SRC,
            "dormant state",
            f64::NAN,
            "found",
            false,
        )]);
    };
    let lambda = dormant.eigenvalues[0];
    let period = 2.0 * std::f64::consts::PI / lambda.im.abs();
    let values = [period, period * tau_day, -lambda.re / tau_day];
    Ok(KUZ6
        .iter()
        .zip(values)
        .map(|((q, expected), actual)| {
            CaseRecord::relative(
                SUITE,
                "KUZ-6 dormant focus",
                SRC,
                *q,
                *expected,
                actual,
                1e-4,
            )
        })
        .collect())
}

fn basins() -> Result<Vec<CaseRecord>> {
    let params = KuznetsovScaledParams::standard();
    let x0 = params.sigma / params.delta;
    let dormant = [KUZ_STATES[1].1, KUZ_STATES[1].2];
    let escape = [KUZ_STATES[3].1, KUZ_STATES[3].2];
    let mut records = Vec::new();
    for (y0, target, label) in [(10.0, dormant, "dormant"), (100.0, escape, "escape")] {
        let trajectory = simulate(
            &model(x0, y0)?,
            (0.0, 1500.0),
            &[],
            &solver_options(&[1500.0]),
        )?;
        let end = trajectory
            .final_state()
            .unwrap_or(&[f64::NAN, f64::NAN])
            .to_vec();
        for (k, name) in ["x", "y"].iter().enumerate() {
            records.push(CaseRecord::relative(
                SUITE,
                format!("KUZ-7 basin test y0 = {y0}"),
                SRC,
                format!("{name} at tau = 1500 ({label} state)"),
                target[k],
                end[k],
                1e-5,
            ));
        }
    }
    let model = model(x0, 10.0)?;
    let options = BasinOptions {
        capture: 1e-2,
        tolerance: 1e-8,
        ..BasinOptions::new(1500.0, solver_options(&[]).tolerances(1e-10, 1e-12))
    };
    let attractors = vec![dormant.to_vec(), escape.to_vec()];
    let boundary = basin_boundary(
        &model,
        |s| vec![x0, s],
        (10.0, 100.0),
        &attractors,
        &options,
    )?;
    let width = (boundary.bracket.1 - boundary.bracket.0).abs();
    records.push(CaseRecord::independent(SUITE, "KUZ-8 basin threshold", SRC, "critical y0* on x0 = sigma/delta (bisection on the outcome at tau = 1500; Dop853 rtol 1e-10)", boundary.parameter, "dormant below, escape above, bracket below 1e-4", boundary.outcomes == (0, 1) && width < 1e-4));
    Ok(records)
}
