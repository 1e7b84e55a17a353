//! The exact solution of [`LinearPk`] under boluses and constant-rate infusions, by the
//! matrix exponential: between consecutive event or output times the state moves by
//! `exp(h [[M, b], [0, 0]])` applied to `(y, 1)`, where `M` is the rate matrix and `b` the
//! vector of infusion rates into the states (umol/day). It is the reference the numerical
//! solvers are validated against.

use crate::pk::LinearPk;
use nalgebra::{DMatrix, DVector};
use oncodyn_core::{nearest_name, Error, Event, Result, SubModel};

/// A bolus `(time [day], state index, amount [umol])`.
type Bolus = (f64, usize, f64);
/// An infusion `(start [day], end [day], state index, rate [umol/day])`.
type Infusion = (f64, f64, usize, f64);

/// Largest admissible 1-norm of `h [[M, b], [0, 0]]` (dimensionless). Beyond it the
/// scaling-and-squaring exponential would need more than ~40 squarings; such an interval
/// (e.g. 10^10 days of a drug cleared at 100/day) is rejected rather than approximated.
const MAX_EXPONENT_NORM: f64 = 1e12;

impl LinearPk {
    /// The exact state, in [`states`](SubModel::states) order (amounts in umol, the AUC in
    /// uM*day, then the depot in umol if the model has absorption), at each of `times`
    /// (day), starting from zero before the first event.
    ///
    /// - `doses`: boluses `(time [day], amount [umol])` into the central compartment;
    /// - `infusions`: `(start [day], end [day], rate [umol/day])` into the central
    ///   compartment, active on `[start, end)`;
    /// - `times`: output times (day), in any order; row `k` of the result is the state at
    ///   `times[k]`.
    ///
    /// Values are right-continuous: at a dose time the row includes the dose (post-dose),
    /// as in [`Trajectory`](oncodyn_core::Trajectory) rows. Doses and infusions may be given
    /// in any order; doses at equal times add up. Every state, the AUC included, is zero
    /// before the first dose or infusion.
    ///
    /// Errors: [`Error::InvalidEvent`] for a non-finite time, a negative or non-finite
    /// amount or rate, or an infusion whose end is not after its start (`index` is the
    /// position in `doses`, or in `infusions`); [`Error::InvalidOption`] for a non-finite
    /// output time, or an interval between consecutive times so long (rates times length
    /// above 10^12) that its exponential is not computed.
    pub fn exact(
        &self,
        doses: &[(f64, f64)],
        infusions: &[(f64, f64, f64)],
        times: &[f64],
    ) -> Result<Vec<Vec<f64>>> {
        check_inputs(doses, infusions, times)?;
        let doses: Vec<Bolus> = doses.iter().map(|&(t, a)| (t, 0, a)).collect();
        let infusions: Vec<Infusion> = infusions.iter().map(|&(s, e, r)| (s, e, 0, r)).collect();
        self.solve(&doses, &infusions, times)
    }

    /// The exact state, as [`LinearPk::exact`], under a list of core [`Event`]s (for
    /// example the expansion of a [`Regimen`](crate::Regimen) or a merged
    /// [`TreatmentPlan`](crate::TreatmentPlan)).
    ///
    /// [`Event::Dose`] and [`Event::Infusion`] events into a state of this drug
    /// (`<drug>.central`, `<drug>.depot`, ...) are applied; events into states of other
    /// sub-models and broadcast events (radiation) are ignored, since they do not act on
    /// this drug. The events need not be sorted.
    ///
    /// Errors: [`Error::UnknownState`] for an event into `<drug>.<x>` where `x` is not a
    /// state of this drug (with the nearest valid name as hint); [`Error::InvalidEvent`]
    /// (with the position in `events`) for a non-finite time, a negative or non-finite
    /// amount or rate, or an infusion whose end is not after its start;
    /// [`Error::InvalidOption`] as for [`LinearPk::exact`].
    pub fn exact_events(&self, events: &[Event], times: &[f64]) -> Result<Vec<Vec<f64>>> {
        let mut doses = Vec::new();
        let mut infusions = Vec::new();
        for (index, event) in events.iter().enumerate() {
            match event {
                Event::Dose {
                    time,
                    state,
                    amount,
                } => {
                    if let Some(k) = self.local_index(state)? {
                        check_dose(index, *time, *amount)?;
                        doses.push((*time, k, *amount));
                    }
                }
                Event::Infusion {
                    start,
                    end,
                    state,
                    rate,
                } => {
                    if let Some(k) = self.local_index(state)? {
                        check_infusion(index, *start, *end, *rate)?;
                        infusions.push((*start, *end, k, *rate));
                    }
                }
                _ => {}
            }
        }
        check_inputs(&[], &[], times)?;
        self.solve(&doses, &infusions, times)
    }

