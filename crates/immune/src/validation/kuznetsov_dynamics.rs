//! Suite `immune/kuznetsov`, second part: trajectory features (KUZ-9), one-parameter
//! bifurcations (KUZ-10) and the dimensional/dimensionless identity (KUZ-11).

use super::kuznetsov::{model, KUZ_STATES, SRC, SRC_DIM, SUITE};
use super::{maxima, solver_options};
use crate::kuznetsov::{
    Kuznetsov, KuznetsovParams, KuznetsovScaled, KuznetsovScaledParams, KUZNETSOV_SCALE,
};
use oncodyn_core::analysis::{scan, BifurcationKind, NewtonOptions, ScanOptions};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, simulate_from, Model, Parameters, Result};

pub(super) fn trajectory() -> Result<Vec<CaseRecord>> {
    let model = model(0.32, 5.0)?;
    let peaks = maxima(&model, &[0.32, 5.0], (0.0, 60.0), 0.05, 1)?;
    let run = simulate(&model, (0.0, 200.0), &[], &solver_options(&[100.0, 200.0]))?;
    let y = run.column("kuz.y")?;
    let dormant = KUZ_STATES[1].2;
    let mut records = Vec::new();
    let property =
        "first peak above y0 and the trajectory spirals in (|y - y*| shrinks from tau 100 to 200)";
    let holds = peaks.first().is_some_and(|p| p.value > 5.0)
        && (y[1] - dormant).abs() < (y[0] - dormant).abs();
    let first = peaks.first().copied();
    let src = "Kuznetsov et al. (1994) standard set, SBML initial condition x0 = 0.32, y0 = 5 (BIOMD0000000762); Dop853 rtol 1e-12";
    records.push(CaseRecord::independent(
        SUITE,
        "KUZ-9 trajectory",
        src,
        "height of the first tumor peak y",
        first.map_or(f64::NAN, |p| p.value),
        property,
        holds,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KUZ-9 trajectory",
        src,
        "time of the first tumor peak [tau]",
        first.map_or(f64::NAN, |p| p.time),
        property,
        holds,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KUZ-9 trajectory",
        src,
        "y at tau = 100",
        y[0],
        property,
        holds,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KUZ-9 trajectory",
        src,
        "y at tau = 200",
        y[1],
        property,
        holds,
    ));
    Ok(records)
}

/// Discriminant of the cubic `c3 y^3 + c2 y^2 + c1 y + c0`: zero at a double root.
fn discriminant(c: [f64; 4]) -> f64 {
    let [d, cc, b, a] = c;
    18.0 * a * b * cc * d - 4.0 * b.powi(3) * d + b * b * cc * cc
        - 4.0 * a * cc.powi(3)
        - 27.0 * a * a * d * d
}

