//! The capacity finder: the highest arrival rate at which the p99 of
//! successful requests stays under a target AND goodput is at least a
//! share of the offered load.
//!
//! Each seed bisects on its own: with a fixed seed the runs at nearby rates
//! share their random numbers, so "meets the target" is (close to) a step
//! function of the rate and bisection finds its edge. The seeds' answers are
//! independent replications of the capacity, so their mean has a Student-t
//! interval, the finder's confidence interval.

use serde::{Deserialize, Serialize};

use super::path::ParamPath;
use super::run::RunMetrics;
use super::spec::CapacitySpec;
use super::stats::Estimate;
use super::{check_budget, check_seeds, checked_point, replicate_seed, Batch, SweepError};
use crate::{Scenario, Simulation};

/// One seed's bisection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedCapacity {
    pub seed: u64,
    /// The midpoint of the final bracket; `None` when the answer is outside
    /// the range (see `below_range` / `above_range`).
    pub capacity_rps: Option<f64>,
    /// Even `from_rps` misses the targets.
    pub below_range: bool,
    /// Even `to_rps` meets the targets.
    pub above_range: bool,
    /// The last rate that met the targets and the first that did not.
    pub passed_rps: f64,
    pub failed_rps: f64,
    /// Runs this seed took.
    pub probes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityResult {
    pub scenario: String,
    pub spec: CapacitySpec,
    /// Mean and 95 % interval over the seeds whose answer was in range.
    pub capacity_rps: Estimate,
    pub per_seed: Vec<SeedCapacity>,
}

/// A checked capacity search.
#[derive(Debug, Clone)]
pub struct CapacityPlan {
    spec: CapacitySpec,
    base: Scenario,
    rate: ParamPath,
    seeds: Vec<u64>,
}

impl CapacityPlan {
    /// Checks the targets, the range (the scenario must be valid at both
    /// ends) and the worst-case work of every probe of every seed.
    pub fn new(base: &Scenario, spec: &CapacitySpec) -> Result<CapacityPlan, SweepError> {
        check_seeds(spec.seeds, "seeds")?;
        let finite_positive = |v: f64| v.is_finite() && v > 0.0;
        if !finite_positive(spec.p99_ms) {
            return Err(SweepError::new("p99_ms", "must be greater than 0"));
        }
        if !(spec.goodput_share.is_finite() && (0.0..=1.0).contains(&spec.goodput_share)) {
            return Err(SweepError::new("goodput_share", "must be between 0 and 1"));
        }
        if !finite_positive(spec.from_rps) {
            return Err(SweepError::new("from_rps", "must be greater than 0"));
        }
        if !(spec.to_rps.is_finite() && spec.to_rps > spec.from_rps) {
            return Err(SweepError::new("to_rps", "must be greater than from_rps"));
        }
        if !finite_positive(spec.tolerance_rps) {
            return Err(SweepError::new("tolerance_rps", "must be greater than 0"));
        }
        if base.load.users.is_some() {
            return Err(SweepError::new(
                "from_rps",
                "the scenario has closed-loop users; the finder varies load.rate_rps",
            ));
        }
        let rate = ParamPath::parse("load.rate_rps", "from_rps")?;
        checked_point(base, &rate, spec.from_rps, "from_rps")?;
        let (_, work_at_top) = checked_point(base, &rate, spec.to_rps, "to_rps")?;
        let plan = CapacityPlan {
            spec: spec.clone(),
            base: base.clone(),
            rate,
            seeds: (0..spec.seeds)
                .map(|r| replicate_seed(base.seed, r))
                .collect(),
        };
        let runs = plan.max_probes() as usize * plan.seeds.len();
        check_budget(runs, work_at_top * runs as f64, "seeds")?;
        Ok(plan)
    }

    /// Probes one seed needs at most: both ends, then halvings down to the
    /// tolerance.
    pub fn max_probes(&self) -> u32 {
        let mut width = self.spec.to_rps - self.spec.from_rps;
        let mut n = 2;
        while width > self.spec.tolerance_rps && n < 64 {
            width /= 2.0;
            n += 1;
        }
        n
    }

    /// Whether a run at `rate_rps` with `seed` meets both targets.
    fn meets(&self, rate_rps: f64, seed: u64) -> Result<bool, SweepError> {
        let mut scenario = self.rate.apply(&self.base, rate_rps, "from_rps")?;
        scenario.seed = seed;
        let mut sim = Simulation::new(&scenario)
            .map_err(|e| SweepError::new("from_rps", format!("at {rate_rps} rps: {e}")))?;
        sim.run_to_end();
        let m = RunMetrics::from_summary(&sim.summary());
        let share = if m.offered_rps > 0.0 {
            m.goodput_rps / m.offered_rps
        } else {
            0.0
        };
        Ok(m.stopped_early.is_none()
            && m.throughput_rps > 0.0
            && m.p99_ms < self.spec.p99_ms
            && share >= self.spec.goodput_share)
    }
}

impl Batch for CapacityPlan {
    type Run = Result<SeedCapacity, SweepError>;
    type Output = Result<CapacityResult, SweepError>;

    fn len(&self) -> usize {
        self.seeds.len()
    }

    /// One seed's whole bisection (its probes depend on each other).
    fn run(&self, job: usize) -> Self::Run {
        let seed = self.seeds[job];
        let (mut lo, mut hi) = (self.spec.from_rps, self.spec.to_rps);
        let mut out = SeedCapacity {
            seed,
            capacity_rps: None,
            below_range: false,
            above_range: false,
            passed_rps: lo,
            failed_rps: hi,
            probes: 2,
        };
        if !self.meets(lo, seed)? {
            out.below_range = true;
            return Ok(out);
        }
        if self.meets(hi, seed)? {
            out.above_range = true;
            return Ok(out);
        }
        while hi - lo > self.spec.tolerance_rps && out.probes < self.max_probes() {
            let mid = lo + (hi - lo) / 2.0;
            if self.meets(mid, seed)? {
                lo = mid;
            } else {
                hi = mid;
            }
            out.probes += 1;
        }
        out.passed_rps = lo;
        out.failed_rps = hi;
        out.capacity_rps = Some(lo + (hi - lo) / 2.0);
        Ok(out)
    }

    fn finish(&self, runs: Vec<Self::Run>) -> Self::Output {
        let per_seed: Vec<SeedCapacity> = runs.into_iter().collect::<Result<_, _>>()?;
        Ok(CapacityResult {
            scenario: self.base.name.clone(),
            spec: self.spec.clone(),
            capacity_rps: Estimate::of(per_seed.iter().filter_map(|s| s.capacity_rps)),
            per_seed,
        })
    }
}
