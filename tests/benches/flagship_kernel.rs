//! A measured experiment, not a product path: flagship arm D written by hand in
//! transformed variables, to find out how far removing the drug transients from the
//! solver's error control can take the per-patient solve (`cargo bench -p oncodyn-tests
//! --bench flagship_kernel [-- RTOL ...]`; results in `docs/benchmarks.md`, *Levers*).
//!
//! The equations are FLAGSHIP.md's (sources in the crates that own them: Bruno et al.
//! 1996 docetaxel PK, Friberg et al. 2002 neutrophils, Kuznetsov et al. 1994 effectors,
//! Iwata et al. 2000 seeding), default parameters, arm D (docetaxel 135 mg q3w × 6,
//! engineered stem cells 1e8 q3w × 6 from day 7, anti-PD-1 200 mg q3w × 18). What differs
//! is how they are solved:
//!
//! - the docetaxel amounts, their AUC, the antibody and the regenerative cells are linear
//!   and read nothing: they are evaluated in closed form (eigenbasis of the symmetrised
//!   three-compartment rate matrix) instead of being solver states;
//! - the drug kill `kd*C*X` leaves the tumor equations through the integrating factor
//!   `X~ = X * exp(kd*AUC(t))`, and the Friberg drug effect leaves the proliferating pool
//!   through `Prol~ = Prol * exp(ktr*slope*F*AUC(t))` with `F` the feedback factor
//!   (`dProl~/dt = Prol~*(ktr*F - ktr + ktr*slope*AUC*dF/dt)`, exact): no state of the
//!   solver sees the concentration `C(t)` any more, so the 187/day distribution mode is
//!   neither stiff nor resolved by error control;
//! - 15 states (tumor 3, neutrophils 5, effectors 1, engineered cells 6) instead of 21,
//!   one hand-written right-hand side, column-wise finite-difference Jacobian.
//!
//! It prints the agreement with the composed model at rtol 1e-10 (the transformation is
//! exact), then per relative tolerance the time per solve, steps, right-hand-side
//! evaluations and the relative errors at day 365 of P, Circ and E against the kernel's
//! own reference at rtol 1e-11, with the anti-PD-1 dose times either restarting BDF or
//! only stopping it there. No timing is asserted anywhere.

use diffsol::{NalgebraLU, NalgebraMat, OdeBuilder, OdeSolverMethod, OdeSolverStopReason};
use nalgebra::{Matrix3, SymmetricEigen, Vector3};
use oncodyn_core::{simulate, Method, Output, SolverOptions};
use oncodyn_scenario::Scenario;
use std::cell::{Cell, RefCell};
use std::time::Instant;

type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Number of solver states of the kernel.
const N: usize = 15;

/// FLAGSHIP.md default parameters (units there).
struct Params {
    r: f64,
    k: f64,
    m: f64,
    kd: f64,
    k10: f64,
    k12: f64,
    k21: f64,
    k13: f64,
    k31: f64,
    v1: f64,
    circ0: f64,
    ktr: f64,
    gamma: f64,
    slope: f64,
    rho: f64,
    r50: f64,
    kr: f64,
    s: f64,
    p: f64,
    g: f64,
    mu: f64,
    d: f64,
    n: f64,
    theta: f64,
    s50_imm: f64,
    imax: f64,
    ab50: f64,
    kel: f64,
    k_trap: f64,
    k_rel: f64,
    k_dg: f64,
    k_org: f64,
    k_do: f64,
    eta_max: f64,
    v50: f64,
    k_ds: f64,
    kappa: f64,
    s50_pay: f64,
}

