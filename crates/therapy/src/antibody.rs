//! [`Antibody`]: one-compartment pharmacokinetics of a therapeutic monoclonal antibody,
//! tracked as an amount in mg (the FLAGSHIP anti-PD-1 state `Ab`).

use oncodyn_core::{
    name_problem, units, Error, Event, ParamRange, ParamSpec, Parameters, Result, Signal, SubModel,
    Var,
};

/// Unit of the antibody concentration, mg/L (= ug/mL).
pub const MG_PER_LITRE: &str = "mg/L";

/// First-order elimination rate (1/day) and volume of distribution (L) of a
/// one-compartment antibody model:
///
/// ```text
/// dAb/dt = -kel Ab          (mg)
/// C      =  Ab / V          (mg/L)
/// ```
///
/// Linear elimination is a simplification: antibodies against cell-surface targets also
/// have a saturable, target-mediated clearance, negligible at the high doses of anti-PD-1
/// therapy.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AntibodyParams {
    /// First-order elimination rate constant (1/day), > 0; the half-life is `ln 2 / kel`.
    pub kel: f64,
    /// Volume of distribution (L), > 0, converting the amount into a concentration.
    pub volume: f64,
}

impl AntibodyParams {
    /// Parameters from the elimination half-life (day) and the volume (L):
    /// `kel = ln 2 / half_life`. Not validated here: [`Antibody::new`] validates.
    pub fn from_half_life(half_life_days: f64, volume: f64) -> Self {
        Self {
            kel: std::f64::consts::LN_2 / half_life_days,
            volume,
        }
    }

    /// The anti-PD-1 antibody of the oncodyn reference combination scenario:
    /// half-life 22 days (`kel = ln 2 / 22` per day) and V = 6 L.
    ///
    /// Both values are *assumptions*: the half-life is the FLAGSHIP scenario default
    /// (illustrative, of the order reported for anti-PD-1 antibodies); the volume of 6 L
    /// is an illustrative value of the order of the plasma plus interstitial volume in
    /// which IgG antibodies distribute, not a fitted estimate. The amount, which the
    /// immune model reads, does not depend on V.
    pub fn anti_pd1() -> Self {
        Self::from_half_life(ANTI_PD1_HALF_LIFE_DAYS, ANTI_PD1_VOLUME_L)
    }

    /// Elimination half-life `ln 2 / kel` (day).
    pub fn half_life(&self) -> f64 {
        std::f64::consts::LN_2 / self.kel
    }

    /// Clearance `kel V` (L/day).
    pub fn clearance(&self) -> f64 {
        self.kel * self.volume
    }
}

/// Half-life of the anti-PD-1 antibody (day), *assumption* of the reference scenario.
pub const ANTI_PD1_HALF_LIFE_DAYS: f64 = 22.0;

/// Volume of distribution of the anti-PD-1 antibody (L), *assumption* (see
/// [`AntibodyParams::anti_pd1`]).
pub const ANTI_PD1_VOLUME_L: f64 = 6.0;

impl Parameters for AntibodyParams {
    const MODEL: &'static str = "Antibody";
    const SPEC: &'static [ParamSpec] = &[
        ParamSpec {
            name: "kel",
            unit: units::PER_DAY,
            range: ParamRange::POSITIVE,
            description: "first-order elimination rate constant (ln 2 / half-life)",
        },
        ParamSpec {
            name: "volume",
            unit: units::LITRE,
            range: ParamRange::POSITIVE,
            description: "volume of distribution",
        },
    ];

    fn values(&self) -> Vec<f64> {
        vec![self.kel, self.volume]
    }

    fn from_values_unchecked(values: &[f64]) -> Self {
        let at = |k: usize| values.get(k).copied().unwrap_or(f64::NAN);
        Self {
            kel: at(0),
            volume: at(1),
        }
    }
}

