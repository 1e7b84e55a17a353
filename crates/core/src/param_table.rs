//! [`parameter_table!`](crate::parameter_table): declares a parameter struct of `f64`
//! fields together with its [`Parameters`](crate::Parameters) implementation, so that the
//! fields and the `SPEC` table (name, unit, admissible range, description) cannot drift
//! apart.

/// Declares `pub struct $ty { pub field: f64, ... }` and implements
/// [`Parameters`](crate::Parameters) for it, one [`ParamSpec`](crate::ParamSpec) row per
/// field, in field order.
///
/// Each field is written `name: unit, range, "description";` after its doc comment (which
/// should give the symbol, the unit and the source). The struct derives `Debug`, `Clone`,
/// `Copy`, `PartialEq` and serde's `Serialize` and `Deserialize`: the calling crate depends
/// on `serde` with its `derive` feature.
///
/// ```
/// use oncodyn_core::{parameter_table, units, ParamRange, Parameters};
///
/// parameter_table! {
///     /// First-order clearance `dA/dt = -k A`.
///     pub struct ClearanceParams: "clearance" {
///         /// Elimination rate `k` (1/day).
///         k: units::PER_DAY, ParamRange::POSITIVE, "elimination rate";
///     }
/// }
///
/// let params = ClearanceParams { k: 0.1 };
/// assert_eq!(ClearanceParams::SPEC[0].name, "k");
/// assert_eq!(params.values(), vec![0.1]);
/// assert!(ClearanceParams::from_values(&[-1.0]).is_err());
/// ```
#[macro_export]
macro_rules! parameter_table {
    (
        $(#[$meta:meta])*
        pub struct $ty:ident : $model:literal {
            $(
                $(#[$field_meta:meta])*
                $field:ident : $unit:expr, $range:expr, $description:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $ty {
            $(
                $(#[$field_meta])*
                pub $field: f64,
            )+
        }

        impl $crate::Parameters for $ty {
            const MODEL: &'static str = $model;
            const SPEC: &'static [$crate::ParamSpec] = &[
                $(
                    $crate::ParamSpec {
                        name: stringify!($field),
                        unit: $unit,
                        range: $range,
                        description: $description,
                    },
                )+
            ];

            fn values(&self) -> Vec<f64> {
                vec![$(self.$field),+]
            }

            fn from_values_unchecked(values: &[f64]) -> Self {
                let mut values = values.iter().copied();
                Self {
                    $($field: values.next().unwrap_or(f64::NAN),)+
                }
            }
        }
    };
}
