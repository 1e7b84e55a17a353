//! Suite `tissue/friberg`, single-dose docetaxel cases: the 180 mg nadir (FRI-3), the
//! 135 mg flagship dose (FRI-4), rebound and recovery (FRI-5), the Emax cross-check
//! (FRI-6), other doses, and stem-cell-supported regeneration after one dose.

use super::scenario::{
    run_scenario, um_to_mg_per_l, value_at, Outcome, Pk, Scenario, SCENARIO_SOLVER,
};
use super::FRIBERG_SUITE as SUITE;
use crate::endpoints::GRADE3_BELOW;
use crate::friberg::FribergPreset;
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::Result;

/// FRI-3 expected nadir (10^9/L) after 180 mg with the linear set and Bruno PK.
pub const FRI3_NADIR: f64 = 0.8962;
/// FRI-3 expected nadir day.
pub const FRI3_NADIR_DAY: f64 = 7.552;
/// FRI-3 expected nadir/baseline.
pub const FRI3_NADIR_RATIO: f64 = 0.1775;

const SRC_FRI3: &str = "Friberg et al. (2002) J Clin Oncol 20:4713-4721 docetaxel linear set (radivot/myelo) with Bruno et al. (1996) PK, 180 mg bolus: regression anchor computed with a high-accuracy solver";
const SRC_INDEP: &str =
    "independent check: Friberg et al. (2002) docetaxel linear set with Bruno et al. (1996) PK";
const SRC_EMAX: &str = "independent check: Friberg et al. (2002) Table 4 docetaxel Emax set (dcnorris/DTAT) with Onoue et al. (2016) PK, 1 h infusion";
const SRC_REGEN: &str = "independent check: oncodyn stem-cell-supported feedback (assumption values rho_max 3, R50 1e6 cells, kR ln2/7 per day) on the Friberg et al. (2002) docetaxel linear set";

fn linear(dose_mg: f64, horizon: f64, regen: Option<(f64, f64)>) -> Scenario {
    Scenario {
        preset: FribergPreset::docetaxel_linear_2002(),
        pk: Pk::Bruno,
        dose_mg,
        regen,
        horizon,
    }
}

/// FRI-3 and FRI-5 at 180 mg, FRI-4 and FRI-5 at 135 mg.
pub(crate) fn bolus_cases() -> Result<(Vec<CaseRecord>, Outcome)> {
    let high = run_scenario(&linear(180.0, 42.0, None))?;
    let low = run_scenario(&linear(135.0, 42.0, None))?;
    let nadir = high.nadir();
    let mut records = vec![
        CaseRecord::relative(
            SUITE,
            "FRI-3 nadir value, 180 mg",
            SRC_FRI3,
            format!("nadir of Circ [1e9/L] ({SCENARIO_SOLVER}, parabolic refinement)"),
            FRI3_NADIR,
            nadir.value,
            1e-3,
        ),
        CaseRecord::absolute(
            SUITE,
            "FRI-3 nadir day, 180 mg",
            SRC_FRI3,
            "day of the nadir of Circ",
            FRI3_NADIR_DAY,
            nadir.day,
            0.05,
        ),
        CaseRecord::relative(
            SUITE,
            "FRI-3 nadir/baseline, 180 mg",
            SRC_FRI3,
            "nadir/Circ0",
            FRI3_NADIR_RATIO,
            nadir.value / high.circ0,
            1e-3,
        ),
    ];
    let low_nadir = low.nadir();
    let deeper = nadir.value < low_nadir.value;
    records.push(CaseRecord::independent(
        SUITE,
        "FRI-4 nadir value, 135 mg",
        SRC_INDEP,
        "nadir of Circ [1e9/L], 135 mg bolus",
        low_nadir.value,
        "0 < nadir(135 mg) < Circ0 and nadir(180 mg) < nadir(135 mg)",
        deeper && low_nadir.value > 0.0 && low_nadir.value < low.circ0,
    ));
    records.push(CaseRecord::independent(
        SUITE,
        "FRI-4 nadir day, 135 mg",
        SRC_INDEP,
        "day of the nadir of Circ, 135 mg",
        low_nadir.day,
        "nadir between day 3 and day 14",
        (3.0..14.0).contains(&low_nadir.day),
    ));
    let c21 = low.circ_at(21.0);
    records.push(CaseRecord::independent(
        SUITE,
        "FRI-4 Circ at day 21, 135 mg",
        SRC_INDEP,
        "Circ(21 d) [1e9/L]",
        c21,
        "Circ(21 d) > nadir",
        c21 > low_nadir.value,
    ));
    for (label, outcome) in [("180 mg", &high), ("135 mg", &low)] {
        let peak = outcome.rebound_max()?;
        let back = outcome.return_to_baseline()?;
        let nadir_day = outcome.nadir().day;
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-5 rebound maximum, {label}"),
            SRC_INDEP,
            "max of Circ after the nadir, within 42 d [1e9/L]",
            peak.value,
            "rebound overshoots the baseline: max > Circ0",
            peak.value > outcome.circ0,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-5 rebound maximum day, {label}"),
            SRC_INDEP,
            "day of the rebound maximum",
            peak.day,
            "after the return to baseline",
            back.is_some_and(|b| peak.day > b),
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-5 return to baseline, {label}"),
            SRC_INDEP,
            "first day after the nadir with Circ >= Circ0",
            back.unwrap_or(f64::NAN),
            "returns after the nadir within 42 d",
            back.is_some_and(|b| b > nadir_day),
        ));
    }
    let c21 = high.circ_at(21.0);
    records.push(CaseRecord::independent(
        SUITE,
        "FRI-5 Circ at day 21, 180 mg",
        SRC_INDEP,
        "Circ(21 d) [1e9/L]",
        c21,
        "Circ(21 d) > nadir",
        c21 > nadir.value,
    ));
    let grade3 = high.circ.time_below(GRADE3_BELOW)?;
    records.push(CaseRecord::independent(SUITE, "FRI-5 time with Circ < 1.0, 180 mg", SRC_INDEP, "total days with Circ < 1.0e9/L (CTCAE grade >= 3), linear interpolation between 0.01 d rows", grade3, "positive (the 180 mg nadir is below 1.0) and shorter than 21 d", grade3 > 0.0 && grade3 < 21.0));
    Ok((records, high))
}

