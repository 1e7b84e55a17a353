//! Suite `delivery/wodarz`: equilibria, eigenvalues, invasion threshold and trajectory of
//! the Wodarz (2001) oncolytic-virus model with the curated BioModels values.

use crate::{Wodarz, WodarzParams};
use oncodyn_core::validation::{CaseRecord, Fidelity};
use oncodyn_core::{simulate, Event, Method, Model, Output, Result, SolverOptions, Trajectory};

/// Suite name of every record.
pub const SUITE: &str = "delivery/wodarz";
/// Solver of the trajectory cases: the states span more than ten decades, so the absolute
/// tolerance must sit far below the smallest state (x falls to about 1e-10).
pub const SOLVER_TEXT: &str = "Dop853, rtol 1e-12, atol 1e-20";
/// Cross-check solver of WOD-4.
pub const CROSS_CHECK_TEXT: &str = "BDF, rtol 1e-10, atol 1e-20";

/// WOD-1: `x* = a/beta` (exact).
pub const WOD1_X: f64 = 0.2;
/// WOD-1: `y*` as printed (7 significant digits).
pub const WOD1_Y_PRINTED: f64 = 0.7444444;
/// WOD-2: virus-free equilibrium `k (1 - d/r)` (exact).
pub const WOD2_X: f64 = 13.6;
/// WOD-3: real part of the interior eigenvalues.
pub const WOD3_RE: f64 = -0.00294118;
/// WOD-3: imaginary part of the interior eigenvalues.
pub const WOD3_IM: f64 = 0.19850218;
/// WOD-3: oscillation period `2 pi / im` (day).
pub const WOD3_PERIOD: f64 = 31.653;
/// WOD-5: `x(50)` from the curated initial state.
pub const WOD5_X50: f64 = 1.795e-10;
/// WOD-6: `(x, y)` at day 2000.
pub const WOD6_2000: (f64, f64) = (0.202917, 0.734389);
/// WOD-6: `(x, y)` at day 5000.
pub const WOD6_5000: (f64, f64) = (0.19999930, 0.7444434);

const SRC: &str =
    "Wodarz D (2001) Cancer Res 61(8):3501-3507; curated BioModels BIOMD0000001043 values";
const SRC_D: &str = "exact consequence of Wodarz (2001) equations with BIOMD0000001043 values";
const SRC_C: &str = "high-accuracy reference integration of Wodarz (2001), BIOMD0000001043 values and initial state";

fn trajectory(method: Method, rtol: f64, times: &[f64]) -> Result<Trajectory> {
    let model = Model::new(vec![Box::new(Wodarz::new(
        "wodarz",
        WodarzParams::biomodels_1043(),
        Wodarz::BIOMODELS_INITIAL,
    )?)])?;
    let end = times.last().copied().unwrap_or(1.0);
    // The SBML event z = 0.001 at t = 20 (z is 0 before): no effect on x, y since p = 0.
    let events: Vec<Event> = [Event::dose(20.0, "wodarz.ctl", 0.001)]
        .into_iter()
        .filter(|e| e.time() <= end)
        .collect();
    let options = SolverOptions::with_method(method)
        .tolerances(rtol, 1e-20)
        .output(Output::Times(times.to_vec()));
    simulate(&model, (0.0, end), &events, &options)
}

