//! Model tables of a scenario file and how each becomes a sub-model.

use super::Overrides;
use crate::build::Context;
use crate::error::Result;
use oncodyn_core::{Parameters, SubModel};
use serde::Deserialize;
use toml::Spanned;

/// `[[tumor_site]]`: one lesion (`oncodyn_tumor::TumorSite`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TumorSiteSpec {
    /// Site name (`primary`, `lung`); its state is `<name>.cells`.
    pub name: Spanned<String>,
    /// Cells at day 0.
    pub initial_cells: f64,
    /// Growth law, e.g. `{ law = "gompertz", r = 0.002, k = 1e13 }`.
    pub growth: GrowthSpec,
    /// Drug effects on the site.
    #[serde(default)]
    pub kill: Vec<KillSpec>,
    /// Linear-quadratic radiosensitivity; without it radiation fractions are ignored.
    #[serde(default)]
    pub radiosensitivity: Option<LqSpec>,
    /// Eradication threshold (cells); none by default (no eradication rule).
    #[serde(default)]
    pub cure_threshold_cells: Option<f64>,
    /// Metastatic seeding of other sites at `m x^alpha` cells/day (Iwata et al. 2000).
    #[serde(default)]
    pub seeds: Vec<SeedSpec>,
}

/// A growth law and its parameters (time in days, sizes in cells).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "law", rename_all = "snake_case", deny_unknown_fields)]
pub enum GrowthSpec {
    /// `V' = a V` (a in 1/day).
    Exponential {
        /// Rate (1/day).
        a: f64,
    },
    /// `V' = a V (1 - V/K)`.
    Logistic {
        /// Rate (1/day).
        a: f64,
        /// Carrying capacity (cells).
        k: f64,
    },
    /// `V' = r V ln(K/V)`.
    Gompertz {
        /// Rate (1/day).
        r: f64,
        /// Plateau (cells).
        k: f64,
    },
    /// `V' = a V^gamma - b V`.
    VonBertalanffy {
        /// Anabolic coefficient (cells^(1-gamma)/day).
        a: f64,
        /// Exponent in [0, 1).
        gamma: f64,
        /// Catabolic rate (1/day).
        b: f64,
    },
    /// `v' = omega B_lambda(v_inf/v) v`.
    GeneralizedBertalanffy {
        /// Plateau (cells).
        v_inf: f64,
        /// Rate (1/day).
        omega: f64,
        /// Shape (0 Gompertz, 1/3 Bertalanffy, -1 logistic).
        lambda: f64,
    },
    /// `V' = a V^gamma`.
    PowerLaw {
        /// Coefficient (cells^(1-gamma)/day).
        a: f64,
        /// Exponent in [0, 1).
        gamma: f64,
    },
}

/// A drug effect on a tumor site, reading `<drug>.concentration` (uM).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum KillSpec {
    /// Hazard `kd C`.
    LogKill {
        /// Drug name (a `[[drug]]`).
        drug: String,
        /// Kill coefficient (1/(uM·day)).
        kd: f64,
    },
    /// Hazard `emax C^h / (ec50^h + C^h)`.
    Emax {
        /// Drug name.
        drug: String,
        /// Maximal hazard (1/day).
        emax: f64,
        /// Half-maximal concentration (uM).
        ec50: f64,
        /// Hill coefficient.
        hill: f64,
    },
    /// Norton–Simon: hazard `k C` times the unperturbed per-capita growth rate.
    NortonSimon {
        /// Drug name.
        drug: String,
        /// Coefficient (1/uM).
        k: f64,
    },
}

/// Linear-quadratic radiosensitivity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LqSpec {
    /// alpha (1/Gy).
    pub alpha: f64,
    /// beta (1/Gy²).
    pub beta: f64,
}

/// Seeding of another site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSpec {
    /// Receiving site.
    pub target: Spanned<String>,
    /// Colonisation coefficient m (cells^(1-alpha)/day).
    pub m: f64,
    /// Fractal exponent alpha (2/3: seeding from the surface).
    pub alpha: f64,
}

