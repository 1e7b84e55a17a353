//! Eigenvalues of real 2×2 matrices, for the stability analysis of the virus models.

/// A complex number `re + i im`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Complex {
    /// Real part.
    pub re: f64,
    /// Imaginary part.
    pub im: f64,
}

/// Eigenvalues of the real matrix `[[a, b], [c, d]]`: `tr/2 ± sqrt(tr²/4 - det)`, the one
/// with the larger real part (or the positive imaginary part) first.
pub fn eigenvalues_2x2(m: [[f64; 2]; 2]) -> [Complex; 2] {
    let half_trace = 0.5 * (m[0][0] + m[1][1]);
    // tr²/4 - det, written as ((a - d)/2)² + b c to avoid cancellation.
    let half_gap = 0.5 * (m[0][0] - m[1][1]);
    let discriminant = half_gap * half_gap + m[0][1] * m[1][0];
    if discriminant >= 0.0 {
        let root = discriminant.sqrt();
        [
            Complex {
                re: half_trace + root,
                im: 0.0,
            },
            Complex {
                re: half_trace - root,
                im: 0.0,
            },
        ]
    } else {
        let root = (-discriminant).sqrt();
        [
            Complex {
                re: half_trace,
                im: root,
            },
            Complex {
                re: half_trace,
                im: -root,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn real_and_complex_pairs() {
        let [l1, l2] = eigenvalues_2x2([[2.0, 0.0], [0.0, -1.0]]);
        assert_relative_eq!(l1.re, 2.0);
        assert_relative_eq!(l2.re, -1.0);
        let [l1, l2] = eigenvalues_2x2([[0.0, -1.0], [1.0, 0.0]]);
        assert_relative_eq!(l1.im, 1.0);
        assert_relative_eq!(l2.im, -1.0);
        assert_relative_eq!(l1.re, 0.0);
    }
}
