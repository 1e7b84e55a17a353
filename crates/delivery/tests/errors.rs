//! Bad input is met with a clear `oncodyn_core::Error` value: negative cell doses, a route
//! that needs a site the population does not home to, payload parameters out of range,
//! missing tumor sites, duplicate payloads and invalid model parameters.

// Test helpers outside `#[test]` functions unwrap too (as in tests/it).
#![allow(clippy::unwrap_used)]

mod common;

use oncodyn_core::{Error, Model, Parameters};
use oncodyn_delivery::*;

fn population() -> StemCells {
    StemCells::flagship("stem_cells", &["primary", "lung", "liver"]).unwrap()
}

#[test]
fn negative_and_non_finite_cell_doses_are_rejected() {
    assert!(matches!(
        CellDose::cells(-1e6),
        Err(Error::InvalidParameter { ref name, value, .. }) if name == "dose" && value < 0.0
    ));
    assert!(matches!(
        CellDose::cells(f64::INFINITY),
        Err(Error::InvalidParameter { ref name, .. }) if name == "dose"
    ));
    assert!(matches!(
        CellDose::per_kg(-2e6, 70.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "dose_per_kg"
    ));
    assert!(matches!(
        CellDose::per_kg(2e6, -70.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "body_weight"
    ));
    assert!(matches!(
        population().prodrug_dose(0.0, 1.0),
        Err(Error::InconsistentParameters { .. })
    ));
    let cd = population()
        .with_prodrug(
            ProdrugEnzyme::cd_5fc(),
            ProdrugSource::Compartment(FlucytosinePk::typical_adult()),
        )
        .unwrap();
    assert!(matches!(
        cd.prodrug_dose(0.0, -5.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "prodrug_dose"
    ));
}

#[test]
fn a_route_to_a_missing_site_is_an_unknown_state() {
    let cells = population();
    let dose = CellDose::cells(1e7).unwrap();
    let route = Route::intratumoral("livr", 0.0).unwrap();
    assert!(matches!(
        cells.administer(0.0, &route, dose),
        Err(Error::UnknownState { ref name, ref hint })
            if name == "stem_cells.at_livr" && hint.as_deref() == Some("stem_cells.at_liver")
    ));
    let route = Route::intra_arterial("brain", 0.2, 0.1).unwrap();
    assert!(matches!(
        cells.administer(0.0, &route, dose),
        Err(Error::UnknownState { .. })
    ));
    assert!(matches!(
        cells.administer(f64::NAN, &Route::Intravenous, dose),
        Err(Error::InvalidEvent { .. })
    ));
    // A population homing to a site that no sub-model publishes cannot be composed.
    let lonely = StemCells::flagship("stem_cells", &["bone"]).unwrap();
    let tumor = common::TestTumor::new("lung", 0.01, 1e12, 1e8);
    assert!(matches!(
        Model::new(vec![Box::new(lonely), Box::new(tumor)]),
        Err(Error::MissingSignal { ref signal, .. }) if signal == "bone.burden"
    ));
}

#[test]
fn payload_parameters_out_of_range_are_rejected() {
    assert!(matches!(
        SecretedProtein::new(-0.1, 1e6),
        Err(Error::InvalidParameter { ref name, .. }) if name == "kappa_max"
    ));
    assert!(matches!(
        SecretedProtein::new(0.1, 0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "s50"
    ));
    let mut enzyme = ProdrugEnzyme::cd_5fc();
    enzyme.bystander = 1.5;
    assert!(matches!(
        population().with_prodrug(enzyme, ProdrugSource::Signal("fc.concentration".into())),
        Err(Error::InvalidParameter { ref name, value, .. }) if name == "bystander" && value > 1.0
    ));
    let mut pk = FlucytosinePk::typical_adult();
    pk.volume = f64::NAN;
    assert!(matches!(
        population().with_prodrug(ProdrugEnzyme::cd_5fc(), ProdrugSource::Compartment(pk)),
        Err(Error::InvalidParameter { ref name, .. }) if name == "volume"
    ));
    assert!(matches!(
        population().with_prodrug(
            ProdrugEnzyme::cd_5fc(),
            ProdrugSource::Signal("bad name".into())
        ),
        Err(Error::InvalidName { kind: "signal", .. })
    ));
    assert!(matches!(
        VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::B1), -1.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "release"
    ));
    let mut virus =
        VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::B1), 1.0).unwrap();
    virus.kappa = -1.0;
    assert!(matches!(
        population().with_virus(virus),
        Err(Error::InvalidParameter { ref name, .. }) if name == "kappa"
    ));
    assert!(matches!(
        population().with_secreted_protein(SecretedProtein::flagship()),
        Err(Error::InconsistentParameters { .. })
    ));
}

#[test]
fn invalid_populations_and_models_are_rejected() {
    let (tr, homing) = (TraffickingParams::flagship(), HomingParams::flagship());
    assert!(matches!(
        StemCells::new("stem cells", tr, homing, &[]),
        Err(Error::InvalidName {
            kind: "sub-model",
            ..
        })
    ));
    assert!(matches!(
        StemCells::new("s", tr, homing, &["lung", "lung"]),
        Err(Error::DuplicateName { kind: "site", .. })
    ));
    assert!(matches!(
        TraffickingParams::new(20.0, -0.05, 1.0, 2.0, 0.1),
        Err(Error::InvalidParameter { ref name, .. }) if name == "k_rel"
    ));
    assert!(matches!(
        tr.with("k_trap", f64::NAN),
        Err(Error::InvalidParameter { ref name, .. }) if name == "k_trap"
    ));
    assert!(matches!(
        HomingParams::new(1.0, 0.0, 0.1, 0.0, 1e9),
        Err(Error::InvalidParameter { ref name, .. }) if name == "v50"
    ));
    assert!(matches!(
        Route::intra_arterial("liver", -0.1, 0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "tumor_fraction"
    ));
    let mut stein = SteinParams::tisagenlecleucel_2019();
    stein.foldx = 1.0;
    assert!(matches!(
        SteinCarT::new("car_t", stein),
        Err(Error::InvalidParameter { ref name, .. }) if name == "foldx"
    ));
    let mut bajzer = BajzerParams::published(BajzerSet::D1);
    bajzer.eps = 0.0;
    assert!(matches!(
        Bajzer::new("bajzer", bajzer, BajzerParams::THERAPY_INITIAL),
        Err(Error::InvalidParameter { ref name, .. }) if name == "eps"
    ));
    assert!(matches!(
        Bajzer::new("bajzer", BajzerParams::published(BajzerSet::D1), [1.0, -1.0, 0.0]),
        Err(Error::InvalidParameter { ref name, .. }) if name == "x0"
    ));
    let mut homing_prolif = homing;
    homing_prolif.k_ps = 0.1;
    assert!(matches!(
        iv_bolus_exact(&tr, &homing_prolif, &[1e9], 1e8, 1.0),
        Err(Error::InconsistentParameters { .. })
    ));
}
