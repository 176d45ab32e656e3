//! Time series read from a run's buckets, one chart's worth at a time: what
//! the simulator page plots, tabulates and compares.
//!
//! A chart is a [`Metric`] seen from a [`Scope`] (end to end, or one
//! service). Values are per bucket; rates are per simulated second. A value
//! that does not exist for a bucket (a latency when nothing succeeded, an
//! error share when nothing finished) is `NaN`, which charts draw as a gap
//! and tables as a dash: a made-up zero would read as "fast" or "healthy".

use super::metrics::Cause;
use super::report::{Bucket, ServiceBucket};
use super::scenario::{CallMode, Scenario};
use super::sim::Simulation;
use super::units::Unit;

/// The names a run's buckets refer to by index: services in scenario order,
/// and edges as the engine numbers them (edge 0 is the client's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunShape {
    pub services: Vec<String>,
    pub edges: Vec<(String, String, CallMode)>,
}

impl RunShape {
    pub fn of(sim: &Simulation) -> RunShape {
        RunShape {
            services: sim.service_names(),
            edges: sim.edge_ends(),
        }
    }

    /// The same shape without running anything (edge order as the engine's:
    /// the client's edge, then each service's calls in scenario order).
    pub fn of_scenario(scenario: &Scenario) -> RunShape {
        let mut edges = vec![("client".to_string(), scenario.entry.clone(), CallMode::Sync)];
        for service in &scenario.services {
            for call in &service.calls {
                edges.push((service.name.clone(), call.to.clone(), call.mode));
            }
        }
        RunShape {
            services: scenario.services.iter().map(|s| s.name.clone()).collect(),
            edges,
        }
    }

    /// Indexes of the edges that go through a broker queue.
    pub fn async_edges(&self) -> impl Iterator<Item = usize> + '_ {
        self.edges
            .iter()
            .enumerate()
            .filter(|(_, (_, _, mode))| *mode == CallMode::Async)
            .map(|(i, _)| i)
    }

    /// "from → to", for labels.
    pub fn edge_label(&self, edge: usize) -> String {
        self.edges
            .get(edge)
            .map_or_else(String::new, |(from, to, _)| format!("{from} → {to}"))
    }
}

/// Whose numbers a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The client's view: requests from arrival to final answer.
    EndToEnd,
    /// One service, by index.
    Service(usize),
}

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Throughput,
    Errors,
    Latency,
    Utilization,
    Queue,
    Retries,
}

impl Metric {
    pub const ALL: [Metric; 6] = [
        Metric::Throughput,
        Metric::Errors,
        Metric::Latency,
        Metric::Utilization,
        Metric::Queue,
        Metric::Retries,
    ];

    /// A stable name (used in embeds' `data-charts` and element ids).
    pub fn id(self) -> &'static str {
        match self {
            Metric::Throughput => "throughput",
            Metric::Errors => "errors",
            Metric::Latency => "latency",
            Metric::Utilization => "utilization",
            Metric::Queue => "queue",
            Metric::Retries => "retries",
        }
    }

    /// Reads a chart name, with the spellings an article author might use.
    pub fn from_id(id: &str) -> Option<Metric> {
        match id.trim() {
            "throughput" | "goodput" => Some(Metric::Throughput),
            "errors" | "error-rate" => Some(Metric::Errors),
            "latency" => Some(Metric::Latency),
            "utilization" | "utilisation" | "workers" => Some(Metric::Utilization),
            "queue" | "queues" | "queue-depth" => Some(Metric::Queue),
            "retries" => Some(Metric::Retries),
            _ => None,
        }
    }

    /// A comma-separated list of chart names (an embed's `data-charts`):
    /// known names in order, each once, at most `max`; unknown ones skipped.
    pub fn parse_list(list: &str, max: usize) -> Vec<Metric> {
        let mut out = Vec::new();
        for metric in list.split(',').filter_map(Metric::from_id) {
            if !out.contains(&metric) && out.len() < max {
                out.push(metric);
            }
        }
        out
    }

    pub fn title(self, scope: Scope) -> &'static str {
        match (self, scope) {
            (Metric::Throughput, Scope::EndToEnd) => "Throughput and goodput",
            (Metric::Throughput, Scope::Service(_)) => "Throughput",
            (Metric::Errors, _) => "Error rate by cause",
            (Metric::Latency, Scope::EndToEnd) => "End-to-end latency",
            (Metric::Latency, Scope::Service(_)) => "Response time",
            (Metric::Utilization, Scope::EndToEnd) => "Worker utilisation by service",
            (Metric::Utilization, Scope::Service(_)) => "Worker utilisation",
            (Metric::Queue, Scope::EndToEnd) => "Queue depth",
            (Metric::Queue, Scope::Service(_)) => "Queue depth",
            (Metric::Retries, _) => "Retries and timeouts",
        }
    }
}

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Stable within a metric (styles and colours key on it).
    pub key: String,
    pub label: String,
    /// One value per bucket; `NaN` where there is none.
    pub values: Vec<f64>,
}

