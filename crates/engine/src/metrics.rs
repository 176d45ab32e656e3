//! Accumulators the engine updates as events happen.
//!
//! Two horizons are kept side by side: the current time-series bucket (closed
//! every `metrics.bucket_s` simulated seconds into a [`super::report::Bucket`])
//! and the run total since the warm-up ended (turned into the
//! [`super::report::Summary`]). Everything here is O(1) per update and its
//! memory does not grow with the number of requests.

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};

use super::time::Nanos;

/// Why a request (or one attempt of it) failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The caller gave up waiting.
    Timeout,
    /// Refused at the door: queue full, rate limited, no replica up, broker full.
    Rejected,
    /// Dropped from the queue after waiting too long (load shedding).
    Shed,
    /// Refused by an open circuit breaker without trying.
    CircuitOpen,
    /// Refused by a full bulkhead without trying.
    BulkheadFull,
    /// The service itself failed (an injected error, or its instance went down).
    Error,
    /// A call the service depends on failed.
    Downstream,
}

impl Cause {
    pub const ALL: [Cause; 7] = [
        Cause::Timeout,
        Cause::Rejected,
        Cause::Shed,
        Cause::CircuitOpen,
        Cause::BulkheadFull,
        Cause::Error,
        Cause::Downstream,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Cause::Timeout => "timeout",
            Cause::Rejected => "rejected",
            Cause::Shed => "shed",
            Cause::CircuitOpen => "circuit open",
            Cause::BulkheadFull => "bulkhead full",
            Cause::Error => "error",
            Cause::Downstream => "downstream error",
        }
    }
}

/// Failure counts by cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Causes {
    pub timeout: u64,
    pub rejected: u64,
    pub shed: u64,
    pub circuit_open: u64,
    pub bulkhead_full: u64,
    pub error: u64,
    pub downstream: u64,
}

impl Causes {
    #[inline]
    pub fn add(&mut self, cause: Cause) {
        *self.slot(cause) += 1;
    }

    fn slot(&mut self, cause: Cause) -> &mut u64 {
        match cause {
            Cause::Timeout => &mut self.timeout,
            Cause::Rejected => &mut self.rejected,
            Cause::Shed => &mut self.shed,
            Cause::CircuitOpen => &mut self.circuit_open,
            Cause::BulkheadFull => &mut self.bulkhead_full,
            Cause::Error => &mut self.error,
            Cause::Downstream => &mut self.downstream,
        }
    }

    pub fn get(&self, cause: Cause) -> u64 {
        match cause {
            Cause::Timeout => self.timeout,
            Cause::Rejected => self.rejected,
            Cause::Shed => self.shed,
            Cause::CircuitOpen => self.circuit_open,
            Cause::BulkheadFull => self.bulkhead_full,
            Cause::Error => self.error,
            Cause::Downstream => self.downstream,
        }
    }

    pub fn total(&self) -> u64 {
        Cause::ALL.iter().map(|&c| self.get(c)).sum()
    }
}

/// A quantity that changes at events (busy workers, queue length); keeps its
/// time integral for the bucket and for the run total, so means are exact
/// time averages, not samples.
#[derive(Debug, Clone, Default)]
pub struct Level {
    pub value: i64,
    last: Nanos,
    bucket_area: f64,
    total_area: f64,
    /// Highest value seen in the current bucket.
    pub bucket_max: i64,
}

impl Level {
    #[inline]
    pub fn change(&mut self, now: Nanos, delta: i64) {
        let dt = (now - self.last) as f64;
        let area = self.value as f64 * dt;
        self.bucket_area += area;
        self.total_area += area;
        self.last = now;
        self.value += delta;
        if self.value > self.bucket_max {
            self.bucket_max = self.value;
        }
    }

    /// Ends the bucket at `end`; returns the bucket's time integral
    /// (value × nanoseconds).
    pub fn close_bucket(&mut self, end: Nanos) -> f64 {
        self.change(end, 0);
        let area = self.bucket_area;
        self.bucket_area = 0.0;
        self.bucket_max = self.value;
        area
    }

    pub fn reset_total(&mut self, now: Nanos) {
        self.change(now, 0);
        self.total_area = 0.0;
    }

    /// Time integral since the last reset, up to `now`.
    pub fn total_area(&self, now: Nanos) -> f64 {
        self.total_area + self.value as f64 * now.saturating_sub(self.last) as f64
    }
}

