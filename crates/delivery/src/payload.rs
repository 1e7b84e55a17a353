//! Payloads of engineered stem cells at a tumor site: a secreted anti-tumor protein
//! ([`SecretedProtein`]), a prodrug-converting enzyme ([`ProdrugEnzyme`]: cytosine
//! deaminase turning 5-fluorocytosine into 5-fluorouracil, with the prodrug from
//! [`ProdrugSource`]) and an oncolytic virus ([`VirusPayload`]).
//!
//! No ODE model with fitted parameters was found for stem-cell-delivered TRAIL or
//! interferon-beta, for cytosine deaminase/5-FC kinetics or for stem cells carrying an
//! oncolytic virus: every preset value here is an *assumption*, chosen to respect the
//! published magnitudes quoted on each item.

use oncodyn_core::parameter_table;
use oncodyn_core::{units, ParamRange, Parameters, Result};

/// Unit of a local production rate of a concentration.
pub const UM_PER_DAY: &str = "uM/day";
/// Unit of virus amounts.
pub const VIRIONS: &str = "virions";
/// Unit of a per-cell virus production rate.
pub const VIRIONS_PER_CELL_DAY: &str = "virions/(cell*day)";
/// Unit of an infection rate constant.
pub const PER_VIRION_DAY: &str = "1/(virion*day)";
/// Unit of a fusion (syncytium formation) rate constant.
pub const PER_CELL_DAY: &str = "1/(cell*day)";
/// Molar mass of 5-fluorocytosine (flucytosine, C4H4FN3O): 129.09 g/mol = 0.12909 mg/umol
/// (PubChem CID 3366).
pub const FLUCYTOSINE_MG_PER_UMOL: f64 = 0.12909;
/// Molar mass of 5-fluorouracil (C4H3FN2O2): 130.08 g/mol = 0.13008 mg/umol (PubChem CID 3385).
pub const FLUOROURACIL_MG_PER_UMOL: f64 = 0.13008;

parameter_table! {
    /// A secreted anti-tumor protein (e.g. TRAIL, interferon-beta) adding the per-capita
    /// kill hazard `kpay_i = kappa_max S_i / (S50 + S_i)` (1/day) to tumor site `i` holding
    /// `S_i` engineered cells. Ranges: `kappa_max` in `[0, inf)` 1/day, `s50` in `(0, inf)`
    /// cells.
    pub struct SecretedProtein : "secreted payload" {
        /// Maximal kill hazard `kappa_max` (1/day).
        kappa_max: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal payload kill hazard";
        /// Engineered cells at the site for half-maximal kill `S50_pay` (cells).
        s50: units::CELLS, ParamRange::POSITIVE, "engineered cells for half-maximal kill";
    }
}

impl SecretedProtein {
    /// Validated construction from `kappa_max` (1/day) and `s50` (cells).
    pub fn new(kappa_max: f64, s50: f64) -> Result<Self> {
        Self::from_values(&[kappa_max, s50])
    }

    /// Reference-scenario values, *assumptions*: `kappa_max = 0.05` 1/day, `S50 = 1e6` cells.
    pub fn flagship() -> Self {
        Self {
            kappa_max: 0.05,
            s50: 1e6,
        }
    }

    /// Kill hazard (1/day) with `cells` engineered cells at the site (clamped at 0).
    #[inline]
    pub fn hazard(&self, cells: f64) -> f64 {
        let s = cells.max(0.0);
        self.kappa_max * (s / (self.s50 + s))
    }
}

