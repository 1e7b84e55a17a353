//! Parameters of de Pillis, Gu & Radunskaya (2006), with the patient 9 and 10 presets.

use crate::common::unit;
use crate::kirschner_panetta::IL2_UNIT;
use oncodyn_core::parameter_table;
use oncodyn_core::{units, ParamRange, Parameters, Result};

parameter_table! {
    /// Parameters of de Pillis LG, Gu W & Radunskaya AE (2006) "Mixed immunotherapy and
    /// chemotherapy of tumors: modeling, applications and biological interpretations",
    /// *J Theor Biol* 238(4):841–862 (equations in [`DePillis2006`](crate::DePillis2006)).
    pub struct DePillis2006Params: "de Pillis 2006" {
        /// Tumor growth rate `a` (1/day).
        a: units::PER_DAY, ParamRange::NON_NEGATIVE, "tumor growth rate";
        /// Reciprocal carrying capacity `b` (1/cell).
        b: unit::PER_CELL, ParamRange::NON_NEGATIVE, "reciprocal tumor carrying capacity";
        /// Tumor kill by NK cells `c` (1/(cell day)).
        c: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "NK kill rate per NK cell";
        /// Maximal CD8+ lysis rate `d` (1/day).
        d: units::PER_DAY, ParamRange::NON_NEGATIVE, "saturation level of CD8+ lysis";
        /// NK production from circulating lymphocytes `e` (1/day).
        e: units::PER_DAY, ParamRange::NON_NEGATIVE, "fraction of circulating lymphocytes becoming NK cells per day";
        /// Exponent of the CD8+:tumor ratio `l`.
        l: units::DIMENSIONLESS, ParamRange::POSITIVE, "exponent of the CD8+:tumor ratio";
        /// NK death rate `f` (1/day).
        f: units::PER_DAY, ParamRange::POSITIVE, "NK death rate";
        /// Maximal NK recruitment `g` (1/day).
        g: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor-induced NK recruitment";
        /// NK recruitment steepness `h` (cells^2).
        h: unit::CELLS2, ParamRange::POSITIVE, "NK recruitment steepness (cells^2)";
        /// Maximal CD8+ recruitment `j` (1/day).
        j: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal CD8+ recruitment by lysed tumor";
        /// CD8+ recruitment steepness `k` (cells^2).
        k: unit::CELLS2, ParamRange::POSITIVE, "CD8+ recruitment steepness (cells^2)";
        /// CD8+ death rate `m` (1/day).
        m: units::PER_DAY, ParamRange::POSITIVE, "CD8+ death rate";
        /// CD8+ inactivation by tumor `q` (1/(cell day)).
        q: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "CD8+ inactivation per tumor cell";
        /// NK inactivation by tumor `p` (1/(cell day)).
        p: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "NK inactivation per tumor cell";
        /// Lysis steepness coefficient `s`.
        s: units::DIMENSIONLESS, ParamRange::POSITIVE, "value of (L/T)^l of half-maximal lysis";
        /// CD8+ stimulation by NK–tumor encounters `r1` (1/(cell day)).
        r1: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "CD8+ stimulation by NK-lysed tumor";
        /// CD8+ stimulation by lymphocyte–tumor encounters `r2` (1/(cell day)).
        r2: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "CD8+ stimulation by lymphocyte-tumor encounters";
        /// CD8+ regulation by NK cells `u` (1/(cell^2 day)).
        u: unit::PER_CELL2_DAY, ParamRange::NON_NEGATIVE, "NK regulation of CD8+ cells";
        /// Lymphocyte source `alpha` (cells/day).
        alpha: unit::CELLS_PER_DAY, ParamRange::NON_NEGATIVE, "constant source of circulating lymphocytes";
        /// Lymphocyte turnover `beta` (1/day).
        beta: units::PER_DAY, ParamRange::POSITIVE, "natural death of circulating lymphocytes";
        /// Chemotherapy kill of tumor `kt` (1/day).
        kt: units::PER_DAY, ParamRange::NON_NEGATIVE, "chemotherapy kill rate of tumor cells";
        /// Chemotherapy kill of NK cells `kn` (1/day).
        kn: units::PER_DAY, ParamRange::NON_NEGATIVE, "chemotherapy kill rate of NK cells";
        /// Chemotherapy kill of CD8+ cells `kl` (1/day).
        kl: units::PER_DAY, ParamRange::NON_NEGATIVE, "chemotherapy kill rate of CD8+ cells";
        /// Chemotherapy kill of circulating lymphocytes `kc` (1/day).
        kc: units::PER_DAY, ParamRange::NON_NEGATIVE, "chemotherapy kill rate of lymphocytes";
        /// Chemotherapy decay `gamma` (1/day).
        gamma: units::PER_DAY, ParamRange::POSITIVE, "chemotherapy decay rate";
        /// Maximal IL-2-driven CD8+ proliferation `p_i` (1/day).
        p_i: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal IL-2 stimulation of CD8+ cells";
        /// Half-saturation IL-2 `g_i` (IL-2 units).
        g_i: IL2_UNIT, ParamRange::POSITIVE, "IL-2 of half-maximal CD8+ stimulation";
        /// IL-2 decay `mu_i` (1/day).
        mu_i: units::PER_DAY, ParamRange::POSITIVE, "IL-2 decay rate";
    }
}

