//! **Test fixture**, not a model of this crate: the small linear docetaxel PK the
//! myelosuppression validation cases need. oncodyn-tissue reads drug concentrations as
//! input signals and never depends on oncodyn-therapy (which owns drug PK); this private
//! copy exists only so that the Friberg cases can be reproduced inside this crate.
//!
//! Structure (amounts in umol, concentration `C = A1/V1` in uM, time in days):
//!
//! ```text
//! dA1/dt = -(k10 + k12 + k13) A1 + k21 A2 + k31 A3
//! dA2/dt = k12 A1 - k21 A2
//! dA3/dt = k13 A1 - k31 A3
//! dAUC/dt = A1/V1        (uM*day)
//! dElim/dt = k10 A1      (umol eliminated, for the mass balance)
//! ```

use oncodyn_core::{units, Signal, SubModel, Var};

/// Molar mass of docetaxel (mg/umol): 807.9 g/mol (PubChem CID 148124).
pub(crate) const DOCETAXEL_MG_PER_UMOL: f64 = 0.808;

/// Linear mammillary PK fixture publishing `<name>.concentration` (uM).
#[derive(Debug, Clone)]
pub(crate) struct PkFixture {
    name: String,
    /// `[k10, k12, k21, k13, k31]` (1/day).
    k: [f64; 5],
    /// Central volume (L).
    v1: f64,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl PkFixture {
    fn new(name: &str, k: [f64; 5], v1: f64) -> Self {
        Self {
            name: name.to_string(),
            k,
            v1,
            states: vec![
                Var::new("central", units::UMOL),
                Var::new("peripheral1", units::UMOL),
                Var::new("peripheral2", units::UMOL),
                Var::new("auc", units::UM_DAY),
                Var::new("eliminated", units::UMOL),
            ],
            outputs: vec![Signal::single(format!("{name}.concentration"), units::UM)],
        }
    }

    /// Bruno R, Vivier N, Vergniol JC, De Phillips SL, Montay G, Sheiner LB (1996) "A
    /// population pharmacokinetic model for docetaxel (Taxotere): model building and
    /// validation", *J Pharmacokinet Biopharm* 24(2):153–172, typical values: k10 = 5.2,
    /// k12 = 1.06, k21 = 1.51, k13 = 1.26, k31 = 0.084 per hour (x 24: 124.8, 25.44, 36.24,
    /// 30.24, 2.016 per day), V1 = 7.4 L.
    pub(crate) fn bruno_1996(name: &str) -> Self {
        Self::new(name, [124.8, 25.44, 36.24, 30.24, 2.016], 7.4)
    }

    /// Onoue H et al. (2016) docetaxel two-compartment model as used with the Friberg Emax
    /// set in `dcnorris/DTAT` (`R/Onoue.Friberg.R`): CL = 32.6 L/h, Q = 5.34 L/h,
    /// Vc = 5.77 L, Vp = 11.0 L (k10 = CL/Vc, k12 = Q/Vc, k21 = Q/Vp, x 24 per day).
    pub(crate) fn onoue_2016(name: &str) -> Self {
        let (cl, q, vc, vp) = (32.6, 5.34, 5.77, 11.0);
        Self::new(
            name,
            [cl / vc * 24.0, q / vc * 24.0, q / vp * 24.0, 0.0, 0.0],
            vc,
        )
    }

    /// Central volume (L).
    pub(crate) fn v1(&self) -> f64 {
        self.v1
    }

    /// Clearance `k10 V1` (L/day).
    pub(crate) fn clearance(&self) -> f64 {
        self.k[0] * self.v1
    }

    /// Full name of the central compartment, where doses go.
    pub(crate) fn central(&self) -> String {
        format!("{}.central", self.name)
    }
}

impl SubModel for PkFixture {
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
        y.fill(0.0);
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = y[0] / self.v1;
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let [k10, k12, k21, k13, k31] = self.k;
        dy[0] = -(k10 + k12 + k13) * y[0] + k21 * y[1] + k31 * y[2];
        dy[1] = k12 * y[0] - k21 * y[1];
        dy[2] = k13 * y[0] - k31 * y[2];
        dy[3] = y[0] / self.v1;
        dy[4] = k10 * y[0];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn fixtures_satisfy_the_contract() {
        assert!(check_submodel(&PkFixture::bruno_1996("docetaxel"), None).is_empty());
        assert!(check_submodel(&PkFixture::onoue_2016("docetaxel"), None).is_empty());
    }
}
