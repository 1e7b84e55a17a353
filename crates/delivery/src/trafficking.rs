//! Trafficking and homing parameters of a stem-cell population ([`TraffickingParams`],
//! [`HomingParams`]), derived quantities (first-pass trapped fraction, lung half-life) and
//! the exact solution after an intravenous bolus when tumor burdens are constant
//! ([`iv_bolus_exact`]).

use oncodyn_core::parameter_table;
use oncodyn_core::{units, Error, ParamRange, Parameters, Result};

parameter_table! {
    /// Rates (1/day) of the compartments a stem-cell population passes through after
    /// intravenous administration: blood `B`, lung-trapped `G`, other organs `O`
    /// (liver, spleen, ...):
    ///
    /// ```text
    /// dB/dt = -(k_trap + k_org + sum_i eta_i) B + k_rel G
    /// dG/dt =  k_trap B - (k_rel + k_dg) G
    /// dO/dt =  k_org B - k_do O
    /// ```
    ///
    /// First-pass lung entrapment and a lung half-life of about 24 h after intravenous
    /// human MSC in mice: Lee RH, Pulin AA, Seo MJ, et al. (2009) "Intravenous hMSCs improve
    /// myocardial infarction in mice because cells embolized in lung are activated to
    /// secrete the anti-inflammatory protein TSG-6", *Cell Stem Cell* 5(1):54–63. Lungs
    /// first, then liver and spleen: Kidd S et al. (2009) *Stem Cells* 27:2614–2623.
    /// Presets: [`TraffickingParams::flagship`] and [`CellType`](crate::CellType).
    /// Every rate lies in `[0, inf)` 1/day.
    pub struct TraffickingParams : "stem-cell trafficking" {
        /// Lung entrapment rate of circulating cells, `k_trap` (1/day).
        k_trap: units::PER_DAY, ParamRange::NON_NEGATIVE, "lung entrapment rate of circulating cells";
        /// Release rate of lung-trapped cells back into the blood, `k_rel` (1/day).
        k_rel: units::PER_DAY, ParamRange::NON_NEGATIVE, "release rate of lung-trapped cells into blood";
        /// Death (clearance) rate of lung-trapped cells, `k_dG` (1/day).
        k_dg: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of lung-trapped cells";
        /// Uptake rate of circulating cells by other organs, `k_org` (1/day).
        k_org: units::PER_DAY, ParamRange::NON_NEGATIVE, "uptake rate of circulating cells by other organs";
        /// Clearance rate of cells in other organs, `k_dO` (1/day).
        k_do: units::PER_DAY, ParamRange::NON_NEGATIVE, "clearance rate of cells in other organs";
    }
}

parameter_table! {
    /// Homing of circulating cells to tumor sites and their fate there. Site `i` with
    /// burden `V_i` (cells) recruits circulating cells at the per-capita rate
    ///
    /// ```text
    /// eta_i = eta_max V_i / (V50 + V_i)                          (1/day)
    /// dS_i/dt = eta_i B - k_ds S_i + k_ps S_i (1 - S_i / s_cap)  (cells/day)
    /// ```
    ///
    /// so a small metastasis attracts fewer cells than a large tumor and a site with zero
    /// burden attracts none. Tumor-homing fractions were looked for and not found in the
    /// literature: every value of [`HomingParams::flagship`] is an *assumption*.
    pub struct HomingParams : "stem-cell homing" {
        /// Maximal homing rate per circulating cell to one site, `eta_max` (1/day), `>= 0`.
        eta_max: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal homing rate to one tumor site";
        /// Burden of half-maximal homing, `V50` (cells), `> 0`.
        v50: units::CELLS, ParamRange::POSITIVE, "tumor burden of half-maximal homing";
        /// Death rate of cells at a tumor site, `k_dS` (1/day), `>= 0`.
        k_ds: units::PER_DAY, ParamRange::NON_NEGATIVE, "death rate of cells at a tumor site";
        /// Proliferation rate of cells at a tumor site, `k_ps` (1/day), `>= 0` (0: none).
        k_ps: units::PER_DAY, ParamRange::NON_NEGATIVE, "proliferation rate of cells at a tumor site";
        /// Capacity of a site for proliferating stem cells, `s_cap` (cells), `> 0`.
        s_cap: units::CELLS, ParamRange::POSITIVE, "capacity of a site for proliferating stem cells";
    }
}