/// `[[drug]]`: linear 1–3-compartment PK (`oncodyn_therapy::LinearPk`), amounts in umol.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugSpec {
    /// Drug name; states `<name>.central` …, signal `<name>.concentration` (uM).
    pub name: Spanned<String>,
    /// `"docetaxel_bruno_1996"` or `"docetaxel_onoue_2016"`; without a preset every
    /// parameter (k10, k12, k21, k13, k31 in 1/day, v1 in L) goes in `params`.
    #[serde(default)]
    pub preset: Option<Spanned<String>>,
    /// Parameter values replacing the preset's.
    #[serde(default)]
    pub params: Overrides,
    /// Molar mass (mg/umol) converting mg doses to umol (docetaxel 0.808).
    pub molar_mass_mg_per_umol: f64,
}

/// `[[antibody]]`: one-compartment antibody PK (`oncodyn_therapy::Antibody`), amounts in mg.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntibodySpec {
    /// Antibody name; state `<name>.central`, signal `<name>.amount` (mg).
    pub name: Spanned<String>,
    /// Elimination half-life (days; default 22, assumption for anti-PD-1).
    #[serde(default)]
    pub half_life_days: Option<f64>,
    /// Volume (L; default 6, assumption).
    #[serde(default)]
    pub volume_l: Option<f64>,
}

/// `[[neutrophils]]`: Friberg et al. 2002 chain (`oncodyn_tissue::Friberg`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeutrophilsSpec {
    /// Name; states `<name>.prol` … `<name>.circ` (1e9/L), signal `<name>.circulating`.
    pub name: Spanned<String>,
    /// Published set: `"docetaxel_linear_2002"`, `"docetaxel_emax_2002"`,
    /// `"paclitaxel_leukocytes_2002"`, `"kloft_docetaxel_2006"`.
    pub preset: Spanned<String>,
    /// Drug whose concentration depresses proliferation.
    pub drug: Spanned<String>,
    /// Values replacing the preset's `circ0` (1e9/L), `mtt` (day), `gamma`, and of its
    /// drug effect: `slope` (1/uM) for linear sets, `emax` and `ec50` (uM) for Emax sets.
    #[serde(default)]
    pub params: Overrides,
    /// Regenerative stem-cell support of the feedback.
    #[serde(default)]
    pub regeneration: Option<RegenerationSpec>,
}

/// Stem-cell support of the neutrophil feedback: exponent `gamma (1 + PhiR)`,
/// `PhiR = rho_max R / (R50 + R)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegenerationSpec {
    /// The `[[regenerative_cells]]` whose engrafted cells R drive it.
    pub cells: Spanned<String>,
    /// Maximal strengthening rho_max (default 3, assumption).
    #[serde(default)]
    pub rho_max: Option<f64>,
    /// Half-maximal engrafted cells R50 (cells; default 1e6, assumption).
    #[serde(default)]
    pub r50_cells: Option<f64>,
}

/// `[[regenerative_cells]]`: engrafted marrow stem cells `dR/dt = -kR R`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegenerativeCellsSpec {
    /// Name; state and signal `<name>.engrafted` (cells).
    pub name: Spanned<String>,
    /// Loss rate kR (1/day; default ln 2 / 7, assumption).
    #[serde(default)]
    pub loss_rate_per_day: Option<f64>,
}

/// `[[effectors]]`: cytotoxic effector cells (Kuznetsov et al. 1994, `oncodyn_immune::Effectors`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectorsSpec {
    /// Name; state `<name>.cells`.
    pub name: Spanned<String>,
    /// Tumor sites they serve (burden read, kill hazard published).
    pub sites: Vec<Spanned<String>>,
    /// `"flagship"` (default: Kuznetsov values, theta 0.5, imax 0.9) or `"kuznetsov_1994"`.
    #[serde(default)]
    pub preset: Option<Spanned<String>>,
    /// Values replacing the preset's (s, p, g, mu, d, n, theta, s50_imm, imax, ab50).
    #[serde(default)]
    pub params: Overrides,
}

