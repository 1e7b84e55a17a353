//! The oncolytic-virus model of Wodarz (2001): uninfected and infected tumor cells and
//! virus-specific cytotoxic T cells ([`WodarzParams`], sub-model [`Wodarz`]), with its
//! equilibria, the virus invasion threshold and the Jacobian.

use oncodyn_core::analysis::{eigenvalues, Eigenvalue, Jacobian};
use oncodyn_core::parameter_table;
use oncodyn_core::{units, validate_values, Error, ParamRange, Parameters, Result, SubModel, Var};

/// Arbitrary population units of the Wodarz model.
pub const AU: &str = "au";
/// Unit of the mass-action rate constants of the Wodarz model.
pub const PER_AU_DAY: &str = "1/(au*day)";

parameter_table! {
    /// Wodarz D (2001) "Viruses as antitumor weapons: defining conditions for tumor
    /// remission", *Cancer Res* 61(8):3501–3507 (BioModels BIOMD0000001043):
    ///
    /// ```text
    /// dx/dt = r x (1 - (x + y)/k) - d x - beta x y            uninfected tumor cells
    /// dy/dt = s y (1 - (x + y)/k) + beta x y - a y - p y z    infected tumor cells
    /// dz/dt = c y z - b z                                     virus-specific CTL
    /// ```
    ///
    /// Populations in arbitrary units (`au`), time in days. Every value `>= 0`; `k > 0`.
    pub struct WodarzParams : "Wodarz 2001 oncolytic virus" {
        /// Growth rate of uninfected cells `r` (1/day).
        r: units::PER_DAY, ParamRange::NON_NEGATIVE, "growth rate of uninfected tumor cells";
        /// Carrying capacity `k` (au).
        k: AU, ParamRange::POSITIVE, "carrying capacity";
        /// Death rate of uninfected cells `d` (1/day).
        d: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of uninfected cells";
        /// Infection rate constant `beta` (1/(au·day)).
        beta: PER_AU_DAY, ParamRange::NON_NEGATIVE, "infection rate constant";
        /// Growth rate of infected cells `s` (1/day).
        s: units::PER_DAY, ParamRange::NON_NEGATIVE, "growth rate of infected cells";
        /// Death rate of infected cells `a` (1/day).
        a: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of infected cells (virus lysis)";
        /// CTL killing rate constant `p` (1/(au·day)).
        p: PER_AU_DAY, ParamRange::NON_NEGATIVE, "killing of infected cells by CTL";
        /// CTL expansion rate constant `c` (1/(au·day)).
        c: PER_AU_DAY, ParamRange::NON_NEGATIVE, "CTL expansion on infected cells";
        /// CTL death rate `b` (1/day).
        b: units::PER_DAY, ParamRange::NON_NEGATIVE, "CTL death rate";
    }
}

impl WodarzParams {
    /// The curated BioModels BIOMD0000001043 values: `r = 0.5, k = 17, d = 0.1, beta = 0.5,
    /// s = 0, a = 0.1, p = 0, c = 0, b = 0`.
    pub fn biomodels_1043() -> Self {
        Self {
            r: 0.5,
            k: 17.0,
            d: 0.1,
            beta: 0.5,
            s: 0.0,
            a: 0.1,
            p: 0.0,
            c: 0.0,
            b: 0.0,
        }
    }

    /// Virus-free tumor equilibrium `x = k (1 - d/r)` (au), 0 when `r <= d`.
    pub fn virus_free_equilibrium(&self) -> f64 {
        if self.r > self.d {
            self.k * (1.0 - self.d / self.r)
        } else {
            0.0
        }
    }

    /// Per-capita growth rate (1/day) of a few infected cells at the virus-free
    /// equilibrium `x0`: `s (1 - x0/k) + beta x0 - a`. The virus invades (threshold
    /// condition) iff it is positive.
    pub fn invasion_rate(&self) -> f64 {
        let x0 = self.virus_free_equilibrium();
        self.s * (1.0 - x0 / self.k) + self.beta * x0 - self.a
    }

