//! The scenario format: what a user (or a preset file) writes.
//!
//! These types mirror the JSON one to one. They carry no behaviour beyond
//! parsing; [`crate::validate`] checks them and
//! [`crate::model`] compiles them into the engine's runtime form.
//! Field names are part of the public format (presets, share links, the JSON
//! Schema in `content/scenario.schema.json`): rename nothing lightly.

use serde::{Deserialize, Serialize};

use super::validate::{validate, ScenarioError};

/// A whole simulation: load, services, calls between them, faults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// What to watch, in a paragraph (shown with presets).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Slug of the article that explains this scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(default = "default_seed")]
    pub seed: u64,
    pub duration_s: f64,
    /// Statistics in the run summary ignore everything before this time.
    #[serde(default)]
    pub warmup_s: f64,
    pub load: LoadSpec,
    /// The service that receives the client's requests.
    pub entry: String,
    pub services: Vec<ServiceSpec>,
    /// How the client (the users) behaves: timeout, retries, deadline.
    #[serde(default, skip_serializing_if = "ClientSpec::is_default")]
    pub client: ClientSpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<FaultSpec>,
    #[serde(default, skip_serializing_if = "MetricsSpec::is_default")]
    pub metrics: MetricsSpec,
}

fn default_seed() -> u64 {
    1
}

impl Scenario {
    /// Parses and fully validates a scenario. Errors name the field and the reason.
    pub fn from_json_str(text: &str) -> Result<Scenario, ScenarioError> {
        // Deserialised through serde_path_to_error so that a wrong type or a
        // missing field is reported at its path, like the validator's errors.
        let mut reader = serde_json::Deserializer::from_str(text);
        let scenario: Scenario =
            serde_path_to_error::deserialize(&mut reader).map_err(|error| {
                let path = error.path().to_string();
                ScenarioError::from_json(&path, error.into_inner())
            })?;
        reader
            .end()
            .map_err(|error| ScenarioError::from_json("", error))?;
        validate(&scenario)?;
        Ok(scenario)
    }

    /// Pretty JSON, the format of preset files and exports.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn service(&self, name: &str) -> Option<&ServiceSpec> {
        self.services.iter().find(|s| s.name == name)
    }
}

/// Open-loop arrivals (a rate over time) or closed-loop users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadSpec {
    /// Poisson arrival rate in requests per second (the base of the profile).
    #[serde(default)]
    pub rate_rps: f64,
    #[serde(default, skip_serializing_if = "Profile::is_constant")]
    pub profile: Profile,
    /// Closed loop: this many users, each waiting for its answer and then
    /// thinking before the next request. Replaces `rate_rps` when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub think_ms: Option<f64>,
}

/// How the arrival rate changes over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "shape", rename_all = "snake_case", deny_unknown_fields)]
pub enum Profile {
    #[default]
    Constant,
    /// The rate jumps to each step's rate at its time.
    Steps { steps: Vec<RateStep> },
    /// Linear change from `rate_rps` at `from_s` to `to_rps` at `to_s`, then flat.
    Ramp { from_s: f64, to_s: f64, to_rps: f64 },
    /// `rate_rps` is replaced by the spike's rate for its duration.
    Spike {
        at_s: f64,
        duration_s: f64,
        rate_rps: f64,
    },
}

