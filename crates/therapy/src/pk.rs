//! [`LinearPk`]: the linear compartmental PK sub-model, with drug amounts (umol) per
//! compartment, the running exposure (AUC, uM*day), an optional first-order absorption
//! depot and the published central concentration.

use crate::absorption::AbsorptionParams;
use crate::params::LinearPkParams;
use nalgebra::DMatrix;
use oncodyn_core::{name_problem, units, Error, Event, Parameters, Result, Signal, SubModel, Var};

/// Linear one- to three-compartment pharmacokinetics of one drug, as a [`SubModel`].
///
/// The instance name is the drug name (`docetaxel`). States, in slice order:
/// `central` (A1, umol), `peripheral1` (A2, umol) if there are at least two compartments,
/// `peripheral2` (A3, umol) if there are three, and `auc` (uM*day), the integral of the
/// central concentration since the start of the simulation, and, with first-order
/// absorption ([`LinearPk::with_absorption`]), `depot` (Ad, umol) last. All start at
/// zero; doses are [`Event`]s into `<drug>.central` (see [`LinearPk::bolus`]) or
/// `<drug>.depot` (see [`LinearPk::depot_dose`]).
///
/// Publishes `<drug>.concentration` = A1 / V1 (uM), a single-publisher signal.
/// Reads no input. Equations: see [`LinearPkParams`] and [`AbsorptionParams`].
#[derive(Debug, Clone, PartialEq)]
pub struct LinearPk {
    name: String,
    params: LinearPkParams,
    absorption: Option<AbsorptionParams>,
    compartments: usize,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

/// Local names of the amount states, in order.
const AMOUNT_STATES: [&str; 3] = ["central", "peripheral1", "peripheral2"];

impl LinearPk {
    /// PK of the drug called `name` (also the instance name), with validated `params`.
    ///
    /// Fails with [`Error::InvalidName`] if `name` is not a well-formed name, and with the
    /// errors of [`Parameters::validate`] if the parameters are invalid.
    pub fn new(name: impl Into<String>, params: LinearPkParams) -> Result<Self> {
        let name = name.into();
        if let Some(reason) = name_problem(&name) {
            return Err(Error::InvalidName {
                kind: "sub-model",
                name,
                reason,
            });
        }
        params.validate()?;
        let compartments = params.compartments();
        let mut states: Vec<Var> = AMOUNT_STATES[..compartments]
            .iter()
            .map(|s| Var::new(*s, units::UMOL))
            .collect();
        states.push(Var::new("auc", units::UM_DAY));
        let outputs = vec![Signal::single(format!("{name}.concentration"), units::UM)];
        Ok(Self {
            name,
            params,
            absorption: None,
            compartments,
            states,
            outputs,
        })
    }

    /// PK of the drug called `name` with first-order absorption from a depot: as
    /// [`LinearPk::new`], plus a last state `depot` (umol) emptying at rate `ka` into the
    /// central compartment with bioavailability `F` (see [`AbsorptionParams`]).
    ///
    /// Fails as [`LinearPk::new`] does, or with [`Error::InvalidParameter`] (model
    /// `Absorption`) if `ka` is not positive or `F` is outside (0, 1].
    pub fn with_absorption(
        name: impl Into<String>,
        params: LinearPkParams,
        absorption: AbsorptionParams,
    ) -> Result<Self> {
        let mut pk = Self::new(name, params)?;
        absorption.validate()?;
        pk.absorption = Some(absorption);
        pk.states.push(Var::new("depot", units::UMOL));
        Ok(pk)
    }

    /// Docetaxel with the population parameters of Bruno et al. (1996), instance name
    /// `docetaxel` (see [`LinearPkParams::docetaxel_bruno_1996`]).
    pub fn docetaxel() -> Result<Self> {
        Self::new("docetaxel", LinearPkParams::docetaxel_bruno_1996())
    }

    /// Docetaxel with the two-compartment typical values of Onoue et al. (2016), instance
    /// name `docetaxel` (see [`LinearPkParams::docetaxel_onoue_2016`]).
    pub fn docetaxel_onoue() -> Result<Self> {
        Self::new("docetaxel", LinearPkParams::docetaxel_onoue_2016())
    }

    /// The parameters of distribution and elimination.
    pub fn params(&self) -> &LinearPkParams {
        &self.params
    }

    /// The absorption parameters, if the model has a depot.
    pub fn absorption(&self) -> Option<&AbsorptionParams> {
        self.absorption.as_ref()
    }

    /// Number of compartments (1, 2 or 3), not counting the depot. The AUC state comes
    /// right after the amounts, at index `compartments()`; the depot, if any, follows it.
    pub fn compartments(&self) -> usize {
        self.compartments
    }

    /// Full name of the central amount state, `<drug>.central` (umol): the dose target.
    pub fn central_state(&self) -> String {
        format!("{}.central", self.name)
    }