fn flagship_defaults() -> Params {
    let ln2 = std::f64::consts::LN_2;
    Params {
        r: 0.002,
        k: 1e13,
        m: 5.3e-8,
        kd: 2.5,
        k10: 124.8,
        k12: 25.44,
        k21: 36.24,
        k13: 30.24,
        k31: 2.016,
        v1: 7.4,
        circ0: 5.05,
        ktr: 4.0 / (88.7 / 24.0),
        gamma: 0.161,
        slope: 8.58,
        rho: 3.0,
        r50: 1e6,
        kr: ln2 / 7.0,
        s: 1.3e4,
        p: 0.1245,
        g: 2.019e7,
        mu: 3.422e-10,
        d: 0.0412,
        n: 1.101e-7,
        theta: 0.5,
        s50_imm: 1e5,
        imax: 0.9,
        ab50: 20.0,
        kel: ln2 / 22.0,
        k_trap: 20.0,
        k_rel: 0.05,
        k_dg: ln2,
        k_org: 2.0,
        k_do: 0.1,
        eta_max: 1.0,
        v50: 1e9,
        k_ds: 0.1,
        kappa: 0.05,
        s50_pay: 1e6,
    }
}

/// Closed-form docetaxel: at each dose the central amount's modal amplitudes and the AUC.
struct ExactPk {
    times: Vec<f64>,
    amplitudes: Vec<[f64; 3]>,
    auc_at_dose: Vec<f64>,
    rates: [f64; 3],
    v1: f64,
}

impl ExactPk {
    fn new(p: &Params, doses: &[(f64, f64)]) -> Self {
        let m = Matrix3::new(
            -(p.k10 + p.k12 + p.k13),
            p.k21,
            p.k31,
            p.k12,
            -p.k21,
            0.0,
            p.k13,
            0.0,
            -p.k31,
        );
        // D M D^-1 is symmetric for a mammillary model: real modes, orthogonal basis.
        let scale = Vector3::new(1.0, (p.k21 / p.k12).sqrt(), (p.k31 / p.k13).sqrt());
        let s = Matrix3::from_fn(|i, j| scale[i] * m[(i, j)] / scale[j]);
        let eigen = SymmetricEigen::new((s + s.transpose()) * 0.5);
        let q = eigen.eigenvectors;
        let rates = [
            eigen.eigenvalues[0],
            eigen.eigenvalues[1],
            eigen.eigenvalues[2],
        ];
        let mut amounts = Vector3::zeros();
        let (mut auc, mut last) = (0.0, 0.0);
        let mut pk = Self {
            times: Vec::new(),
            amplitudes: Vec::new(),
            auc_at_dose: Vec::new(),
            rates,
            v1: p.v1,
        };
        for &(t, dose) in doses {
            let tau = t - last;
            let z = q.transpose() * scale.component_mul(&amounts);
            let mut moved = z;
            for j in 0..3 {
                let e = (rates[j] * tau).exp();
                moved[j] = z[j] * e;
                auc += q[(0, j)] * z[j] * (e - 1.0) / rates[j] / p.v1;
            }
            amounts = (q * moved).component_div(&scale);
            amounts[0] += dose;
            last = t;
            let z = q.transpose() * scale.component_mul(&amounts);
            pk.times.push(t);
            pk.auc_at_dose.push(auc);
            pk.amplitudes
                .push([q[(0, 0)] * z[0], q[(0, 1)] * z[1], q[(0, 2)] * z[2]]);
        }
        pk
    }

    /// AUC (uM·day) at `t`, right-continuous.
    fn auc(&self, t: f64) -> f64 {
        let k = self.times.partition_point(|&x| x <= t);
        if k == 0 {
            return 0.0;
        }
        let tau = t - self.times[k - 1];
        let mut auc = 0.0;
        for j in 0..3 {
            auc += self.amplitudes[k - 1][j] * ((self.rates[j] * tau).exp() - 1.0) / self.rates[j];
        }
        self.auc_at_dose[k - 1] + auc / self.v1
    }
}

/// Closed-form first-order decay with boluses (antibody, regenerative cells).
struct ExactDecay {
    times: Vec<f64>,
    after_dose: Vec<f64>,
    rate: f64,
}