impl TraffickingParams {
    /// Validated construction from `k_trap, k_rel, k_dg, k_org, k_do` (1/day).
    pub fn new(k_trap: f64, k_rel: f64, k_dg: f64, k_org: f64, k_do: f64) -> Result<Self> {
        Self::from_values(&[k_trap, k_rel, k_dg, k_org, k_do])
    }

    /// The engineered-stem-cell defaults of the oncodyn reference scenario: `k_trap = 20`,
    /// `k_rel = 0.05`, `k_dg = ln 2 / 1`, `k_org = 2`, `k_do = 0.1` (1/day). `k_dg` is the
    /// lung half-life of 24 h of Lee et al. (2009) *Cell Stem Cell* 5:54–63; the other
    /// values are *assumptions*. With these values about 9 % of an intravenous dose reaches
    /// other organs on the first pass, far more than the < 5e-4 Lee et al. counted in six
    /// other tissues of mice: see [`CellType::Mesenchymal`](crate::CellType) for the
    /// mouse calibration.
    pub fn flagship() -> Self {
        Self {
            k_trap: 20.0,
            k_rel: 0.05,
            k_dg: std::f64::consts::LN_2,
            k_org: 2.0,
            k_do: 0.1,
        }
    }

    /// Fraction of cells leaving the blood that are trapped in the lung,
    /// `k_trap / (k_trap + k_org + homing_rate)` (dimensionless), given the total homing
    /// rate `sum_i eta_i` (1/day); 0 when nothing leaves the blood.
    pub fn first_pass_trapped_fraction(&self, homing_rate: f64) -> f64 {
        let total = self.k_trap + self.k_org + homing_rate.max(0.0);
        if total > 0.0 {
            self.k_trap / total
        } else {
            0.0
        }
    }

    /// Eigenvalues `(slow, fast)` (1/day, `slow >= fast`) of the blood–lung subsystem
    /// `d(B, G)/dt = [[-a, k_rel], [k_trap, -c]] (B, G)` with
    /// `a = k_trap + k_org + homing_rate` and `c = k_rel + k_dg`.
    pub fn blood_lung_eigenvalues(&self, homing_rate: f64) -> (f64, f64) {
        let a = self.k_trap + self.k_org + homing_rate.max(0.0);
        let c = self.k_rel + self.k_dg;
        let half_trace = -0.5 * (a + c);
        let delta = (0.25 * (a - c) * (a - c) + self.k_rel * self.k_trap).sqrt();
        (half_trace + delta, half_trace - delta)
    }

    /// Effective half-life (day) of lung-trapped cells, `ln 2 / |slow eigenvalue|`: the
    /// terminal decline of the lung content, which includes re-trapping of released cells.
    /// Infinite when nothing is lost.
    pub fn lung_half_life(&self, homing_rate: f64) -> f64 {
        let (slow, _) = self.blood_lung_eigenvalues(homing_rate);
        if slow < 0.0 {
            std::f64::consts::LN_2 / -slow
        } else {
            f64::INFINITY
        }
    }
}

impl HomingParams {
    /// Validated construction from `eta_max` (1/day), `v50` (cells), `k_ds`, `k_ps` (1/day)
    /// and `s_cap` (cells).
    pub fn new(eta_max: f64, v50: f64, k_ds: f64, k_ps: f64, s_cap: f64) -> Result<Self> {
        Self::from_values(&[eta_max, v50, k_ds, k_ps, s_cap])
    }