parameter_table! {
    /// Cytosine deaminase expressed by the engineered cells converts 5-fluorocytosine
    /// (5-FC, concentration `C` in uM) into 5-fluorouracil (5-FU) in the tumor
    /// interstitium. The site-averaged local 5-FU concentration `F_i` (uM) obeys
    ///
    /// ```text
    /// dF_i/dt = vmax S_i/(s50 + S_i) C/(km + C) - k_fu F_i
    /// hazard_i = bystander emax F_i/(ec50 + F_i)          (1/day, on the site's tumor cells)
    /// ```
    ///
    /// 5-FU diffuses from the producing cells to neighbouring tumor cells that do not carry
    /// the enzyme (the bystander effect): `bystander` is the fraction of the site's tumor
    /// cells within reach of that diffusion. Published magnitudes used as targets (no
    /// fitted model exists): 5-FC is tolerated at 25–100 ug/mL, conversion of 1–3 % of it
    /// suffices, 5-FU radiosensitises at 0.6–0.9 ug/mL. Every preset value is an
    /// *assumption* ([`ProdrugEnzyme::cd_5fc`]).
    pub struct ProdrugEnzyme : "prodrug-converting enzyme payload" {
        /// Maximal local 5-FU production rate `vmax` (uM/day), `>= 0`.
        vmax: UM_PER_DAY, ParamRange::NON_NEGATIVE, "maximal local 5-FU production rate";
        /// Engineered cells for half-maximal production `s50` (cells), `> 0`.
        s50: units::CELLS, ParamRange::POSITIVE, "engineered cells for half-maximal 5-FU production";
        /// Michaelis constant of the enzyme for 5-FC `km` (uM), `> 0`.
        km: units::UM, ParamRange::POSITIVE, "Michaelis constant of cytosine deaminase for 5-FC";
        /// Local elimination rate of 5-FU `k_fu` (1/day), `> 0`.
        k_fu: units::PER_DAY, ParamRange::POSITIVE, "local elimination rate of 5-FU";
        /// Maximal 5-FU kill hazard `emax` (1/day), `>= 0`.
        emax: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal 5-FU kill hazard";
        /// 5-FU concentration of half-maximal kill `ec50` (uM), `> 0`.
        ec50: units::UM, ParamRange::POSITIVE, "5-FU concentration of half-maximal kill";
        /// Fraction of the site's tumor cells reached by the 5-FU (bystander effect), `[0, 1]`.
        bystander: units::DIMENSIONLESS, ParamRange::FRACTION, "fraction of tumor cells reached by 5-FU";
    }
}

impl ProdrugEnzyme {
    /// Illustrative cytosine-deaminase/5-FC values, all *assumptions*: `vmax = 570` uM/day,
    /// `s50 = 1e6` cells, `km = 800` uM, `k_fu = 24` 1/day (local 5-FU half-life about
    /// 40 min), `emax = 0.5` 1/day, `ec50 = 5` uM (0.65 ug/mL, inside the published
    /// radiosensitising band 0.6–0.9 ug/mL), `bystander = 0.5`. With 50 ug/mL of 5-FC
    /// (387 uM) and a site saturated with engineered cells, 2 % of the local 5-FC
    /// concentration is present as 5-FU at steady state (published: 1–3 % suffices).
    pub fn cd_5fc() -> Self {
        Self {
            vmax: 570.0,
            s50: 1e6,
            km: 800.0,
            k_fu: 24.0,
            emax: 0.5,
            ec50: 5.0,
            bystander: 0.5,
        }
    }

    /// Local 5-FU production rate (uM/day) with `cells` engineered cells at the site and a
    /// 5-FC concentration `prodrug` (uM); both clamped at 0.
    #[inline]
    pub fn production(&self, cells: f64, prodrug: f64) -> f64 {
        let s = cells.max(0.0);
        let c = prodrug.max(0.0);
        self.vmax * (s / (self.s50 + s)) * (c / (self.km + c))
    }

    /// Steady-state local 5-FU (uM) for constant `cells` and `prodrug` (uM).
    pub fn steady_state(&self, cells: f64, prodrug: f64) -> f64 {
        self.production(cells, prodrug) / self.k_fu
    }

    /// Kill hazard (1/day) on the site's tumor cells at local 5-FU `fu` (uM, clamped at 0).
    #[inline]
    pub fn hazard(&self, fu: f64) -> f64 {
        let f = fu.max(0.0);
        self.bystander * self.emax * (f / (self.ec50 + f))
    }
}

parameter_table! {
    /// One-compartment pharmacokinetics of the prodrug 5-FC when the stem-cell sub-model
    /// owns it: amount `A` (umol), `dA/dt = -k_el A`, concentration `C = A / volume` (uM).
    pub struct FlucytosinePk : "5-FC pharmacokinetics" {
        /// Volume of distribution (L), `> 0`.
        volume: units::LITRE, ParamRange::POSITIVE, "volume of distribution of 5-FC";
        /// Elimination rate constant (1/day), `> 0`.
        k_el: units::PER_DAY, ParamRange::POSITIVE, "elimination rate constant of 5-FC";
    }
}

