//! CTCAE v5.0 grades of "Neutrophil count decreased".

use super::check_finite;
use oncodyn_core::Result;

/// CTCAE v5.0 "Neutrophil count decreased" grade 2 bound: `< 1.5 x 10^9/L`.
pub const GRADE2_BELOW: f64 = 1.5;
/// CTCAE v5.0 grade 3 bound: `< 1.0 x 10^9/L`.
pub const GRADE3_BELOW: f64 = 1.0;
/// CTCAE v5.0 grade 4 bound: `< 0.5 x 10^9/L`.
pub const GRADE4_BELOW: f64 = 0.5;

/// CTCAE v5.0 grade of "Neutrophil count decreased" (National Cancer Institute, Common
/// Terminology Criteria for Adverse Events v5.0, 2017): grade 1 `< LLN` (and `>= 1.5`),
/// grade 2 `< 1.5`, grade 3 `< 1.0`, grade 4 `< 0.5 x 10^9/L`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NeutropeniaGrade {
    /// At or above the lower limit of normal.
    None,
    /// `< LLN` and `>= 1.5 x 10^9/L`.
    Grade1,
    /// `< 1.5` and `>= 1.0 x 10^9/L`.
    Grade2,
    /// `< 1.0` and `>= 0.5 x 10^9/L`.
    Grade3,
    /// `< 0.5 x 10^9/L`.
    Grade4,
}

impl NeutropeniaGrade {
    /// Grade of an absolute neutrophil count `anc` (10^9/L, finite, `>= 0`) given the
    /// laboratory's lower limit of normal `lln` (10^9/L, finite, `> 0`).
    pub fn of(anc: f64, lln: f64) -> Result<Self> {
        check_finite("absolute neutrophil count", anc, true)?;
        check_finite("lower limit of normal", lln, false)?;
        Ok(if anc < GRADE4_BELOW {
            Self::Grade4
        } else if anc < GRADE3_BELOW {
            Self::Grade3
        } else if anc < GRADE2_BELOW {
            Self::Grade2
        } else if anc < lln {
            Self::Grade1
        } else {
            Self::None
        })
    }

    /// Upper bound (exclusive, 10^9/L) of the counts of this grade or worse: `lln` for
    /// grade 1, 1.5, 1.0 and 0.5 for grades 2–4, `inf` for [`NeutropeniaGrade::None`].
    pub fn below(&self, lln: f64) -> f64 {
        match self {
            Self::None => f64::INFINITY,
            Self::Grade1 => lln,
            Self::Grade2 => GRADE2_BELOW,
            Self::Grade3 => GRADE3_BELOW,
            Self::Grade4 => GRADE4_BELOW,
        }
    }
}
