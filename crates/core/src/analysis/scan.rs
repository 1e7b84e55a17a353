//! One-parameter scans: equilibria tracked over a grid of parameter values, with
//! saddle-node, zero-eigenvalue and Hopf points located by bisection.

use super::newton::{linearise, newton, Equilibrium, NewtonOptions};
use super::refine::{signature, Context};
use super::scaled_distance;
use super::spectrum::Eigenvalue;
use crate::error::{Error, Result};
use crate::model::Model;

/// Settings of [`scan`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScanOptions {
    /// Grid points including both ends of the range; `>= 2`. Default 101.
    pub points: usize,
    /// Newton settings for every equilibrium search (e.g. `non_negative`).
    pub newton: NewtonOptions,
    /// Bisection of a detected bifurcation stops when its bracket is at most this fraction
    /// of the scanned range; in `(0, 1)`. Default `1e-10`.
    pub refine: f64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            points: 101,
            newton: NewtonOptions::default(),
            refine: 1e-10,
        }
    }
}

impl ScanOptions {
    /// Default settings with `points` grid points.
    pub fn with_points(points: usize) -> Self {
        Self {
            points,
            ..Self::default()
        }
    }
}

/// Equilibria found at one parameter value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScanPoint {
    /// Parameter value.
    pub parameter: f64,
    /// Equilibria, linearised.
    pub equilibria: Vec<Equilibrium>,
    /// Branch identifier of each equilibrium (stable along a continued branch).
    pub branches: Vec<usize>,
}

/// What happens at a detected bifurcation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum BifurcationKind {
    /// Two equilibria (of opposite determinant sign, e.g. a saddle and a node) merge and
    /// disappear: a fold. The reported state is the midpoint of the last pair found.
    SaddleNode,
    /// A real eigenvalue crosses zero along a continuing branch (transcritical or
    /// pitchfork point, where another branch crosses).
    ZeroEigenvalue,
    /// A complex pair crosses the imaginary axis along a continuing branch (Hopf point):
    /// a limit cycle is born or dies.
    Hopf,
}

/// A located bifurcation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bifurcation {
    /// Kind.
    pub kind: BifurcationKind,
    /// Parameter value (midpoint of the final bracket).
    pub parameter: f64,
    /// Final bracket of the parameter.
    pub bracket: (f64, f64),
    /// Equilibrium state at the bifurcation (approximately).
    pub state: Vec<f64>,
    /// Eigenvalues there, by decreasing real part; for a Hopf point the crossing pair has
    /// real part near 0 and imaginary part `±omega` (period `2 pi / omega`).
    pub eigenvalues: Vec<Eigenvalue>,
}

/// Result of [`scan`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scan {
    /// Equilibria at every grid point, in grid order.
    pub points: Vec<ScanPoint>,
    /// Bifurcations in scan order.
    pub bifurcations: Vec<Bifurcation>,
}

/// A branch alive at the previous grid point.
struct Branch {
    id: usize,
    state: Vec<f64>,
    previous: Option<Vec<f64>>,
    unstable: usize,
    det_positive: bool,
}

