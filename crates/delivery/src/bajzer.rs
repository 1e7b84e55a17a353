//! Measles virotherapy of myeloma xenografts (Bajzer et al. 2008): uninfected cells,
//! infected cells and syncytia, free virus ([`BajzerParams`], published sets
//! [`BajzerSet`], sub-model [`Bajzer`]), with the therapy-failure threshold `q` and the
//! interior equilibrium.

use oncodyn_core::parameter_table;
use oncodyn_core::{units, validate_values, Error, ParamRange, Parameters, Result, SubModel, Var};

/// Cells (or virions) per model unit: Bajzer et al. count in units of 1e6 (1 mm^3 of tumor).
pub const UNIT: f64 = 1e6;
/// Unit of cell numbers in the Bajzer model.
pub const MEGA_CELLS: &str = "1e6 cells";
/// Unit of virus amounts in the Bajzer model.
pub const MEGA_VIRIONS: &str = "1e6 virions";

parameter_table! {
    /// Bajzer Z, Carr T, Josic K, Russell SJ, Dingli D (2008) "Modeling of cancer
    /// virotherapy with recombinant measles viruses", *J Theor Biol* 252(1):109–122:
    ///
    /// ```text
    /// dy/dt = r y (1 - ((y + x)/K)^eps) - kappa y v - rho x y     uninfected
    /// dx/dt = kappa y v - delta x                                infected + syncytia
    /// dv/dt = alpha x - omega v - kappa y v                      free virus
    /// ```
    ///
    /// Cells and virions in units of 1e6, time in days. Every value `>= 0`; `r, K, eps > 0`.
    pub struct BajzerParams : "Bajzer 2008 measles virotherapy" {
        /// Growth rate `r` (1/day).
        r: units::PER_DAY, ParamRange::POSITIVE, "tumor growth rate";
        /// Carrying capacity `K` (1e6 cells).
        k: MEGA_CELLS, ParamRange::POSITIVE, "carrying capacity";
        /// Bertalanffy–Richards exponent `eps`.
        eps: units::DIMENSIONLESS, ParamRange::POSITIVE, "Richards growth exponent";
        /// Infection rate constant `kappa` (1/(1e6 virions·day)).
        kappa: "1/(1e6 virions*day)", ParamRange::NON_NEGATIVE, "infection rate constant";
        /// Death rate of infected cells `delta` (1/day).
        delta: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of infected cells";
        /// Virus burst rate `alpha` (virions/(cell·day)).
        alpha: "virions/(cell*day)", ParamRange::NON_NEGATIVE, "virus production per infected cell";
        /// Virus clearance rate `omega` (1/day).
        omega: units::PER_DAY, ParamRange::NON_NEGATIVE, "virus clearance rate";
        /// Syncytium formation rate constant `rho` (1/(1e6 cells·day)).
        rho: "1/(1e6 cells*day)", ParamRange::NON_NEGATIVE, "fusion of uninfected with infected cells";
    }
}

/// The published parameter sets of Bajzer et al. (2008): fits (a)–(d) of Table 3 and the
/// hypothetical sets b.1, b.2, d.1, d.2 of Table 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BajzerSet {
    /// Table 3 (a): no virus production (`alpha = omega = 0`).
    A,
    /// Table 3 (b).
    B,
    /// Table 3 (c).
    C,
    /// Table 3 (d).
    D,
    /// Table 4 b.1.
    B1,
    /// Table 4 b.2 (paper: eradication at 952.8 days; not reproduced).
    B2,
    /// Table 4 d.1.
    D1,
    /// Table 4 d.2 (paper: eradication at 758 days; not reproduced).
    D2,
}

impl BajzerSet {
    /// Every published set.
    pub const ALL: [BajzerSet; 8] = [
        Self::A,
        Self::B,
        Self::C,
        Self::D,
        Self::B1,
        Self::B2,
        Self::D1,
        Self::D2,
    ];

