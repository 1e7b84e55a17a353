//! [`Effectors`]: the cytotoxic effector population of Kuznetsov et al. (1994) as a
//! sub-model that reads tumor burdens and publishes kill hazards, with stem-cell
//! immunomodulation of recruitment and checkpoint (anti-PD-1) relief of inactivation.

use crate::common::BURDEN_SUFFIX;
use crate::common::{check_initial, check_name, saturate, saturation, unit, KILL_HAZARD_SUFFIX};
use oncodyn_core::parameter_table;
use oncodyn_core::{units, Error, Input, ParamRange, Parameters, Result, Signal, SubModel, Var};

/// Default name of the signal carrying the immunomodulatory stem cells at tumor sites
/// (cells): `stem_cells.immunomodulatory`. Stem-cell sub-models publish it (as an additive
/// signal, `Signal::sum`, if there are several publishers); 0 when nobody does.
pub const IMMUNOMODULATION_SIGNAL: &str = "stem_cells.immunomodulatory";
/// Default name of the checkpoint-inhibitor signal (mg of anti-PD-1 antibody in the body):
/// `anti_pd1.amount`, published by an antibody PK model; 0 when nobody does.
pub const CHECKPOINT_SIGNAL: &str = "anti_pd1.amount";
/// Band of the immunomodulation strength `theta` for native mesenchymal stromal cells:
/// T-cell proliferation suppressed by 60–98 % (Di Nicola M et al. (2002) *Blood*
/// 99(10):3838–3843, abstract: 60 ± 5 % to 98 ± 1 %, dose dependent).
pub const NATIVE_MSC_THETA: (f64, f64) = (-0.98, -0.6);

parameter_table! {
    /// Parameters of [`Effectors`]:
    ///
    /// `dE/dt = s + p_eff E T/(g + T) - m_eff E T - d E`
    /// `p_eff = p (1 + theta Stot/(s50_imm + Stot))`,
    /// `m_eff = mu (1 - imax Ab/(ab50 + Ab))`,
    ///
    /// the effector equation of Kuznetsov VA et al. (1994) *Bull Math Biol* 56(2):295–321
    /// (`mu` is Kuznetsov's `m`) extended with stem-cell immunomodulation (`theta`,
    /// `s50_imm`) and checkpoint blockade (`imax`, `ab50`).
    pub struct EffectorsParams: "Kuznetsov effectors" {
        /// Effector influx `s` (cells/day).
        s: unit::CELLS_PER_DAY, ParamRange::NON_NEGATIVE, "normal influx of effector cells";
        /// Maximal tumor-stimulated recruitment `p` (1/day).
        p: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor-induced recruitment rate";
        /// Half-saturation tumor burden of recruitment `g` (cells).
        g: units::CELLS, ParamRange::POSITIVE, "tumor burden of half-maximal recruitment";
        /// Inactivation of effectors by tumor cells `mu` (1/(cell day)).
        mu: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "effector inactivation per tumor cell";
        /// Effector death rate `d` (1/day).
        d: units::PER_DAY, ParamRange::POSITIVE, "effector death rate";
        /// Kill rate per effector `n` (1/(cell day)): the published hazard is `n E`.
        n: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "tumor kill rate per effector cell";
        /// Maximal relative change of recruitment by stem cells `theta` (dimensionless,
        /// `>= -1`): negative suppresses (native MSCs, [`NATIVE_MSC_THETA`]), positive
        /// stimulates (engineered cells).
        theta: units::DIMENSIONLESS, ParamRange::left_closed(-1.0, f64::INFINITY), "signed maximal effect of stem cells on recruitment";
        /// Stem-cell number of half-maximal immunomodulation `s50_imm` (cells).
        s50_imm: units::CELLS, ParamRange::POSITIVE, "stem cells for half-maximal immunomodulation";
        /// Maximal fractional relief of inactivation by checkpoint blockade `imax`.
        imax: units::DIMENSIONLESS, ParamRange::FRACTION, "maximal fractional reduction of inactivation by anti-PD-1";
        /// Antibody amount of half-maximal relief `ab50` (mg).
        ab50: units::MG, ParamRange::POSITIVE, "anti-PD-1 amount for half-maximal effect";
    }
}

