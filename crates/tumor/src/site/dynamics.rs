//! The [`SubModel`] implementation of [`TumorSite`]: right-hand side, published signals and
//! the response to radiation fractions, including the cure-threshold rule.
//!
//! Eradication without state resets inside the ODE: the solver integrates a continuous
//! state, and a sub-model can change its state only in [`SubModel::on_event`]. A site
//! with a cure threshold `c` therefore enforces eradication in three places:
//! - `rhs`: for `cells <= c` the growth term (and with it the Norton–Simon kill) is
//!   switched off: `d cells/dt = influx - hazard * cells`, which is `<= 0` without influx,
//!   so the set `cells <= c` is never left by itself (no regrowth from round-off or
//!   from a remnant fraction of a cell); kill hazards keep acting on the remnant, and only
//!   an influx of seeds can bring the site back above `c`;
//! - `publish`: an eradicated site publishes burden 0 and seeds nothing;
//! - `on_event`: any broadcast event reaching the site (after the radiation kill, if it is
//!   radiosensitive) sets an eradicated state to exactly 0.
//!
//! Between broadcast events the state column of an eradicated site may hold a remnant
//! `0 <= cells <= c` that never grows; its burden is exactly 0.

use super::TumorSite;
use crate::growth::saturate;
use crate::kill::DrugEffect;
use oncodyn_core::{Broadcast, Input, Signal, SubModel, Var};

impl TumorSite {
    /// Net rate of change (cells/day) at `cells` given the input values in
    /// [`SubModel::inputs`] order.
    #[inline]
    fn net_rate(&self, cells: f64, inputs: &[f64]) -> f64 {
        let external = inputs.first().copied().unwrap_or(0.0);
        let influx = inputs.get(1).copied().unwrap_or(0.0);
        let growth = if self.is_eradicated(cells) {
            0.0
        } else {
            self.law.rate(cells)
        };
        let mut hazard = external;
        let mut loss = 0.0;
        for (effect, &c) in self.effects.iter().zip(inputs.iter().skip(2)) {
            match effect {
                DrugEffect::NortonSimon { params, .. } => loss += params.flux(c, growth),
                other => hazard += other.hazard(c),
            }
        }
        saturate(growth - hazard * cells - loss + influx)
    }
}

