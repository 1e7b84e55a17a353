//! [`StemCells`]: a stem-cell population as a sub-model: trafficking after administration,
//! homing to tumor sites driven by their burden, and optional payloads whose kill hazards
//! are published into each site's additive `<site>.kill_hazard`.

use crate::dose::{CellDose, Route, DOSE_SPEC};
use crate::payload::{ProdrugEnzyme, ProdrugSource, SecretedProtein, VirusPayload, VIRIONS};
use crate::presets::CellType;
use crate::trafficking::{HomingParams, TraffickingParams};
use oncodyn_core::{
    name_problem, nearest_name, units, validate_values, Error, Event, Input, Parameters, Result,
    Signal, Var,
};

mod dynamics;

/// Additive signal (cells) every stem-cell population publishes: its cells at tumor sites,
/// `Stot = sum_i S_i`. The immune crate reads it for the stem-cell effect on effector
/// recruitment.
pub const IMMUNOMODULATORY_SIGNAL: &str = "stem_cells.immunomodulatory";
/// Local name of the circulating-cell state `B` (cells).
pub const BLOOD_STATE: &str = "blood";
/// Local name of the lung-trapped state `G` (cells).
pub const LUNG_STATE: &str = "lung";
/// Local name of the other-organs state `O` (cells).
pub const ORGANS_STATE: &str = "organs";
/// Prefix of the state of cells at a site: `at_<site>` (cells).
pub const SITE_PREFIX: &str = "at_";
/// Local name of the optional tally of dead and cleared cells (cells).
pub const CLEARED_STATE: &str = "cleared";
/// Local name of the prodrug amount when the population owns it (umol).
pub const PRODRUG_STATE: &str = "prodrug";
/// Prefix of the local 5-FU concentration at a site: `fu_<site>` (uM).
pub const FU_PREFIX: &str = "fu_";
/// Prefix of the free virus at a site: `virus_<site>` (virions).
pub const VIRUS_PREFIX: &str = "virus_";
/// Prefix of the virus-infected tumor cells at a site: `infected_<site>` (cells).
pub const INFECTED_PREFIX: &str = "infected_";

const MODEL: &str = "stem-cell population";

/// Positions of the optional blocks in the local state and input vectors.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Layout {
    cleared: Option<usize>,
    prodrug: Option<usize>,
    fu: Option<usize>,
    virus: Option<usize>,
    infected: Option<usize>,
    prodrug_input: Option<usize>,
}

