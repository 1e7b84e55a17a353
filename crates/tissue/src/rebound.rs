//! Linearised rebound of the Friberg chain about its baseline: the dominant root of
//! `z (z + 1)^4 + gamma = 0` (`z = s/ktr`), its decay rate and the rebound period.

use crate::friberg::FribergParams;
use nalgebra::{Complex, SMatrix};
use oncodyn_core::{Error, Result};

/// Dominant mode of the Friberg chain linearised about `Prol = ... = Circ = Circ0`.
///
/// With `x = ln(Circ/Circ0)`-type deviations, the Jacobian's characteristic polynomial is
/// `s (s + ktr)^4 + gamma ktr^5 = 0`, i.e. `z (z + 1)^4 + gamma = 0` with `z = s/ktr`.
/// The dominant root (largest real part) gives the decay rate `ktr Re(z)` (1/day, negative
/// for a stable baseline) and the rebound period `2 pi/(ktr Im(z))` (day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rebound {
    /// Dominant root `z` (dimensionless), the member with `Im(z) >= 0` of its pair.
    pub z: Complex<f64>,
    /// Transit rate `ktr = 4/MTT` (1/day).
    pub ktr: f64,
    /// Decay rate `ktr Re(z)` (1/day).
    pub decay_rate: f64,
    /// Rebound period `2 pi/(ktr Im(z))` (day); infinite when the dominant root is real
    /// (`gamma = 0`).
    pub period: f64,
}

/// Roots of the monic quintic `z^5 + c[0] z^4 + c[1] z^3 + c[2] z^2 + c[3] z + c[4]`:
/// eigenvalues of the companion matrix (nalgebra Schur decomposition), each polished by
/// Newton's method on the polynomial.
pub fn quintic_roots(c: [f64; 5]) -> Result<[Complex<f64>; 5]> {
    if let Some(&bad) = c.iter().find(|v| !v.is_finite()) {
        return Err(Error::InvalidOption {
            name: "polynomial coefficient",
            value: bad,
            reason: "must be finite",
        });
    }
    let mut companion = SMatrix::<f64, 5, 5>::zeros();
    for (j, &cj) in c.iter().enumerate() {
        companion[(0, j)] = -cj;
    }
    for i in 1..5 {
        companion[(i, i - 1)] = 1.0;
    }
    let eigen = companion.complex_eigenvalues();
    let mut roots = [Complex::new(0.0, 0.0); 5];
    for (root, &z0) in roots.iter_mut().zip(eigen.iter()) {
        *root = polish(z0, &c);
    }
    Ok(roots)
}

/// Newton iterations on the quintic from `z`; keeps `z` if an iteration would not improve
/// the residual (a multiple root, where Newton converges slowly, stays at the Schur value).
fn polish(mut z: Complex<f64>, c: &[f64; 5]) -> Complex<f64> {
    let eval = |z: Complex<f64>| {
        let mut p = Complex::new(1.0, 0.0);
        let mut dp = Complex::new(0.0, 0.0);
        for &ck in c {
            dp = dp * z + p;
            p = p * z + ck;
        }
        (p, dp)
    };
    for _ in 0..20 {
        let (p, dp) = eval(z);
        if dp.norm() == 0.0 {
            break;
        }
        let next = z - p / dp;
        if !(next.re.is_finite() && next.im.is_finite()) || eval(next).0.norm() >= p.norm() {
            break;
        }
        z = next;
    }
    z
}

/// The linearised rebound of a chain with feedback exponent `gamma` (1, `>= 0`) and mean
/// transit time `mtt` (day, `> 0`).
pub fn rebound(gamma: f64, mtt: f64) -> Result<Rebound> {
    let params = FribergParams::new(1.0, mtt, gamma)?;
    // z (z + 1)^4 + gamma = z^5 + 4 z^4 + 6 z^3 + 4 z^2 + z + gamma.
    let roots = quintic_roots([4.0, 6.0, 4.0, 1.0, gamma])?;
    let mut dominant = roots[0];
    for &root in &roots[1..] {
        let better = root.re > dominant.re + 1e-12
            || ((root.re - dominant.re).abs() <= 1e-12 && root.im > dominant.im);
        if better {
            dominant = root;
        }
    }
    let z = Complex::new(dominant.re, dominant.im.abs());
    let ktr = params.ktr();
    let period = if z.im > 0.0 {
        2.0 * std::f64::consts::PI / (ktr * z.im)
    } else {
        f64::INFINITY
    };
    Ok(Rebound {
        z,
        ktr,
        decay_rate: ktr * z.re,
        period,
    })
}

/// Feedback exponent at which the baseline of the Friberg chain loses stability (Hopf
/// bifurcation): the dominant root of `z (z + 1)^4 + gamma = 0` reaches the imaginary
/// axis at `z = i w` with `pi/2 + 4 atan(w) = pi`, i.e. `w = tan(pi/8)`, so
/// `gamma_c = w (1 + w^2)^2 = 0.568542…` (dimensionless, independent of MTT). Above it a
/// small perturbation grows into sustained oscillations. With stem-cell support the
/// effective exponent is `gamma (1 + PhiR)`.
pub fn critical_gamma() -> f64 {
    let w = (std::f64::consts::PI / 8.0).tan();
    w * (1.0 + w * w).powi(2)
}

impl FribergParams {
    /// The linearised rebound of this chain ([`rebound`]).
    pub fn rebound(&self) -> Result<Rebound> {
        rebound(self.gamma, self.mtt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn roots_solve_the_characteristic_equation() {
        for gamma in [0.01, 0.161, 0.5, 2.0] {
            let roots = quintic_roots([4.0, 6.0, 4.0, 1.0, gamma]).unwrap();
            for z in roots {
                let residual = z * (z + 1.0).powi(4) + gamma;
                assert!(residual.norm() < 1e-12, "gamma {gamma}: {residual}");
            }
        }
    }

    #[test]
    fn critical_gamma_puts_the_dominant_root_on_the_axis() {
        let gamma_c = critical_gamma();
        assert_relative_eq!(gamma_c, 0.568542, max_relative = 1e-6);
        assert!(rebound(gamma_c, 3.0).unwrap().z.re.abs() < 1e-12);
        assert!(rebound(gamma_c * 0.99, 3.0).unwrap().z.re < 0.0);
        assert!(rebound(gamma_c * 1.01, 3.0).unwrap().z.re > 0.0);
    }

    #[test]
    fn zero_feedback_has_no_oscillation() {
        let r = rebound(0.0, 3.0).unwrap();
        assert!(r.z.re.abs() < 1e-9 && r.z.im.abs() < 1e-9);
        assert!(r.period.is_infinite());
    }

    #[test]
    fn small_gamma_root_is_near_minus_gamma() {
        // z ≈ -gamma for small gamma (the root near 0).
        let r = rebound(1e-4, 3.0).unwrap();
        assert_relative_eq!(r.z.re, -1e-4, max_relative = 1e-2);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            rebound(-0.1, 3.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "gamma"
        ));
        assert!(matches!(
            quintic_roots([f64::NAN, 0.0, 0.0, 0.0, 0.0]),
            Err(Error::InvalidOption { .. })
        ));
    }
}
