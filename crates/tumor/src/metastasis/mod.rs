//! The size-structured metastasis model of Iwata, Kawasaki & Shigesada (2000): a primary
//! tumor and its metastatic colonies grow by the same Gompertz law and found new one-cell
//! colonies at rate `beta(x) = m x^alpha`.
//!
//! ```text
//! d rho/dt + d(g(x) rho)/dx = 0,                       1 < x < b   (rho: colonies per cell of size)
//! g(1) rho(1, t) = beta(x_p(t)) + integral_1^b beta(x) rho(x, t) dx   (seeding by primary + colonies)
//! rho(x, 0) = 0,   g(x) = a x ln(b/x),   beta(x) = m x^alpha,   x_p(t) = b^(1 - exp(-a t)) x0^exp(-a t)
//! ```
//!
//! Along characteristics a colony born at time `s` has `X(t - s)` cells at `t`, with
//! `X(tau) = b^(1 - exp(-a tau))` (Gompertz from one cell). Writing `B(s)` for the birth
//! rate of colonies (colonies/day), the boundary condition becomes the renewal equation
//! `B(t) = beta(x_p(t)) + integral_0^t beta(X(t - s)) B(s) ds`, the number of metastases is
//! `N(t) = integral_0^t B(s) ds` and the size density is `rho(x, t) = B(t - tau(x)) / g(x)`
//! with `tau(x)` the age of a colony of `x` cells. Without seeding by colonies,
//! `N(t) = integral_0^t m x_p(s)^alpha ds = (m b^alpha / a) (E1(c e^(-a t)) - E1(c))`,
//! `c = alpha ln(b/x0)` (substitute `u = e^(-a s)`).
//!
//! [`Iwata`] evaluates the primary-only quantities by adaptive quadrature and by the
//! exponential integral; [`Iwata::solve`] solves the renewal equation (trapezoidal rule on
//! a uniform grid, second order) and returns an [`IwataSolution`] with `N(t)` and the size
//! distribution.

pub(crate) mod numerics;
mod renewal;

pub use renewal::{Colonization, IwataSolution, SizeClass};

use crate::growth::Gompertz;
use crate::seeding::{MetastaticSeeding, COLONIZATION_UNIT};
use numerics::{exponential_integral_e1, integrate};
use oncodyn_core::{units, validate_values, Error, ParamRange, ParamSpec, Parameters, Result};

/// Relative tolerance of the adaptive quadratures.
const QUADRATURE_REL: f64 = 1e-12;

/// Table row of a time argument: `t` in `[0, inf)` days.
const TIME: ParamSpec = ParamSpec {
    name: "t",
    unit: "day",
    range: ParamRange::NON_NEGATIVE,
    description: "time since the primary had its initial size",
};

/// Parameters of the Iwata model: Gompertz growth `g(x) = a x ln(b/x)` of primary and
/// colonies, colonization rate `beta(x) = m x^alpha`.
///
/// Source: Iwata K, Kawasaki K, Shigesada N (2000) *J Theor Biol* 203:177–186.
/// Ranges: `a` in `(0, inf)` 1/day, `b` in `(1, inf)` cells, `m` in `[0, inf)`
/// cells^(1-alpha)/day, `alpha` in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IwataParams {
    /// Gompertz rate `a` (1/day), `> 0`.
    pub a: f64,
    /// Gompertz plateau `b` (cells), `> 1`.
    pub b: f64,
    /// Colonization coefficient `m` (cells^(1-alpha)/day), `>= 0`.
    pub m: f64,
    /// Colonization exponent `alpha` (dimensionless), in `[0, 1]`.
    pub alpha: f64,
}

impl Parameters for IwataParams {
    const MODEL: &'static str = "Iwata metastasis model";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "Gompertz rate of primary and colonies",
        },
        ParamSpec {
            name: "b",
            unit: units::CELLS,
            range: ParamRange::open(1.0, f64::INFINITY),
            description: "Gompertz plateau of primary and colonies",
        },
        ParamSpec {
            name: "m",
            unit: COLONIZATION_UNIT,
            range: ParamRange::NON_NEGATIVE,
            description: "colonization coefficient",
        },
        ParamSpec {
            name: "alpha",
            unit: units::DIMENSIONLESS,
            range: ParamRange::FRACTION,
            description: "colonization exponent (fractal dimension of the vasculature)",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.b, self.m, self.alpha]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a: get(0),
            b: get(1),
            m: get(2),
            alpha: get(3),
        }
    }
}

impl IwataParams {
    /// `a = 0.00286`/day, `b = 7.3e10` cells, `m = 5.3e-8` cells^(1/3)/day, `alpha = 2/3`:
    /// values attributed to Iwata et al. (2000) (hepatocellular carcinoma) by one secondary
    /// implementation, not confirmed against the paper. Single source: treat as
    /// illustrative regression values.
    pub fn iwata_2000() -> Self {
        Self {
            a: 0.00286,
            b: 7.3e10,
            m: 5.3e-8,
            alpha: 2.0 / 3.0,
        }
    }
}

/// The Iwata model with a primary of `x0` cells at `t = 0` (one cell by default, as in
/// the paper).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Iwata {
    params: IwataParams,
    primary_initial_cells: f64,
}

impl Iwata {
    /// Validated model with the primary starting from one cell at `t = 0`.
    pub fn new(params: IwataParams) -> Result<Self> {
        params.validate()?;
        Ok(Self {
            params,
            primary_initial_cells: 1.0,
        })
    }

