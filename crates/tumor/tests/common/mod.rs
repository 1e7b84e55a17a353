//! Strategies and helper sub-models shared by the property-test binaries.

use oncodyn_core::{units, Signal, SubModel, Var};
use oncodyn_tumor::{
    Exponential, ExponentialLinear, GeneralizedBertalanffy, Gompertz, GrowthLaw, Logistic,
    PowerLaw, VonBertalanffy,
};
use proptest::prelude::*;

/// `10^x` for `x` drawn uniformly in `[lo, hi]`: a log-uniform positive value.
pub fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..=hi).prop_map(|x: f64| 10f64.powf(x))
}

/// Admissible parameters of every law (ranges kept where `exp`/`powf` stay in f64 range
/// over 200 days).
pub fn any_law() -> impl Strategy<Value = GrowthLaw> {
    prop_oneof![
        (0.0..=1.0f64).prop_map(|a| GrowthLaw::from(Exponential { a })),
        (0.0..=2.0f64, log_uniform(0.0, 12.0)).prop_map(|(a, k)| Logistic { a, k }.into()),
        (0.0..=1.0f64, log_uniform(0.0, 12.0)).prop_map(|(r, k)| Gompertz { r, k }.into()),
        (0.0..=10.0f64, 0.0..=0.9f64, 0.0..=1.0f64).prop_map(|(a, gamma, b)| VonBertalanffy {
            a,
            gamma,
            b
        }
        .into()),
        (log_uniform(0.0, 12.0), 0.0..=1.0f64, -10.0..=1.0f64).prop_map(
            |(v_inf, omega, lambda)| GeneralizedBertalanffy {
                v_inf,
                omega,
                lambda
            }
            .into()
        ),
        (0.0..=10.0f64, 0.0..=0.9f64).prop_map(|(a, gamma)| PowerLaw { a, gamma }.into()),
        (0.0..=1.0f64, log_uniform(-2.0, 9.0)).prop_map(|(lambda0, lambda1)| ExponentialLinear {
            lambda0,
            lambda1
        }
        .into()),
    ]
}

/// Publishes a constant `drug.concentration` (uM) from a state with zero derivative.
#[derive(Debug)]
pub struct ConstantDrug {
    states: Vec<Var>,
    outputs: Vec<Signal>,
    concentration: f64,
}

impl ConstantDrug {
    pub fn new(concentration: f64) -> Self {
        Self {
            states: vec![Var::new("level", units::UM)],
            outputs: vec![Signal::single("drug.concentration", units::UM)],
            concentration,
        }
    }
}

impl SubModel for ConstantDrug {
    fn name(&self) -> &str {
        "drug"
    }
    fn states(&self) -> &[Var] {
        &self.states
    }
    fn outputs(&self) -> &[Signal] {
        &self.outputs
    }
    fn init(&self, y: &mut [f64]) {
        y[0] = self.concentration;
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0];
    }
    fn rhs(&self, _t: f64, _y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = 0.0;
    }
}