/// Runs the suite `delivery/wodarz`. Both fidelities integrate to day 5000 (fast).
pub fn run(_fidelity: Fidelity) -> Result<Vec<CaseRecord>> {
    let p = WodarzParams::biomodels_1043();
    let (x_star, y_star) = p.interior_equilibrium().unwrap_or((f64::NAN, f64::NAN));
    let y_formula = (p.r - p.d - p.r * WOD1_X / p.k) / (p.beta + p.r / p.k);
    let missing = oncodyn_core::analysis::Eigenvalue {
        re: f64::NAN,
        im: f64::NAN,
    };
    let [lambda, _] = p.interior_eigenvalues()?.unwrap_or([missing; 2]);
    let mut records = vec![
        CaseRecord::relative(SUITE, "WOD-1 x*", SRC_D, "x* = a/beta (au)", WOD1_X, x_star, 1e-9),
        CaseRecord::relative(
            SUITE,
            "WOD-1 y*",
            SRC_D,
            "y* = (r - d - r x*/k)/(beta + r/k) (au)",
            y_formula,
            y_star,
            1e-9,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-1 y* (printed digits)",
            SRC_D,
            "y* (au)",
            WOD1_Y_PRINTED,
            y_star,
            1e-6,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-2 virus-free equilibrium",
            SRC_D,
            "k (1 - d/r) (au)",
            WOD2_X,
            p.virus_free_equilibrium(),
            1e-12,
        ),
        CaseRecord::absolute(
            SUITE,
            "WOD-3 eigenvalue real part",
            SRC_D,
            "Re lambda at (x*, y*) (1/day)",
            WOD3_RE,
            lambda.re,
            1e-7,
        ),
        CaseRecord::absolute(
            SUITE,
            "WOD-3 eigenvalue imaginary part",
            SRC_D,
            "Im lambda at (x*, y*) (1/day)",
            WOD3_IM,
            lambda.im,
            1e-7,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-3 oscillation period",
            SRC_D,
            "2 pi / Im lambda (day)",
            WOD3_PERIOD,
            std::f64::consts::TAU / lambda.im,
            1e-5,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-T virus invasion threshold",
            "threshold of Wodarz (2001): infected cells grow at the virus-free equilibrium iff s(1 - x0/k) + beta x0 - a > 0",
            "invasion rate beta k (1 - d/r) - a (1/day)",
            p.beta * p.k * (1.0 - p.d / p.r) - p.a,
            p.invasion_rate(),
            1e-12,
        ),
    ];
    let times = [9.0, 50.0, 2000.0, 5000.0];
    let run = trajectory(Method::Dop853, 1e-12, &times)?;
    let (x, y) = (
        run.column("wodarz.uninfected")?,
        run.column("wodarz.infected")?,
    );
    let check = trajectory(Method::Bdf, 1e-10, &times[..1])?;
    let (xc, yc) = (
        check.column("wodarz.uninfected")?,
        check.column("wodarz.infected")?,
    );
    let agree = |a: f64, b: f64| oncodyn_core::validation::relative_error(a, b) < 1e-6;
    let property = format!("{SOLVER_TEXT} and {CROSS_CHECK_TEXT} agree to 1e-6 relative");
    records.extend([
        CaseRecord::independent(
            SUITE,
            "WOD-4 x(9)",
            SRC,
            format!("x at day 9 (au, {SOLVER_TEXT})"),
            x[0],
            &property,
            agree(x[0], xc[0]),
        ),
        CaseRecord::independent(
            SUITE,
            "WOD-4 y(9)",
            SRC,
            format!("y at day 9 (au, {SOLVER_TEXT})"),
            y[0],
            &property,
            agree(y[0], yc[0]),
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-5 stiffness stress x(50)",
            SRC_C,
            format!("x at day 50 (au, {SOLVER_TEXT})"),
            WOD5_X50,
            x[1],
            1e-3,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-6 x(2000)",
            SRC_C,
            "x at day 2000 (au)",
            WOD6_2000.0,
            x[2],
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-6 y(2000)",
            SRC_C,
            "y at day 2000 (au)",
            WOD6_2000.1,
            y[2],
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-6 x(5000)",
            SRC_C,
            "x at day 5000 (au)",
            WOD6_5000.0,
            x[3],
            1e-4,
        ),
        CaseRecord::relative(
            SUITE,
            "WOD-6 y(5000)",
            SRC_C,
            "y at day 5000 (au)",
            WOD6_5000.1,
            y[3],
            1e-4,
        ),
    ]);
    Ok(records)
}