impl FlucytosinePk {
    /// Typical adult values, *assumptions* of the order reported for flucytosine with
    /// normal renal function (Vermes A, Guchelaar HJ, Dankert J (2000) *J Antimicrob
    /// Chemother* 46:171–179): volume 0.6 L/kg × 70 kg = 42 L, half-life 4 h
    /// (`k_el = 24 ln 2 / 4` 1/day).
    pub fn typical_adult() -> Self {
        Self {
            volume: 42.0,
            k_el: 24.0 * std::f64::consts::LN_2 / 4.0,
        }
    }
}

/// Where the prodrug concentration (uM) comes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ProdrugSource {
    /// The stem-cell sub-model owns a state `prodrug` (umol) with these kinetics; the
    /// prodrug is given by dose events into it.
    Compartment(FlucytosinePk),
    /// A concentration signal (uM, required) published by another sub-model, e.g. a PK
    /// model of 5-FC (`flucytosine.concentration`).
    Signal(String),
}

parameter_table! {
    /// An oncolytic virus carried by the engineered cells and released at the tumor site,
    /// with the infection dynamics of Bajzer, Carr, Josic, Russell & Dingli (2008) *J Theor
    /// Biol* 252:109–122 per site `i` (tumor burden `y_i` read from the site, infected cells
    /// `x_i`, free virus `v_i`):
    ///
    /// ```text
    /// dx_i/dt = kappa y_i v_i - delta x_i
    /// dv_i/dt = release S_i + alpha x_i - omega v_i - kappa y_i v_i
    /// hazard_i = kappa v_i + rho x_i            (1/day, on the uninfected tumor cells)
    /// ```
    ///
    /// Rates are per cell and per virion (Bajzer's are per 1e6: see
    /// [`VirusPayload::from_bajzer`]). The carriers' `release` rate is an *assumption*
    /// (Mahasa et al. 2020 give no parameters).
    pub struct VirusPayload : "oncolytic virus payload" {
        /// Virus released per engineered cell at the site (virions/(cell·day)), `>= 0`.
        release: VIRIONS_PER_CELL_DAY, ParamRange::NON_NEGATIVE, "virus release per carrier cell";
        /// Infection rate constant `kappa` (1/(virion·day)), `>= 0`.
        kappa: PER_VIRION_DAY, ParamRange::NON_NEGATIVE, "infection rate constant";
        /// Syncytium (fusion) rate constant `rho` (1/(cell·day)), `>= 0`.
        rho: PER_CELL_DAY, ParamRange::NON_NEGATIVE, "fusion rate of uninfected with infected cells";
        /// Death rate of infected cells `delta` (1/day), `>= 0`.
        delta: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of infected cells";
        /// Virus burst rate of infected cells `alpha` (virions/(cell·day)), `>= 0`.
        alpha: VIRIONS_PER_CELL_DAY, ParamRange::NON_NEGATIVE, "virus production per infected cell";
        /// Clearance rate of free virus `omega` (1/day), `>= 0`.
        omega: units::PER_DAY, ParamRange::NON_NEGATIVE, "clearance rate of free virus";
    }
}

impl VirusPayload {
    /// The infection parameters of a Bajzer et al. (2008) set converted from units of 1e6
    /// cells and virions to single cells and virions (`kappa/1e6`, `rho/1e6`), with the
    /// carriers releasing `release` virions/(cell·day).
    pub fn from_bajzer(params: &crate::BajzerParams, release: f64) -> Result<Self> {
        Self::from_values(&[
            release,
            params.kappa / crate::bajzer::UNIT,
            params.rho / crate::bajzer::UNIT,
            params.delta,
            params.alpha,
            params.omega,
        ])
    }

    /// Kill hazard (1/day) on uninfected tumor cells from free virus `virus` (virions) and
    /// infected cells `infected` (cells), both clamped at 0.
    #[inline]
    pub fn hazard(&self, virus: f64, infected: f64) -> f64 {
        self.kappa * virus.max(0.0) + self.rho * infected.max(0.0)
    }
}