impl ExactDecay {
    fn new(rate: f64, doses: &[(f64, f64)]) -> Self {
        let (mut amount, mut last) = (0.0, 0.0);
        let mut decay = Self {
            times: Vec::new(),
            after_dose: Vec::new(),
            rate,
        };
        for &(t, dose) in doses {
            amount = amount * (-rate * (t - last)).exp() + dose;
            last = t;
            decay.times.push(t);
            decay.after_dose.push(amount);
        }
        decay
    }

    fn at(&self, t: f64) -> f64 {
        match self.times.partition_point(|&x| x <= t) {
            0 => 0.0,
            k => self.after_dose[k - 1] * (-self.rate * (t - self.times[k - 1])).exp(),
        }
    }
}

struct Kernel {
    p: Params,
    pk: ExactPk,
    antibody: ExactDecay,
    regenerative: ExactDecay,
}

/// Gompertz growth, evaluated at max(x, 1e-30) as FLAGSHIP.md prescribes.
fn gompertz(r: f64, k: f64, x: f64) -> f64 {
    let x = x.max(1e-30);
    r * x * (k / x).ln()
}

impl Kernel {
    /// States: P~, L~, H~, Prol~, T1, T2, T3, Circ, E, B, G, O, S_P, S_L, S_H.
    fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64]) {
        let p = &self.p;
        let auc = self.pk.auc(t);
        let ab = self.antibody.at(t);
        let r = self.regenerative.at(t);
        let factor = (p.kd * auc).exp();
        let (pp, ll, hh) = (y[0] / factor, y[1] / factor, y[2] / factor);
        let (e, b, g, o) = (y[8], y[9], y[10], y[11]);
        let (sp, sl, sh) = (y[12], y[13], y[14]);
        let kpay = |s: f64| p.kappa * s / (p.s50_pay + s);
        let eta = |v: f64| p.eta_max * v / (p.v50 + v);
        let seed = p.m * pp.max(1e-30).powf(2.0 / 3.0);
        dy[0] = factor * gompertz(p.r, p.k, pp) - y[0] * (p.n * e + kpay(sp));
        dy[1] = factor * (gompertz(p.r, p.k, ll) + seed) - y[1] * (p.n * e + kpay(sl));
        dy[2] = factor * (gompertz(p.r, p.k, hh) + seed) - y[2] * (p.n * e + kpay(sh));
        let circ = y[7].max(1e-30);
        let phi = p.rho * r / (p.r50 + r);
        let dphi = -p.kr * r * p.rho * p.r50 / ((p.r50 + r) * (p.r50 + r));
        let exponent = p.gamma * (1.0 + phi);
        let log_ratio = (p.circ0 / circ).ln();
        let feedback = (exponent * log_ratio).exp();
        let dcirc = p.ktr * (y[6] - y[7]);
        let dfeedback = feedback * (p.gamma * dphi * log_ratio - exponent * dcirc / circ);
        let prol = y[3] * (-p.ktr * p.slope * feedback * auc).exp();
        dy[3] = y[3] * (p.ktr * feedback - p.ktr + p.ktr * p.slope * auc * dfeedback);
        dy[4] = p.ktr * (prol - y[4]);
        dy[5] = p.ktr * (y[4] - y[5]);
        dy[6] = p.ktr * (y[5] - y[6]);
        dy[7] = dcirc;
        let burden = pp + ll + hh;
        let stem = sp + sl + sh;
        let recruitment = p.p * (1.0 + p.theta * stem / (p.s50_imm + stem));
        let inactivation = p.mu * (1.0 - p.imax * ab / (p.ab50 + ab));
        dy[8] =
            p.s + recruitment * e * burden / (p.g + burden) - inactivation * e * burden - p.d * e;
        let (ep, el, eh) = (eta(pp), eta(ll), eta(hh));
        dy[9] = -(p.k_trap + p.k_org + ep + el + eh) * b + p.k_rel * g;
        dy[10] = p.k_trap * b - (p.k_rel + p.k_dg) * g;
        dy[11] = p.k_org * b - p.k_do * o;
        dy[12] = ep * b - p.k_ds * sp;
        dy[13] = el * b - p.k_ds * sl;
        dy[14] = eh * b - p.k_ds * sh;
    }

    /// P, Circ and E at `t` from the kernel's state.
    fn observe(&self, t: f64, y: &[f64]) -> [f64; 3] {
        [y[0] / (self.p.kd * self.pk.auc(t)).exp(), y[7], y[8]]
    }

    fn initial_state(&self) -> Vec<f64> {
        let p = &self.p;
        let mut y = vec![0.0; N];
        y[..3].copy_from_slice(&[1e10, 1e8, 1e7]);
        y[3..8].fill(p.circ0);
        y[8] = p.s / p.d;
        y
    }
}

