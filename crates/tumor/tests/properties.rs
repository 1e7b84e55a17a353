//! Property tests: positivity of every growth law's solution (closed form and simulated)
//! under admissible parameters, agreement of simulated and closed-form solutions of the
//! smooth laws, and monotonicity of the remaining tumor in the kill rate.

mod common;

use common::{any_law, log_uniform, ConstantDrug};
use oncodyn_core::{simulate, Method, Model, Output, SolverOptions};
use oncodyn_tumor::{GrowthLaw, TumorSite};
use proptest::prelude::*;

/// Absolute solver tolerance (cells): below it a solution is solver noise.
const ATOL: f64 = 1e-12;

fn options(times: Vec<f64>) -> SolverOptions {
    SolverOptions::with_method(Method::Dop853)
        .tolerances(1e-9, ATOL)
        .output(Output::Times(times))
}

/// Cells of a site growing by `law` from `v0` with log-kill `kd` of a constant
/// concentration `c`, at the sorted, positive `times`.
fn simulate_site(
    law: &GrowthLaw,
    v0: f64,
    kd: f64,
    c: f64,
    times: &[f64],
) -> oncodyn_core::Result<Vec<f64>> {
    let site = TumorSite::new("lung", law.clone(), v0)?.with_log_kill("drug.concentration", kd)?;
    let model = Model::new(vec![Box::new(site), Box::new(ConstantDrug::new(c))])?;
    let end = times.last().copied().unwrap_or(1.0);
    let trajectory = simulate(&model, (0.0, end), &[], &options(times.to_vec()))?;
    trajectory.column("lung.cells")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn closed_forms_stay_positive_and_finite(
        law in any_law(),
        v0 in log_uniform(-3.0, 9.0),
        t in 0.0..=200.0f64,
    ) {
        prop_assert!(law.validate().is_ok());
        let v = law.closed_form(v0, t);
        prop_assert!(v > 0.0 && v.is_finite(), "{law:?}: v({t}) = {v}");
        prop_assert!(law.rate(v0).is_finite());
    }

    #[test]
    fn simulated_solutions_stay_positive(
        law in any_law(),
        v0 in log_uniform(-2.0, 6.0),
    ) {
        let times = [1.0, 10.0, 50.0];
        let cells = simulate_site(&law, v0, 0.0, 0.0, &times).unwrap();
        for (&t, &v) in times.iter().zip(&cells) {
            prop_assert!(v > 0.0 && v.is_finite(), "{law:?}: V({t}) = {v}");
            // The exponential-linear rate has a kink at v = lambda1/lambda0 that an explicit
            // error estimate can step over unnoticed (Dop853 at rtol 1e-9 was seen 3e-6 off,
            // see docs/models/tumor.md); its ODE is checked against the closed form at
            // rtol 1e-12 in the validation suite (GL-10) instead.
            if !matches!(law, GrowthLaw::ExponentialLinear(_)) {
                let exact = law.closed_form(v0, t);
                approx::assert_relative_eq!(v, exact, max_relative = 1e-6);
            }
        }
    }

    #[test]
    fn more_kill_never_leaves_more_cells(
        law in any_law(),
        v0 in log_uniform(0.0, 6.0),
        kd in 0.0..=2.0f64,
        extra in 0.0..=2.0f64,
        c in 0.0..=2.0f64,
    ) {
        let times = [5.0, 20.0];
        let low = simulate_site(&law, v0, kd, c, &times).unwrap();
        let high = simulate_site(&law, v0, kd + extra, c, &times).unwrap();
        for (l, h) in low.iter().zip(&high) {
            // Allow the solver's own error on top of exact monotonicity: relative
            // (rtol 1e-9, accumulated) and absolute (a few ATOL: once a site is killed
            // below ~1e-12 cells the computed value is noise of the size of ATOL).
            prop_assert!(*h <= *l * (1.0 + 1e-7) + 10.0 * ATOL, "{law:?}: {h} > {l}");
        }
    }
}
