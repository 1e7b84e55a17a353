//! Parameters of the Friberg et al. (2002) myelosuppression model ([`FribergParams`]), the
//! drug effects on proliferation ([`DrugEffect`]: linear and Emax) and the published
//! parameter sets as named presets ([`FribergPreset`]).

use oncodyn_core::{units, ParamRange, ParamSpec, Parameters, Result};

/// Hours per day: published mean transit times are in hours, oncodyn time is in days.
pub const HOURS_PER_DAY: f64 = 24.0;

/// System parameters of the Friberg et al. (2002) semi-mechanistic myelosuppression model.
///
/// Source: Friberg LE, Henningsson A, Maas H, Nguyen L, Karlsson MO (2002) "Model of
/// chemotherapy-induced myelosuppression with parameter consistency across drugs",
/// *J Clin Oncol* 20(24):4713–4721, Fig. 1 (model structure).
///
/// Ranges: `circ0` in `(0, inf)` 10^9 cells/L, `mtt` in `(0, inf)` day, `gamma` in
/// `[0, inf)` (dimensionless).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FribergParams {
    /// Baseline circulating count `Circ0` (10^9 cells/L).
    pub circ0: f64,
    /// Mean transit time `MTT` through proliferative and transit compartments (day);
    /// `ktr = 4/MTT` (three transit compartments).
    pub mtt: f64,
    /// Feedback exponent `gamma` of `(Circ0/Circ)^gamma` (dimensionless).
    pub gamma: f64,
}

impl Parameters for FribergParams {
    const MODEL: &'static str = "Friberg myelosuppression";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "circ0",
            unit: units::GIGA_PER_LITRE,
            range: ParamRange::POSITIVE,
            description: "baseline circulating cell count",
        },
        ParamSpec {
            name: "mtt",
            unit: "day",
            range: ParamRange::POSITIVE,
            description: "mean transit time through the proliferative and transit compartments",
        },
        ParamSpec {
            name: "gamma",
            unit: units::DIMENSIONLESS,
            range: ParamRange::NON_NEGATIVE,
            description: "exponent of the homeostatic feedback (Circ0/Circ)^gamma",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.circ0, self.mtt, self.gamma]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            circ0: get(0),
            mtt: get(1),
            gamma: get(2),
        }
    }
}

impl FribergParams {
    /// Validated construction: `circ0` (10^9/L), `mtt` (day), `gamma` (1).
    pub fn new(circ0: f64, mtt: f64, gamma: f64) -> Result<Self> {
        Self::from_values(&[circ0, mtt, gamma])
    }

    /// Transit rate constant `ktr = 4/MTT` (1/day) = `kprol` = `kcirc`.
    pub fn ktr(&self) -> f64 {
        4.0 / self.mtt
    }
}

/// Linear drug effect `Edrug = slope C` (dimensionless), `C` in uM.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearEffect {
    /// Slope (1/uM = L/umol), `>= 0`.
    pub slope: f64,
}

impl Parameters for LinearEffect {
    const MODEL: &'static str = "linear myelosuppressive drug effect";
    const SPEC: &'static [ParamSpec] = &[ParamSpec {
        name: "slope",
        unit: "1/uM",
        range: ParamRange::NON_NEGATIVE,
        description: "drug effect per unit concentration, Edrug = slope C",
    }];

    fn values(&self) -> Vec<f64> {
        vec![self.slope]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        Self {
            slope: values.first().copied().unwrap_or(f64::NAN),
        }
    }
}

/// Emax drug effect `Edrug = emax C/(ec50 + C)` (dimensionless), `C` in uM.
///
/// `emax` may exceed 1 (the Friberg 2002 docetaxel estimate is 83.9): `1 - Edrug` then
/// becomes negative and the proliferative pool shrinks faster than by maturation alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmaxEffect {
    /// Maximal effect (dimensionless), `>= 0`.
    pub emax: f64,
    /// Concentration of half-maximal effect (uM), `> 0`.
    pub ec50: f64,
}

impl Parameters for EmaxEffect {
    const MODEL: &'static str = "Emax myelosuppressive drug effect";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "emax",
            unit: units::DIMENSIONLESS,
            range: ParamRange::NON_NEGATIVE,
            description: "maximal drug effect",
        },
        ParamSpec {
            name: "ec50",
            unit: units::UM,
            range: ParamRange::POSITIVE,
            description: "concentration of half-maximal effect",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.emax, self.ec50]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let get = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Self {
            emax: get(0),
            ec50: get(1),
        }
    }
}