/// Scans `range = (p0, p1)` on a grid of `options.points` values, building the model of each
/// value with `build` and tracking its equilibria (at `t = 0`).
///
/// At every grid point, Newton starts from each branch's secant prediction and from every
/// one of `starts`; equilibria are matched to branches, and between consecutive points:
/// - a branch whose count of eigenvalues with positive real part changes is bisected, and the
///   crossing reported as [`BifurcationKind::Hopf`] (complex pair) or
///   [`BifurcationKind::ZeroEigenvalue`] (real eigenvalue);
/// - two branches of opposite determinant sign that disappear (or appear) together are
///   bisected for the fold, reported as [`BifurcationKind::SaddleNode`].
///
/// Folds or crossings closer together than the grid step can be missed: refine the grid.
///
/// Fails with [`Error::InvalidAnalysis`] if the range is empty or not finite or a start has
/// the wrong length; with [`Error::InvalidOption`] for invalid options; and with the error
/// of `build` if a parameter value in the range is invalid for the model.
pub fn scan<B: Fn(f64) -> Result<Model>>(
    build: B,
    range: (f64, f64),
    starts: &[Vec<f64>],
    options: &ScanOptions,
) -> Result<Scan> {
    let (p0, p1) = range;
    if !(p0.is_finite() && p1.is_finite() && (p1 - p0).abs() > 0.0) {
        return Err(Error::InvalidAnalysis {
            analysis: "parameter scan",
            reason: format!("empty or non-finite range [{p0}, {p1}]"),
        });
    }
    if options.points < 2 {
        return Err(Error::InvalidOption {
            name: "scan points",
            value: options.points as f64,
            reason: "must be at least 2",
        });
    }
    if !(options.refine > 0.0 && options.refine < 1.0) {
        return Err(Error::InvalidOption {
            name: "scan refine",
            value: options.refine,
            reason: "must be in (0, 1)",
        });
    }
    options.newton.check()?;
    // Both ends first, so an invalid range fails before any work.
    let first = build(p0)?;
    build(p1)?;
    let width = (p1 - p0).abs();
    let ctx = Context {
        build: &build,
        newton: &options.newton,
        tolerance: options.refine * width,
    };
    let grid: Vec<f64> = (0..options.points)
        .map(|k| p0 + (p1 - p0) * k as f64 / (options.points - 1) as f64)
        .collect();

    let mut next_id = 0;
    let mut branches: Vec<Branch> = Vec::new();
    let mut points = Vec::with_capacity(grid.len());
    let mut bifurcations: Vec<Bifurcation> = Vec::new();
    let mut previous_p = p0;
    for (k, &p) in grid.iter().enumerate() {
        let owned;
        let model = if k == 0 {
            &first
        } else {
            owned = build(p)?;
            &owned
        };
        // Newton from each branch's prediction, then from every start.
        let mut claims: Vec<(usize, Vec<f64>, f64)> = Vec::new();
        for (b, branch) in branches.iter().enumerate() {
            let predicted = predict(branch, p, previous_p, grid.get(k.wrapping_sub(2)));
            let found = match newton(model, &predicted, ctx.newton)? {
                Some(y) => Some(y),
                None => newton(model, &branch.state, ctx.newton)?,
            };
            if let Some(y) = found {
                let distance = scaled_distance(&y, &predicted, ctx.newton.abs_tol);
                claims.push((b, y, distance));
            }
        }
        let mut found: Vec<Vec<f64>> = Vec::new();
        for (_, y, _) in &claims {
            push_distinct(&mut found, y.clone(), ctx.newton);
        }
        for start in starts {
            if let Some(y) = newton(model, start, ctx.newton)? {
                push_distinct(&mut found, y, ctx.newton);
            }
        }
        // Each equilibrium goes to the closest claiming branch; others start new branches.
        let mut owner: Vec<Option<usize>> = vec![None; found.len()];
        let mut best: Vec<f64> = vec![f64::INFINITY; found.len()];
        for (b, y, distance) in &claims {
            if let Some(i) = index_of(&found, y, ctx.newton) {
                if *distance < best[i] {
                    best[i] = *distance;
                    owner[i] = Some(*b);
                }
            }
        }
        let mut equilibria = Vec::new();
        let mut ids = Vec::new();
        let mut next_branches = Vec::new();
        let mut matched = vec![false; branches.len()];
        let mut born = Vec::new();
        for (i, y) in found.into_iter().enumerate() {
            let Ok(equilibrium) = linearise(model, &y) else {
                continue;
            };
            let (unstable, det_positive) = signature(&equilibrium);
            let id = match owner[i] {
                Some(b) => {
                    matched[b] = true;
                    let old = &branches[b];
                    if k > 0 && old.unstable != unstable {
                        if let Some(found) =
                            ctx.crossing(&old.state, old.unstable, previous_p, &y, p)?
                        {
                            push_bifurcation(&mut bifurcations, found, ctx.tolerance);
                        }
                    }
                    old.id
                }
                None => {
                    next_id += 1;
                    born.push((y.clone(), det_positive));
                    next_id - 1
                }
            };
            next_branches.push(Branch {
                id,
                previous: owner[i].map(|b| branches[b].state.clone()),
                state: y,
                unstable,
                det_positive,
            });
            ids.push(id);
            equilibria.push(equilibrium);
        }
        if k > 0 {
            let lost: Vec<(Vec<f64>, bool)> = branches
                .iter()
                .zip(&matched)
                .filter(|(_, m)| !**m)
                .map(|(b, _)| (b.state.clone(), b.det_positive))
                .collect();
            for (a, b) in pair_up(&lost, ctx.newton) {
                if let Some(found) = ctx.fold(&a, &b, previous_p, p)? {
                    push_bifurcation(&mut bifurcations, found, ctx.tolerance);
                }
            }
            for (a, b) in pair_up(&born, ctx.newton) {
                if let Some(found) = ctx.fold(&a, &b, p, previous_p)? {
                    push_bifurcation(&mut bifurcations, found, ctx.tolerance);
                }
            }
        }
        points.push(ScanPoint {
            parameter: p,
            equilibria,
            branches: ids,
        });
        branches = next_branches;
        previous_p = p;
    }
    Ok(Scan {
        points,
        bifurcations,
    })
}

/// Secant prediction of a branch at `p` from its last two states.
fn predict(branch: &Branch, p: f64, p_last: f64, p_before: Option<&f64>) -> Vec<f64> {
    match (&branch.previous, p_before) {
        (Some(previous), Some(&p_before)) if (p_last - p_before).abs() > 0.0 => {
            let ratio = (p - p_last) / (p_last - p_before);
            branch
                .state
                .iter()
                .zip(previous)
                .map(|(y, y_prev)| y + ratio * (y - y_prev))
                .collect()
        }
        _ => branch.state.clone(),
    }
}

fn index_of(found: &[Vec<f64>], y: &[f64], newton: &NewtonOptions) -> Option<usize> {
    found
        .iter()
        .position(|f| scaled_distance(f, y, newton.abs_tol) < newton.distinct)
}

fn push_distinct(found: &mut Vec<Vec<f64>>, y: Vec<f64>, newton: &NewtonOptions) {
    if index_of(found, &y, newton).is_none() {
        found.push(y);
    }
}

/// Pairs of states of opposite determinant sign, closest pairs first, each state used once.
fn pair_up(states: &[(Vec<f64>, bool)], newton: &NewtonOptions) -> Vec<(Vec<f64>, Vec<f64>)> {
    let mut candidates = Vec::new();
    for i in 0..states.len() {
        for j in i + 1..states.len() {
            if states[i].1 != states[j].1 {
                let distance = scaled_distance(&states[i].0, &states[j].0, newton.abs_tol);
                candidates.push((distance, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut used = vec![false; states.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used[i] && !used[j] {
            used[i] = true;
            used[j] = true;
            pairs.push((states[i].0.clone(), states[j].0.clone()));
        }
    }
    pairs
}

fn push_bifurcation(list: &mut Vec<Bifurcation>, found: Bifurcation, tolerance: f64) {
    let duplicate = list.iter().any(|b| {
        b.kind == found.kind
            && (b.parameter - found.parameter).abs() <= 10.0 * tolerance
            && scaled_distance(&b.state, &found.state, 1e-12) < 1e-3
    });
    if !duplicate {
        list.push(found);
    }
}
