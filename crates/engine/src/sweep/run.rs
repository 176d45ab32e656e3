//! One run's metrics, their reduction over seeds into a point, and the grid
//! sweep: points × seeds independent runs.

use serde::{Deserialize, Serialize};

use super::path::ParamPath;
use super::spec::SweepSpec;
use super::stats::Estimate;
use super::{check_budget, check_seeds, checked_point, replicate_seed, Batch, SweepError};
use crate::metrics::{Cause, Causes};
use crate::report::{Bucket, Summary};
use crate::{Scenario, Simulation};

/// One value per failure cause (the causes of [`Cause`], by their JSON names).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PerCause<T> {
    pub timeout: T,
    pub rejected: T,
    pub shed: T,
    pub circuit_open: T,
    pub bulkhead_full: T,
    pub error: T,
    pub downstream: T,
}

impl<T> PerCause<T> {
    pub fn from_fn(mut f: impl FnMut(Cause) -> T) -> PerCause<T> {
        PerCause {
            timeout: f(Cause::Timeout),
            rejected: f(Cause::Rejected),
            shed: f(Cause::Shed),
            circuit_open: f(Cause::CircuitOpen),
            bulkhead_full: f(Cause::BulkheadFull),
            error: f(Cause::Error),
            downstream: f(Cause::Downstream),
        }
    }

    pub fn get(&self, cause: Cause) -> &T {
        match cause {
            Cause::Timeout => &self.timeout,
            Cause::Rejected => &self.rejected,
            Cause::Shed => &self.shed,
            Cause::CircuitOpen => &self.circuit_open,
            Cause::BulkheadFull => &self.bulkhead_full,
            Cause::Error => &self.error,
            Cause::Downstream => &self.downstream,
        }
    }
}

/// What one run (or one measurement window of a run) says about the client
/// side and the busiest service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunMetrics {
    pub seed: u64,
    /// Client requests that arrived, per second.
    pub offered_rps: f64,
    pub goodput_rps: f64,
    pub throughput_rps: f64,
    /// Failed requests over finished ones (succeeded + failed).
    pub failure_share: f64,
    pub failure_share_by_cause: PerCause<f64>,
    /// End-to-end latency of successful requests: mean, median, p99 (NaN,
    /// `null` in JSON, when none succeeded).
    #[serde(deserialize_with = "super::stats::null_as_nan")]
    pub mean_ms: f64,
    #[serde(deserialize_with = "super::stats::null_as_nan")]
    pub p50_ms: f64,
    #[serde(deserialize_with = "super::stats::null_as_nan")]
    pub p99_ms: f64,
    /// Utilisation of each service, in scenario order.
    pub utilization: Vec<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_early: Option<String>,
}

/// `failed / (succeeded + failed)`, overall and by cause (0 when nothing finished).
fn failure_shares(succeeded: u64, failed: &Causes) -> (f64, PerCause<f64>) {
    let finished = (succeeded + failed.total()) as f64;
    let share = |n: u64| {
        if finished > 0.0 {
            n as f64 / finished
        } else {
            0.0
        }
    };
    (
        share(failed.total()),
        PerCause::from_fn(|c| share(failed.get(c))),
    )
}

/// A latency figure, or NaN (left out of the point's estimate) when no
/// request succeeded: the engine reports 0 then, which is no latency.
fn if_any(succeeded: u64, ms: f64) -> f64 {
    if succeeded > 0 {
        ms
    } else {
        f64::NAN
    }
}

impl RunMetrics {
    /// From a run's summary (the measured period after the warm-up).
    pub fn from_summary(s: &Summary) -> RunMetrics {
        let r = &s.requests;
        let per_s = |n: u64| {
            if s.measured_s > 0.0 {
                n as f64 / s.measured_s
            } else {
                0.0
            }
        };
        let (failure_share, failure_share_by_cause) =
            failure_shares(r.succeeded, &r.failed_by_cause);
        RunMetrics {
            seed: s.seed,
            offered_rps: per_s(r.offered),
            goodput_rps: s.goodput_rps,
            throughput_rps: s.throughput_rps,
            failure_share,
            failure_share_by_cause,
            mean_ms: if_any(r.succeeded, s.latency_ms.mean),
            p50_ms: if_any(r.succeeded, s.latency_ms.p50),
            p99_ms: if_any(r.succeeded, s.latency_ms.p99),
            utilization: s.services.iter().map(|x| x.utilization).collect(),
            stopped_early: s.stopped_early.clone(),
        }
    }