/// Latency percentiles with HdrHistogram: a precise one (3 significant
/// digits) for the run and a coarse one (2 digits) reset every bucket.
/// Values are recorded in microseconds, from 1 µs to 10 hours.
pub struct Latency {
    /// u32 counts, not u64: half the memory, so the counters that one run's
    /// latencies hit stay in cache (a miss on every record was 70 % of the
    /// time spent recording). They cannot overflow: every recorded success
    /// ends with its own `WorkDone` event and a run stops at `MAX_EVENTS`
    /// (4e9 < u32::MAX) events (and recording saturates rather than wraps).
    total: Histogram<u32>,
    bucket: Histogram<u32>,
    sum_ns: f64,
}

const HIST_MAX_US: u64 = 36_000_000_000;

impl Latency {
    pub fn new() -> Latency {
        // Fixed, valid bounds: creation cannot fail.
        let total =
            Histogram::new_with_bounds(1, HIST_MAX_US, 3).unwrap_or_else(|_| unreachable!());
        let bucket =
            Histogram::new_with_bounds(1, HIST_MAX_US, 2).unwrap_or_else(|_| unreachable!());
        Latency {
            total,
            bucket,
            sum_ns: 0.0,
        }
    }

    #[inline]
    pub fn record(&mut self, ns: Nanos) {
        let us = (ns / 1000).clamp(1, HIST_MAX_US);
        self.total.saturating_record(us);
        self.bucket.saturating_record(us);
        self.sum_ns += ns as f64;
    }

    /// Records into the current bucket only (requests outside the
    /// measured period still show in the time series).
    #[inline]
    pub fn record_bucket(&mut self, ns: Nanos) {
        self.bucket
            .saturating_record((ns / 1000).clamp(1, HIST_MAX_US));
    }

    /// p50, p95, p99 of the bucket in ms (0 when empty); resets the bucket.
    pub fn close_bucket(&mut self) -> [f64; 3] {
        let out = if self.bucket.is_empty() {
            [0.0; 3]
        } else {
            [0.5, 0.95, 0.99].map(|q| quantile_ms(&self.bucket, q))
        };
        self.bucket.reset();
        out
    }

    pub fn reset_total(&mut self) {
        self.total.reset();
        self.sum_ns = 0.0;
    }

    pub fn count(&self) -> u64 {
        self.total.len()
    }

    pub fn mean_ms(&self) -> f64 {
        if self.total.is_empty() {
            0.0
        } else {
            self.sum_ns / self.total.len() as f64 / 1e6
        }
    }

    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.total.is_empty() {
            0.0
        } else {
            quantile_ms(&self.total, q)
        }
    }

    pub fn max_ms(&self) -> f64 {
        if self.total.is_empty() {
            0.0
        } else {
            self.total.max() as f64 / 1000.0
        }
    }
}

impl Default for Latency {
    fn default() -> Self {
        Latency::new()
    }
}

/// The midpoint of the histogram bucket holding quantile `q`: halves the
/// quantisation bias of HdrHistogram's upper-edge answer.
fn quantile_ms<C: hdrhistogram::Counter>(h: &Histogram<C>, q: f64) -> f64 {
    h.median_equivalent(h.value_at_quantile(q)) as f64 / 1000.0
}

/// The same counters kept for two horizons, the current bucket and the run
/// total since the warm-up, and updated together.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally<C> {
    pub bucket: C,
    pub total: C,
}

impl<C: Default> Tally<C> {
    /// Applies `update` to the bucket and to the total.
    #[inline]
    pub fn add(&mut self, update: impl Fn(&mut C)) {
        update(&mut self.bucket);
        update(&mut self.total);
    }

    /// Applies `update` to the bucket, and to the total only when
    /// `measured`: work begun in the warm-up shows in the time series but
    /// not in the summary.
    #[inline]
    pub fn add_if(&mut self, measured: bool, update: impl Fn(&mut C)) {
        update(&mut self.bucket);
        if measured {
            update(&mut self.total);
        }
    }

    /// The bucket's counts; the next bucket starts from zero.
    pub fn take_bucket(&mut self) -> C {
        std::mem::take(&mut self.bucket)
    }

    /// The warm-up is over: the total starts from zero.
    pub fn reset_total(&mut self) {
        self.total = C::default();
    }
}

/// Counters of one replica over the measured period.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReplicaCounters {
    /// Attempts admitted at this replica (queued or served).
    pub admitted: u64,
    pub succeeded: u64,
    /// Attempts that failed here: refused by its full queue, or admitted
    /// and then failed (error, shed, downstream).
    pub failed: Causes,
    /// Attempts here whose caller gave up before the reply.
    pub timed_out: u64,
    /// Sum of response times of its successful attempts.
    pub response_ns: f64,
}