    /// Interior equilibrium without CTL (`z = 0`), `(x*, y*)` (au), from the linear system
    /// `r (1 - (x+y)/k) - d - beta y = 0`, `s (1 - (x+y)/k) + beta x - a = 0`; for `s = 0`
    /// it is `x* = a/beta`, `y* = (r - d - r x*/k)/(beta + r/k)`. `None` when the system is
    /// singular or a component is negative.
    pub fn interior_equilibrium(&self) -> Option<(f64, f64)> {
        let (rk, sk) = (self.r / self.k, self.s / self.k);
        // [[-rk, -(rk + beta)], [beta - sk, -sk]] (x, y) = (d - r, a - s)
        let (m11, m12, m21, m22) = (-rk, -(rk + self.beta), self.beta - sk, -sk);
        let det = m11 * m22 - m12 * m21;
        if det == 0.0 {
            return None;
        }
        let (r1, r2) = (self.d - self.r, self.a - self.s);
        let x = (r1 * m22 - m12 * r2) / det;
        let y = (m11 * r2 - r1 * m21) / det;
        (x >= 0.0 && y >= 0.0).then_some((x, y))
    }

    /// Interior equilibrium with CTL (`z > 0`): `y = b/c`,
    /// `x = k (1 - (d + beta y)/r) - y`, `z = (s (1 - (x+y)/k) + beta x - a)/p`. `None`
    /// unless `c, p, r > 0` and every component is positive.
    pub fn ctl_equilibrium(&self) -> Option<[f64; 3]> {
        if self.c <= 0.0 || self.p <= 0.0 || self.r <= 0.0 {
            return None;
        }
        let y = self.b / self.c;
        let x = self.k * (1.0 - (self.d + self.beta * y) / self.r) - y;
        let z = (self.s * (1.0 - (x + y) / self.k) + self.beta * x - self.a) / self.p;
        (x > 0.0 && y > 0.0 && z > 0.0).then_some([x, y, z])
    }

    /// Jacobian `d(dx, dy, dz)/d(x, y, z)` (1/day) at `state = [x, y, z]`.
    pub fn jacobian(&self, state: [f64; 3]) -> [[f64; 3]; 3] {
        let [x, y, z] = state;
        let crowd = 1.0 - (x + y) / self.k;
        [
            [
                self.r * crowd - self.r * x / self.k - self.d - self.beta * y,
                -self.r * x / self.k - self.beta * x,
                0.0,
            ],
            [
                -self.s * y / self.k + self.beta * y,
                self.s * crowd - self.s * y / self.k + self.beta * x - self.a - self.p * z,
                -self.p * y,
            ],
            [0.0, self.c * z, self.c * y - self.b],
        ]
    }

    /// Eigenvalues of the `(x, y)` block of the Jacobian at the interior equilibrium
    /// without CTL (at `z = 0` the third eigenvalue is `c y* - b`). Their imaginary part
    /// sets the period `2 pi / im` of the damped oscillations. Sorted as
    /// [`eigenvalues`]: larger real part first, then positive imaginary part first.
    ///
    /// `Ok(None)` when there is no interior equilibrium; errors from
    /// [`eigenvalues`] (a non-finite Jacobian entry, no convergence).
    pub fn interior_eigenvalues(&self) -> Result<Option<[Eigenvalue; 2]>> {
        let Some((x, y)) = self.interior_equilibrium() else {
            return Ok(None);
        };
        let j = self.jacobian([x, y, 0.0]);
        let block = Jacobian::from_row_major(2, vec![j[0][0], j[0][1], j[1][0], j[1][1]])?;
        match eigenvalues(&block)?.as_slice() {
            &[first, second] => Ok(Some([first, second])),
            other => Err(Error::InvalidAnalysis {
                analysis: "eigenvalues",
                reason: format!("{} eigenvalues of a 2 x 2 block", other.len()),
            }),
        }
    }
}