    /// From one time-series bucket: a measurement window whose latency
    /// percentiles the engine computed exactly (buckets cannot be merged
    /// into one percentile, so a window is one bucket).
    pub fn from_bucket(seed: u64, b: &Bucket) -> RunMetrics {
        let c = &b.client;
        let per_s = |n: u64| n as f64 / b.width_s;
        let (failure_share, failure_share_by_cause) = failure_shares(c.succeeded, &c.failed);
        RunMetrics {
            seed,
            offered_rps: per_s(c.arrivals),
            goodput_rps: per_s(c.good),
            throughput_rps: per_s(c.succeeded),
            failure_share,
            failure_share_by_cause,
            // Buckets keep percentiles only; a window's mean is not available.
            mean_ms: f64::NAN,
            p50_ms: if_any(c.succeeded, c.p50_ms),
            p99_ms: if_any(c.succeeded, c.p99_ms),
            utilization: b.services.iter().map(|s| s.utilization).collect(),
            stopped_early: None,
        }
    }

    fn busiest(&self) -> f64 {
        self.utilization.iter().copied().fold(0.0, f64::max)
    }
}

/// A point of a curve: the parameter values and each metric's mean and
/// 95 % interval across its seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointStats {
    /// The value of each swept parameter, in spec order.
    pub values: Vec<f64>,
    pub offered_rps: Estimate,
    pub goodput_rps: Estimate,
    pub throughput_rps: Estimate,
    pub failure_share: Estimate,
    pub failure_share_by_cause: PerCause<Estimate>,
    /// Mean latency (NaN, `null` in JSON, for hysteresis windows: buckets
    /// keep only percentiles).
    pub mean_ms: Estimate,
    pub p50_ms: Estimate,
    pub p99_ms: Estimate,
    /// The highest utilisation of any service in each run.
    pub busiest_utilization: Estimate,
    /// The service with the highest mean utilisation at this point.
    pub busiest_service: String,
    /// Runs that hit the engine's event backstop and stopped before the end.
    pub stopped_early: u32,
}

impl PointStats {
    /// Reduces the runs of one point; `names` are the services' names.
    pub fn of(values: Vec<f64>, runs: &[&RunMetrics], names: &[String]) -> PointStats {
        let est = |f: &dyn Fn(&RunMetrics) -> f64| Estimate::of(runs.iter().map(|r| f(r)));
        let mean_util = |i: usize| {
            runs.iter()
                .map(|r| r.utilization.get(i).copied().unwrap_or(0.0))
                .sum::<f64>()
        };
        let busiest = (0..names.len())
            .max_by(|&a, &b| mean_util(a).total_cmp(&mean_util(b)).then(b.cmp(&a)))
            .and_then(|i| names.get(i).cloned())
            .unwrap_or_default();
        PointStats {
            values,
            offered_rps: est(&|r| r.offered_rps),
            goodput_rps: est(&|r| r.goodput_rps),
            throughput_rps: est(&|r| r.throughput_rps),
            failure_share: est(&|r| r.failure_share),
            failure_share_by_cause: PerCause::from_fn(|c| {
                est(&|r| *r.failure_share_by_cause.get(c))
            }),
            mean_ms: est(&|r| r.mean_ms),
            p50_ms: est(&|r| r.p50_ms),
            p99_ms: est(&|r| r.p99_ms),
            busiest_utilization: est(&|r| r.busiest()),
            busiest_service: busiest,
            stopped_early: runs.iter().filter(|r| r.stopped_early.is_some()).count() as u32,
        }
    }
}

/// The result of a grid sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepResult {
    /// The base scenario's name.
    pub scenario: String,
    pub spec: SweepSpec,
    /// The seed of each replicate (the same at every point).
    pub seeds: Vec<u64>,
    /// Points in order: `param2` varies fastest.
    pub points: Vec<PointStats>,
}

