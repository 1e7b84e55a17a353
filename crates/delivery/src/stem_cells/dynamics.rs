//! The equations of [`StemCells`]: the [`SubModel`] implementation (publish the
//! immunomodulatory signal and payload hazards, right-hand side of trafficking, homing and
//! payload kinetics).

use super::StemCells;
use crate::payload::ProdrugSource;
use oncodyn_core::{Input, Signal, SubModel, Var};

/// Absolute-tolerance scale (see [`SubModel::tolerance_scales`]) of the administered cells
/// (`blood`, `lung`, `organs`, `at_<site>`, `cleared`): their effects saturate at 10^5–10^6
/// cells (half-effect constants of the payload and of immunomodulation in the flagship
/// scenario), so they are resolved to `atol * 10^6` cells, one cell at `atol = 1e-6`. An
/// *assumption* about the accuracy the downstream effects need, not a model parameter.
const CELL_TOLERANCE_SCALE: f64 = 1e6;

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

    fn tolerance_scales(&self, scales: &mut [f64]) {
        let administered = 3 + self.sites.len();
        scales[..administered].fill(CELL_TOLERANCE_SCALE);
        if let Some(k) = self.layout.cleared {
            scales[k] = CELL_TOLERANCE_SCALE;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payload::{ProdrugEnzyme, ProdrugSource, VirusPayload};
    use crate::{BajzerParams, BajzerSet, FlucytosinePk};

    #[test]
    fn administered_cells_have_coarse_absolute_tolerances_and_the_rest_unit_ones() {
        let sites = ["primary", "lung", "liver"];
        let flagship = StemCells::flagship("cells", &sites).unwrap();
        let mut scales = vec![1.0; flagship.states().len()];
        flagship.tolerance_scales(&mut scales);
        assert!(scales
            .iter()
            .all(|s| (s - CELL_TOLERANCE_SCALE).abs() <= 1e-12 * CELL_TOLERANCE_SCALE));

        let full = StemCells::flagship("cells", &sites)
            .unwrap()
            .with_prodrug(
                ProdrugEnzyme::cd_5fc(),
                ProdrugSource::Compartment(FlucytosinePk::typical_adult()),
            )
            .unwrap()
            .with_virus(
                VirusPayload::from_bajzer(&BajzerParams::published(BajzerSet::B1), 1.0).unwrap(),
            )
            .unwrap()
            .with_cleared_tally();
        let mut scales = vec![1.0; full.states().len()];
        full.tolerance_scales(&mut scales);
        for (var, scale) in full.states().iter().zip(&scales) {
            let administered = ["blood", "lung", "organs", "cleared"].contains(&var.name.as_str())
                || var.name.starts_with("at_");
            let expected = if administered {
                CELL_TOLERANCE_SCALE
            } else {
                1.0
            };
            assert!(
                (scale - expected).abs() <= 1e-12 * expected,
                "{}: {scale}",
                var.name
            );
        }
    }
}
