//! Drug regimens ([`RegimenSpec`], [`Regimen`]): a dose per m² of body-surface area (or a
//! flat dose), repeated in cycles, as a bolus or an infusion, expanded into core
//! [`Event`]s.

use oncodyn_core::{name_problem, Error, Event, Model, ParamRange, Result};

/// Largest number of cycles a regimen may have (a guard against absurd inputs).
pub const MAX_CYCLES: u32 = 10_000;

/// How much drug each administration of a regimen gives.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DoseBasis {
    /// A dose per unit body-surface area, `mg_per_m2` (mg/m²), times the patient's
    /// body-surface area `bsa_m2` (m²): 75 mg/m² × 1.8 m² = 135 mg.
    PerBsa {
        /// Dose per unit body-surface area (mg/m²), > 0.
        mg_per_m2: f64,
        /// Body-surface area (m²), > 0.
        bsa_m2: f64,
    },
    /// A flat dose (mg), > 0, e.g. 200 mg of an anti-PD-1 antibody.
    Flat {
        /// Dose (mg), > 0.
        mg: f64,
    },
}

impl DoseBasis {
    /// The dose of one administration (mg).
    pub fn mg(&self) -> f64 {
        match *self {
            Self::PerBsa { mg_per_m2, bsa_m2 } => mg_per_m2 * bsa_m2,
            Self::Flat { mg } => mg,
        }
    }
}

/// The description of a regimen, validated by [`Regimen::new`]. Build it with
/// [`RegimenSpec::per_bsa`] or [`RegimenSpec::flat`] and the chained setters; the fields
/// are public for serialisation.
///
/// Administration `k` (0-based) starts at `first_day + k * interval_days` and gives
/// `dose` mg, converted into the unit of the target state: umol (`mg / molar_mass`) if a
/// molar mass is set, mg otherwise. With `infusion_days = 0` it is a bolus
/// ([`Event::Dose`]); otherwise an infusion at constant rate over
/// `[start, start + infusion_days)` ([`Event::Infusion`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegimenSpec {
    /// Full name of the state receiving the drug, e.g. `docetaxel.central`.
    pub target: String,
    /// Dose of each administration.
    pub dose: DoseBasis,
    /// Molar mass (mg/umol) if the target state is in umol; `None` if it is in mg.
    pub molar_mass: Option<f64>,
    /// Day of the first administration (day), finite.
    pub first_day: f64,
    /// Days between the starts of consecutive cycles (day), > 0 if `cycles > 1`.
    pub interval_days: f64,
    /// Number of cycles (administrations), in [1, [`MAX_CYCLES`]].
    pub cycles: u32,
    /// Infusion duration (day), >= 0 and at most `interval_days`; 0 is a bolus.
    pub infusion_days: f64,
}

impl RegimenSpec {
    /// A single bolus on day 0 of `mg_per_m2` (mg/m²) times `bsa_m2` (m²) into `target`,
    /// in mg; change it with the setters.
    pub fn per_bsa(target: impl Into<String>, mg_per_m2: f64, bsa_m2: f64) -> Self {
        Self::with_dose(target.into(), DoseBasis::PerBsa { mg_per_m2, bsa_m2 })
    }

    /// A single bolus on day 0 of a flat dose of `mg` milligrams into `target`, in mg;
    /// change it with the setters.
    pub fn flat(target: impl Into<String>, mg: f64) -> Self {
        Self::with_dose(target.into(), DoseBasis::Flat { mg })
    }

    fn with_dose(target: String, dose: DoseBasis) -> Self {
        Self {
            target,
            dose,
            molar_mass: None,
            first_day: 0.0,
            interval_days: 0.0,
            cycles: 1,
            infusion_days: 0.0,
        }
    }

    /// The target state is in umol: doses are divided by `mg_per_umol` (mg/umol), e.g.
    /// [`DOCETAXEL_MG_PER_UMOL`](crate::DOCETAXEL_MG_PER_UMOL).
    pub fn molar_mass(mut self, mg_per_umol: f64) -> Self {
        self.molar_mass = Some(mg_per_umol);
        self
    }

