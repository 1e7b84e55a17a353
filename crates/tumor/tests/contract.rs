//! Sub-model contract (`check_submodel`) of [`TumorSite`] for every growth law, and
//! `Send + Sync` of the public model types.

use oncodyn_core::testing::check_submodel;
use oncodyn_tumor::{
    Colonization, DrugEffect, EmaxKill, Exponential, ExponentialLinear, GeneralizedBertalanffy,
    Gompertz, GompertzBenzekry, GrowthLaw, Iwata, IwataParams, IwataSolution, LinearQuadratic,
    LogKill, Logistic, MetastaticSeeding, NortonSimonKill, PowerLaw, SizeClass, TumorSite,
    VonBertalanffy,
};

fn every_law() -> Vec<GrowthLaw> {
    vec![
        Exponential { a: 0.3 }.into(),
        Logistic { a: 0.5, k: 1e9 }.into(),
        Gompertz { r: 0.05, k: 1e12 }.into(),
        VonBertalanffy {
            a: 1.0,
            gamma: 2.0 / 3.0,
            b: 0.1,
        }
        .into(),
        GeneralizedBertalanffy {
            v_inf: 1e9,
            omega: 0.2,
            lambda: -10.0,
        }
        .into(),
        GeneralizedBertalanffy {
            v_inf: 1e9,
            omega: 0.2,
            lambda: 0.0,
        }
        .into(),
        GeneralizedBertalanffy {
            v_inf: 1e9,
            omega: 0.2,
            lambda: 1.0,
        }
        .into(),
        PowerLaw { a: 1.0, gamma: 0.0 }.into(),
        ExponentialLinear {
            lambda0: 0.3,
            lambda1: 1e5,
        }
        .into(),
    ]
}

#[test]
fn tumor_site_satisfies_the_submodel_contract_for_every_law() {
    for law in every_law() {
        let site = TumorSite::new("lung", law.clone(), 1e6)
            .and_then(|s| s.with_log_kill("docetaxel.concentration", 0.5))
            .and_then(|s| s.with_emax_kill("cisplatin.concentration", 1.0, 2.0, 1.5))
            .and_then(|s| s.with_norton_simon_kill("paclitaxel.concentration", 0.7))
            .and_then(|s| s.with_radiosensitivity(0.3, 0.03))
            .and_then(|s| s.with_seeding("liver", MetastaticSeeding::iwata_2000()))
            .and_then(|s| s.with_seeding("lung", MetastaticSeeding::iwata_2000()))
            .unwrap();
        // Initial state, slightly negative trial states, zero, tiny and huge states.
        let problems = check_submodel(&site, None);
        assert!(problems.is_empty(), "{law:?}: {problems:?}");
        for y in [-1e-9, -1.0, 0.0, 1e-30, 1e-300, 1e15, 1e300, f64::MAX] {
            let problems = check_submodel(&site, Some(&[y]));
            assert!(problems.is_empty(), "{law:?} at {y}: {problems:?}");
        }
        let bare = TumorSite::new("liver", law.clone(), 1.0).unwrap();
        assert!(check_submodel(&bare, None).is_empty(), "{law:?}");
        let empty = TumorSite::empty("bone", law.clone())
            .and_then(|s| s.with_cure_threshold(1.0))
            .unwrap();
        for y in [-1.0, 0.0, 0.5, 1.0, 2.0, 1e300] {
            let problems = check_submodel(&empty, Some(&[y]));
            assert!(problems.is_empty(), "{law:?} at {y}: {problems:?}");
        }
    }
}

#[test]
fn benzekry_gompertz_converts_to_a_valid_site() {
    let law = GompertzBenzekry::new(2.3, 0.1, 1e-6)
        .unwrap()
        .to_gompertz()
        .unwrap();
    let site = TumorSite::new("primary", law, 1.0).unwrap();
    assert!(check_submodel(&site, None).is_empty());
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_model_types_are_send_and_sync() {
    assert_send_sync::<TumorSite>();
    assert_send_sync::<GrowthLaw>();
    assert_send_sync::<Exponential>();
    assert_send_sync::<Logistic>();
    assert_send_sync::<Gompertz>();
    assert_send_sync::<GompertzBenzekry>();
    assert_send_sync::<VonBertalanffy>();
    assert_send_sync::<GeneralizedBertalanffy>();
    assert_send_sync::<PowerLaw>();
    assert_send_sync::<DrugEffect>();
    assert_send_sync::<LogKill>();
    assert_send_sync::<EmaxKill>();
    assert_send_sync::<NortonSimonKill>();
    assert_send_sync::<ExponentialLinear>();
    assert_send_sync::<LinearQuadratic>();
    assert_send_sync::<MetastaticSeeding>();
    assert_send_sync::<Iwata>();
    assert_send_sync::<IwataParams>();
    assert_send_sync::<IwataSolution>();
    assert_send_sync::<SizeClass>();
    assert_send_sync::<Colonization>();
}
