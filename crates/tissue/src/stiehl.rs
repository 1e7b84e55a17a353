//! [`Stiehl`]: the Marciniak-Czochra / Stiehl three-compartment hematopoiesis model with
//! feedback on self-renewal, used for engraftment after a graft into an empty marrow.

use crate::check_name;
use oncodyn_core::{Error, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel, Var};

/// Unit of the compartments: cells per kg body weight.
pub const CELLS_PER_KG: &str = "cells/kg";
/// Local state names, in slice order: stem cells `C1`, progenitors `C2`, mature `C3`.
pub const STIEHL_STATES: [&str; 3] = ["stem", "progenitor", "mature"];
/// Suffix of the published mature count: `<name>.mature` (cells/kg).
pub const MATURE_SUFFIX: &str = "mature";

/// Parameters of the three-compartment self-renewal model (days, cells/kg).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StiehlParams {
    /// Maximal self-renewal fraction of stem cells `a1` (1), in `[0, 1]`.
    pub a1: f64,
    /// Proliferation rate of stem cells `p1` (1/day), `> 0`.
    pub p1: f64,
    /// Maximal self-renewal fraction of progenitors `a2` (1), in `[0, 1]`.
    pub a2: f64,
    /// Proliferation rate of progenitors `p2` (1/day), `> 0`.
    pub p2: f64,
    /// Death (clearance) rate of mature cells `d3` (1/day), `> 0`.
    pub d3: f64,
    /// Feedback strength `kc` in `s = 1/(1 + kc C3)` (kg/cell), `> 0`.
    pub kc: f64,
}

impl Parameters for StiehlParams {
    const MODEL: &'static str = "Stiehl hematopoiesis";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a1",
            unit: "1",
            range: ParamRange::FRACTION,
            description: "maximal self-renewal fraction of stem cells",
        },
        ParamSpec {
            name: "p1",
            unit: "1/day",
            range: ParamRange::POSITIVE,
            description: "proliferation rate of stem cells",
        },
        ParamSpec {
            name: "a2",
            unit: "1",
            range: ParamRange::FRACTION,
            description: "maximal self-renewal fraction of progenitors",
        },
        ParamSpec {
            name: "p2",
            unit: "1/day",
            range: ParamRange::POSITIVE,
            description: "proliferation rate of progenitors",
        },
        ParamSpec {
            name: "d3",
            unit: "1/day",
            range: ParamRange::POSITIVE,
            description: "death rate of mature cells",
        },
        ParamSpec {
            name: "kc",
            unit: "kg/cell",
            range: ParamRange::POSITIVE,
            description: "feedback strength of mature cells on self-renewal",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a1, self.p1, self.a2, self.p2, self.d3, self.kc]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a1: get(0),
            p1: get(1),
            a2: get(2),
            p2: get(3),
            d3: get(4),
            kc: get(5),
        }
    }
}

impl StiehlParams {
    /// Derives `kc`, `a2` and `p2` so that `(c1, c2, c3)` (cells/kg) is a steady state
    /// for given `a1` (1), `p1` and `d3` (1/day):
    ///
    /// ```text
    /// s* = 1/(2 a1),  kc = (2 a1 - 1)/c3,  x = d3 c3/(c1 p1),
    /// a2 = a1 (x - 2)/(x - 1),  p2 = p1 (c1/c2)/(1 - a2/a1)
    /// ```
    ///
    /// Fails with [`Error::InconsistentParameters`] unless `a1 > 1/2` and `x > 2` (a
    /// positive steady state needs both), or with [`Error::InvalidParameter`].
    pub fn from_steady_state(c: [f64; 3], a1: f64, p1: f64, d3: f64) -> Result<Self> {
        let inconsistent = |reason: String| Error::InconsistentParameters {
            model: Self::MODEL.into(),
            reason,
        };
        if !c.iter().all(|v| v.is_finite() && *v > 0.0) {
            return Err(inconsistent(format!(
                "steady-state counts {c:?} cells/kg must be finite and positive"
            )));
        }
        let x = d3 * c[2] / (c[0] * p1);
        if !(a1 > 0.5 && x > 2.0) {
            return Err(inconsistent(format!(
                "a positive steady state needs a1 > 1/2 (a1 = {a1}) and d3 c3/(c1 p1) > 2 (it is {x})"
            )));
        }
        let a2 = a1 * (x - 2.0) / (x - 1.0);
        let params = Self {
            a1,
            p1,
            a2,
            p2: p1 * (c[0] / c[1]) / (1.0 - a2 / a1),
            d3,
            kc: (2.0 * a1 - 1.0) / c[2],
        };
        params.validate()?;
        Ok(params)
    }