impl SubModel for TumorSite {
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
        y[0] = self.initial_cells;
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        let cells = y[0];
        let alive = !self.is_eradicated(cells);
        out[0] = if alive { cells.max(0.0) } else { 0.0 };
        // `seeding.rate(cells)` = `m max(cells, 1e-30)^alpha` (0 for NaN) for each target; a
        // site seeding several targets with the same exponent (the flagship primary seeds lung
        // and liver) computes the power once.
        let mut power: Option<(u64, f64)> = None;
        for ((_, seeding), slot) in self.seeding.iter().zip(out.iter_mut().skip(1)) {
            *slot = if !alive {
                0.0
            } else {
                let alpha = seeding.alpha.to_bits();
                let value = match power {
                    Some((a, value)) if a == alpha => value,
                    _ => {
                        let value = if cells.is_nan() {
                            0.0
                        } else {
                            cells.max(1e-30).powf(seeding.alpha)
                        };
                        power = Some((alpha, value));
                        value
                    }
                };
                seeding.m * value
            };
        }
    }

    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        dy[0] = self.net_rate(y[0], inputs);
    }

    fn on_event(&self, event: &Broadcast, y: &mut [f64]) {
        if let (Broadcast::RadiationFraction { dose_gy }, Some(lq)) =
            (event, &self.radiosensitivity)
        {
            // Doses are validated by `simulate` (finite, >= 0); an invalid one is ignored.
            if let Ok(survival) = lq.survival_fraction(*dose_gy) {
                y[0] *= survival;
            }
        }
        if self.is_eradicated(y[0]) {
            y[0] = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::{Exponential, Gompertz};
    use crate::seeding::MetastaticSeeding;
    use approx::assert_relative_eq;
    use oncodyn_core::testing::check_submodel;

    fn site() -> TumorSite {
        TumorSite::new("lung", Exponential::new(0.3).unwrap(), 10.0).unwrap()
    }

    #[test]
    fn rhs_combines_growth_hazards_drugs_and_influx() {
        let site = site()
            .with_log_kill("docetaxel.concentration", 0.5)
            .unwrap()
            .with_emax_kill("cisplatin.concentration", 1.0, 2.0, 1.0)
            .unwrap()
            .with_norton_simon_kill("paclitaxel.concentration", 0.25)
            .unwrap();
        assert!(check_submodel(&site, None).is_empty());
        let mut dy = [f64::NAN];
        // growth 3; hazard 0.1 + 0.5*2 + 1*2/(2+2) = 1.6 -> 16; Norton-Simon 0.25*2*3 = 1.5;
        // influx 0.7.
        site.rhs(0.0, &[10.0], &[0.1, 0.7, 2.0, 2.0, 2.0], &mut dy);
        assert_relative_eq!(dy[0], 3.0 - 16.0 - 1.5 + 0.7, max_relative = 1e-14);
        let mut out = [f64::NAN];
        site.publish(0.0, &[-1e-9], &mut out);
        assert_relative_eq!(out[0], 0.0);
        assert_eq!(site.kill_hazard_signal(), "lung.kill_hazard");
        assert_eq!(site.influx_signal(), "lung.influx");
        assert_eq!(site.cells_state(), "lung.cells");
        assert_eq!(site.drug_effects().len(), 3);
    }

    #[test]
    fn norton_simon_is_growth_times_one_minus_kc() {
        let law = Gompertz::new(0.1, 1e6).unwrap();
        let site = TumorSite::new("lung", law, 1e3)
            .unwrap()
            .with_norton_simon_kill("drug.concentration", 0.5)
            .unwrap();
        let mut dy = [f64::NAN];
        for v in [1e-3, 1.0, 1e3, 1e5] {
            site.rhs(0.0, &[v], &[0.0, 0.0, 1.2], &mut dy);
            assert_relative_eq!(dy[0], law.rate(v) * (1.0 - 0.6), max_relative = 1e-14);
        }
        // Above the plateau the drug does not slow the shrinkage.
        site.rhs(0.0, &[2e6], &[0.0, 0.0, 1.2], &mut dy);
        assert_relative_eq!(dy[0], law.rate(2e6), max_relative = 1e-14);
        assert!(check_submodel(&site, Some(&[-1e-12])).is_empty());
    }

    #[test]
    fn radiation_applies_lq_survival_only_to_radiosensitive_sites() {
        let event = Broadcast::RadiationFraction { dose_gy: 2.0 };
        let sensitive = site().with_radiosensitivity(0.3, 0.03).unwrap();
        let mut y = [1e6];
        sensitive.on_event(&event, &mut y);
        assert_relative_eq!(y[0], 1e6 * (-0.72f64).exp(), max_relative = 1e-14);
        let mut y = [1e6];
        site().on_event(&event, &mut y);
        assert_relative_eq!(y[0], 1e6);
        assert_relative_eq!(sensitive.radiosensitivity().unwrap().alpha, 0.3);
    }

    #[test]
    fn eradicated_sites_do_not_grow_publish_nothing_and_snap_to_zero() {
        let site = site()
            .with_cure_threshold(1.0)
            .unwrap()
            .with_seeding("liver", MetastaticSeeding::iwata_2000())
            .unwrap();
        let mut dy = [f64::NAN];
        site.rhs(0.0, &[0.5], &[0.0, 0.0], &mut dy);
        assert_relative_eq!(dy[0], 0.0);
        site.rhs(0.0, &[0.5], &[0.2, 0.0], &mut dy);
        assert_relative_eq!(dy[0], -0.1, max_relative = 1e-14);
        site.rhs(0.0, &[0.5], &[0.0, 0.3], &mut dy);
        assert_relative_eq!(dy[0], 0.3, max_relative = 1e-14);
        site.rhs(0.0, &[1.5], &[0.0, 0.0], &mut dy);
        assert_relative_eq!(dy[0], 0.45, max_relative = 1e-14);
        let mut out = [f64::NAN; 2];
        site.publish(0.0, &[0.5], &mut out);
        assert_relative_eq!(out[0], 0.0);
        assert_relative_eq!(out[1], 0.0);
        site.publish(0.0, &[8.0], &mut out);
        assert_relative_eq!(out[0], 8.0);
        assert_relative_eq!(out[1], 5.3e-8 * 4.0, max_relative = 1e-12);
        let mut y = [0.5];
        site.on_event(&Broadcast::RadiationFraction { dose_gy: 0.0 }, &mut y);
        assert_relative_eq!(y[0], 0.0);
        assert!(site.is_eradicated(1.0) && !site.is_eradicated(1.0 + 1e-9));
        assert!(check_submodel(&site, Some(&[0.5])).is_empty());
    }
}
