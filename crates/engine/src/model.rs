//! The runtime model: a validated scenario compiled into index-based tables
//! the engine loop can use without looking anything up by name.
//!
//! Edge 0 is the client's call to the entry service; edges 1.. are the
//! services' calls in scenario order.

use super::random::Sampler;
use super::scenario::*;
use super::time::{ms_to_ns, s_to_ns, Nanos};

pub const CLIENT_EDGE: usize = 0;

#[derive(Debug, Clone)]
pub struct ServiceModel {
    pub name: String,
    pub workers: u32,
    pub queue_capacity: Option<u32>,
    pub service_time: Sampler,
    pub replicas: u32,
    /// Index of this service's first replica in the engine's replica table.
    pub first_replica: usize,
    pub balancer: Balancer,
    pub discipline: Discipline,
    pub work_after_calls: f64,
    pub call_order: CallOrder,
    /// Edges this service calls, in order.
    pub calls: Vec<usize>,
    /// Async edges that deliver messages to this service.
    pub inbound_brokers: Vec<usize>,
    pub shed_after: Option<Nanos>,
    pub rate_limit: Option<RateLimitSpec>,
    pub slowdown_per_inflight_ns: f64,
}

#[derive(Debug, Clone)]
pub struct EdgeModel {
    /// Calling service; `None` for the client.
    pub from: Option<usize>,
    pub to: usize,
    pub mode: CallMode,
    pub timeout: Option<Nanos>,
    pub probability: f64,
    pub optional: bool,
    pub network: Option<Sampler>,
    pub max_attempts: u32,
    pub backoff: BackoffSpec,
    pub budget: Option<RetryBudgetSpec>,
    pub breaker: Option<BreakerSpec>,
    pub bulkhead: Option<u32>,
    pub broker_capacity: Option<u32>,
    pub on_full: OnFull,
}

#[derive(Debug, Clone)]
pub struct FaultModel {
    pub service: usize,
    pub kind: FaultKind,
    pub from: Nanos,
    pub to: Nanos,
    /// Replica indices (within the service) the fault touches.
    pub replicas: Vec<u32>,
    pub factor: f64,
    pub rate: f64,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub seed: u64,
    pub duration: Nanos,
    pub warmup: Nanos,
    pub bucket: Nanos,
    pub traces: u32,
    pub load: LoadSpec,
    pub entry: usize,
    pub services: Vec<ServiceModel>,
    pub edges: Vec<EdgeModel>,
    pub faults: Vec<FaultModel>,
    /// A success counts as goodput only within this time.
    pub deadline: Option<Nanos>,
    pub total_replicas: usize,
}

fn edge_from_policy(
    from: Option<usize>,
    to: usize,
    mode: CallMode,
    timeout_ms: Option<f64>,
    retry: Option<&RetrySpec>,
) -> EdgeModel {
    EdgeModel {
        from,
        to,
        mode,
        timeout: timeout_ms.map(ms_to_ns),
        probability: 1.0,
        optional: false,
        network: None,
        max_attempts: retry.map_or(1, |r| r.max_attempts),
        backoff: retry.map(|r| r.backoff.clone()).unwrap_or_default(),
        budget: retry.and_then(|r| r.budget.clone()),
        breaker: None,
        bulkhead: None,
        broker_capacity: None,
        on_full: OnFull::Reject,
    }
}

