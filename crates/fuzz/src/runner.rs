//! Runs a target over many seeded cases: every panic is caught and counted,
//! every case is timed against a bound, and a watchdog ends the process with
//! the offending input if one case hangs. Cases are spread over worker
//! threads; case `n` of seed `s` is the same input on every run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::gen::Gen;
use crate::target::{Case, Target};

/// Stack for worker threads: generous, so that a recursion bug shows up as a
/// failed depth check in the code under test rather than in the harness.
const WORKER_STACK: usize = 64 * 1024 * 1024;
/// How often the watchdog looks.
const WATCH_EVERY: Duration = Duration::from_millis(100);
/// Marks a worker as between cases.
const IDLE: u64 = u64::MAX;

/// How to run a target.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub seed: u64,
    pub cases: u64,
    pub jobs: usize,
    /// A case slower than this is a failure.
    pub case_bound: Duration,
    /// A case still running after this ends the process (a hang).
    pub hang_limit: Duration,
}

/// One failed case.
#[derive(Debug, Clone)]
pub struct Failure {
    pub case: u64,
    pub input: String,
    pub problem: String,
}

/// What a run found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub target: &'static str,
    pub cases: u64,
    pub failures: Vec<Failure>,
    pub elapsed: Duration,
    pub slowest: Duration,
}

/// Generates case `case` of `seed` for `target`.
pub fn case_of(target: &dyn Target, seed: u64, case: u64) -> Case {
    target.generate(&mut Gen::for_case(seed, case))
}

/// Checks one case, catching a panic, and reports a problem if any.
pub fn check_case(target: &dyn Target, case: &Case, bound: Duration) -> Option<String> {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| target.check(case)));
    let took = start.elapsed();
    match result {
        Ok(Ok(())) if took <= bound => None,
        Ok(Ok(())) => Some(format!("took {took:?}, over the bound of {bound:?}")),
        Ok(Err(problem)) => Some(problem),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with no message".to_string());
            Some(format!("panicked: {message}"))
        }
    }
}

/// Runs `plan.cases` cases of `target`.
pub fn run(target: &dyn Target, plan: Plan) -> Outcome {
    let jobs = plan.jobs.max(1);
    let start = Instant::now();
    // Per worker: the case it is on (IDLE between cases) and when it began,
    // in microseconds since `start`.
    let current: Vec<(AtomicU64, AtomicU64)> = (0..jobs)
        .map(|_| (AtomicU64::new(IDLE), AtomicU64::new(0)))
        .collect();
    let mut failures = Vec::new();
    let mut slowest = Duration::ZERO;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|worker| {
                let slot = &current[worker];
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        let mut failures = Vec::new();
                        let mut slowest = Duration::ZERO;
                        let mut n = worker as u64;
                        while n < plan.cases {
                            slot.1
                                .store(start.elapsed().as_micros() as u64, Ordering::Relaxed);
                            slot.0.store(n, Ordering::Relaxed);
                            let case_start = Instant::now();
                            let case = case_of(target, plan.seed, n);
                            if let Some(problem) = check_case(target, &case, plan.case_bound) {
                                failures.push(Failure {
                                    case: n,
                                    input: case.input,
                                    problem,
                                });
                            }
                            slowest = slowest.max(case_start.elapsed());
                            slot.0.store(IDLE, Ordering::Relaxed);
                            n += jobs as u64;
                        }
                        (failures, slowest)
                    })
            })
            .collect();
        let workers: Vec<_> = workers.into_iter().filter_map(Result::ok).collect();
        while !workers.iter().all(|w| w.is_finished()) {
            std::thread::sleep(WATCH_EVERY);
            for (case, began) in &current {
                let case = case.load(Ordering::Relaxed);
                let began = Duration::from_micros(began.load(Ordering::Relaxed));
                if case != IDLE && start.elapsed().saturating_sub(began) > plan.hang_limit {
                    let input = case_of(target, plan.seed, case).input;
                    eprintln!(
                        "HANG: {} case {case} (seed {}) ran longer than {:?}; input:\n{}",
                        target.name(),
                        plan.seed,
                        plan.hang_limit,
                        input
                    );
                    std::process::exit(3);
                }
            }
        }
        for worker in workers {
            match worker.join() {
                Ok((found, slow)) => {
                    failures.extend(found);
                    slowest = slowest.max(slow);
                }
                Err(_) => failures.push(Failure {
                    case: u64::MAX,
                    input: String::new(),
                    problem: "a worker thread died outside a case".to_string(),
                }),
            }
        }
    });
    failures.sort_by_key(|f| f.case);
    Outcome {
        target: target.name(),
        cases: plan.cases,
        failures,
        elapsed: start.elapsed(),
        slowest,
    }
}
