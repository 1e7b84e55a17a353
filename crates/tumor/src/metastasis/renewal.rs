//! The renewal equation of the Iwata model, `B(t) = beta(x_p(t)) + integral_0^t
//! beta(X(t - s)) B(s) ds`, solved on a uniform grid, and the colony size distribution it
//! implies.

use super::{Iwata, IwataParams, TIME};
use oncodyn_core::{validate_values, Error, Parameters, Result};

/// Who founds new colonies in [`Iwata::solve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Colonization {
    /// Only the primary seeds (`B(t) = beta(x_p(t))`).
    PrimaryOnly,
    /// The primary and every metastatic colony seed (Iwata's full model).
    PrimaryAndMetastases,
}

/// One point of the colony size distribution at a time `t`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SizeClass {
    /// Colony size `x` (cells).
    pub size: f64,
    /// Density `rho(x, t)` (colonies per cell of size).
    pub density: f64,
    /// Expected number of colonies with at least `x` cells.
    pub at_least: f64,
}

/// Solution of the renewal equation on a uniform grid of times: birth rate `B(t)` of new
/// colonies (colonies/day) and cumulative number of metastases `N(t)`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IwataSolution {
    model: Iwata,
    colonization: Colonization,
    times: Vec<f64>,
    birth_rate: Vec<f64>,
    number: Vec<f64>,
}

impl Iwata {
    /// Solves the model on `[0, t_end]` days with `n_steps` equal steps: the renewal
    /// equation by the trapezoidal rule (second order; work grows as `n_steps^2`), and
    /// `N(t)` by trapezoidal accumulation of `B`.
    ///
    /// Errors: [`Error::InvalidParameter`] for a non-finite or non-positive `t_end`;
    /// [`Error::InvalidOption`] for `n_steps = 0` or a step so coarse that
    /// `h m / 2 >= 1`; [`Error::InconsistentParameters`] if the number of metastases
    /// overflows.
    pub fn solve(
        &self,
        t_end: f64,
        n_steps: usize,
        colonization: Colonization,
    ) -> Result<IwataSolution> {
        validate_values(IwataParams::MODEL, &[TIME], &[t_end])?;
        if t_end <= 0.0 {
            return Err(Error::InvalidParameter {
                model: IwataParams::MODEL.into(),
                name: "t_end".into(),
                value: t_end,
                unit: "day".into(),
                range: "(0, inf)".into(),
            });
        }
        if n_steps == 0 {
            return Err(Error::InvalidOption {
                name: "n_steps",
                value: 0.0,
                reason: "at least one step is needed",
            });
        }
        let h = t_end / n_steps as f64;
        let times: Vec<f64> = (0..=n_steps).map(|k| k as f64 * h).collect();
        let source: Vec<f64> = times
            .iter()
            .map(|&t| self.colonization_rate(self.primary_size(t)))
            .collect();
        let birth_rate = match colonization {
            Colonization::PrimaryOnly => source,
            Colonization::PrimaryAndMetastases => self.renewal(&source, h)?,
        };
        let mut number = Vec::with_capacity(birth_rate.len());
        let mut total = 0.0;
        number.push(0.0);
        for pair in birth_rate.windows(2) {
            total += 0.5 * h * (pair[0] + pair[1]);
            number.push(total);
        }
        if !total.is_finite() {
            return Err(overflow(total));
        }
        Ok(IwataSolution {
            model: *self,
            colonization,
            times,
            birth_rate,
            number,
        })
    }

    /// `B_k = f_k + h (K_k B_0/2 + sum_{0<j<k} K_{k-j} B_j + K_0 B_k/2)`, `K_i = beta(X(i h))`.
    fn renewal(&self, source: &[f64], h: f64) -> Result<Vec<f64>> {
        let kernel: Vec<f64> = (0..source.len())
            .map(|i| self.colonization_rate(self.colony_size(i as f64 * h)))
            .collect();
        let diagonal = 1.0 - 0.5 * h * kernel[0];
        if diagonal.is_nan() || diagonal <= 0.0 {
            return Err(Error::InvalidOption {
                name: "n_steps",
                value: (source.len() - 1) as f64,
                reason: "step too coarse for the colonization rate (h m / 2 >= 1)",
            });
        }
        let mut births: Vec<f64> = Vec::with_capacity(source.len());
        for (k, &f) in source.iter().enumerate() {
            let value = if k == 0 {
                f
            } else {
                let history: f64 = (1..k).map(|j| kernel[k - j] * births[j]).sum();
                (f + h * (0.5 * kernel[k] * births[0] + history)) / diagonal
            };
            if !value.is_finite() {
                return Err(overflow(value));
            }
            births.push(value);
        }
        Ok(births)
    }
}

