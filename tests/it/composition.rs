//! Composition across crates: the quick validation suite, fixtures' contracts, exports.

use oncodyn_core::testing::{assert_all_passed, check_submodel};
use oncodyn_core::validation::Fidelity;
use oncodyn_core::{simulate, Error, Model, Output, SolverOptions};
use oncodyn_tests::fixtures::{Effectors, Payload};
use oncodyn_tests::validation::{composed_model, schedule};
use oncodyn_therapy::LinearPk;
use oncodyn_tumor::{Gompertz, TumorSite};

#[test]
fn quick_composition_suite_passes() {
    let records = oncodyn_tests::validation::run(Fidelity::Quick).unwrap();
    assert_all_passed(&records);
}

#[test]
fn fixtures_honour_the_submodel_contract() {
    assert!(check_submodel(&Effectors::new("primary"), None).is_empty());
    assert!(check_submodel(&Payload::new("primary"), Some(&[-1e-9])).is_empty());
}

#[test]
fn tumor_alone_runs_without_publishers_and_drug_effect_requires_a_drug() {
    let site = TumorSite::new("primary", Gompertz::new(0.002, 1e13).unwrap(), 1e10).unwrap();
    let alone = Model::new(vec![Box::new(site)]).unwrap();
    let trajectory = simulate(&alone, (0.0, 10.0), &[], &SolverOptions::default()).unwrap();
    let cells = trajectory.column("primary.cells").unwrap();
    assert!(cells[10] > cells[0]);

    let with_drug = TumorSite::new("primary", Gompertz::new(0.002, 1e13).unwrap(), 1e10)
        .unwrap()
        .with_log_kill("docetaxel.concentration", 2.5)
        .unwrap();
    let missing = Model::new(vec![Box::new(with_drug)]);
    assert!(
        matches!(missing, Err(Error::MissingSignal { ref signal, .. })
        if signal == "docetaxel.concentration")
    );
}

#[test]
fn two_instances_of_one_type_get_distinct_names() {
    let lung = TumorSite::new("lung", Gompertz::new(0.002, 1e13).unwrap(), 1e8).unwrap();
    let liver = TumorSite::new("liver", Gompertz::new(0.002, 1e13).unwrap(), 1e7).unwrap();
    let model = Model::new(vec![
        Box::new(LinearPk::docetaxel().unwrap()),
        Box::new(lung),
        Box::new(liver),
    ])
    .unwrap();
    let names = model.state_names();
    assert!(names.contains(&"lung.cells") && names.contains(&"liver.cells"));
}

#[test]
fn composed_trajectory_exports_atomically() {
    let model = composed_model().unwrap();
    let options = SolverOptions::default().output(Output::Every(7.0));
    let trajectory = simulate(&model, (0.0, 42.0), &schedule(2, false), &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("composed.csv");
    trajectory.write_csv(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("primary.cells [cells]"));
    assert!(header.contains("primary.kill_hazard [1/day]"));
    assert!(header.contains("docetaxel.concentration [uM]"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
