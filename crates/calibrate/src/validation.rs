//! Validation suite `calibrate/fit`: calibration round trips (exact data recovered to tight
//! tolerance, noisy data within 3 standard errors) through a closed form and through a
//! composed ODE model, the Simpson-Herren (1974) Lewis lung table as an independent fit,
//! and GL-13 sanity checks on the Laleh et al. (2022) data.
//!
//! Reference numbers are embedded as cited constants; the Laleh data are the bundled copy.

use crate::comparison::{compare, held_out_error, ComparisonOptions};
use crate::fit::{fit_closed_form, fit_model, Fit, FitOptions};
use crate::laleh;
use crate::models::GrowthModel;
use crate::params::{FreeParameter, Selection};
use crate::predict::Observation;
use crate::series::Series;
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{units, Method, Model, ParamRange, Result, SolverOptions};
use oncodyn_tumor::{Gompertz, TumorSite};
use rand::distr::Distribution;
use rand::rngs::Xoshiro256PlusPlus;
use rand::SeedableRng;

/// Suite name of every record.
pub const SUITE: &str = "calibrate/fit";

/// Simpson-Herren L, Sanford AH, Holmquist JP (1974) "Cell population kinetics of
/// transplanted and metastatic Lewis lung carcinoma", *Cell Tissue Kinet* 7:349-361:
/// Lewis lung tumour weight (mg) on days 0, 1, …, 22 (one value per day; as reproduced on
/// a course page, the original table was not accessible).
pub const SIMPSON_HERREN_1974_MG: [f64; 23] = [
    324.0, 394.0, 534.0, 775.0, 1135.0, 1250.0, 1410.0, 1540.0, 1730.0, 2490.0, 2440.0, 3750.0,
    3790.0, 5190.0, 4940.0, 5830.0, 5400.0, 6070.0, 7980.0, 7900.0, 8300.0, 8980.0, 9340.0,
];

/// True parameters of the round trips: Gompertz `r` (1/day), `K` (cells), `v0` (cells).
pub const ROUND_TRIP_TRUTH: [f64; 3] = [0.08, 5000.0, 50.0];
/// Standard deviation of the additive Gaussian noise of the noisy round trips (cells).
pub const NOISE_SD: f64 = 20.0;
/// Seed of the noise generator (Xoshiro256++).
pub const NOISE_SEED: u64 = 1974;
/// Relative tolerance of parameters recovered from exact data (closed form).
pub const EXACT_REL_TOL: f64 = 1e-6;
/// Relative tolerance of parameters recovered from exact data through the ODE model
/// (Dop853, `rtol = 1e-10`).
pub const EXACT_ODE_REL_TOL: f64 = 1e-5;
/// Noisy round trips pass when every estimate lies within this many standard errors.
pub const SE_MULTIPLE: f64 = 3.0;

const SRC_ROUND_TRIP: &str = "round trip: data simulated from the Gompertz closed form v = K (v0/K)^exp(-r t) (Gompertz 1825, Phil Trans R Soc Lond 115:513-583) with known parameters";
const SRC_SH: &str = "Simpson-Herren L et al. (1974) Cell Tissue Kinet 7:349-361, Lewis lung tumour weights days 0-22";
const SRC_LALEH: &str = "Laleh NG et al. (2022) PLoS Comput Biol 18(2):e1009822, lesion data as restructured in TumorGrowth.jl";
const NAMES: [&str; 3] = ["r", "k", "v0"];

fn gompertz_free(initial: [f64; 3]) -> Result<Vec<FreeParameter>> {
    Ok(vec![
        FreeParameter::of::<Gompertz>("r", initial[0])?,
        FreeParameter::of::<Gompertz>("k", initial[1])?,
        FreeParameter::new("v0", units::CELLS, ParamRange::POSITIVE, initial[2]),
    ])
}

fn gompertz(t: f64, p: &[f64]) -> f64 {
    Gompertz { r: p[0], k: p[1] }.closed_form(p[2], t)
}

/// Round-trip data: the true curve at `times`, plus seeded noise when `noisy`.
fn round_trip_series(times: &[f64], noisy: bool) -> Result<Series> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(NOISE_SEED);
    let noise = statrs::distribution::Normal::new(0.0, NOISE_SD).map_err(|e| {
        oncodyn_core::Error::InconsistentParameters {
            model: "noise".into(),
            reason: e.to_string(),
        }
    })?;
    let values = times
        .iter()
        .map(|&t| {
            let exact = gompertz(t, &ROUND_TRIP_TRUTH);
            if noisy {
                exact + noise.sample(&mut rng)
            } else {
                exact
            }
        })
        .collect();
    Ok(Series::new(
        if noisy { "noisy" } else { "exact" },
        times.to_vec(),
        values,
    )?)
}