    /// Healthy neutrophil lineage after Stiehl T, Baran N, Ho AD, Marciniak-Czochra A (2015)
    /// *Cancer Res* 75(6):940–949 and Marciniak-Czochra A et al. (2009) *Stem Cells Dev*
    /// 18(3):377–385, as reconstructed in `radivot/myelo` (`stiehl15.R`): steady state
    /// C1 = 10^7, C2 = 2 x 10^9, C3 = 4 x 10^8 cells/kg, a1 = 0.85, p1 = 0.1/day,
    /// d3 = 2.3/day (neutrophil half-life 7 h); `kc`, `a2`, `p2` derived as in
    /// [`StiehlParams::from_steady_state`] (a2 = 0.8490751, p2 = 0.4595/day).
    pub fn healthy_2015() -> Self {
        let (c1, c2, c3, a1, p1, d3) = (1e7, 2e9, 4e8, 0.85, 0.1, 2.3);
        let x = d3 * c3 / (c1 * p1);
        let a2 = a1 * (x - 2.0) / (x - 1.0);
        Self {
            a1,
            p1,
            a2,
            p2: p1 * (c1 / c2) / (1.0 - a2 / a1),
            d3,
            kc: (2.0 * a1 - 1.0) / c3,
        }
    }

    /// The positive steady state `[C1, C2, C3]` (cells/kg), or `None` if there is none
    /// (needs `a1 > 1/2` and `a2 < a1` with `2 - a2/a1 > 0`).
    pub fn steady_state(&self) -> Option<[f64; 3]> {
        let ratio = self.a2 / self.a1;
        if !(self.a1 > 0.5 && ratio < 1.0) {
            return None;
        }
        let c3 = (2.0 * self.a1 - 1.0) / self.kc;
        let c2 = self.d3 * c3 / ((2.0 - ratio) * self.p2);
        let c1 = (1.0 - ratio) * self.p2 * c2 / self.p1;
        Some([c1, c2, c3])
    }
}

/// Three-compartment hematopoiesis with feedback of mature cells on self-renewal
/// (Marciniak-Czochra et al. 2009, *Stem Cells Dev* 18:377–385; Stiehl et al. 2015,
/// *Cancer Res* 75:940–949), cells/kg and days:
///
/// ```text
/// s      = 1/(1 + kc C3)
/// dC1/dt = (2 a1 s - 1) p1 C1
/// dC2/dt = 2 (1 - a1 s) p1 C1 + (2 a2 s - 1) p2 C2
/// dC3/dt = 2 (1 - a2 s) p2 C2 - d3 C3
/// ```
///
/// States `<name>.stem`, `.progenitor`, `.mature` ([`STIEHL_STATES`]); publishes
/// `<name>.mature` (cells/kg, clamped at 0). A graft is a dose event into a compartment
/// (e.g. `Event::dose(0.0, "marrow.progenitor", 5e6)`); an ablated marrow is the initial
/// state `[0, 0, 0]` ([`Stiehl::with_initial`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Stiehl {
    name: String,
    params: StiehlParams,
    initial: [f64; 3],
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl Stiehl {
    /// A marrow called `name` starting at the steady state of `params`; fails with
    /// [`Error::InconsistentParameters`] if there is none.
    pub fn new(name: &str, params: StiehlParams) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        let initial = params
            .steady_state()
            .ok_or_else(|| Error::InconsistentParameters {
                model: StiehlParams::MODEL.into(),
                reason: format!(
                    "no positive steady state (a1 = {}, a2 = {}); start from explicit counts with `with_initial`",
                    params.a1, params.a2
                ),
            })?;
        Ok(Self::build(name, params, initial))
    }

    /// A marrow called `name` starting at `initial` = `[C1, C2, C3]` (cells/kg, finite,
    /// `>= 0`; `[0, 0, 0]` for an ablated marrow).
    pub fn with_initial(name: &str, params: StiehlParams, initial: [f64; 3]) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        if !initial.iter().all(|v| v.is_finite() && *v >= 0.0) {
            return Err(Error::InconsistentParameters {
                model: StiehlParams::MODEL.into(),
                reason: format!(
                    "initial counts {initial:?} cells/kg must be finite and non-negative"
                ),
            });
        }
        Ok(Self::build(name, params, initial))
    }

    fn build(name: &str, params: StiehlParams, initial: [f64; 3]) -> Self {
        Self {
            name: name.to_string(),
            params,
            initial,
            states: STIEHL_STATES
                .iter()
                .map(|s| Var::new(*s, CELLS_PER_KG))
                .collect(),
            outputs: vec![Signal::single(
                format!("{name}.{MATURE_SUFFIX}"),
                CELLS_PER_KG,
            )],
        }
    }

    /// The parameters.
    pub fn params(&self) -> &StiehlParams {
        &self.params
    }

    /// Full name of a local state (`stem`, `progenitor`, `mature`): `<name>.<state>`.
    pub fn state(&self, local: &str) -> String {
        format!("{}.{local}", self.name)
    }
}

