//! The two-state effector–tumor model of Kuznetsov et al. (1994) as sub-models: dimensional
//! ([`Kuznetsov`], cells and days) and dimensionless ([`KuznetsovScaled`]).

use super::params::{KuznetsovParams, KuznetsovScaledParams};
use crate::common::{check_initial, check_name, saturate, saturation, tumor_signals};
use oncodyn_core::{units, Input, Parameters, Result, Signal, SubModel, Var};

/// The effector–tumor model of Kuznetsov, Makalkin, Taylor & Perelson (1994),
/// *Bull Math Biol* 56(2):295–321, in cells and days:
///
/// `dE/dt = s + p E T/(g + T) - m E T - d E`
/// `dT/dt = a T (1 - b T) - n E T - h T`
///
/// with `h` the additive kill hazard `<name>.kill_hazard` (1/day, default 0: the published
/// model). States `<name>.effectors` and `<name>.tumor` (cells); publishes `<name>.burden`
/// (cells, the tumor clamped at 0).
///
/// ```
/// use oncodyn_immune::{Kuznetsov, KuznetsovParams};
/// let model = Kuznetsov::new("kuz", KuznetsovParams::kuznetsov_1994(), 3.2e5, 5e6)?;
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Kuznetsov {
    name: String,
    params: KuznetsovParams,
    initial: [f64; 2],
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl Kuznetsov {
    /// A model called `name` from `initial_effectors` and `initial_tumor` (cells, `>= 0`).
    ///
    /// Fails with [`oncodyn_core::Error::InvalidParameter`] for a parameter outside its
    /// range or a negative or non-finite initial value, and with
    /// [`oncodyn_core::Error::InvalidName`] for a malformed name.
    pub fn new(
        name: &str,
        params: KuznetsovParams,
        initial_effectors: f64,
        initial_tumor: f64,
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        check_initial(
            KuznetsovParams::MODEL,
            "initial_effectors",
            initial_effectors,
            false,
        )?;
        check_initial(
            KuznetsovParams::MODEL,
            "initial_tumor",
            initial_tumor,
            false,
        )?;
        let (outputs, inputs) = tumor_signals(name);
        Ok(Self {
            name: name.to_string(),
            params,
            initial: [initial_effectors, initial_tumor],
            states: vec![
                Var::new("effectors", units::CELLS),
                Var::new("tumor", units::CELLS),
            ],
            outputs,
            inputs,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &KuznetsovParams {
        &self.params
    }
}

impl SubModel for Kuznetsov {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    fn init(&self, y: &mut [f64]) {
        y.copy_from_slice(&self.initial);
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[1].max(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let KuznetsovParams {
            s,
            p,
            g,
            m,
            d,
            n,
            a,
            b,
        } = self.params;
        let (e, tumor) = (y[0], y[1]);
        dy[0] = saturate(s + p * e * saturation(tumor, g) - m * e * tumor - d * e);
        dy[1] = saturate(a * tumor * (1.0 - b * tumor) - n * e * tumor - inputs[0] * tumor);
    }
}

/// The dimensionless form of Kuznetsov et al. (1994), *Bull Math Biol* 56(2):295–321:
///
/// `dx/dtau = sigma + rho x y/(eta + y) - mu x y - delta x`
/// `dy/dtau = alpha y (1 - beta y) - x y`
///
/// States `<name>.x` and `<name>.y` (dimensionless). **The independent variable is `tau`**
/// (one unit is `1/(n T0)` days, 9.0827 days for the 1994 set): simulation times and
/// eigenvalues of this sub-model are in units of `tau`, not days. It reads and publishes no
/// signal.
#[derive(Debug, Clone, PartialEq)]
pub struct KuznetsovScaled {
    name: String,
    params: KuznetsovScaledParams,
    initial: [f64; 2],
    states: Vec<Var>,
}

impl KuznetsovScaled {
    /// A model called `name` from `(x0, y0)` (dimensionless, `>= 0`).
    pub fn new(name: &str, params: KuznetsovScaledParams, x0: f64, y0: f64) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        check_initial(KuznetsovScaledParams::MODEL, "x0", x0, false)?;
        check_initial(KuznetsovScaledParams::MODEL, "y0", y0, false)?;
        Ok(Self {
            name: name.to_string(),
            params,
            initial: [x0, y0],
            states: vec![
                Var::new("x", units::DIMENSIONLESS),
                Var::new("y", units::DIMENSIONLESS),
            ],
        })
    }

    /// The parameters.
    pub fn params(&self) -> &KuznetsovScaledParams {
        &self.params
    }
}

impl SubModel for KuznetsovScaled {
    fn name(&self) -> &str {
        &self.name
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn init(&self, y: &mut [f64]) {
        y.copy_from_slice(&self.initial);
    }
    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let KuznetsovScaledParams {
            sigma,
            rho,
            eta,
            mu,
            delta,
            alpha,
            beta,
        } = self.params;
        let (x, tumor) = (y[0], y[1]);
        dy[0] = saturate(sigma + rho * x * saturation(tumor, eta) - mu * x * tumor - delta * x);
        dy[1] = saturate(alpha * tumor * (1.0 - beta * tumor) - x * tumor);
    }
}
