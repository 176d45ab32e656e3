//! Observation: the warm-up reset, closing time-series buckets, the
//! summary of the measured period and the live view. Nothing here changes
//! what the simulation does.

use super::super::keys::{ReplicaId, ServiceId};
use super::super::metrics::{Level, ReplicaCounters};
use super::super::model::ServiceModel;
use super::super::policy::BreakerState;
use super::super::report::*;
use super::super::time::{ns_to_ms, ns_to_s, Nanos};
use super::state::Parent;
use super::Simulation;

impl Simulation {
    /// Handles [`super::Event::WarmupEnd`]: the summary's totals start
    /// now. Calls no other handler.
    pub(super) fn reset_totals(&mut self) {
        let now = self.now;
        self.measured_from = now;
        for rt in self.services.iter_mut() {
            rt.counts.reset_total();
            rt.busy.reset_total(now);
            rt.queue.reset_total(now);
            rt.in_system.reset_total(now);
            rt.latency.reset_total();
        }
        for rt in self.edges.iter_mut() {
            rt.counts.reset_total();
            rt.depth.reset_total(now);
            if let Some(b) = rt.breaker.as_mut() {
                b.opened = 0;
            }
        }
        self.client.in_flight.reset_total(now);
        for rep in self.replicas.iter_mut() {
            if let Some(m) = rep.metrics.as_mut() {
                m.reset_total(now);
            }
        }
    }

    /// Closes every bucket that ends at or before `time` (from the run loop,
    /// before the event at `time` is handled).
    pub(super) fn close_buckets_until(&mut self, time: Nanos) {
        while self.next_bucket_end <= time && self.next_bucket_end > self.bucket_start {
            let end = self.next_bucket_end;
            self.close_bucket(end);
        }
    }

    /// How many replicas of a service are up now.
    fn replicas_up(&self, svc: &ServiceModel) -> u32 {
        (0..svc.replicas)
            .filter(|&k| self.replicas[ReplicaId::new(svc.first_replica + k as usize)].is_up())
            .count() as u32
    }

    /// Per-replica figures of service `s` over the `measured` time up to
    /// `end`. A service with a single replica records nothing per replica:
    /// its one replica's figures are the service's.
    fn replica_summaries(&self, s: usize, end: Nanos, measured: Nanos) -> Vec<ReplicaSummary> {
        let svc = &self.m.services[s];
        let rt = &self.services[ServiceId::new(s)];
        let time = measured as f64;
        (0..svc.replicas)
            .map(|k| {
                let r = ReplicaId::new(svc.first_replica + k as usize);
                let (busy_area, c, p50, p99) = match self.replicas[r].metrics.as_deref() {
                    Some(m) => (
                        m.busy.total_area(end),
                        m.counts,
                        m.quantile_ms(0.5),
                        m.quantile_ms(0.99),
                    ),
                    None => {
                        let t = &rt.counts.total;
                        let c = ReplicaCounters {
                            admitted: t.admitted,
                            succeeded: t.succeeded,
                            failed: t.failed,
                            timed_out: t.timed_out,
                            response_ns: t.response_ns,
                        };
                        let p = |q| rt.latency.quantile_ms(q);
                        (rt.busy.total_area(end), c, p(0.5), p(0.99))
                    }
                };
                ReplicaSummary {
                    replica: k,
                    utilization: if time > 0.0 {
                        busy_area / time / svc.workers as f64
                    } else {
                        0.0
                    },
                    admitted: c.admitted,
                    succeeded: c.succeeded,
                    failed: c.failed,
                    timed_out: c.timed_out,
                    mean_response_ms: mean_ms(c.response_ns, c.succeeded),
                    p50_response_ms: p50,
                    p99_response_ms: p99,
                }
            })
            .collect()
    }

