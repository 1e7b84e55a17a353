//! Treatment tables of a scenario file and how each becomes events.

use crate::build::Context;
use crate::error::Result;
use oncodyn_core::Event;
use serde::Deserialize;
use toml::Spanned;

/// `[[regimen]]`: repeated doses of a `[[drug]]` (converted to umol with its molar mass)
/// or of an `[[antibody]]` (mg).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimenSpec {
    /// Name used by arms.
    pub name: Spanned<String>,
    /// The drug or antibody dosed.
    pub drug: Spanned<String>,
    /// Dose per body-surface area (mg/m²), scaled by `[patient] body_surface_area_m2`.
    #[serde(default)]
    pub dose_mg_per_m2: Option<f64>,
    /// Flat dose (mg); exactly one of the two dose keys.
    #[serde(default)]
    pub dose_mg: Option<f64>,
    /// Day of the first dose (default 0).
    #[serde(default)]
    pub first_day: f64,
    /// Days between doses (default 21).
    #[serde(default = "default_interval")]
    pub interval_days: f64,
    /// Number of doses.
    pub cycles: u32,
    /// Infusion duration (hours); 0 (default) is a bolus.
    #[serde(default)]
    pub infusion_hours: f64,
}

fn default_interval() -> f64 {
    21.0
}

/// `[[cell_infusion]]`: repeated stem-cell doses into a `[[stem_cells]]` population
/// (intravenous) or a `[[regenerative_cells]]` pool (the engrafting fraction only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellInfusionSpec {
    /// Name used by arms.
    pub name: Spanned<String>,
    /// The `[[stem_cells]]` or `[[regenerative_cells]]` receiving the cells.
    pub into: Spanned<String>,
    /// Cells infused per dose.
    #[serde(default)]
    pub cells: Option<f64>,
    /// Cells per kg of `[patient] body_weight_kg`, instead of `cells`.
    #[serde(default)]
    pub cells_per_kg: Option<f64>,
    /// Fraction of the infused cells that reach the target pool (default 1; the flagship's
    /// marrow engraftment fraction 0.02 is an assumption).
    #[serde(default = "default_fraction")]
    pub fraction: f64,
    /// Day of the first dose (default 0).
    #[serde(default)]
    pub first_day: f64,
    /// Days between doses (default 21).
    #[serde(default = "default_interval")]
    pub interval_days: f64,
    /// Number of doses.
    pub count: u32,
}

fn default_fraction() -> f64 {
    1.0
}

/// `[[radiotherapy]]`: fractions on weekdays (Monday–Friday).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RadiotherapySpec {
    /// Name used by arms.
    pub name: Spanned<String>,
    /// Irradiated tumor site (default: every radiosensitive sub-model).
    #[serde(default)]
    pub site: Option<Spanned<String>>,
    /// Dose per fraction (Gy).
    pub dose_gy: f64,
    /// Number of fractions.
    pub fractions: u32,
    /// Day of the first fraction (default 0, moved to the next weekday if needed).
    #[serde(default)]
    pub first_day: u32,
    /// Weekday of day 0: `"monday"` (default) … `"sunday"`.
    #[serde(default)]
    pub day0_weekday: Option<Spanned<String>>,
}

/// `[[arm]]`: one treatment arm of the shared patient.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmSpec {
    /// Short name (`A`), used in file names.
    pub name: Spanned<String>,
    /// Description (`chemo + regen`).
    #[serde(default)]
    pub label: String,
    /// Names of the regimens, cell infusions and radiotherapy courses it gives.
    #[serde(default)]
    pub treatments: Vec<Spanned<String>>,
}

impl RegimenSpec {
    pub(crate) fn events(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        use oncodyn_therapy::{Regimen, RegimenSpec as TherapyRegimen};
        let target = ctx.dosed_state(&self.drug)?;
        let mut spec = match (self.dose_mg_per_m2, self.dose_mg) {
            (Some(per_m2), None) => {
                TherapyRegimen::per_bsa(target.state, per_m2, ctx.file.patient.body_surface_area_m2)
            }
            (None, Some(mg)) => TherapyRegimen::flat(target.state, mg),
            _ => {
                return Err(ctx.source.error_at(
                    Some(self.name.span()),
                    "give exactly one of `dose_mg_per_m2` and `dose_mg`".into(),
                    None,
                ))
            }
        }
        .first_day(self.first_day)
        .cycles(self.cycles, self.interval_days)
        .infusion_hours(self.infusion_hours);
        if let Some(molar_mass) = target.molar_mass {
            spec = spec.molar_mass(molar_mass);
        }
        let regimen = Regimen::new(spec).map_err(|e| ctx.located(&self.name, e))?;
        Ok(regimen.events())
    }
}

impl CellInfusionSpec {
    pub(crate) fn events(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        let per_dose = match (self.cells, self.cells_per_kg) {
            (Some(cells), None) => cells,
            (None, Some(per_kg)) => per_kg * ctx.file.patient.body_weight_kg,
            _ => {
                return Err(ctx.source.error_at(
                    Some(self.name.span()),
                    "give exactly one of `cells` and `cells_per_kg`".into(),
                    None,
                ))
            }
        };
        let invalid = |what: &str| {
            ctx.source
                .error_at(Some(self.name.span()), what.to_string(), None)
        };
        if !(per_dose.is_finite() && per_dose >= 0.0) {
            return Err(invalid("the cell dose must be finite and non-negative"));
        }
        if !(0.0..=1.0).contains(&self.fraction) {
            return Err(invalid("`fraction` must be in [0, 1]"));
        }
        let interval_ok = self.interval_days.is_finite() && self.interval_days > 0.0;
        let first_ok = self.first_day.is_finite() && self.first_day >= 0.0;
        if self.count == 0 || !interval_ok || !first_ok {
            return Err(invalid(
                "`count` must be at least 1, `interval_days` positive and `first_day` non-negative",
            ));
        }
        let state = ctx.cell_state(&self.into)?;
        Ok((0..self.count)
            .map(|k| {
                Event::dose(
                    self.first_day + f64::from(k) * self.interval_days,
                    state.clone(),
                    per_dose * self.fraction,
                )
            })
            .collect())
    }
}

impl RadiotherapySpec {
    pub(crate) fn events(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        use oncodyn_therapy::{FractionSchedule, FractionSpec, Weekday};
        let weekdays = [
            ("monday", Weekday::Monday),
            ("tuesday", Weekday::Tuesday),
            ("wednesday", Weekday::Wednesday),
            ("thursday", Weekday::Thursday),
            ("friday", Weekday::Friday),
            ("saturday", Weekday::Saturday),
            ("sunday", Weekday::Sunday),
        ];
        let day0 = match &self.day0_weekday {
            None => Weekday::Monday,
            Some(name) => match weekdays.iter().find(|(key, _)| key == name.get_ref()) {
                Some((_, day)) => *day,
                None => {
                    let keys: Vec<&str> = weekdays.iter().map(|(k, _)| *k).collect();
                    return Err(ctx.source.invalid(
                        name,
                        format!("unknown weekday `{}`", name.get_ref()),
                        &keys,
                    ));
                }
            },
        };
        let mut spec = FractionSpec::weekdays(self.dose_gy, self.fractions)
            .first_day(self.first_day)
            .day0_weekday(day0);
        if let Some(site) = &self.site {
            ctx.require_site(site)?;
            spec = spec.target(site.get_ref().as_str());
        }
        let schedule = FractionSchedule::new(spec).map_err(|e| ctx.located(&self.name, e))?;
        Ok(schedule.events())
    }
}
