//! [`DePillis2005`]: tumor, NK cells and CD8+ T cells after de Pillis, Radunskaya &
//! Wiseman (2005), with the ratio-dependent CD8+ lysis term shared with the 2006 model.

use crate::common::{check_initial, check_name, saturate, tumor_signals, unit, TumorScale};
use oncodyn_core::parameter_table;
use oncodyn_core::{units, Input, ParamRange, Parameters, Result, Signal, SubModel, Var};

/// Cell unit of the MeFAST implementation of de Pillis et al. (2005): 10^5 cells.
pub const MEFAST_CELL_UNIT: f64 = 1e5;

parameter_table! {
    /// Parameters (per cell, per day) of de Pillis LG, Radunskaya AE & Wiseman CL (2005)
    /// "A validated mathematical model of cell-mediated immune response to tumor growth",
    /// *Cancer Res* 65(17):7950–7958:
    ///
    /// `dT/dt = a T (1 - b T) - c N T - D T`
    /// `dN/dt = sigma - f N + g N T^2/(h + T^2) - p N T`
    /// `dL/dt = -m L + j L (D T)^2/(k + (D T)^2) - q L T + r N T`
    /// `D T = d T L^lambda/(s T^lambda + L^lambda)`
    pub struct DePillis2005Params: "de Pillis 2005" {
        /// Tumor growth rate `a` (1/day).
        a: units::PER_DAY, ParamRange::NON_NEGATIVE, "tumor growth rate";
        /// Reciprocal carrying capacity `b` (1/cell).
        b: unit::PER_CELL, ParamRange::NON_NEGATIVE, "reciprocal tumor carrying capacity";
        /// Tumor kill by NK cells `c` (1/(cell day)).
        c: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "NK kill rate per NK cell";
        /// Maximal CD8+ lysis rate `d` (1/day).
        d: units::PER_DAY, ParamRange::NON_NEGATIVE, "saturation level of CD8+ lysis";
        /// NK source `sigma` (cells/day).
        sigma: unit::CELLS_PER_DAY, ParamRange::NON_NEGATIVE, "constant NK cell source";
        /// Exponent of the effector:target ratio in the lysis term `lambda`.
        lambda: units::DIMENSIONLESS, ParamRange::POSITIVE, "exponent of the CD8+:tumor ratio";
        /// NK death rate `f` (1/day).
        f: units::PER_DAY, ParamRange::POSITIVE, "NK death rate";
        /// Maximal NK recruitment `g` (1/day).
        g: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal tumor-induced NK recruitment";
        /// Half-saturation of NK recruitment `h` (cells^2).
        h: unit::CELLS2, ParamRange::POSITIVE, "NK recruitment steepness (cells^2)";
        /// Maximal CD8+ recruitment `j` (1/day).
        j: units::PER_DAY, ParamRange::NON_NEGATIVE, "maximal CD8+ recruitment by lysed tumor";
        /// Half-saturation of CD8+ recruitment `k` (cells^2).
        k: unit::CELLS2, ParamRange::POSITIVE, "CD8+ recruitment steepness (cells^2)";
        /// CD8+ death rate `m` (1/day).
        m: units::PER_DAY, ParamRange::POSITIVE, "CD8+ death rate";
        /// NK inactivation by tumor `p` (1/(cell day)).
        p: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "NK inactivation per tumor cell";
        /// CD8+ inactivation by tumor `q` (1/(cell day)).
        q: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "CD8+ inactivation per tumor cell";
        /// CD8+ recruitment by NK–tumor encounters `r` (1/(cell day)).
        r: unit::PER_CELL_DAY, ParamRange::NON_NEGATIVE, "CD8+ stimulation by NK-lysed tumor";
        /// Lysis steepness coefficient `s`.
        s: units::DIMENSIONLESS, ParamRange::POSITIVE, "value of (L/T)^lambda of half-maximal lysis";
    }
}

impl DePillis2005Params {
    /// The baseline of the MeFAST implementation of de Pillis et al. (2005)
    /// (`an-do/MeFAST`, `Parameter_settings.m`), given there in 10^5-cell units and converted
    /// to cells here (`b, c, p, q, r` divided by 1e5; `sigma` times 1e5; `h, k` times 1e10):
    /// `a = 0.51421554`, `b = 1.023466211e-4`, `c = 0.0323`, `d = 5.8`, `sigma = 0.13`,
    /// `lambda = 1.36`, `f = 0.0412`, `g = 0.0249`, `h = 2.019e-3`, `j = 0.0374`,
    /// `k = 2.019e-3`, `m = 0.02`, `p = 1e-2`, `q = 3.422e-5`, `r = 0.011`, `s = 0.25`
    /// (10^5-cell units). `b`, `c`, `p` and `q` agree with de Pillis et al. (2008) *J Biol
    /// Syst* 16(1):51–80, Table 1; which experiment each alternative fit of `d`, `lambda`,
    /// `s` in that code belongs to is not stated.
    pub fn mefast_baseline() -> Self {
        Self::from_mefast_units([
            0.51421554,
            1.023466211e-4,
            0.0323,
            5.8,
            0.13,
            1.36,
            0.0412,
            0.0249,
            2.019e-3,
            0.0374,
            2.019e-3,
            0.02,
            1e-2,
            3.422e-5,
            0.011,
            0.25,
        ])
    }