fn recovery_records(case: &str, fit: &Fit, exact: bool, rel: f64) -> Vec<CaseRecord> {
    let mut records = Vec::new();
    for (k, name) in NAMES.iter().enumerate() {
        let truth = ROUND_TRIP_TRUTH[k];
        let value = fit.values[k];
        let quantity = format!("fitted {name} ({})", status_text(fit));
        records.push(if exact {
            let mut record =
                CaseRecord::relative(SUITE, case, SRC_ROUND_TRIP, quantity, truth, value, rel);
            record.passed &= fit.converged();
            record
        } else {
            match fit.standard_errors[k] {
                Some(se) => {
                    let mut record = CaseRecord::absolute(
                        SUITE,
                        case,
                        SRC_ROUND_TRIP,
                        format!(
                            "{quantity}, within {SE_MULTIPLE} SE = {:.3e}",
                            SE_MULTIPLE * se
                        ),
                        truth,
                        value,
                        SE_MULTIPLE * se,
                    );
                    record.passed &= fit.converged();
                    record
                }
                None => CaseRecord::independent(
                    SUITE,
                    case,
                    SRC_ROUND_TRIP,
                    quantity,
                    value,
                    "standard error defined",
                    false,
                ),
            }
        });
    }
    records
}

fn status_text(fit: &Fit) -> String {
    format!("{:?}, {} iterations", fit.status, fit.iterations)
}

fn closed_form_round_trips(times: &[f64]) -> Result<Vec<CaseRecord>> {
    let start = gompertz_free([0.05, 8000.0, 80.0])?;
    let options = FitOptions::default();
    let mut records = Vec::new();
    for noisy in [false, true] {
        let series = round_trip_series(times, noisy)?;
        let fit = fit_closed_form(&series, &start, gompertz, &options)?;
        let case = if noisy {
            "round trip, closed-form Gompertz, noisy data"
        } else {
            "round trip, closed-form Gompertz, exact data"
        };
        records.extend(recovery_records(case, &fit, !noisy, EXACT_REL_TOL));
    }
    Ok(records)
}

fn ode_round_trips(times: &[f64]) -> Result<Vec<CaseRecord>> {
    let base = Gompertz::new(0.05, 8000.0)?;
    let selection = Selection::new(&base, &["r", "k"])?;
    let mut free = selection.free_parameters();
    free.push(FreeParameter::from_spec(&TumorSite::INITIAL_CELLS, 80.0));
    let build = |p: &[f64]| -> Result<Model> {
        let law = selection
            .build(&p[..2])
            .map_err(oncodyn_core::Error::from)?;
        let site = TumorSite::new("tumor", law, p[2])?;
        Model::new(vec![Box::new(site)])
    };
    let observation = Observation::new("tumor.cells")
        .with_solver(SolverOptions::with_method(Method::Dop853).tolerances(1e-10, 1e-8));
    let options = FitOptions::default();
    let mut records = Vec::new();
    for noisy in [false, true] {
        let series = round_trip_series(times, noisy)?;
        let fit = fit_model(&series, &free, build, &observation, &options)?;
        let case = if noisy {
            "round trip, TumorSite(Gompertz) ODE model, noisy data"
        } else {
            "round trip, TumorSite(Gompertz) ODE model, exact data"
        };
        records.extend(recovery_records(case, &fit, !noisy, EXACT_ODE_REL_TOL));
    }
    Ok(records)
}

fn simpson_herren() -> Result<Vec<CaseRecord>> {
    let times: Vec<f64> = (0..SIMPSON_HERREN_1974_MG.len())
        .map(|d| d as f64)
        .collect();
    let series = Series::positive(
        "Simpson-Herren 1974",
        times,
        SIMPSON_HERREN_1974_MG.to_vec(),
    )?;
    let start = gompertz_free([0.1, 20_000.0, 324.0])?;
    let fit = fit_closed_form(&series, &start, gompertz, &FitOptions::default())?;
    let case = "Simpson-Herren 1974 Lewis lung, Gompertz fit (r 1/day, K mg, v0 mg)";
    let all_se = fit.standard_errors.iter().all(Option::is_some);
    let mut records: Vec<CaseRecord> = NAMES
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let se = fit.standard_errors[k].map_or("undefined".into(), |s| format!("{s:.4}"));
            CaseRecord::independent(
                SUITE,
                case,
                SRC_SH,
                format!("fitted {name} (SE {se})"),
                fit.values[k],
                "converged, every standard error defined",
                fit.converged() && all_se,
            )
        })
        .collect();
    let rmse = (fit.sse / (series.len() - NAMES.len()) as f64).sqrt();
    records.push(CaseRecord::independent(
        SUITE,
        case,
        SRC_SH,
        "residual standard deviation s (mg)",
        rmse,
        "s below 10 % of the largest weight",
        rmse < 0.1 * 9340.0,
    ));
    Ok(records)
}

