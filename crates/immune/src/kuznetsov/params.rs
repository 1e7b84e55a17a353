//! Parameters of Kuznetsov, Makalkin, Taylor & Perelson (1994), dimensional and
//! dimensionless, with the conversion between them and the interior steady states.

use crate::common::unit;
use oncodyn_core::analysis::{eigenvalues, Jacobian};
use oncodyn_core::parameter_table;
use oncodyn_core::{units, ParamRange, Parameters, Result};

parameter_table! {
    /// Dimensional parameters of the effector–tumor model of Kuznetsov VA, Makalkin IA,
    /// Taylor MA & Perelson AS (1994) "Nonlinear dynamics of immunogenic tumors: parameter
    /// estimation and global bifurcation analysis", *Bull Math Biol* 56(2):295–321
    /// (quasi-steady-state reduced form, eqs. 4–5):
    ///
    /// `dE/dt = s + p E T/(g + T) - m E T - d E`, `dT/dt = a T (1 - b T) - n E T`.
    ///
    /// Values of [`KuznetsovParams::kuznetsov_1994`] as curated in BioModels
    /// BIOMD0000000762; `s`, `m` and `d` are also printed in de Pillis LG et al. (2008)
    /// *J Biol Syst* 16(1):51–80, Table 1, citing Kuznetsov (1994).
    pub struct KuznetsovParams: "Kuznetsov 1994" {
        /// Constant influx of effector cells `s` (cells/day).
        s: unit::CELLS_PER_DAY, ParamRange::NON_NEGATIVE, "normal (non-tumor-induced) influx of effector cells";
        /// Maximal tumor-stimulated proliferation rate of effectors `p` (1/day).
        p: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor-induced effector recruitment rate";
        /// Half-saturation tumor size of effector recruitment `g` (cells).
        g: units::CELLS, ParamRange::POSITIVE, "tumor size of half-maximal effector recruitment";
        /// Effector inactivation by tumor cells `m` (1/(cell day)).
        m: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "effector inactivation rate per tumor cell";
        /// Effector death rate `d` (1/day).
        d: units::PER_DAY, ParamRange::POSITIVE, "effector death rate";
        /// Tumor kill rate per effector `n` (1/(cell day)).
        n: unit::PER_CELL_DAY, ParamRange::POSITIVE, "tumor cell kill rate per effector cell";
        /// Maximal tumor growth rate `a` (1/day).
        a: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor growth rate";
        /// Reciprocal tumor carrying capacity `b` (1/cell).
        b: unit::PER_CELL, ParamRange::NON_NEGATIVE, "reciprocal carrying capacity of the tumor";
    }
}

parameter_table! {
    /// Dimensionless parameters of Kuznetsov et al. (1994), *Bull Math Biol*
    /// 56(2):295–321, with `x = E/E0`, `y = T/T0`, `tau = n T0 t`, `E0 = T0` (cells):
    ///
    /// `dx/dtau = sigma + rho x y/(eta + y) - mu x y - delta x`,
    /// `dy/dtau = alpha y (1 - beta y) - x y`,
    ///
    /// `sigma = s/(n E0 T0)`, `rho = p/(n T0)`, `eta = g/T0`, `mu = m/n`, `delta = d/(n T0)`,
    /// `alpha = a/(n T0)`, `beta = b T0`.
    pub struct KuznetsovScaledParams: "Kuznetsov 1994 (dimensionless)" {
        /// Scaled effector influx `sigma`.
        sigma: units::DIMENSIONLESS, ParamRange::NON_NEGATIVE, "scaled effector influx s/(n E0 T0)";
        /// Scaled recruitment rate `rho`.
        rho: units::DIMENSIONLESS, ParamRange::NON_NEGATIVE, "scaled recruitment rate p/(n T0)";
        /// Scaled half-saturation `eta`.
        eta: units::DIMENSIONLESS, ParamRange::POSITIVE, "scaled half-saturation g/T0";
        /// Scaled inactivation `mu`.
        mu: units::DIMENSIONLESS, ParamRange::NON_NEGATIVE, "scaled inactivation m/n";
        /// Scaled effector death rate `delta`.
        delta: units::DIMENSIONLESS, ParamRange::POSITIVE, "scaled death rate d/(n T0)";
        /// Scaled tumor growth rate `alpha`.
        alpha: units::DIMENSIONLESS, ParamRange::NON_NEGATIVE, "scaled tumor growth rate a/(n T0)";
        /// Scaled reciprocal carrying capacity `beta`.
        beta: units::DIMENSIONLESS, ParamRange::NON_NEGATIVE, "scaled reciprocal capacity b T0";
    }
}

