//! Kuznetsov, Makalkin, Taylor & Perelson (1994): parameters in dimensional and
//! dimensionless form, the conversion, the interior steady states (roots of a cubic), and
//! the two-state model as sub-models.

mod model;
mod params;

pub use model::{Kuznetsov, KuznetsovScaled};
pub use params::{KuznetsovParams, KuznetsovScaledParams, KUZNETSOV_SCALE};
