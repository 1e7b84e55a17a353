//! Suite `scenario/flagship`: arm A of the flagship scenario against the reference values
//! of an independent implementation (Radau IIA at rtol 1e-12, cross-checked with an
//! eighth-order Runge–Kutta method; FLAGSHIP_REFERENCE of the oncodyn design notes), with
//! the acceptance tolerances given there; arms B–F reported as independent checks.

use crate::endpoints::Response;
use crate::run::{run_arm, ArmResult};
use crate::scenario::Scenario;
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::Result;

/// Suite name.
pub const SUITE: &str = "scenario/flagship";
const SOURCE: &str = "flagship reference, arm A (independent Radau IIA implementation, rtol 1e-12)";
/// Relative tolerance for states and nadir values (reference acceptance tolerance).
pub const STATE_REL: f64 = 1e-6;
/// Absolute tolerance for nadir and death days (days).
pub const DAY_ABS: f64 = 0.01;

/// Reference states of arm A (post-dose): day, P, L, H, E, Circ.
pub const ARM_A_STATES: [(f64, f64, f64, f64, f64, f64); 12] = [
    (
        0.0,
        1.000000000e10,
        1.000000000e8,
        1.000000000e7,
        3.155339806e5,
        5.050000000,
    ),
    (
        1.0,
        6.482236882e9,
        6.542156085e7,
        6.572323224e6,
        3.934639860e4,
        4.957782407,
    ),
    (
        7.0,
        6.910836959e9,
        7.367761634e7,
        7.607432288e6,
        5.664245196e3,
        1.359243861,
    ),
    (
        14.0,
        7.615157915e9,
        8.647731477e7,
        9.215395208e6,
        5.115648773e3,
        4.235202023,
    ),
    (
        21.0,
        8.383279436e9,
        1.013151528e8,
        1.113793845e7,
        4.626386976e3,
        5.918319100,
    ),
    (
        42.0,
        7.167908226e9,
        1.038795273e8,
        1.250544187e7,
        5.427698368e3,
        5.908966312,
    ),
    (
        105.0,
        4.580284802e9,
        1.095781771e8,
        1.694885636e7,
        8.596227745e3,
        5.907399429,
    ),
    (
        126.0,
        3.966961329e9,
        1.106543725e8,
        1.848095695e7,
        9.976590614e3,
        5.907399493,
    ),
    (
        180.0,
        8.516260950e9,
        3.426860358e8,
        6.874177171e7,
        4.395464186e3,
        5.050223293,
    ),
    (
        365.0,
        7.384256539e10,
        8.025810172e9,
        2.645942445e9,
        4.509645774e2,
        5.050000000,
    ),
    (
        545.0,
        3.245547746e11,
        6.900095161e10,
        3.181551385e10,
        8.936486377e1,
        5.050000000,
    ),
    (
        730.0,
        9.361375896e11,
        3.212677867e11,
        1.882049985e11,
        2.628392189e1,
        5.050000000,
    ),
];

/// Reference neutrophil nadirs of arm A per cycle: (day, value in 10^9/L).
pub const ARM_A_NADIRS: [(f64, f64); 6] = [
    (7.2493395, 1.353715566),
    (28.4664445, 1.407040636),
    (49.4702324, 1.410875478),
    (70.4699939, 1.410879835),
    (91.4699836, 1.410874346),
    (112.4699838, 1.410874230),
];

/// Reference death day of arm A (total burden reaches 1e12 cells).
pub const ARM_A_DEATH_DAY: f64 = 667.929566;
/// Reference first PD scan of arm A (day).
pub const ARM_A_PROGRESSION_DAY: f64 = 210.0;

/// Runs the suite. `Quick` checks arm A only; `Full` adds arms B–F as independent checks.
pub fn run(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let scenario = Scenario::flagship().map_err(to_core)?;
    let mut records = Vec::new();
    let arms = scenario.arms();
    let Some(arm_a) = arms.first() else {
        return Ok(records);
    };
    let a = run_arm(&scenario, arm_a).map_err(to_core)?;
    arm_a_records(&a, &mut records)?;
    if fidelity == Fidelity::Full {
        for arm in &arms[1..] {
            let result = run_arm(&scenario, arm).map_err(to_core)?;
            other_arm_records(&result, &mut records);
        }
    }
    Ok(records)
}

fn to_core(error: crate::Error) -> oncodyn_core::Error {
    match error {
        crate::Error::Model(e) => e,
        other => oncodyn_core::Error::InconsistentParameters {
            model: "flagship scenario".into(),
            reason: other.to_string(),
        },
    }
}

fn value_at(result: &ArmResult, column: &str, day: f64) -> Result<f64> {
    let times = result.trajectory.times();
    let row = times
        .iter()
        .position(|&t| (t - day).abs() < 1e-6)
        .unwrap_or(times.len().saturating_sub(1));
    Ok(result.trajectory.column(column)?[row])
}