impl Profile {
    fn is_constant(&self) -> bool {
        matches!(self, Profile::Constant)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateStep {
    pub at_s: f64,
    pub rate_rps: f64,
}

/// One service: a pool of workers (per replica), a waiting queue, its own
/// work, and the calls it makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub name: String,
    /// Requests served at once by one replica (threads, connections).
    pub workers: u32,
    /// Waiting places per replica; `null` means unbounded. A full queue
    /// rejects the request at once.
    #[serde(default)]
    pub queue_capacity: Option<u32>,
    pub service_time: Dist,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub replicas: u32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub balancer: Balancer,
    #[serde(default, skip_serializing_if = "is_default")]
    pub discipline: Discipline,
    /// Share of the own work done after the calls return (0 = all before).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub work_after_calls: f64,
    /// Calls one after another, or all at once (fan-out).
    #[serde(default, skip_serializing_if = "is_default")]
    pub call_order: CallOrder,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CallSpec>,
    /// Drop a request whose wait in the queue exceeded this (CoDel-style shedding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shed_after_ms: Option<f64>,
    /// Token-bucket admission limit; excess requests are rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<RateLimitSpec>,
    /// Service time grows by this many milliseconds per request in flight at
    /// the replica (capacity that degrades with load).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub slowdown_per_inflight_ms: f64,
}

fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A service-time (or delay) distribution, in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum Dist {
    Exponential {
        mean_ms: f64,
    },
    Constant {
        mean_ms: f64,
    },
    Lognormal {
        mean_ms: f64,
        stddev_ms: f64,
    },
    Uniform {
        min_ms: f64,
        max_ms: f64,
    },
    /// Sum of `k` exponential phases: less variable than exponential.
    Erlang {
        mean_ms: f64,
        k: u32,
    },
}

impl Dist {
    pub fn mean_ms(&self) -> f64 {
        match *self {
            Dist::Exponential { mean_ms }
            | Dist::Constant { mean_ms }
            | Dist::Lognormal { mean_ms, .. }
            | Dist::Erlang { mean_ms, .. } => mean_ms,
            Dist::Uniform { min_ms, max_ms } => (min_ms + max_ms) / 2.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Balancer {
    #[default]
    RoundRobin,
    LeastOutstanding,
    Random,
}

/// Queue order. `adaptive_lifo` serves newest first only while the queue is
/// longer than the number of workers (a sign of overload), FIFO otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    #[default]
    Fifo,
    Lifo,
    AdaptiveLifo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CallOrder {
    #[default]
    Sequential,
    Parallel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallMode {
    /// The caller's worker waits for the reply.
    Sync,
    /// The caller publishes a message to a broker queue and moves on.
    Async,
}

/// A call from one service to another, with its policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSpec {
    pub to: String,
    pub mode: CallMode,
    /// The caller gives up after this long (for async: a blocked publish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    /// Fraction of requests that make this call (e.g. cache misses).
    #[serde(
        default = "probability_one",
        skip_serializing_if = "is_probability_one"
    )]
    pub probability: f64,
    /// A failed optional call does not fail the caller (graceful degradation).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// One-way network delay added before the callee sees the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Dist>,
    /// Retries (for async calls: redeliveries of a failed message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetrySpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circuit_breaker: Option<BreakerSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulkhead: Option<BulkheadSpec>,
    /// Async only: the broker queue for this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<BrokerSpec>,
}

fn probability_one() -> f64 {
    1.0
}
fn is_probability_one(v: &f64) -> bool {
    *v == 1.0
}
fn is_false(v: &bool) -> bool {
    !*v
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySpec {
    /// Attempts in all, the first one included (1 = no retry).
    pub max_attempts: u32,
    #[serde(default, skip_serializing_if = "is_default")]
    pub backoff: BackoffSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<RetryBudgetSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct BackoffSpec {
    #[serde(default)]
    pub kind: BackoffKind,
    #[serde(default)]
    pub base_ms: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_ms: Option<f64>,
}

/// The backoff formulas of the AWS Architecture Blog's "Exponential Backoff
/// and Jitter" (see `engine::policy::backoff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BackoffKind {
    /// Retry at once.
    #[default]
    None,
    /// Wait `base_ms` every time.
    Constant,
    Exponential,
    FullJitter,
    EqualJitter,
    DecorrelatedJitter,
}

/// A token bucket: every first attempt adds `ratio` tokens (up to
/// `max_tokens`), every retry spends one. `ratio = 0.1` lets retries be at
/// most about 10 % of requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryBudgetSpec {
    pub ratio: f64,
    #[serde(default = "default_budget_tokens")]
    pub max_tokens: f64,
}

fn default_budget_tokens() -> f64 {
    10.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakerSpec {
    /// Open when at least this fraction of calls in the window failed.
    pub failure_rate: f64,
    pub window_s: f64,
    pub min_calls: u32,
    pub open_ms: f64,
    #[serde(default = "one")]
    pub half_open_calls: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkheadSpec {
    pub max_concurrent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrokerSpec {
    /// Messages held at most; `null` means unbounded.
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub on_full: OnFull,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OnFull {
    /// Publishing fails at once.
    #[default]
    Reject,
    /// The publisher waits (holding its worker) until there is room.
    Block,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSpec {
    pub rate_rps: f64,
    pub burst: f64,
}

/// The users in front of the entry service: they can give up and retry too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetrySpec>,
    /// A success counts as goodput only within this time (default: the timeout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_ms: Option<f64>,
}

impl ClientSpec {
    fn is_default(&self) -> bool {
        *self == ClientSpec::default()
    }
}

/// Something that goes wrong with a service between two times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    pub service: String,
    pub kind: FaultKind,
    pub from_s: f64,
    pub to_s: f64,
    /// Only this replica (0-based); all replicas when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica: Option<u32>,
    /// `slow`: service time is multiplied by this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// `error`: this fraction of requests fail after their own work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// `down`: this many replicas are down (default: all, or the one named
    /// by `replica`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Service time multiplied by `factor`.
    Slow,
    /// A fraction `rate` of requests fail after their own work.
    Error,
    /// Work started during the fault does not finish before the fault ends.
    Hang,
    /// Replicas are down: their queued and running requests fail and the
    /// balancer skips them.
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSpec {
    /// Width of a time-series bucket in simulated seconds.
    #[serde(default = "default_bucket")]
    pub bucket_s: f64,
    /// Request traces to keep (successful and failed ones each get half).
    #[serde(default = "default_traces")]
    pub traces: u32,
}

fn default_bucket() -> f64 {
    1.0
}
fn default_traces() -> u32 {
    40
}

impl Default for MetricsSpec {
    fn default() -> Self {
        MetricsSpec {
            bucket_s: default_bucket(),
            traces: default_traces(),
        }
    }
}

impl MetricsSpec {
    fn is_default(&self) -> bool {
        *self == MetricsSpec::default()
    }
}
