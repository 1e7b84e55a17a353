//! Integration tests of regimens, fractionation schedules and combination plans: precise
//! errors for bad input, and properties of the expansion (sorted events, total dose, no
//! fraction on a weekend, merged plans).

use approx::assert_relative_eq;
use oncodyn_core::{Broadcast, Error, Event, Model};
use oncodyn_therapy::{
    bsa_mosteller, merge_events, Antibody, DoseBasis, FractionSchedule, FractionSpec, LinearPk,
    Regimen, RegimenSpec, TreatmentPlan, Weekday, DOCETAXEL_MG_PER_UMOL,
};
use proptest::prelude::*;

fn docetaxel(mg_per_m2: f64, bsa: f64) -> RegimenSpec {
    RegimenSpec::per_bsa("docetaxel.central", mg_per_m2, bsa).molar_mass(DOCETAXEL_MG_PER_UMOL)
}

/// Whether `result` is an `InvalidParameter` of `model` naming `which`.
fn names<T>(result: &Result<T, Error>, model_name: &str, which: &str) -> bool {
    matches!(result, Err(Error::InvalidParameter { model, name, .. })
        if model == model_name && name == which)
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Regimen>();
    assert_send_sync::<RegimenSpec>();
    assert_send_sync::<FractionSchedule>();
    assert_send_sync::<FractionSpec>();
    assert_send_sync::<TreatmentPlan>();
    assert_send_sync::<Weekday>();
    assert_send_sync::<DoseBasis>();
}

#[test]
fn flagship_regimen_expands_to_six_boluses_of_135_mg() {
    let regimen = Regimen::new(docetaxel(75.0, 1.8).cycles(6, 21.0)).unwrap();
    assert_relative_eq!(regimen.dose_mg(), 135.0, max_relative = 1e-15);
    assert_eq!(regimen.amount_unit(), "umol");
    let events = regimen.events();
    assert_eq!(events.len(), 6);
    for (k, event) in events.iter().enumerate() {
        assert!(matches!(event, Event::Dose { time, state, amount }
            if (*time - 21.0 * k as f64).abs() < 1e-12
                && state == "docetaxel.central"
                && (*amount - 135.0 / 0.808).abs() < 1e-12));
    }
    let flat = Regimen::new(RegimenSpec::flat("anti_pd1.central", 200.0).first_day(2.0)).unwrap();
    assert_eq!(flat.amount_unit(), "mg");
    assert!(
        matches!(flat.events()[..], [Event::Dose { time, amount, .. }]
        if (time - 2.0).abs() < 1e-15 && (amount - 200.0).abs() < 1e-15)
    );
}

#[test]
fn infusions_may_touch_but_not_overlap() {
    let touching = Regimen::new(docetaxel(75.0, 1.8).cycles(3, 7.0).infusion(7.0)).unwrap();
    assert!(
        matches!(touching.events()[1], Event::Infusion { start, end, .. }
        if (start - 7.0).abs() < 1e-15 && (end - 14.0).abs() < 1e-15)
    );
    let overlapping = Regimen::new(docetaxel(75.0, 1.8).cycles(3, 7.0).infusion(7.5));
    assert!(
        matches!(overlapping, Err(Error::InconsistentParameters { ref model, ref reason })
        if model == "Regimen" && reason.contains("overlapping infusions"))
    );
    // A single long infusion overlaps nothing.
    assert!(Regimen::new(docetaxel(75.0, 1.8).infusion(30.0)).is_ok());
}

#[test]
fn bad_regimens_give_precise_errors() {
    let r = Regimen::new(docetaxel(75.0, 1.8).cycles(0, 21.0));
    assert!(names(&r, "Regimen", "cycles"), "{r:?}");
    for bsa in [0.0, -1.8, f64::NAN] {
        let r = Regimen::new(docetaxel(75.0, bsa));
        assert!(names(&r, "Regimen", "bsa"), "{r:?}");
    }
    for dose in [0.0, -75.0, f64::INFINITY] {
        let r = Regimen::new(docetaxel(dose, 1.8));
        assert!(names(&r, "Regimen", "dose_mg_per_m2"), "{r:?}");
        let r = Regimen::new(RegimenSpec::flat("ab.central", dose));
        assert!(names(&r, "Regimen", "dose_mg"), "{r:?}");
    }
    let r = Regimen::new(docetaxel(1e200, 1e200));
    assert!(names(&r, "Regimen", "dose_mg"), "{r:?}");
    let r = Regimen::new(docetaxel(75.0, 1.8).molar_mass(0.0));
    assert!(names(&r, "Regimen", "molar_mass"), "{r:?}");
    let r = Regimen::new(docetaxel(75.0, 1.8).cycles(2, 0.0));
    assert!(names(&r, "Regimen", "interval_days"), "{r:?}");
    let r = Regimen::new(docetaxel(75.0, 1.8).first_day(f64::NAN));
    assert!(names(&r, "Regimen", "first_day"), "{r:?}");
    let r = Regimen::new(docetaxel(75.0, 1.8).infusion(-1.0));
    assert!(names(&r, "Regimen", "infusion_days"), "{r:?}");
    let r = Regimen::new(docetaxel(75.0, 1.8).cycles(u32::MAX, 1.0));
    assert!(names(&r, "Regimen", "cycles"), "{r:?}");
    let r = Regimen::new(RegimenSpec::flat("anti pd1", 200.0));
    assert!(matches!(r, Err(Error::InvalidName { kind: "state", .. })));
    let message = Regimen::new(docetaxel(75.0, -1.8)).unwrap_err().to_string();
    assert!(message.contains("bsa") && message.contains("m^2") && message.contains("-1.8"));
}

