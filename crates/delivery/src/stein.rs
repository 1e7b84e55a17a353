//! Cellular kinetics of tisagenlecleucel CAR-T cells (Stein et al. 2019): exponential
//! expansion to a peak, then biexponential contraction and persistence
//! ([`SteinParams`] with closed forms, sub-model [`SteinCarT`]). A reference for engineered
//! cells that expand after infusion.

use oncodyn_core::parameter_table;
use oncodyn_core::{units, Error, Event, ParamRange, Parameters, Result, Signal, SubModel, Var};

/// Unit of the CAR transgene level in blood.
pub const COPIES_PER_UG: &str = "copies/ug";
/// Unit of the exposure (area under the transgene-level curve).
pub const COPIES_DAY_PER_UG: &str = "copies*day/ug";

parameter_table! {
    /// Stein AM, Grupp SA, Levine JE, et al. (2019) "Tisagenlecleucel model-based cellular
    /// kinetic analysis of chimeric antigen receptor-T cells", *CPT Pharmacometrics Syst
    /// Pharmacol* 8(5):285–295, piecewise model of the transgene level `C` (copies/ug of
    /// genomic DNA), time `t` in days since infusion:
    ///
    /// ```text
    /// rho = ln(foldx)/Tmax,  R0 = Cmax/foldx
    /// C(t) = R0 exp(rho t)                                               0 <= t < Tmax
    /// C(t) = (1 - FB) Cmax exp(-alpha (t - Tmax)) + FB Cmax exp(-beta (t - Tmax))  t >= Tmax
    /// ```
    pub struct SteinParams : "Stein 2019 CAR-T cellular kinetics" {
        /// Fold expansion from infusion to peak, `foldx` (> 1).
        foldx: units::DIMENSIONLESS, ParamRange::open(1.0, f64::INFINITY), "fold expansion from infusion to peak";
        /// Time of the peak, `Tmax` (day).
        tmax: "day", ParamRange::POSITIVE, "time of the peak";
        /// Peak transgene level, `Cmax` (copies/ug).
        cmax: COPIES_PER_UG, ParamRange::POSITIVE, "peak transgene level";
        /// Initial (fast) decline rate, `alpha` (1/day).
        alpha: units::PER_DAY, ParamRange::POSITIVE, "initial decline rate";
        /// Fraction of the peak in the slowly declining (memory-like) phase, `FB`.
        fb: units::DIMENSIONLESS, ParamRange::FRACTION, "fraction of the peak declining slowly";
        /// Terminal (slow) decline rate, `beta` (1/day).
        beta: units::PER_DAY, ParamRange::POSITIVE, "terminal decline rate";
    }
}

impl SteinParams {
    /// Typical values of Table 1 of Stein et al. (2019) as encoded in nlmixr2lib
    /// (`Stein_2019_Tisagenlecleucel.R`): `foldx = 3900`, `Tmax = 9.3` day,
    /// `Cmax = 24000` copies/ug, `alpha = 0.16` 1/day, `FB = 0.0079`, `beta = 0.0032` 1/day.
    pub fn tisagenlecleucel_2019() -> Self {
        Self {
            foldx: 3900.0,
            tmax: 9.3,
            cmax: 24000.0,
            alpha: 0.16,
            fb: 0.0079,
            beta: 0.0032,
        }
    }

    /// Expansion rate `rho = ln(foldx)/Tmax` (1/day).
    pub fn rho(&self) -> f64 {
        self.foldx.ln() / self.tmax
    }

    /// Level at infusion `R0 = Cmax/foldx` (copies/ug).
    pub fn r0(&self) -> f64 {
        self.cmax / self.foldx
    }

    /// Doubling time during expansion `ln 2/rho` (day).
    pub fn doubling_time(&self) -> f64 {
        std::f64::consts::LN_2 / self.rho()
    }

    /// Half-life of the initial decline `ln 2/alpha` (day).
    pub fn initial_half_life(&self) -> f64 {
        std::f64::consts::LN_2 / self.alpha
    }

    /// Terminal half-life `ln 2/beta` (day).
    pub fn terminal_half_life(&self) -> f64 {
        std::f64::consts::LN_2 / self.beta
    }