/// Everything one chart needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub metric: Metric,
    pub title: String,
    pub unit: Unit,
    /// The end of each bucket, in simulated seconds.
    pub times: Vec<f64>,
    pub series: Vec<Series>,
}

impl ChartData {
    /// The largest finite value of any series (0 when there is none).
    pub fn max_value(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    }
}

/// The series of one chart from a run's buckets so far. A service index
/// outside the shape gives a chart with no series.
pub fn chart(metric: Metric, scope: Scope, shape: &RunShape, buckets: &[Bucket]) -> ChartData {
    let title = match scope {
        Scope::EndToEnd => metric.title(scope).to_string(),
        Scope::Service(i) => format!(
            "{}: {}",
            shape.services.get(i).map_or("?", String::as_str),
            metric.title(scope)
        ),
    };
    let (unit, series) = match scope {
        Scope::EndToEnd => end_to_end(metric, shape, buckets),
        Scope::Service(i) if i < shape.services.len() => service(metric, shape, i, buckets),
        Scope::Service(_) => (unit_of(metric), Vec::new()),
    };
    ChartData {
        metric,
        title,
        unit,
        times: buckets.iter().map(|b| b.t_s).collect(),
        series,
    }
}

fn unit_of(metric: Metric) -> Unit {
    match metric {
        Metric::Throughput | Metric::Retries => Unit::PerSecond,
        Metric::Errors | Metric::Utilization => Unit::Percent,
        Metric::Latency => Unit::Milliseconds,
        Metric::Queue => Unit::Requests,
    }
}

fn series(key: &str, label: &str, buckets: &[Bucket], value: impl Fn(&Bucket) -> f64) -> Series {
    Series {
        key: key.to_string(),
        label: label.to_string(),
        values: buckets.iter().map(value).collect(),
    }
}

/// Count per simulated second in a bucket.
fn rate(count: u64, bucket: &Bucket) -> f64 {
    if bucket.width_s > 0.0 {
        count as f64 / bucket.width_s
    } else {
        f64::NAN
    }
}

/// A share in percent; `NaN` when there is nothing to share.
fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        f64::NAN
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// A latency that only exists when something succeeded in the bucket.
fn latency(value: f64, succeeded: u64) -> f64 {
    if succeeded == 0 {
        f64::NAN
    } else {
        value
    }
}

/// The error lines: all causes together, then each cause that ever
/// happened in these buckets (absent causes would only add flat lines).
fn error_series(
    buckets: &[Bucket],
    counts: impl Fn(&Bucket) -> (u64, super::metrics::Causes),
) -> Vec<Series> {
    let finished = |b: &Bucket| {
        let (succeeded, failed) = counts(b);
        succeeded + failed.total()
    };
    let mut out = vec![series("all", "all causes", buckets, |b| {
        percent(counts(b).1.total(), finished(b))
    })];
    for cause in Cause::ALL {
        if buckets.iter().any(|b| counts(b).1.get(cause) > 0) {
            out.push(series(cause_key(cause), cause.label(), buckets, |b| {
                percent(counts(b).1.get(cause), finished(b))
            }));
        }
    }
    out
}

