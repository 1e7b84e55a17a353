//! Parameters of the HSC transplant model: long-term HSC dynamics ([`LtParams`]) and
//! amplifying progenitor stages ([`StageParams`]).

use oncodyn_core::{units, Error, ParamRange, ParamSpec, Parameters, Result};

/// Long-term HSC (LT-HSC) dynamics shared by the endogenous (0) and transplanted (1)
/// branches (neutral competition for one niche capacity):
///
/// ```text
/// dLT_i/dt = rLT LT_i - deltaLT LT_i (LT0 + LT1) - kLT2ST LT_i
/// kLT2ST = 1/tauLT,  deltaLT = (rLT - kLT2ST)/ssLT
/// ```
///
/// Consistency: `rLT > 1/tauLT` (otherwise the niche empties).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LtParams {
    /// Mean residence time before differentiation to ST-HSC `tauLT` (day), `> 0`.
    pub tau_lt: f64,
    /// Total LT-HSC capacity `ssLT` (cells), `> 0`.
    pub ss_lt: f64,
    /// LT-HSC self-renewal rate `rLT` (1/day), `> 0`.
    pub r_lt: f64,
}

impl Parameters for LtParams {
    const MODEL: &'static str = "LT-HSC niche";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "tau_lt",
            unit: "day",
            range: ParamRange::POSITIVE,
            description: "mean LT-HSC residence time before differentiation",
        },
        ParamSpec {
            name: "ss_lt",
            unit: units::CELLS,
            range: ParamRange::POSITIVE,
            description: "total LT-HSC capacity",
        },
        ParamSpec {
            name: "r_lt",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "LT-HSC self-renewal rate",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.tau_lt, self.ss_lt, self.r_lt]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            tau_lt: get(0),
            ss_lt: get(1),
            r_lt: get(2),
        }
    }

    fn check_consistency(&self) -> Result<()> {
        if self.r_lt * self.tau_lt > 1.0 {
            Ok(())
        } else {
            Err(Error::InconsistentParameters {
                model: Self::MODEL.into(),
                reason: format!(
                    "self-renewal rate r_lt = {} /day must exceed the differentiation rate 1/tau_lt = {} /day",
                    self.r_lt,
                    1.0 / self.tau_lt
                ),
            })
        }
    }
}

impl LtParams {
    /// Validated construction: `tau_lt` (day), `ss_lt` (cells), `r_lt` (1/day).
    pub fn new(tau_lt: f64, ss_lt: f64, r_lt: f64) -> Result<Self> {
        Self::from_values(&[tau_lt, ss_lt, r_lt])
    }

    /// Human values of the Zheng et al. (2021) *CPT Pharmacometrics Syst Pharmacol*
    /// (doi:10.1002/psp4.12638) structure as implemented in
    /// `metrumresearchgroup/2023-ACoP-14-gene-therapy`: tauLT = 100 day, ssLT = 1275 cells,
    /// rLT = 1/17.5 per day (one division per 2.5 weeks, from Catlin et al. 2011 *Blood*
    /// 117:4460–4466, not from Zheng 2021).
    pub fn zheng_2021_human() -> Self {
        Self {
            tau_lt: 100.0,
            ss_lt: 1275.0,
            r_lt: 1.0 / 17.5,
        }
    }

    /// Differentiation rate `kLT2ST = 1/tauLT` (1/day).
    pub fn k_lt2st(&self) -> f64 {
        1.0 / self.tau_lt
    }

    /// Net growth rate of the total LT pool when small, `rLT - kLT2ST` (1/day).
    pub fn net_rate(&self) -> f64 {
        self.r_lt - self.k_lt2st()
    }

    /// Competition coefficient `deltaLT = (rLT - kLT2ST)/ssLT` (1/(cell day)).
    pub fn delta_lt(&self) -> f64 {
        self.net_rate() / self.ss_lt
    }
}

/// One amplifying progenitor stage with amplification `a` and mean residence time `tau`,
/// split into two sub-compartments:
///
/// ```text
/// tau1 = (log2(a) - 1)/log2(a) tau,  tau2 = tau - tau1
/// krep1 = (a/2 - 1)/tau1,  k12 = a/(2 tau1),  krep2 = 1/tau2,  kout = 2/tau2
/// dX1/dt = influx + (krep1 - k12) X1 = influx - X1/tau1
/// dX2/dt = k12 X1 + (krep2 - kout) X2 = k12 X1 - X2/tau2
/// outflux = kout X2;  a fraction `exit_fraction` of it leaves the chain (side lineage)
/// ```
///
/// At steady state with constant influx `F`: `X1 = F tau1`, `X2 = (a/2) F tau2`,
/// `outflux = a F`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageParams {
    /// Amplification `a` (1), `> 2` (so that `tau1 > 0`).
    pub a: f64,
    /// Mean residence time `tau` (day), `> 0`.
    pub tau: f64,
    /// Fraction of the outflux leaving to a side lineage not modelled (1), in `[0, 1)`.
    pub exit_fraction: f64,
}

impl Parameters for StageParams {
    const MODEL: &'static str = "amplifying progenitor stage";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "a",
            unit: units::DIMENSIONLESS,
            range: ParamRange::open(2.0, f64::INFINITY),
            description: "amplification (cells out per cell in)",
        },
        ParamSpec {
            name: "tau",
            unit: "day",
            range: ParamRange::POSITIVE,
            description: "mean residence time in the stage",
        },
        ParamSpec {
            name: "exit_fraction",
            unit: units::DIMENSIONLESS,
            range: ParamRange::left_closed(0.0, 1.0),
            description: "fraction of the outflux leaving to a side lineage",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.a, self.tau, self.exit_fraction]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            a: get(0),
            tau: get(1),
            exit_fraction: get(2),
        }
    }
}

impl StageParams {
    /// Validated construction: `a` (1), `tau` (day), `exit_fraction` (1).
    pub fn new(a: f64, tau: f64, exit_fraction: f64) -> Result<Self> {
        Self::from_values(&[a, tau, exit_fraction])
    }

    /// Residence time of the first sub-compartment `tau1` (day).
    pub fn tau1(&self) -> f64 {
        let l = self.a.log2();
        (l - 1.0) / l * self.tau
    }

    /// Residence time of the second sub-compartment `tau2 = tau - tau1` (day).
    pub fn tau2(&self) -> f64 {
        self.tau / self.a.log2()
    }

    /// Transfer rate `k12 = a/(2 tau1)` (1/day).
    pub fn k12(&self) -> f64 {
        self.a / (2.0 * self.tau1())
    }

    /// Output rate `kout = 2/tau2` (1/day).
    pub fn kout(&self) -> f64 {
        2.0 / self.tau2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn stage_split_matches_closed_form() {
        let st = StageParams::new(1000.0, 20.0, 0.0).unwrap();
        assert_relative_eq!(st.tau1() + st.tau2(), 20.0, max_relative = 1e-15);
        assert_relative_eq!(st.tau1(), 17.99313, max_relative = 1e-6);
        assert_relative_eq!(st.tau2(), 2.006867, max_relative = 1e-6);
        let lt = LtParams::zheng_2021_human();
        assert_relative_eq!(lt.net_rate(), 0.0471429, max_relative = 1e-6);
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(matches!(
            StageParams::new(2.0, 1.0, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "a"
        ));
        assert!(matches!(
            StageParams::new(10.0, 1.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "exit_fraction"
        ));
        assert!(matches!(
            LtParams::new(10.0, 1000.0, 0.05),
            Err(Error::InconsistentParameters { .. })
        ));
    }
}
