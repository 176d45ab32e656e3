//! Structural edits of a scenario, as the simulator's editor makes them:
//! adding, renaming and removing services and calls so that every reference
//! (the entry, calls' targets, faults) stays consistent, and the design
//! variants a comparison starts from (timeouts added, retries removed, …).
//!
//! Edits never panic on a stale index: they do nothing instead. They do not
//! validate; the editor validates the result like any other draft.

use super::scenario::*;

/// A service with modest defaults, named `service-N` (the first free N).
pub fn add_service(s: &mut Scenario) -> usize {
    let name = (1..)
        .map(|n| format!("service-{n}"))
        .find(|name| s.service(name).is_none())
        .unwrap_or_else(|| "service".to_string());
    s.services.push(ServiceSpec {
        name,
        workers: 8,
        queue_capacity: Some(100),
        service_time: Dist::Exponential { mean_ms: 10.0 },
        replicas: 1,
        balancer: Balancer::default(),
        discipline: Discipline::default(),
        work_after_calls: 0.0,
        call_order: CallOrder::default(),
        calls: Vec::new(),
        shed_after_ms: None,
        rate_limit: None,
        slowdown_per_inflight_ms: 0.0,
    });
    s.services.len() - 1
}

/// Renames a service and every reference to it. Returns false (and changes
/// nothing) when the index is stale.
pub fn rename_service(s: &mut Scenario, index: usize, new_name: &str) -> bool {
    let Some(old) = s.services.get(index).map(|svc| svc.name.clone()) else {
        return false;
    };
    if s.entry == old {
        s.entry = new_name.to_string();
    }
    for svc in &mut s.services {
        for call in &mut svc.calls {
            if call.to == old {
                call.to = new_name.to_string();
            }
        }
    }
    for fault in &mut s.faults {
        if fault.service == old {
            fault.service = new_name.to_string();
        }
    }
    s.services[index].name = new_name.to_string();
    true
}

/// Removes a service, the calls to it and its faults. If it was the entry,
/// the first remaining service becomes the entry. The last service stays
/// (a scenario needs one); returns whether anything was removed.
pub fn remove_service(s: &mut Scenario, index: usize) -> bool {
    if index >= s.services.len() || s.services.len() == 1 {
        return false;
    }
    let removed = s.services.remove(index);
    for svc in &mut s.services {
        svc.calls.retain(|call| call.to != removed.name);
    }
    s.faults.retain(|fault| fault.service != removed.name);
    if s.entry == removed.name {
        s.entry = s.services[0].name.clone();
    }
    true
}

/// A plain synchronous call from service `from` to the service named `to`.
/// Returns the new call's index.
pub fn add_call(s: &mut Scenario, from: usize, to: &str) -> Option<usize> {
    let svc = s.services.get_mut(from)?;
    svc.calls.push(CallSpec {
        to: to.to_string(),
        mode: CallMode::Sync,
        timeout_ms: None,
        probability: 1.0,
        optional: false,
        network: None,
        retry: None,
        circuit_breaker: None,
        bulkhead: None,
        queue: None,
    });
    Some(svc.calls.len() - 1)
}

pub fn remove_call(s: &mut Scenario, from: usize, call: usize) -> bool {
    match s.services.get_mut(from) {
        Some(svc) if call < svc.calls.len() => {
            svc.calls.remove(call);
            true
        }
        _ => false,
    }
}

/// Switches a call between sync and async, dropping what only the other
/// mode supports (breakers and bulkheads are sync-only, broker queues
/// async-only) so the result stays valid.
pub fn set_call_mode(call: &mut CallSpec, mode: CallMode) {
    call.mode = mode;
    match mode {
        CallMode::Sync => call.queue = None,
        CallMode::Async => {
            call.circuit_breaker = None;
            call.bulkhead = None;
        }
    }
}

/// A fault on `service` in the middle third of the run.
pub fn add_fault(s: &mut Scenario, service: &str) {
    let third = (s.duration_s / 3.0).floor().max(0.0);
    s.faults.push(FaultSpec {
        service: service.to_string(),
        kind: FaultKind::Slow,
        from_s: third,
        to_s: (third * 2.0).max(third + 1.0),
        replica: None,
        factor: Some(10.0),
        rate: None,
        replicas: None,
    });
}

/// Changes a fault's kind, setting the parameter the new kind needs and
/// clearing those it does not take.
pub fn set_fault_kind(fault: &mut FaultSpec, kind: FaultKind) {
    fault.kind = kind;
    fault.factor = match kind {
        FaultKind::Slow => fault.factor.or(Some(10.0)),
        _ => None,
    };
    fault.rate = match kind {
        FaultKind::Error => fault.rate.or(Some(0.5)),
        _ => None,
    };
    if kind != FaultKind::Down {
        fault.replicas = None;
    }
}

