//! Suite `immune/kirschner-panetta`: Kirschner & Panetta (1998) equilibrium branch, c0
//! saddle-node, equilibrium counts, the limit cycle, the Hopf point, damped equilibria, the
//! first spike, and the adoptive-transfer and IL-2 thresholds (cases KP-1 to KP-10).

use crate::common::TumorScale;
use crate::kirschner_panetta::{KirschnerPanetta, KirschnerPanettaParams};
use oncodyn_core::analysis::{
    find_equilibria, newton, scan, BifurcationKind, NewtonOptions, ScanOptions, Stability,
};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{Model, Result};

pub(super) const SUITE: &str = "immune/kirschner-panetta";
pub(super) const SRC: &str = "Kirschner D, Panetta JC (1998) J Math Biol 37(3):235-252, parameters of Caravagna G et al. (2010) J Theor Biol 265(3):336-345 Table 1 / BIOMD0000000732";

/// KP-2: c0 (1/day) and the state `(T*, E*, I*)` there.
pub const KP2: [(&str, f64); 4] = [
    ("c0 [1/day]", 8.552e-5),
    ("T*", 9.653e8),
    ("E*", 6.037e6),
    ("I*", 3.018e6),
];
pub(super) fn params(c: f64) -> Result<KirschnerPanettaParams> {
    KirschnerPanettaParams::kirschner_panetta_1998(c)
}

pub(super) fn model(
    p: KirschnerPanettaParams,
    scale: TumorScale,
    initial: [f64; 3],
) -> Result<Model> {
    Model::new(vec![Box::new(KirschnerPanetta::new(
        "kp", p, scale, initial,
    )?)])
}

/// Runs the suite.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = branch_residual()?;
    records.extend(saddle_node()?);
    records.extend(counts()?);
    records.extend(super::kp_dynamics::limit_cycle(fidelity)?);
    records.extend(hopf()?);
    records.extend(super::kp_dynamics::damped()?);
    records.extend(super::kp_dynamics::first_spike()?);
    records.extend(super::kp_dynamics::adoptive_transfer()?);
    records.extend(super::kp_dynamics::il2()?);
    Ok(records)
}

fn branch_residual() -> Result<Vec<CaseRecord>> {
    let mut worst: f64 = 0.0;
    let mut used = 0;
    for k in 0..=28 {
        let t = 10f64.powf(2.0 + 0.25 * k as f64).min(0.999e9);
        let p0 = params(0.0)?;
        let (e, i, c) = p0.branch(t);
        if c < 0.0 {
            continue;
        }
        let p = params(c)?;
        let m = model(p, TumorScale::Linear, [t, e, i])?;
        let mut dy = [0.0; 3];
        m.rhs(0.0, &[t, e, i], &mut dy, &mut m.workspace());
        let scales = [
            p.r2 * t + p.r2 * p.b * t * t + p.a * e * t / (p.g2 + t),
            c * t + p.mu2 * e + p.p1 * e * i / (p.g1 + i),
            p.p2 * e * t / (p.g3 + t) + p.mu3 * i,
        ];
        for (f, s) in dy.iter().zip(scales) {
            worst = worst.max(f.abs() / s);
        }
        used += 1;
    }
    Ok(vec![CaseRecord::absolute(
        SUITE,
        "KP-1 equilibrium branch",
        SRC,
        format!("largest relative residual over {used} points of the branch (T = 1e2..1e9)"),
        0.0,
        worst,
        1e-10,
    )])
}

/// Local maximum of c(T) on 1e8 < T < 1e9: grid on ln T, then golden section.
fn c0() -> Result<(f64, [f64; 3])> {
    let p = params(0.0)?;
    let c_of = |ln_t: f64| p.branch(ln_t.exp()).2;
    let (lo, hi) = (1e8f64.ln(), (0.999e9f64).ln());
    let n = 2000;
    let grid = |k: usize| lo + (hi - lo) * k as f64 / n as f64;
    let best = (1..n)
        .max_by(|&a, &b| c_of(grid(a)).total_cmp(&c_of(grid(b))))
        .unwrap_or(1);
    let (mut a, mut b) = (grid(best - 1), grid(best + 1));
    let ratio = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..200 {
        let x1 = b - ratio * (b - a);
        let x2 = a + ratio * (b - a);
        if c_of(x1) < c_of(x2) {
            a = x1;
        } else {
            b = x2;
        }
    }
    let t = (0.5 * (a + b)).exp();
    let (e, i, c) = p.branch(t);
    Ok((c, [t, e, i]))
}

