//! Tests of the validation suites: the quick suite passes, and property tests that drive
//! the private docetaxel PK test fixture: chains stay at baseline without drug; a larger
//! single dose never gives a higher nadir; counts stay non-negative; a perturbed chain
//! returns to baseline; regeneration support given after a dose never delays recovery and
//! keeps the baseline.

use super::run;
use super::scenario::{run_scenario, Pk, Scenario};
use crate::friberg::{Friberg, FribergParams, FribergPreset, Quartino, QuartinoParams};
use crate::radiation::{NormalTissue, NormalTissueParams, Regrowth};
use crate::regeneration::RegenerationParams;
use crate::stiehl::{Stiehl, StiehlParams};
use crate::zheng::{InitialMarrow, LtParams, Reconstitution, StageParams};
use oncodyn_core::testing::assert_all_passed;
use oncodyn_core::validation::Fidelity;
use oncodyn_core::{simulate, simulate_from, Method, Model, Output, SolverOptions, SubModel};
use proptest::prelude::*;

#[test]
fn quick_validation_passes() {
    let records = run(Fidelity::Quick).unwrap();
    assert_all_passed(&records);
}

/// Slack for solver error when comparing two simulations (relative; declared up front).
const SOLVER_SLACK: f64 = 1e-7;

fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.log10()..=hi.log10()).prop_map(|x: f64| 10f64.powf(x))
}

/// Maximum relative deviation of every state from its initial value over `days`.
fn drift(sub: Box<dyn SubModel>, days: f64) -> f64 {
    let model = Model::new(vec![sub]).unwrap();
    let y0 = model.initial_state();
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-10, 1e-12)
        .output(Output::Every(days / 10.0));
    let trajectory = simulate(&model, (0.0, days), &[], &options).unwrap();
    let mut worst: f64 = 0.0;
    for row in 0..trajectory.len() {
        let state = &trajectory.row(row).unwrap()[..y0.len()];
        for (v, v0) in state.iter().zip(&y0) {
            worst = worst.max((v - v0).abs() / v0.abs().max(1e-300));
        }
    }
    worst
}