/// Root of the cubic's discriminant in `name` between `lo` and `hi` (bisection).
fn double_root(name: &str, mut lo: f64, mut hi: f64) -> Result<f64> {
    let base = KuznetsovScaledParams::standard();
    let sign = |v: f64| -> Result<bool> { Ok(discriminant(base.with(name, v)?.cubic()) > 0.0) };
    let at_lo = sign(lo)?;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if sign(mid)? == at_lo {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

pub(super) fn bifurcations(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let base = KuznetsovScaledParams::standard();
    let points = match fidelity {
        Fidelity::Quick => 101,
        Fidelity::Full => 401,
    };
    let options = ScanOptions {
        newton: NewtonOptions::default().non_negative(),
        ..ScanOptions::with_points(points)
    };
    let mut starts = vec![vec![0.3, 0.0]];
    for y in [1.0, 10.0, 100.0, 300.0, 450.0] {
        for x in [0.1, 0.5, 1.5] {
            starts.push(vec![x, y]);
        }
    }
    let mut records = Vec::new();
    let src = "Kuznetsov et al. (1994) standard set; scan with oncodyn_core::analysis::scan";
    for (name, range) in [("sigma", (0.0, 1.0)), ("delta", (0.01, 1.5))] {
        let build = |v: f64| -> Result<Model> {
            Model::new(vec![Box::new(KuznetsovScaled::new(
                "kuz",
                base.with(name, v)?,
                0.3,
                5.0,
            )?)])
        };
        let result = scan(build, range, &starts, &options)?;
        let of_kind = |kind| result.bifurcations.iter().filter(move |b| b.kind == kind);
        let transcritical: Vec<f64> = of_kind(BifurcationKind::ZeroEigenvalue)
            .filter(|b| b.state[1].abs() < 1e-6)
            .map(|b| b.parameter)
            .collect();
        let exact = if name == "sigma" {
            base.alpha * base.delta
        } else {
            base.sigma / base.alpha
        };
        let actual = transcritical.first().copied().unwrap_or(f64::NAN);
        records.push(CaseRecord::relative(
            SUITE,
            format!("KUZ-10a transcritical in {name}"),
            "tumor-free eigenvalue alpha - sigma/delta = 0 (Kuznetsov et al. 1994)",
            format!("{name} where the tumor-free state becomes stable"),
            exact,
            actual,
            1e-6,
        ));
        let folds: Vec<_> = of_kind(BifurcationKind::SaddleNode).collect();
        for (k, fold) in folds.iter().enumerate() {
            let reference = double_root(
                name,
                (fold.parameter - 0.05).max(1e-6),
                fold.parameter + 0.05,
            )?;
            let agree = ((fold.parameter - reference) / reference).abs() <= 1e-6;
            let case = if name == "sigma" {
                "KUZ-10b saddle-node in sigma".to_string()
            } else {
                format!("KUZ-10c saddle-node {} in delta", k + 1)
            };
            let property =
                format!("equals the double root of the cubic ({reference:.8}) to rel 1e-6");
            records.push(CaseRecord::independent(
                SUITE,
                case.clone(),
                src,
                format!("{name} at the saddle-node"),
                fold.parameter,
                &property,
                agree,
            ));
            records.push(CaseRecord::independent(
                SUITE,
                case,
                src,
                "y at the saddle-node",
                fold.state[1],
                &property,
                agree,
            ));
        }
        let expected_folds = if name == "sigma" { 1.0 } else { 2.0 };
        records.push(CaseRecord::absolute(
            SUITE,
            format!("KUZ-10 saddle-nodes in {name}"),
            src,
            "number of saddle-node points found",
            expected_folds,
            folds.len() as f64,
            0.0,
        ));
        if name == "delta" && folds.len() == 2 {
            let middle = 0.5 * (folds[0].parameter + folds[1].parameter);
            let count = base.with("delta", middle)?.interior_equilibria()?.len() as f64;
            records.push(CaseRecord::absolute(
                SUITE,
                "KUZ-10c three interior states",
                SRC,
                "interior states between the two delta saddle-nodes",
                3.0,
                count,
                0.0,
            ));
        }
    }
    Ok(records)
}

pub(super) fn dimensional_identity() -> Result<Vec<CaseRecord>> {
    let dimensional = KuznetsovParams::kuznetsov_1994();
    let (scaled, tau_day) = dimensional.to_scaled(KUZNETSOV_SCALE)?;
    let (e0, t0) = (3.2e5, 5e6);
    let days = [10.0, 50.0, 100.0, 200.0];
    let taus: Vec<f64> = days.iter().map(|d| d / tau_day).collect();
    let dim_model = Model::new(vec![Box::new(Kuznetsov::new("kuz", dimensional, e0, t0)?)])?;
    let dim_run = simulate(&dim_model, (0.0, 200.0), &[], &solver_options(&days))?;
    let scaled_model = Model::new(vec![Box::new(KuznetsovScaled::new(
        "kuz",
        scaled,
        e0 / KUZNETSOV_SCALE,
        t0 / KUZNETSOV_SCALE,
    )?)])?;
    let scaled_run = simulate_from(
        &scaled_model,
        &[e0 / KUZNETSOV_SCALE, t0 / KUZNETSOV_SCALE],
        (0.0, 200.0 / tau_day),
        &[],
        &solver_options(&taus),
    )?;
    let mut records = Vec::new();
    for (dim_col, scaled_col) in [("kuz.effectors", "kuz.x"), ("kuz.tumor", "kuz.y")] {
        let dim = dim_run.column(dim_col)?;
        let mapped = scaled_run.column(scaled_col)?;
        for (k, day) in days.iter().enumerate() {
            records.push(CaseRecord::relative(
                SUITE,
                "KUZ-11 dimensional = dimensionless mapped back",
                SRC_DIM,
                format!("{dim_col} at day {day} [cells]"),
                KUZNETSOV_SCALE * mapped[k],
                dim[k],
                1e-8,
            ));
        }
    }
    Ok(records)
}