    /// Per-cell parameters from values in `SPEC` order expressed in 10^5-cell units
    /// ([`MEFAST_CELL_UNIT`]), as in the MeFAST code.
    pub fn from_mefast_units(v: [f64; 16]) -> Self {
        let u = MEFAST_CELL_UNIT;
        Self {
            a: v[0],
            b: v[1] / u,
            c: v[2] / u,
            d: v[3],
            sigma: v[4] * u,
            lambda: v[5],
            f: v[6],
            g: v[7],
            h: v[8] * u * u,
            j: v[9],
            k: v[10] * u * u,
            m: v[11],
            p: v[12] / u,
            q: v[13] / u,
            r: v[14] / u,
            s: v[15],
        }
    }

    /// Tumor-free NK level `sigma/f` (cells); with `T = L = 0` this is the tumor-free state.
    pub fn tumor_free_nk(&self) -> f64 {
        self.sigma / self.f
    }
}

/// Per-capita CD8+ lysis rate `D = d L^l/(s T^l + L^l)` (1/day) of de Pillis et al.
/// (2005, 2006), evaluated as `d/(1 + s (T/L)^l)`: `d` when `T = 0 < L`, 0 when `L = 0`,
/// never 0/0. Negative trial values are treated as 0.
#[inline]
pub fn cd8_lysis_rate(d: f64, s: f64, exponent: f64, tumor: f64, cd8: f64) -> f64 {
    let (tumor, cd8) = (tumor.max(0.0), cd8.max(0.0));
    if cd8 <= 0.0 {
        return 0.0;
    }
    let ratio = (tumor / cd8).powf(exponent);
    d / (1.0 + s * ratio)
}

/// The tumor–NK–CD8+ model of de Pillis, Radunskaya & Wiseman (2005), *Cancer Res*
/// 65(17):7950–7958 (equations in [`DePillis2005Params`]), with an additional kill hazard
/// `<name>.kill_hazard` (1/day, default 0) on the tumor. States `<name>.tumor` (or
/// `log_tumor`), `<name>.nk`, `<name>.cd8` (cells); publishes `<name>.burden` (cells).
#[derive(Debug, Clone, PartialEq)]
pub struct DePillis2005 {
    name: String,
    params: DePillis2005Params,
    scale: TumorScale,
    initial: [f64; 3],
    states: Vec<Var>,
    outputs: Vec<Signal>,
    inputs: Vec<Input>,
}

impl DePillis2005 {
    /// A model called `name` from `initial = [T, N, L]` (cells, `>= 0`; `T > 0` on the log
    /// scale).
    pub fn new(
        name: &str,
        params: DePillis2005Params,
        scale: TumorScale,
        initial: [f64; 3],
    ) -> Result<Self> {
        check_name("sub-model", name)?;
        params.validate()?;
        let model = DePillis2005Params::MODEL;
        check_initial(model, "initial_tumor", initial[0], scale == TumorScale::Log)?;
        check_initial(model, "initial_nk", initial[1], false)?;
        check_initial(model, "initial_cd8", initial[2], false)?;
        let (outputs, inputs) = tumor_signals(name);
        Ok(Self {
            name: name.to_string(),
            params,
            scale,
            initial,
            states: vec![
                scale.var(),
                Var::new("nk", units::CELLS),
                Var::new("cd8", units::CELLS),
            ],
            outputs,
            inputs,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &DePillis2005Params {
        &self.params
    }
}

impl SubModel for DePillis2005 {
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
        y[0] = self.scale.state(self.initial[0]);
        y[1] = self.initial[1];
        y[2] = self.initial[2];
    }
    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        out[0] = self.scale.cells(y[0]).max(0.0);
    }
    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let k = &self.params;
        let tumor = self.scale.cells(y[0]);
        let (nk, cd8) = (y[1], y[2]);
        let positive = tumor.max(0.0);
        let lysis = cd8_lysis_rate(k.d, k.s, k.lambda, tumor, cd8);
        let lysed = lysis * positive;
        let rate = k.a * (1.0 - k.b * tumor) - k.c * nk - lysis - inputs[0];
        dy[0] = self.scale.derivative(rate, tumor);
        let t2 = positive * positive;
        dy[1] = saturate(k.sigma - k.f * nk + k.g * nk * t2 / (k.h + t2) - k.p * nk * tumor);
        let l2 = lysed * lysed;
        dy[2] = saturate(
            -k.m * cd8 + k.j * cd8 * l2 / (k.k + l2) - k.q * cd8 * tumor + k.r * nk * tumor,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn lysis_rate_has_no_zero_over_zero() {
        assert_relative_eq!(cd8_lysis_rate(5.8, 0.25, 1.36, 0.0, 10.0), 5.8);
        assert_relative_eq!(cd8_lysis_rate(5.8, 0.25, 1.36, 10.0, 0.0), 0.0);
        assert_relative_eq!(cd8_lysis_rate(5.8, 0.25, 1.36, 0.0, 0.0), 0.0);
        // d (L/T)^l/(s + (L/T)^l) at L = T: d/(s + 1).
        assert_relative_eq!(
            cd8_lysis_rate(5.8, 0.25, 1.36, 3.0, 3.0),
            5.8 / 1.25,
            max_relative = 1e-15
        );
        assert!(cd8_lysis_rate(5.8, 0.25, 1.36, f64::MAX, 1e-300).is_finite());
    }

    #[test]
    fn mefast_units_convert_to_cells() {
        let p = DePillis2005Params::mefast_baseline();
        assert_relative_eq!(p.b, 1.023466211e-9, max_relative = 1e-15);
        assert_relative_eq!(p.sigma, 1.3e4, max_relative = 1e-15);
        assert_relative_eq!(p.h, 2.019e7, max_relative = 1e-15);
        assert_relative_eq!(p.tumor_free_nk(), 1.3e4 / 0.0412, max_relative = 1e-15);
    }
}