#[test]
fn bad_fraction_schedules_give_precise_errors() {
    for dose in [0.0, -2.0, f64::NAN] {
        let r = FractionSchedule::new(FractionSpec::weekdays(dose, 30));
        assert!(names(&r, "FractionSchedule", "dose_gy"), "{r:?}");
    }
    let r = FractionSchedule::new(FractionSpec::weekdays(2.0, 0));
    assert!(names(&r, "FractionSchedule", "fractions"), "{r:?}");
    let r = FractionSchedule::new(FractionSpec::weekdays(2.0, 30).time_of_day(1.0));
    assert!(names(&r, "FractionSchedule", "time_of_day"), "{r:?}");
    let r = FractionSchedule::new(FractionSpec::weekdays(2.0, 30).on_days(&[]));
    assert!(matches!(r, Err(Error::InconsistentParameters { .. })));
    let r = FractionSchedule::new(FractionSpec::weekdays(2.0, 30).target("lung site"));
    assert!(matches!(
        r,
        Err(Error::InvalidName {
            kind: "sub-model",
            ..
        })
    ));
}

#[test]
fn fraction_schedules_follow_the_calendar() {
    let s = FractionSchedule::new(FractionSpec::weekdays(2.0, 30)).unwrap();
    assert_eq!(s.days().first(), Some(&0));
    assert_eq!(s.last_day(), 39);
    assert_eq!(s.overall_time_days(), 39);
    assert_relative_eq!(s.total_dose_gy(), 60.0);
    let daily = FractionSchedule::new(FractionSpec::weekdays(3.0, 10).every_day()).unwrap();
    assert_eq!(daily.days(), (0..10).collect::<Vec<u32>>());
    let mwf = FractionSpec::weekdays(8.0, 5)
        .on_days(&[Weekday::Monday, Weekday::Wednesday, Weekday::Friday])
        .time_of_day(0.5)
        .target("lung");
    let s = FractionSchedule::new(mwf).unwrap();
    assert_eq!(s.days(), [0, 2, 4, 7, 9]);
    assert!(matches!(&s.events()[1], Event::Broadcast {
        time, target: Some(target), action: Broadcast::RadiationFraction { dose_gy }
    } if (*time - 2.5).abs() < 1e-15 && target == "lung" && (*dose_gy - 8.0).abs() < 1e-15));
}

#[test]
fn plans_merge_sorted_and_reject_colliding_infusions() {
    let pk = LinearPk::docetaxel().unwrap();
    let ab = Antibody::anti_pd1().unwrap();
    let plan = TreatmentPlan::new()
        .regimen(Regimen::new(docetaxel(75.0, 1.8).cycles(6, 21.0).infusion_hours(1.0)).unwrap())
        .regimen(
            Regimen::new(RegimenSpec::flat(ab.central_state(), 200.0).cycles(18, 21.0)).unwrap(),
        )
        .radiotherapy(
            FractionSchedule::new(FractionSpec::weekdays(2.0, 30).target("docetaxel")).unwrap(),
        );
    let events = plan.events().unwrap();
    assert_eq!(events.len(), 54);
    assert!(events.windows(2).all(|w| w[0].time() <= w[1].time()));
    let model = Model::new(vec![Box::new(pk), Box::new(ab)]).unwrap();
    assert!(plan.check_against(&model).is_ok());

    // Two regimens of the same drug whose infusions collide on day 21.
    let collide = TreatmentPlan::new()
        .regimen(Regimen::new(docetaxel(75.0, 1.8).cycles(2, 21.0).infusion(1.0)).unwrap())
        .regimen(Regimen::new(docetaxel(10.0, 1.8).first_day(21.5).infusion(1.0)).unwrap());
    assert!(
        matches!(collide.events(), Err(Error::InvalidEvent { ref reason, .. })
        if reason.contains("overlaps"))
    );
    assert!(matches!(
        merge_events([Event::dose(f64::NAN, "a.b", 1.0)]),
        Err(Error::InvalidEvent { index: 0, .. })
    ));
}