impl Model {
    /// Compiles a scenario that [`super::validate::validate`] accepted.
    pub fn compile(s: &Scenario) -> Model {
        let index_of = |name: &str| s.services.iter().position(|x| x.name == name).unwrap_or(0);
        let entry = index_of(&s.entry);
        let mut edges = vec![edge_from_policy(
            None,
            entry,
            CallMode::Sync,
            s.client.timeout_ms,
            s.client.retry.as_ref(),
        )];
        let mut services = Vec::with_capacity(s.services.len());
        let mut first_replica = 0;
        for (i, spec) in s.services.iter().enumerate() {
            let mut calls = Vec::with_capacity(spec.calls.len());
            for call in &spec.calls {
                let mut e = edge_from_policy(
                    Some(i),
                    index_of(&call.to),
                    call.mode,
                    call.timeout_ms,
                    call.retry.as_ref(),
                );
                e.probability = call.probability;
                e.optional = call.optional;
                e.network = call.network.as_ref().map(Sampler::new);
                e.breaker = call.circuit_breaker.clone();
                e.bulkhead = call.bulkhead.as_ref().map(|b| b.max_concurrent);
                if let Some(q) = &call.queue {
                    e.broker_capacity = q.capacity;
                    e.on_full = q.on_full;
                }
                calls.push(edges.len());
                edges.push(e);
            }
            services.push(ServiceModel {
                name: spec.name.clone(),
                workers: spec.workers,
                queue_capacity: spec.queue_capacity,
                service_time: Sampler::new(&spec.service_time),
                replicas: spec.replicas,
                first_replica,
                balancer: spec.balancer,
                discipline: spec.discipline,
                work_after_calls: spec.work_after_calls,
                call_order: spec.call_order,
                calls,
                inbound_brokers: Vec::new(),
                shed_after: spec.shed_after_ms.map(ms_to_ns),
                rate_limit: spec.rate_limit.clone(),
                slowdown_per_inflight_ns: spec.slowdown_per_inflight_ms * 1e6,
            });
            first_replica += spec.replicas as usize;
        }
        for (e, edge) in edges.iter().enumerate() {
            if edge.mode == CallMode::Async {
                services[edge.to].inbound_brokers.push(e);
            }
        }
        let faults = s
            .faults
            .iter()
            .map(|f| {
                let service = index_of(&f.service);
                let n = s.services[service].replicas;
                let replicas = match (f.replica, f.replicas) {
                    (Some(r), _) => vec![r],
                    (None, Some(count)) if f.kind == FaultKind::Down => (0..count.min(n)).collect(),
                    _ => (0..n).collect(),
                };
                FaultModel {
                    service,
                    kind: f.kind,
                    from: s_to_ns(f.from_s),
                    to: s_to_ns(f.to_s),
                    replicas,
                    factor: f.factor.unwrap_or(1.0),
                    rate: f.rate.unwrap_or(0.0),
                }
            })
            .collect();
        Model {
            name: s.name.clone(),
            seed: s.seed,
            duration: s_to_ns(s.duration_s),
            warmup: s_to_ns(s.warmup_s),
            bucket: s_to_ns(s.metrics.bucket_s).max(1),
            traces: s.metrics.traces,
            load: s.load.clone(),
            entry,
            services,
            edges,
            faults,
            deadline: s.client.deadline_ms.or(s.client.timeout_ms).map(ms_to_ns),
            total_replicas: first_replica,
        }
    }

    /// The open-loop arrival rate (requests per second) at time `t_s`.
    pub fn rate_at(&self, t_s: f64) -> f64 {
        let base = self.load.rate_rps;
        match &self.load.profile {
            Profile::Constant => base,
            Profile::Steps { steps } => steps
                .iter()
                .rev()
                .find(|st| st.at_s <= t_s)
                .map_or(base, |st| st.rate_rps),
            Profile::Ramp {
                from_s,
                to_s,
                to_rps,
            } => {
                if t_s <= *from_s {
                    base
                } else if t_s >= *to_s {
                    *to_rps
                } else {
                    base + (to_rps - base) * (t_s - from_s) / (to_s - from_s)
                }
            }
            Profile::Spike {
                at_s,
                duration_s,
                rate_rps,
            } => {
                if t_s >= *at_s && t_s < at_s + duration_s {
                    *rate_rps
                } else {
                    base
                }
            }
        }
    }

    /// The highest open-loop rate over the run (the thinning envelope).
    pub fn max_rate(&self) -> f64 {
        let base = self.load.rate_rps;
        match &self.load.profile {
            Profile::Constant => base,
            Profile::Steps { steps } => steps.iter().map(|s| s.rate_rps).fold(base, f64::max),
            Profile::Ramp { to_rps, .. } => base.max(*to_rps),
            Profile::Spike { rate_rps, .. } => base.max(*rate_rps),
        }
    }

    /// Mean open-loop rate over the measured period (for trace sampling).
    pub fn mean_rate(&self) -> f64 {
        let from = self.warmup as f64 / 1e9;
        let to = self.duration as f64 / 1e9;
        let n = 200;
        let dt = (to - from) / n as f64;
        (0..n)
            .map(|i| self.rate_at(from + (i as f64 + 0.5) * dt))
            .sum::<f64>()
            / n as f64
    }
}
