//! `parameter_table!`: declares a parameter struct of `f64` fields together with its
//! [`Parameters`](oncodyn_core::Parameters) implementation, so that the `SPEC` table (name,
//! unit, admissible range, description) and the fields can never drift apart.

/// Declares `pub struct $ty { pub field: f64, ... }` and implements
/// `oncodyn_core::Parameters` for it, one `SPEC` row per field, in field order.
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

        impl oncodyn_core::Parameters for $ty {
            const MODEL: &'static str = $model;
            const SPEC: &'static [oncodyn_core::ParamSpec] = &[
                $(
                    oncodyn_core::ParamSpec {
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