/// One-compartment antibody pharmacokinetics as a [`SubModel`].
///
/// The instance name is the antibody name (`anti_pd1`). One state, `central` (mg), starting
/// at zero; doses are [`Event`]s into `<name>.central` (see [`Antibody::dose`]). Publishes
/// `<name>.amount` (mg), the amount `Ab` that pharmacodynamic models read, and
/// `<name>.concentration` = Ab / V (mg/L); both single-publisher. Reads no input.
#[derive(Debug, Clone, PartialEq)]
pub struct Antibody {
    name: String,
    params: AntibodyParams,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl Antibody {
    /// The antibody called `name` (also the instance name) with validated `params`.
    ///
    /// Fails with [`Error::InvalidName`] for a malformed name, and with
    /// [`Error::InvalidParameter`] (model `Antibody`) for a non-positive or non-finite
    /// `kel` or `volume`.
    pub fn new(name: impl Into<String>, params: AntibodyParams) -> Result<Self> {
        let name = name.into();
        if let Some(reason) = name_problem(&name) {
            return Err(Error::InvalidName {
                kind: "sub-model",
                name,
                reason,
            });
        }
        params.validate()?;
        let outputs = vec![
            Signal::single(format!("{name}.amount"), units::MG),
            Signal::single(format!("{name}.concentration"), MG_PER_LITRE),
        ];
        Ok(Self {
            name,
            params,
            states: vec![Var::new("central", units::MG)],
            outputs,
        })
    }

    /// The anti-PD-1 antibody of the reference scenario, instance name `anti_pd1`
    /// (see [`AntibodyParams::anti_pd1`]).
    pub fn anti_pd1() -> Result<Self> {
        Self::new("anti_pd1", AntibodyParams::anti_pd1())
    }

    /// The parameters.
    pub fn params(&self) -> &AntibodyParams {
        &self.params
    }

    /// Full name of the amount state, `<name>.central` (mg): the dose target.
    pub fn central_state(&self) -> String {
        format!("{}.central", self.name)
    }

    /// Name of the published amount signal, `<name>.amount` (mg).
    pub fn amount_signal(&self) -> &str {
        &self.outputs[0].var.name
    }

    /// Name of the published concentration signal, `<name>.concentration` (mg/L).
    pub fn concentration_signal(&self) -> &str {
        &self.outputs[1].var.name
    }

    /// A dose of `mg` milligrams at `time` (day), as an intravenous bolus.
    pub fn dose(&self, time: f64, mg: f64) -> Event {
        Event::dose(time, self.central_state(), mg)
    }

    /// The exact amount (mg) at `time` (day) after boluses `(time [day], amount [mg])`:
    /// `sum over doses at or before t of D exp(-kel (t - t_dose))`.
    pub fn exact_amount(&self, doses: &[(f64, f64)], time: f64) -> f64 {
        doses
            .iter()
            .filter(|d| d.0 <= time)
            .map(|d| d.1 * (-self.params.kel * (time - d.0)).exp())
            .sum()
    }
}

impl SubModel for Antibody {
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
        out[0] = y[0];
        out[1] = y[0] / self.params.volume;
    }

    fn rhs(&self, _t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        dy[0] = -self.params.kel * y[0];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    #[test]
    fn anti_pd1_preset_has_a_22_day_half_life() {
        let ab = Antibody::anti_pd1().unwrap();
        assert_relative_eq!(ab.params().half_life(), 22.0, max_relative = 1e-14);
        assert_relative_eq!(ab.params().kel, std::f64::consts::LN_2 / 22.0);
        assert_relative_eq!(ab.params().volume, 6.0);
        assert_eq!(ab.amount_signal(), "anti_pd1.amount");
        assert_eq!(ab.concentration_signal(), "anti_pd1.concentration");
        assert_eq!(ab.central_state(), "anti_pd1.central");
        assert_eq!(ab.outputs()[0].var.unit, "mg");
        assert_eq!(ab.outputs()[1].var.unit, "mg/L");
        assert!(check_submodel(&ab, None).is_empty());
        assert!(check_submodel(&ab, Some(&[-1e-3])).is_empty());
    }

    #[test]
    fn publishes_amount_and_concentration() {
        let ab = Antibody::anti_pd1().unwrap();
        let mut out = [f64::NAN; 2];
        ab.publish(0.0, &[120.0], &mut out);
        assert_relative_eq!(out[0], 120.0);
        assert_relative_eq!(out[1], 20.0, max_relative = 1e-15);
        let mut dy = [f64::NAN];
        ab.rhs(0.0, &[120.0], &[], &mut dy);
        assert_relative_eq!(dy[0], -120.0 * ab.params().kel, max_relative = 1e-15);
        assert_relative_eq!(
            ab.exact_amount(&[(0.0, 200.0), (30.0, 200.0)], 22.0),
            100.0,
            max_relative = 1e-14
        );
    }

    #[test]
    fn bad_input_is_rejected() {
        assert!(matches!(
            Antibody::new("anti pd1", AntibodyParams::anti_pd1()),
            Err(Error::InvalidName { .. })
        ));
        assert!(matches!(
            Antibody::new("ab", AntibodyParams::from_half_life(0.0, 6.0)),
            Err(Error::InvalidParameter { ref name, .. }) if name == "kel"
        ));
        assert!(matches!(
            Antibody::new("ab", AntibodyParams::from_half_life(22.0, -6.0)),
            Err(Error::InvalidParameter { ref model, ref name, .. })
                if model == "Antibody" && name == "volume"
        ));
    }
}
