//! Workspace-level validation: cases that need several crates at once, and the fixtures
//! they use. `cargo xtask validate` runs [`validation::run`]; `tests/it` holds the
//! cross-crate integration tests.

pub mod fixtures;
pub mod validation;

/// The README's Rust examples, compiled and run as doc-tests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
