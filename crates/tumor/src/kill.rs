//! Drug effects on a tumor site: per-capita kill hazards (1/day) computed from a drug
//! concentration (uM), either linear (log-kill), saturating (Emax/Hill) or proportional to
//! the unperturbed per-capita growth rate (Norton–Simon).

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Unit of the log-kill coefficient: hazard per unit concentration.
pub const PER_UM_PER_DAY: &str = "1/(uM*day)";
/// Unit of the Norton–Simon coefficient: fraction of the growth rate per unit concentration.
pub const PER_UM: &str = "1/uM";

/// Log-kill (linear) drug effect: hazard `kd C` (1/day) at concentration `C` (uM).
///
/// A constant concentration then kills the same fraction of cells per unit time whatever
/// the tumor size, the log-kill hypothesis of Skipper HE, Schabel FM, Wilcox WS (1964)
/// "Experimental evaluation of potential anticancer agents. XIII. On the criteria and
/// kinetics associated with curability of experimental leukemia", *Cancer Chemother Rep*
/// 35:1–111.
///
/// Range: `kd` in `[0, inf)` 1/(uM·day).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LogKill {
    /// Kill coefficient `kd` (1/(uM·day)), `>= 0`.
    pub kd: f64,
}

impl Parameters for LogKill {
    const MODEL: &'static str = "log-kill drug effect";
    const SPEC: &'static [ParamSpec] = &[ParamSpec {
        name: "kd",
        unit: PER_UM_PER_DAY,
        range: ParamRange::NON_NEGATIVE,
        description: "kill hazard per unit drug concentration",
    }];

    fn values(&self) -> Vec<f64> {
        vec![self.kd]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        Self {
            kd: values.first().copied().unwrap_or(f64::NAN),
        }
    }
}

impl LogKill {
    /// Validated construction from `kd` (1/(uM·day)).
    pub fn new(kd: f64) -> Result<Self> {
        Self::from_values(&[kd])
    }

    /// Hazard `kd max(C, 0)` (1/day) at concentration `c` (uM).
    #[inline]
    pub fn hazard(&self, c: f64) -> f64 {
        self.kd * c.max(0.0)
    }
}

/// Saturating (Emax, Hill) drug effect: hazard `emax C^h / (ec50^h + C^h)` (1/day) at
/// concentration `C` (uM).
///
/// Sources: Hill AV (1910) "The possible effects of the aggregation of the molecules of
/// haemoglobin on its dissociation curves", *J Physiol* 40:iv–vii; Holford NHG, Sheiner LB
/// (1981) "Understanding the dose-effect relationship", *Clin Pharmacokinet* 6:429–453
/// (sigmoid Emax model).
///
/// Ranges: `emax` in `[0, inf)` 1/day, `ec50` in `(0, inf)` uM, `hill` in `(0, inf)`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EmaxKill {
    /// Maximal kill hazard `emax` (1/day), `>= 0`.
    pub emax: f64,
    /// Concentration of half-maximal effect `ec50` (uM), `> 0`.
    pub ec50: f64,
    /// Hill coefficient `h` (dimensionless), `> 0`.
    pub hill: f64,
}

impl Parameters for EmaxKill {
    const MODEL: &'static str = "Emax drug effect";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "emax",
            unit: units::PER_DAY,
            range: ParamRange::NON_NEGATIVE,
            description: "maximal kill hazard",
        },
        ParamSpec {
            name: "ec50",
            unit: units::UM,
            range: ParamRange::POSITIVE,
            description: "concentration of half-maximal kill",
        },
        ParamSpec {
            name: "hill",
            unit: units::DIMENSIONLESS,
            range: ParamRange::POSITIVE,
            description: "Hill coefficient (steepness)",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.emax, self.ec50, self.hill]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            emax: get(0),
            ec50: get(1),
            hill: get(2),
        }
    }
}

impl EmaxKill {
    /// Validated construction from `emax` (1/day), `ec50` (uM) and `hill`.
    pub fn new(emax: f64, ec50: f64, hill: f64) -> Result<Self> {
        Self::from_values(&[emax, ec50, hill])
    }

