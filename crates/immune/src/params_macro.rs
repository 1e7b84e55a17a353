//! A macro that declares a parameter struct together with its `SPEC` table, so that field
//! order, names, units, ranges and descriptions cannot drift apart.

/// Declares `pub struct $name { pub field: f64, ... }` and implements
/// [`oncodyn_core::Parameters`] with one `SPEC` row per field, in field order.
macro_rules! parameters {
    (
        $(#[$meta:meta])*
        pub struct $name:ident : $model:literal {
            $(
                $(#[$field_meta:meta])*
                $field:ident : $unit:expr, $range:expr, $description:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: f64,
            )*
        }

        impl oncodyn_core::Parameters for $name {
            const MODEL: &'static str = $model;
            const SPEC: &'static [oncodyn_core::ParamSpec] = &[
                $(
                    oncodyn_core::ParamSpec {
                        name: stringify!($field),
                        unit: $unit,
                        range: $range,
                        description: $description,
                    },
                )*
            ];

            fn values(&self) -> Vec<f64> {
                vec![$(self.$field),*]
            }

            fn from_values_unchecked(values: &[f64]) -> Self {
                let mut values = values.iter().copied();
                Self {
                    $($field: values.next().unwrap_or(f64::NAN),)*
                }
            }
        }
    };
}

pub(crate) use parameters;