/// The Wodarz (2001) model as a sub-model with states `uninfected`, `infected`, `ctl`
/// (au) and no signals. Its trajectories span more than ten decades (the uninfected
/// population falls to about 1e-10 around day 50 from the curated initial state): solve
/// with a tight absolute tolerance (e.g. Dop853, `rtol = 1e-12`, `atol = 1e-20`).
#[derive(Debug, Clone, PartialEq)]
pub struct Wodarz {
    name: String,
    params: WodarzParams,
    initial: [f64; 3],
    states: Vec<Var>,
}

impl Wodarz {
    /// Curated BioModels initial state `x = 0.01, y = 1e-4, z = 0` (au).
    pub const BIOMODELS_INITIAL: [f64; 3] = [0.01, 1e-4, 0.0];

    /// A sub-model called `name` starting from `initial = [x, y, z]` (au, each `>= 0`).
    pub fn new(name: &str, params: WodarzParams, initial: [f64; 3]) -> Result<Self> {
        if let Some(reason) = oncodyn_core::name_problem(name) {
            return Err(Error::InvalidName {
                kind: "sub-model",
                name: name.into(),
                reason,
            });
        }
        params.validate()?;
        let spec = |name| oncodyn_core::ParamSpec {
            name,
            unit: AU,
            range: ParamRange::NON_NEGATIVE,
            description: "initial population",
        };
        validate_values(
            WodarzParams::MODEL,
            &[spec("x0"), spec("y0"), spec("z0")],
            &initial,
        )?;
        Ok(Self {
            name: name.into(),
            params,
            initial,
            states: ["uninfected", "infected", "ctl"]
                .iter()
                .map(|s| Var::new(*s, AU))
                .collect(),
        })
    }

    /// Parameters.
    pub fn params(&self) -> &WodarzParams {
        &self.params
    }
}

impl SubModel for Wodarz {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &self.states
    }

    fn init(&self, y: &mut [f64]) {
        y.copy_from_slice(&self.initial);
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let (x, i, z) = (y[0], y[1], y[2]);
        let crowd = 1.0 - (x + i) / p.k;
        dy[0] = p.r * x * crowd - p.d * x - p.beta * x * i;
        dy[1] = p.s * i * crowd + p.beta * x * i - p.a * i - p.p * i * z;
        dy[2] = p.c * i * z - p.b * z;
        for d in dy.iter_mut() {
            *d = d.clamp(-f64::MAX, f64::MAX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn equilibria_are_zeros_of_the_rhs() {
        let mut params = WodarzParams::biomodels_1043();
        params.s = 0.05;
        let (x, y) = params.interior_equilibrium().unwrap();
        let model = Wodarz::new("wodarz", params, [x, y, 0.0]).unwrap();
        let mut dy = [f64::NAN; 3];
        model.rhs(0.0, &[x, y, 0.0], &[], &mut dy);
        assert!(dy.iter().all(|d| d.abs() < 1e-14), "{dy:?}");
        params.p = 1.0;
        params.c = 2.0;
        params.b = 0.1;
        let state = params.ctl_equilibrium().unwrap();
        let model = Wodarz::new("wodarz", params, state).unwrap();
        model.rhs(0.0, &state, &[], &mut dy);
        assert!(dy.iter().all(|d| d.abs() < 1e-13), "{dy:?}");
        assert!(check_submodel(&model, None).is_empty());
    }

    #[test]
    fn invalid_input_is_rejected() {
        let mut params = WodarzParams::biomodels_1043();
        params.k = 0.0;
        assert!(matches!(
            Wodarz::new("w", params, Wodarz::BIOMODELS_INITIAL),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k"
        ));
        assert!(matches!(
            Wodarz::new("w", WodarzParams::biomodels_1043(), [-1.0, 0.0, 0.0]),
            Err(Error::InvalidParameter { ref name, .. }) if name == "x0"
        ));
        assert_relative_eq!(
            WodarzParams::biomodels_1043().invasion_rate(),
            0.5 * 13.6 - 0.1,
            max_relative = 1e-14
        );
    }
}
