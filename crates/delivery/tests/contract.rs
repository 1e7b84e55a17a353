//! Sub-model contract (`check_submodel`) of every sub-model in every configuration, the
//! state and signal layout of [`StemCells`], and `Send + Sync` of the public types.

// Test helpers outside `#[test]` functions unwrap too (as in tests/it).
#![allow(clippy::unwrap_used)]

use oncodyn_core::testing::check_submodel;
use oncodyn_core::{Model, SubModel};
use oncodyn_delivery::*;

fn every_configuration() -> Vec<StemCells> {
    let sites = ["primary", "lung", "liver"];
    let virus = VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::D1), 100.0).unwrap();
    let base = || StemCells::of_type("stem_cells", CellType::Neural, &sites).unwrap();
    vec![
        base(),
        StemCells::of_type("msc", CellType::Mesenchymal, &[]).unwrap(),
        StemCells::flagship("stem_cells", &sites).unwrap(),
        base()
            .with_prodrug(
                ProdrugEnzyme::cd_5fc(),
                ProdrugSource::Compartment(FlucytosinePk::typical_adult()),
            )
            .unwrap(),
        base()
            .with_prodrug(
                ProdrugEnzyme::cd_5fc(),
                ProdrugSource::Signal("flucytosine.concentration".into()),
            )
            .unwrap(),
        base().with_virus(virus).unwrap(),
        StemCells::flagship("stem_cells", &sites)
            .unwrap()
            .with_prodrug(
                ProdrugEnzyme::cd_5fc(),
                ProdrugSource::Compartment(FlucytosinePk::typical_adult()),
            )
            .unwrap()
            .with_virus(virus)
            .unwrap()
            .with_cleared_tally(),
    ]
}

#[test]
fn stem_cells_satisfy_the_contract_in_every_configuration() {
    for cells in every_configuration() {
        assert!(check_submodel(&cells, None).is_empty(), "{cells:?}");
        let n = cells.states().len();
        for value in [-1e-9, -1.0, 0.0, 1e-30, 1e6, 1e15, 1e300, f64::MAX] {
            let problems = check_submodel(&cells, Some(&vec![value; n]));
            assert!(problems.is_empty(), "{value}: {problems:?}");
        }
    }
}

#[test]
fn stem_cell_layout_is_documented() {
    let cells = StemCells::flagship("stem_cells", &["primary", "lung", "liver"])
        .unwrap()
        .with_prodrug(
            ProdrugEnzyme::cd_5fc(),
            ProdrugSource::Compartment(FlucytosinePk::typical_adult()),
        )
        .unwrap()
        .with_virus(
            VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::B1), 1.0).unwrap(),
        )
        .unwrap()
        .with_cleared_tally();
    let names: Vec<&str> = cells.states().iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "blood",
            "lung",
            "organs",
            "at_primary",
            "at_lung",
            "at_liver",
            "cleared",
            "prodrug",
            "fu_primary",
            "fu_lung",
            "fu_liver",
            "virus_primary",
            "virus_lung",
            "virus_liver",
            "infected_primary",
            "infected_lung",
            "infected_liver"
        ]
    );
    let outputs: Vec<&str> = cells
        .outputs()
        .iter()
        .map(|s| s.var.name.as_str())
        .collect();
    assert_eq!(
        outputs,
        [
            IMMUNOMODULATORY_SIGNAL,
            "primary.kill_hazard",
            "lung.kill_hazard",
            "liver.kill_hazard"
        ]
    );
    assert_eq!(IMMUNOMODULATORY_SIGNAL, "stem_cells.immunomodulatory");
    let inputs: Vec<&str> = cells.inputs().iter().map(|i| i.var.name.as_str()).collect();
    assert_eq!(inputs, ["primary.burden", "lung.burden", "liver.burden"]);
    assert_eq!(cells.site_state("lung").unwrap(), "stem_cells.at_lung");
    assert_eq!(cells.state_name(BLOOD_STATE), "stem_cells.blood");
}

#[test]
fn two_populations_add_their_signals() {
    // Two populations publish the additive immunomodulatory signal and kill hazard.
    let a = StemCells::flagship("engineered", &["tumor"]).unwrap();
    let b = StemCells::flagship("second", &["tumor"]).unwrap();
    let tumor = common::TestTumor::new("tumor", 0.01, 1e12, 1e9);
    let model = Model::new(vec![Box::new(a), Box::new(b), Box::new(tumor)]).unwrap();
    let names: Vec<&str> = model.signals().iter().map(|v| v.name.as_str()).collect();
    assert!(names.contains(&IMMUNOMODULATORY_SIGNAL) && names.contains(&"tumor.kill_hazard"));
}

mod common;

#[test]
fn virus_models_and_stein_satisfy_the_contract() {
    let wodarz = Wodarz::new(
        "wodarz",
        WodarzParams::biomodels_1043(),
        Wodarz::BIOMODELS_INITIAL,
    )
    .unwrap();
    let car_t = SteinCarT::new("car_t", SteinParams::tisagenlecleucel_2019()).unwrap();
    let subs: Vec<Box<dyn SubModel>> = vec![Box::new(wodarz), Box::new(car_t)];
    let mut all = subs;
    for set in BajzerSet::ALL {
        let bajzer = Bajzer::new(
            "bajzer",
            BajzerParams::published(set),
            BajzerParams::THERAPY_INITIAL,
        )
        .unwrap();
        all.push(Box::new(bajzer));
    }
    for sub in &all {
        assert!(check_submodel(sub.as_ref(), None).is_empty(), "{sub:?}");
        let n = sub.states().len();
        // Quadratic mass-action terms overflow beyond about 1e154: stay below.
        for value in [-1e-9, 0.0, 1e-300, 1e10, 1e150] {
            let problems = check_submodel(sub.as_ref(), Some(&vec![value; n]));
            assert!(problems.is_empty(), "{sub:?} at {value}: {problems:?}");
        }
    }
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<StemCells>();
    assert_send_sync::<TraffickingParams>();
    assert_send_sync::<HomingParams>();
    assert_send_sync::<CellType>();
    assert_send_sync::<CellDose>();
    assert_send_sync::<Route>();
    assert_send_sync::<SecretedProtein>();
    assert_send_sync::<ProdrugEnzyme>();
    assert_send_sync::<ProdrugSource>();
    assert_send_sync::<FlucytosinePk>();
    assert_send_sync::<VirusPayload>();
    assert_send_sync::<Wodarz>();
    assert_send_sync::<WodarzParams>();
    assert_send_sync::<Bajzer>();
    assert_send_sync::<BajzerParams>();
    assert_send_sync::<SteinCarT>();
    assert_send_sync::<SteinParams>();
    assert_send_sync::<CellCompartments>();
}