/// FRI-6: the Emax set with Onoue PK (1 h infusion) at 180 and 135 mg, and the 5 %
/// agreement of its 180 mg nadir with FRI-3.
pub(crate) fn emax_cases(linear_180: &Outcome) -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    let mut nadirs = Vec::new();
    for dose in [180.0, 135.0] {
        let outcome = run_scenario(&Scenario {
            preset: FribergPreset::docetaxel_emax_2002(),
            pk: Pk::Onoue,
            dose_mg: dose,
            regen: None,
            horizon: 21.0,
        })?;
        let nadir = outcome.nadir();
        let cmax = um_to_mg_per_l(value_at(&outcome.concentration, 1.0 / 24.0));
        let c21 = outcome.circ_at(21.0);
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-6 Emax nadir value, {dose} mg"),
            SRC_EMAX,
            "nadir of Circ [1e9/L]",
            nadir.value,
            "0 < nadir < Circ0",
            nadir.value > 0.0 && nadir.value < outcome.circ0,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-6 Emax nadir day, {dose} mg"),
            SRC_EMAX,
            "day of the nadir",
            nadir.day,
            "nadir between day 3 and day 14",
            (3.0..14.0).contains(&nadir.day),
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-6 Emax Cmax, {dose} mg"),
            SRC_EMAX,
            "concentration at the end of the 1 h infusion [mg/L]",
            cmax,
            "positive, below dose/Vc",
            cmax > 0.0 && cmax < dose / 5.77,
        ));
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-6 Emax Circ at day 21, {dose} mg"),
            SRC_EMAX,
            "Circ(21 d) [1e9/L]",
            c21,
            "Circ(21 d) > nadir",
            c21 > nadir.value,
        ));
        nadirs.push(nadir.value);
    }
    records.push(CaseRecord::relative(SUITE, "FRI-6 cross-parameterisation, 180 mg", "Friberg et al. (2002): Emax set + Onoue PK against the FRI-3 anchor of the linear set + Bruno PK", "Emax/Onoue 180 mg nadir [1e9/L] vs FRI-3 nadir", FRI3_NADIR, nadirs[0], 0.05));
    records.push(CaseRecord::independent(
        SUITE,
        "FRI-6 cross-parameterisation vs computed FRI-3, 180 mg",
        SRC_EMAX,
        "Emax/Onoue nadir / linear/Bruno nadir (computed)",
        nadirs[0] / linear_180.nadir().value,
        "within 5 % of 1",
        (nadirs[0] / linear_180.nadir().value - 1.0).abs() <= 0.05,
    ));
    Ok(records)
}

/// The FRI-3 scenario at other doses: nadir reported, monotone in dose.
pub(crate) fn dose_sweep(fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let doses: &[f64] = match fidelity {
        Fidelity::Quick => &[90.0, 225.0],
        Fidelity::Full => &[45.0, 90.0, 108.0, 126.0, 144.0, 162.0, 198.0, 225.0, 270.0],
    };
    let reference = run_scenario(&linear(180.0, 21.0, None))?.nadir().value;
    let mut records = Vec::new();
    for &dose in doses {
        let nadir = run_scenario(&linear(dose, 21.0, None))?.nadir();
        let monotone = if dose < 180.0 {
            nadir.value > reference
        } else {
            nadir.value < reference
        };
        records.push(CaseRecord::independent(
            SUITE,
            format!("FRI-3 scenario at {dose} mg"),
            SRC_INDEP,
            format!(
                "nadir of Circ [1e9/L] after a {dose} mg bolus (day {:.3})",
                nadir.day
            ),
            nadir.value,
            "monotone in dose relative to the 180 mg nadir",
            monotone,
        ));
    }
    Ok(records)
}

/// Regeneration after a single 135 mg dose: 2e6 engrafted cells (f_marrow 0.02 of 1e8) at
/// day 2; the baseline is unchanged and recovery is not slower.
pub(crate) fn regeneration_cases() -> Result<Vec<CaseRecord>> {
    let plain = run_scenario(&linear(135.0, 42.0, None))?;
    let supported = run_scenario(&linear(135.0, 42.0, Some((2.0, 2e6))))?;
    let back_plain = plain.return_to_baseline()?.unwrap_or(f64::INFINITY);
    let back_supported = supported.return_to_baseline()?.unwrap_or(f64::INFINITY);
    let (n_plain, n_supported) = (plain.nadir().value, supported.nadir().value);
    Ok(vec![
        CaseRecord::independent(SUITE, "REG-1 recovery to baseline with support, 135 mg", SRC_REGEN, "first day after the nadir with Circ >= Circ0, 2e6 regenerative cells engrafted at day 2", back_supported, "not later than without support", back_supported <= back_plain),
        CaseRecord::independent(SUITE, "REG-1 recovery to baseline without support, 135 mg", SRC_REGEN, "first day after the nadir with Circ >= Circ0", back_plain, "finite", back_plain.is_finite()),
        CaseRecord::independent(SUITE, "REG-2 nadir with support, 135 mg", SRC_REGEN, "nadir of Circ [1e9/L] with support", n_supported, "not deeper than without support", n_supported >= n_plain - 1e-9),
    ])
}
