//! The error type of `oncodyn-scenario`: file errors carry file, line, column and a hint.

use std::path::PathBuf;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong with a scenario.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is not valid TOML, has an unknown key, a wrong type or an invalid value.
    #[error("{}:{line}:{column}: {message}{}", file.display(), hint_suffix(.hint))]
    File {
        /// Scenario file.
        file: PathBuf,
        /// Line (1-based).
        line: usize,
        /// Column (1-based, in characters).
        column: usize,
        /// What is wrong.
        message: String,
        /// Nearest valid name, when a name was misspelt.
        hint: Option<String>,
    },
    /// A model or simulation error (invalid parameter, solver failure…).
    #[error(transparent)]
    Model(#[from] oncodyn_core::Error),
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// File concerned.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
}

fn hint_suffix(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!(" (did you mean `{h}`?)"),
        None => String::new(),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