/// `[[stem_cells]]`: engineered tumor-homing stem cells (`oncodyn_delivery::StemCells`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StemCellsSpec {
    /// Name; states `<name>.blood`, `.lung`, `.organs`, `.at_<site>`.
    pub name: Spanned<String>,
    /// Tumor sites they home to.
    pub sites: Vec<Spanned<String>>,
    /// `"flagship"` (default: flagship trafficking and homing with the secreted payload),
    /// `"mesenchymal"`, `"neural"` or `"hematopoietic"` (no payload).
    #[serde(default)]
    pub preset: Option<Spanned<String>>,
    /// Values replacing the preset's trafficking (`k_trap`, `k_rel`, `k_dg`, `k_org`,
    /// `k_do`, 1/day), homing (`eta_max`, `k_ds`, `k_ps` 1/day; `v50`, `s_cap` cells) and
    /// payload (`kappa_max` 1/day, `s50` cells; flagship preset only) parameters.
    #[serde(default)]
    pub params: Overrides,
}

impl TumorSiteSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_tumor::{
            Exponential, GeneralizedBertalanffy, Gompertz, GrowthLaw, Logistic, MetastaticSeeding,
            PowerLaw, TumorSite, VonBertalanffy,
        };
        let at = |e| ctx.located(&self.name, e);
        let law: GrowthLaw = match self.growth {
            GrowthSpec::Exponential { a } => Exponential::new(a).map_err(at)?.into(),
            GrowthSpec::Logistic { a, k } => Logistic::new(a, k).map_err(at)?.into(),
            GrowthSpec::Gompertz { r, k } => Gompertz::new(r, k).map_err(at)?.into(),
            GrowthSpec::VonBertalanffy { a, gamma, b } => {
                VonBertalanffy::new(a, gamma, b).map_err(at)?.into()
            }
            GrowthSpec::GeneralizedBertalanffy {
                v_inf,
                omega,
                lambda,
            } => GeneralizedBertalanffy::new(v_inf, omega, lambda)
                .map_err(at)?
                .into(),
            GrowthSpec::PowerLaw { a, gamma } => PowerLaw::new(a, gamma).map_err(at)?.into(),
        };
        let mut site = TumorSite::new(self.name.get_ref(), law, self.initial_cells).map_err(at)?;
        for kill in &self.kill {
            site = match kill {
                // Inside tagged tables TOML keeps no positions: errors point at the site.
                KillSpec::LogKill { drug, kd } => {
                    site.with_log_kill(&ctx.concentration(&self.name.clone().map_to(drug))?, *kd)
                }
                KillSpec::Emax {
                    drug,
                    emax,
                    ec50,
                    hill,
                } => site.with_emax_kill(
                    &ctx.concentration(&self.name.clone().map_to(drug))?,
                    *emax,
                    *ec50,
                    *hill,
                ),
                KillSpec::NortonSimon { drug, k } => site.with_norton_simon_kill(
                    &ctx.concentration(&self.name.clone().map_to(drug))?,
                    *k,
                ),
            }
            .map_err(at)?;
        }
        if let Some(lq) = &self.radiosensitivity {
            site = site.with_radiosensitivity(lq.alpha, lq.beta).map_err(at)?;
        }
        if let Some(threshold) = self.cure_threshold_cells {
            site = site.with_cure_threshold(threshold).map_err(at)?;
        }
        for seed in &self.seeds {
            ctx.require_site(&seed.target)?;
            let seeding = MetastaticSeeding::new(seed.m, seed.alpha)
                .map_err(|e| ctx.located(&seed.target, e))?;
            site = site
                .with_seeding(seed.target.get_ref(), seeding)
                .map_err(at)?;
        }
        Ok(Box::new(site))
    }
}