struct Solve {
    day365: [f64; 3],
    steps: usize,
    rhs: usize,
}

/// BDF over 730 days: state jumps (`(day, state, amount)`) restart the solver; at `stops`
/// it stops and, if `restart_at_stops`, restarts at order 1.
#[allow(clippy::float_cmp)] // event times are compared with the copies they were sorted from
fn solve(
    kernel: &Kernel,
    rtol: f64,
    jumps: &[(f64, usize, f64)],
    stops: &[f64],
    restart_at_stops: bool,
) -> Res<Solve> {
    let mut y = kernel.initial_state();
    let initial = y.clone();
    // Stem-cell states at atol × 1e6, as `oncodyn-delivery`'s tolerance scale.
    let atol: Vec<f64> = (0..N)
        .map(|i| if i >= 9 { rtol * 1e6 } else { rtol })
        .collect();
    let evaluations = Cell::new(0usize);
    let scratch = RefCell::new((vec![0.0; N], vec![0.0; N], vec![0.0; N]));
    let problem = OdeBuilder::<NalgebraMat<f64>>::new()
        .t0(0.0)
        .rtol(rtol)
        .atol(atol)
        .rhs_implicit(
            |x: &[f64], _p: &[f64], t: f64, out: &mut [f64]| {
                evaluations.set(evaluations.get() + 1);
                kernel.rhs(t, x, out)
            },
            |x: &[f64], _p: &[f64], t: f64, v: &[f64], out: &mut [f64]| {
                let (f0, f1, shifted) = &mut *scratch.borrow_mut();
                kernel.rhs(t, x, f0);
                let h = 1.5e-8 * (1.0 + x.iter().map(|a| a * a).sum::<f64>().sqrt())
                    / v.iter().map(|a| a * a).sum::<f64>().sqrt().max(1e-300);
                // `diffsol` assembles the dense Jacobian column by column: perturb only
                // the column's own state, on its own scale.
                let single = v.iter().filter(|a| **a != 0.0).count() == 1;
                let j = v.iter().position(|a| *a != 0.0).unwrap_or(0);
                let h = if single {
                    1.5e-8 * x[j].abs().max(1e-8)
                } else {
                    h
                };
                for i in 0..N {
                    shifted[i] = x[i]
                        + if single && i == j {
                            h
                        } else if single {
                            0.0
                        } else {
                            h * v[i]
                        };
                }
                kernel.rhs(t, shifted, f1);
                for i in 0..N {
                    out[i] = (f1[i] - f0[i]) / h * if single { v[j] } else { 1.0 };
                }
            },
        )
        .init(
            |_p: &[f64], _t: f64, out: &mut [f64]| out.copy_from_slice(&initial),
            N,
        )
        .build()?;
    let mut solver = problem.bdf::<NalgebraLU<f64>>()?;
    let mut times: Vec<f64> = jumps
        .iter()
        .map(|j| j.0)
        .chain(stops.iter().copied())
        .chain([365.0, 730.0])
        .filter(|&t| t > 0.0)
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let (mut now, mut steps, mut day365) = (0.0, 0, [0.0; 3]);
    let mut derivative = vec![0.0; N];
    let mut restart = true;
    for &end in &times {
        if restart {
            kernel.rhs(now, &y, &mut derivative);
            let mut state = solver.state_mut();
            state.y.batch_as_mut_slice(0).copy_from_slice(&y);
            state.dy.batch_as_mut_slice(0).copy_from_slice(&derivative);
            *state.t = now;
            state.set_step_size(1.0, &problem.atol, problem.rtol, &problem.eqn, 1);
        }
        solver.set_stop_time(end)?;
        while !matches!(solver.step()?, OdeSolverStopReason::TstopReached) {
            steps += 1;
        }
        steps += 1;
        y.copy_from_slice(solver.state().y.batch_as_slice(0));
        now = end;
        if end == 365.0 {
            day365 = kernel.observe(end, &y);
        }
        restart = restart_at_stops && stops.contains(&end);
        for &(t, i, amount) in jumps {
            if t == end {
                y[i] += amount;
                restart = true;
            }
        }
    }
    Ok(Solve {
        day365,
        steps,
        rhs: evaluations.get(),
    })
}

