//! The single-dose docetaxel scenario of the myelosuppression cases: the PK test fixture
//! publishing `docetaxel.concentration`, a [`Friberg`] chain `neutrophils` with a preset's
//! drug effect, optionally regenerative stem cells `regen` supporting the feedback.

use super::fixtures::{PkFixture, DOCETAXEL_MG_PER_UMOL};
use crate::endpoints::{Extremum, Series};
use crate::friberg::{Friberg, FribergPreset};
use crate::regeneration::{RegenerationParams, RegenerativeCells, RegenerativeCellsParams};
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions, SubModel};

/// Solver settings of the scenario simulations.
pub(crate) const SCENARIO_SOLVER: &str = "BDF rtol 1e-10 atol 1e-12, output every 0.01 day";

/// Output step of the scenario simulations (day).
const OUTPUT_STEP: f64 = 0.01;

/// Which PK fixture drives the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pk {
    /// Bruno et al. (1996) three compartments, IV bolus.
    Bruno,
    /// Onoue et al. (2016) two compartments, 1 h infusion.
    Onoue,
}

/// One single-dose run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scenario {
    pub preset: FribergPreset,
    pub pk: Pk,
    /// Docetaxel dose (mg).
    pub dose_mg: f64,
    /// Regenerative cells engrafted: (day, cells), with the flagship support parameters.
    pub regen: Option<(f64, f64)>,
    /// Simulated span `[0, horizon]` (day).
    pub horizon: f64,
}

/// What the cases read from a run.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// Circulating count (10^9/L) at every output time.
    pub circ: Series,
    /// Concentration (uM) at every output time.
    pub concentration: Series,
    /// Baseline `Circ0` (10^9/L).
    pub circ0: f64,
}

impl Outcome {
    /// Nadir over the whole run.
    pub fn nadir(&self) -> Extremum {
        self.circ.nadir()
    }

    /// Value of the circulating count at the output time closest to `day`.
    pub fn circ_at(&self, day: f64) -> f64 {
        value_at(&self.circ, day)
    }

    /// First return to `>= Circ0` after the drug-induced dip (day).
    pub fn return_to_baseline(&self) -> Result<Option<f64>> {
        Ok(self.circ.recovery(self.circ0, 0.0)?.day())
    }

    /// Rebound maximum after the nadir.
    pub fn rebound_max(&self) -> Result<Extremum> {
        let end = self.circ.times().last().copied().unwrap_or(0.0);
        self.circ.peak_in(self.nadir().day, end)
    }
}

/// Value of `series` at the output time closest to `day`.
pub(crate) fn value_at(series: &Series, day: f64) -> f64 {
    let times = series.times();
    let mut best = 0;
    for (k, t) in times.iter().enumerate() {
        if (t - day).abs() < (times[best] - day).abs() {
            best = k;
        }
    }
    series.values()[best]
}

/// Runs `scenario`.
pub(crate) fn run_scenario(scenario: &Scenario) -> Result<Outcome> {
    let pk = match scenario.pk {
        Pk::Bruno => PkFixture::bruno_1996("docetaxel"),
        Pk::Onoue => PkFixture::onoue_2016("docetaxel"),
    };
    let central = pk.central();
    let mut chain =
        Friberg::from_preset("neutrophils", &scenario.preset, "docetaxel.concentration")?;
    let mut submodels: Vec<Box<dyn SubModel>> = vec![Box::new(pk)];
    let amount = scenario.dose_mg / DOCETAXEL_MG_PER_UMOL;
    let infusion = 1.0 / 24.0;
    let mut events = vec![match scenario.pk {
        Pk::Bruno => Event::dose(0.0, central, amount),
        Pk::Onoue => Event::infusion(0.0, infusion, central, amount),
    }];
    if let Some((day, cells)) = scenario.regen {
        let pool = RegenerativeCells::new("regen", RegenerativeCellsParams::flagship())?;
        chain =
            chain.with_regeneration(&pool.engrafted_signal(), RegenerationParams::flagship())?;
        events.push(Event::dose(day, pool.engrafted_state(), cells));
        submodels.push(Box::new(pool));
    }
    submodels.push(Box::new(chain));
    let model = Model::new(submodels)?;
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-10, 1e-12)
        .output(Output::Times(output_times(scenario.horizon, infusion)));
    let trajectory = simulate(&model, (0.0, scenario.horizon), &events, &options)?;
    Ok(Outcome {
        circ: Series::from_trajectory(&trajectory, "neutrophils.circulating")?,
        concentration: Series::from_trajectory(&trajectory, "docetaxel.concentration")?,
        circ0: scenario.preset.params.circ0,
    })
}

/// Output grid every [`OUTPUT_STEP`] on `[0, horizon]` plus the end of the infusion.
fn output_times(horizon: f64, infusion_end: f64) -> Vec<f64> {
    let n = (horizon / OUTPUT_STEP).round() as usize;
    let mut times: Vec<f64> = (0..=n)
        .map(|k| (k as f64 * OUTPUT_STEP).min(horizon))
        .collect();
    times.push(infusion_end);
    times.sort_by(f64::total_cmp);
    times.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    times
}

/// Docetaxel concentration in mg/L from uM.
pub(crate) fn um_to_mg_per_l(concentration_um: f64) -> f64 {
    concentration_um * DOCETAXEL_MG_PER_UMOL
}