    /// Hazard `emax / (1 + (ec50/C)^h)` (1/day) at concentration `c` (uM); 0 for `c <= 0`.
    #[inline]
    pub fn hazard(&self, c: f64) -> f64 {
        if c.is_nan() || c <= 0.0 {
            return 0.0;
        }
        self.emax / (1.0 + (self.ec50 / c).powf(self.hill))
    }
}

/// Norton–Simon drug effect: the regression rate is proportional to the growth rate of an
/// unperturbed tumor of the same size, so the per-capita hazard at size `V` (cells) and
/// concentration `C` (uM) is `h = k C max(g(V)/V, 0)` (1/day), `g` the site's growth law:
///
/// `dV/dt = g(V) - k C g(V) = g(V) (1 - k C)`   (while `g(V) >= 0`).
///
/// Source: Norton L, Simon R (1977) "Tumor size, sensitivity to therapy, and design of
/// treatment schedules", *Cancer Treat Rep* 61:1307–1317; Norton L, Simon R (1986) "The
/// Norton–Simon hypothesis revisited", *Cancer Treat Rep* 70:163–169; Norton L (1988)
/// "A Gompertzian model of human breast cancer growth", *Cancer Res* 48:7067–7071. The
/// papers state the hypothesis verbally; the ODE above is the usual translation, not a
/// printed formula. Above a plateau (`g(V) < 0`) the hazard is taken as 0 (assumption), so
/// that a drug never slows the shrinkage of an oversized tumor. For exponential growth
/// (`g(V)/V = a`) it is log-kill with `kd = k a`.
///
/// Range: `k` in `[0, inf)` 1/uM; `k C > 1` turns growth into regression.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NortonSimonKill {
    /// Kill coefficient `k` (1/uM): fraction of the unperturbed growth rate removed per uM.
    pub k: f64,
}

impl Parameters for NortonSimonKill {
    const MODEL: &'static str = "Norton-Simon drug effect";
    const SPEC: &'static [ParamSpec] = &[ParamSpec {
        name: "k",
        unit: PER_UM,
        range: ParamRange::NON_NEGATIVE,
        description: "kill per unit concentration, relative to the unperturbed growth rate",
    }];

    fn values(&self) -> Vec<f64> {
        vec![self.k]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        Self {
            k: values.first().copied().unwrap_or(f64::NAN),
        }
    }
}

impl NortonSimonKill {
    /// Validated construction from `k` (1/uM).
    pub fn new(k: f64) -> Result<Self> {
        Self::from_values(&[k])
    }

    /// Hazard `k max(C, 0) max(per_capita_growth, 0)` (1/day) at concentration `c` (uM)
    /// and unperturbed per-capita growth rate `per_capita_growth = g(V)/V` (1/day).
    #[inline]
    pub fn hazard(&self, c: f64, per_capita_growth: f64) -> f64 {
        if c.is_nan() || per_capita_growth.is_nan() {
            return 0.0;
        }
        self.k * c.max(0.0) * per_capita_growth.max(0.0)
    }

    /// Kill flux `k max(C, 0) max(g, 0)` (cells/day) at concentration `c` (uM) and
    /// unperturbed growth rate `growth = g(V)` (cells/day): the hazard times `V`, computed
    /// without dividing by `V` (finite as `V -> 0`).
    #[inline]
    pub fn flux(&self, c: f64, growth: f64) -> f64 {
        self.hazard(c, growth)
    }
}

/// A drug effect of a [`TumorSite`](crate::TumorSite), reading the concentration signal
/// named `signal` (uM).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum DrugEffect {
    /// Linear kill, see [`LogKill`].
    LogKill {
        /// Concentration signal read (unit uM), e.g. `docetaxel.concentration`.
        signal: String,
        /// Parameters.
        params: LogKill,
    },
    /// Saturating kill, see [`EmaxKill`].
    Emax {
        /// Concentration signal read (unit uM).
        signal: String,
        /// Parameters.
        params: EmaxKill,
    },
    /// Kill proportional to the unperturbed growth rate, see [`NortonSimonKill`].
    NortonSimon {
        /// Concentration signal read (unit uM).
        signal: String,
        /// Parameters.
        params: NortonSimonKill,
    },
}