impl DrugSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_therapy::{LinearPk, LinearPkParams};
        let base = match &self.preset {
            Some(preset) => match preset.get_ref().as_str() {
                "docetaxel_bruno_1996" => LinearPkParams::docetaxel_bruno_1996(),
                "docetaxel_onoue_2016" => LinearPkParams::docetaxel_onoue_2016(),
                _ => {
                    return Err(ctx.source.invalid(
                        preset,
                        format!("unknown drug preset `{}`", preset.get_ref()),
                        &["docetaxel_bruno_1996", "docetaxel_onoue_2016"],
                    ))
                }
            },
            None => ctx.all_params::<LinearPkParams>(&self.name, &self.params)?,
        };
        let params = ctx.apply(base, &self.name, &self.params)?;
        if !(self.molar_mass_mg_per_umol.is_finite() && self.molar_mass_mg_per_umol > 0.0) {
            return Err(ctx.source.error_at(
                Some(self.name.span()),
                format!(
                    "molar_mass_mg_per_umol must be positive, got {}",
                    self.molar_mass_mg_per_umol
                ),
                None,
            ));
        }
        Ok(Box::new(
            LinearPk::new(self.name.get_ref(), params).map_err(|e| ctx.located(&self.name, e))?,
        ))
    }
}

impl AntibodySpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_therapy::{Antibody, AntibodyParams};
        let preset = AntibodyParams::anti_pd1();
        let params = AntibodyParams::from_half_life(
            self.half_life_days.unwrap_or(preset.half_life()),
            self.volume_l.unwrap_or(preset.volume),
        );
        Ok(Box::new(
            Antibody::new(self.name.get_ref().as_str(), params)
                .map_err(|e| ctx.located(&self.name, e))?,
        ))
    }
}

impl NeutrophilsSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_tissue::{Friberg, FribergPreset, RegenerationParams};
        let presets = [
            (
                "docetaxel_linear_2002",
                FribergPreset::docetaxel_linear_2002(),
            ),
            ("docetaxel_emax_2002", FribergPreset::docetaxel_emax_2002()),
            (
                "paclitaxel_leukocytes_2002",
                FribergPreset::paclitaxel_leukocytes_2002(),
            ),
            (
                "kloft_docetaxel_2006",
                FribergPreset::kloft_docetaxel_2006(),
            ),
        ];
        let Some((_, preset)) = presets.iter().find(|(key, _)| key == self.preset.get_ref()) else {
            let names: Vec<&str> = presets.iter().map(|(k, _)| *k).collect();
            return Err(ctx.source.invalid(
                &self.preset,
                format!("unknown neutrophil preset `{}`", self.preset.get_ref()),
                &names,
            ));
        };
        use oncodyn_tissue::{DrugEffect, FribergParams};
        let at = |e| ctx.located(&self.name, e);
        let (chain_overrides, effect_overrides) =
            ctx.split_overrides(&self.params, FribergParams::SPEC);
        let params = ctx.apply(preset.params, &self.name, &chain_overrides)?;
        let effect = match preset.effect {
            DrugEffect::Linear(linear) => {
                DrugEffect::Linear(ctx.apply(linear, &self.name, &effect_overrides)?)
            }
            DrugEffect::Emax(emax) => {
                DrugEffect::Emax(ctx.apply(emax, &self.name, &effect_overrides)?)
            }
        };
        let mut chain = Friberg::new(self.name.get_ref(), params)
            .map_err(at)?
            .with_drug(&ctx.concentration(&self.drug)?, effect)
            .map_err(at)?;
        if let Some(support) = &self.regeneration {
            let signal = ctx.engrafted(&support.cells)?;
            let defaults = RegenerationParams::flagship();
            let regeneration = RegenerationParams::new(
                support.rho_max.unwrap_or(defaults.rho_max),
                support.r50_cells.unwrap_or(defaults.r50),
            )
            .map_err(at)?;
            chain = chain.with_regeneration(&signal, regeneration).map_err(at)?;
        }
        Ok(Box::new(chain))
    }
}

