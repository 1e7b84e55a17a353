//! Sub-model contract (`check_submodel`) of every immune sub-model at its initial state and
//! at awkward states, `Send + Sync` of the public types, and construction errors.

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use oncodyn_core::testing::check_submodel;
use oncodyn_core::{Error, Model, Parameters, SubModel};
use oncodyn_immune::{
    DePillis2005, DePillis2005Params, DePillis2006, DePillis2006Params, Effectors, EffectorsParams,
    KirschnerPanetta, KirschnerPanettaParams, Kuznetsov, KuznetsovParams, KuznetsovScaled,
    KuznetsovScaledParams, TumorScale, NATIVE_MSC_THETA, PATIENT9_L_HIGH,
};

fn every_submodel() -> Vec<Box<dyn SubModel>> {
    let kp = KirschnerPanettaParams::kirschner_panetta_1998(0.02).unwrap();
    let p06 = DePillis2006Params::patient_9(PATIENT9_L_HIGH).unwrap();
    let mut models: Vec<Box<dyn SubModel>> = vec![
        Box::new(Kuznetsov::new("kuz", KuznetsovParams::kuznetsov_1994(), 3.2e5, 5e6).unwrap()),
        Box::new(
            KuznetsovScaled::new("kuz", KuznetsovScaledParams::standard(), 0.32, 5.0).unwrap(),
        ),
        Box::new(
            Effectors::new(
                "effectors",
                EffectorsParams::flagship(),
                &["primary", "lung"],
            )
            .unwrap(),
        ),
    ];
    for scale in [TumorScale::Linear, TumorScale::Log] {
        models.push(Box::new(
            KirschnerPanetta::new("kp", kp, scale, [1.0, 0.0, 0.0]).unwrap(),
        ));
        models.push(Box::new(
            DePillis2005::new(
                "dp",
                DePillis2005Params::mefast_baseline(),
                scale,
                [1e4, 300.0, 0.0],
            )
            .unwrap(),
        ));
        models.push(Box::new(
            DePillis2006::new("dp", p06, scale, [1e6, 1e5, 1e2, 1e10, 0.0, 0.0]).unwrap(),
        ));
    }
    models
}

#[test]
fn every_submodel_satisfies_the_contract() {
    for sub in every_submodel() {
        let problems = check_submodel(sub.as_ref(), None);
        assert!(problems.is_empty(), "{}: {problems:?}", sub.name());
        let n = sub.states().len();
        for value in [0.0, -1e-9, -1.0, 1e-300, 1e12, 1e150, -1e150] {
            let state = vec![value; n];
            let problems = check_submodel(sub.as_ref(), Some(&state));
            assert!(
                problems.is_empty(),
                "{} at {value}: {problems:?}",
                sub.name()
            );
        }
    }
}

#[test]
fn tumor_immune_models_publish_burden_and_read_a_kill_hazard() {
    let kp = KirschnerPanettaParams::kirschner_panetta_1998(0.02).unwrap();
    let model = KirschnerPanetta::new("kp", kp, TumorScale::Log, [2.0, 0.0, 0.0]).unwrap();
    assert_eq!(model.outputs()[0].var.name, "kp.burden");
    assert_eq!(model.inputs()[0].var.name, "kp.kill_hazard");
    let mut out = [f64::NAN];
    model.publish(0.0, &[2f64.ln(), 0.0, 0.0], &mut out);
    approx::assert_relative_eq!(out[0], 2.0, max_relative = 1e-15);
    // An extra hazard equal to the growth rate stops a small tumor without effectors.
    let mut dy = [f64::NAN; 3];
    model.rhs(0.0, &[0.0, 0.0, 0.0], &[kp.r2 * (1.0 - kp.b)], &mut dy);
    assert!(dy[0].abs() < 1e-15);
    // Effectors serving two sites compose with one tumor model each.
    let effectors = Effectors::new("effectors", EffectorsParams::flagship(), &["a", "b"]).unwrap();
    let model = Model::new(vec![
        Box::new(common::tumor_site("a", 1e8)),
        Box::new(common::tumor_site("b", 1e7)),
        Box::new(effectors),
    ])
    .unwrap();
    assert_eq!(model.n_states(), 5);
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_model_types_are_send_and_sync() {
    assert_send_sync::<Kuznetsov>();
    assert_send_sync::<KuznetsovScaled>();
    assert_send_sync::<KuznetsovParams>();
    assert_send_sync::<KuznetsovScaledParams>();
    assert_send_sync::<Effectors>();
    assert_send_sync::<EffectorsParams>();
    assert_send_sync::<KirschnerPanetta>();
    assert_send_sync::<KirschnerPanettaParams>();
    assert_send_sync::<DePillis2005>();
    assert_send_sync::<DePillis2005Params>();
    assert_send_sync::<DePillis2006>();
    assert_send_sync::<DePillis2006Params>();
    assert_send_sync::<TumorScale>();
}

#[test]
fn invalid_input_is_an_error_value() {
    let bad = KuznetsovParams {
        d: 0.0,
        ..KuznetsovParams::kuznetsov_1994()
    };
    assert!(matches!(
        Kuznetsov::new("kuz", bad, 1.0, 1.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "d"
    ));
    assert!(matches!(
        Kuznetsov::new("kuz", KuznetsovParams::kuznetsov_1994(), -1.0, 1.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "initial_effectors"
    ));
    assert!(matches!(
        KuznetsovScaledParams::standard().with("sigma", f64::NAN),
        Err(Error::InvalidParameter { ref name, .. }) if name == "sigma"
    ));
    assert!(matches!(
        KirschnerPanettaParams::kirschner_panetta_1998(-0.01),
        Err(Error::InvalidParameter { ref name, .. }) if name == "c"
    ));
    let kp = KirschnerPanettaParams::kirschner_panetta_1998(0.02).unwrap();
    assert!(matches!(
        KirschnerPanetta::new("kp", kp, TumorScale::Log, [0.0, 0.0, 0.0]),
        Err(Error::InvalidParameter { ref name, .. }) if name == "initial_tumor"
    ));
    assert!(matches!(
        DePillis2006Params::patient_9(0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "l"
    ));
    assert!(matches!(
        EffectorsParams::flagship().with("imax", 1.5),
        Err(Error::InvalidParameter { ref name, .. }) if name == "imax"
    ));
    assert!(matches!(
        EffectorsParams::flagship().with("theta", -1.5),
        Err(Error::InvalidParameter { ref name, .. }) if name == "theta"
    ));
    assert!(matches!(
        EffectorsParams::flagship().native_msc(0.5),
        Err(Error::InvalidParameter { ref name, .. }) if name == "theta"
    ));
    let native = EffectorsParams::flagship()
        .native_msc(NATIVE_MSC_THETA.0)
        .unwrap();
    approx::assert_relative_eq!(native.recruitment_factor(f64::MAX), 0.02, epsilon = 1e-12);
    assert!(matches!(
        Effectors::new("effectors", EffectorsParams::flagship(), &["lung", "lung"]),
        Err(Error::DuplicateName { kind: "site", .. })
    ));
    assert!(matches!(
        Effectors::new("effectors", EffectorsParams::flagship(), &["lung cells"]),
        Err(Error::InvalidName { .. })
    ));
    assert!(matches!(
        KuznetsovParams::kuznetsov_1994().to_scaled(0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "scale"
    ));
}
