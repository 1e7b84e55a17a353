//! Suite `therapy/regimens`: regimen and fractionation arithmetic, and a merged combination
//! plan simulated through `oncodyn-core`.
//!
//! - **REG-1**: 75 mg/m² × 1.8 m² = 135 mg = 135 / 0.808 umol per administration (exact, D).
//! - **REG-2**: six 21-day cycles from day 0: last administration on day 105, total
//!   6 × 135 mg = 810 mg (exact, D).
//! - **REG-3**: 1-hour infusions: rate × duration = amount, end = start + 1/24 day (exact, D).
//! - **RT-1**: 30 × 2 Gy on weekdays starting on a Monday (day 0): last fraction on day 39,
//!   total 60 Gy, no fraction on a weekend (exact, D).
//! - **RT-2**: the same with day 0 a Saturday: first fraction on day 2 (Monday), last on
//!   day 41 (exact, D).
//! - **RT-3**: starting on day 3 (a Thursday): last fraction on day 44 (exact, D).
//! - **PLAN-1**: docetaxel 75 mg/m² q21d × 6 + anti-PD-1 200 mg q21d × 18 + 30 × 2 Gy:
//!   54 events, sorted, the last on day 357 (exact, D).
//! - **PLAN-2**: that plan simulated (BDF) with docetaxel (Bruno 1996) and the antibody:
//!   docetaxel exposure at day 400 = 6 doses / CL, antibody amount at day 400 = the sum of
//!   decayed doses (exact, D).

use super::{value, BDF_TOLERANCES, REL_TOL};
use crate::{
    mg_to_umol, Antibody, FractionSchedule, FractionSpec, LinearPk, Regimen, RegimenSpec,
    TreatmentPlan, Weekday, DOCETAXEL_MG_PER_UMOL,
};
use oncodyn_core::validation::CaseRecord;
use oncodyn_core::{simulate, Event, Model, Output, Result, SolverOptions};

/// Suite name of the records of this module.
pub const SUITE: &str = "therapy/regimens";

const ARITHMETIC: &str = "regimen arithmetic: dose (mg/m^2) x BSA (m^2), cycles x interval";
const WEEKDAYS: &str = "calendar arithmetic: 5 fractions per week, Monday to Friday \
                        (conventional fractionation, Fowler JF (1989) Br J Radiol 62:679-694)";
const CLOSED_FORM: &str = "closed forms: AUC = total dose / (k10 V1) (Bruno R et al. 1996 \
                           parameters); antibody amount = sum of D exp(-kel (t - t_i))";

/// Runs the suite.
pub(super) fn run(records: &mut Vec<CaseRecord>) -> Result<()> {
    drug_regimens(records)?;
    fractionation(records)?;
    combination(records)?;
    Ok(())
}

/// The flagship docetaxel regimen: 75 mg/m² × 1.8 m², six 21-day cycles from day 0.
fn docetaxel_regimen(infusion_hours: f64) -> Result<Regimen> {
    Regimen::new(
        RegimenSpec::per_bsa("docetaxel.central", 75.0, 1.8)
            .molar_mass(DOCETAXEL_MG_PER_UMOL)
            .cycles(6, 21.0)
            .infusion_hours(infusion_hours),
    )
}

/// REG-1 to REG-3.
fn drug_regimens(records: &mut Vec<CaseRecord>) -> Result<()> {
    let bolus = docetaxel_regimen(0.0)?;
    records.push(exact(
        "REG-1 dose of one administration",
        ARITHMETIC,
        "dose [mg]: 75 mg/m^2 x 1.8 m^2",
        135.0,
        bolus.dose_mg(),
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "REG-1 amount of one administration",
        ARITHMETIC,
        "docetaxel.central dose [umol]: 135 mg / 0.808 mg/umol",
        135.0 / 0.808,
        bolus.amount(),
        1e-15,
    ));
    let times = bolus.times();
    records.push(exact(
        "REG-2 number of administrations",
        ARITHMETIC,
        "count of events",
        6.0,
        bolus.events().len() as f64,
    ));
    records.push(exact(
        "REG-2 day of the last administration",
        ARITHMETIC,
        "start of cycle 6 [day]: 5 x 21",
        105.0,
        times.last().copied().unwrap_or(f64::NAN),
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "REG-2 total dose of six cycles",
        ARITHMETIC,
        "sum of event amounts x 0.808 [mg]: 6 x 135 mg",
        810.0,
        dose_sum(&bolus.events()) * DOCETAXEL_MG_PER_UMOL,
        1e-14,
    ));
    let infused = docetaxel_regimen(1.0)?;
    let events = infused.events();
    if let Some(Event::Infusion {
        start, end, rate, ..
    }) = events.last()
    {
        records.push(CaseRecord::relative(
            SUITE,
            "REG-3 1-h infusion: rate x duration",
            ARITHMETIC,
            "amount infused in cycle 6 [umol] = 135 / 0.808",
            135.0 / 0.808,
            rate * (end - start),
            1e-12,
        ));
        records.push(CaseRecord::absolute(
            SUITE,
            "REG-3 1-h infusion: end of the last infusion",
            ARITHMETIC,
            "end [day] = 105 + 1/24",
            105.0 + 1.0 / 24.0,
            *end,
            1e-12,
        ));
    }
    Ok(())
}

