//! What a run produces: time-series buckets, a summary, sampled traces, and a
//! live view of the current state. Plain serde types: the `sim` command
//! prints them as JSON, the simulator page draws them.

use serde::{Deserialize, Serialize};

use super::metrics::Causes;
use super::policy::BreakerState;
use super::scenario::CallMode;

/// One time-series bucket (`metrics.bucket_s` of simulated time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// End of the bucket, in simulated seconds.
    pub t_s: f64,
    pub width_s: f64,
    pub client: ClientBucket,
    pub services: Vec<ServiceBucket>,
    pub edges: Vec<EdgeBucket>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientBucket {
    pub arrivals: u64,
    pub succeeded: u64,
    /// Successes within the client's deadline.
    pub good: u64,
    pub failed: Causes,
    pub retries: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// Mean client requests in flight.
    pub in_flight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceBucket {
    pub arrivals: u64,
    pub succeeded: u64,
    pub failed: Causes,
    /// Mean fraction of all workers busy (waiting on a sync call counts as busy).
    pub utilization: f64,
    /// Mean requests waiting in the service's queues.
    pub queue: f64,
    pub max_queue: i64,
    /// Mean requests present (waiting or being served).
    pub in_system: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub retries: u64,
    pub timed_out: u64,
    pub wasted_s: f64,
    /// Replicas up at the end of the bucket.
    pub replicas_up: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeBucket {
    pub attempts: u64,
    pub retries: u64,
    pub timeouts: u64,
    pub circuit_open: u64,
    pub bulkhead_full: u64,
    /// Breaker state at the end of the bucket (closed when there is none).
    pub breaker: BreakerState,
    /// Async: mean and highest broker queue depth, and the age of the
    /// oldest waiting message at the end of the bucket.
    pub queue_depth: f64,
    pub max_queue_depth: i64,
    pub oldest_age_ms: f64,
    pub published: u64,
    pub publish_failed: u64,
    pub dead_letters: u64,
    /// Async: mean and highest publish-to-processed lag of the messages
    /// processed in this bucket.
    pub lag_mean_ms: f64,
    pub lag_max_ms: f64,
}

/// The run's summary, over the measured period (after the warm-up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub name: String,
    pub seed: u64,
    pub duration_s: f64,
    pub warmup_s: f64,
    /// Simulated time the summary covers (duration minus warm-up, or less
    /// when the run stopped early).
    pub measured_s: f64,
    pub requests: RequestSummary,
    /// End-to-end response time of successful client requests.
    pub latency_ms: LatencySummary,
    pub throughput_rps: f64,
    pub goodput_rps: f64,
    pub retries: u64,
    /// Events processed in the whole run.
    pub events: u64,
    /// Worker time spent on attempts whose caller had already given up.
    pub wasted_work_s: f64,
    pub services: Vec<ServiceSummary>,
    pub edges: Vec<EdgeSummary>,
    /// Set when the run stopped before its end, with the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_early: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestSummary {
    /// Client requests that arrived after the warm-up.
    pub offered: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// Arrived but not finished when the run ended.
    pub in_flight: u64,
    /// Successes within the client's deadline.
    pub good: u64,
    pub failed_by_cause: Causes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatencySummary {
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub name: String,
    /// Mean fraction of workers busy.
    pub utilization: f64,
    /// Mean requests waiting (not in service).
    pub mean_queue_length: f64,
    /// Mean requests present (waiting or in service): Little's L.
    pub mean_in_system: f64,
    /// Arrival at the service to its reply, successful attempts.
    pub mean_response_ms: f64,
    pub p50_response_ms: f64,
    pub p99_response_ms: f64,
    /// Mean time in the service of every admitted attempt: Little's W.
    pub mean_sojourn_ms: f64,
    /// Successful replies per second.
    pub throughput_rps: f64,
    /// Attempts admitted per second: Little's λ.
    pub admitted_rps: f64,
    pub attempts: u64,
    pub succeeded: u64,
    pub failed: Causes,
    pub rejected: u64,
    pub shed: u64,
    pub timed_out: u64,
    pub retries_sent: u64,
    pub wasted_work_s: f64,
    /// One entry per replica, in replica order. A service with a single
    /// replica reports its own figures for it. Absent in results saved
    /// before per-replica metrics existed.
    #[serde(default)]
    pub replicas: Vec<ReplicaSummary>,
}

/// One replica of a service over the measured period: the per-instance
/// view that names a bad replica which the service's aggregate hides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicaSummary {
    /// Index within the service (as a fault's `replica` counts).
    pub replica: u32,
    /// Mean fraction of this replica's workers busy.
    pub utilization: f64,
    /// Attempts admitted here (queued or served).
    pub admitted: u64,
    pub succeeded: u64,
    /// Attempts that failed here, by cause: refused by this replica's full
    /// queue (rejected), or admitted and failed.
    pub failed: Causes,
    /// Attempts here whose caller gave up before the reply.
    pub timed_out: u64,
    /// Response time of its successful attempts (arrival to reply).
    pub mean_response_ms: f64,
    pub p50_response_ms: f64,
    pub p99_response_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeSummary {
    /// Calling service, or "client".
    pub from: String,
    pub to: String,
    pub mode: CallMode,
    pub calls: u64,
    pub attempts: u64,
    pub retries: u64,
    pub timeouts: u64,
    pub failed_calls: u64,
    pub circuit_open: u64,
    pub bulkhead_full: u64,
    pub breaker_opened: u64,
    pub published: u64,
    pub publish_failed: u64,
    pub delivered: u64,
    pub dead_letters: u64,
    pub mean_lag_ms: f64,
    pub max_lag_ms: f64,
}

/// The state right now, for a live topology view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Live {
    pub t_s: f64,
    pub client_in_flight: i64,
    pub services: Vec<LiveService>,
    pub edges: Vec<LiveEdge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveService {
    pub busy: i64,
    pub workers: u64,
    pub queue: i64,
    pub replicas_up: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveEdge {
    pub breaker: BreakerState,
    pub in_flight: u32,
    pub queue_depth: i64,
}

/// One sampled client request and every attempt it caused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// Sequence number of the request among client requests.
    pub request: u64,
    pub start_ms: f64,
    pub end_ms: f64,
    /// "ok" or the failure cause.
    pub outcome: String,
    pub spans: Vec<Span>,
}

/// One attempt at one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub service: String,
    pub replica: u32,
    /// Index of the parent span (None for the client's attempts).
    pub parent: Option<u32>,
    /// 1 for the first attempt of a call, 2 for its first retry, ...
    pub attempt: u32,
    pub mode: CallMode,
    /// When the request reached the service, started being served, and
    /// left it (None: still there when the trace was closed).
    pub arrived_ms: f64,
    pub started_ms: Option<f64>,
    pub ended_ms: Option<f64>,
    pub outcome: String,
    /// The caller had given up before this attempt finished.
    pub abandoned: bool,
}