    /// The first administration is on day `day`.
    pub fn first_day(mut self, day: f64) -> Self {
        self.first_day = day;
        self
    }

    /// `cycles` administrations, one every `interval_days` days (a 21-day cycle: 21).
    pub fn cycles(mut self, cycles: u32, interval_days: f64) -> Self {
        self.cycles = cycles;
        self.interval_days = interval_days;
        self
    }

    /// Each administration is an infusion lasting `days` (day); 0 is a bolus.
    pub fn infusion(mut self, days: f64) -> Self {
        self.infusion_days = days;
        self
    }

    /// Each administration is an infusion lasting `hours` (h), i.e. `hours / 24` days.
    pub fn infusion_hours(self, hours: f64) -> Self {
        self.infusion(hours / 24.0)
    }
}

/// A validated regimen: the administrations of one drug into one state, expanded into
/// core [`Event`]s by [`Regimen::events`]. See [`RegimenSpec`] for the meaning.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Regimen {
    spec: RegimenSpec,
}

impl Regimen {
    /// Validates `spec`.
    ///
    /// Errors, all with model `Regimen`: [`Error::InvalidName`] for a malformed target;
    /// [`Error::InvalidParameter`] naming `dose_mg_per_m2` (mg/m^2), `bsa` (m^2),
    /// `dose_mg` (mg) or `molar_mass` (mg/umol) if not positive and finite, `cycles` if 0
    /// or above [`MAX_CYCLES`], `first_day` if not finite, `interval_days` if not finite
    /// and non-negative (positive when there are several cycles), `infusion_days` if not
    /// finite and non-negative; [`Error::InconsistentParameters`] if an infusion is longer
    /// than the interval, so that consecutive infusions would overlap.
    pub fn new(spec: RegimenSpec) -> Result<Self> {
        if let Some(reason) = name_problem(&spec.target) {
            return Err(Error::InvalidName {
                kind: "state",
                name: spec.target,
                reason,
            });
        }
        match spec.dose {
            DoseBasis::PerBsa { mg_per_m2, bsa_m2 } => {
                require("dose_mg_per_m2", "mg/m^2", ParamRange::POSITIVE, mg_per_m2)?;
                require("bsa", "m^2", ParamRange::POSITIVE, bsa_m2)?;
            }
            DoseBasis::Flat { mg } => require("dose_mg", "mg", ParamRange::POSITIVE, mg)?,
        }
        require("dose_mg", "mg", ParamRange::POSITIVE, spec.dose.mg())?;
        if let Some(molar_mass) = spec.molar_mass {
            require("molar_mass", "mg/umol", ParamRange::POSITIVE, molar_mass)?;
            require(
                "dose_umol",
                "umol",
                ParamRange::POSITIVE,
                spec.dose.mg() / molar_mass,
            )?;
        }
        let cycle_range = ParamRange::closed(1.0, f64::from(MAX_CYCLES));
        require("cycles", "1", cycle_range, f64::from(spec.cycles))?;
        require("first_day", "day", ParamRange::FINITE, spec.first_day)?;
        let interval_range = if spec.cycles > 1 {
            ParamRange::POSITIVE
        } else {
            ParamRange::NON_NEGATIVE
        };
        require("interval_days", "day", interval_range, spec.interval_days)?;
        require(
            "infusion_days",
            "day",
            ParamRange::NON_NEGATIVE,
            spec.infusion_days,
        )?;
        if spec.cycles > 1 && spec.infusion_days > spec.interval_days {
            return Err(Error::InconsistentParameters {
                model: "Regimen".into(),
                reason: format!(
                    "overlapping infusions into `{}`: each infusion lasts {} days but cycles \
                     start every {} days",
                    spec.target, spec.infusion_days, spec.interval_days
                ),
            });
        }
        Ok(Self { spec })
    }

