//! Numerical building blocks of the metastasis model: adaptive Gauss–Legendre quadrature
//! and the exponential integral `E1`.

/// Number of Gauss–Legendre nodes per panel.
const NODES: usize = 10;
/// Initial number of equal panels of the adaptive quadrature.
const INITIAL_PANELS: usize = 16;
/// Maximal bisection depth of a panel.
const MAX_DEPTH: u32 = 40;
/// Euler–Mascheroni constant.
const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;

/// Gauss–Legendre nodes and weights on `[-1, 1]`, by Newton's method on the Legendre
/// polynomial `P_n` (the textbook construction, converged to round-off).
fn gauss_legendre() -> ([f64; NODES], [f64; NODES]) {
    let mut nodes = [0.0; NODES];
    let mut weights = [0.0; NODES];
    let n = NODES as f64;
    for i in 0..NODES {
        let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (n + 0.5)).cos();
        let mut derivative = 1.0;
        for _ in 0..100 {
            let (mut p_prev, mut p) = (1.0, x);
            for k in 2..=NODES {
                let k = k as f64;
                let next = ((2.0 * k - 1.0) * x * p - (k - 1.0) * p_prev) / k;
                p_prev = p;
                p = next;
            }
            derivative = n * (x * p - p_prev) / (x * x - 1.0);
            let step = p / derivative;
            x -= step;
            if step.abs() <= 1e-16 {
                break;
            }
        }
        nodes[i] = x;
        weights[i] = 2.0 / ((1.0 - x * x) * derivative * derivative);
    }
    (nodes, weights)
}

/// Result of [`integrate`]: the value and whether every panel met its tolerance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quadrature {
    /// Estimate of the integral.
    pub value: f64,
    /// Whether the requested tolerance was met everywhere.
    pub converged: bool,
}

/// `integral_lo^hi f(x) dx` by adaptive Gauss–Legendre quadrature (10 nodes per panel,
/// panels bisected until a panel and its two halves agree), to relative tolerance `rel`
/// of the whole integral (plus `1e-300` absolute).
pub(crate) fn integrate(f: impl Fn(f64) -> f64, lo: f64, hi: f64, rel: f64) -> Quadrature {
    let (nodes, weights) = gauss_legendre();
    let panel = |a: f64, b: f64| -> f64 {
        let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
        nodes
            .iter()
            .zip(&weights)
            .map(|(x, w)| w * f(mid + half * x))
            .sum::<f64>()
            * half
    };
    if hi.is_nan() || lo.is_nan() || hi <= lo {
        // An empty interval integrates to 0; a reversed or NaN one is not converged.
        return Quadrature {
            value: 0.0,
            converged: hi >= lo,
        };
    }
    let width = (hi - lo) / INITIAL_PANELS as f64;
    let panels: Vec<(f64, f64, f64)> = (0..INITIAL_PANELS)
        .map(|k| {
            let a = lo + k as f64 * width;
            let b = if k + 1 == INITIAL_PANELS {
                hi
            } else {
                a + width
            };
            (a, b, panel(a, b))
        })
        .collect();
    let estimate: f64 = panels.iter().map(|p| p.2).sum();
    let tolerance = rel * estimate.abs() + 1e-300;
    let mut value = 0.0;
    let mut converged = estimate.is_finite();
    // (a, b, estimate on [a, b], tolerance share, depth)
    let mut stack: Vec<(f64, f64, f64, f64, u32)> = panels
        .into_iter()
        .map(|(a, b, v)| (a, b, v, tolerance * (b - a) / (hi - lo), 0))
        .collect();
    while let Some((a, b, whole, tol, depth)) = stack.pop() {
        let mid = 0.5 * (a + b);
        let (left, right) = (panel(a, mid), panel(mid, b));
        if (left + right - whole).abs() <= tol || depth >= MAX_DEPTH || !whole.is_finite() {
            if (left + right - whole).abs() > tol {
                converged = false;
            }
            value += left + right;
        } else {
            stack.push((a, mid, left, 0.5 * tol, depth + 1));
            stack.push((mid, b, right, 0.5 * tol, depth + 1));
        }
    }
    Quadrature { value, converged }
}

/// The exponential integral `E1(x) = integral_x^inf e^(-u)/u du` for `x > 0` (power series
/// for `x <= 1`, continued fraction for `x > 1`; Abramowitz & Stegun 5.1.11 and 5.1.22);
/// infinite at `x = 0`, NaN for `x < 0` or NaN.
pub(crate) fn exponential_integral_e1(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::INFINITY;
    }
    if x <= 1.0 {
        // E1(x) = -gamma - ln x - sum_{k>=1} (-x)^k / (k k!)
        let mut term = 1.0;
        let mut sum = 0.0;
        for k in 1..200 {
            let k = f64::from(k);
            term *= -x / k;
            let contribution = term / k;
            sum += contribution;
            if contribution.abs() <= 1e-17 * sum.abs() {
                break;
            }
        }
        return -EULER_GAMMA - x.ln() - sum;
    }
    // Modified Lentz evaluation of E1(x) = e^(-x) / (x + 1 - 1/(x + 3 - 4/(x + 5 - ...))).
    let tiny = 1e-300;
    let mut b = x + 1.0;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..1000 {
        let i = f64::from(i);
        let an = -i * i;
        b += 2.0;
        d = 1.0 / (an * d + b);
        c = b + an / c;
        let delta = c * d;
        h *= delta;
        if (delta - 1.0).abs() <= 1e-16 {
            break;
        }
    }
    h * (-x).exp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn quadrature_integrates_known_functions() {
        let q = integrate(|x| x.exp(), 0.0, 3.0, 1e-13);
        assert!(q.converged);
        assert_relative_eq!(q.value, 3f64.exp_m1(), max_relative = 1e-13);
        let q = integrate(|x| 1.0 / (1.0 + x * x), -50.0, 50.0, 1e-12);
        assert_relative_eq!(q.value, 2.0 * 50f64.atan(), max_relative = 1e-12);
        assert_relative_eq!(integrate(|x| x, 2.0, 2.0, 1e-12).value, 0.0);
        let (nodes, weights) = gauss_legendre();
        assert_relative_eq!(weights.iter().sum::<f64>(), 2.0, max_relative = 1e-14);
        assert!(nodes.iter().all(|x| x.abs() < 1.0));
    }

    #[test]
    fn e1_matches_tabulated_values() {
        // Abramowitz & Stegun (1964) Table 5.1: E1(1) = 0.219383934395520...,
        // x e^x E1(x) at x = 2 is 0.7226572338; E1(0.5) = 0.559773594776160...
        assert_relative_eq!(
            exponential_integral_e1(1.0),
            0.219_383_934_395_520_3,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            exponential_integral_e1(0.5),
            0.559_773_594_776_160_8,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            2.0 * 2f64.exp() * exponential_integral_e1(2.0),
            0.722_657_233_8,
            max_relative = 1e-9
        );
        // Continuity across the switch between series and continued fraction.
        let below = exponential_integral_e1(1.0 - 1e-12);
        let above = exponential_integral_e1(1.0 + 1e-12);
        assert_relative_eq!(below, above, max_relative = 1e-10);
        assert!(exponential_integral_e1(-1.0).is_nan());
        assert!(exponential_integral_e1(0.0).is_infinite());
    }
}