    /// Label as printed in the paper (`a`, `b.1`, ...).
    pub fn label(&self) -> &'static str {
        match self {
            Self::A => "a",
            Self::B => "b",
            Self::C => "c",
            Self::D => "d",
            Self::B1 => "b.1",
            Self::B2 => "b.2",
            Self::D1 => "d.1",
            Self::D2 => "d.2",
        }
    }
}

impl BajzerParams {
    /// Untreated Bertalanffy–Richards growth fit: `r = 0.2062134` 1/day.
    pub const R: f64 = 0.2062134;
    /// Growth fit: `K = 2139.258` (1e6 cells).
    pub const K: f64 = 2139.258;
    /// Growth fit: `eps = 1.648773`.
    pub const EPS: f64 = 1.648773;
    /// Therapy initial state (therapy clock t = 0, day 15 after implantation):
    /// `y0 = 126.237`, `x0 = 0`, `v0 = 2` (units of 1e6).
    pub const THERAPY_INITIAL: [f64; 3] = [126.237, 0.0, 2.0];

    /// A published set (Tables 3 and 4 of Bajzer et al. 2008) with the growth fit.
    pub fn published(set: BajzerSet) -> Self {
        // (kappa, delta, alpha, omega, rho)
        let (kappa, delta, alpha, omega, rho) = match set {
            BajzerSet::A => (0.000959, 0.512, 0.0, 0.0, 0.215),
            BajzerSet::B => (0.000958, 0.513, 0.001, 0.001, 0.216),
            BajzerSet::C => (0.000448, 0.309, 0.001, 0.3, 0.608),
            BajzerSet::D => (0.000591, 1.119, 0.9, 0.3, 0.141),
            BajzerSet::B1 => (0.0009575, 0.015, 0.053, 0.001, 0.5),
            BajzerSet::B2 => (0.0009575, 0.015, 0.25, 0.001, 0.5),
            BajzerSet::D1 => (0.0005911, 0.021, 1.3, 0.3, 0.1411),
            BajzerSet::D2 => (0.0005911, 0.021, 1.4, 0.3, 0.1411),
        };
        Self {
            r: Self::R,
            k: Self::K,
            eps: Self::EPS,
            kappa,
            delta,
            alpha,
            omega,
            rho,
        }
    }

    /// Threshold `q = (alpha - delta) kappa K - delta omega`: the tumor-only equilibrium
    /// `(K, 0, 0)` is stable iff `q < 0` (therapy failure), with a transcritical
    /// bifurcation at `q = 0`.
    pub fn q(&self) -> f64 {
        (self.alpha - self.delta) * self.kappa * self.k - self.delta * self.omega
    }