    /// The validated description.
    pub fn spec(&self) -> &RegimenSpec {
        &self.spec
    }

    /// Full name of the target state.
    pub fn target(&self) -> &str {
        &self.spec.target
    }

    /// Unit of the amounts given to the target: `umol` with a molar mass, `mg` without.
    pub fn amount_unit(&self) -> &'static str {
        if self.spec.molar_mass.is_some() {
            oncodyn_core::units::UMOL
        } else {
            oncodyn_core::units::MG
        }
    }

    /// The dose of one administration (mg).
    pub fn dose_mg(&self) -> f64 {
        self.spec.dose.mg()
    }

    /// The amount of one administration, in [`Regimen::amount_unit`] (umol or mg).
    pub fn amount(&self) -> f64 {
        match self.spec.molar_mass {
            Some(molar_mass) => self.dose_mg() / molar_mass,
            None => self.dose_mg(),
        }
    }

    /// The amount of all cycles, `cycles × amount` (umol or mg).
    pub fn total_amount(&self) -> f64 {
        f64::from(self.spec.cycles) * self.amount()
    }

    /// Start times of the administrations (day), increasing.
    pub fn times(&self) -> Vec<f64> {
        (0..self.spec.cycles)
            .map(|k| self.spec.first_day + f64::from(k) * self.spec.interval_days)
            .collect()
    }

    /// The administrations as core events, sorted by time: [`Event::Dose`] boluses, or
    /// [`Event::Infusion`]s if the infusion duration is positive.
    pub fn events(&self) -> Vec<Event> {
        let amount = self.amount();
        let target = &self.spec.target;
        let duration = self.spec.infusion_days;
        self.times()
            .into_iter()
            .map(|t| {
                if duration > 0.0 {
                    Event::infusion(t, duration, target.as_str(), amount)
                } else {
                    Event::dose(t, target.as_str(), amount)
                }
            })
            .collect()
    }

    /// Checks the regimen against a composed model: the target state exists
    /// ([`Error::UnknownState`] with the nearest name otherwise) and has the unit of the
    /// amounts ([`Error::InconsistentParameters`] otherwise, e.g. a dose in mg into a
    /// state in umol because the molar mass was not set).
    pub fn check_against(&self, model: &Model) -> Result<()> {
        let index = model.state_index(&self.spec.target)?;
        let unit = model.states()[index].unit.as_str();
        if unit != self.amount_unit() {
            let remedy = if self.spec.molar_mass.is_some() {
                "remove the molar mass"
            } else {
                "set the molar mass"
            };
            return Err(Error::InconsistentParameters {
                model: "Regimen".into(),
                reason: format!(
                    "target `{}` is in {unit} but the regimen gives {}: {remedy}",
                    self.spec.target,
                    self.amount_unit()
                ),
            });
        }
        Ok(())
    }
}

/// Body-surface area (m²) by the formula of Mosteller: `sqrt(height × weight / 3600)`
/// with height in cm and weight in kg (180 cm and 64.8 kg give 1.8 m²).
///
/// Source: Mosteller RD (1987) Simplified calculation of body-surface area. N Engl J Med
/// 317(17):1098.
///
/// Fails with [`Error::InvalidParameter`] (model `Regimen`) naming `height_cm` or
/// `weight_kg` if it is not positive and finite.
pub fn bsa_mosteller(height_cm: f64, weight_kg: f64) -> Result<f64> {
    require("height_cm", "cm", ParamRange::POSITIVE, height_cm)?;
    require("weight_kg", "kg", ParamRange::POSITIVE, weight_kg)?;
    Ok((height_cm * weight_kg / 3600.0).sqrt())
}

/// `Ok` if `value` lies in `range`, else [`Error::InvalidParameter`] of model `Regimen`.
fn require(name: &str, unit: &str, range: ParamRange, value: f64) -> Result<()> {
    crate::fractionation::require_in("Regimen", name, unit, range, value)
}
