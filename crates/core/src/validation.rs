//! Validation records shared by every crate's validation suite and by `cargo xtask validate`.
//!
//! Each crate exposes `validation::run(Fidelity) -> Result<Vec<CaseRecord>>`; its unit tests run
//! the quick version and assert every case passes; `cargo xtask validate` runs the full version
//! in release mode and writes the report.

/// How thoroughly to run a validation suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fidelity {
    /// A reduced version for `cargo test` (fewer points, same tolerances).
    Quick,
    /// Everything, for `cargo xtask validate`.
    Full,
}

/// One checked quantity: what was expected (if a published or closed-form value exists),
/// what oncodyn computed, the tolerance and the verdict.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CaseRecord {
    /// Suite (crate or model), e.g. `tumor/growth`.
    pub suite: String,
    /// Case identifier, e.g. `GL-1 exponential`.
    pub case: String,
    /// Citation of the source of the expected value.
    pub source: String,
    /// What is compared, with its unit.
    pub quantity: String,
    /// Expected value; `None` for independent checks (judged on structural properties).
    pub expected: Option<f64>,
    /// Computed value.
    pub actual: f64,
    /// Tolerance, with its kind (`rel 1e-8`, `abs 1e-12`, or the structural property checked).
    pub tolerance: String,
    /// Verdict.
    pub passed: bool,
}

impl CaseRecord {
    /// A case passing when `|actual - expected| <= rel * |expected|`.
    pub fn relative(
        suite: &str,
        case: impl Into<String>,
        source: &str,
        quantity: impl Into<String>,
        expected: f64,
        actual: f64,
        rel: f64,
    ) -> Self {
        let error = relative_error(actual, expected);
        Self {
            suite: suite.into(),
            case: case.into(),
            source: source.into(),
            quantity: quantity.into(),
            expected: Some(expected),
            actual,
            tolerance: format!("rel {rel:.0e}"),
            passed: error <= rel,
        }
    }

    /// A case passing when `|actual - expected| <= abs`.
    pub fn absolute(
        suite: &str,
        case: impl Into<String>,
        source: &str,
        quantity: impl Into<String>,
        expected: f64,
        actual: f64,
        abs: f64,
    ) -> Self {
        Self {
            suite: suite.into(),
            case: case.into(),
            source: source.into(),
            quantity: quantity.into(),
            expected: Some(expected),
            actual,
            tolerance: format!("abs {abs:.0e}"),
            passed: (actual - expected).abs() <= abs,
        }
    }

    /// An independent check: no expected value, the verdict comes from the structural
    /// `property` the case states (described in `tolerance`).
    pub fn independent(
        suite: &str,
        case: impl Into<String>,
        source: &str,
        quantity: impl Into<String>,
        actual: f64,
        property: &str,
        holds: bool,
    ) -> Self {
        Self {
            suite: suite.into(),
            case: case.into(),
            source: source.into(),
            quantity: quantity.into(),
            expected: None,
            actual,
            tolerance: property.into(),
            passed: holds && actual.is_finite(),
        }
    }
}

/// `|actual - expected| / |expected|` (absolute error when `expected` is 0; infinite for NaN).
pub fn relative_error(actual: f64, expected: f64) -> f64 {
    let error = if expected == 0.0 {
        (actual - expected).abs()
    } else {
        ((actual - expected) / expected).abs()
    };
    if error.is_nan() {
        f64::INFINITY
    } else {
        error
    }
}