    /// Full name of the exposure state, `<drug>.auc` (uM*day).
    pub fn auc_state(&self) -> String {
        format!("{}.auc", self.name)
    }

    /// Full name of the depot state, `<drug>.depot` (umol), if the model has absorption.
    pub fn depot_state(&self) -> Option<String> {
        self.absorption.map(|_| format!("{}.depot", self.name))
    }

    /// Name of the published central concentration signal, `<drug>.concentration` (uM).
    pub fn concentration_signal(&self) -> &str {
        &self.outputs[0].var.name
    }

    /// A bolus of `amount` umol into the central compartment at `time` (day).
    pub fn bolus(&self, time: f64, amount: f64) -> Event {
        Event::dose(time, self.central_state(), amount)
    }

    /// An infusion of `amount` umol into the central compartment, spread evenly over
    /// `[start, start + duration)` (days).
    pub fn infusion(&self, start: f64, duration: f64, amount: f64) -> Event {
        Event::infusion(start, duration, self.central_state(), amount)
    }

    /// A dose of `amount` umol into the absorption depot at `time` (day): an oral,
    /// subcutaneous or intramuscular administration.
    ///
    /// Fails with [`Error::UnknownState`] (naming `<drug>.depot`, hinting
    /// `<drug>.central`) if the model was built without absorption.
    pub fn depot_dose(&self, time: f64, amount: f64) -> Result<Event> {
        match self.depot_state() {
            Some(depot) => Ok(Event::dose(time, depot, amount)),
            None => Err(Error::UnknownState {
                name: format!("{}.depot", self.name),
                hint: Some(self.central_state()),
            }),
        }
    }