    /// The same model with the primary starting from `cells` cells at `t = 0`
    /// (`0 < cells < b`; [`Error::InvalidParameter`] otherwise).
    pub fn with_primary_initial_cells(mut self, cells: f64) -> Result<Self> {
        let spec = ParamSpec {
            name: "primary_initial_cells",
            unit: units::CELLS,
            range: ParamRange::open(0.0, self.params.b),
            description: "primary size at t = 0",
        };
        validate_values(IwataParams::MODEL, &[spec], &[cells])?;
        self.primary_initial_cells = cells;
        Ok(self)
    }

    /// The parameters.
    pub fn params(&self) -> &IwataParams {
        &self.params
    }

    /// Primary size at `t = 0` (cells).
    pub fn primary_initial_cells(&self) -> f64 {
        self.primary_initial_cells
    }

    /// The growth law `g(x) = a x ln(b/x)` as a [`Gompertz`] law (`r = a`, `K = b`).
    pub fn growth_law(&self) -> Gompertz {
        Gompertz {
            r: self.params.a,
            k: self.params.b,
        }
    }

    /// The colonization rate as [`MetastaticSeeding`] (`m`, `alpha`), e.g. for the
    /// compartmental counterpart [`TumorSite::with_seeding`](crate::TumorSite::with_seeding).
    pub fn seeding(&self) -> MetastaticSeeding {
        MetastaticSeeding {
            m: self.params.m,
            alpha: self.params.alpha,
        }
    }

    /// Growth rate `g(x) = a x ln(b/x)` (cells/day) of a tumor of `x > 0` cells.
    pub fn growth_rate(&self, x: f64) -> f64 {
        self.params.a * x * (self.params.b / x).ln()
    }

    /// Colonization rate `beta(x) = m x^alpha` (colonies/day) of a tumor of `x >= 0` cells.
    pub fn colonization_rate(&self, x: f64) -> f64 {
        self.params.m * x.max(0.0).powf(self.params.alpha)
    }

    /// Primary size `x_p(t) = b^(1 - exp(-a t)) x0^exp(-a t)` (cells) at `t` (days).
    pub fn primary_size(&self, t: f64) -> f64 {
        let ln_b = self.params.b.ln();
        (ln_b + (self.primary_initial_cells.ln() - ln_b) * (-self.params.a * t).exp()).exp()
    }

    /// Size `X(age) = b^(1 - exp(-a age))` (cells) of a colony `age` days after it was
    /// founded by one cell (Gompertz closed form along a characteristic).
    pub fn colony_size(&self, age: f64) -> f64 {
        (-self.params.b.ln() * (-self.params.a * age).exp_m1()).exp()
    }

    /// Age (days) at which a colony founded by one cell reaches `x` cells:
    /// `tau(x) = -ln(1 - ln x / ln b) / a`; `None` unless `1 <= x < b`.
    pub fn colony_age(&self, x: f64) -> Option<f64> {
        if !(x >= 1.0 && x < self.params.b) {
            return None;
        }
        let age = -(-x.ln() / self.params.b.ln()).ln_1p() / self.params.a;
        age.is_finite().then_some(age)
    }

    /// Expected number of metastases founded by the primary alone by time `t` (days):
    /// `N(t) = integral_0^t m x_p(s)^alpha ds`, by adaptive Gauss–Legendre quadrature
    /// (relative tolerance 1e-12). Exact for the model without seeding by colonies.
    pub fn metastases_from_primary(&self, t: f64) -> Result<f64> {
        validate_values(IwataParams::MODEL, &[TIME], &[t])?;
        let quadrature = integrate(
            |s| self.colonization_rate(self.primary_size(s)),
            0.0,
            t,
            QUADRATURE_REL,
        );
        converged(quadrature.value, quadrature.converged, "N(t)")
    }

    /// The same `N(t)` in closed form,
    /// `(m b^alpha / a) (E1(c e^(-a t)) - E1(c))` with `c = alpha ln(b/x0)` (`m b^alpha t`
    /// when `c = 0`), `E1` the exponential integral. Loses relative accuracy for
    /// `a t << 1e-8` (difference of nearly equal values).
    pub fn metastases_from_primary_exact(&self, t: f64) -> Result<f64> {
        validate_values(IwataParams::MODEL, &[TIME], &[t])?;
        let IwataParams { a, b, m, alpha } = self.params;
        let scale = m * b.powf(alpha);
        let c = alpha * (b.ln() - self.primary_initial_cells.ln());
        let value = if c <= 0.0 {
            scale * t
        } else {
            scale / a * (exponential_integral_e1(c * (-a * t).exp()) - exponential_integral_e1(c))
        };
        converged(value, true, "N(t)")
    }

    /// Total cells in the metastases founded by the primary alone by time `t` (days):
    /// `M(t) = integral_0^t m x_p(s)^alpha X(t - s) ds`, each colony growing by the
    /// Gompertz law from one cell (adaptive quadrature, relative tolerance 1e-12).
    pub fn metastatic_burden_from_primary(&self, t: f64) -> Result<f64> {
        validate_values(IwataParams::MODEL, &[TIME], &[t])?;
        let quadrature = integrate(
            |s| self.colonization_rate(self.primary_size(s)) * self.colony_size(t - s),
            0.0,
            t,
            QUADRATURE_REL,
        );
        converged(quadrature.value, quadrature.converged, "M(t)")
    }
}

/// `value` if finite and converged, else an error naming `what`.
fn converged(value: f64, ok: bool, what: &str) -> Result<f64> {
    if ok && value.is_finite() {
        Ok(value)
    } else {
        Err(Error::InconsistentParameters {
            model: IwataParams::MODEL.into(),
            reason: format!("{what} could not be computed to tolerance (got {value})"),
        })
    }
}

#[cfg(test)]
mod tests;