    /// The reference-scenario defaults, all *assumptions*: `eta_max = 1` 1/day,
    /// `V50 = 1e9` cells, `k_ds = 0.1` 1/day, no proliferation (`k_ps = 0`; `s_cap = 1e9`
    /// cells is then irrelevant).
    pub fn flagship() -> Self {
        Self {
            eta_max: 1.0,
            v50: 1e9,
            k_ds: 0.1,
            k_ps: 0.0,
            s_cap: 1e9,
        }
    }

    /// Homing rate `eta_max V / (V50 + V)` (1/day) to a site of burden `burden` (cells,
    /// clamped at 0): exactly 0 for an empty site.
    #[inline]
    pub fn rate(&self, burden: f64) -> f64 {
        let v = burden.max(0.0);
        self.eta_max * (v / (self.v50 + v))
    }

    /// Net per-cell growth at a site holding `cells` stem cells,
    /// `-k_ds + k_ps (1 - cells / s_cap)` (1/day).
    #[inline]
    pub fn site_net_rate(&self, cells: f64) -> f64 {
        -self.k_ds + self.k_ps * (1.0 - cells / self.s_cap)
    }
}

/// Cell numbers (cells) of every compartment at one time, from [`iv_bolus_exact`].
#[derive(Debug, Clone, PartialEq)]
pub struct CellCompartments {
    /// Circulating cells `B`.
    pub blood: f64,
    /// Lung-trapped cells `G`.
    pub lung: f64,
    /// Cells in other organs `O`.
    pub organs: f64,
    /// Cells at each tumor site `S_i`, in the order of the burdens given.
    pub sites: Vec<f64>,
    /// Cells that died or were cleared: dose minus everything above.
    pub cleared: f64,
}

/// `(e^(l t) - e^(m t)) / (l - m)`, continuous at `l = m` (where it is `t e^(m t)`) and
/// free of overflow for large negative rates.
fn divided_exp(l: f64, m: f64, t: f64) -> f64 {
    let (hi, lo) = if l >= m { (l, m) } else { (m, l) };
    let gap = hi - lo;
    let factor = if gap == 0.0 {
        t
    } else {
        -(-gap * t).exp_m1() / gap
    };
    (hi * t).exp() * factor
}

