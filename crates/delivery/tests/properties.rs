//! Property tests: cell numbers are conserved without death and clearance (and with the
//! cleared tally in general), more infused cells never leave more tumor, an empty site
//! attracts no cells, route splits conserve the dose, and the virus-model thresholds and
//! Stein closed forms hold for any admissible parameters.

// Test helpers outside `#[test]` functions unwrap too (as in tests/it).
#![allow(clippy::unwrap_used)]

mod common;

use common::{Constants, TestTumor};
use oncodyn_core::analysis::{eigenvalues, Jacobian};
use oncodyn_core::{simulate, units, Method, Model, Output, SolverOptions, SubModel};
use oncodyn_delivery::*;
use proptest::prelude::*;

/// `10^x` for `x` uniform in `[lo, hi]`.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..=hi).prop_map(|x: f64| 10f64.powf(x))
}

fn options(times: Vec<f64>) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-10, 1e-6)
        .output(Output::Times(times))
}

/// Sum of the cell states of the population (blood, lung, organs, sites, cleared).
fn cell_total(model: &Model, row: &[f64], cells: &StemCells) -> f64 {
    let mut names = vec![BLOOD_STATE, LUNG_STATE, ORGANS_STATE, CLEARED_STATE]
        .into_iter()
        .map(|s| cells.state_name(s))
        .collect::<Vec<_>>();
    names.extend(cells.sites().iter().map(|s| cells.site_state(s).unwrap()));
    names
        .iter()
        .filter_map(|n| model.state_index(n).ok())
        .map(|k| row[k])
        .sum()
}

#[derive(Debug, Clone, Copy)]
enum PayloadKind {
    Secreted(f64, f64),
    Prodrug(f64),
}

fn any_payload() -> impl Strategy<Value = PayloadKind> {
    prop_oneof![
        (0.0..=0.5f64, log_uniform(4.0, 8.0)).prop_map(|(k, s)| PayloadKind::Secreted(k, s)),
        (0.0..=1.0f64).prop_map(PayloadKind::Prodrug),
    ]
}