/// RT-1 to RT-3.
fn fractionation(records: &mut Vec<CaseRecord>) -> Result<()> {
    let monday = FractionSchedule::new(FractionSpec::weekdays(2.0, 30))?;
    records.push(exact(
        "RT-1 30 x 2 Gy from Monday day 0: last fraction",
        WEEKDAYS,
        "day of fraction 30",
        39.0,
        f64::from(monday.last_day()),
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "RT-1 30 x 2 Gy: total dose",
        WEEKDAYS,
        "sum of fraction doses [Gy]",
        60.0,
        radiation_sum(&monday.events()),
        1e-14,
    ));
    let weekend = monday.weekdays().iter().filter(|d| d.is_weekend()).count();
    records.push(exact(
        "RT-1 30 x 2 Gy: fractions on a weekend",
        WEEKDAYS,
        "count of Saturday or Sunday fractions",
        0.0,
        weekend as f64,
    ));
    let saturday =
        FractionSchedule::new(FractionSpec::weekdays(2.0, 30).day0_weekday(Weekday::Saturday))?;
    let first = saturday.days().first().copied().map_or(f64::NAN, f64::from);
    records.push(exact(
        "RT-2 day 0 a Saturday: first fraction",
        WEEKDAYS,
        "day of fraction 1 (the Monday)",
        2.0,
        first,
    ));
    records.push(exact(
        "RT-2 day 0 a Saturday: last fraction",
        WEEKDAYS,
        "day of fraction 30",
        41.0,
        f64::from(saturday.last_day()),
    ));
    let thursday = FractionSchedule::new(FractionSpec::weekdays(2.0, 30).first_day(3))?;
    records.push(exact(
        "RT-3 start on day 3 (Thursday): last fraction",
        WEEKDAYS,
        "day of fraction 30: 2 + 5 x 5 + 3 fractions",
        44.0,
        f64::from(thursday.last_day()),
    ));
    Ok(())
}

/// PLAN-1 and PLAN-2.
fn combination(records: &mut Vec<CaseRecord>) -> Result<()> {
    let pk = LinearPk::docetaxel()?;
    let ab = Antibody::anti_pd1()?;
    let antibody = Regimen::new(RegimenSpec::flat(ab.central_state(), 200.0).cycles(18, 21.0))?;
    let plan = TreatmentPlan::new()
        .regimen(docetaxel_regimen(0.0)?)
        .regimen(antibody.clone())
        .radiotherapy(FractionSchedule::new(FractionSpec::weekdays(2.0, 30))?);
    let events = plan.events()?;
    records.push(exact(
        "PLAN-1 merged plan: number of events",
        ARITHMETIC,
        "6 + 18 + 30 events",
        54.0,
        events.len() as f64,
    ));
    let sorted = events.windows(2).all(|w| w[0].time() <= w[1].time());
    let last = events.last().map_or(f64::NAN, Event::time);
    records.push(CaseRecord::independent(
        SUITE,
        "PLAN-1 merged plan: sorted, last event on day 357",
        ARITHMETIC,
        "time of the last event [day]",
        last,
        "event times non-decreasing; last event = anti-PD-1 dose 18 on day 17 x 21 = 357",
        sorted && (last - 357.0).abs() < 1e-12,
    ));

    let model = Model::new(vec![Box::new(pk.clone()), Box::new(ab.clone())])?;
    plan.check_against(&model)?;
    let (rtol, atol) = BDF_TOLERANCES;
    let options = SolverOptions::default()
        .tolerances(rtol, atol)
        .output(Output::Times(vec![400.0]));
    let trajectory = simulate(&model, (0.0, 400.0), &events, &options)?;
    let dose = mg_to_umol(135.0, DOCETAXEL_MG_PER_UMOL);
    let auc_column = model.state_index(&pk.auc_state())?;
    records.push(CaseRecord::relative(
        SUITE,
        "PLAN-2 BDF: docetaxel exposure at day 400",
        CLOSED_FORM,
        "docetaxel.auc [uM*day] at day 400 vs 6 x 135 mg / (MW k10 V1)",
        6.0 * dose / pk.params().clearance(),
        value(&trajectory, 0, auc_column),
        REL_TOL,
    ));
    let doses: Vec<(f64, f64)> = antibody.times().into_iter().map(|t| (t, 200.0)).collect();
    let ab_column = model.state_index(&ab.central_state())?;
    records.push(CaseRecord::relative(
        SUITE,
        "PLAN-2 BDF: anti-PD-1 amount at day 400",
        CLOSED_FORM,
        "anti_pd1.central [mg] at day 400, 18 doses of 200 mg every 21 days",
        ab.exact_amount(&doses, 400.0),
        value(&trajectory, 0, ab_column),
        REL_TOL,
    ));
    Ok(())
}

/// An exact-arithmetic case (absolute tolerance 1e-12).
fn exact(case: &str, source: &str, quantity: &str, expected: f64, actual: f64) -> CaseRecord {
    CaseRecord::absolute(SUITE, case, source, quantity, expected, actual, 1e-12)
}

/// Sum of the bolus amounts of `events`.
fn dose_sum(events: &[Event]) -> f64 {
    events
        .iter()
        .map(|e| match e {
            Event::Dose { amount, .. } => *amount,
            _ => 0.0,
        })
        .sum()
}

/// Sum of the radiation doses of `events` (Gy).
fn radiation_sum(events: &[Event]) -> f64 {
    events
        .iter()
        .map(|e| match e {
            Event::Broadcast {
                action: oncodyn_core::Broadcast::RadiationFraction { dose_gy },
                ..
            } => *dose_gy,
            _ => 0.0,
        })
        .sum()
}