/// What the engine records about one replica of a service that has
/// several, for the summary (a per-instance view names a bad replica that
/// the service's aggregate hides): counters, busy workers, and a latency
/// histogram with 2 significant digits (about 15 KB, so memory stays
/// bounded by the validated number of replicas).
pub struct ReplicaMetrics {
    pub counts: ReplicaCounters,
    pub busy: Level,
    latency: Histogram<u32>,
}

impl ReplicaMetrics {
    pub fn new() -> ReplicaMetrics {
        ReplicaMetrics {
            counts: ReplicaCounters::default(),
            busy: Level::default(),
            // Fixed, valid bounds: creation cannot fail.
            latency: Histogram::new_with_bounds(1, HIST_MAX_US, 2)
                .unwrap_or_else(|_| unreachable!()),
        }
    }

    #[inline]
    pub fn record_success(&mut self, response: Nanos) {
        self.counts.succeeded += 1;
        self.counts.response_ns += response as f64;
        self.latency
            .saturating_record((response / 1000).clamp(1, HIST_MAX_US));
    }

    /// The warm-up is over: counting starts again at `now`.
    pub fn reset_total(&mut self, now: Nanos) {
        self.counts = ReplicaCounters::default();
        self.busy.reset_total(now);
        self.latency.reset();
    }

    /// Quantile `q` of its successful attempts' response times in ms (0
    /// when there were none).
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latency.is_empty() {
            0.0
        } else {
            quantile_ms(&self.latency, q)
        }
    }
}

impl Default for ReplicaMetrics {
    fn default() -> Self {
        ReplicaMetrics::new()
    }
}

/// Counters of one service, for a bucket or for the run.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceCounters {
    /// Attempts that reached the service.
    pub arrivals: u64,
    /// Attempts that got past admission (not rejected at the door).
    pub admitted: u64,
    pub succeeded: u64,
    pub failed: Causes,
    /// Retries this service sent to its dependencies.
    pub retries: u64,
    /// Attempts at this service whose caller gave up before the reply.
    pub timed_out: u64,
    /// Worker time spent on attempts whose caller had already given up.
    pub wasted_ns: f64,
    /// Sum of response times (arrival to reply) of successful attempts.
    pub response_ns: f64,
    /// Sum of time in the service of every admitted attempt that left it
    /// (success or failure), and how many: Little's law's W.
    pub sojourn_ns: f64,
    pub departed: u64,
}

/// Counters of one call edge (caller → callee).
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgeCounters {
    /// Calls started (first attempts).
    pub calls: u64,
    pub attempts: u64,
    pub retries: u64,
    pub timeouts: u64,
    pub circuit_open: u64,
    pub bulkhead_full: u64,
    pub failed_calls: u64,
    /// Async: messages published, refused by a full broker, consumed
    /// successfully, and given up after their last delivery.
    pub published: u64,
    pub publish_failed: u64,
    pub delivered: u64,
    pub dead_letters: u64,
    /// Async: publish-to-processed time (how stale a consumer's view is).
    pub lag_ns: f64,
    pub lag_max_ns: u64,
}

/// End-to-end counters (client requests).
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCounters {
    pub arrivals: u64,
    pub succeeded: u64,
    /// Successes within the client's deadline.
    pub good: u64,
    pub failed: Causes,
    pub retries: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_integrates_exactly_across_buckets() {
        let mut l = Level::default();
        l.change(0, 2); // 2 from 0 to 10
        l.change(10, 1); // 3 from 10 to 30
        assert_eq!(l.close_bucket(20), 2.0 * 10.0 + 3.0 * 10.0);
        assert_eq!(l.bucket_max, 3);
        l.change(30, -3);
        assert_eq!(l.close_bucket(40), 3.0 * 10.0);
        assert_eq!(l.total_area(40), 80.0);
    }

    #[test]
    fn latency_percentiles_are_within_histogram_precision() {
        let mut lat = Latency::new();
        for ms in 1..=1000u64 {
            lat.record(ms * 1_000_000);
        }
        let p50 = lat.quantile_ms(0.5);
        let p99 = lat.quantile_ms(0.99);
        assert!((p50 - 500.0).abs() <= 0.5, "{p50}");
        assert!((p99 - 990.0).abs() <= 1.0, "{p99}");
        assert!((lat.mean_ms() - 500.5).abs() < 1e-9);
        let [b50, _, b99] = lat.close_bucket();
        assert!((b50 - 500.0).abs() <= 5.0 && (b99 - 990.0).abs() <= 10.0);
        assert_eq!(lat.close_bucket(), [0.0; 3]);
    }
}