/// How a drug concentration (uM) inhibits proliferation: `Edrug(C)` (dimensionless).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DrugEffect {
    /// `Edrug = slope C`.
    Linear(LinearEffect),
    /// `Edrug = emax C/(ec50 + C)`, with `C` clamped at 0 from below.
    Emax(EmaxEffect),
}

impl DrugEffect {
    /// Validated linear effect with `slope` (1/uM).
    pub fn linear(slope: f64) -> Result<Self> {
        Ok(Self::Linear(LinearEffect::from_values(&[slope])?))
    }

    /// Validated Emax effect with `emax` (1) and `ec50` (uM).
    pub fn emax(emax: f64, ec50: f64) -> Result<Self> {
        Ok(Self::Emax(EmaxEffect::from_values(&[emax, ec50])?))
    }

    /// Checks the parameters against their `SPEC` table.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::Linear(p) => p.validate(),
            Self::Emax(p) => p.validate(),
        }
    }

    /// `Edrug` (dimensionless) at concentration `c` (uM).
    #[inline]
    pub fn effect(&self, c: f64) -> f64 {
        match self {
            Self::Linear(p) => p.slope * c,
            Self::Emax(p) => {
                let c = c.max(0.0);
                p.emax * c / (p.ec50 + c)
            }
        }
    }
}

/// A published parameter set: system parameters, drug effect and citation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FribergPreset {
    /// Short identifier, e.g. `docetaxel linear (Friberg 2002)`.
    pub name: &'static str,
    /// System parameters (MTT already converted from hours to days).
    pub params: FribergParams,
    /// Drug effect on proliferation (concentration in uM).
    pub effect: DrugEffect,
    /// Citation, and what the drug concentration must be for the effect to apply.
    pub source: &'static str,
}

impl FribergPreset {
    /// Docetaxel, neutrophils, linear effect: Circ0 = 5.05 x 10^9/L, MTT = 88.7 h,
    /// gamma = 0.161, slope = 8.58 L/umol. Friberg et al. (2002) *J Clin Oncol*
    /// 20:4713–4721 (docetaxel, linear model), as encoded in `radivot/myelo`
    /// (`friberg02.R`); used with the Bruno et al. (1996) *J Pharmacokinet Biopharm*
    /// 24:153–172 three-compartment docetaxel PK.
    pub fn docetaxel_linear_2002() -> Self {
        Self {
            name: "docetaxel linear (Friberg 2002)",
            params: FribergParams {
                circ0: 5.05,
                mtt: 88.7 / HOURS_PER_DAY,
                gamma: 0.161,
            },
            effect: DrugEffect::Linear(LinearEffect { slope: 8.58 }),
            source: "Friberg et al. (2002) J Clin Oncol 20:4713-4721, docetaxel linear model (radivot/myelo friberg02.R); PK Bruno et al. (1996) J Pharmacokinet Biopharm 24:153-172",
        }
    }

    /// Docetaxel, neutrophils, Emax effect ("Table 4, row 1"): Circ0 = 5050 cells/mm^3
    /// (= 5.05 x 10^9/L), MTT = 89.3 h, gamma = 0.163, Emax = 83.9, EC50 = 7.17 uM.
    /// Friberg et al. (2002) *J Clin Oncol* 20:4713–4721, Table 4, as encoded in
    /// `dcnorris/DTAT` (`data/myelo.params.rda`, which codes EC50 in mg/L as 7.17 x 0.808);
    /// used there with the Onoue et al. (2016) two-compartment docetaxel PK.
    pub fn docetaxel_emax_2002() -> Self {
        Self {
            name: "docetaxel Emax (Friberg 2002)",
            params: FribergParams {
                circ0: 5.05,
                mtt: 89.3 / HOURS_PER_DAY,
                gamma: 0.163,
            },
            effect: DrugEffect::Emax(EmaxEffect {
                emax: 83.9,
                ec50: 7.17,
            }),
            source: "Friberg et al. (2002) J Clin Oncol 20:4713-4721, Table 4 docetaxel Emax model (dcnorris/DTAT); PK Onoue et al. (2016)",
        }
    }

    /// Paclitaxel, **leukocytes**, linear effect: Circ0 = 7.21 x 10^9/L, MTT = 124 h,
    /// gamma = 0.239 (one listing shows 0.238), slope = 28.9 L/umol. Friberg et al. (2002)
    /// *J Clin Oncol* 20:4713–4721, paclitaxel model, as encoded in DDMoRe
    /// DDMODEL00000186 (`nlmixr2/nlmixr2lib` `Friberg_2002_paclitaxel.R`). The PK there is
    /// per subject; none is bundled.
    pub fn paclitaxel_leukocytes_2002() -> Self {
        Self {
            name: "paclitaxel leukocytes (Friberg 2002)",
            params: FribergParams {
                circ0: 7.21,
                mtt: 124.0 / HOURS_PER_DAY,
                gamma: 0.239,
            },
            effect: DrugEffect::Linear(LinearEffect { slope: 28.9 }),
            source: "Friberg et al. (2002) J Clin Oncol 20:4713-4721, paclitaxel leukocyte model (DDMoRe DDMODEL00000186, nlmixr2/nlmixr2lib)",
        }
    }