    /// Transgene level `C(t)` (copies/ug) at `t >= 0` days after infusion (0 before).
    pub fn concentration(&self, t: f64) -> f64 {
        if t < 0.0 {
            0.0
        } else if t < self.tmax {
            self.r0() * (self.rho() * t).exp()
        } else {
            let since = t - self.tmax;
            self.cmax
                * ((1.0 - self.fb) * (-self.alpha * since).exp()
                    + self.fb * (-self.beta * since).exp())
        }
    }

    /// Exposure `AUC(0, t)` (copies·day/ug) in closed form.
    pub fn auc_until(&self, t: f64) -> f64 {
        let rho = self.rho();
        if t <= 0.0 {
            0.0
        } else if t <= self.tmax {
            self.r0() * (rho * t).exp_m1() / rho
        } else {
            let since = t - self.tmax;
            (self.cmax - self.r0()) / rho
                + (1.0 - self.fb) * self.cmax * -(-self.alpha * since).exp_m1() / self.alpha
                + self.fb * self.cmax * -(-self.beta * since).exp_m1() / self.beta
        }
    }

    /// Exposure `AUC(0, inf) = (Cmax - R0)/rho + (1 - FB) Cmax/alpha + FB Cmax/beta`
    /// (copies·day/ug).
    pub fn auc_infinity(&self) -> f64 {
        (self.cmax - self.r0()) / self.rho()
            + (1.0 - self.fb) * self.cmax / self.alpha
            + self.fb * self.cmax / self.beta
    }
}

/// An ODE realisation of [`SteinParams`]: states `fast` and `slow` (copies/ug) start at
/// `(1 - FB) R0` and `FB R0` and both expand at `rho` until `Tmax`, then decline at `alpha`
/// and `beta`; `phase` (dimensionless) is 0 during expansion and 1 after; `auc`
/// (copies·day/ug) integrates `fast + slow`. Publishes `<name>.concentration` (copies/ug).
///
/// The rates jump at `Tmax`: include [`SteinCarT::switch_event`] in the events, which
/// sets `phase` to 1 at `Tmax` so the solver restarts there. Without it the switch still
/// happens at `Tmax` but the solver steps across the jump.
#[derive(Debug, Clone, PartialEq)]
pub struct SteinCarT {
    name: String,
    params: SteinParams,
    states: Vec<Var>,
    outputs: Vec<Signal>,
}

impl SteinCarT {
    /// A sub-model called `name` (time 0 is the infusion).
    pub fn new(name: &str, params: SteinParams) -> Result<Self> {
        if let Some(reason) = oncodyn_core::name_problem(name) {
            return Err(Error::InvalidName {
                kind: "sub-model",
                name: name.into(),
                reason,
            });
        }
        params.validate()?;
        Ok(Self {
            name: name.into(),
            params,
            states: vec![
                Var::new("fast", COPIES_PER_UG),
                Var::new("slow", COPIES_PER_UG),
                Var::new("phase", units::DIMENSIONLESS),
                Var::new("auc", COPIES_DAY_PER_UG),
            ],
            outputs: vec![Signal::single(
                format!("{name}.concentration"),
                COPIES_PER_UG,
            )],
        })
    }

    /// Parameters.
    pub fn params(&self) -> &SteinParams {
        &self.params
    }

    /// The event switching from expansion to contraction at `Tmax` (a unit dose into
    /// `<name>.phase`).
    pub fn switch_event(&self) -> Event {
        Event::dose(self.params.tmax, format!("{}.phase", self.name), 1.0)
    }
}

impl SubModel for SteinCarT {
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
        let r0 = self.params.r0();
        y[0] = (1.0 - self.params.fb) * r0;
        y[1] = self.params.fb * r0;
        y[2] = 0.0;
        y[3] = 0.0;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = (y[0] + y[1]).max(0.0);
    }

    fn rhs(&self, t: f64, y: &[f64], _inputs: &[f64], dy: &mut [f64]) {
        let p = &self.params;
        let expanding = y[2] < 0.5 && t <= p.tmax;
        let (fast_rate, slow_rate) = if expanding {
            (p.rho(), p.rho())
        } else {
            (-p.alpha, -p.beta)
        };
        dy[0] = (fast_rate * y[0]).clamp(-f64::MAX, f64::MAX);
        dy[1] = (slow_rate * y[1]).clamp(-f64::MAX, f64::MAX);
        dy[2] = 0.0;
        dy[3] = (y[0] + y[1]).clamp(-f64::MAX, f64::MAX);
    }
}