    /// Interior equilibrium `[y3, x3, v3]` (units of 1e6): `y3 = delta omega/(kappa
    /// (alpha - delta))`, `x3 = c (1 - ((x3 + y3)/K)^eps)` with `c = r omega/((alpha -
    /// delta) kappa + rho omega)` (solved by bisection), `v3 = (alpha - delta) x3/omega`.
    /// `None` unless `alpha > delta`, `omega > 0`, `kappa > 0` and `q > 0` (`y3 < K`).
    pub fn interior_equilibrium(&self) -> Option<[f64; 3]> {
        let gain = self.alpha - self.delta;
        if !(gain > 0.0 && self.omega > 0.0 && self.kappa > 0.0 && self.q() > 0.0) {
            return None;
        }
        let y3 = self.delta * self.omega / (self.kappa * gain);
        let c = self.r * self.omega / (gain * self.kappa + self.rho * self.omega);
        let excess = |x: f64| x - c * (1.0 - ((x + y3) / self.k).powf(self.eps));
        let (mut lo, mut hi) = (0.0, self.k - y3);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if excess(mid) > 0.0 {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let x3 = 0.5 * (lo + hi);
        Some([y3, x3, gain * x3 / self.omega])
    }

    /// Jacobian `d(dy, dx, dv)/d(y, x, v)` (1/day) at `state = [y, x, v]` (units of 1e6).
    pub fn jacobian(&self, state: [f64; 3]) -> [[f64; 3]; 3] {
        let [y, x, v] = state;
        let u = ((y + x) / self.k).max(0.0);
        let crowd = self.r * y * self.eps * u.max(1e-300).powf(self.eps - 1.0) / self.k;
        [
            [
                self.r * (1.0 - u.powf(self.eps)) - crowd - self.kappa * v - self.rho * x,
                -crowd - self.rho * y,
                -self.kappa * y,
            ],
            [self.kappa * v, -self.delta, self.kappa * y],
            [-self.kappa * v, self.alpha, -self.omega - self.kappa * y],
        ]
    }
}

/// The Bajzer et al. (2008) model as a sub-model with states `uninfected`, `infected`
/// (1e6 cells) and `virus` (1e6 virions), and no signals.
#[derive(Debug, Clone, PartialEq)]
pub struct Bajzer {
    name: String,
    params: BajzerParams,
    initial: [f64; 3],
    states: Vec<Var>,
}

impl Bajzer {
    /// A sub-model called `name` starting from `initial = [y, x, v]` (units of 1e6, each
    /// `>= 0`).
    pub fn new(name: &str, params: BajzerParams, initial: [f64; 3]) -> Result<Self> {
        if let Some(reason) = oncodyn_core::name_problem(name) {
            return Err(Error::InvalidName {
                kind: "sub-model",
                name: name.into(),
                reason,
            });
        }
        params.validate()?;
        let spec = |name, unit| oncodyn_core::ParamSpec {
            name,
            unit,
            range: ParamRange::NON_NEGATIVE,
            description: "initial amount",
        };
        validate_values(
            BajzerParams::MODEL,
            &[
                spec("y0", MEGA_CELLS),
                spec("x0", MEGA_CELLS),
                spec("v0", MEGA_VIRIONS),
            ],
            &initial,
        )?;
        Ok(Self {
            name: name.into(),
            params,
            initial,
            states: vec![
                Var::new("uninfected", MEGA_CELLS),
                Var::new("infected", MEGA_CELLS),
                Var::new("virus", MEGA_VIRIONS),
            ],
        })
    }

    /// Parameters.
    pub fn params(&self) -> &BajzerParams {
        &self.params
    }
}

impl SubModel for Bajzer {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &self.states
    }

    fn init(&self, y: &mut [f64]) {
        y.copy_from_slice(&self.initial);
    }

    fn rhs(&self, _t: f64, state: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let (y, x, v) = (state[0], state[1], state[2]);
        let crowding = ((y + x).max(0.0) / p.k).powf(p.eps);
        let infection = p.kappa * y * v;
        dy[0] = p.r * y * (1.0 - crowding) - infection - p.rho * x * y;
        dy[1] = infection - p.delta * x;
        dy[2] = p.alpha * x - p.omega * v - infection;
        for d in dy.iter_mut() {
            *d = d.clamp(-f64::MAX, f64::MAX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn interior_equilibrium_is_a_zero_of_the_rhs() {
        for set in [BajzerSet::B1, BajzerSet::B2, BajzerSet::D1, BajzerSet::D2] {
            let params = BajzerParams::published(set);
            let state = params.interior_equilibrium().unwrap();
            let model = Bajzer::new("bajzer", params, state).unwrap();
            let mut dy = [f64::NAN; 3];
            model.rhs(0.0, &state, &[], &mut dy);
            assert!(dy.iter().all(|d| d.abs() < 1e-12), "{set:?}: {dy:?}");
            assert!(check_submodel(&model, None).is_empty());
            assert!(check_submodel(&model, Some(&[-1e-9, -1e-9, -1e-9])).is_empty());
        }
        assert!(BajzerParams::published(BajzerSet::A)
            .interior_equilibrium()
            .is_none());
    }
}