fn overflow(value: f64) -> Error {
    Error::InconsistentParameters {
        model: IwataParams::MODEL.into(),
        reason: format!("the number of metastases overflowed ({value})"),
    }
}

impl IwataSolution {
    /// The model solved.
    pub fn model(&self) -> &Iwata {
        &self.model
    }

    /// Who seeds.
    pub fn colonization(&self) -> Colonization {
        self.colonization
    }

    /// Grid times (days), from 0 to `t_end`.
    pub fn times(&self) -> &[f64] {
        &self.times
    }

    /// Birth rate `B(t)` of new colonies (colonies/day) at the grid times.
    pub fn birth_rate(&self) -> &[f64] {
        &self.birth_rate
    }

    /// Expected number of metastases `N(t)` at the grid times.
    pub fn number(&self) -> &[f64] {
        &self.number
    }

    /// Linear interpolation of `values` at `t` (days) in `[0, t_end]`.
    fn interpolate(&self, values: &[f64], t: f64) -> Result<f64> {
        let t_end = self.times.last().copied().unwrap_or(0.0);
        if !(t.is_finite() && (0.0..=t_end).contains(&t)) {
            return Err(Error::InvalidParameter {
                model: IwataParams::MODEL.into(),
                name: "t".into(),
                value: t,
                unit: "day".into(),
                range: format!("[0, {t_end}]"),
            });
        }
        let h = t_end / (self.times.len() - 1) as f64;
        let position = t / h;
        let k = (position.floor() as usize).min(self.times.len() - 2);
        let weight = position - k as f64;
        Ok(values[k] * (1.0 - weight) + values[k + 1] * weight)
    }

    /// `N(t)` at any `t` in `[0, t_end]` days (linear interpolation).
    pub fn number_at(&self, t: f64) -> Result<f64> {
        self.interpolate(&self.number, t)
    }

    /// `B(t)` (colonies/day) at any `t` in `[0, t_end]` days (linear interpolation).
    pub fn birth_rate_at(&self, t: f64) -> Result<f64> {
        self.interpolate(&self.birth_rate, t)
    }

    /// Size distribution at time `t` (days, in `[0, t_end]`) at the given colony `sizes`
    /// (cells): density `rho(x, t) = B(t - tau(x)) / g(x)` and number of colonies with at
    /// least `x` cells, `N(t - tau(x))`, where `tau(x)` is the age of a colony of `x` cells.
    /// Sizes below one cell count every colony (density 0); sizes no colony has reached
    /// yet have density 0 and count 0.
    pub fn size_distribution(&self, t: f64, sizes: &[f64]) -> Result<Vec<SizeClass>> {
        let total = self.number_at(t)?;
        sizes
            .iter()
            .map(|&size| {
                if size.is_nan() {
                    return Err(Error::InvalidParameter {
                        model: IwataParams::MODEL.into(),
                        name: "size".into(),
                        value: size,
                        unit: "cells".into(),
                        range: "(-inf, inf)".into(),
                    });
                }
                if size < 1.0 {
                    return Ok(SizeClass {
                        size,
                        density: 0.0,
                        at_least: total,
                    });
                }
                match self.model.colony_age(size) {
                    Some(age) if age <= t => {
                        let birth = t - age;
                        Ok(SizeClass {
                            size,
                            density: self.birth_rate_at(birth)? / self.model.growth_rate(size),
                            at_least: self.number_at(birth)?,
                        })
                    }
                    _ => Ok(SizeClass {
                        size,
                        density: 0.0,
                        at_least: 0.0,
                    }),
                }
            })
            .collect()
    }
}