    /// Ends the current bucket at `end` and starts the next.
    pub(super) fn close_bucket(&mut self, end: Nanos) {
        let width = (end - self.bucket_start) as f64;
        let width_s = width / 1e9;
        let c = &mut self.client;
        let in_flight_area = c.in_flight.close_bucket(end);
        let [p50, p95, p99] = c.latency.close_bucket();
        let b = c.counts.take_bucket();
        let client = ClientBucket {
            arrivals: b.arrivals,
            succeeded: b.succeeded,
            good: b.good,
            failed: b.failed,
            retries: b.retries,
            p50_ms: p50,
            p95_ms: p95,
            p99_ms: p99,
            in_flight: in_flight_area / width,
        };
        let mut services = Vec::with_capacity(self.services.len());
        for s in 0..self.services.len() {
            let svc = &self.m.services[s];
            let replicas_up = self.replicas_up(svc);
            let rt = &mut self.services[ServiceId::new(s)];
            let capacity = (svc.workers as f64) * (svc.replicas as f64);
            let busy = rt.busy.close_bucket(end);
            let max_queue = rt.queue.bucket_max;
            let queue = rt.queue.close_bucket(end);
            let in_system = rt.in_system.close_bucket(end);
            let [p50, p95, p99] = rt.latency.close_bucket();
            let b = rt.counts.take_bucket();
            services.push(ServiceBucket {
                arrivals: b.arrivals,
                succeeded: b.succeeded,
                failed: b.failed,
                utilization: busy / width / capacity,
                queue: queue / width,
                max_queue,
                in_system: in_system / width,
                p50_ms: p50,
                p95_ms: p95,
                p99_ms: p99,
                retries: b.retries,
                timed_out: b.timed_out,
                wasted_s: b.wasted_ns / 1e9,
                replicas_up,
            });
        }
        let mut edges = Vec::with_capacity(self.edges.len());
        for rt in self.edges.iter_mut() {
            let max_depth = rt.depth.bucket_max;
            let depth = rt.depth.close_bucket(end);
            let oldest =
                rt.broker
                    .front()
                    .and_then(|&t| self.tasks.get(t))
                    .map_or(0.0, |t| match t.parent {
                        Parent::Message { published, .. } => {
                            ns_to_ms(end.saturating_sub(published))
                        }
                        _ => 0.0,
                    });
            let b = rt.counts.take_bucket();
            edges.push(EdgeBucket {
                attempts: b.attempts,
                retries: b.retries,
                timeouts: b.timeouts,
                circuit_open: b.circuit_open,
                bulkhead_full: b.bulkhead_full,
                breaker: rt
                    .breaker
                    .as_ref()
                    .map_or(BreakerState::Closed, |br| br.state(end)),
                queue_depth: depth / width,
                max_queue_depth: max_depth,
                oldest_age_ms: oldest,
                published: b.published,
                publish_failed: b.publish_failed,
                dead_letters: b.dead_letters,
                lag_mean_ms: mean_ms(b.lag_ns, b.delivered),
                lag_max_ms: ns_to_ms(b.lag_max_ns),
            });
        }
        self.buckets.push(Bucket {
            t_s: ns_to_s(end),
            width_s,
            client,
            services,
            edges,
        });
        self.bucket_start = end;
        self.next_bucket_end = end.saturating_add(self.m.bucket).min(self.m.duration);
    }

