//! Every input target for a few thousand seeded cases (a quick version of
//! `make fuzz`), and every input that once failed, replayed.

use std::time::Duration;

use faultline_fuzz::runner::{check_case, run, Plan};
use faultline_fuzz::{input_targets, regression_inputs, Case, Target};

/// Cases per target in `cargo test`; `make fuzz` runs a million.
const CASES: u64 = 3_000;
/// One case must finish well within this, even unoptimised.
const BOUND: Duration = Duration::from_secs(5);

fn target(name: &str) -> Box<dyn Target> {
    let targets = input_targets().unwrap_or_else(|e| panic!("{e}"));
    targets
        .into_iter()
        .find(|t| t.name() == name)
        .unwrap_or_else(|| panic!("no target {name}"))
}

fn fuzz(name: &str) {
    let target = target(name);
    let plan = Plan {
        seed: 7,
        cases: CASES,
        jobs: 2,
        case_bound: BOUND,
        hang_limit: BOUND * 6,
    };
    let outcome = run(target.as_ref(), plan);
    let report: Vec<String> = outcome
        .failures
        .iter()
        .take(5)
        .map(|f| format!("case {}: {}\n  input: {:?}", f.case, f.problem, f.input))
        .collect();
    assert!(
        outcome.failures.is_empty(),
        "{} of {CASES} {name} cases failed:\n{}",
        outcome.failures.len(),
        report.join("\n")
    );
    for (file, input) in regression_inputs(name) {
        let case = Case::mutated(input, None);
        if let Some(problem) = check_case(target.as_ref(), &case, BOUND) {
            panic!("regression input {file}: {problem}");
        }
    }
}

#[test]
fn scenario_json() {
    fuzz("scenario-json");
}

#[test]
fn share_code() {
    fuzz("share-code");
}

#[test]
fn share_link() {
    fuzz("share-link");
}

#[test]
fn storage() {
    fuzz("storage");
}

#[test]
fn import() {
    fuzz("import");
}

#[test]
fn article() {
    fuzz("article");
}
