//! [`NormalTissue`]: normal-tissue radiation damage (linear-quadratic cell kill per
//! fraction) with repopulation (logistic or homeostatic regrowth), for any tissue.

use crate::check_name;
use oncodyn_core::radiobiology::LinearQuadratic;
use oncodyn_core::{
    units, Broadcast, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel, Var,
};

/// Local name of the cell state: `<name>.cells` (cells).
pub const TISSUE_CELLS_STATE: &str = "cells";
/// Suffix of the published surviving fraction `N/K`: `<name>.surviving_fraction` (1).
pub const SURVIVING_FRACTION_SUFFIX: &str = "surviving_fraction";

/// How the tissue repopulates towards its capacity `K` (cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regrowth {
    /// `dN/dt = r N (1 - N/K)`: regrowth driven by surviving cells (clonogen repopulation).
    Logistic,
    /// `dN/dt = r (K - N)`: homeostatic replacement from an unirradiated reservoir.
    Homeostatic,
}

/// Parameters of [`NormalTissue`]. No published per-tissue set is bundled: the
/// repopulation constants (Tk, Tpot) of normal tissues were looked for and not found, and
/// alpha, beta are tissue-specific (alpha/beta about 10 Gy for early-responding, about
/// 3 Gy for late-responding tissues; Thames et al. 1990 *Radiother Oncol* 19:219–235).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalTissueParams {
    /// Linear radiosensitivity `alpha` (1/Gy), `>= 0`.
    pub alpha: f64,
    /// Quadratic radiosensitivity `beta` (1/Gy^2), `>= 0`.
    pub beta: f64,
    /// Repopulation rate `r` (1/day), `>= 0` (0: no repopulation).
    pub rate: f64,
    /// Capacity (healthy cell count) `K` (cells), `> 0`; the initial state.
    pub capacity: f64,
}

impl Parameters for NormalTissueParams {
    const MODEL: &'static str = "normal-tissue radiation damage";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "alpha",
            unit: "1/Gy",
            range: ParamRange::NON_NEGATIVE,
            description: "linear radiosensitivity of the linear-quadratic model",
        },
        ParamSpec {
            name: "beta",
            unit: "1/Gy^2",
            range: ParamRange::NON_NEGATIVE,
            description: "quadratic radiosensitivity of the linear-quadratic model",
        },
        ParamSpec {
            name: "rate",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "repopulation rate",
        },
        ParamSpec {
            name: "capacity",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "healthy cell count (capacity), also the initial state",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.alpha, self.beta, self.rate, self.capacity]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            alpha: get(0),
            beta: get(1),
            rate: get(2),
            capacity: get(3),
        }
    }
}

impl NormalTissueParams {
    /// Validated construction: `alpha` (1/Gy), `beta` (1/Gy^2), `rate` (1/day),
    /// `capacity` (cells).
    pub fn new(alpha: f64, beta: f64, rate: f64, capacity: f64) -> Result<Self> {
        Self::from_values(&[alpha, beta, rate, capacity])
    }

    /// The linear-quadratic radiosensitivity `(alpha, beta)` of the tissue.
    pub fn lq(&self) -> LinearQuadratic {
        LinearQuadratic {
            alpha: self.alpha,
            beta: self.beta,
        }
    }

    /// Survival `exp(-alpha d - beta d^2)` of one fraction of `dose_gy` Gy (Fowler 1989,
    /// *Br J Radiol* 62:679–694), through [`oncodyn_core::radiobiology`]; fails with
    /// [`oncodyn_core::Error::InvalidParameter`] for a negative or non-finite dose.
    pub fn survival(&self, dose_gy: f64) -> Result<f64> {
        self.lq().survival_fraction(dose_gy)
    }
}

