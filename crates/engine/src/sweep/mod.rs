//! Parameter sweeps: many runs of one scenario, one or two parameters
//! changed step by step, several seeds per point, reduced to means with 95 %
//! confidence intervals, so a reader sees the shape of a curve (where p99
//! leaves the target, where goodput collapses) rather than one point.
//!
//! Three kinds of study share the same building blocks:
//! - a **grid sweep** ([`SweepSpec`], [`GridPlan`]): one parameter by JSON
//!   path (optionally a second, for a grid), a value list or range, seeds;
//! - a **hysteresis** load sweep ([`HysteresisSpec`], [`HysteresisPlan`]):
//!   up and back down through the same loads inside one simulated timeline;
//! - a **capacity finder** ([`CapacitySpec`], [`CapacityPlan`]): the highest
//!   load meeting a p99 target and a goodput share, by bisection per seed.
//!
//! Everything is checked before anything runs (each point's scenario goes
//! through the validator, and the worst-case work of the whole study is
//! bounded). A plan splits its work into numbered, independent runs
//! ([`Batch`]); each run's seed comes from the scenario's seed and the run's
//! replicate number, never from the order runs are executed in, so a caller
//! may run them one by one ([`run_all`]), on a thread pool (the `sim`
//! command) or on Web Workers and get bit-identical results.

mod capacity;
mod csv;
mod figure;
mod hysteresis;
mod link;
mod metric;
mod params;
mod path;
mod run;
mod spec;
mod stats;
mod study;

use std::fmt;

pub use capacity::{CapacityPlan, CapacityResult, SeedCapacity};
pub use figure::FigureSpec;
pub use hysteresis::{HysteresisPlan, HysteresisResult};
pub use link::SweepLink;
pub use metric::SweepMetric;
pub use params::{axis_for, param_choices, ParamChoice};
pub use path::ParamPath;
pub use run::{GridPlan, PerCause, PointStats, RunMetrics, SweepResult};
pub use spec::{Axis, CapacitySpec, HysteresisSpec, Range, Scale, StudySpec, SweepSpec};
pub use stats::{t_975, Estimate};
pub use study::{Study, StudyResult};

/// Bounds on a study's size, whatever a user (or a link) asks for.
pub mod limits {
    /// Values along one axis.
    pub const MAX_VALUES: usize = 200;
    pub const MAX_SEEDS: u32 = 100;
    /// Runs in one study (points × seeds, or bisection probes × seeds).
    pub const MAX_RUNS: usize = 10_000;
    /// Worst-case service visits of the whole study: ten runs at the
    /// per-run limit (`validate::limits::MAX_WORK`).
    pub const MAX_WORK: f64 = 2.0e10;
}

/// A problem with a study, naming the field of its spec (`param.values[2]`,
/// `hysteresis.settle_s`) and the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SweepError {
    pub field: String,
    pub message: String,
}

impl SweepError {
    pub fn new(field: &str, message: impl Into<String>) -> SweepError {
        SweepError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for SweepError {}

/// A study split into independent runs numbered `0..len()`. `run` may be
/// called in any order and on any thread; `finish` takes the outputs in job
/// order and reduces them.
pub trait Batch: Sync {
    type Run: Send;
    type Output;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn run(&self, job: usize) -> Self::Run;
    fn finish(&self, runs: Vec<Self::Run>) -> Self::Output;
}

/// Runs every job of a batch in order on this thread.
pub fn run_all<B: Batch>(batch: &B) -> B::Output {
    batch.finish((0..batch.len()).map(|job| batch.run(job)).collect())
}

/// The seed of replicate `r`: SplitMix64 of the base seed and `r`. The same
/// replicate seeds serve every point of a sweep (common random numbers), so
/// neighbouring points differ by the parameter, not by luck.
pub fn replicate_seed(base: u64, r: u32) -> u64 {
    let mut z = base
        .wrapping_add((r as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Checks a seed count.
fn check_seeds(seeds: u32, field: &str) -> Result<(), SweepError> {
    if seeds == 0 || seeds > limits::MAX_SEEDS {
        return Err(SweepError::new(
            field,
            format!("must be between 1 and {}, got {seeds}", limits::MAX_SEEDS),
        ));
    }
    Ok(())
}

/// Checks a study's total size: runs and worst-case work.
fn check_budget(runs: usize, work: f64, field: &str) -> Result<(), SweepError> {
    if runs > limits::MAX_RUNS {
        return Err(SweepError::new(
            field,
            format!(
                "{runs} runs; at most {} (fewer values or seeds)",
                limits::MAX_RUNS
            ),
        ));
    }
    if work > limits::MAX_WORK {
        return Err(SweepError::new(
            field,
            format!(
                "the whole study could need {work:.2e} service visits (sum over its runs); \
                 the limit is {:.0e}: fewer values or seeds, or a shorter duration_s",
                limits::MAX_WORK
            ),
        ));
    }
    Ok(())
}

/// A point's scenario, validated, with errors naming the spec field that
/// produced it and the scenario field that is wrong.
fn checked_point(
    base: &crate::Scenario,
    path: &ParamPath,
    value: f64,
    field: &str,
) -> Result<(crate::Scenario, f64), SweepError> {
    let scenario = path.apply(base, value, field)?;
    crate::validate(&scenario).map_err(|e| {
        SweepError::new(
            field,
            format!("{} = {value} gives an invalid scenario: {e}", path.as_str()),
        )
    })?;
    let work = crate::validate::worst_case_work(&scenario).unwrap_or(f64::INFINITY);
    Ok((scenario, work))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicate_seeds_differ_and_depend_only_on_base_and_index() {
        let a: Vec<u64> = (0..50).map(|r| replicate_seed(42, r)).collect();
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 50);
        assert_eq!(replicate_seed(42, 7), a[7]);
        assert_ne!(replicate_seed(43, 7), a[7]);
    }
}
