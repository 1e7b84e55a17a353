//! The equations of [`StemCells`]: the [`SubModel`] implementation (publish the
//! immunomodulatory signal and payload hazards, right-hand side of trafficking, homing and
//! payload kinetics).

use super::StemCells;
use crate::payload::ProdrugSource;
use oncodyn_core::{Input, Signal, SubModel, Var};

impl SubModel for StemCells {
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
        y.fill(0.0);
    }

    fn publish(&self, _t: f64, y: &[f64], out: &mut [f64]) {
        let n = self.sites.len();
        let at_sites = &y[3..3 + n];
        out[0] = at_sites
            .iter()
            .map(|s| s.max(0.0))
            .sum::<f64>()
            .min(f64::MAX);
        if !self.has_payload() {
            return;
        }
        for (i, (slot, &cells)) in out[1..].iter_mut().zip(at_sites).enumerate() {
            let mut hazard = self.secreted.map_or(0.0, |p| p.hazard(cells));
            if let (Some((enzyme, _)), Some(fu)) = (&self.prodrug, self.layout.fu) {
                hazard += enzyme.hazard(y[fu + i]);
            }
            if let (Some(virus), Some(v), Some(x)) =
                (&self.virus, self.layout.virus, self.layout.infected)
            {
                hazard += virus.hazard(y[v + i], y[x + i]);
            }
            *slot = hazard.min(f64::MAX);
        }
    }

    fn rhs(&self, _t: f64, y: &[f64], inputs: &[f64], dy: &mut [f64]) {
        let n = self.sites.len();
        let tr = &self.trafficking;
        let (blood, lung, organs) = (y[0], y[1], y[2]);
        let mut homing_total = 0.0;
        let mut site_deaths = 0.0;
        for i in 0..n {
            let eta = self.homing.rate(inputs[i]);
            let cells = y[3 + i];
            homing_total += eta;
            site_deaths += self.homing.k_ds * cells;
            dy[3 + i] = eta * blood + self.homing.site_net_rate(cells) * cells;
        }
        dy[0] = -(tr.k_trap + tr.k_org + homing_total) * blood + tr.k_rel * lung;
        dy[1] = tr.k_trap * blood - (tr.k_rel + tr.k_dg) * lung;
        dy[2] = tr.k_org * blood - tr.k_do * organs;
        if let Some(k) = self.layout.cleared {
            dy[k] = tr.k_dg * lung + tr.k_do * organs + site_deaths;
        }
        if let (Some((enzyme, source)), Some(fu)) = (&self.prodrug, self.layout.fu) {
            let concentration = match (source, self.layout.prodrug, self.layout.prodrug_input) {
                (ProdrugSource::Compartment(pk), Some(k), _) => {
                    dy[k] = -pk.k_el * y[k];
                    y[k] / pk.volume
                }
                (_, _, Some(input)) => inputs[input],
                _ => 0.0,
            };
            for i in 0..n {
                dy[fu + i] = enzyme.production(y[3 + i], concentration) - enzyme.k_fu * y[fu + i];
            }
        }
        if let (Some(p), Some(v), Some(x)) = (&self.virus, self.layout.virus, self.layout.infected)
        {
            for i in 0..n {
                let infection = p.kappa * inputs[i].max(0.0) * y[v + i];
                dy[x + i] = infection - p.delta * y[x + i];
                dy[v + i] =
                    p.release * y[3 + i] + p.alpha * y[x + i] - p.omega * y[v + i] - infection;
            }
        }
        for d in dy.iter_mut() {
            *d = d.clamp(-f64::MAX, f64::MAX);
        }
    }
}