/// A normal tissue as one cell population `N` (cells):
///
/// ```text
/// between fractions:  dN/dt = r N (1 - N/K)        (Regrowth::Logistic)
///                  or dN/dt = r (K - N)            (Regrowth::Homeostatic)
/// at a fraction of d Gy (Broadcast::RadiationFraction):  N -> N exp(-alpha d - beta d^2)
/// ```
///
/// Starts at `N = K`. States `<name>.cells`; publishes `<name>.surviving_fraction`
/// (`N/K`, clamped at 0). Radiation events reach it when broadcast to all sub-models or
/// targeted at `<name>`; a fraction with a non-finite or negative dose is ignored (the
/// core rejects such events before they reach a sub-model). Doses per fraction of 1–6 Gy
/// are the usual range of the LQ model (reasonable to about 10–18 Gy, Brenner 2008
/// *Semin Radiat Oncol* 18:234–239).
#[derive(Debug, Clone, PartialEq)]
pub struct NormalTissue {
    name: String,
    params: NormalTissueParams,
    regrowth: Regrowth,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl NormalTissue {
    /// A tissue called `name` with validated `params`, repopulating by `regrowth`.
    pub fn new(name: &str, params: NormalTissueParams, regrowth: Regrowth) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        Ok(Self {
            name: name.to_string(),
            params,
            regrowth,
            states: vec![Var::new(TISSUE_CELLS_STATE, units::CELLS)],
            outputs: vec![Signal::single(
                format!("{name}.{SURVIVING_FRACTION_SUFFIX}"),
                units::DIMENSIONLESS,
            )],
        })
    }

    /// The parameters.
    pub fn params(&self) -> &NormalTissueParams {
        &self.params
    }

    /// The regrowth law.
    pub fn regrowth(&self) -> Regrowth {
        self.regrowth
    }

    /// Full name of the cell state: `<name>.cells` (cells).
    pub fn cells_state(&self) -> String {
        format!("{}.{TISSUE_CELLS_STATE}", self.name)
    }

    /// Name of the published surviving fraction: `<name>.surviving_fraction` (1).
    pub fn surviving_fraction_signal(&self) -> String {
        format!("{}.{SURVIVING_FRACTION_SUFFIX}", self.name)
    }
}

impl SubModel for NormalTissue {
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
        y[0] = self.params.capacity;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0].max(0.0) / self.params.capacity;
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        dy[0] = match self.regrowth {
            Regrowth::Logistic => p.rate * y[0] * (1.0 - y[0] / p.capacity),
            Regrowth::Homeostatic => p.rate * (p.capacity - y[0]),
        };
    }

    fn on_event(&self, event: &Broadcast, y: &mut [f64]) {
        if let Broadcast::RadiationFraction { dose_gy } = event {
            if let Ok(survival) = self.params.survival(*dose_gy) {
                y[0] *= survival;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;
    use oncodyn_core::Error;

    #[test]
    fn fraction_applies_lq_survival() {
        let params = NormalTissueParams::new(0.1, 0.01, 0.05, 1e9).unwrap();
        let tissue = NormalTissue::new("mucosa", params, Regrowth::Logistic).unwrap();
        assert!(check_submodel(&tissue, None).is_empty());
        let mut y = [1e9];
        tissue.on_event(&Broadcast::RadiationFraction { dose_gy: 2.0 }, &mut y);
        assert_relative_eq!(y[0], 1e9 * (-0.24f64).exp(), max_relative = 1e-15);
        tissue.on_event(&Broadcast::RadiationFraction { dose_gy: -1.0 }, &mut y);
        assert_relative_eq!(y[0], 1e9 * (-0.24f64).exp(), max_relative = 1e-15);
        let mut dy = [f64::NAN];
        tissue.rhs(0.0, &[5e8], &[], &mut dy);
        assert_relative_eq!(dy[0], 0.05 * 5e8 * 0.5, max_relative = 1e-15);
        let homeostatic = NormalTissue::new("m", params, Regrowth::Homeostatic).unwrap();
        homeostatic.rhs(0.0, &[5e8], &[], &mut dy);
        assert_relative_eq!(dy[0], 0.05 * 5e8, max_relative = 1e-15);
        assert_eq!(
            tissue.surviving_fraction_signal(),
            "mucosa.surviving_fraction"
        );
        assert_eq!(tissue.cells_state(), "mucosa.cells");
    }

    #[test]
    fn bad_parameters_are_errors() {
        assert!(matches!(
            NormalTissueParams::new(-0.1, 0.01, 0.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "alpha"
        ));
        assert!(matches!(
            NormalTissueParams::new(0.1, 0.01, 0.0, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "capacity"
        ));
    }
}
