//! Unit tests of the Iwata model.

use super::*;
use approx::assert_relative_eq;

fn model() -> Iwata {
    Iwata::new(IwataParams::iwata_2000()).unwrap()
}

#[test]
fn colony_sizes_and_ages_invert() {
    let model = model();
    assert_relative_eq!(model.colony_size(0.0), 1.0);
    assert_relative_eq!(model.primary_size(0.0), 1.0);
    for age in [1.0, 100.0, 654.0, 2000.0] {
        let x = model.colony_size(age);
        assert_relative_eq!(model.colony_age(x).unwrap(), age, max_relative = 1e-9);
        assert_relative_eq!(model.primary_size(age), x, max_relative = 1e-13);
    }
    assert!(model.colony_age(0.5).is_none());
    assert!(model.colony_age(7.3e10).is_none());
    assert!(model.colony_age(f64::NAN).is_none());
    let later = model.with_primary_initial_cells(1e9).unwrap();
    assert_relative_eq!(later.primary_size(0.0), 1e9, max_relative = 1e-13);
    assert_relative_eq!(later.primary_initial_cells(), 1e9);
}

#[test]
fn quadrature_and_exponential_integral_agree() {
    for x0 in [1.0, 1e6] {
        let model = model().with_primary_initial_cells(x0).unwrap();
        for t in [10.0, 654.0, 1293.0] {
            let quadrature = model.metastases_from_primary(t).unwrap();
            let exact = model.metastases_from_primary_exact(t).unwrap();
            assert_relative_eq!(quadrature, exact, max_relative = 1e-10);
        }
    }
    let flat = Iwata::new(IwataParams {
        alpha: 0.0,
        ..IwataParams::iwata_2000()
    })
    .unwrap();
    assert_relative_eq!(
        flat.metastases_from_primary_exact(100.0).unwrap(),
        5.3e-6,
        max_relative = 1e-12
    );
    assert_relative_eq!(model().metastases_from_primary(0.0).unwrap(), 0.0);
}

#[test]
fn renewal_without_secondary_seeding_matches_the_quadrature() {
    let model = model();
    let solution = model
        .solve(1300.0, 2600, Colonization::PrimaryOnly)
        .unwrap();
    let exact = model.metastases_from_primary_exact(1300.0).unwrap();
    assert_relative_eq!(
        *solution.number().last().unwrap(),
        exact,
        max_relative = 1e-5
    );
    let full = model
        .solve(1300.0, 2600, Colonization::PrimaryAndMetastases)
        .unwrap();
    assert!(full.number_at(1300.0).unwrap() > solution.number_at(1300.0).unwrap());
    assert_eq!(full.colonization(), Colonization::PrimaryAndMetastases);
    assert_eq!(full.times().len(), 2601);
    assert_eq!(full.birth_rate().len(), 2601);
    assert_relative_eq!(full.model().params().b, 7.3e10);
}

#[test]
fn size_distribution_counts_colonies() {
    let model = model();
    let solution = model
        .solve(1000.0, 2000, Colonization::PrimaryOnly)
        .unwrap();
    let t = 1000.0;
    let classes = solution
        .size_distribution(t, &[0.5, 1.0, 1e3, 1e8, 7e10])
        .unwrap();
    let total = solution.number_at(t).unwrap();
    assert_relative_eq!(classes[0].at_least, total);
    assert_relative_eq!(classes[1].at_least, total, max_relative = 1e-12);
    assert!(classes[2].at_least < total && classes[3].at_least < classes[2].at_least);
    assert_relative_eq!(classes[4].at_least, 0.0);
    // rho(1, t) g(1) is the birth rate at t.
    assert_relative_eq!(
        classes[1].density * model.growth_rate(1.0),
        solution.birth_rate_at(t).unwrap(),
        max_relative = 1e-12
    );
    // The colonies of at least x cells were born before t - tau(x).
    let age = model.colony_age(1e8).unwrap();
    assert_relative_eq!(
        classes[3].at_least,
        model.metastases_from_primary(t - age).unwrap(),
        max_relative = 1e-5
    );
}

#[test]
fn bad_arguments_are_errors() {
    let model = model();
    assert!(matches!(
        model.metastases_from_primary(-1.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "t"
    ));
    assert!(matches!(
        model.metastases_from_primary_exact(f64::NAN),
        Err(Error::InvalidParameter { ref name, .. }) if name == "t"
    ));
    assert!(matches!(
        model.solve(0.0, 10, Colonization::PrimaryOnly),
        Err(Error::InvalidParameter { ref name, .. }) if name == "t_end"
    ));
    assert!(matches!(
        model.solve(10.0, 0, Colonization::PrimaryOnly),
        Err(Error::InvalidOption {
            name: "n_steps",
            ..
        })
    ));
    let solution = model.solve(10.0, 10, Colonization::PrimaryOnly).unwrap();
    assert!(matches!(
        solution.number_at(11.0),
        Err(Error::InvalidParameter { ref name, .. }) if name == "t"
    ));
    assert!(solution.size_distribution(5.0, &[f64::NAN]).is_err());
    assert!(matches!(
        Iwata::new(IwataParams { b: 1.0, ..IwataParams::iwata_2000() }),
        Err(Error::InvalidParameter { ref name, .. }) if name == "b"
    ));
    assert!(matches!(
        model.with_primary_initial_cells(8e10),
        Err(Error::InvalidParameter { ref name, .. }) if name == "primary_initial_cells"
    ));
    let coarse = Iwata::new(IwataParams {
        m: 10.0,
        ..IwataParams::iwata_2000()
    })
    .unwrap();
    assert!(matches!(
        coarse.solve(100.0, 10, Colonization::PrimaryAndMetastases),
        Err(Error::InvalidOption {
            name: "n_steps",
            ..
        })
    ));
}