/// A key without spaces for a failure cause.
pub fn cause_key(cause: Cause) -> &'static str {
    match cause {
        Cause::Timeout => "timeout",
        Cause::Rejected => "rejected",
        Cause::Shed => "shed",
        Cause::CircuitOpen => "circuit_open",
        Cause::BulkheadFull => "bulkhead_full",
        Cause::Error => "error",
        Cause::Downstream => "downstream",
    }
}

fn end_to_end(metric: Metric, shape: &RunShape, buckets: &[Bucket]) -> (Unit, Vec<Series>) {
    let unit = unit_of(metric);
    let lines = match metric {
        Metric::Throughput => vec![
            series("offered", "offered", buckets, |b| {
                rate(b.client.arrivals, b)
            }),
            series("throughput", "throughput (succeeded)", buckets, |b| {
                rate(b.client.succeeded, b)
            }),
            series("goodput", "goodput (in time)", buckets, |b| {
                rate(b.client.good, b)
            }),
        ],
        Metric::Errors => error_series(buckets, |b| (b.client.succeeded, b.client.failed)),
        Metric::Latency => vec![
            series("p50", "p50", buckets, |b| {
                latency(b.client.p50_ms, b.client.succeeded)
            }),
            series("p95", "p95", buckets, |b| {
                latency(b.client.p95_ms, b.client.succeeded)
            }),
            series("p99", "p99", buckets, |b| {
                latency(b.client.p99_ms, b.client.succeeded)
            }),
        ],
        Metric::Utilization => per_service(shape, buckets, |s| s.utilization * 100.0),
        Metric::Queue => {
            let mut lines = per_service(shape, buckets, |s| s.queue);
            lines.extend(broker_series(shape, buckets, shape.async_edges()));
            lines
        }
        Metric::Retries => vec![
            series("client_retries", "client retries", buckets, |b| {
                rate(b.client.retries, b)
            }),
            series(
                "service_retries",
                "retries between services",
                buckets,
                |b| rate(b.services.iter().map(|s| s.retries).sum(), b),
            ),
            series("timeouts", "call timeouts", buckets, |b| {
                rate(b.edges.iter().map(|e| e.timeouts).sum(), b)
            }),
        ],
    };
    (unit, lines)
}

fn per_service(
    shape: &RunShape,
    buckets: &[Bucket],
    value: impl Fn(&ServiceBucket) -> f64,
) -> Vec<Series> {
    shape
        .services
        .iter()
        .enumerate()
        .map(|(i, name)| {
            series(&format!("service:{name}"), name, buckets, |b| {
                b.services.get(i).map_or(f64::NAN, &value)
            })
        })
        .collect()
}

/// Mean broker queue depth of the given async edges.
fn broker_series(
    shape: &RunShape,
    buckets: &[Bucket],
    edges: impl Iterator<Item = usize>,
) -> Vec<Series> {
    edges
        .map(|e| {
            series(
                &format!("broker:{e}"),
                &format!("broker {}", shape.edge_label(e)),
                buckets,
                |b| b.edges.get(e).map_or(f64::NAN, |edge| edge.queue_depth),
            )
        })
        .collect()
}

