//! Suite `tissue/radiation`: linear-quadratic survival applied by the [`NormalTissue`]
//! sub-model on radiation-fraction events (LQ-5 to LQ-8) and repopulation between
//! fractions against the logistic and homeostatic closed forms (RAD-1, RAD-2).

use super::RADIATION_SUITE as SUITE;
use crate::radiation::{NormalTissue, NormalTissueParams, Regrowth};
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions};

/// LQ-5: S(2 Gy) at alpha = 0.1/Gy, beta = 0.01/Gy^2.
pub const LQ5_SURVIVAL: f64 = 0.786628;
/// LQ-6: S(2 Gy) at alpha = 0.3/Gy, beta = 0.03/Gy^2.
pub const LQ6_SURVIVAL: f64 = 0.486752;
/// LQ-7: survival after 30 x 2 Gy at alpha = 0.3/Gy, beta = 0.03/Gy^2.
pub const LQ7_SURVIVAL: f64 = 4.1614e-10;

const SRC_LQ: &str =
    "Fowler JF (1989) Br J Radiol 62:679-694, S(d) = exp(-alpha d - beta d^2) (exact arithmetic)";
const SRC_REPOP: &str = "logistic / homeostatic regrowth closed forms between instantaneous LQ kills (exact consequence)";

/// Weekday fraction days: 5 fractions a week (Monday to Friday), `n` in total.
fn weekday_schedule(n: usize) -> Vec<f64> {
    (0..n).map(|k| (7 * (k / 5) + k % 5) as f64).collect()
}

/// Surviving fraction `N/K` after `days` fractions of `dose` Gy, observed at `end` (day).
fn surviving_fraction(
    params: NormalTissueParams,
    regrowth: Regrowth,
    days: &[f64],
    dose: f64,
    end: f64,
) -> Result<f64> {
    let tissue = NormalTissue::new("mucosa", params, regrowth)?;
    let model = Model::new(vec![Box::new(tissue)])?;
    let events: Vec<Event> = days
        .iter()
        .map(|&t| Event::radiation(t, None, dose))
        .collect();
    let options = SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-12, 1e-30)
        .output(Output::Times(vec![end]));
    let trajectory = simulate(&model, (0.0, end), &events, &options)?;
    Ok(trajectory
        .column("mucosa.surviving_fraction")?
        .first()
        .copied()
        .unwrap_or(f64::NAN))
}

/// Runs the suite.
pub(crate) fn run() -> Result<Vec<CaseRecord>> {
    let no_regrowth = |alpha, beta| NormalTissueParams::new(alpha, beta, 0.0, 1e9);
    let single = |alpha, beta| -> Result<f64> {
        surviving_fraction(
            no_regrowth(alpha, beta)?,
            Regrowth::Logistic,
            &[1.0],
            2.0,
            2.0,
        )
    };
    let schedule = weekday_schedule(30);
    let last = schedule.last().copied().unwrap_or(0.0);
    let course = surviving_fraction(
        no_regrowth(0.3, 0.03)?,
        Regrowth::Logistic,
        &schedule,
        2.0,
        last + 1.0,
    )?;
    let closed = (-30.0f64 * (0.3 * 2.0 + 0.03 * 4.0)).exp();
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            "LQ-5 one 2 Gy fraction",
            SRC_LQ,
            "N/K after 2 Gy, alpha 0.1/Gy, beta 0.01/Gy^2, no regrowth",
            LQ5_SURVIVAL,
            single(0.1, 0.01)?,
            1e-6,
        ),
        CaseRecord::relative(
            SUITE,
            "LQ-6 one 2 Gy fraction",
            SRC_LQ,
            "N/K after 2 Gy, alpha 0.3/Gy, beta 0.03/Gy^2, no regrowth",
            LQ6_SURVIVAL,
            single(0.3, 0.03)?,
            1e-6,
        ),
        CaseRecord::relative(
            SUITE,
            "LQ-7 30 x 2 Gy",
            SRC_LQ,
            "N/K after 30 weekday fractions of 2 Gy, alpha 0.3, beta 0.03, no regrowth",
            LQ7_SURVIVAL,
            course,
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            "LQ-8 fractions as instantaneous kills",
            SRC_LQ,
            "N/K in the ODE vs exp(-n (alpha d + beta d^2)), n = 30, d = 2 Gy",
            closed,
            course,
            1e-12,
        ),
    ];

    // RAD-1 / RAD-2: one 8 Gy fraction at day 1, then regrowth for 20 days.
    let (alpha, beta, rate, dose, wait) = (0.3, 0.03, 0.2, 8.0, 20.0);
    let params = NormalTissueParams::new(alpha, beta, rate, 1e9)?;
    let s0 = (-alpha * dose - beta * dose * dose).exp();
    let logistic = 1.0 / (1.0 + (1.0 / s0 - 1.0) * (-rate * wait).exp());
    let homeostatic = 1.0 - (1.0 - s0) * (-rate * wait).exp();
    records.push(CaseRecord::relative(
        SUITE,
        "RAD-1 logistic repopulation",
        SRC_REPOP,
        "N/K 20 d after one 8 Gy fraction, r = 0.2/day: 1/(1 + (1/S - 1) exp(-r t))",
        logistic,
        surviving_fraction(params, Regrowth::Logistic, &[1.0], dose, 1.0 + wait)?,
        1e-9,
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "RAD-2 homeostatic repopulation",
        SRC_REPOP,
        "N/K 20 d after one 8 Gy fraction, r = 0.2/day: 1 - (1 - S) exp(-r t)",
        homeostatic,
        surviving_fraction(params, Regrowth::Homeostatic, &[1.0], dose, 1.0 + wait)?,
        1e-9,
    ));
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_schedule_skips_weekends() {
        let days: Vec<i64> = weekday_schedule(7)
            .iter()
            .map(|d| d.round() as i64)
            .collect();
        assert_eq!(days, [0, 1, 2, 3, 4, 7, 8]);
    }
}