/// Design variants a comparison can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Copy,
    WithTimeouts,
    WithoutRetries,
    WithRetryBudget,
    WithBreakers,
    WithBulkheads,
    AllAsync,
}

impl Variant {
    pub const ALL: [Variant; 7] = [
        Variant::Copy,
        Variant::WithTimeouts,
        Variant::WithoutRetries,
        Variant::WithRetryBudget,
        Variant::WithBreakers,
        Variant::WithBulkheads,
        Variant::AllAsync,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Variant::Copy => "copy",
            Variant::WithTimeouts => "timeouts",
            Variant::WithoutRetries => "no-retries",
            Variant::WithRetryBudget => "retry-budget",
            Variant::WithBreakers => "breakers",
            Variant::WithBulkheads => "bulkheads",
            Variant::AllAsync => "async",
        }
    }

    pub fn from_id(id: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Variant::Copy => "an exact copy (then edit it)",
            Variant::WithTimeouts => "timeouts on every synchronous call",
            Variant::WithoutRetries => "no retries anywhere",
            Variant::WithRetryBudget => "retries with backoff, jitter and a budget",
            Variant::WithBreakers => "a circuit breaker on every synchronous call",
            Variant::WithBulkheads => "a bulkhead on every synchronous call",
            Variant::AllAsync => "every call between services asynchronous",
        }
    }

    /// The suffix the variant adds to the scenario's name.
    fn suffix(self) -> &'static str {
        match self {
            Variant::Copy => "copy",
            Variant::WithTimeouts => "with timeouts",
            Variant::WithoutRetries => "without retries",
            Variant::WithRetryBudget => "with a retry budget",
            Variant::WithBreakers => "with circuit breakers",
            Variant::WithBulkheads => "with bulkheads",
            Variant::AllAsync => "all async",
        }
    }
}

/// Applies a variant to a copy of the scenario.
pub fn variant(base: &Scenario, variant: Variant) -> Scenario {
    let mut s = base.clone();
    let mut name = format!("{} ({})", base.name, variant.suffix());
    if name.len() > 200 {
        name = variant.suffix().to_string();
    }
    s.name = name;
    // The time a call normally takes: the callee's own mean work plus what
    // it waits for in turn (sequential calls; a rough bound, for defaults).
    let typical = |name: &str| typical_ms(base, name, 0);
    for svc in &mut s.services {
        let workers = svc.workers;
        for call in &mut svc.calls {
            let sync = call.mode == CallMode::Sync;
            match variant {
                Variant::Copy => {}
                Variant::WithTimeouts if sync && call.timeout_ms.is_none() => {
                    call.timeout_ms = Some((typical(&call.to) * 4.0).clamp(20.0, 10_000.0).round());
                }
                Variant::WithTimeouts => {}
                Variant::WithoutRetries => call.retry = None,
                Variant::WithRetryBudget => {
                    let attempts = call.retry.as_ref().map_or(3, |r| r.max_attempts.max(2));
                    let base_ms = (typical(&call.to) / 2.0).clamp(5.0, 1000.0).round();
                    call.retry = Some(RetrySpec {
                        max_attempts: attempts,
                        backoff: BackoffSpec {
                            kind: BackoffKind::FullJitter,
                            base_ms,
                            cap_ms: Some(base_ms * 20.0),
                        },
                        budget: Some(RetryBudgetSpec {
                            ratio: 0.1,
                            max_tokens: 10.0,
                        }),
                    });
                }
                Variant::WithBreakers if sync => {
                    call.circuit_breaker = Some(BreakerSpec {
                        failure_rate: 0.5,
                        window_s: 10.0,
                        min_calls: 20,
                        open_ms: 5000.0,
                        half_open_calls: 3,
                    });
                }
                Variant::WithBulkheads if sync => {
                    call.bulkhead = Some(BulkheadSpec {
                        max_concurrent: (workers / 2).max(1),
                    });
                }
                Variant::AllAsync => set_call_mode(call, CallMode::Async),
                _ => {}
            }
        }
    }
    if variant == Variant::WithoutRetries {
        s.client.retry = None;
    }
    s
}