    /// Index of the full state name `state` in this drug's states; `None` if it belongs
    /// to another sub-model; an error if it has this drug's prefix but no such state.
    fn local_index(&self, state: &str) -> Result<Option<usize>> {
        let Some(local) = state
            .strip_prefix(self.name())
            .and_then(|rest| rest.strip_prefix('.'))
        else {
            return Ok(None);
        };
        match self.states().iter().position(|v| v.name == local) {
            Some(k) => Ok(Some(k)),
            None => Err(Error::UnknownState {
                name: state.into(),
                hint: nearest_name(local, self.states().iter().map(|v| v.name.as_str()))
                    .map(|h| format!("{}.{h}", self.name())),
            }),
        }
    }

    /// The matrix-exponential propagation over the union of event and output times.
    fn solve(
        &self,
        doses: &[Bolus],
        infusions: &[Infusion],
        times: &[f64],
    ) -> Result<Vec<Vec<f64>>> {
        let n = self.states().len();
        let mut grid: Vec<f64> = doses
            .iter()
            .map(|d| d.0)
            .chain(infusions.iter().flat_map(|i| [i.0, i.1]))
            .chain(times.iter().copied())
            .collect();
        grid.sort_by(f64::total_cmp);
        grid.dedup_by(|a, b| a.total_cmp(b).is_eq());
        let Some(&first) = grid.first() else {
            return Ok(Vec::new());
        };
        let mut dose_order: Vec<usize> = (0..doses.len()).collect();
        dose_order.sort_by(|&a, &b| doses[a].0.total_cmp(&doses[b].0));
        let mut time_order: Vec<usize> = (0..times.len()).collect();
        time_order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));

        let rates = self.rate_matrix();
        let mut rows = vec![Vec::new(); times.len()];
        // Augmented state (y, 1): the last entry carries the infusion term.
        let mut y = DVector::zeros(n + 1);
        y[n] = 1.0;
        let mut t = first;
        let mut next_dose = 0;
        let mut next_time = 0;
        for &t_next in &grid {
            if t_next > t {
                let mut input = DVector::zeros(n);
                for i in infusions.iter().filter(|i| i.0 <= t && i.1 >= t_next) {
                    input[i.2] += i.3;
                }
                y = propagator(&rates, t_next - t, &input)? * y;
                t = t_next;
            }
            while let Some(&k) = dose_order.get(next_dose) {
                if doses[k].0 > t {
                    break;
                }
                y[doses[k].1] += doses[k].2;
                next_dose += 1;
            }
            while let Some(&k) = time_order.get(next_time) {
                if times[k] > t {
                    break;
                }
                rows[k] = y.rows(0, n).iter().copied().collect();
                next_time += 1;
            }
        }
        Ok(rows)
    }
}

/// `exp(h [[M, b], [0, 0]])` for the rate matrix `M` and infusion rates `b` (umol/day).
fn propagator(rates: &DMatrix<f64>, h: f64, input: &DVector<f64>) -> Result<DMatrix<f64>> {
    let n = rates.nrows();
    let mut a = DMatrix::zeros(n + 1, n + 1);
    a.view_mut((0, 0), (n, n)).copy_from(&(rates * h));
    a.view_mut((0, n), (n, 1)).copy_from(&(input * h));
    let norm = (0..=n)
        .map(|j| a.column(j).iter().map(|v| v.abs()).sum::<f64>())
        .fold(0.0, f64::max);
    if !(norm.is_finite() && norm <= MAX_EXPONENT_NORM) {
        return Err(Error::InvalidOption {
            name: "exact-solution interval",
            value: h,
            reason: "rates times interval length exceed 1e12: too long to exponentiate",
        });
    }
    Ok(a.exp())
}

