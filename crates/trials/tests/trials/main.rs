//! Integration tests of oncodyn-trials (one binary): cohorts and trial files.

// Helper functions shared by the tests unwrap like the tests themselves.
#![allow(clippy::unwrap_used)]

mod cohort;
mod files;
