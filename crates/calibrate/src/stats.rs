//! Fit statistics: parameter standard errors from the Jacobian, and the paired bootstrap
//! used by the model comparison.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// Columns of the scaled Jacobian whose singular values fall below this fraction of the
/// largest make `J^T J` numerically singular (`sqrt` of the machine epsilon: the condition
/// number of `J^T J` would exceed `1/eps`).
pub const SINGULAR_RATIO: f64 = 1.4901161193847656e-8;

/// Parameter standard errors and covariance from the residual Jacobian `jacobian`
/// (`m x n`, with respect to the internal coordinates `u`), the transform derivatives
/// `dx/du` and the sum of squared residuals `sse`:
///
/// `Cov(u) = s^2 (J^T J)^-1`, `s^2 = SSE / (m - n)`, and by the delta method
/// `Cov(x) = D Cov(u) D`, `D = diag(dx/du)`.
///
/// `(J^T J)^-1` is computed from the singular value decomposition of `J` with unit-norm
/// columns. Every entry is `None` (and the covariance too) when `m <= n` (no degrees of
/// freedom), when a column is zero or when the smallest singular value of the scaled
/// Jacobian is below [`SINGULAR_RATIO`] times the largest; a single entry is `None` when
/// its variance is not finite.
pub fn standard_errors(
    jacobian: &nalgebra::DMatrix<f64>,
    derivatives: &[f64],
    sse: f64,
) -> (Vec<Option<f64>>, Option<Vec<Vec<f64>>>) {
    let (m, n) = jacobian.shape();
    let none = (vec![None; n], None);
    if m <= n || derivatives.len() != n || !sse.is_finite() {
        return none;
    }
    let norms: Vec<f64> = jacobian.column_iter().map(|c| c.norm()).collect();
    if norms.iter().any(|&s| !(s > 0.0 && s.is_finite())) {
        return none;
    }
    let mut scaled = jacobian.clone();
    for (j, &s) in norms.iter().enumerate() {
        scaled.column_mut(j).unscale_mut(s);
    }
    let Some(svd) = scaled.try_svd(false, true, f64::EPSILON, 1000) else {
        return none;
    };
    let Some(v_t) = svd.v_t else {
        return none;
    };
    let largest = svd.singular_values.max();
    let smallest = svd.singular_values.min();
    // Also rejects NaN singular values.
    if smallest.is_nan() || smallest <= SINGULAR_RATIO * largest {
        return none;
    }
    let s2 = sse / (m - n) as f64;
    // (Js^T Js)^-1 = V diag(1/sigma^2) V^T.
    let mut covariance = vec![vec![0.0; n]; n];
    for a in 0..n {
        for b in 0..n {
            let inner: f64 = (0..n)
                .map(|k| v_t[(k, a)] * v_t[(k, b)] / svd.singular_values[k].powi(2))
                .sum();
            covariance[a][b] = s2 * inner / (norms[a] * norms[b]) * derivatives[a] * derivatives[b];
        }
    }
    let errors = (0..n)
        .map(|j| {
            let variance = covariance[j][j];
            (variance.is_finite() && variance >= 0.0).then(|| variance.sqrt())
        })
        .collect();
    (errors, Some(covariance))
}

/// Paired bootstrap of a mean difference: resamples the pairs `differences` (e.g. one
/// model's error minus the best model's, per series) `resamples` times with replacement
/// using the seeded Xoshiro256++ generator, and returns the `(1 - level)/2` and
/// `(1 + level)/2` percentiles of the resampled means, and the fraction of resampled
/// means that are positive. `None` for empty input or `resamples == 0`.
pub fn bootstrap_mean_ci(
    differences: &[f64],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Option<(f64, f64, f64)> {
    let n = differences.len();
    if n == 0 || resamples == 0 || !(level > 0.0 && level < 1.0) {
        return None;
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| {
            (0..n)
                .map(|_| differences[rng.random_range(0..n)])
                .sum::<f64>()
                / n as f64
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let positive = means.iter().filter(|&&m| m > 0.0).count() as f64 / resamples as f64;
    let quantile = |q: f64| {
        let position = q * (resamples - 1) as f64;
        let low = position.floor() as usize;
        let high = position.ceil() as usize;
        let weight = position - low as f64;
        means[low] * (1.0 - weight) + means[high] * weight
    };
    Some((
        quantile((1.0 - level) / 2.0),
        quantile((1.0 + level) / 2.0),
        positive,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use nalgebra::DMatrix;

    #[test]
    fn straight_line_standard_errors_match_the_textbook_formula() {
        // y = a + b t at t = 0..4: Var(b) = s^2 / sum (t - mean)^2 = s^2 / 10.
        let jacobian = DMatrix::from_fn(5, 2, |i, j| if j == 0 { 1.0 } else { i as f64 });
        let (errors, covariance) = standard_errors(&jacobian, &[1.0, 1.0], 3.0);
        let s2 = 3.0 / 3.0;
        assert_relative_eq!(
            errors[1].unwrap(),
            (s2 / 10.0f64).sqrt(),
            max_relative = 1e-12
        );
        // Var(a) = s^2 (1/n + mean^2 / Sxx) = 1/5 + 4/10.
        assert_relative_eq!(errors[0].unwrap(), 0.6f64.sqrt(), max_relative = 1e-12);
        assert!(covariance.is_some());
    }

    #[test]
    fn singular_or_saturated_fits_have_no_standard_errors() {
        let collinear = DMatrix::from_fn(4, 2, |i, _| i as f64 + 1.0);
        assert!(standard_errors(&collinear, &[1.0, 1.0], 1.0)
            .0
            .iter()
            .all(Option::is_none));
        let square = DMatrix::<f64>::identity(2, 2);
        assert!(standard_errors(&square, &[1.0, 1.0], 1.0).1.is_none());
    }

    #[test]
    fn bootstrap_is_reproducible_and_brackets_the_mean() {
        let data: Vec<f64> = (0..50).map(|k| (k as f64 * 0.37).sin() + 0.2).collect();
        let mean = data.iter().sum::<f64>() / 50.0;
        let a = bootstrap_mean_ci(&data, 500, 0.95, 7).unwrap();
        let b = bootstrap_mean_ci(&data, 500, 0.95, 7).unwrap();
        assert_eq!(a, b);
        assert!(a.0 < mean && mean < a.1);
        assert!(bootstrap_mean_ci(&[], 10, 0.95, 1).is_none());
    }
}
