//! Shared checks every sub-model's tests call.

use crate::signal::name_problem;
use crate::submodel::SubModel;
use crate::validation::CaseRecord;

/// Checks the [`SubModel`] contract at the state `y` (or the initial state if `None`):
/// names well formed and distinct; `init`, `publish` and `rhs` overwrite every slot of
/// NaN-prefilled buffers with finite values; inputs are fed their defaults (or 1.0 when
/// required). Returns a description of every violation; empty means the contract holds.
///
/// ```
/// # use oncodyn_core::{SubModel, Var, units, testing::check_submodel};
/// # #[derive(Debug)] struct Decay(Vec<Var>);
/// # impl SubModel for Decay {
/// #     fn name(&self) -> &str { "drug" }
/// #     fn states(&self) -> &[Var] { &self.0 }
/// #     fn init(&self, y: &mut [f64]) { y[0] = 1.0 }
/// #     fn rhs(&self, _t: f64, y: &[f64], _i: &[f64], dy: &mut [f64]) { dy[0] = -y[0] }
/// # }
/// let problems = check_submodel(&Decay(vec![Var::new("amount", units::UMOL)]), None);
/// assert!(problems.is_empty(), "{problems:?}");
/// ```
pub fn check_submodel(sub: &dyn SubModel, y: Option<&[f64]>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check_name = |kind: &str, name: &str| {
        if let Some(reason) = name_problem(name) {
            problems.push(format!("{kind} name `{name}`: {reason}"));
        }
    };
    check_name("sub-model", sub.name());
    for var in sub.states() {
        check_name("state", &var.name);
    }
    for signal in sub.outputs() {
        check_name("output", &signal.var.name);
    }
    for input in sub.inputs() {
        check_name("input", &input.var.name);
    }
    let names: Vec<&str> = sub.states().iter().map(|v| v.name.as_str()).collect();
    for (k, name) in names.iter().enumerate() {
        if names[..k].contains(name) {
            problems.push(format!("state `{name}` appears twice"));
        }
    }
    for var in sub
        .states()
        .iter()
        .chain(sub.outputs().iter().map(|s| &s.var))
    {
        if var.unit.is_empty() {
            problems.push(format!("`{}` has no unit", var.name));
        }
    }

    let n = sub.states().len();
    let mut init = vec![f64::NAN; n];
    sub.init(&mut init);
    report_slots(&mut problems, "init", &init);
    let state: Vec<f64> = match y {
        Some(y) if y.len() == n => y.to_vec(),
        Some(y) => {
            problems.push(format!(
                "check state has {} entries, sub-model has {n} states",
                y.len()
            ));
            return problems;
        }
        None => init,
    };
    let mut out = vec![f64::NAN; sub.outputs().len()];
    sub.publish(0.0, &state, &mut out);
    report_slots(&mut problems, "publish", &out);
    let inputs: Vec<f64> = sub
        .inputs()
        .iter()
        .map(|i| i.default.unwrap_or(1.0))
        .collect();
    let mut dy = vec![f64::NAN; n];
    sub.rhs(0.0, &state, &inputs, &mut dy);
    report_slots(&mut problems, "rhs", &dy);
    problems
}

fn report_slots(problems: &mut Vec<String>, what: &str, values: &[f64]) {
    for (k, v) in values.iter().enumerate() {
        if !v.is_finite() {
            problems.push(format!("{what} left slot {k} non-finite ({v})"));
        }
    }
}

/// Panics with the failing records, for use in `#[test]`s of quick validation suites.
pub fn assert_all_passed(records: &[CaseRecord]) {
    let failed: Vec<&CaseRecord> = records.iter().filter(|r| !r.passed).collect();
    assert!(!records.is_empty(), "validation suite produced no case");
    assert!(failed.is_empty(), "failed validation cases: {failed:#?}");
}