    /// Docetaxel, neutrophils, Kloft et al. (2006): BA = 5.21965 x 10^9/L,
    /// MTT = 84.1791 h, gamma = 0.144543, SL = 15.5711 L/umol (= 19.27 L/mg). Kloft C,
    /// Wallin J, Henningsson A, Chatelut E, Karlsson MO (2006) *Clin Cancer Res*
    /// 12(18):5481–5490, typical values without covariates (female −12.1 %, ECOG ≥ 1
    /// +13.0 %, prior therapy −14.7 % on BA; AAG on the slope), as encoded in DDMoRe
    /// DDMODEL00000224 (`nlmixr2/nlmixr2lib`, reused by Netterberg 2017).
    pub fn kloft_docetaxel_2006() -> Self {
        Self {
            name: "docetaxel (Kloft 2006)",
            params: FribergParams {
                circ0: 5.21965,
                mtt: 84.1791 / HOURS_PER_DAY,
                gamma: 0.144543,
            },
            effect: DrugEffect::Linear(LinearEffect { slope: 15.5711 }),
            source: "Kloft et al. (2006) Clin Cancer Res 12:5481-5490, docetaxel typical values (DDMoRe DDMODEL00000224, nlmixr2/nlmixr2lib)",
        }
    }

    /// Kloft et al. (2006) docetaxel as transcribed in `radivot/myelo` (`kloft06.R`):
    /// Neu0 = 5.3 x 10^9/L, MTT = 83.9 h, gamma = 0.144, slope = 14.5. It differs slightly
    /// from [`FribergPreset::kloft_docetaxel_2006`]; the slope's unit is not stated there
    /// and is taken as 1/uM here (*assumption*).
    pub fn kloft_docetaxel_2006_radivot() -> Self {
        Self {
            name: "docetaxel (Kloft 2006, radivot transcription)",
            params: FribergParams {
                circ0: 5.3,
                mtt: 83.9 / HOURS_PER_DAY,
                gamma: 0.144,
            },
            effect: DrugEffect::Linear(LinearEffect { slope: 14.5 }),
            source: "Kloft et al. (2006) Clin Cancer Res 12:5481-5490 as transcribed in radivot/myelo kloft06.R (slope unit assumed 1/uM)",
        }
    }

    /// Every preset, in the order above.
    pub fn all() -> [Self; 5] {
        [
            Self::docetaxel_linear_2002(),
            Self::docetaxel_emax_2002(),
            Self::paclitaxel_leukocytes_2002(),
            Self::kloft_docetaxel_2006(),
            Self::kloft_docetaxel_2006_radivot(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Error;

    #[test]
    fn presets_are_valid_and_convert_hours() {
        for preset in FribergPreset::all() {
            preset.params.validate().unwrap();
            preset.effect.validate().unwrap();
        }
        let p = FribergPreset::docetaxel_linear_2002().params;
        assert_relative_eq!(p.ktr(), 4.0 * 24.0 / 88.7, max_relative = 1e-15);
    }

    #[test]
    fn effects_evaluate() {
        let linear = DrugEffect::linear(8.58).unwrap();
        assert_relative_eq!(linear.effect(0.5), 4.29, max_relative = 1e-15);
        let emax = DrugEffect::emax(83.9, 7.17).unwrap();
        assert_relative_eq!(emax.effect(7.17), 83.9 / 2.0, max_relative = 1e-15);
        assert_relative_eq!(emax.effect(-1.0), 0.0);
    }

    #[test]
    fn invalid_values_are_rejected() {
        assert!(matches!(
            FribergParams::new(5.0, 0.0, 0.16),
            Err(Error::InvalidParameter { ref name, .. }) if name == "mtt"
        ));
        assert!(matches!(
            FribergParams::new(f64::NAN, 3.0, 0.16),
            Err(Error::InvalidParameter { ref name, .. }) if name == "circ0"
        ));
        assert!(matches!(
            DrugEffect::linear(-1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "slope"
        ));
        assert!(matches!(
            DrugEffect::emax(1.0, 0.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "ec50"
        ));
    }
}