impl RegenerativeCellsSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_tissue::{RegenerativeCells, RegenerativeCellsParams};
        let defaults = RegenerativeCellsParams::flagship();
        let params = match self.loss_rate_per_day {
            Some(k) => RegenerativeCellsParams::new(k, defaults.initial_cells),
            None => Ok(defaults),
        }
        .map_err(|e| ctx.located(&self.name, e))?;
        Ok(Box::new(
            RegenerativeCells::new(self.name.get_ref(), params)
                .map_err(|e| ctx.located(&self.name, e))?,
        ))
    }
}

impl EffectorsSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_immune::{Effectors, EffectorsParams};
        let base = match &self.preset {
            None => EffectorsParams::flagship(),
            Some(p) => match p.get_ref().as_str() {
                "flagship" => EffectorsParams::flagship(),
                "kuznetsov_1994" => EffectorsParams::kuznetsov_1994(),
                _ => {
                    return Err(ctx.source.invalid(
                        p,
                        format!("unknown effector preset `{}`", p.get_ref()),
                        &["flagship", "kuznetsov_1994"],
                    ))
                }
            },
        };
        let params = ctx.apply(base, &self.name, &self.params)?;
        let sites = ctx.sites(&self.sites)?;
        Ok(Box::new(
            Effectors::new(self.name.get_ref(), params, &sites)
                .map_err(|e| ctx.located(&self.name, e))?,
        ))
    }
}

impl StemCellsSpec {
    pub(crate) fn build(&self, ctx: &Context<'_>) -> Result<Box<dyn SubModel>> {
        use oncodyn_delivery::{
            CellType, HomingParams, SecretedProtein, StemCells, TraffickingParams,
        };
        let sites = ctx.sites(&self.sites)?;
        let name = self.name.get_ref();
        let preset = self.preset.as_ref().map(|p| p.get_ref().as_str());
        let (trafficking, homing, payload) = match preset {
            None | Some("flagship") => (
                TraffickingParams::flagship(),
                HomingParams::flagship(),
                Some(SecretedProtein::flagship()),
            ),
            Some("mesenchymal") => (
                CellType::Mesenchymal.trafficking(),
                CellType::Mesenchymal.homing(),
                None,
            ),
            Some("neural") => (
                CellType::Neural.trafficking(),
                CellType::Neural.homing(),
                None,
            ),
            Some("hematopoietic") => (
                CellType::Hematopoietic.trafficking(),
                CellType::Hematopoietic.homing(),
                None,
            ),
            Some(other) => {
                let at = self.preset.as_ref().map_or(&self.name, |p| p);
                return Err(ctx.source.invalid(
                    at,
                    format!("unknown stem-cell preset `{other}`"),
                    &["flagship", "mesenchymal", "neural", "hematopoietic"],
                ));
            }
        };
        let (trafficking_overrides, rest) =
            ctx.split_overrides(&self.params, TraffickingParams::SPEC);
        let (homing_overrides, payload_overrides) = ctx.split_overrides(&rest, HomingParams::SPEC);
        let trafficking = ctx.apply(trafficking, &self.name, &trafficking_overrides)?;
        let homing = ctx.apply(homing, &self.name, &homing_overrides)?;
        let at = |e| ctx.located(&self.name, e);
        let mut cells = StemCells::new(name, trafficking, homing, &sites).map_err(at)?;
        match payload {
            Some(payload) => {
                let payload = ctx.apply(payload, &self.name, &payload_overrides)?;
                cells = cells.with_secreted_protein(payload).map_err(at)?;
            }
            None => {
                // Unknown names are reported by applying them to the (absent) payload table.
                ctx.apply(SecretedProtein::flagship(), &self.name, &payload_overrides)?;
            }
        }
        Ok(Box::new(cells))
    }
}

/// A value carrying another value's position in the file.
trait MapTo {
    fn map_to(self, value: &str) -> Spanned<String>;
}

impl MapTo for Spanned<String> {
    fn map_to(self, value: &str) -> Spanned<String> {
        Spanned::new(self.span(), value.to_string())
    }
}
