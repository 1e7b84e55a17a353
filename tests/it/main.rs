//! Workspace integration tests: cross-crate composition, dosing properties and the
//! quick validation suite. The one integration-test binary of the workspace.

// Test helpers outside `#[test]` functions may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod composition;
mod dosing;