/// `l` of patient 9 in one reimplementation of de Pillis et al. (2006) (M. Alamir's 2022
/// Python code or the MATLAB project; they disagree, and the paper's table was not
/// accessible as text). Run patient-9 cases with both values.
pub const PATIENT9_L_HIGH: f64 = 2.09;
/// `l` of patient 9 in the other reimplementation (see [`PATIENT9_L_HIGH`]).
pub const PATIENT9_L_LOW: f64 = 2.08;

impl DePillis2006Params {
    /// Values shared by patients 9 and 10 (agreed by two reimplementations of de Pillis
    /// et al. 2006: M. Alamir's 2022 Python code and a MATLAB project): `a = 0.431`,
    /// `b = 1.02e-9`, `c = 6.41e-11`, `e = 2.08e-7`, `f = 4.12e-2`, `g = 1.25e-2`,
    /// `h = 2.02e7`, `j = 2.49e-2`, `r1 = 1.1e-7`, `r2 = 6.5e-11`, `u = 3e-10`, `kt = 0.9`,
    /// `kn = kl = kc = 0.6`, `gamma = 0.9`, `p_i = 0.125`, `g_i = 2e7` (not the `2e2` of one
    /// MATLAB file), `mu_i = 10`; patient-specific values set by the callers.
    fn common(patient: [f64; 9]) -> Self {
        let [d, l, k, m, q, p, s, alpha, beta] = patient;
        Self {
            a: 4.31e-1,
            b: 1.02e-9,
            c: 6.41e-11,
            d,
            e: 2.08e-7,
            l,
            f: 4.12e-2,
            g: 1.25e-2,
            h: 2.02e7,
            j: 2.49e-2,
            k,
            m,
            q,
            p,
            s,
            r1: 1.1e-7,
            r2: 6.5e-11,
            u: 3e-10,
            alpha,
            beta,
            kt: 0.9,
            kn: 0.6,
            kl: 0.6,
            kc: 0.6,
            gamma: 0.9,
            p_i: 0.125,
            g_i: 2e7,
            mu_i: 10.0,
        }
    }

    /// Patient 9 of de Pillis et al. (2006) with the ratio exponent `l`
    /// ([`PATIENT9_L_HIGH`] or [`PATIENT9_L_LOW`]; the reimplementations disagree):
    /// `d = 2.34`, `k = 3.66e7`, `m = 0.204`, `q = 1.42e-6`, `p = 3.42e-6`, `s = 8.39e-2`,
    /// `alpha = 7.5e8`, `beta = 1.2e-2`, and the [common values](Self::patient_10).
    pub fn patient_9(l: f64) -> Result<Self> {
        let params = Self::common([
            2.34, l, 3.66e7, 2.04e-1, 1.42e-6, 3.42e-6, 8.39e-2, 7.5e8, 1.2e-2,
        ]);
        params.validate()?;
        Ok(params)
    }

    /// Patient 10 of de Pillis et al. (2006) (one reimplementation): `d = 1.88`, `l = 1.81`,
    /// `k = 5.66e7`, `m = 9.12`, `q = 1.59e-6`, `p = 3.59e-6`, `s = 0.512`, `alpha = 5e8`,
    /// `beta = 8e-3`; shared with patient 9: `a = 0.431`, `b = 1.02e-9`, `c = 6.41e-11`,
    /// `e = 2.08e-7`, `f = 4.12e-2`, `g = 1.25e-2`, `h = 2.02e7`, `j = 2.49e-2`,
    /// `r1 = 1.1e-7`, `r2 = 6.5e-11`, `u = 3e-10`, `kt = 0.9`, `kn = kl = kc = 0.6`,
    /// `gamma = 0.9`, `p_i = 0.125`, `g_i = 2e7`, `mu_i = 10`.
    pub fn patient_10() -> Self {
        Self::common([
            1.88, 1.81, 5.66e7, 9.12, 1.59e-6, 3.59e-6, 5.12e-1, 5e8, 8e-3,
        ])
    }

    /// Tumor-free equilibrium without therapy: `T = L = M = I = 0`, `C* = alpha/beta`,
    /// `N* = e C*/f`. Returns `(N*, C*)` (cells).
    pub fn tumor_free(&self) -> (f64, f64) {
        let lymphocytes = self.alpha / self.beta;
        (self.e * lymphocytes / self.f, lymphocytes)
    }

    /// Linear growth rate `a - c N*` (1/day) of a small tumor at the tumor-free
    /// equilibrium (positive: the tumor-free state is unstable).
    pub fn small_tumor_growth_rate(&self) -> f64 {
        self.a - self.c * self.tumor_free().0
    }
}