/// The scale `E0 = T0` of Kuznetsov et al. (1994): 10^6 cells.
pub const KUZNETSOV_SCALE: f64 = 1e6;

impl KuznetsovParams {
    /// The dimensional set of Kuznetsov et al. (1994) as in BioModels BIOMD0000000762:
    /// `s = 1.3e4` cells/day, `p = 0.1245`/day, `g = 2.019e7` cells,
    /// `m = 3.422e-10`/(cell day), `d = 0.0412`/day, `n = 1.101e-7`/(cell day),
    /// `a = 0.18`/day, `b = 2.0e-9`/cell.
    pub fn kuznetsov_1994() -> Self {
        Self {
            s: 1.3e4,
            p: 0.1245,
            g: 2.019e7,
            m: 3.422e-10,
            d: 0.0412,
            n: 1.101e-7,
            a: 0.18,
            b: 2.0e-9,
        }
    }

    /// Dimensionless parameters for `E0 = T0 = scale` (cells), and the time unit
    /// `1/(n T0)` in days (9.0827 days for the 1994 set and `scale = 1e6`).
    pub fn to_scaled(&self, scale: f64) -> Result<(KuznetsovScaledParams, f64)> {
        self.validate()?;
        crate::common::check_initial("Kuznetsov 1994", "scale", scale, true)?;
        let unit = self.n * scale;
        let scaled = KuznetsovScaledParams {
            sigma: self.s / (unit * scale),
            rho: self.p / unit,
            eta: self.g / scale,
            mu: self.m / self.n,
            delta: self.d / unit,
            alpha: self.a / unit,
            beta: self.b * scale,
        };
        scaled.validate()?;
        Ok((scaled, 1.0 / unit))
    }

    /// Tumor-free effector level `s/d` (cells).
    pub fn tumor_free_effectors(&self) -> f64 {
        self.s / self.d
    }
}

impl KuznetsovScaledParams {
    /// The standard dimensionless set of Kuznetsov et al. (1994): `sigma = 0.1181`,
    /// `rho = 1.131`, `eta = 20.19`, `mu = 0.00311`, `delta = 0.3743`, `alpha = 1.636`,
    /// `beta = 2.0e-3` (the rounded values used throughout the literature; `beta = b T0`
    /// with the BIOMD0000000762 `b`). Teaching variants with `beta = 1e-2` or
    /// `delta = 0.3643` are typos.
    pub fn standard() -> Self {
        Self {
            sigma: 0.1181,
            rho: 1.131,
            eta: 20.19,
            mu: 0.00311,
            delta: 0.3743,
            alpha: 1.636,
            beta: 2.0e-3,
        }
    }

    /// Dimensional parameters given the kill rate `n` (1/(cell day)) and the scale
    /// `E0 = T0 = scale` (cells): the inverse of [`KuznetsovParams::to_scaled`].
    pub fn to_dimensional(&self, n: f64, scale: f64) -> Result<KuznetsovParams> {
        self.validate()?;
        crate::common::check_initial("Kuznetsov 1994", "scale", scale, true)?;
        let unit = n * scale;
        let params = KuznetsovParams {
            s: self.sigma * unit * scale,
            p: self.rho * unit,
            g: self.eta * scale,
            m: self.mu * n,
            d: self.delta * unit,
            n,
            a: self.alpha * unit,
            b: self.beta / scale,
        };
        params.validate()?;
        Ok(params)
    }

    /// Tumor-free steady state `(x, y) = (sigma/delta, 0)`.
    pub fn tumor_free(&self) -> (f64, f64) {
        (self.sigma / self.delta, 0.0)
    }