impl SubModel for Stiehl {
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
        y[..3].copy_from_slice(&self.initial);
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[2].max(0.0);
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let s = 1.0 / (1.0 + p.kc * y[2].max(0.0));
        let renew1 = p.p1 * y[0];
        let renew2 = p.p2 * y[1];
        dy[0] = (2.0 * p.a1 * s - 1.0) * renew1;
        dy[1] = 2.0 * (1.0 - p.a1 * s) * renew1 + (2.0 * p.a2 * s - 1.0) * renew2;
        dy[2] = 2.0 * (1.0 - p.a2 * s) * renew2 - p.d3 * y[2];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn derived_values_match_the_reconstruction() {
        let p = StiehlParams::healthy_2015();
        assert_relative_eq!(p.kc, 1.75e-9, max_relative = 1e-12);
        assert_relative_eq!(p.a2, 0.8490751, max_relative = 1e-7);
        assert_relative_eq!(p.p2, 0.45950, max_relative = 1e-5);
        let derived = StiehlParams::from_steady_state([1e7, 2e9, 4e8], 0.85, 0.1, 2.3).unwrap();
        assert_relative_eq!(derived.p2, p.p2, max_relative = 1e-15);
        let ss = p.steady_state().unwrap();
        for (got, want) in ss.iter().zip([1e7, 2e9, 4e8]) {
            assert_relative_eq!(*got, want, max_relative = 1e-12);
        }
        let marrow = Stiehl::new("marrow", p).unwrap();
        assert!(check_submodel(&marrow, None).is_empty());
        assert_eq!(marrow.state("progenitor"), "marrow.progenitor");
    }

    #[test]
    fn inconsistent_inputs_are_errors() {
        assert!(matches!(
            StiehlParams::from_steady_state([1e7, 2e9, 4e8], 0.4, 0.1, 2.3),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            StiehlParams::from_steady_state([1e7, 0.0, 4e8], 0.85, 0.1, 2.3),
            Err(Error::InconsistentParameters { .. })
        ));
        let p = StiehlParams::healthy_2015();
        assert!(matches!(
            Stiehl::with_initial("m", p, [0.0, -1.0, 0.0]),
            Err(Error::InconsistentParameters { .. })
        ));
        let no_ss = StiehlParams { a1: 0.4, ..p };
        assert!(matches!(
            Stiehl::new("m", no_ss),
            Err(Error::InconsistentParameters { .. })
        ));
        assert!(matches!(
            Stiehl::new("m", StiehlParams { a1: 1.5, ..p }),
            Err(Error::InvalidParameter { ref name, .. }) if name == "a1"
        ));
    }
}
