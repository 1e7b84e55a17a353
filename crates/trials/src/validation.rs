//! Validation suite `trials/statistics`: the trial statistics against published values
//! and the `lifelines` reference implementation on small data sets.
//!
//! Data: the remission times (weeks) of the 6-mercaptopurine and placebo groups of
//! Freireich EJ et al. (1963) The effect of 6-mercaptopurine on the duration of
//! steroid-induced remissions in acute leukemia. Blood 21(6):699-716, as tabulated by
//! Gehan EA (1965) A generalized Wilcoxon test for comparing arbitrarily singly-censored
//! samples. Biometrika 52:203-223. Expected values: Kaplan–Meier, log(-log) Greenwood
//! band and log-rank statistic as computed by lifelines 0.30.3 (Davidson-Pilon 2019, J
//! Open Source Softw 4(40):1317), which agree with the values printed for these data by
//! Kleinbaum DG, Klein M (2012) Survival analysis, 3rd ed., Springer (S(23) = 0.448, log-rank
//! chi² = 16.79); the Clopper–Pearson interval of 682 successes in 925 trials as printed by
//! R's `binom.test` documentation example (0.7076683, 0.7654066).

use crate::stats::{chi_square_1_sf, clopper_pearson, kaplan_meier, log_rank, CONFIDENCE};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::Result;

const SUITE: &str = "trials/statistics";
const FREIREICH: &str = "Freireich et al. 1963 (Gehan 1965 table); lifelines 0.30.3";

/// 6-MP group: remission times (weeks), `true` = relapse.
pub const MP6_WEEKS: [f64; 21] = [
    6., 6., 6., 6., 7., 9., 10., 10., 11., 13., 16., 17., 19., 20., 22., 23., 25., 32., 32., 34.,
    35.,
];
/// 6-MP group: relapse flags (`false` = censored).
pub const MP6_RELAPSE: [bool; 21] = [
    true, true, true, false, true, false, true, false, false, true, true, false, false, false,
    true, true, false, false, false, false, false,
];
/// Placebo group: remission times (weeks), every one a relapse.
pub const PLACEBO_WEEKS: [f64; 21] = [
    1., 1., 2., 2., 3., 4., 4., 5., 5., 8., 8., 8., 8., 11., 11., 12., 12., 15., 17., 22., 23.,
];

/// (week, S, lower, upper) of the 6-MP Kaplan–Meier curve (lifelines 0.30.3, log(-log)
/// 95 % band).
const MP6_KM: [(f64, f64, f64, f64); 7] = [
    (
        6.0,
        0.857142857142857,
        0.6197179552659838,
        0.9515517476469969,
    ),
    (
        7.0,
        0.8067226890756299,
        0.5631465646222333,
        0.9228090192028802,
    ),
    (
        10.0,
        0.7529411764705878,
        0.5031995107999564,
        0.8893618351692651,
    ),
    (
        13.0,
        0.6901960784313722,
        0.4316102224861839,
        0.8490659633494505,
    ),
    (
        16.0,
        0.6274509803921566,
        0.36751085598750194,
        0.8049121894718411,
    ),
    (
        22.0,
        0.5378151260504199,
        0.26777893676713493,
        0.7467907176353943,
    ),
    (
        23.0,
        0.44817927170868327,
        0.18805200595923233,
        0.6801426284952412,
    ),
];

/// Runs the suite (the same cases at both fidelities: they take microseconds).
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let _ = fidelity;
    let mut records = Vec::new();
    let km = kaplan_meier(&MP6_WEEKS, &MP6_RELAPSE, CONFIDENCE)?;
    for (week, s, lower, upper) in MP6_KM {
        let (a, lo, hi) = km.survival_at(week);
        records.push(CaseRecord::relative(
            SUITE,
            format!("KM 6-MP S({week})"),
            FREIREICH,
            "survival",
            s,
            a,
            1e-12,
        ));
        records.push(CaseRecord::relative(
            SUITE,
            format!("KM 6-MP lower({week})"),
            FREIREICH,
            "log(-log) band lower limit",
            lower,
            lo,
            1e-9,
        ));
        records.push(CaseRecord::relative(
            SUITE,
            format!("KM 6-MP upper({week})"),
            FREIREICH,
            "log(-log) band upper limit",
            upper,
            hi,
            1e-9,
        ));
    }
    records.push(CaseRecord::absolute(
        SUITE,
        "KM 6-MP median",
        FREIREICH,
        "median remission (weeks)",
        23.0,
        km.median().unwrap_or(f64::NAN),
        0.0,
    ));
    records.push(CaseRecord::absolute(
        SUITE,
        "KM 6-MP median lower limit",
        FREIREICH,
        "median CI lower limit (weeks)",
        13.0,
        km.median_interval().0.unwrap_or(f64::NAN),
        0.0,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "KM 6-MP median upper limit",
        FREIREICH,
        "median CI upper limit (weeks; lifelines: not reached)",
        0.0,
        "upper limit not reached",
        km.median_interval().1.is_none(),
    ));

    let placebo_relapse = [true; 21];
    let test = log_rank(
        &MP6_WEEKS,
        &MP6_RELAPSE,
        &PLACEBO_WEEKS,
        &placebo_relapse,
        CONFIDENCE,
    )?;
    let (chi, p) = test.map_or((f64::NAN, f64::NAN), |t| (t.chi_square, t.p_value));
    records.push(CaseRecord::relative(
        SUITE,
        "log-rank 6-MP vs placebo",
        FREIREICH,
        "chi-square (1 df)",
        16.792940989216547,
        chi,
        1e-12,
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "log-rank 6-MP vs placebo p",
        FREIREICH,
        "p value",
        4.168809109334511e-05,
        p,
        1e-8,
    ));

    let cp = clopper_pearson(682, 925, 0.95)?;
    let source = "Clopper & Pearson 1934; R binom.test example";
    records.push(CaseRecord::relative(
        SUITE,
        "Clopper-Pearson 682/925 lower",
        source,
        "lower limit",
        0.707668264079039,
        cp.lower,
        1e-9,
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "Clopper-Pearson 682/925 upper",
        source,
        "upper limit",
        0.7654065582415253,
        cp.upper,
        1e-9,
    ));
    let none = clopper_pearson(0, 10, 0.95)?;
    records.push(CaseRecord::relative(
        SUITE,
        "Clopper-Pearson 0/10 upper",
        "Clopper & Pearson 1934 (closed form 1 - (a/2)^(1/n))",
        "upper limit",
        1.0 - 0.025f64.powf(0.1),
        none.upper,
        1e-10,
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "chi-square 5% critical value",
        "Fisher & Yates statistical tables",
        "P(chi2(1) > 3.841459)",
        0.05,
        chi_square_1_sf(3.841459)?,
        1e-6,
    ));
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_suite_passes() {
        oncodyn_core::testing::assert_all_passed(&run(Fidelity::Quick).unwrap());
    }
}