/// Exact compartment contents `t` days after an intravenous bolus of `dose` cells into the
/// blood, when every tumor site keeps the constant burden `burdens[i]` (cells).
///
/// With constant homing rates the system is linear: `(B, G)` follows the 2×2 matrix
/// exponential with eigenvalues `l1 > l2` ([`TraffickingParams::blood_lung_eigenvalues`]),
/// `B(t) = dose (e^(l2 t) - (a + l2) phi(l1, l2, t))`, `G(t) = k_trap dose phi(l1, l2, t)`
/// with `phi(l, m, t) = (e^(l t) - e^(m t))/(l - m)`, and the organ and site contents are
/// convolutions of `B` with `e^(-k_do t)` and `e^(-k_ds t)`.
///
/// Fails with [`Error::InconsistentParameters`] when the cells proliferate at the sites
/// (`k_ps > 0`: not linear) or when the two eigenvalues coincide (`k_rel k_trap = 0` and
/// `a = c`), and with [`Error::InvalidParameter`] for invalid parameters, a negative or
/// non-finite dose or time.
pub fn iv_bolus_exact(
    trafficking: &TraffickingParams,
    homing: &HomingParams,
    burdens: &[f64],
    dose: f64,
    t: f64,
) -> Result<CellCompartments> {
    trafficking.validate()?;
    homing.validate()?;
    oncodyn_core::validate_values(
        "exact intravenous response",
        &[
            crate::dose::DOSE_SPEC,
            oncodyn_core::ParamSpec {
                name: "t",
                unit: "day",
                range: ParamRange::NON_NEGATIVE,
                description: "time after the bolus",
            },
        ],
        &[dose, t],
    )?;
    let inconsistent = |reason: &str| Error::InconsistentParameters {
        model: "exact intravenous response".into(),
        reason: reason.into(),
    };
    if homing.k_ps > 0.0 {
        return Err(inconsistent(
            "proliferation at the sites (k_ps > 0) makes the system non-linear",
        ));
    }
    let etas: Vec<f64> = burdens.iter().map(|&v| homing.rate(v)).collect();
    let homing_rate: f64 = etas.iter().sum();
    let (l1, l2) = trafficking.blood_lung_eigenvalues(homing_rate);
    if l1 - l2 <= 1e-12 * l1.abs().max(l2.abs()).max(f64::MIN_POSITIVE) {
        return Err(inconsistent("the blood-lung eigenvalues coincide"));
    }
    let a = trafficking.k_trap + trafficking.k_org + homing_rate;
    let coupling = -(a + l2);
    let blood = dose * ((l2 * t).exp() + coupling * divided_exp(l1, l2, t));
    let lung = trafficking.k_trap * dose * divided_exp(l1, l2, t);
    // Integral of e^(-k (t - s)) B(s) over [0, t].
    let convolved = |k: f64| {
        dose * (divided_exp(l2, -k, t)
            + coupling * (divided_exp(l1, -k, t) - divided_exp(l2, -k, t)) / (l1 - l2))
    };
    let organs = trafficking.k_org * convolved(trafficking.k_do);
    let to_sites = convolved(homing.k_ds);
    let sites: Vec<f64> = etas.iter().map(|eta| eta * to_sites).collect();
    let cleared = dose - blood - lung - organs - sites.iter().sum::<f64>();
    Ok(CellCompartments {
        blood,
        lung,
        organs,
        sites,
        cleared,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn divided_exp_is_continuous_and_stable() {
        assert_relative_eq!(divided_exp(-1.0, -1.0, 2.0), 2.0 * (-2.0f64).exp());
        assert_relative_eq!(
            divided_exp(-1.0, -1.0 + 1e-9, 2.0),
            2.0 * (-2.0f64).exp(),
            max_relative = 1e-8
        );
        assert_relative_eq!(
            divided_exp(-0.5, -3.0, 1.5),
            ((-0.75f64).exp() - (-4.5f64).exp()) / 2.5,
            max_relative = 1e-14
        );
        assert!(divided_exp(-0.7, -2000.0, 100.0).is_finite());
    }

    #[test]
    fn flagship_lung_half_life_is_about_a_day() {
        let params = TraffickingParams::flagship();
        assert!(params.validate().is_ok());
        let half_life = params.lung_half_life(0.0);
        assert!((0.95..1.05).contains(&half_life), "{half_life}");
        assert_relative_eq!(params.first_pass_trapped_fraction(0.0), 20.0 / 22.0);
    }

    #[test]
    fn homing_is_zero_for_an_empty_site_and_saturates() {
        let homing = HomingParams::flagship();
        assert_relative_eq!(homing.rate(0.0), 0.0);
        assert_relative_eq!(homing.rate(-5.0), 0.0);
        assert_relative_eq!(homing.rate(1e9), 0.5);
        assert!(homing.rate(1e15) < 1.0);
    }

    #[test]
    fn exact_solution_conserves_cells_without_losses() {
        let trafficking = TraffickingParams::new(20.0, 0.05, 0.0, 2.0, 0.0).unwrap();
        let homing = HomingParams::new(1.0, 1e9, 0.0, 0.0, 1e9).unwrap();
        let state = iv_bolus_exact(&trafficking, &homing, &[1e10, 1e8], 1e8, 3.0).unwrap();
        assert!(state.cleared.abs() < 1e-6 * 1e8, "{state:?}");
        assert!(matches!(
            iv_bolus_exact(&trafficking, &homing, &[1e9], -1.0, 1.0),
            Err(Error::InvalidParameter { ref name, .. }) if name == "dose"
        ));
    }
}