fn service(metric: Metric, shape: &RunShape, i: usize, buckets: &[Bucket]) -> (Unit, Vec<Series>) {
    let unit = unit_of(metric);
    let name = &shape.services[i];
    let pick = |value: fn(&ServiceBucket, &Bucket) -> f64| {
        move |b: &Bucket| b.services.get(i).map_or(f64::NAN, |s| value(s, b))
    };
    // Calls this service makes (edges whose caller it is).
    let outgoing = || {
        shape
            .edges
            .iter()
            .enumerate()
            .filter(move |(_, (from, _, _))| from == name)
            .map(|(e, _)| e)
    };
    let lines = match metric {
        Metric::Throughput => vec![
            series(
                "arrivals",
                "arrivals (attempts)",
                buckets,
                pick(|s, b| rate(s.arrivals, b)),
            ),
            series(
                "succeeded",
                "succeeded",
                buckets,
                pick(|s, b| rate(s.succeeded, b)),
            ),
        ],
        Metric::Errors => error_series(buckets, |b| {
            b.services
                .get(i)
                .map_or((0, Default::default()), |s| (s.succeeded, s.failed))
        }),
        Metric::Latency => vec![
            series(
                "p50",
                "p50",
                buckets,
                pick(|s, _| latency(s.p50_ms, s.succeeded)),
            ),
            series(
                "p95",
                "p95",
                buckets,
                pick(|s, _| latency(s.p95_ms, s.succeeded)),
            ),
            series(
                "p99",
                "p99",
                buckets,
                pick(|s, _| latency(s.p99_ms, s.succeeded)),
            ),
        ],
        Metric::Utilization => vec![series(
            &format!("service:{name}"),
            name,
            buckets,
            pick(|s, _| s.utilization * 100.0),
        )],
        Metric::Queue => {
            let mut lines = vec![
                series(
                    "queue_mean",
                    "waiting (mean)",
                    buckets,
                    pick(|s, _| s.queue),
                ),
                series(
                    "queue_max",
                    "waiting (highest)",
                    buckets,
                    pick(|s, _| s.max_queue as f64),
                ),
            ];
            let async_out: Vec<usize> = outgoing()
                .filter(|&e| shape.edges[e].2 == CallMode::Async)
                .collect();
            lines.extend(broker_series(shape, buckets, async_out.into_iter()));
            lines
        }
        Metric::Retries => {
            let out: Vec<usize> = outgoing().collect();
            let out2 = out.clone();
            vec![
                series(
                    "retries_sent",
                    "retries sent",
                    buckets,
                    pick(|s, b| rate(s.retries, b)),
                ),
                series("call_timeouts", "its calls timing out", buckets, move |b| {
                    rate(
                        out.iter()
                            .filter_map(|&e| b.edges.get(e))
                            .map(|e| e.timeouts)
                            .sum(),
                        b,
                    )
                }),
                series(
                    "refused",
                    "calls refused (breaker, bulkhead)",
                    buckets,
                    move |b| {
                        rate(
                            out2.iter()
                                .filter_map(|&e| b.edges.get(e))
                                .map(|e| e.circuit_open + e.bulkhead_full)
                                .sum(),
                            b,
                        )
                    },
                ),
                series(
                    "timed_out",
                    "callers gave up on it",
                    buckets,
                    pick(|s, b| rate(s.timed_out, b)),
                ),
            ]
        }
    };
    (unit, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = r#"{ "name": "chain", "seed": 3, "duration_s": 20,
        "load": { "rate_rps": 100 }, "entry": "a",
        "services": [
          { "name": "a", "workers": 4, "queue_capacity": 20,
            "service_time": { "dist": "exponential", "mean_ms": 5 },
            "calls": [ { "to": "b", "mode": "sync", "timeout_ms": 50,
                         "retry": { "max_attempts": 2 } },
                       { "to": "c", "mode": "async" } ] },
          { "name": "b", "workers": 2, "queue_capacity": 5,
            "service_time": { "dist": "exponential", "mean_ms": 30 } },
          { "name": "c", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 5 } } ] }"#;

    fn run() -> (RunShape, Vec<Bucket>) {
        let scenario = Scenario::from_json_str(CHAIN).expect("valid");
        let mut sim = Simulation::new(&scenario).expect("valid");
        sim.run_to_end();
        (RunShape::of(&sim), sim.buckets().to_vec())
    }

    #[test]
    fn shape_from_the_scenario_matches_the_engine() {
        let scenario = Scenario::from_json_str(CHAIN).expect("valid");
        let sim = Simulation::new(&scenario).expect("valid");
        assert_eq!(RunShape::of_scenario(&scenario), RunShape::of(&sim));
        assert_eq!(
            RunShape::of(&sim).async_edges().collect::<Vec<_>>(),
            vec![2]
        );
    }

    #[test]
    fn every_chart_has_one_value_per_bucket() {
        let (shape, buckets) = run();
        assert_eq!(buckets.len(), 20);
        for metric in Metric::ALL {
            for scope in [
                Scope::EndToEnd,
                Scope::Service(0),
                Scope::Service(1),
                Scope::Service(2),
            ] {
                let data = chart(metric, scope, &shape, &buckets);
                assert_eq!(data.times.len(), buckets.len());
                assert!(!data.series.is_empty(), "{metric:?} {scope:?}");
                for s in &data.series {
                    assert_eq!(s.values.len(), buckets.len(), "{}", s.key);
                    assert!(
                        s.values.iter().all(|v| v.is_nan() || *v >= 0.0),
                        "{}",
                        s.key
                    );
                }
                assert_eq!(Metric::from_id(metric.id()), Some(metric));
            }
        }
    }

    #[test]
    fn chart_lists_keep_known_names_once() {
        assert_eq!(
            Metric::parse_list("latency, errors,latency,bogus,queue", 2),
            vec![Metric::Latency, Metric::Errors]
        );
        assert_eq!(
            Metric::parse_list("utilisation", 2),
            vec![Metric::Utilization]
        );
        assert!(Metric::parse_list("", 2).is_empty());
    }

    #[test]
    fn throughput_matches_the_bucket_counts() {
        let (shape, buckets) = run();
        let data = chart(Metric::Throughput, Scope::EndToEnd, &shape, &buckets);
        let offered: f64 = data.series[0].values.iter().sum();
        let arrivals: u64 = buckets.iter().map(|b| b.client.arrivals).sum();
        assert!(
            (offered - arrivals as f64).abs() < 1e-6,
            "one-second buckets"
        );
        // Roughly the configured 100 requests per second.
        assert!((offered / 20.0 - 100.0).abs() < 15.0, "{offered}");
    }

    #[test]
    fn error_shares_add_up_and_only_seen_causes_appear() {
        let (shape, buckets) = run();
        // b is overloaded (2 workers × 30 ms for 100 rps): its callers time out.
        let data = chart(Metric::Errors, Scope::EndToEnd, &shape, &buckets);
        assert_eq!(data.series[0].key, "all");
        assert!(data.series.len() > 1, "some cause must appear");
        for k in 0..buckets.len() {
            let total = data.series[0].values[k];
            let parts: f64 = data.series[1..].iter().map(|s| s.values[k]).sum();
            if total.is_nan() {
                assert!(parts.is_nan() || parts == 0.0);
            } else {
                assert!(
                    (total - parts).abs() < 1e-9,
                    "bucket {k}: {total} vs {parts}"
                );
                assert!((0.0..=100.0).contains(&total));
            }
        }
        for s in &data.series[1..] {
            assert!(
                s.values.iter().any(|v| *v > 0.0),
                "{} never happened",
                s.key
            );
        }
    }

    #[test]
    fn latency_is_missing_not_zero_when_nothing_succeeded() {
        let (shape, mut buckets) = run();
        buckets[3].client.succeeded = 0;
        let data = chart(Metric::Latency, Scope::EndToEnd, &shape, &buckets);
        assert!(data.series.iter().all(|s| s.values[3].is_nan()));
        assert!(data.series.iter().all(|s| s.values[4].is_finite()));
    }

    #[test]
    fn queues_include_brokers_and_utilisation_is_a_percentage() {
        let (shape, buckets) = run();
        let queue = chart(Metric::Queue, Scope::EndToEnd, &shape, &buckets);
        assert!(queue.series.iter().any(|s| s.label == "broker a → c"));
        let own = chart(Metric::Queue, Scope::Service(0), &shape, &buckets);
        assert!(own.series.iter().any(|s| s.key == "broker:2"));
        let util = chart(Metric::Utilization, Scope::Service(1), &shape, &buckets);
        assert_eq!(util.unit, Unit::Percent);
        assert!(util.max_value() > 50.0 && util.max_value() <= 100.0);
        assert!(chart(Metric::Queue, Scope::Service(9), &shape, &buckets)
            .series
            .is_empty());
    }
}
