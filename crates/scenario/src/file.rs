//! Reading scenario files: TOML through serde, with every error located (file, line,
//! column) and misspelt names answered with the nearest valid one.

use crate::error::{line_column, Error, Result};
use oncodyn_core::nearest_name;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A scenario file's text, kept to locate errors found after parsing.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path shown in messages.
    pub path: PathBuf,
    /// Full text.
    pub text: String,
}

impl Source {
    /// Reads `path`.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            text,
        })
    }

    /// A source from text, named `name` in messages.
    pub fn from_text(name: &str, text: &str) -> Self {
        Self {
            path: PathBuf::from(name),
            text: text.to_string(),
        }
    }

    /// Deserialises the whole file into `T`, turning TOML errors into located errors with a
    /// nearest-name hint for unknown keys and variants.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| {
            let message = e.message().trim().to_string();
            let hint = unknown_name_hint(&message);
            self.error_at(e.span(), message, hint)
        })
    }

    /// An error located at byte range `span` (the start of the file if `None`).
    pub fn error_at(
        &self,
        span: Option<Range<usize>>,
        message: String,
        hint: Option<String>,
    ) -> Error {
        let (line, column) = line_column(&self.text, span.map_or(0, |s| s.start));
        Error::File {
            file: self.path.clone(),
            line,
            column,
            message,
            hint,
        }
    }

    /// An error about a value whose span is known (from `toml::Spanned`).
    pub fn invalid<T>(
        &self,
        value: &toml::Spanned<T>,
        message: impl Into<String>,
        candidates: &[&str],
    ) -> Error
    where
        T: AsRef<str>,
    {
        let hint = if candidates.is_empty() {
            None
        } else {
            nearest_name(value.get_ref().as_ref(), candidates.iter().copied())
        };
        self.error_at(Some(value.span()), message.into(), hint)
    }
}

/// For serde messages such as "unknown field `tumour_site`, expected one of `a`, `b`" or
/// "unknown variant `gompertx`, expected `gompertz` or `logistic`", the expected name
/// closest to the unknown one.
fn unknown_name_hint(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (unknown, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    nearest_name(unknown, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        horizon_days: f64,
        name: String,
    }

    #[test]
    fn unknown_key_is_located_with_a_hint() {
        let source = Source::from_text("s.toml", "name = \"x\"\nhorizon_dayz = 3.0\n");
        let error = source.parse::<Small>().unwrap_err();
        match error {
            Error::File {
                line, column, hint, ..
            } => {
                assert_eq!((line, column), (2, 1));
                assert_eq!(hint.as_deref(), Some("horizon_days"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn type_error_names_the_line() {
        let source = Source::from_text("s.toml", "name = \"x\"\nhorizon_days = \"long\"\n");
        let text = source.parse::<Small>().unwrap_err().to_string();
        assert!(text.starts_with("s.toml:2:"), "{text}");
    }
}