#[test]
fn plans_are_checked_against_the_model() {
    let model = Model::new(vec![Box::new(LinearPk::docetaxel().unwrap())]).unwrap();
    let no_molar_mass = Regimen::new(RegimenSpec::per_bsa("docetaxel.central", 75.0, 1.8)).unwrap();
    assert!(matches!(no_molar_mass.check_against(&model),
        Err(Error::InconsistentParameters { ref reason, .. }) if reason.contains("molar mass")));
    let ok = Regimen::new(docetaxel(75.0, 1.8)).unwrap();
    assert!(ok.check_against(&model).is_ok());
    let typo = Regimen::new(RegimenSpec::per_bsa("docetaxel.centrl", 75.0, 1.8)).unwrap();
    assert!(matches!(typo.check_against(&model),
        Err(Error::UnknownState { ref hint, .. }) if hint.as_deref() == Some("docetaxel.central")));
    let plan = TreatmentPlan::new().radiotherapy(
        FractionSchedule::new(FractionSpec::weekdays(2.0, 5).target("docetaxl")).unwrap(),
    );
    assert!(matches!(plan.check_against(&model),
        Err(Error::UnknownTarget { index: 0, ref hint, .. }) if hint.as_deref() == Some("docetaxel")));
}

#[test]
fn mosteller_body_surface_area() {
    assert_relative_eq!(
        bsa_mosteller(180.0, 64.8).unwrap(),
        1.8,
        max_relative = 1e-15
    );
    assert!(names(&bsa_mosteller(0.0, 72.0), "Regimen", "height_cm"));
    assert!(names(
        &bsa_mosteller(180.0, f64::NAN),
        "Regimen",
        "weight_kg"
    ));
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0usize..7).prop_map(|k| Weekday::ALL[k])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn regimen_expansion_is_sorted_and_conserves_dose(
        mg_per_m2 in 1.0f64..500.0, bsa in 0.5f64..3.0, cycles in 1u32..40,
        interval in 0.5f64..60.0, first in -10.0f64..100.0, infusion_fraction in 0.0f64..1.0,
    ) {
        let spec = docetaxel(mg_per_m2, bsa)
            .cycles(cycles, interval)
            .first_day(first)
            .infusion(infusion_fraction * interval);
        let regimen = Regimen::new(spec).unwrap();
        let events = regimen.events();
        prop_assert_eq!(events.len(), cycles as usize);
        prop_assert!(events.windows(2).all(|w| w[0].time() < w[1].time()));
        let total: f64 = events.iter().map(|e| match e {
            Event::Dose { amount, .. } => *amount,
            Event::Infusion { start, end, rate, .. } => rate * (end - start),
            _ => f64::NAN,
        }).sum();
        let expected = f64::from(cycles) * mg_per_m2 * bsa / DOCETAXEL_MG_PER_UMOL;
        prop_assert!((total - expected).abs() <= 1e-12 * expected, "{} vs {}", total, expected);
        prop_assert!((regimen.total_amount() - expected).abs() <= 1e-12 * expected);
        // The expansion is a valid event list for merging (no overlap, finite times).
        prop_assert!(merge_events(events).is_ok());
    }

    #[test]
    fn weekday_fractions_never_fall_on_a_weekend(
        dose in 0.5f64..20.0, fractions in 1u32..60, first in 0u32..400, day0 in weekday(),
    ) {
        let spec = FractionSpec::weekdays(dose, fractions).first_day(first).day0_weekday(day0);
        let schedule = FractionSchedule::new(spec).unwrap();
        prop_assert_eq!(schedule.days().len(), fractions as usize);
        prop_assert!(schedule.weekdays().iter().all(|d| !d.is_weekend()));
        prop_assert!(schedule.days().windows(2).all(|w| w[0] < w[1]));
        prop_assert!(schedule.days()[0] >= first && schedule.days()[0] <= first + 2);
        // Five fractions per full week: the schedule spans at most 7 (n / 5 + 1) days.
        prop_assert!(schedule.overall_time_days() <= 7 * (fractions / 5 + 1));
        prop_assert!((schedule.total_dose_gy() - f64::from(fractions) * dose).abs() <= 1e-12 * dose * 60.0);
    }

    #[test]
    fn merged_plans_keep_every_event_in_time_order(
        cycles in 1u32..10, interval in 1.0f64..30.0, fractions in 1u32..40, day0 in weekday(),
    ) {
        let drug = Regimen::new(docetaxel(75.0, 1.8).cycles(cycles, interval)).unwrap();
        let antibody = Regimen::new(RegimenSpec::flat("ab.central", 200.0).cycles(cycles, interval)).unwrap();
        let rt = FractionSchedule::new(FractionSpec::weekdays(2.0, fractions).day0_weekday(day0)).unwrap();
        let plan = TreatmentPlan::new().regimen(drug).regimen(antibody).radiotherapy(rt);
        let events = plan.events().unwrap();
        prop_assert_eq!(events.len(), 2 * cycles as usize + fractions as usize);
        prop_assert!(events.windows(2).all(|w| w[0].time() <= w[1].time()));
    }
}