fn invalid(index: usize, time: f64, reason: String) -> Result<()> {
    Err(Error::InvalidEvent {
        index,
        time,
        reason,
    })
}

fn check_dose(index: usize, time: f64, amount: f64) -> Result<()> {
    if !time.is_finite() {
        return invalid(index, time, "dose time is not finite".into());
    }
    if !(amount.is_finite() && amount >= 0.0) {
        return invalid(
            index,
            time,
            format!("dose amount {amount} umol must be finite and non-negative"),
        );
    }
    Ok(())
}

fn check_infusion(index: usize, start: f64, end: f64, rate: f64) -> Result<()> {
    if !start.is_finite() {
        return invalid(index, start, "infusion start is not finite".into());
    }
    if !(end.is_finite() && end > start) {
        return invalid(
            index,
            start,
            format!("infusion end {end} must be finite and after its start {start}"),
        );
    }
    if !(rate.is_finite() && rate >= 0.0) {
        return invalid(
            index,
            start,
            format!("infusion rate {rate} umol/day must be finite and non-negative"),
        );
    }
    Ok(())
}

fn check_inputs(doses: &[(f64, f64)], infusions: &[(f64, f64, f64)], times: &[f64]) -> Result<()> {
    for (index, &(time, amount)) in doses.iter().enumerate() {
        check_dose(index, time, amount)?;
    }
    for (index, &(start, end, rate)) in infusions.iter().enumerate() {
        check_infusion(index, start, end, rate)?;
    }
    if let Some(&t) = times.iter().find(|t| !t.is_finite()) {
        return Err(Error::InvalidOption {
            name: "output time",
            value: t,
            reason: "must be finite",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::LinearPkParams;
    use approx::assert_relative_eq;

    fn one_compartment() -> LinearPk {
        LinearPk::new("drug", LinearPkParams::one_compartment(0.5, 2.0)).unwrap()
    }

    #[test]
    fn one_compartment_bolus_is_an_exponential() {
        let pk = one_compartment();
        let rows = pk.exact(&[(1.0, 10.0)], &[], &[0.0, 1.0, 3.0]).unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows[0].iter().all(|v| v.abs() < 1e-300));
        assert_relative_eq!(rows[1][0], 10.0, max_relative = 1e-15); // post-dose
        assert!(rows[1][1].abs() < 1e-300);
        let e = (-1.0f64).exp();
        assert_relative_eq!(rows[2][0], 10.0 * e, max_relative = 1e-13);
        // AUC = (D / V1) (1 - e^{-k t}) / k.
        assert_relative_eq!(rows[2][1], 5.0 * (1.0 - e) / 0.5, max_relative = 1e-13);
    }

    #[test]
    fn one_compartment_infusion_has_the_closed_form() {
        let pk = one_compartment();
        // 4 umol/day on [0, 2), then washout.
        let rows = pk.exact(&[], &[(0.0, 2.0, 4.0)], &[1.0, 2.0, 5.0]).unwrap();
        let k = 0.5f64;
        let during = |t: f64| 4.0 / k * (1.0 - (-k * t).exp());
        assert_relative_eq!(rows[0][0], during(1.0), max_relative = 1e-13);
        assert_relative_eq!(rows[1][0], during(2.0), max_relative = 1e-13);
        assert_relative_eq!(
            rows[2][0],
            during(2.0) * (-k * 3.0).exp(),
            max_relative = 1e-13
        );
        // Total exposure so far = (infused - remaining) / CL.
        let auc = (8.0 - rows[2][0]) / (k * 2.0);
        assert_relative_eq!(rows[2][1], auc, max_relative = 1e-12);
    }

    #[test]
    fn output_order_and_duplicate_doses_do_not_matter() {
        let pk = LinearPk::docetaxel().unwrap();
        let a = pk
            .exact(
                &[(0.0, 50.0), (2.0, 25.0), (2.0, 25.0)],
                &[],
                &[3.0, 0.5, 2.0],
            )
            .unwrap();
        let b = pk
            .exact(&[(2.0, 50.0), (0.0, 50.0)], &[], &[0.5, 2.0, 3.0])
            .unwrap();
        for (row_a, row_b) in [(&a[0], &b[2]), (&a[1], &b[0]), (&a[2], &b[1])] {
            for (x, y) in row_a.iter().zip(row_b.iter()) {
                assert_relative_eq!(*x, *y, max_relative = 1e-14);
            }
        }
    }

    #[test]
    fn total_exposure_is_dose_over_clearance() {
        // After complete elimination, AUC = D / (k10 V1) exactly (mass balance).
        let pk = LinearPk::docetaxel().unwrap();
        let rows = pk.exact(&[(0.0, 100.0)], &[], &[730.0]).unwrap();
        assert_relative_eq!(
            rows[0][3],
            100.0 / pk.params().clearance(),
            max_relative = 1e-12
        );
    }

    #[test]
    fn matches_the_eigen_decomposition_of_a_two_compartment_model() {
        // Bolus into central: A1(t) = D (a e^{-alpha t} + b e^{-beta t}) with
        // alpha, beta roots of s^2 - (k10 + k12 + k21) s + k10 k21 and
        // a = (alpha - k21) / (alpha - beta), b = (k21 - beta) / (alpha - beta).
        let (k10, k12, k21) = (2.0f64, 3.0, 1.5);
        let pk = LinearPk::new("d", LinearPkParams::two_compartment(k10, k12, k21, 1.0)).unwrap();
        let sum = k10 + k12 + k21;
        let disc = (sum * sum - 4.0 * k10 * k21).sqrt();
        let (alpha, beta) = ((sum + disc) / 2.0, (sum - disc) / 2.0);
        let (a, b) = (
            (alpha - k21) / (alpha - beta),
            (k21 - beta) / (alpha - beta),
        );
        let times = [0.1, 1.0, 4.0, 20.0];
        let rows = pk.exact(&[(0.0, 1.0)], &[], &times).unwrap();
        for (row, t) in rows.iter().zip(times) {
            let a1 = a * (-alpha * t).exp() + b * (-beta * t).exp();
            assert_relative_eq!(row[0], a1, max_relative = 1e-11);
            let auc = a * (1.0 - (-alpha * t).exp()) / alpha + b * (1.0 - (-beta * t).exp()) / beta;
            assert_relative_eq!(row[2], auc, max_relative = 1e-11);
        }
    }

    #[test]
    fn invalid_inputs_are_errors_not_panics() {
        let pk = one_compartment();
        assert!(matches!(
            pk.exact(&[(f64::NAN, 1.0)], &[], &[1.0]),
            Err(Error::InvalidEvent { index: 0, .. })
        ));
        assert!(matches!(
            pk.exact(&[(0.0, 1.0), (1.0, -1.0)], &[], &[1.0]),
            Err(Error::InvalidEvent { index: 1, .. })
        ));
        assert!(matches!(
            pk.exact(&[], &[(1.0, 1.0, 1.0)], &[1.0]),
            Err(Error::InvalidEvent { index: 0, .. })
        ));
        assert!(matches!(
            pk.exact(&[], &[(0.0, 1.0, f64::INFINITY)], &[1.0]),
            Err(Error::InvalidEvent { index: 0, .. })
        ));
        assert!(matches!(
            pk.exact(&[], &[], &[f64::NAN]),
            Err(Error::InvalidOption {
                name: "output time",
                ..
            })
        ));
        assert!(matches!(
            pk.exact(&[(-1e300, 1.0)], &[], &[1e300]),
            Err(Error::InvalidOption {
                name: "exact-solution interval",
                ..
            })
        ));
        assert!(matches!(pk.exact(&[], &[], &[]), Ok(rows) if rows.is_empty()));
    }
}