/// A rough typical response time of a service (own mean work plus its
/// sequential calls' typical times, weighted by their probability). Depth
/// is bounded so a cyclic draft cannot recurse forever.
fn typical_ms(s: &Scenario, name: &str, depth: usize) -> f64 {
    let Some(svc) = s.service(name) else {
        return 0.0;
    };
    let own = svc.service_time.mean_ms();
    if depth > s.services.len() {
        return own;
    }
    own + svc
        .calls
        .iter()
        .filter(|c| c.mode == CallMode::Sync)
        .map(|c| c.probability * typical_ms(s, &c.to, depth + 1))
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    const CHAIN: &str = r#"{ "name": "chain", "duration_s": 60, "load": { "rate_rps": 10 }, "entry": "a",
        "client": { "retry": { "max_attempts": 2 } },
        "services": [
          { "name": "a", "workers": 4, "service_time": { "dist": "constant", "mean_ms": 5 },
            "calls": [ { "to": "b", "mode": "sync", "retry": { "max_attempts": 3 } } ] },
          { "name": "b", "workers": 2, "service_time": { "dist": "constant", "mean_ms": 20 },
            "calls": [ { "to": "c", "mode": "async" } ] },
          { "name": "c", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 1 } } ],
        "faults": [ { "service": "b", "kind": "slow", "factor": 5, "from_s": 10, "to_s": 20 } ] }"#;

    fn chain() -> Scenario {
        Scenario::from_json_str(CHAIN).expect("valid")
    }

    #[test]
    fn renaming_updates_every_reference() {
        let mut s = chain();
        assert!(rename_service(&mut s, 1, "bee"));
        assert_eq!(s.services[0].calls[0].to, "bee");
        assert_eq!(s.faults[0].service, "bee");
        assert!(rename_service(&mut s, 0, "front"));
        assert_eq!(s.entry, "front");
        assert!(validate(&s).is_ok());
        assert!(!rename_service(&mut s, 9, "x"));
    }

    #[test]
    fn removing_a_service_removes_its_calls_and_faults() {
        let mut s = chain();
        assert!(remove_service(&mut s, 1));
        assert!(s.services[0].calls.is_empty());
        assert!(s.faults.is_empty());
        assert!(validate(&s).is_ok());
        assert!(remove_service(&mut s, 0));
        assert_eq!(s.entry, "c");
        assert!(!remove_service(&mut s, 0), "the last service stays");
        assert!(validate(&s).is_ok());
    }

    #[test]
    fn added_services_calls_and_faults_are_valid() {
        let mut s = chain();
        let i = add_service(&mut s);
        assert_eq!(s.services[i].name, "service-1");
        assert_eq!(add_service(&mut s), i + 1);
        assert_eq!(s.services[i + 1].name, "service-2");
        assert_eq!(add_call(&mut s, 2, "service-1"), Some(0));
        add_fault(&mut s, "service-1");
        assert!(validate(&s).is_ok(), "{:?}", validate(&s));
        assert!(remove_call(&mut s, 2, 0));
        assert!(!remove_call(&mut s, 2, 5));
        assert_eq!(add_call(&mut s, 99, "a"), None);
    }

    #[test]
    fn mode_and_fault_kind_changes_keep_the_scenario_valid() {
        let mut s = variant(&chain(), Variant::WithBreakers);
        set_call_mode(&mut s.services[0].calls[0], CallMode::Async);
        assert!(s.services[0].calls[0].circuit_breaker.is_none());
        set_call_mode(&mut s.services[1].calls[0], CallMode::Sync);
        assert!(validate(&s).is_ok(), "{:?}", validate(&s));
        for kind in [
            FaultKind::Error,
            FaultKind::Hang,
            FaultKind::Down,
            FaultKind::Slow,
        ] {
            set_fault_kind(&mut s.faults[0], kind);
            assert!(validate(&s).is_ok(), "{kind:?}: {:?}", validate(&s));
        }
    }

    #[test]
    fn every_variant_is_valid_and_does_what_it_says() {
        for v in Variant::ALL {
            let s = variant(&chain(), v);
            assert!(validate(&s).is_ok(), "{v:?}: {:?}", validate(&s));
            assert_eq!(Variant::from_id(v.id()), Some(v));
            assert!(s.name.starts_with("chain ("));
        }
        let t = variant(&chain(), Variant::WithTimeouts);
        // b takes 20 ms and calls c asynchronously: 4 × 20 ms.
        assert_eq!(t.services[0].calls[0].timeout_ms, Some(80.0));
        assert_eq!(
            t.services[1].calls[0].timeout_ms, None,
            "async calls keep theirs"
        );
        let n = variant(&chain(), Variant::WithoutRetries);
        assert!(n.services[0].calls[0].retry.is_none() && n.client.retry.is_none());
        let a = variant(&chain(), Variant::AllAsync);
        assert!(a
            .services
            .iter()
            .flat_map(|s| &s.calls)
            .all(|c| c.mode == CallMode::Async));
        let b = variant(&chain(), Variant::WithRetryBudget);
        let retry = b.services[0].calls[0].retry.as_ref().expect("retry");
        assert_eq!(retry.max_attempts, 3);
        assert!(retry.budget.is_some());
    }
}