impl EffectorsParams {
    /// The reference combination scenario's defaults: Kuznetsov et al. (1994) values
    /// (BioModels BIOMD0000000762: `s = 1.3e4` cells/day, `p = 0.1245`/day, `g = 2.019e7`
    /// cells, `mu = 3.422e-10`/(cell day), `d = 0.0412`/day, `n = 1.101e-7`/(cell day));
    /// `theta = 0.5`, `s50_imm = 1e5` cells (*assumption*: engineered, immunostimulatory
    /// cells); `imax = 0.9`, `ab50 = 20` mg (*assumption*).
    pub fn flagship() -> Self {
        Self {
            s: 1.3e4,
            p: 0.1245,
            g: 2.019e7,
            mu: 3.422e-10,
            d: 0.0412,
            n: 1.101e-7,
            theta: 0.5,
            s50_imm: 1e5,
            imax: 0.9,
            ab50: 20.0,
        }
    }

    /// The Kuznetsov et al. (1994) effector equation without modulation: [`flagship`]
    /// values with `theta = 0` and `imax = 0` (`s50_imm` and `ab50` then have no effect).
    ///
    /// [`flagship`]: EffectorsParams::flagship
    pub fn kuznetsov_1994() -> Self {
        Self {
            theta: 0.0,
            imax: 0.0,
            ..Self::flagship()
        }
    }

    /// These parameters with native-MSC suppression `theta` in [`NATIVE_MSC_THETA`]
    /// (Di Nicola et al. 2002); fails with [`Error::InvalidParameter`] outside that band.
    pub fn native_msc(self, theta: f64) -> Result<Self> {
        let (low, high) = NATIVE_MSC_THETA;
        if !(theta.is_finite() && (low..=high).contains(&theta)) {
            return Err(Error::InvalidParameter {
                model: Self::MODEL.to_string(),
                name: "theta".to_string(),
                value: theta,
                unit: units::DIMENSIONLESS.to_string(),
                range: format!("[{low}, {high}] (native MSCs, Di Nicola et al. 2002)"),
            });
        }
        self.with("theta", theta)
    }

    /// Recruitment multiplier `1 + theta Stot/(s50_imm + Stot)` for `stem_cells` (cells).
    pub fn recruitment_factor(&self, stem_cells: f64) -> f64 {
        1.0 + self.theta * saturation(stem_cells, self.s50_imm)
    }

    /// Inactivation multiplier `1 - imax Ab/(ab50 + Ab)` for `antibody` (mg).
    pub fn inactivation_factor(&self, antibody: f64) -> f64 {
        1.0 - self.imax * saturation(antibody, self.ab50)
    }
}

