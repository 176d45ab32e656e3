//! Random valid scenarios: a directed acyclic call graph of one to six
//! services with sync and async calls, retries, breakers, bulkheads, broker
//! queues, replicas, faults and a load profile, sized to run in a few
//! milliseconds. Calls only go from a service to a later one, so the graph
//! never has a cycle; every number stays inside the validator's limits.

use faultline_engine::{
    BackoffKind, BackoffSpec, Balancer, BreakerSpec, BrokerSpec, BulkheadSpec, CallMode, CallOrder,
    CallSpec, ClientSpec, Discipline, Dist, FaultKind, FaultSpec, LoadSpec, MetricsSpec, OnFull,
    Profile, RateLimitSpec, RateStep, RetryBudgetSpec, RetrySpec, Scenario, ServiceSpec,
};

use crate::gen::Gen;

fn dist(g: &mut Gen, mean_ms: f64) -> Dist {
    match g.below(5) {
        0 => Dist::Exponential { mean_ms },
        1 => Dist::Constant { mean_ms },
        2 => Dist::Lognormal {
            mean_ms,
            stddev_ms: mean_ms * g.float(0.1, 2.0),
        },
        3 => Dist::Uniform {
            min_ms: mean_ms * 0.5,
            max_ms: mean_ms * 1.5,
        },
        _ => Dist::Erlang {
            mean_ms,
            k: g.between(1, 5) as u32,
        },
    }
}

fn retry(g: &mut Gen) -> RetrySpec {
    let kind = *g.pick(&[
        BackoffKind::None,
        BackoffKind::Constant,
        BackoffKind::Exponential,
        BackoffKind::FullJitter,
        BackoffKind::EqualJitter,
        BackoffKind::DecorrelatedJitter,
    ]);
    let base_ms = g.float(1.0, 50.0);
    RetrySpec {
        max_attempts: g.between(1, 4) as u32,
        backoff: BackoffSpec {
            kind,
            base_ms,
            cap_ms: g.one_in(2).then(|| base_ms * g.float(1.0, 20.0)),
        },
        budget: g.one_in(3).then(|| RetryBudgetSpec {
            ratio: g.float(0.05, 0.5),
            max_tokens: g.float(1.0, 20.0),
        }),
    }
}

fn call(g: &mut Gen, to: &str) -> CallSpec {
    let mode = if g.one_in(4) {
        CallMode::Async
    } else {
        CallMode::Sync
    };
    let sync = mode == CallMode::Sync;
    CallSpec {
        to: to.to_string(),
        mode,
        timeout_ms: (sync && g.one_in(2)).then(|| g.float(5.0, 500.0)),
        probability: if g.one_in(3) { g.float(0.0, 1.0) } else { 1.0 },
        optional: g.one_in(4),
        network: g.one_in(3).then(|| {
            let mean_ms = g.float(0.1, 5.0);
            dist(g, mean_ms)
        }),
        retry: g.one_in(2).then(|| retry(g)),
        circuit_breaker: (sync && g.one_in(3)).then(|| BreakerSpec {
            failure_rate: g.float(0.1, 0.9),
            window_s: g.float(1.0, 10.0),
            min_calls: g.between(1, 20) as u32,
            open_ms: g.float(10.0, 2000.0),
            half_open_calls: g.between(1, 5) as u32,
        }),
        bulkhead: (sync && g.one_in(4)).then(|| BulkheadSpec {
            max_concurrent: g.between(1, 20) as u32,
        }),
        queue: (!sync && g.one_in(2)).then(|| BrokerSpec {
            capacity: g.one_in(2).then(|| g.between(1, 200) as u32),
            on_full: if g.one_in(2) {
                OnFull::Reject
            } else {
                OnFull::Block
            },
        }),
    }
}