fn relative(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

fn main() -> Res<()> {
    let p = flagship_defaults();
    let docetaxel: Vec<(f64, f64)> = (0..6).map(|k| (21.0 * k as f64, 135.0 / 0.808)).collect();
    let antibody: Vec<(f64, f64)> = (0..18).map(|k| (21.0 * k as f64, 200.0)).collect();
    let kernel = Kernel {
        pk: ExactPk::new(&p, &docetaxel),
        antibody: ExactDecay::new(p.kel, &antibody),
        regenerative: ExactDecay::new(p.kr, &[]),
        p,
    };
    let engineered: Vec<(f64, usize, f64)> =
        (0..6).map(|k| (7.0 + 21.0 * k as f64, 9, 1e8)).collect();
    let stops: Vec<f64> = docetaxel.iter().chain(&antibody).map(|d| d.0).collect();

    let scenario = Scenario::flagship()?;
    let model = scenario.model()?;
    let options = SolverOptions::with_method(Method::Bdf)
        .tolerances(1e-10, 1e-10)
        .output(Output::Times(vec![365.0]));
    let composed = simulate(&model, (0.0, 730.0), &scenario.arms()[3].events, &options)?;
    let composed = [
        composed.column("primary.cells")?[0],
        composed.column("neutrophils.circulating")?[0],
        composed.column("effectors.cells")?[0],
    ];
    let reference = solve(&kernel, 1e-11, &engineered, &stops, true)?;
    let exact = reference.day365;
    println!(
        "kernel (rtol 1e-11, {} steps) against the composed model (rtol 1e-10) at day 365: P {:.1e}, Circ {:.1e}, E {:.1e}",
        reference.steps,
        relative(exact[0], composed[0]),
        relative(exact[1], composed[1]),
        relative(exact[2], composed[2])
    );
    let args: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let tolerances = if args.is_empty() {
        vec![1e-6, 1e-7, 1e-8]
    } else {
        args
    };
    for &rtol in &tolerances {
        for restart in [true, false] {
            let run = solve(&kernel, rtol, &engineered, &stops, restart)?;
            let repeats = 100;
            let start = Instant::now();
            for _ in 0..repeats {
                std::hint::black_box(solve(&kernel, rtol, &engineered, &stops, restart)?);
            }
            let ms = start.elapsed().as_secs_f64() / repeats as f64 * 1e3;
            println!(
                "rtol {rtol:.0e} ({}): {ms:.2} ms, {} steps, {} RHS; error at day 365: P {:.1e}, Circ {:.1e}, E {:.1e}",
                if restart { "restart at every dose" } else { "restart at stem-cell doses only" },
                run.steps,
                run.rhs,
                relative(run.day365[0], exact[0]),
                relative(run.day365[1], exact[1]),
                relative(run.day365[2], exact[2])
            );
        }
    }
    Ok(())
}