/// A checked grid sweep, ready to run: every point's scenario validated.
#[derive(Debug, Clone)]
pub struct GridPlan {
    spec: SweepSpec,
    name: String,
    services: Vec<String>,
    points: Vec<(Vec<f64>, Scenario)>,
    seeds: Vec<u64>,
}

impl GridPlan {
    /// Checks the spec against `base`: paths, values, every point's scenario
    /// and the whole sweep's worst-case work. Errors name the spec field.
    pub fn new(base: &Scenario, spec: &SweepSpec) -> Result<GridPlan, SweepError> {
        check_seeds(spec.seeds, "seeds")?;
        let mut axes = vec![("param", &spec.param)];
        if let Some(p2) = &spec.param2 {
            axes.push(("param2", p2));
        }
        let mut resolved = Vec::new();
        for (field, axis) in &axes {
            if axis.path.trim() == "seed" {
                return Err(SweepError::new(
                    &format!("{field}.path"),
                    "the seed is not a parameter: each point runs `seeds` seeds derived from the scenario's",
                ));
            }
            let path = ParamPath::parse(&axis.path, &format!("{field}.path"))?;
            resolved.push((field, path, axis.resolve(field)?));
        }
        let total: usize = resolved.iter().map(|(_, _, v)| v.len()).product();
        check_budget(total * spec.seeds as usize, 0.0, "seeds")?;
        // Cartesian product, the last axis fastest.
        let mut points: Vec<(Vec<f64>, Scenario)> = vec![(Vec::new(), base.clone())];
        let mut work = 0.0;
        for (k, (field, path, values)) in resolved.iter().enumerate() {
            let last = k + 1 == resolved.len();
            let mut next = Vec::new();
            for (prefix, scenario) in &points {
                for (i, &v) in values.iter().enumerate() {
                    let f = format!("{field}.values[{i}]");
                    let (s, w) = checked_point(scenario, path, v, &f)?;
                    if last {
                        work += w * spec.seeds as f64;
                    }
                    let mut vs = prefix.clone();
                    vs.push(v);
                    next.push((vs, s));
                }
            }
            points = next;
        }
        check_budget(points.len() * spec.seeds as usize, work, "seeds")?;
        Ok(GridPlan {
            spec: spec.clone(),
            name: base.name.clone(),
            services: base.services.iter().map(|s| s.name.clone()).collect(),
            seeds: (0..spec.seeds)
                .map(|r| replicate_seed(base.seed, r))
                .collect(),
            points,
        })
    }

    pub fn points(&self) -> usize {
        self.points.len()
    }
}

impl Batch for GridPlan {
    type Run = Result<RunMetrics, SweepError>;
    type Output = Result<SweepResult, SweepError>;

    fn len(&self) -> usize {
        self.points.len() * self.seeds.len()
    }

    /// Job `point × seeds + replicate`.
    fn run(&self, job: usize) -> Self::Run {
        let n = self.seeds.len();
        let (values, base) = &self.points[job / n];
        let mut scenario = base.clone();
        scenario.seed = self.seeds[job % n];
        let mut sim = Simulation::new(&scenario).map_err(|e| {
            SweepError::new("param", format!("point {values:?} became invalid: {e}"))
        })?;
        sim.run_to_end();
        Ok(RunMetrics::from_summary(&sim.summary()))
    }

    fn finish(&self, runs: Vec<Self::Run>) -> Self::Output {
        let runs: Vec<RunMetrics> = runs.into_iter().collect::<Result<_, _>>()?;
        let n = self.seeds.len();
        let points = self
            .points
            .iter()
            .zip(runs.chunks(n))
            .map(|((values, _), chunk)| {
                let refs: Vec<&RunMetrics> = chunk.iter().collect();
                PointStats::of(values.clone(), &refs, &self.services)
            })
            .collect();
        Ok(SweepResult {
            scenario: self.name.clone(),
            spec: self.spec.clone(),
            seeds: self.seeds.clone(),
            points,
        })
    }
}