/// Cytotoxic effector cells (Kuznetsov et al. 1994, dimensional) serving any number of
/// tumor sites. State `<name>.cells` (cells, initially `s/d` unless set).
///
/// Reads `<site>.burden` (cells, required) of every configured site, summed into the total
/// burden `T`; the immunomodulatory stem cells `Stot` ([`IMMUNOMODULATION_SIGNAL`], cells,
/// default 0) and the antibody amount `Ab` ([`CHECKPOINT_SIGNAL`], mg, default 0).
/// Publishes the additive kill hazard `n E` (1/day) into `<site>.kill_hazard` of every site.
/// Adoptive cell transfer is a dose event into `<name>.cells`.
///
/// ```
/// use oncodyn_immune::{Effectors, EffectorsParams};
/// let effectors = Effectors::new("effectors", EffectorsParams::flagship(), &["primary", "lung"])?;
/// assert_eq!(effectors.kill_hazard_signals(), ["primary.kill_hazard", "lung.kill_hazard"]);
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Effectors {
    name: String,
    params: EffectorsParams,
    initial: f64,
    n_sites: usize,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl Effectors {
    /// Effectors called `name` serving `sites` (site names, distinct), starting at the
    /// tumor-free level `s/d`.
    ///
    /// Fails with [`Error::InvalidParameter`] for parameters out of range,
    /// [`Error::InvalidName`] for a malformed name and [`Error::DuplicateName`] for a site
    /// given twice.
    pub fn new(name: &str, params: EffectorsParams, sites: &[&str]) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        for (k, site) in sites.iter().enumerate() {
            check_name("site", site)?;
            if sites[..k].contains(site) {
                return Err(Error::DuplicateName {
                    kind: "site",
                    name: site.to_string(),
                });
            }
        }
        let mut inputs: Vec<Input> = sites
            .iter()
            .map(|site| Input::required(format!("{site}.{BURDEN_SUFFIX}"), units::CELLS))
            .collect();
        inputs.push(Input::optional(IMMUNOMODULATION_SIGNAL, units::CELLS, 0.0));
        inputs.push(Input::optional(CHECKPOINT_SIGNAL, units::MG, 0.0));
        Ok(Self {
            name: name.to_string(),
            initial: params.s / params.d,
            params,
            n_sites: sites.len(),
            states: vec![Var::new("cells", units::CELLS)],
            outputs: sites
                .iter()
                .map(|site| Signal::sum(format!("{site}.{KILL_HAZARD_SUFFIX}"), units::PER_DAY))
                .collect(),
            inputs,
        })
    }

    /// These effectors starting from `cells` (cells, `>= 0`) instead of `s/d`.
    pub fn with_initial_cells(mut self, cells: f64) -> Result<Self> {
        check_initial(EffectorsParams::MODEL, "initial_cells", cells, false)?;
        self.initial = cells;
        Ok(self)
    }

    /// These effectors reading the stem-cell signal `signal` (cells) instead of
    /// [`IMMUNOMODULATION_SIGNAL`].
    pub fn with_immunomodulation_signal(mut self, signal: &str) -> Result<Self> {
        check_name("signal", signal)?;
        self.inputs[self.n_sites] = Input::optional(signal, units::CELLS, 0.0);
        Ok(self)
    }

    /// These effectors reading the antibody signal `signal` (mg) instead of
    /// [`CHECKPOINT_SIGNAL`].
    pub fn with_checkpoint_signal(mut self, signal: &str) -> Result<Self> {
        check_name("signal", signal)?;
        self.inputs[self.n_sites + 1] = Input::optional(signal, units::MG, 0.0);
        Ok(self)
    }

    /// The parameters.
    pub fn params(&self) -> &EffectorsParams {
        &self.params
    }

    /// Full name of the effector state, `<name>.cells` (cells): the target of adoptive
    /// cell transfer doses.
    pub fn cells_state(&self) -> String {
        format!("{}.cells", self.name)
    }

    /// Names of the published kill hazards, one per site (1/day).
    pub fn kill_hazard_signals(&self) -> Vec<String> {
        self.outputs.iter().map(|s| s.var.name.clone()).collect()
    }
}

impl SubModel for Effectors {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.initial;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out.fill(saturate(self.params.n * y[0].max(0.0)));
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let tumor: f64 = inputs[..self.n_sites].iter().map(|b| b.max(0.0)).sum();
        let stem_cells = inputs[self.n_sites];
        let antibody = inputs[self.n_sites + 1];
        let e = y[0];
        let recruitment = p.p * p.recruitment_factor(stem_cells) * e * saturation(tumor, p.g);
        let inactivation = p.mu * p.inactivation_factor(antibody) * e * tumor;
        dy[0] = saturate(p.s + recruitment - inactivation - p.d * e);
    }
}
