//! Constructor and builder tests of [`TumorSite`].

use super::*;
use crate::growth::{Exponential, Logistic};
use oncodyn_core::SubModel;

fn site() -> TumorSite {
    TumorSite::new("lung", Exponential::new(0.3).unwrap(), 10.0).unwrap()
}

#[test]
fn constructor_errors_carry_the_offending_value() {
    assert!(matches!(
        TumorSite::new("lung", Exponential { a: 0.1 }, 0.0),
        Err(Error::InvalidParameter { ref name, value, .. }) if name == "initial_cells" && value <= 0.0
    ));
    assert!(matches!(
        TumorSite::new("lung", Exponential { a: 0.1 }, -3.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "initial_cells"
    ));
    assert!(matches!(
        TumorSite::new("lung", Logistic { a: f64::NAN, k: 10.0 }, 1.0),
        Err(Error::InvalidParameter { ref name, value, .. }) if name == "a" && value.is_nan()
    ));
    assert!(matches!(
        TumorSite::new("lung cancer", Exponential { a: 0.1 }, 1.0),
        Err(Error::InvalidName {
            kind: "sub-model",
            ..
        })
    ));
    assert!(matches!(
        site().with_log_kill("", 1.0),
        Err(Error::InvalidName { kind: "signal", .. })
    ));
    assert!(matches!(
        site().with_log_kill("drug.concentration", -1.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "kd"
    ));
    assert!(matches!(
        site().with_norton_simon_kill("drug.concentration", f64::NAN),
        Err(Error::InvalidParameter { ref name, .. }) if name == "k"
    ));
}

#[test]
fn option_errors_name_the_parameter() {
    assert!(matches!(
        site().with_radiosensitivity(-0.1, 0.01),
        Err(Error::InvalidParameter { ref name, .. }) if name == "alpha"
    ));
    assert!(matches!(
        site().with_radiosensitivity(0.1, f64::INFINITY),
        Err(Error::InvalidParameter { ref name, .. }) if name == "beta"
    ));
    assert!(matches!(
        site().with_cure_threshold(0.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "cure_threshold"
    ));
    assert!(matches!(
        site().with_seeding("liver", MetastaticSeeding { m: -1.0, alpha: 0.5 }),
        Err(Error::InvalidParameter { ref name, .. }) if name == "m"
    ));
    assert!(matches!(
        site().with_seeding("liver cells", MetastaticSeeding::iwata_2000()),
        Err(Error::InvalidName {
            kind: "sub-model",
            ..
        })
    ));
    let twice = site()
        .with_seeding("liver", MetastaticSeeding::iwata_2000())
        .unwrap()
        .with_seeding("liver", MetastaticSeeding::iwata_2000());
    assert!(matches!(twice, Err(Error::InconsistentParameters { .. })));
    assert!(matches!(
        TumorSite::empty("lung", Exponential { a: -1.0 }),
        Err(Error::InvalidParameter { ref name, .. }) if name == "a"
    ));
}

#[test]
fn builders_declare_signals() {
    let primary = TumorSite::new("primary", Exponential::new(0.1).unwrap(), 1e9)
        .unwrap()
        .with_seeding("lung", MetastaticSeeding::iwata_2000())
        .unwrap()
        .with_seeding("liver", MetastaticSeeding::new(1e-7, 0.5).unwrap())
        .unwrap()
        .with_radiosensitivity(0.3, 0.03)
        .unwrap()
        .with_cure_threshold(DEFAULT_CURE_THRESHOLD)
        .unwrap();
    let names: Vec<&str> = primary
        .outputs()
        .iter()
        .map(|s| s.var.name.as_str())
        .collect();
    assert_eq!(names, ["primary.burden", "lung.influx", "liver.influx"]);
    assert_eq!(primary.outputs()[1].combine, oncodyn_core::Combine::Sum);
    assert_eq!(primary.outputs()[1].var.unit, CELLS_PER_DAY);
    assert_eq!(primary.seeding().len(), 2);
    assert_eq!(primary.cure_threshold(), Some(1.0));
    let inputs: Vec<&str> = primary
        .inputs()
        .iter()
        .map(|i| i.var.name.as_str())
        .collect();
    assert_eq!(inputs, ["primary.kill_hazard", "primary.influx"]);
    let empty = TumorSite::empty("lung", Exponential::new(0.1).unwrap()).unwrap();
    let mut y = [f64::NAN];
    empty.init(&mut y);
    approx::assert_relative_eq!(y[0], 0.0);
    approx::assert_relative_eq!(empty.initial_cells(), 0.0);
    assert!(empty.radiosensitivity().is_none() && empty.cure_threshold().is_none());
}

#[test]
fn seeding_several_targets_publishes_each_rate() {
    use crate::seeding::MetastaticSeeding;
    let shared = MetastaticSeeding::iwata_2000();
    let other = MetastaticSeeding::new(2e-8, 0.5).unwrap();
    let site = site()
        .with_seeding("liver", shared)
        .unwrap()
        .with_seeding("bone", shared)
        .unwrap()
        .with_seeding("brain", other)
        .unwrap();
    for cells in [1e10, 27.0, 0.0, -1e-9, f64::NAN] {
        let mut out = [f64::NAN; 4];
        site.publish(0.0, &[cells], &mut out);
        let expected = [shared.rate(cells), shared.rate(cells), other.rate(cells)];
        for (got, want) in out[1..].iter().zip(expected) {
            assert!(
                (got - want).abs() <= 1e-15 * want.abs(),
                "{cells}: {got} vs {want}"
            );
        }
    }
}