fn saddle_node() -> Result<Vec<CaseRecord>> {
    let (c, state) = c0()?;
    let mut records: Vec<CaseRecord> = KP2
        .iter()
        .zip([c, state[0], state[1], state[2]])
        .map(|((q, expected), actual)| {
            CaseRecord::relative(
                SUITE,
                "KP-2 c0 saddle-node",
                SRC,
                *q,
                *expected,
                actual,
                1e-3,
            )
        })
        .collect();
    // Cross-check: a scan in c finds the fold of the two large-T equilibria there.
    let starts = interior_equilibria(5e-5)?;
    let build = |c: f64| model(params(c)?, TumorScale::Linear, [1.0, 0.0, 0.0]);
    let options = ScanOptions {
        newton: NewtonOptions::default().non_negative(),
        ..ScanOptions::with_points(15)
    };
    let result = scan(build, (5e-5, 1.2e-4), &starts, &options)?;
    let fold = result
        .bifurcations
        .iter()
        .find(|b| b.kind == BifurcationKind::SaddleNode);
    let scanned = fold.map_or(f64::NAN, |b| b.parameter);
    let agree = ((scanned - c) / c).abs() <= 1e-6;
    records.push(CaseRecord::independent(
        SUITE,
        "KP-2 c0 saddle-node",
        "oncodyn_core::analysis::scan of the full model in c",
        "c at the saddle-node found by the scan [1/day]",
        scanned,
        "equals the maximum of c(T) to rel 1e-6",
        agree,
    ));
    Ok(records)
}

/// Interior equilibria at antigenicity `c`: roots of `c(T) = c` on a log grid of T in
/// `[1, 1e9)`, bisected in ln T, each confirmed by Newton on the full model.
fn interior_equilibria(c: f64) -> Result<Vec<Vec<f64>>> {
    let p = params(c)?;
    let m = model(p, TumorScale::Linear, [1.0, 0.0, 0.0])?;
    let gap = |ln_t: f64| p.branch(ln_t.exp()).2 - c;
    let (lo, hi) = (0.0, (1e9f64 * (1.0 - 1e-12)).ln());
    let n = 4000;
    let mut found: Vec<Vec<f64>> = Vec::new();
    for k in 0..n {
        let (mut a, mut b) = (
            lo + (hi - lo) * k as f64 / n as f64,
            lo + (hi - lo) * (k + 1) as f64 / n as f64,
        );
        if gap(a).signum() == gap(b).signum() {
            continue;
        }
        let positive_at_a = gap(a) > 0.0;
        for _ in 0..100 {
            let mid = 0.5 * (a + b);
            if (gap(mid) > 0.0) == positive_at_a {
                a = mid;
            } else {
                b = mid;
            }
        }
        let t = (0.5 * (a + b)).exp();
        let (e, i, _) = p.branch(t);
        if let Some(y) = newton(&m, &[t, e, i], &NewtonOptions::default())? {
            if (y[0] - t).abs() <= 1e-6 * t {
                found.push(y);
            }
        }
    }
    Ok(found)
}

fn counts() -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    for (c, expected) in [(5e-5, 3.0), (1e-4, 1.0), (0.02, 1.0)] {
        let count = interior_equilibria(c)?.len() as f64;
        records.push(CaseRecord::absolute(
            SUITE,
            format!("KP-3 interior equilibria at c = {c}"),
            SRC,
            "number of interior equilibria",
            expected,
            count,
            0.0,
        ));
    }
    Ok(records)
}

fn hopf() -> Result<Vec<CaseRecord>> {
    let build = |c: f64| model(params(c)?, TumorScale::Linear, [1.0, 0.0, 0.0]);
    let options = ScanOptions {
        newton: NewtonOptions::default().non_negative(),
        ..ScanOptions::with_points(31)
    };
    let result = scan(build, (0.02, 0.035), &[vec![2e4, 2e4, 1e4]], &options)?;
    let src = "Kirschner & Panetta (1998): Hopf point on the small-T branch (oncodyn_core::analysis::scan, refined to 1e-10 of the range)";
    let Some(point) = result
        .bifurcations
        .iter()
        .find(|b| b.kind == BifurcationKind::Hopf)
    else {
        return Ok(vec![CaseRecord::independent(
            SUITE,
            "KP-5 cmax Hopf point",
            src,
            "Hopf point found",
            f64::NAN,
            "found",
            false,
        )]);
    };
    let c = point.parameter;
    let stability = |c: f64| -> Result<Option<Stability>> {
        let m = build(c)?;
        Ok(find_equilibria(
            &m,
            std::slice::from_ref(&point.state),
            &NewtonOptions::default(),
        )?
        .first()
        .map(|e| e.stability))
    };
    let holds = stability(c * (1.0 + 1e-3))? == Some(Stability::StableFocus)
        && stability(c * (1.0 - 1e-3))? == Some(Stability::Saddle);
    let property = "stable focus at c (1 + 1e-3), unstable (saddle-focus) at c (1 - 1e-3)";
    let omega = point
        .eigenvalues
        .iter()
        .map(|e| e.im.abs())
        .fold(0.0, f64::max);
    let mut records = vec![CaseRecord::independent(
        SUITE,
        "KP-5 cmax Hopf point",
        src,
        "cmax [1/day]",
        c,
        property,
        holds,
    )];
    for (k, q) in ["T*", "E*", "I*"].iter().enumerate() {
        records.push(CaseRecord::independent(
            SUITE,
            "KP-5 cmax Hopf point",
            src,
            *q,
            point.state[k],
            property,
            holds,
        ));
    }
    records.push(CaseRecord::independent(
        SUITE,
        "KP-5 cmax Hopf point",
        src,
        "imaginary part at the crossing [1/day]",
        omega,
        property,
        holds,
    ));
    Ok(records)
}
