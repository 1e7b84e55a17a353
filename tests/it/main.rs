//! Workspace integration tests: cross-crate composition, dosing properties and the
//! quick validation suite. The one integration-test binary of the workspace.

mod composition;
mod dosing;
