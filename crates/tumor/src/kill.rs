//! Drug effects on a tumor site: per-capita kill hazards (1/day) computed from a drug
//! concentration (uM), either linear (log-kill) or saturating (Emax/Hill).

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Unit of the log-kill coefficient: hazard per unit concentration.
pub const PER_UM_PER_DAY: &str = "1/(uM*day)";

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
}

impl DrugEffect {
    /// Name of the concentration signal read (uM).
    pub fn signal(&self) -> &str {
        match self {
            Self::LogKill { signal, .. } | Self::Emax { signal, .. } => signal,
        }
    }

    /// Kill hazard (1/day) at concentration `c` (uM); non-negative, 0 for `c <= 0`.
    #[inline]
    pub fn hazard(&self, c: f64) -> f64 {
        match self {
            Self::LogKill { params, .. } => params.hazard(c),
            Self::Emax { params, .. } => params.hazard(c),
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