impl DrugEffect {
    /// Name of the concentration signal read (uM).
    pub fn signal(&self) -> &str {
        match self {
            Self::LogKill { signal, .. }
            | Self::Emax { signal, .. }
            | Self::NortonSimon { signal, .. } => signal,
        }
    }

    /// Size-independent kill hazard (1/day) at concentration `c` (uM); non-negative, 0 for
    /// `c <= 0`. A Norton–Simon hazard depends on the size through the growth rate: here it
    /// is the hazard at a per-capita growth rate of 1/day (`k C`); use
    /// [`DrugEffect::hazard_at`] for the actual hazard.
    #[inline]
    pub fn hazard(&self, c: f64) -> f64 {
        self.hazard_at(c, 1.0)
    }

    /// Kill hazard (1/day) at concentration `c` (uM) for a tumor whose unperturbed
    /// per-capita growth rate is `per_capita_growth` (1/day; used by Norton–Simon effects
    /// only); non-negative, 0 for `c <= 0`.
    #[inline]
    pub fn hazard_at(&self, c: f64, per_capita_growth: f64) -> f64 {
        match self {
            Self::LogKill { params, .. } => params.hazard(c),
            Self::Emax { params, .. } => params.hazard(c),
            Self::NortonSimon { params, .. } => params.hazard(c, per_capita_growth),
        }
    }

    /// Validates the effect's parameters against their `SPEC` table.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::LogKill { params, .. } => params.validate(),
            Self::Emax { params, .. } => params.validate(),
            Self::NortonSimon { params, .. } => params.validate(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn emax_is_half_maximal_at_ec50_and_zero_below_zero() {
        let emax = EmaxKill::new(2.0, 0.5, 3.0).unwrap();
        assert_relative_eq!(emax.hazard(0.5), 1.0, max_relative = 1e-15);
        assert_relative_eq!(emax.hazard(-1.0), 0.0);
        assert_relative_eq!(emax.hazard(1e300), 2.0, max_relative = 1e-15);
        assert_relative_eq!(emax.hazard(1e-300), 0.0);
        let log_kill = LogKill::new(0.3).unwrap();
        assert_relative_eq!(log_kill.hazard(2.0), 0.6, max_relative = 1e-15);
        assert_relative_eq!(log_kill.hazard(-2.0), 0.0);
    }

    #[test]
    fn norton_simon_scales_with_the_growth_rate() {
        let ns = NortonSimonKill::new(0.4).unwrap();
        assert_relative_eq!(ns.hazard(2.0, 0.5), 0.4, max_relative = 1e-15);
        assert_relative_eq!(ns.hazard(2.0, -0.5), 0.0);
        assert_relative_eq!(ns.hazard(-2.0, 0.5), 0.0);
        assert_relative_eq!(ns.hazard(f64::NAN, 0.5), 0.0);
        assert_relative_eq!(ns.flux(2.0, 10.0), 8.0, max_relative = 1e-15);
        let effect = DrugEffect::NortonSimon {
            signal: "drug.concentration".into(),
            params: ns,
        };
        assert_relative_eq!(effect.hazard_at(2.0, 0.5), 0.4, max_relative = 1e-15);
        assert_relative_eq!(effect.hazard(2.0), 0.8, max_relative = 1e-15);
        assert!(effect.validate().is_ok());
        assert!(matches!(
            NortonSimonKill::new(-0.1),
            Err(Error::InvalidParameter { ref name, ref unit, .. }) if name == "k" && unit == PER_UM
        ));
    }

    #[test]
    fn rejects_bad_kill_parameters() {
        assert!(matches!(
            LogKill::new(-1.0),
            Err(Error::InvalidParameter { ref name, ref unit, .. }) if name == "kd" && unit == PER_UM_PER_DAY
        ));
        assert!(matches!(
            EmaxKill::new(1.0, 0.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "ec50"
        ));
        assert!(matches!(
            EmaxKill::new(1.0, 1.0, f64::NAN),
            Err(Error::InvalidParameter { ref name, .. }) if name == "hill"
        ));
    }
}