/// Counts the series whose `readings` column says at least `min` (a column the loader
/// does not use, so the count checks the grouping by `Pt_hashID`).
fn series_with_readings(min: usize) -> Result<usize> {
    let mut reader = csv::Reader::from_reader(laleh::BUNDLED_CSV.as_bytes());
    let csv_problem = |reason: String| oncodyn_core::Error::InconsistentParameters {
        model: "laleh2022".into(),
        reason,
    };
    let headers = reader
        .headers()
        .map_err(|e| csv_problem(e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| csv_problem(format!("no column `{name}`")))
    };
    let (id_col, readings_col) = (column(laleh::ID_COLUMN)?, column("readings")?);
    let mut seen = std::collections::HashSet::new();
    let mut count = 0;
    for record in reader.records() {
        let record = record.map_err(|e| csv_problem(e.to_string()))?;
        let id = record.get(id_col).unwrap_or_default().to_string();
        let readings: usize = record
            .get(readings_col)
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        if readings >= min && seen.insert(id) {
            count += 1;
        }
    }
    Ok(count)
}

fn laleh_sanity(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let series = laleh::bundled()?;
    let options = ComparisonOptions::default();
    let long: Vec<&Series> = series
        .iter()
        .filter(|s| s.len() >= options.min_readings)
        .collect();
    let from_column = series_with_readings(options.min_readings)?;
    let mut records = vec![CaseRecord::independent(
        SUITE,
        "GL-13 Laleh 2022: series with >= 6 readings",
        SRC_LALEH,
        "number of series",
        long.len() as f64,
        "equals the count from the file's `readings` column",
        long.len() == from_column && !long.is_empty(),
    )];
    let sample: Vec<Series> = match fidelity {
        Fidelity::Quick => long.iter().step_by(20).map(|s| (*s).clone()).collect(),
        Fidelity::Full => long.iter().map(|s| (*s).clone()).collect(),
    };
    let comparison = match fidelity {
        Fidelity::Quick => None,
        Fidelity::Full => Some(compare(&sample, &options)?),
    };
    for model in GrowthModel::ALL {
        let (fitted, not_converged) = match &comparison {
            Some(c) => c
                .summaries
                .iter()
                .find(|s| s.model == model)
                .map_or((0, 0), |s| (s.fitted, s.not_converged)),
            None => {
                let scores: Vec<_> = sample
                    .iter()
                    .filter_map(|s| held_out_error(model, s, options.holdout, &options.fit))
                    .collect();
                let not_converged = scores.iter().filter(|s| !s.converged).count();
                (scores.len(), not_converged)
            }
        };
        let fraction = fitted as f64 / sample.len().max(1) as f64;
        records.push(CaseRecord::independent(
            SUITE,
            format!(
                "GL-13 Laleh 2022: {} fits on {} series",
                model.name(),
                sample.len()
            ),
            SRC_LALEH,
            format!(
                "fraction of successful fits (training on all but the last 2 readings; \
                 {not_converged} of them stopped at the evaluation limit)"
            ),
            fraction,
            "at least 90 % of the fits succeed",
            fraction >= 0.9,
        ));
        if let Some(summary) = comparison
            .as_ref()
            .and_then(|c| c.summaries.iter().find(|s| s.model == model))
        {
            let mean = summary.mean_error.unwrap_or(f64::NAN);
            records.push(CaseRecord::independent(
                SUITE,
                format!("GL-13 Laleh 2022: {} held-out error", model.name()),
                SRC_LALEH,
                "mean absolute error on the last 2 readings (normalised volume)",
                mean,
                "finite and non-negative",
                mean >= 0.0,
            ));
        }
    }
    Ok(records)
}

/// Runs the suite `calibrate/fit`. [`Fidelity::Quick`] uses fewer data points in the round
/// trips and a 1-in-20 sample of the Laleh series (same tolerances); [`Fidelity::Full`]
/// runs the whole comparison protocol.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let step = match fidelity {
        Fidelity::Quick => 4.0,
        Fidelity::Full => 2.0,
    };
    let times: Vec<f64> = (0..=(40.0 / step) as usize)
        .map(|k| k as f64 * step)
        .collect();
    let mut records = closed_form_round_trips(&times)?;
    records.extend(ode_round_trips(&times)?);
    records.extend(simpson_herren()?);
    records.extend(laleh_sanity(fidelity)?);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_suite_passes() {
        let records = run(Fidelity::Quick).unwrap();
        oncodyn_core::testing::assert_all_passed(&records);
        assert!(records.iter().all(|r| r.suite == SUITE));
    }
}
