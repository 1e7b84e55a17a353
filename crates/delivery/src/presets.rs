//! Cell-type presets ([`CellType`]: mesenchymal, neural, hematopoietic) whose every value
//! carries its provenance ([`Source`]): published, derived from a published number, or an
//! assumption.

use crate::trafficking::{HomingParams, TraffickingParams};

/// Where a preset value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Source {
    /// Printed in a publication (citation).
    Published(&'static str),
    /// Computed from published numbers (how, with citation).
    Derived(&'static str),
    /// An illustrative choice, not a published estimate (why).
    Assumption(&'static str),
}

impl Source {
    /// Whether the value is an assumption.
    pub fn is_assumption(&self) -> bool {
        matches!(self, Self::Assumption(_))
    }
}

/// One value of a preset with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PresetValue {
    /// Parameter name, as in the `SPEC` tables of [`TraffickingParams`] and [`HomingParams`].
    pub parameter: &'static str,
    /// Value, in the unit of that table.
    pub value: f64,
    /// Provenance.
    pub source: Source,
}

/// Stem-cell types with trafficking presets (human cells; lung first-pass data from mice
/// and rats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CellType {
    /// Mesenchymal stromal cells, calibrated to Lee et al. (2009) *Cell Stem Cell* 5:54–63
    /// (2e6 human MSC intravenously in mice: lung emboli with a half-life of about 24 h,
    /// fewer than 1000 cells in six other tissues).
    Mesenchymal,
    /// Neural stem cells: pass the lung about twice as often as MSC (Fischer UM et al.
    /// (2009) *Stem Cells Dev* 18:683–692).
    Neural,
    /// Hematopoietic (bone-marrow mononuclear) cells: pass the lung about 30 times as often
    /// as MSC (Fischer et al. 2009).
    Hematopoietic,
}

const LEE_2009: &str =
    "Lee RH et al. (2009) Cell Stem Cell 5:54-63: lung half-life about 24 h after IV hMSC in mice";
const K_TRAP_MSC: &str =
    "first-pass entrapment within about an hour (Lee 2009: most cells are lung emboli at 15 min; rate not published)";
const K_ORG_MSC: &str = "k_org = 0.005/day keeps the peak content of other organs below 5e-4 of the dose (fewer than 1000 of 2e6 cells in six other tissues, Lee RH et al. (2009) Cell Stem Cell 5:54-63)";
const K_TRAP_NEURAL: &str = "lung passage k_org/(k_trap + k_org) twice that of MSC (NSC pass the lung about 2x as often as MSC, Fischer UM et al. (2009) Stem Cells Dev 18:683-692): k_trap = 20.005/2 - 0.005, rounded";
const K_TRAP_HEMATOPOIETIC: &str = "lung passage 30 times that of MSC (BMMC pass the lung about 30x as often, Fischer UM et al. (2009) Stem Cells Dev 18:683-692): k_trap = (20.005 - 0.15)/30, rounded";
const SAME_AS_MSC: &str = "no cell-type-specific data found: MSC value reused";
const K_REL: &str = "slow release of lung-trapped cells; rate not published";
const K_DO: &str = "clearance from liver and spleen; rate not published";
const HOMING: &str =
    "tumor-homing percentages were looked for and not found; reference-scenario value";
const NO_PROLIFERATION: &str = "no proliferation at the tumor site";

impl CellType {
    /// Every cell type.
    pub const ALL: [CellType; 3] = [Self::Mesenchymal, Self::Neural, Self::Hematopoietic];

    /// Trafficking preset (see [`CellType::sources`] for the provenance of each value).
    pub fn trafficking(&self) -> TraffickingParams {
        let k_trap = match self {
            Self::Mesenchymal => 20.0,
            Self::Neural => 10.0,
            Self::Hematopoietic => 0.66,
        };
        TraffickingParams {
            k_trap,
            k_rel: 0.05,
            k_dg: std::f64::consts::LN_2,
            k_org: 0.005,
            k_do: 0.1,
        }
    }

    /// Homing preset: the reference-scenario values of [`HomingParams::flagship`], all
    /// *assumptions*.
    pub fn homing(&self) -> HomingParams {
        HomingParams::flagship()
    }

    /// Every preset value with its provenance, trafficking first, in `SPEC` order.
    pub fn sources(&self) -> Vec<PresetValue> {
        let trafficking = self.trafficking();
        let homing = self.homing();
        let k_trap_source = match self {
            Self::Mesenchymal => Source::Assumption(K_TRAP_MSC),
            Self::Neural => Source::Derived(K_TRAP_NEURAL),
            Self::Hematopoietic => Source::Derived(K_TRAP_HEMATOPOIETIC),
        };
        let (k_dg_source, k_org_source) = match self {
            Self::Mesenchymal => (Source::Published(LEE_2009), Source::Derived(K_ORG_MSC)),
            _ => (
                Source::Assumption(SAME_AS_MSC),
                Source::Assumption(SAME_AS_MSC),
            ),
        };
        let value = |parameter, value, source| PresetValue {
            parameter,
            value,
            source,
        };
        vec![
            value("k_trap", trafficking.k_trap, k_trap_source),
            value("k_rel", trafficking.k_rel, Source::Assumption(K_REL)),
            value("k_dg", trafficking.k_dg, k_dg_source),
            value("k_org", trafficking.k_org, k_org_source),
            value("k_do", trafficking.k_do, Source::Assumption(K_DO)),
            value("eta_max", homing.eta_max, Source::Assumption(HOMING)),
            value("v50", homing.v50, Source::Assumption(HOMING)),
            value("k_ds", homing.k_ds, Source::Assumption(HOMING)),
            value("k_ps", homing.k_ps, Source::Assumption(NO_PROLIFERATION)),
            value("s_cap", homing.s_cap, Source::Assumption(NO_PROLIFERATION)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use oncodyn_core::Parameters;

    #[test]
    fn sources_match_the_presets() {
        for cell_type in CellType::ALL {
            let trafficking = cell_type.trafficking();
            let homing = cell_type.homing();
            assert!(trafficking.validate().is_ok() && homing.validate().is_ok());
            for row in cell_type.sources() {
                let actual = trafficking
                    .get(row.parameter)
                    .or_else(|_| homing.get(row.parameter))
                    .unwrap();
                assert_relative_eq!(actual, row.value);
            }
            assert_eq!(
                cell_type.sources().len(),
                TraffickingParams::SPEC.len() + HomingParams::SPEC.len()
            );
        }
    }

    #[test]
    fn lung_passage_ratios_follow_fischer_2009() {
        let passage = |c: CellType| 1.0 - c.trafficking().first_pass_trapped_fraction(0.0);
        let msc = passage(CellType::Mesenchymal);
        assert_relative_eq!(passage(CellType::Neural) / msc, 2.0, max_relative = 0.01);
        assert_relative_eq!(
            passage(CellType::Hematopoietic) / msc,
            30.0,
            max_relative = 0.01
        );
    }
}