fn arm_a_records(a: &ArmResult, records: &mut Vec<CaseRecord>) -> Result<()> {
    for (day, p, l, h, e, circ) in ARM_A_STATES {
        for (column, expected) in [
            ("primary.cells", p),
            ("lung.cells", l),
            ("liver.cells", h),
            ("effectors.cells", e),
            ("neutrophils.circ", circ),
        ] {
            let actual = value_at(a, column, day)?;
            records.push(CaseRecord::relative(
                SUITE,
                format!("arm A {column} at day {day}"),
                SOURCE,
                format!("{column} (post-dose) at day {day}"),
                expected,
                actual,
                STATE_REL,
            ));
        }
    }
    let nadirs = &a.endpoints.neutrophil_nadirs;
    for (k, (day, value)) in ARM_A_NADIRS.iter().enumerate() {
        let (actual_day, actual_value) = nadirs
            .get(k)
            .map_or((f64::NAN, f64::NAN), |n| (n.day, n.value));
        records.push(CaseRecord::relative(
            SUITE,
            format!("arm A cycle {} neutrophil nadir", k + 1),
            SOURCE,
            "nadir Circ (10^9/L)",
            *value,
            actual_value,
            STATE_REL,
        ));
        records.push(CaseRecord::absolute(
            SUITE,
            format!("arm A cycle {} nadir day", k + 1),
            SOURCE,
            "nadir day (day)",
            *day,
            actual_day,
            DAY_ABS,
        ));
    }
    records.push(CaseRecord::absolute(
        SUITE,
        "arm A death day",
        SOURCE,
        "first day total burden >= 1e12 cells",
        ARM_A_DEATH_DAY,
        a.endpoints.death_day.unwrap_or(f64::NAN),
        DAY_ABS,
    ));
    records.push(CaseRecord::absolute(
        SUITE,
        "arm A progression (first PD scan)",
        SOURCE,
        "PFS event day (day)",
        ARM_A_PROGRESSION_DAY,
        a.endpoints.progression_day.unwrap_or(f64::NAN),
        0.0,
    ));
    let bor_is_sd = a.endpoints.best_overall_response == Response::SD;
    records.push(CaseRecord::absolute(
        SUITE,
        "arm A best overall response is SD",
        SOURCE,
        "BOR (1 = SD as expected, 0 otherwise)",
        1.0,
        if bor_is_sd { 1.0 } else { 0.0 },
        0.0,
    ));
    for (what, value) in [
        ("days with Circ < 1.0", a.endpoints.days_grade3_or_worse),
        ("days with Circ < 0.5", a.endpoints.days_grade4),
    ] {
        records.push(CaseRecord::absolute(
            SUITE,
            format!("arm A {what}"),
            SOURCE,
            format!("{what} (day)"),
            0.0,
            value.unwrap_or(f64::NAN),
            DAY_ABS,
        ));
    }
    Ok(())
}

fn other_arm_records(result: &ArmResult, records: &mut Vec<CaseRecord>) {
    let e = &result.endpoints;
    let arm = format!("arm {} ({})", result.plan.name, result.plan.label);
    let source = "independent check: flagship scenario, computed by oncodyn";
    let bor_code = match e.best_overall_response {
        Response::CR => 1.0,
        Response::PR => 2.0,
        Response::SD => 3.0,
        Response::PD => 4.0,
        Response::NE => 5.0,
    };
    records.push(CaseRecord::independent(
        SUITE,
        format!("{arm} best overall response"),
        source,
        format!(
            "BOR code (1 CR, 2 PR, 3 SD, 4 PD, 5 NE) = {:?}",
            e.best_overall_response
        ),
        bor_code,
        "a RECIST category",
        (1.0..=5.0).contains(&bor_code),
    ));
    records.push(CaseRecord::independent(
        SUITE,
        format!("{arm} progression-free survival"),
        source,
        format!(
            "PFS (day){}",
            if e.pfs_censored { ", censored" } else { "" }
        ),
        e.pfs_days,
        "within [0, last scan]",
        e.pfs_days >= 0.0 && e.pfs_days <= 714.0,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        format!("{arm} overall survival"),
        source,
        format!(
            "OS (day){}",
            if e.os_censored {
                ", censored at 730"
            } else {
                ", death"
            }
        ),
        e.os_days,
        "within [0, 730]",
        e.os_days >= 0.0 && e.os_days <= 730.0,
    ));
    if let Some(first) = e.neutrophil_nadirs.first() {
        records.push(CaseRecord::independent(
            SUITE,
            format!("{arm} cycle-1 neutrophil nadir"),
            source,
            format!("nadir Circ (10^9/L) at day {:.4}", first.day),
            first.value,
            "positive, below baseline 5.05",
            first.value > 0.0 && first.value < 5.05,
        ));
    }
    for (what, value) in [
        ("days with Circ < 1.0", e.days_grade3_or_worse),
        ("days with Circ < 0.5", e.days_grade4),
    ] {
        let v = value.unwrap_or(f64::NAN);
        records.push(CaseRecord::independent(
            SUITE,
            format!("{arm} {what}"),
            source,
            format!("{what} (day)"),
            v,
            "non-negative",
            v >= 0.0,
        ));
    }
}