fn armed(cells: StemCells, payload: PayloadKind) -> StemCells {
    match payload {
        PayloadKind::Secreted(kappa, s50) => cells
            .with_secreted_protein(SecretedProtein::new(kappa, s50).unwrap())
            .unwrap(),
        PayloadKind::Prodrug(bystander) => {
            let mut enzyme = ProdrugEnzyme::cd_5fc();
            enzyme.bystander = bystander;
            cells
                .with_prodrug(enzyme, ProdrugSource::Signal("fc.concentration".into()))
                .unwrap()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn cells_are_conserved_without_death_or_clearance(
        k_trap in 0.0..=40.0f64, k_rel in 0.0..=1.0f64, k_org in 0.0..=5.0f64,
        eta_max in 0.0..=3.0f64, v50 in log_uniform(6.0, 12.0),
        burden_a in log_uniform(0.0, 12.0), burden_b in log_uniform(0.0, 12.0),
        dose in log_uniform(3.0, 10.0), end in 0.1..=30.0f64,
    ) {
        let trafficking = TraffickingParams::new(k_trap, k_rel, 0.0, k_org, 0.0).unwrap();
        let homing = HomingParams::new(eta_max, v50, 0.0, 0.0, 1e9).unwrap();
        let cells = StemCells::new("sc", trafficking, homing, &["a", "b"]).unwrap();
        let model = Model::new(vec![
            Box::new(cells.clone()),
            Box::new(Constants::burdens(&[("a", burden_a), ("b", burden_b)])),
        ]).unwrap();
        let events = cells.administer(0.0, &Route::Intravenous, CellDose::cells(dose).unwrap()).unwrap();
        let run = simulate(&model, (0.0, end), &events, &options(vec![0.0, end / 2.0, end])).unwrap();
        for row in 0..run.len() {
            let total = cell_total(&model, run.row(row).unwrap(), &cells);
            prop_assert!((total - dose).abs() <= 1e-9 * dose, "{total} vs {dose}");
        }
    }

    #[test]
    fn the_cleared_tally_closes_the_balance(
        k_dg in 0.0..=2.0f64, k_do in 0.0..=1.0f64, k_ds in 0.0..=1.0f64,
        burden in log_uniform(0.0, 12.0), dose in log_uniform(3.0, 10.0),
        leak in 0.0..=1.0f64,
    ) {
        let trafficking = TraffickingParams::new(20.0, 0.05, k_dg, 2.0, k_do).unwrap();
        let homing = HomingParams::new(1.0, 1e9, k_ds, 0.0, 1e9).unwrap();
        let cells = StemCells::new("sc", trafficking, homing, &["a"]).unwrap().with_cleared_tally();
        let model = Model::new(vec![
            Box::new(cells.clone()),
            Box::new(Constants::burdens(&[("a", burden)])),
        ]).unwrap();
        let route = Route::intratumoral("a", leak).unwrap();
        let events = cells.administer(0.0, &route, CellDose::cells(dose).unwrap()).unwrap();
        let run = simulate(&model, (0.0, 20.0), &events, &options(vec![1.0, 20.0])).unwrap();
        for row in 0..run.len() {
            let total = cell_total(&model, run.row(row).unwrap(), &cells);
            prop_assert!((total - dose).abs() <= 1e-9 * dose, "{total} vs {dose}");
        }
    }

    #[test]
    fn more_infused_cells_never_leave_more_tumor(
        payload in any_payload(),
        r in 0.001..=0.05f64, v0 in log_uniform(6.0, 10.5),
        eta_max in 0.05..=2.0f64, k_ds in 0.0..=0.5f64,
        dose in log_uniform(4.0, 9.0), factor in 1.0..=100.0f64,
    ) {
        let homing = HomingParams::new(eta_max, 1e9, k_ds, 0.0, 1e9).unwrap();
        let cells = armed(
            StemCells::new("sc", TraffickingParams::flagship(), homing, &["tumor"]).unwrap(),
            payload,
        );
        let model = Model::new(vec![
            Box::new(cells.clone()),
            Box::new(TestTumor::new("tumor", r, 1e12, v0)),
            Box::new(Constants::new(&[("fc.concentration", units::UM, 387.0)])),
        ]).unwrap();
        let tumor_at_end = |cells_given: f64| {
            let mut events = Vec::new();
            for day in [0.0, 21.0] {
                events.extend(
                    cells.administer(day, &Route::Intravenous, CellDose::cells(cells_given).unwrap()).unwrap(),
                );
            }
            let run = simulate(&model, (0.0, 60.0), &events, &options(vec![60.0])).unwrap();
            run.column("tumor.cells").unwrap()[0]
        };
        let fewer = tumor_at_end(dose);
        let more = tumor_at_end(dose * factor);
        prop_assert!(more <= fewer * (1.0 + 1e-8), "{more} > {fewer}");
    }

    #[test]
    fn an_empty_site_attracts_no_cells(
        burden in log_uniform(3.0, 12.0), dose in log_uniform(3.0, 10.0),
        eta_max in 0.0..=5.0f64, v50 in log_uniform(3.0, 12.0),
        cell_type in prop_oneof![Just(CellType::Mesenchymal), Just(CellType::Neural), Just(CellType::Hematopoietic)],
    ) {
        let mut homing = cell_type.homing();
        homing.eta_max = eta_max;
        homing.v50 = v50;
        let cells = StemCells::new("sc", cell_type.trafficking(), homing, &["big", "empty"]).unwrap()
            .with_secreted_protein(SecretedProtein::flagship()).unwrap()
            .with_virus(VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::D1), 100.0).unwrap()).unwrap();
        let model = Model::new(vec![
            Box::new(cells.clone()),
            Box::new(Constants::burdens(&[("big", burden), ("empty", 0.0)])),
        ]).unwrap();
        let events = cells.administer(0.0, &Route::Intravenous, CellDose::cells(dose).unwrap()).unwrap();
        let run = simulate(&model, (0.0, 30.0), &events, &options(vec![1.0, 10.0, 30.0])).unwrap();
        for column in ["sc.at_empty", "sc.virus_empty", "sc.infected_empty", "empty.kill_hazard"] {
            prop_assert!(run.column(column).unwrap().iter().all(|&v| v.abs() < f64::MIN_POSITIVE), "{column}");
        }
        prop_assert!(run.column("sc.at_big").unwrap()[2] > 0.0 || eta_max <= 0.0);
    }

    #[test]
    fn route_splits_conserve_the_dose(
        dose in log_uniform(0.0, 10.0), tumor in 0.0..=1.0f64, organ in 0.0..=1.0f64, leak in 0.0..=1.0f64,
    ) {
        let cells = StemCells::flagship("sc", &["liver"]).unwrap();
        let dose_value = CellDose::cells(dose).unwrap();
        let mut routes = vec![Route::Intravenous, Route::intratumoral("liver", leak).unwrap()];
        if tumor + organ <= 1.0 {
            routes.push(Route::intra_arterial("liver", tumor, organ).unwrap());
        }
        for route in routes {
            let total: f64 = cells.administer(0.0, &route, dose_value).unwrap().iter().map(|e| match e {
                oncodyn_core::Event::Dose { amount, .. } => *amount,
                _ => f64::NAN,
            }).sum();
            prop_assert!((total - dose).abs() <= 1e-12 * dose, "{route:?}");
        }
    }

    #[test]
    fn bajzer_threshold_decides_stability_of_the_tumor_only_state(
        kappa in log_uniform(-5.0, -2.0), delta in 0.001..=2.0f64, alpha in 0.0..=3.0f64,
        omega in 0.0..=1.0f64, rho in 0.0..=1.0f64,
    ) {
        let mut params = BajzerParams::published(BajzerSet::D1);
        (params.kappa, params.delta, params.alpha, params.omega, params.rho) = (kappa, delta, alpha, omega, rho);
        let q = params.q();
        prop_assume!(q.abs() > 1e-9);
        let j = params.jacobian([params.k, 0.0, 0.0]);
        let block = Jacobian::from_row_major(2, vec![j[1][1], j[1][2], j[2][1], j[2][2]]).unwrap();
        let lead = eigenvalues(&block).unwrap()[0];
        prop_assert!((lead.re < 0.0) == (q < 0.0), "q {q}, leading eigenvalue {lead:?}");
        prop_assert!(j[0][0] < 0.0);
        if let Some(state) = params.interior_equilibrium() {
            let model = Bajzer::new("b", params, state).unwrap();
            let mut dy = [0.0; 3];
            model.rhs(0.0, &state, &[], &mut dy);
            let scale = state.iter().fold(1.0f64, |m, v| m.max(v.abs()));
            prop_assert!(dy.iter().all(|d| d.abs() <= 1e-9 * scale), "{dy:?}");
        }
    }

    #[test]
    fn wodarz_interior_equilibrium_is_a_rest_point(
        r in 0.1..=1.0f64, k in 1.0..=100.0f64, d in 0.0..=0.1f64, beta in 0.01..=1.0f64,
        s in 0.0..=0.1f64, a in 0.01..=1.0f64,
    ) {
        let params = WodarzParams { r, k, d, beta, s, a, p: 0.0, c: 0.0, b: 0.0 };
        if let Some((x, y)) = params.interior_equilibrium() {
            let model = Wodarz::new("w", params, [x, y, 0.0]).unwrap();
            let mut dy = [0.0; 3];
            model.rhs(0.0, &[x, y, 0.0], &[], &mut dy);
            prop_assert!(dy.iter().all(|v| v.abs() <= 1e-10 * k.max(1.0) * r.max(beta * k)), "{dy:?}");
        }
    }

    #[test]
    fn stein_closed_forms_are_consistent(
        foldx in 1.5..=1e4f64, tmax in 1.0..=30.0f64, cmax in log_uniform(1.0, 6.0),
        alpha in 0.01..=1.0f64, fb in 0.0..=0.5f64, beta in 0.0005..=0.05f64,
    ) {
        let p = SteinParams { foldx, tmax, cmax, alpha, fb, beta };
        let left = p.r0() * (p.rho() * tmax).exp();
        prop_assert!((left - cmax).abs() <= 1e-12 * cmax);
        prop_assert!((p.concentration(tmax) - cmax).abs() <= 1e-12 * cmax);
        prop_assert!(p.auc_until(tmax) <= p.auc_until(2.0 * tmax));
        let far = tmax + 60.0 / beta.min(alpha);
        prop_assert!((p.auc_until(far) - p.auc_infinity()).abs() <= 1e-9 * p.auc_infinity());
    }
}
