//! Stem-cell-supported marrow regeneration: regenerative stem cells engrafted in the marrow
//! ([`RegenerativeCells`], `dR/dt = -kR R`, doses add cells) and the strengthening of the
//! homeostatic feedback they cause ([`RegenerationParams`], `PhiR = rho_max R/(R50 + R)`).

use crate::check_name;
use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel, Var};

/// Local name of the engrafted-cell state: `<name>.engrafted` (cells).
pub const ENGRAFTED_STATE: &str = "engrafted";
/// Suffix of the published engrafted-cell signal: `<name>.engrafted` (cells).
pub const ENGRAFTED_SUFFIX: &str = "engrafted";

/// Strength of the feedback support by engrafted regenerative stem cells `R` (cells):
///
/// ```text
/// PhiR = rho_max R/(R50 + R)                                   (dimensionless, saturating)
/// feedback = (Circ0/Circ)^(gamma (1 + PhiR))                   (baseline Circ = Circ0 unchanged)
/// ```
///
/// Both values of [`RegenerationParams::flagship`] are *assumptions* (illustrative, not
/// published estimates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegenerationParams {
    /// Maximal relative increase of the feedback exponent (dimensionless), `>= 0`.
    pub rho_max: f64,
    /// Engrafted cells giving half the maximal support (cells), `> 0`.
    pub r50: f64,
}

impl Parameters for RegenerationParams {
    const MODEL: &'static str = "stem-cell-supported regeneration";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "rho_max",
            unit: units::DIMENSIONLESS,
            range: ParamRange::NON_NEGATIVE,
            description: "maximal relative increase of the feedback exponent",
        },
        ParamSpec {
            name: "r50",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "engrafted regenerative cells giving half-maximal support",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.rho_max, self.r50]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            rho_max: get(0),
            r50: get(1),
        }
    }
}

impl RegenerationParams {
    /// Validated construction: `rho_max` (1), `r50` (cells).
    pub fn new(rho_max: f64, r50: f64) -> Result<Self> {
        Self::from_values(&[rho_max, r50])
    }

    /// The reference-scenario values rho_max = 3.0, R50 = 10^6 cells (*assumption*).
    pub fn flagship() -> Self {
        Self {
            rho_max: 3.0,
            r50: 1e6,
        }
    }

    /// `PhiR = rho_max R/(R50 + R)` (dimensionless) for `r` engrafted cells (clamped at 0).
    #[inline]
    pub fn support(&self, r: f64) -> f64 {
        let r = r.max(0.0);
        self.rho_max * r / (self.r50 + r)
    }
}

/// Parameters of [`RegenerativeCells`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegenerativeCellsParams {
    /// Loss rate `kR` of engrafted cells (1/day), `>= 0`.
    pub k_r: f64,
    /// Engrafted cells at the start of the simulation (cells), `>= 0`.
    pub initial_cells: f64,
}

impl Parameters for RegenerativeCellsParams {
    const MODEL: &'static str = "regenerative stem cells";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "k_r",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "first-order loss rate of engrafted regenerative cells",
        },
        ParamSpec {
            name: "initial_cells",
            unit: units::CELLS,
            range: ParamRange::NON_NEGATIVE,
            description: "engrafted cells at the start of the simulation",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.k_r, self.initial_cells]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            k_r: get(0),
            initial_cells: get(1),
        }
    }
}

impl RegenerativeCellsParams {
    /// Validated construction: `k_r` (1/day), `initial_cells` (cells).
    pub fn new(k_r: f64, initial_cells: f64) -> Result<Self> {
        Self::from_values(&[k_r, initial_cells])
    }

    /// The reference-scenario value kR = ln 2/7 per day (half-life one week, *assumption*),
    /// starting from no engrafted cells.
    pub fn flagship() -> Self {
        Self {
            k_r: std::f64::consts::LN_2 / 7.0,
            initial_cells: 0.0,
        }
    }
}

/// Regenerative stem cells engrafted in the marrow: one state `R` (cells),
/// `dR/dt = -kR R`. A dose event into `<name>.engrafted` adds engrafted cells (for the
/// reference scenario: the marrow fraction f_marrow = 0.02 of each infused 10^8 cells).
///
/// Publishes `<name>.engrafted` (cells, single publisher), `R` clamped at 0, which a
/// [`Friberg`](crate::Friberg) chain reads through
/// [`with_regeneration`](crate::Friberg::with_regeneration).
#[derive(Debug, Clone, PartialEq)]
pub struct RegenerativeCells {
    name: String,
    params: RegenerativeCellsParams,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl RegenerativeCells {
    /// A pool called `name` with validated `params`.
    pub fn new(name: &str, params: RegenerativeCellsParams) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        Ok(Self {
            name: name.to_string(),
            params,
            states: vec![Var::new(ENGRAFTED_STATE, units::CELLS)],
            outputs: vec![Signal::single(
                format!("{name}.{ENGRAFTED_SUFFIX}"),
                units::CELLS,
            )],
        })
    }

    /// The parameters.
    pub fn params(&self) -> &RegenerativeCellsParams {
        &self.params
    }

    /// Full name of the state doses go into: `<name>.engrafted` (cells).
    pub fn engrafted_state(&self) -> String {
        format!("{}.{ENGRAFTED_STATE}", self.name)
    }

    /// Name of the published signal: `<name>.engrafted` (cells).
    pub fn engrafted_signal(&self) -> String {
        format!("{}.{ENGRAFTED_SUFFIX}", self.name)
    }
}

impl SubModel for RegenerativeCells {
    fn name(&self) -> &str {
        &self.name
    }

    fn states(&self) -> &[Var] {
        &self.states
    }

    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }

    fn init(&self, y: &mut [f64]) {
        y[0] = self.params.initial_cells;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0].max(0.0);
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -self.params.k_r * y[0];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;
    use oncodyn_core::Error;

    #[test]
    fn support_saturates() {
        let p = RegenerationParams::flagship();
        assert_relative_eq!(p.support(0.0), 0.0);
        assert_relative_eq!(p.support(1e6), 1.5, max_relative = 1e-15);
        assert_relative_eq!(p.support(-5.0), 0.0);
        assert!(p.support(1e15) < 3.0);
    }

    #[test]
    fn pool_decays_and_checks_contract() {
        let pool = RegenerativeCells::new("regen", RegenerativeCellsParams::flagship()).unwrap();
        assert!(check_submodel(&pool, Some(&[2e6])).is_empty());
        let mut dy = [f64::NAN];
        pool.rhs(0.0, &[7.0], &[], &mut dy);
        assert_relative_eq!(dy[0], -std::f64::consts::LN_2, max_relative = 1e-15);
        assert_eq!(pool.engrafted_state(), "regen.engrafted");
        assert_eq!(pool.engrafted_signal(), "regen.engrafted");
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(matches!(
            RegenerationParams::new(3.0, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "r50"
        ));
        assert!(matches!(
            RegenerativeCellsParams::new(-0.1, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k_r"
        ));
        assert!(matches!(
            RegenerativeCells::new("re gen", RegenerativeCellsParams::flagship()),
            Err(Error::InvalidName { .. })
        ));
    }
}