fn service(g: &mut Gen, index: usize, count: usize) -> ServiceSpec {
    let later: Vec<usize> = (index + 1..count).collect();
    let mut calls = Vec::new();
    if !later.is_empty() {
        for _ in 0..g.below(4) {
            let to = *g.pick(&later);
            calls.push(call(g, &format!("svc-{to}")));
        }
    }
    let mean_ms = g.float(0.5, 40.0);
    ServiceSpec {
        name: format!("svc-{index}"),
        workers: g.between(1, 16) as u32,
        queue_capacity: g.one_in(2).then(|| g.between(0, 500) as u32),
        service_time: dist(g, mean_ms),
        replicas: g.between(1, 4) as u32,
        balancer: *g.pick(&[
            Balancer::RoundRobin,
            Balancer::LeastOutstanding,
            Balancer::Random,
        ]),
        discipline: *g.pick(&[Discipline::Fifo, Discipline::Lifo, Discipline::AdaptiveLifo]),
        work_after_calls: if g.one_in(2) { g.float(0.0, 1.0) } else { 0.0 },
        call_order: if g.one_in(2) {
            CallOrder::Parallel
        } else {
            CallOrder::Sequential
        },
        calls,
        shed_after_ms: g.one_in(5).then(|| g.float(10.0, 1000.0)),
        rate_limit: g.one_in(6).then(|| RateLimitSpec {
            rate_rps: g.float(10.0, 500.0),
            burst: g.float(1.0, 50.0),
        }),
        slowdown_per_inflight_ms: if g.one_in(6) { g.float(0.0, 2.0) } else { 0.0 },
    }
}

fn load(g: &mut Gen, duration_s: f64) -> LoadSpec {
    if g.one_in(5) {
        return LoadSpec {
            rate_rps: 0.0,
            profile: Profile::Constant,
            users: Some(g.between(1, 60) as u32),
            think_ms: Some(g.float(0.0, 200.0)),
        };
    }
    let rate_rps = g.float(5.0, 300.0);
    let profile = match g.below(4) {
        0 => Profile::Constant,
        1 => {
            let mut at = 0.0;
            let steps = (0..g.between(1, 4))
                .map(|_| {
                    at += g.float(0.1, duration_s / 2.0);
                    RateStep {
                        at_s: at,
                        rate_rps: g.float(0.0, 300.0),
                    }
                })
                .collect();
            Profile::Steps { steps }
        }
        2 => {
            let from_s = g.float(0.0, duration_s / 2.0);
            Profile::Ramp {
                from_s,
                to_s: from_s + g.float(0.1, duration_s),
                to_rps: g.float(0.0, 300.0),
            }
        }
        _ => Profile::Spike {
            at_s: g.float(0.0, duration_s),
            duration_s: g.float(0.1, duration_s / 2.0),
            rate_rps: g.float(0.0, 600.0),
        },
    };
    LoadSpec {
        rate_rps,
        profile,
        users: None,
        think_ms: None,
    }
}

fn fault(g: &mut Gen, services: &[ServiceSpec], duration_s: f64) -> FaultSpec {
    let target = g.pick(services);
    let from_s = g.float(0.0, duration_s);
    let kind = *g.pick(&[
        FaultKind::Slow,
        FaultKind::Error,
        FaultKind::Hang,
        FaultKind::Down,
    ]);
    let replica = g
        .one_in(2)
        .then(|| g.below(target.replicas as usize) as u32);
    FaultSpec {
        service: target.name.clone(),
        kind,
        from_s,
        to_s: from_s + g.float(0.1, duration_s),
        replica,
        factor: (kind == FaultKind::Slow).then(|| g.float(1.5, 10.0)),
        rate: (kind == FaultKind::Error).then(|| g.float(0.0, 1.0)),
        replicas: (kind == FaultKind::Down && replica.is_none() && g.one_in(2))
            .then(|| g.between(1, u64::from(target.replicas)) as u32),
    }
}

/// A random valid scenario that simulates in a few milliseconds.
pub fn scenario(g: &mut Gen) -> Scenario {
    let duration_s = g.float(1.0, 8.0);
    let count = g.between(1, 6) as usize;
    let services: Vec<ServiceSpec> = (0..count).map(|i| service(g, i, count)).collect();
    let faults = (0..g.below(3))
        .map(|_| fault(g, &services, duration_s))
        .collect();
    Scenario {
        name: format!("generated {}", g.below(1_000_000)),
        description: String::new(),
        article: None,
        seed: g.u64(),
        duration_s,
        warmup_s: if g.one_in(2) {
            g.float(0.0, duration_s / 2.0)
        } else {
            0.0
        },
        load: load(g, duration_s),
        entry: "svc-0".to_string(),
        services,
        client: ClientSpec {
            timeout_ms: g.one_in(2).then(|| g.float(10.0, 2000.0)),
            retry: g.one_in(3).then(|| retry(g)),
            deadline_ms: g.one_in(3).then(|| g.float(10.0, 2000.0)),
        },
        faults,
        metrics: MetricsSpec {
            bucket_s: *g.pick(&[0.1, 0.25, 0.5, 1.0]),
            traces: g.between(0, 20) as u32,
        },
    }
}
