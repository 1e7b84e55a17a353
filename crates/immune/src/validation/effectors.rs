//! Suite `immune/effectors`: the composable [`Effectors`] sub-model reproduces the
//! Kuznetsov et al. (1994) model when composed with a tumor, relaxes to `s/d` by its closed
//! form without tumor, and its modulation factors have their half-maximal values.

use super::solver_options;
use crate::effectors::{Effectors, EffectorsParams};
use crate::kuznetsov::{Kuznetsov, KuznetsovParams};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Model, Result};

const SUITE: &str = "immune/effectors";
const SRC: &str = "Kuznetsov VA et al. (1994) Bull Math Biol 56(2):295-321, dimensional form (BIOMD0000000762 values)";

/// A Kuznetsov tumor without its own effectors (`s = p = m = 0`, `E0 = 0`): a logistic
/// tumor called `site` that publishes `<site>.burden` and reads `<site>.kill_hazard`.
fn bare_tumor(site: &str, cells: f64) -> Result<Kuznetsov> {
    let params = KuznetsovParams {
        s: 0.0,
        p: 0.0,
        m: 0.0,
        ..KuznetsovParams::kuznetsov_1994()
    };
    Kuznetsov::new(site, params, 0.0, cells)
}

/// Runs the suite.
pub fn run(_fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let mut records = Vec::new();
    let days = [10.0, 50.0, 100.0, 200.0];
    let (e0, t0) = (3.2e5, 5e6);
    let reference = Model::new(vec![Box::new(Kuznetsov::new(
        "kuz",
        KuznetsovParams::kuznetsov_1994(),
        e0,
        t0,
    )?)])?;
    let reference = simulate(&reference, (0.0, 200.0), &[], &solver_options(&days))?;
    let effectors = Effectors::new("effectors", EffectorsParams::kuznetsov_1994(), &["site"])?
        .with_initial_cells(e0)?;
    let composed = Model::new(vec![Box::new(bare_tumor("site", t0)?), Box::new(effectors)])?;
    let composed = simulate(&composed, (0.0, 200.0), &[], &solver_options(&days))?;
    for (ours, theirs) in [
        ("effectors.cells", "kuz.effectors"),
        ("site.tumor", "kuz.tumor"),
    ] {
        let got = composed.column(ours)?;
        let want = reference.column(theirs)?;
        for (k, day) in days.iter().enumerate() {
            records.push(CaseRecord::relative(
                SUITE,
                "EFF-1 effectors + tumor site = Kuznetsov model",
                SRC,
                format!("{ours} at day {day} [cells]"),
                want[k],
                got[k],
                1e-9,
            ));
        }
    }

    // No tumor: E(t) = s/d + (E0 - s/d) exp(-d t).
    let params = EffectorsParams::flagship();
    let effectors = Effectors::new("effectors", params, &["site"])?.with_initial_cells(0.0)?;
    let empty = Model::new(vec![
        Box::new(bare_tumor("site", 0.0)?),
        Box::new(effectors),
    ])?;
    let times = [10.0, 100.0, 365.0];
    let run = simulate(&empty, (0.0, 365.0), &[], &solver_options(&times))?;
    let cells = run.column("effectors.cells")?;
    let level = params.s / params.d;
    for (k, t) in times.iter().enumerate() {
        let exact = level * -(-params.d * t).exp_m1();
        records.push(CaseRecord::relative(
            SUITE,
            "EFF-2 tumor-free relaxation to s/d",
            "closed form s/d (1 - exp(-d t)) of dE/dt = s - d E",
            format!("effectors at day {t} [cells]"),
            exact,
            cells[k],
            1e-9,
        ));
    }

    records.push(CaseRecord::relative(
        SUITE,
        "EFF-3 half-maximal checkpoint effect",
        "m_eff = mu (1 - Imax Ab/(Ab50 + Ab)) at Ab = Ab50",
        "inactivation multiplier",
        1.0 - params.imax / 2.0,
        params.inactivation_factor(params.ab50),
        1e-15,
    ));
    records.push(CaseRecord::relative(
        SUITE,
        "EFF-3 half-maximal immunomodulation",
        "p_eff = p (1 + theta Stot/(S50 + Stot)) at Stot = S50",
        "recruitment multiplier",
        1.0 + params.theta / 2.0,
        params.recruitment_factor(params.s50_imm),
        1e-15,
    ));
    Ok(records)
}
