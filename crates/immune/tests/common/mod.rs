//! Test-only sub-models shared by the integration tests.

#![allow(dead_code)]

use oncodyn_core::{units, Signal, SubModel, Var};
use oncodyn_immune::{Kuznetsov, KuznetsovParams};

/// A constant signal published from a state with zero derivative.
#[derive(Debug)]
pub struct Constant {
    name: String,
    states: Vec<Var>,
    outputs: Vec<Signal>,
    value: f64,
}

impl Constant {
    /// Publishes `signal` (unit `unit`) with the constant `value`.
    pub fn new(name: &str, signal: &str, unit: &str, value: f64) -> Self {
        Self {
            name: name.to_string(),
            states: vec![Var::new("level", unit)],
            outputs: vec![Signal::single(signal, unit)],
            value,
        }
    }
}

impl SubModel for Constant {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.value;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0];
    }
    fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = 0.0;
    }
}

/// A logistic tumor site called `site` (growth `a`, capacity `1/b` of Kuznetsov 1994)
/// without its own effectors: publishes `<site>.burden`, reads `<site>.kill_hazard`.
pub fn tumor_site(site: &str, cells: f64) -> Kuznetsov {
    logistic_site(site, cells, 0.18, 2e-9)
}

/// A logistic tumor site `dT/dt = a T (1 - b T) - h T` built from a Kuznetsov model whose
/// own effectors are absent (`s = p = m = 0`, `E0 = 0`).
pub fn logistic_site(site: &str, cells: f64, a: f64, b: f64) -> Kuznetsov {
    let params = KuznetsovParams {
        s: 0.0,
        p: 0.0,
        m: 0.0,
        a,
        b,
        ..KuznetsovParams::kuznetsov_1994()
    };
    Kuznetsov::new(site, params, 0.0, cells).unwrap()
}

/// The antibody unit, for [`Constant`] publishers of the checkpoint signal.
pub const MG: &str = units::MG;
