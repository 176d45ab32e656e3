//! Generated valid topologies (sync and async calls, retries, breakers,
//! bulkheads, brokers, faults, replicas, load profiles) run through the
//! engine, with conservation, Little's law, finite metrics, slicing
//! invariance and bounded memory checked after every run (see
//! `faultline_fuzz::invariants`). `make fuzz` runs many more.

use faultline_fuzz::invariants::check_run;
use faultline_fuzz::topology;
use faultline_fuzz::Gen;

const RUNS: u64 = 200;

#[test]
fn generated_scenarios_keep_every_invariant() {
    let mut failures = Vec::new();
    for case in 0..RUNS {
        let mut g = Gen::for_case(11, case);
        let scenario = topology::scenario(&mut g);
        if let Err(problem) = check_run(&scenario, &mut g) {
            failures.push(format!(
                "case {case}: {problem}\n{}",
                scenario.to_json_pretty()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {RUNS} runs broke an invariant; the first:\n{}",
        failures.len(),
        failures[0]
    );
}