    /// Coefficients `[C0, C1, C2, C3]` of the cubic `C3 y^3 + C2 y^2 + C1 y + C0 = 0` whose
    /// roots are the `y` of the interior steady states (with `x = alpha (1 - beta y)`):
    /// obtained by substituting `x` into `dx/dtau = 0` and multiplying by `(eta + y)/alpha`.
    pub fn cubic(&self) -> [f64; 4] {
        let Self {
            sigma,
            rho,
            eta,
            mu,
            delta,
            alpha,
            beta,
        } = *self;
        [
            eta * (sigma / alpha - delta),
            sigma / alpha + rho - mu * eta - delta + delta * eta * beta,
            -mu + (mu * eta + delta - rho) * beta,
            mu * beta,
        ]
    }

    /// Interior steady states `(x, y)` with `x > 0`, `y > 0`, sorted by increasing `y`:
    /// the real roots of [`cubic`](Self::cubic) (companion-matrix eigenvalues, polished by
    /// Newton's method on the cubic).
    pub fn interior_equilibria(&self) -> Result<Vec<(f64, f64)>> {
        if self.alpha <= 0.0 {
            // dy/dtau = -x y: an interior state needs x = 0, impossible with sigma >= 0
            // unless sigma = 0, where x = 0 is no cell population at all.
            return Ok(Vec::new());
        }
        let [c0, c1, c2, c3] = self.cubic();
        let roots = if c3.abs() > 0.0 {
            let companion = vec![-c2 / c3, -c1 / c3, -c0 / c3, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0];
            eigenvalues(&Jacobian::from_row_major(3, companion)?)?
                .into_iter()
                .filter(|e| e.im.abs() <= 1e-9 * e.norm().max(1.0))
                .map(|e| e.re)
                .collect::<Vec<_>>()
        } else if c2.abs() > 0.0 {
            let disc = c1 * c1 - 4.0 * c2 * c0;
            if disc < 0.0 {
                Vec::new()
            } else {
                vec![
                    (-c1 + disc.sqrt()) / (2.0 * c2),
                    (-c1 - disc.sqrt()) / (2.0 * c2),
                ]
            }
        } else if c1.abs() > 0.0 {
            vec![-c0 / c1]
        } else {
            Vec::new()
        };
        let mut states: Vec<(f64, f64)> = roots
            .into_iter()
            .map(|y| polish(&[c0, c1, c2, c3], y))
            .filter(|y| *y > 0.0)
            .map(|y| (self.alpha * (1.0 - self.beta * y), y))
            .filter(|(x, _)| *x > 0.0)
            .collect();
        states.sort_by(|a, b| a.1.total_cmp(&b.1));
        Ok(states)
    }
}

/// A few Newton steps on the polynomial `sum c_k y^k` from `y`.
fn polish(c: &[f64; 4], mut y: f64) -> f64 {
    for _ in 0..4 {
        let value = ((c[3] * y + c[2]) * y + c[1]) * y + c[0];
        let slope = (3.0 * c[3] * y + 2.0 * c[2]) * y + c[1];
        if slope.abs() > 0.0 && value.is_finite() {
            let next = y - value / slope;
            if next.is_finite() {
                y = next;
            }
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn scaling_round_trips() {
        let dimensional = KuznetsovParams::kuznetsov_1994();
        let (scaled, tau) = dimensional.to_scaled(KUZNETSOV_SCALE).unwrap();
        assert_relative_eq!(tau, 1.0 / 0.1101, max_relative = 1e-12);
        let back = scaled
            .to_dimensional(dimensional.n, KUZNETSOV_SCALE)
            .unwrap();
        for (a, b) in back.values().iter().zip(dimensional.values()) {
            assert_relative_eq!(*a, b, max_relative = 1e-12);
        }
    }

    #[test]
    fn cubic_roots_are_steady_states() {
        let p = KuznetsovScaledParams::standard();
        let states = p.interior_equilibria().unwrap();
        assert_eq!(states.len(), 3);
        for (x, y) in states {
            let dx = p.sigma + p.rho * x * y / (p.eta + y) - p.mu * x * y - p.delta * x;
            let dy = p.alpha * y * (1.0 - p.beta * y) - x * y;
            assert!(dx.abs() < 1e-12 && dy.abs() < 1e-9, "{dx} {dy}");
        }
        // Without tumor growth there is no interior state.
        let none = p.with("alpha", 0.0).unwrap().interior_equilibria().unwrap();
        assert!(none.is_empty());
    }
}