    /// The matrix `M` (1/day, and 1/L in the AUC row) of the linear system `dy/dt = M y`
    /// in state order (amounts, then AUC, then the depot if any).
    pub fn rate_matrix(&self) -> DMatrix<f64> {
        let p = &self.params;
        let n = self.compartments;
        let size = self.states.len();
        let mut m = DMatrix::zeros(size, size);
        m[(0, 0)] = -(p.k10 + p.k12 + p.k13);
        if n >= 2 {
            m[(0, 1)] = p.k21;
            m[(1, 0)] = p.k12;
            m[(1, 1)] = -p.k21;
        }
        if n >= 3 {
            m[(0, 2)] = p.k31;
            m[(2, 0)] = p.k13;
            m[(2, 2)] = -p.k31;
        }
        m[(n, 0)] = 1.0 / p.v1;
        if let Some(a) = &self.absorption {
            m[(n + 1, n + 1)] = -a.ka;
            m[(0, n + 1)] = a.bioavailability * a.ka;
        }
        m
    }
}

impl SubModel for LinearPk {
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
        out[0] = y[0] / self.params.v1;
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let n = self.compartments;
        let a1 = y[0];
        let a2 = if n >= 2 { y[1] } else { 0.0 };
        let a3 = if n >= 3 { y[2] } else { 0.0 };
        dy[0] = -(p.k10 + p.k12 + p.k13) * a1 + p.k21 * a2 + p.k31 * a3;
        if let Some(a) = &self.absorption {
            let absorbed = a.ka * y[n + 1];
            dy[0] += a.bioavailability * absorbed;
            dy[n + 1] = -absorbed;
        }
        if n >= 2 {
            dy[1] = p.k12 * a1 - p.k21 * a2;
        }
        if n >= 3 {
            dy[2] = p.k13 * a1 - p.k31 * a3;
        }
        dy[n] = a1 / p.v1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn states_follow_the_compartment_count() {
        let one = LinearPk::new("drug", LinearPkParams::one_compartment(1.0, 2.0)).unwrap();
        let names: Vec<&str> = one.states().iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["central", "auc"]);
        let two =
            LinearPk::new("drug", LinearPkParams::two_compartment(1.0, 2.0, 3.0, 2.0)).unwrap();
        assert_eq!(two.states().len(), 3);
        let three = LinearPk::docetaxel().unwrap();
        let names: Vec<&str> = three.states().iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["central", "peripheral1", "peripheral2", "auc"]);
        assert_eq!(three.states()[3].unit, "uM*day");
        assert_eq!(three.outputs()[0].var.unit, "uM");
        assert_eq!(three.concentration_signal(), "docetaxel.concentration");
        assert_eq!(three.central_state(), "docetaxel.central");
        assert_eq!(three.auc_state(), "docetaxel.auc");
    }

    #[test]
    fn contract_holds_at_initial_and_arbitrary_states() {
        for pk in [
            LinearPk::docetaxel().unwrap(),
            LinearPk::new("d1", LinearPkParams::one_compartment(3.0, 5.0)).unwrap(),
            LinearPk::new("d2", LinearPkParams::two_compartment(3.0, 1.0, 0.5, 5.0)).unwrap(),
        ] {
            assert!(check_submodel(&pk, None).is_empty());
            let n = pk.states().len();
            let odd: Vec<f64> = (0..n).map(|k| [-1e-3, 1e6, 0.0, 42.0][k % 4]).collect();
            let problems = check_submodel(&pk, Some(&odd));
            assert!(problems.is_empty(), "{problems:?}");
        }
    }

    #[test]
    fn rhs_is_the_rate_matrix_and_concentration_is_a1_over_v1() {
        let pk = LinearPk::docetaxel().unwrap();
        let y = [10.0, 3.0, 7.0, 1.0];
        let mut dy = [f64::NAN; 4];
        pk.rhs(0.0, &y, &[], &mut dy);
        let expected = pk.rate_matrix() * nalgebra::DVector::from_column_slice(&y);
        for (a, b) in dy.iter().zip(expected.iter()) {
            assert_relative_eq!(*a, *b, max_relative = 1e-14);
        }
        // Hand-written first row.
        let p = pk.params();
        let d1 = -(p.k10 + p.k12 + p.k13) * 10.0 + p.k21 * 3.0 + p.k31 * 7.0;
        assert_relative_eq!(dy[0], d1, max_relative = 1e-14);
        assert_relative_eq!(dy[3], 10.0 / 7.4, max_relative = 1e-14);
        let mut out = [f64::NAN];
        pk.publish(0.0, &y, &mut out);
        assert_relative_eq!(out[0], 10.0 / 7.4, max_relative = 1e-14);
    }

    #[test]
    fn mass_balance_total_flux_is_elimination() {
        // Sum of the amount derivatives is -k10 * A1: exchange conserves drug.
        let pk = LinearPk::docetaxel().unwrap();
        let y = [4.0, 2.0, 9.0, 0.0];
        let mut dy = [0.0; 4];
        pk.rhs(0.0, &y, &[], &mut dy);
        assert_relative_eq!(
            dy[0] + dy[1] + dy[2],
            -pk.params().k10 * 4.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn absorption_adds_a_depot_feeding_the_central_compartment() {
        let params = LinearPkParams::two_compartment(2.0, 1.0, 0.5, 4.0);
        let pk =
            LinearPk::with_absorption("oral", params, AbsorptionParams::new(6.0, 0.7)).unwrap();
        let names: Vec<&str> = pk.states().iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["central", "peripheral1", "auc", "depot"]);
        assert_eq!(pk.depot_state().as_deref(), Some("oral.depot"));
        assert!(check_submodel(&pk, Some(&[1.0, -1e-3, 0.0, 5.0])).is_empty());
        let y = [1.0, 2.0, 0.5, 10.0];
        let mut dy = [f64::NAN; 4];
        pk.rhs(0.0, &y, &[], &mut dy);
        let expected = pk.rate_matrix() * nalgebra::DVector::from_column_slice(&y);
        for (a, b) in dy.iter().zip(expected.iter()) {
            assert_relative_eq!(*a, *b, max_relative = 1e-14);
        }
        assert_relative_eq!(dy[3], -60.0, max_relative = 1e-14);
        assert_relative_eq!(dy[0], -3.0 + 1.0 + 0.7 * 60.0, max_relative = 1e-14);
        assert!(matches!(
            pk.depot_dose(1.0, 5.0),
            Ok(Event::Dose { ref state, .. }) if state == "oral.depot"
        ));
    }

    #[test]
    fn depot_dose_without_absorption_and_bad_absorption_are_errors() {
        let pk = LinearPk::docetaxel().unwrap();
        assert!(pk.depot_state().is_none() && pk.absorption().is_none());
        assert!(matches!(
            pk.depot_dose(0.0, 1.0),
            Err(Error::UnknownState { ref name, ref hint })
                if name == "docetaxel.depot" && hint.as_deref() == Some("docetaxel.central")
        ));
        let p = LinearPkParams::one_compartment(1.0, 1.0);
        assert!(matches!(
            LinearPk::with_absorption("d", p, AbsorptionParams::new(-1.0, 0.5)),
            Err(Error::InvalidParameter { ref model, ref name, .. })
                if model == "Absorption" && name == "ka"
        ));
        assert!(matches!(
            LinearPk::with_absorption("d", p, AbsorptionParams::new(1.0, 0.0)),
            Err(Error::InvalidParameter { ref name, .. }) if name == "bioavailability"
        ));
    }

    #[test]
    fn bad_names_and_parameters_are_rejected() {
        let p = LinearPkParams::docetaxel_bruno_1996();
        assert!(matches!(
            LinearPk::new("doce taxel", p),
            Err(Error::InvalidName {
                kind: "sub-model",
                ..
            })
        ));
        let nan = LinearPkParams { k12: f64::NAN, ..p };
        assert!(matches!(
            LinearPk::new("docetaxel", nan),
            Err(Error::InvalidParameter { ref name, .. }) if name == "k12"
        ));
        let negative = LinearPkParams { v1: -1.0, ..p };
        assert!(matches!(
            LinearPk::new("docetaxel", negative),
            Err(Error::InvalidParameter { ref name, .. }) if name == "v1"
        ));
    }
}
