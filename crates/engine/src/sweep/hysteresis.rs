//! Hysteresis: the arrival rate steps up through a list of loads and back
//! down through the same loads inside ONE simulated timeline, so whatever
//! state the system reached on the way up (a full queue, a retry storm)
//! carries into the way down. A metastable system shows two curves: goodput
//! collapses above some load and does not come back until the load falls
//! well below it.
//!
//! Each step is held `hold_s`; the first `settle_s` let the system settle
//! and the rest is the measurement window. The run's time-series buckets
//! are made exactly one window wide (and the settling time a whole number of
//! buckets), so each window is one bucket and its p50/p99 are the engine's
//! own exact percentiles for that window, not an average of percentiles.

use serde::{Deserialize, Serialize};

use super::run::{PointStats, RunMetrics};
use super::spec::HysteresisSpec;
use super::{check_budget, check_seeds, replicate_seed, Batch, SweepError};
use crate::validate::limits as run_limits;
use crate::{validate, Profile, RateStep, Scenario, Simulation};

/// The two curves, each with one point per load (lowest load first in both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HysteresisResult {
    pub scenario: String,
    pub spec: HysteresisSpec,
    pub seeds: Vec<u64>,
    pub up: Vec<PointStats>,
    pub down: Vec<PointStats>,
}

/// A checked hysteresis study: the stepped scenario, validated.
#[derive(Debug, Clone)]
pub struct HysteresisPlan {
    spec: HysteresisSpec,
    scenario: Scenario,
    services: Vec<String>,
    loads: Vec<f64>,
    /// Buckets per step: the settling buckets, then the measured one.
    buckets_per_step: usize,
    seeds: Vec<u64>,
}

impl HysteresisPlan {
    /// Builds the up-and-down timeline from `base` (open-loop load; its
    /// profile, duration and warm-up are replaced). Errors name the field.
    pub fn new(base: &Scenario, spec: &HysteresisSpec) -> Result<HysteresisPlan, SweepError> {
        check_seeds(spec.seeds, "seeds")?;
        if spec.load.path != "load.rate_rps" {
            return Err(SweepError::new(
                "load.path",
                format!(
                    "a hysteresis sweep steps the arrival rate: use load.rate_rps, not {}",
                    spec.load.path
                ),
            ));
        }
        let loads = spec.load.resolve("load")?;
        for (i, pair) in loads.windows(2).enumerate() {
            if pair[1] <= pair[0] {
                return Err(SweepError::new(
                    &format!("load.values[{}]", i + 1),
                    "loads must rise (the sweep goes up through them, then back down)",
                ));
            }
        }
        if let Some(i) = loads.iter().position(|&v| v <= 0.0) {
            return Err(SweepError::new(
                &format!("load.values[{i}]"),
                "a load must be greater than 0",
            ));
        }
        if base.load.users.is_some() {
            return Err(SweepError::new(
                "load",
                "the scenario has closed-loop users; a hysteresis sweep needs an arrival rate",
            ));
        }
        let positive = |v: f64| v.is_finite() && v > 0.0;
        if !positive(spec.hold_s) {
            return Err(SweepError::new("hold_s", "must be greater than 0"));
        }
        if !(spec.settle_s.is_finite() && spec.settle_s >= 0.0 && spec.settle_s < spec.hold_s) {
            return Err(SweepError::new(
                "settle_s",
                "must be at least 0 and shorter than hold_s",
            ));
        }
        let window = spec.hold_s - spec.settle_s;
        let ratio = spec.settle_s / window;
        if (ratio - ratio.round()).abs() > 1e-9 {
            return Err(SweepError::new(
                "settle_s",
                format!(
                    "must be a whole multiple of the measurement window hold_s − settle_s = {window} s \
                     (each window is one time-series bucket)"
                ),
            ));
        }
        let buckets_per_step = ratio.round() as usize + 1;

        let steps: Vec<RateStep> = loads
            .iter()
            .chain(loads.iter().rev())
            .enumerate()
            .map(|(k, &rate_rps)| RateStep {
                at_s: k as f64 * spec.hold_s,
                rate_rps,
            })
            .collect();
        let mut scenario = base.clone();
        scenario.duration_s = steps.len() as f64 * spec.hold_s;
        scenario.warmup_s = 0.0;
        scenario.load.rate_rps = loads[0];
        scenario.load.profile = Profile::Steps { steps };
        scenario.metrics.bucket_s = window;
        if scenario.duration_s > run_limits::MAX_DURATION_S {
            return Err(SweepError::new(
                "hold_s",
                format!(
                    "{} steps of {} s make {} s, more than the {} s a run may last",
                    2 * loads.len(),
                    spec.hold_s,
                    scenario.duration_s,
                    run_limits::MAX_DURATION_S
                ),
            ));
        }
        validate(&scenario).map_err(|e| {
            SweepError::new("load", format!("the stepped scenario is invalid: {e}"))
        })?;
        let work = validate::worst_case_work(&scenario).unwrap_or(f64::INFINITY);
        check_budget(spec.seeds as usize, work * spec.seeds as f64, "seeds")?;
        Ok(HysteresisPlan {
            spec: spec.clone(),
            services: base.services.iter().map(|s| s.name.clone()).collect(),
            seeds: (0..spec.seeds)
                .map(|r| replicate_seed(base.seed, r))
                .collect(),
            scenario,
            loads,
            buckets_per_step,
        })
    }

    /// The stepped scenario every seed runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}

impl Batch for HysteresisPlan {
    /// One window per step, up then down.
    type Run = Result<Vec<RunMetrics>, SweepError>;
    type Output = Result<HysteresisResult, SweepError>;

    fn len(&self) -> usize {
        self.seeds.len()
    }

    fn run(&self, job: usize) -> Self::Run {
        let mut scenario = self.scenario.clone();
        scenario.seed = self.seeds[job];
        let mut sim = Simulation::new(&scenario)
            .map_err(|e| SweepError::new("load", format!("the stepped scenario: {e}")))?;
        sim.run_to_end();
        if let Some(reason) = sim.stopped_early() {
            return Err(SweepError::new(
                "load",
                format!("seed {}: the run stopped early: {reason}", scenario.seed),
            ));
        }
        let buckets = sim.buckets();
        (0..2 * self.loads.len())
            .map(|step| {
                let index = (step + 1) * self.buckets_per_step - 1;
                buckets
                    .get(index)
                    .map(|b| RunMetrics::from_bucket(scenario.seed, b))
                    .ok_or_else(|| {
                        SweepError::new(
                            "hold_s",
                            format!("the run has no measurement window for step {step}"),
                        )
                    })
            })
            .collect()
    }

    fn finish(&self, runs: Vec<Self::Run>) -> Self::Output {
        let runs: Vec<Vec<RunMetrics>> = runs.into_iter().collect::<Result<_, _>>()?;
        let n = self.loads.len();
        let point = |step: usize, load: f64| {
            let at: Vec<&RunMetrics> = runs.iter().filter_map(|r| r.get(step)).collect();
            PointStats::of(vec![load], &at, &self.services)
        };
        let up = (0..n).map(|i| point(i, self.loads[i])).collect();
        // The way down runs steps n..2n from the highest load; list it lowest first.
        let down = (0..n)
            .map(|i| point(2 * n - 1 - i, self.loads[i]))
            .collect();
        Ok(HysteresisResult {
            scenario: self.scenario.name.clone(),
            spec: self.spec.clone(),
            seeds: self.seeds.clone(),
            up,
            down,
        })
    }
}