/// A stem-cell population: blood `B`, lung `G`, other organs `O` and cells `S_i` at each
/// configured tumor site, with
///
/// ```text
/// eta_i   = eta_max V_i / (V50 + V_i)        V_i = <site_i>.burden (cells, required input)
/// dB/dt   = -(k_trap + k_org + sum_i eta_i) B + k_rel G
/// dG/dt   = k_trap B - (k_rel + k_dg) G
/// dO/dt   = k_org B - k_do O
/// dS_i/dt = eta_i B - k_ds S_i + k_ps S_i (1 - S_i / s_cap)
/// ```
///
/// ([`TraffickingParams`], [`HomingParams`]). Cells arrive by dose events
/// ([`StemCells::administer`]); the initial state is empty.
///
/// States, in order (local names; the model prefixes `<name>.`): `blood`, `lung`,
/// `organs`, `at_<site>` per site (cells); then, when enabled, `cleared` (cells, a tally
/// of `k_dg G + k_do O + k_ds sum S_i`), `prodrug` (umol, own 5-FC compartment),
/// `fu_<site>` per site (uM, local 5-FU), `virus_<site>` per site (virions) and
/// `infected_<site>` per site (cells).
///
/// Publishes [`IMMUNOMODULATORY_SIGNAL`] (cells, additive) and, when it carries a payload,
/// `<site>.kill_hazard` (1/day, additive) per site: the sum of the payload hazards of
/// [`SecretedProtein`], [`ProdrugEnzyme`] and [`VirusPayload`]. Reads `<site>.burden`
/// (cells, required) per site and, for [`ProdrugSource::Signal`], that concentration (uM).
#[derive(Debug, Clone, PartialEq)]
pub struct StemCells {
    name: String,
    trafficking: TraffickingParams,
    homing: HomingParams,
    sites: Vec<String>,
    secreted: Option<SecretedProtein>,
    prodrug: Option<(ProdrugEnzyme, ProdrugSource)>,
    virus: Option<VirusPayload>,
    tally: bool,
    layout: Layout,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

fn check_name(kind: &'static str, name: &str) -> Result<()> {
    match name_problem(name) {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

fn inconsistent(reason: String) -> Error {
    Error::InconsistentParameters {
        model: MODEL.into(),
        reason,
    }
}

impl StemCells {
    /// A population called `name` homing to the tumor sites `sites` (sub-model names of
    /// sites publishing `<site>.burden`). Fails with `InvalidName` for a malformed name,
    /// `DuplicateName` for a repeated site and `InvalidParameter` for invalid parameters.
    pub fn new(
        name: &str,
        trafficking: TraffickingParams,
        homing: HomingParams,
        sites: &[&str],
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        trafficking.validate()?;
        homing.validate()?;
        for (k, site) in sites.iter().enumerate() {
            check_name("site", site)?;
            if sites[..k].contains(site) {
                return Err(Error::DuplicateName {
                    kind: "site",
                    name: site.to_string(),
                });
            }
        }
        let mut cells = Self {
            name: name.to_string(),
            trafficking,
            homing,
            sites: sites.iter().map(|s| s.to_string()).collect(),
            secreted: None,
            prodrug: None,
            virus: None,
            tally: false,
            layout: Layout::default(),
            states: Vec::new(),
            outputs: Vec::new(),
            inputs: Vec::new(),
        };
        cells.rebuild();
        Ok(cells)
    }

    /// A population of `cell_type` with its presets ([`CellType::trafficking`],
    /// [`CellType::homing`]) and no payload.
    pub fn of_type(name: &str, cell_type: CellType, sites: &[&str]) -> Result<Self> {
        Self::new(name, cell_type.trafficking(), cell_type.homing(), sites)
    }

    /// The engineered stem cells of the reference scenario: [`TraffickingParams::flagship`],
    /// [`HomingParams::flagship`] and the [`SecretedProtein::flagship`] payload.
    pub fn flagship(name: &str, sites: &[&str]) -> Result<Self> {
        Self::new(
            name,
            TraffickingParams::flagship(),
            HomingParams::flagship(),
            sites,
        )?
        .with_secreted_protein(SecretedProtein::flagship())
    }

    /// Adds a secreted anti-tumor protein payload (at most one).
    pub fn with_secreted_protein(mut self, payload: SecretedProtein) -> Result<Self> {
        payload.validate()?;
        if self.secreted.is_some() {
            return Err(inconsistent("already carries a secreted protein".into()));
        }
        self.secreted = Some(payload);
        self.rebuild();
        Ok(self)
    }

    /// Adds a prodrug-converting enzyme payload (at most one) fed by `source`.
    pub fn with_prodrug(mut self, enzyme: ProdrugEnzyme, source: ProdrugSource) -> Result<Self> {
        enzyme.validate()?;
        match &source {
            ProdrugSource::Compartment(pk) => pk.validate()?,
            ProdrugSource::Signal(signal) => check_name("signal", signal)?,
        }
        if self.prodrug.is_some() {
            return Err(inconsistent("already carries a prodrug enzyme".into()));
        }
        self.prodrug = Some((enzyme, source));
        self.rebuild();
        Ok(self)
    }

    /// Adds an oncolytic-virus payload (at most one).
    pub fn with_virus(mut self, payload: VirusPayload) -> Result<Self> {
        payload.validate()?;
        if self.virus.is_some() {
            return Err(inconsistent("already carries a virus".into()));
        }
        self.virus = Some(payload);
        self.rebuild();
        Ok(self)
    }

    /// Adds the state `cleared` (cells) counting dead and cleared cells, so that
    /// `blood + lung + organs + sum at_<site> + cleared` equals the cells administered
    /// (without proliferation).
    pub fn with_cleared_tally(mut self) -> Self {
        self.tally = true;
        self.rebuild();
        self
    }

    fn has_payload(&self) -> bool {
        self.secreted.is_some() || self.prodrug.is_some() || self.virus.is_some()
    }

    /// Recomputes state, output and input lists and the layout from the configuration.
    fn rebuild(&mut self) {
        let per_site = |prefix: &str, unit: &str| -> Vec<Var> {
            self.sites
                .iter()
                .map(|s| Var::new(format!("{prefix}{s}"), unit))
                .collect()
        };
        let mut states = vec![
            Var::new(BLOOD_STATE, units::CELLS),
            Var::new(LUNG_STATE, units::CELLS),
            Var::new(ORGANS_STATE, units::CELLS),
        ];
        states.extend(per_site(SITE_PREFIX, units::CELLS));
        let mut layout = Layout::default();
        if self.tally {
            layout.cleared = Some(states.len());
            states.push(Var::new(CLEARED_STATE, units::CELLS));
        }
        if let Some((_, source)) = &self.prodrug {
            if matches!(source, ProdrugSource::Compartment(_)) {
                layout.prodrug = Some(states.len());
                states.push(Var::new(PRODRUG_STATE, units::UMOL));
            }
            layout.fu = Some(states.len());
            states.extend(per_site(FU_PREFIX, units::UM));
        }
        if self.virus.is_some() {
            layout.virus = Some(states.len());
            states.extend(per_site(VIRUS_PREFIX, VIRIONS));
            layout.infected = Some(states.len());
            states.extend(per_site(INFECTED_PREFIX, units::CELLS));
        }
        let mut outputs = vec![Signal::sum(IMMUNOMODULATORY_SIGNAL, units::CELLS)];
        if self.has_payload() {
            outputs.extend(
                self.sites
                    .iter()
                    .map(|s| Signal::sum(format!("{s}.kill_hazard"), units::PER_DAY)),
            );
        }
        let mut inputs: Vec<Input> = self
            .sites
            .iter()
            .map(|s| Input::required(format!("{s}.burden"), units::CELLS))
            .collect();
        if let Some((_, ProdrugSource::Signal(signal))) = &self.prodrug {
            layout.prodrug_input = Some(inputs.len());
            inputs.push(Input::required(signal.clone(), units::UM));
        }
        self.layout = layout;
        self.states = states;
        self.outputs = outputs;
        self.inputs = inputs;
    }

    /// Trafficking parameters.
    pub fn trafficking(&self) -> &TraffickingParams {
        &self.trafficking
    }

    /// Homing parameters.
    pub fn homing(&self) -> &HomingParams {
        &self.homing
    }

    /// Tumor sites, in state order.
    pub fn sites(&self) -> &[String] {
        &self.sites
    }

    /// Full name `<name>.<local>` of a local state name such as [`BLOOD_STATE`].
    pub fn state_name(&self, local: &str) -> String {
        format!("{}.{local}", self.name)
    }

    /// Full name of the state of cells at `site` (`<name>.at_<site>`), or `UnknownState`
    /// (with the nearest configured site) when the population does not home to `site`.
    pub fn site_state(&self, site: &str) -> Result<String> {
        self.site_index(site)
            .map(|_| self.state_name(&format!("{SITE_PREFIX}{site}")))
    }

    fn site_index(&self, site: &str) -> Result<usize> {
        self.sites
            .iter()
            .position(|s| s == site)
            .ok_or_else(|| Error::UnknownState {
                name: self.state_name(&format!("{SITE_PREFIX}{site}")),
                hint: nearest_name(site, self.sites.iter().map(String::as_str))
                    .map(|s| self.state_name(&format!("{SITE_PREFIX}{s}"))),
            })
    }

    /// Dose events (cells) administering `dose` at `time` (day) by `route`: intravenous
    /// into `blood`; intra-arterial split between `at_<site>`, `organs` and `blood`;
    /// intratumoral into `at_<site>` (and `blood` for the leak). Fails with
    /// `UnknownState` when the route needs a site this population does not home to,
    /// `InvalidParameter`/`InconsistentParameters` for invalid route fractions and
    /// `InvalidEvent` for a non-finite time.
    pub fn administer(&self, time: f64, route: &Route, dose: CellDose) -> Result<Vec<Event>> {
        if !time.is_finite() {
            return Err(Error::InvalidEvent {
                index: 0,
                time,
                reason: "administration time is not finite".into(),
            });
        }
        route.validate()?;
        let site_state = route.site().map(|site| self.site_state(site)).transpose()?;
        let (blood, organs, site) = route.split();
        let cells = dose.cell_count();
        let mut events = Vec::new();
        if let Some(state) = site_state.filter(|_| site > 0.0) {
            events.push(Event::dose(time, state, site * cells));
        }
        if organs > 0.0 {
            events.push(Event::dose(
                time,
                self.state_name(ORGANS_STATE),
                organs * cells,
            ));
        }
        if blood > 0.0 || events.is_empty() {
            events.push(Event::dose(
                time,
                self.state_name(BLOOD_STATE),
                blood * cells,
            ));
        }
        Ok(events)
    }

    /// A dose event of `amount_umol` umol of 5-FC at `time` into the own prodrug
    /// compartment. Fails with `InconsistentParameters` when the population has no prodrug
    /// compartment and with `InvalidParameter` for a negative amount.
    pub fn prodrug_dose(&self, time: f64, amount_umol: f64) -> Result<Event> {
        if self.layout.prodrug.is_none() {
            return Err(inconsistent(format!(
                "`{}` has no prodrug compartment (no prodrug payload, or the prodrug comes from a signal)",
                self.name
            )));
        }
        let spec = oncodyn_core::ParamSpec {
            name: "prodrug_dose",
            unit: units::UMOL,
            ..DOSE_SPEC
        };
        validate_values(MODEL, &[spec], &[amount_umol])?;
        Ok(Event::dose(
            time,
            self.state_name(PRODRUG_STATE),
            amount_umol,
        ))
    }
}