fn presets() -> impl Strategy<Value = FribergPreset> {
    (0usize..5).prop_map(|k| FribergPreset::all()[k])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn chains_stay_at_baseline_without_drug(
        circ0 in 0.5..20.0f64,
        mtt in 1.0..10.0f64,
        gamma in 0.0..1.0f64,
        engrafted in prop_oneof![Just(0.0), log_uniform(1.0, 1e9)],
        scale in 0.5..2.0f64,
        a1 in 0.55..0.95f64,
        a in 3.0..2000.0f64,
        alpha in 0.0..0.5f64,
    ) {
        let params = FribergParams::new(circ0, mtt, gamma).unwrap();
        let chain = Friberg::new("n", params).unwrap();
        prop_assert!(drift(Box::new(chain), 60.0) < 1e-9);
        // With support read from a constant signal at its default (R = 0) or a seeded pool.
        let supported = Friberg::new("n", params).unwrap()
            .with_regeneration("regen.engrafted", RegenerationParams::flagship()).unwrap();
        let pool = crate::RegenerativeCells::new(
            "regen",
            crate::RegenerativeCellsParams::new(0.1, engrafted).unwrap(),
        ).unwrap();
        let model = Model::new(vec![Box::new(pool), Box::new(supported)]).unwrap();
        let options = SolverOptions::default().tolerances(1e-10, 1e-12).output(Output::Every(20.0));
        let trajectory = simulate(&model, (0.0, 60.0), &[], &options).unwrap();
        for c in trajectory.column("n.circ").unwrap() {
            prop_assert!((c / circ0 - 1.0).abs() < 1e-9);
        }
        let q = QuartinoParams { circ0: 3.53 * scale, mtt: QuartinoParams::docetaxel_2014().mtt * scale, ..QuartinoParams::docetaxel_2014() };
        prop_assert!(drift(Box::new(Quartino::new("q", q).unwrap()), 60.0) < 1e-9);
        let sp = StiehlParams::from_steady_state([1e7 * scale, 2e9, 4e8], a1, 0.1, 2.3).unwrap();
        prop_assert!(drift(Box::new(Stiehl::new("m", sp).unwrap()), 60.0) < 1e-9);
        let stages = vec![("st".to_string(), StageParams::new(a, 20.0 * scale, 0.0).unwrap()), ("p".to_string(), StageParams::new(36.0, 4.0, 0.2).unwrap())];
        let marrow = Reconstitution::new("h", LtParams::zheng_2021_human(), stages, 3.0, InitialMarrow::Healthy).unwrap();
        prop_assert!(drift(Box::new(marrow), 60.0) < 1e-9);
        let tissue = NormalTissue::new("t", NormalTissueParams::new(alpha, 0.03, 0.1, 1e9).unwrap(), Regrowth::Logistic).unwrap();
        prop_assert!(drift(Box::new(tissue), 60.0) < 1e-9);
    }

    #[test]
    fn larger_single_dose_never_gives_a_higher_nadir(
        preset in presets(),
        low in 10.0..300.0f64,
        factor in 1.01..3.0f64,
    ) {
        let run = |dose_mg| run_scenario(&Scenario { preset, pk: Pk::Bruno, dose_mg, regen: None, horizon: 25.0 }).unwrap();
        let (small, large) = (run(low), run(low * factor));
        prop_assert!(large.nadir().value <= small.nadir().value * (1.0 + SOLVER_SLACK),
            "{} mg: {:?}, {} mg: {:?}", low, small.nadir(), low * factor, large.nadir());
    }

    #[test]
    fn counts_stay_non_negative(preset in presets(), dose_mg in log_uniform(1.0, 2000.0)) {
        let outcome = run_scenario(&Scenario { preset, pk: Pk::Bruno, dose_mg, regen: None, horizon: 30.0 }).unwrap();
        for &c in outcome.circ.values() {
            prop_assert!(c > 0.0);
        }
        for &c in outcome.concentration.values() {
            prop_assert!(c >= -1e-12);
        }
    }

    #[test]
    fn perturbed_chain_returns_to_baseline(
        factors in proptest::collection::vec(0.2..3.0f64, 5),
        preset in presets(),
    ) {
        let chain = Friberg::new("n", preset.params).unwrap();
        let circ0 = preset.params.circ0;
        let model = Model::new(vec![Box::new(chain)]).unwrap();
        let y0: Vec<f64> = factors.iter().map(|f| f * circ0).collect();
        let options = SolverOptions::default().tolerances(1e-10, 1e-12).output(Output::Times(vec![400.0]));
        let trajectory = simulate_from(&model, &y0, (0.0, 400.0), &[], &options).unwrap();
        let circ = trajectory.column("n.circ").unwrap()[0];
        prop_assert!((circ / circ0 - 1.0).abs() < 1e-6, "Circ(400 d) = {circ} vs {circ0}");
    }

    #[test]
    fn regeneration_never_delays_recovery(
        dose_mg in 60.0..300.0f64,
        day in 0.0..20.0f64,
        cells in log_uniform(1e3, 1e9),
    ) {
        let preset = FribergPreset::docetaxel_linear_2002();
        let run = |regen| run_scenario(&Scenario { preset, pk: Pk::Bruno, dose_mg, regen, horizon: 40.0 }).unwrap();
        let (plain, supported) = (run(None), run(Some((day, cells))));
        let back_plain = plain.return_to_baseline().unwrap().unwrap_or(f64::INFINITY);
        let back_supported = supported.return_to_baseline().unwrap().unwrap_or(f64::INFINITY);
        prop_assert!(back_supported <= back_plain + 1e-6, "{back_supported} > {back_plain}");
        prop_assert!(back_plain.is_finite());
    }
}