    /// The summary of the measured period so far.
    pub fn summary(&self) -> Summary {
        let end = self.now.min(self.m.duration);
        let measured = end.saturating_sub(self.measured_from);
        let measured_s = ns_to_s(measured);
        let per_s = |n: f64| {
            if measured_s > 0.0 {
                n / measured_s
            } else {
                0.0
            }
        };
        let c = &self.client;
        let failed = c.counts.total.failed.total();
        let lat = &c.latency;
        let services = self
            .m
            .services
            .iter()
            .zip(self.services.iter())
            .enumerate()
            .map(|(s, (svc, rt))| {
                let t = &rt.counts.total;
                let time = measured as f64;
                let capacity = svc.workers as f64 * svc.replicas as f64;
                let mean = |level: &Level| {
                    if time > 0.0 {
                        level.total_area(end) / time
                    } else {
                        0.0
                    }
                };
                ServiceSummary {
                    name: svc.name.clone(),
                    utilization: mean(&rt.busy) / capacity,
                    mean_queue_length: mean(&rt.queue),
                    mean_in_system: mean(&rt.in_system),
                    mean_response_ms: mean_ms(t.response_ns, t.succeeded),
                    p50_response_ms: rt.latency.quantile_ms(0.5),
                    p99_response_ms: rt.latency.quantile_ms(0.99),
                    mean_sojourn_ms: mean_ms(t.sojourn_ns, t.departed),
                    throughput_rps: per_s(t.succeeded as f64),
                    admitted_rps: per_s(t.admitted as f64),
                    attempts: t.arrivals,
                    succeeded: t.succeeded,
                    failed: t.failed,
                    rejected: t.failed.rejected,
                    shed: t.failed.shed,
                    timed_out: t.timed_out,
                    retries_sent: t.retries,
                    wasted_work_s: t.wasted_ns / 1e9,
                    replicas: self.replica_summaries(s, end, measured),
                }
            })
            .collect::<Vec<_>>();
        let edges = self
            .m
            .edges
            .iter()
            .zip(self.edges.iter())
            .map(|(e, rt)| {
                let t = &rt.counts.total;
                EdgeSummary {
                    from: e
                        .from
                        .map_or_else(|| "client".to_string(), |f| self.m.services[f].name.clone()),
                    to: self.m.services[e.to].name.clone(),
                    mode: e.mode,
                    calls: t.calls,
                    attempts: t.attempts,
                    retries: t.retries,
                    timeouts: t.timeouts,
                    failed_calls: t.failed_calls,
                    circuit_open: t.circuit_open,
                    bulkhead_full: t.bulkhead_full,
                    breaker_opened: rt.breaker.as_ref().map_or(0, |b| b.opened),
                    published: t.published,
                    publish_failed: t.publish_failed,
                    delivered: t.delivered,
                    dead_letters: t.dead_letters,
                    mean_lag_ms: mean_ms(t.lag_ns, t.delivered),
                    max_lag_ms: ns_to_ms(t.lag_max_ns),
                }
            })
            .collect();
        let wasted: f64 = services.iter().map(|s| s.wasted_work_s).sum();
        Summary {
            name: self.m.name.clone(),
            seed: self.m.seed,
            duration_s: ns_to_s(self.m.duration),
            warmup_s: ns_to_s(self.m.warmup),
            measured_s,
            requests: RequestSummary {
                offered: c.counts.total.arrivals,
                succeeded: c.counts.total.succeeded,
                failed,
                in_flight: c
                    .counts
                    .total
                    .arrivals
                    .saturating_sub(c.counts.total.succeeded + failed),
                good: c.counts.total.good,
                failed_by_cause: c.counts.total.failed,
            },
            latency_ms: LatencySummary {
                mean: lat.mean_ms(),
                p50: lat.quantile_ms(0.5),
                p90: lat.quantile_ms(0.9),
                p99: lat.quantile_ms(0.99),
                max: lat.max_ms(),
            },
            throughput_rps: per_s(c.counts.total.succeeded as f64),
            goodput_rps: per_s(c.counts.total.good as f64),
            retries: c.counts.total.retries,
            events: self.processed,
            wasted_work_s: wasted,
            services,
            edges,
            stopped_early: self.stopped_early.clone(),
        }
    }

    /// The state right now, for a live topology view.
    pub fn live(&self) -> Live {
        Live {
            t_s: ns_to_s(self.now),
            client_in_flight: self.client.in_flight.value,
            services: self
                .m
                .services
                .iter()
                .zip(self.services.iter())
                .map(|(svc, rt)| LiveService {
                    busy: rt.busy.value,
                    workers: svc.workers as u64 * svc.replicas as u64,
                    queue: rt.queue.value,
                    replicas_up: self.replicas_up(svc),
                })
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|rt| LiveEdge {
                    breaker: rt
                        .breaker
                        .as_ref()
                        .map_or(BreakerState::Closed, |b| b.state(self.now)),
                    in_flight: rt.in_flight,
                    queue_depth: rt.depth.value,
                })
                .collect(),
        }
    }
}

/// A sum of nanoseconds over `n` items as a mean in milliseconds (0 when
/// there are none).
fn mean_ms(sum_ns: f64, n: u64) -> f64 {
    if n > 0 {
        sum_ns / n as f64 / 1e6
    } else {
        0.0
    }
}
