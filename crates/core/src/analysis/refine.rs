//! Bisection refinements of [`scan`](super::scan): the crossing of the imaginary axis
//! along a branch (Hopf or zero eigenvalue) and the fold of a pair of branches.

use super::newton::{linearise, newton, Equilibrium, NewtonOptions};
use super::scaled_distance;
use super::scan::{Bifurcation, BifurcationKind};
use super::spectrum::{Eigenvalue, ZERO_TOLERANCE};
use crate::error::Result;
use crate::model::Model;

/// Number of eigenvalues with positive real part, and whether the determinant is positive.
pub(crate) fn signature(equilibrium: &Equilibrium) -> (usize, bool) {
    let unstable = equilibrium
        .eigenvalues
        .iter()
        .filter(|e| e.re > 0.0)
        .count();
    (unstable, equilibrium.jacobian.determinant() > 0.0)
}

/// Shared state of the refinements.
pub(crate) struct Context<'a, B> {
    pub build: &'a B,
    pub newton: &'a NewtonOptions,
    /// Absolute bracket width at which bisection stops.
    pub tolerance: f64,
}

impl<B: Fn(f64) -> Result<Model>> Context<'_, B> {
    /// Bisects `[p_a, p_b]` along a branch (state `y_a` at `p_a`, `y_b` at `p_b`) for the
    /// point where its count of unstable eigenvalues changes.
    pub fn crossing(
        &self,
        branch_state: &[f64],
        branch_unstable: usize,
        p_a: f64,
        y_b: &[f64],
        p_b: f64,
    ) -> Result<Option<Bifurcation>> {
        let (mut lo, mut hi) = (p_a, p_b);
        let (mut y_lo, mut y_hi) = (branch_state.to_vec(), y_b.to_vec());
        while (hi - lo).abs() > self.tolerance {
            let mid = 0.5 * (lo + hi);
            let model = (self.build)(mid)?;
            let guess: Vec<f64> = y_lo.iter().zip(&y_hi).map(|(a, b)| 0.5 * (a + b)).collect();
            let Some(y) = newton(&model, &guess, self.newton)? else {
                return Ok(None);
            };
            let Ok(equilibrium) = linearise(&model, &y) else {
                return Ok(None);
            };
            if signature(&equilibrium).0 == branch_unstable {
                lo = mid;
                y_lo = y;
            } else {
                hi = mid;
                y_hi = y;
            }
        }
        let parameter = 0.5 * (lo + hi);
        let model = (self.build)(parameter)?;
        let state: Vec<f64> = y_lo.iter().zip(&y_hi).map(|(a, b)| 0.5 * (a + b)).collect();
        let state = newton(&model, &state, self.newton)?.unwrap_or(state);
        let Ok(equilibrium) = linearise(&model, &state) else {
            return Ok(None);
        };
        // The eigenvalue closest to the imaginary axis decides the kind.
        let radius = equilibrium
            .eigenvalues
            .iter()
            .map(Eigenvalue::norm)
            .fold(0.0, f64::max);
        let kind = match equilibrium
            .eigenvalues
            .iter()
            .min_by(|a, b| a.re.abs().total_cmp(&b.re.abs()))
        {
            Some(e) if e.im.abs() > 1e3 * ZERO_TOLERANCE * radius => BifurcationKind::Hopf,
            _ => BifurcationKind::ZeroEigenvalue,
        };
        Ok(Some(Bifurcation {
            kind,
            parameter,
            bracket: (lo, hi),
            state: equilibrium.state,
            eigenvalues: equilibrium.eigenvalues,
        }))
    }

    /// The pair `(a, b)` exists at `p_exist` and not at `p_none`: bisects for the fold.
    /// Returns `None` if the pair also exists at `p_none` (it was only missed there).
    pub fn fold(
        &self,
        a: &[f64],
        b: &[f64],
        p_exist: f64,
        p_none: f64,
    ) -> Result<Option<Bifurcation>> {
        let (mut a, mut b) = (a.to_vec(), b.to_vec());
        let (mut p_yes, mut p_no) = (p_exist, p_none);
        if self.pair_at(&a, &b, p_no, 1.0)?.is_some() {
            return Ok(None);
        }
        while (p_yes - p_no).abs() > self.tolerance {
            let mid = 0.5 * (p_yes + p_no);
            let shrink = ((mid - p_no) / (p_yes - p_no)).max(0.0).sqrt().max(0.05);
            match self.pair_at(&a, &b, mid, shrink)? {
                Some((new_a, new_b)) => {
                    a = new_a;
                    b = new_b;
                    p_yes = mid;
                }
                None => p_no = mid,
            }
        }
        let state: Vec<f64> = a.iter().zip(&b).map(|(x, y)| 0.5 * (x + y)).collect();
        let model = (self.build)(p_yes)?;
        let Ok(equilibrium) = linearise(&model, &state) else {
            return Ok(None);
        };
        Ok(Some(Bifurcation {
            kind: BifurcationKind::SaddleNode,
            parameter: 0.5 * (p_yes + p_no),
            bracket: (p_yes, p_no),
            state,
            eigenvalues: equilibrium.eigenvalues,
        }))
    }

    /// The pair `(a, b)` continued to `p` by Newton from `m ± scale (a - b)/2` around the
    /// pair's midpoint `m` (near a fold the half-distance shrinks as the square root of the
    /// distance to the fold), if both converge to distinct equilibria of opposite
    /// determinant sign.
    fn pair_at(
        &self,
        a: &[f64],
        b: &[f64],
        p: f64,
        scale: f64,
    ) -> Result<Option<(Vec<f64>, Vec<f64>)>> {
        let model = (self.build)(p)?;
        let guess = |sign: f64| -> Vec<f64> {
            a.iter()
                .zip(b)
                .map(|(x, y)| 0.5 * (x + y) + sign * 0.5 * (x - y) * scale)
                .collect()
        };
        let (Some(new_a), Some(new_b)) = (
            newton(&model, &guess(1.0), self.newton)?,
            newton(&model, &guess(-1.0), self.newton)?,
        ) else {
            return Ok(None);
        };
        if scaled_distance(&new_a, &new_b, self.newton.abs_tol) < self.newton.distinct {
            return Ok(None);
        }
        let (Ok(ea), Ok(eb)) = (linearise(&model, &new_a), linearise(&model, &new_b)) else {
            return Ok(None);
        };
        if signature(&ea).1 == signature(&eb).1 {
            return Ok(None);
        }
        Ok(Some((new_a, new_b)))
    }
}
