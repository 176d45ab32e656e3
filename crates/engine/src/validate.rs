//! Checks a parsed scenario before anything runs.
//!
//! Every problem is reported with the path of the field (as in the JSON:
//! `services[1].calls[0].to`) and the reason, all at once, so an editor can
//! show each message next to its field. This is also where absurd scenarios
//! (work that would take hours, memory that would not fit) are refused.

use std::collections::BTreeMap;
use std::fmt;

use super::scenario::*;

/// Hard limits on a scenario's size. They keep a run bounded in time and
/// memory whatever a user (or a tampered link) asks for.
pub mod limits {
    /// Longest simulated run (one day).
    pub const MAX_DURATION_S: f64 = 86_400.0;
    /// Highest arrival rate at any time.
    pub const MAX_RATE_RPS: f64 = 1_000_000.0;
    pub const MAX_USERS: u32 = 1_000_000;
    pub const MAX_SERVICES: usize = 64;
    pub const MAX_CALLS_PER_SERVICE: usize = 16;
    pub const MAX_WORKERS: u32 = 100_000;
    pub const MAX_REPLICAS: u32 = 100;
    pub const MAX_ATTEMPTS: u32 = 10;
    /// Longest single delay (service time mean, timeout, backoff): one hour.
    pub const MAX_DELAY_MS: f64 = 3_600_000.0;
    /// Worst-case number of service visits the whole run could cause
    /// (arrivals × fan-out × attempts at every layer).
    pub const MAX_WORK: f64 = 2.0e9;
    /// Time-series buckets kept per run.
    pub const MAX_BUCKETS: f64 = 20_000.0;
    pub const MAX_TRACES: u32 = 1_000;
    pub const MAX_FAULTS: usize = 64;
    pub const MAX_STEPS: usize = 1_000;
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where, as a JSON path (`services[0].workers`); empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a scenario was refused: one or more field errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub errors: Vec<FieldError>,
}

impl ScenarioError {
    /// A JSON error at `path`, the JSON path where it happened (`.` or
    /// empty for the document itself; ignored for broken syntax).
    pub(crate) fn from_json(path: &str, err: serde_json::Error) -> ScenarioError {
        let (path, message) = match err.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                (String::new(), format!("not valid JSON: {err}"))
            }
            _ => (path.trim_matches('.').to_string(), format!("{err}")),
        };
        ScenarioError {
            errors: vec![FieldError { path, message }],
        }
    }

    pub fn single(path: &str, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            errors: vec![FieldError {
                path: path.to_string(),
                message: message.into(),
            }],
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// Collects errors while walking the scenario.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    /// A finite number within `[min, max]`.
    fn number(&mut self, path: &str, value: f64, min: f64, max: f64) -> bool {
        if !value.is_finite() {
            self.fail(path, "must be a finite number");
            false
        } else if value < min || value > max {
            self.fail(
                path,
                format!("must be between {min} and {max}, got {value}"),
            );
            false
        } else {
            true
        }
    }

    /// A finite number greater than zero and at most `max`.
    fn positive(&mut self, path: &str, value: f64, max: f64) -> bool {
        if !value.is_finite() {
            self.fail(path, "must be a finite number");
            false
        } else if value <= 0.0 {
            self.fail(path, format!("must be greater than 0, got {value}"));
            false
        } else if value > max {
            self.fail(path, format!("must be at most {max}, got {value}"));
            false
        } else {
            true
        }
    }

    fn dist(&mut self, path: &str, dist: &Dist) {
        let max = limits::MAX_DELAY_MS;
        match *dist {
            Dist::Exponential { mean_ms } | Dist::Constant { mean_ms } => {
                self.number(&format!("{path}.mean_ms"), mean_ms, 0.0, max);
            }
            Dist::Lognormal { mean_ms, stddev_ms } => {
                self.positive(&format!("{path}.mean_ms"), mean_ms, max);
                self.number(&format!("{path}.stddev_ms"), stddev_ms, 0.0, max);
            }
            Dist::Uniform { min_ms, max_ms } => {
                let a = self.number(&format!("{path}.min_ms"), min_ms, 0.0, max);
                let b = self.number(&format!("{path}.max_ms"), max_ms, 0.0, max);
                if a && b && max_ms < min_ms {
                    self.fail(format!("{path}.max_ms"), "must not be below min_ms");
                }
            }
            Dist::Erlang { mean_ms, k } => {
                self.number(&format!("{path}.mean_ms"), mean_ms, 0.0, max);
                if k == 0 || k > 100 {
                    self.fail(
                        format!("{path}.k"),
                        format!("must be between 1 and 100, got {k}"),
                    );
                }
            }
        }
    }

    fn retry(&mut self, path: &str, retry: &RetrySpec) {
        if retry.max_attempts == 0 || retry.max_attempts > limits::MAX_ATTEMPTS {
            self.fail(
                format!("{path}.max_attempts"),
                format!(
                    "must be between 1 and {} (attempts in all, the first included), got {}",
                    limits::MAX_ATTEMPTS,
                    retry.max_attempts
                ),
            );
        }
        let b = &retry.backoff;
        self.number(
            &format!("{path}.backoff.base_ms"),
            b.base_ms,
            0.0,
            limits::MAX_DELAY_MS,
        );
        if b.kind != BackoffKind::None && b.kind != BackoffKind::Constant && b.base_ms <= 0.0 {
            self.fail(
                format!("{path}.backoff.base_ms"),
                "must be greater than 0 for this backoff kind",
            );
        }
        if let Some(cap) = b.cap_ms {
            if self.positive(&format!("{path}.backoff.cap_ms"), cap, limits::MAX_DELAY_MS)
                && cap < b.base_ms
            {
                self.fail(
                    format!("{path}.backoff.cap_ms"),
                    "must not be below base_ms",
                );
            }
        }
        if let Some(budget) = &retry.budget {
            self.number(&format!("{path}.budget.ratio"), budget.ratio, 0.0, 10.0);
            self.number(
                &format!("{path}.budget.max_tokens"),
                budget.max_tokens,
                1.0,
                1.0e6,
            );
        }
    }
}

/// Validates everything; returns all problems at once.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    let mut c = Checker { errors: Vec::new() };

    if s.name.trim().is_empty() {
        c.fail("name", "must not be empty");
    }
    if s.name.len() > 200 {
        c.fail("name", "must be at most 200 characters");
    }
    c.positive("duration_s", s.duration_s, limits::MAX_DURATION_S);
    if c.number("warmup_s", s.warmup_s, 0.0, limits::MAX_DURATION_S) && s.warmup_s >= s.duration_s {
        c.fail("warmup_s", "must be shorter than duration_s");
    }

    let max_rate = check_load(&mut c, s);

    // Services: names, sizes, distributions, policies.
    if s.services.is_empty() {
        c.fail("services", "needs at least one service");
    }
    if s.services.len() > limits::MAX_SERVICES {
        c.fail(
            "services",
            format!("at most {} services", limits::MAX_SERVICES),
        );
    }
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, svc) in s.services.iter().enumerate() {
        let p = format!("services[{i}]");
        if svc.name.trim().is_empty() {
            c.fail(format!("{p}.name"), "must not be empty");
        } else if svc.name.len() > 60 {
            c.fail(format!("{p}.name"), "must be at most 60 characters");
        } else if index.insert(svc.name.as_str(), i).is_some() {
            c.fail(
                format!("{p}.name"),
                format!("duplicate service name \"{}\"", svc.name),
            );
        }
    }
    if !s.services.is_empty() && !index.contains_key(s.entry.as_str()) {
        c.fail("entry", format!("unknown service \"{}\"", s.entry));
    }
    for (i, svc) in s.services.iter().enumerate() {
        check_service(&mut c, &format!("services[{i}]"), svc, &index);
    }
    check_client(&mut c, &s.client);
    check_faults(&mut c, s, &index);

    if s.metrics.bucket_s.is_finite() && s.duration_s.is_finite() && s.duration_s > 0.0 {
        if c.positive(
            "metrics.bucket_s",
            s.metrics.bucket_s,
            limits::MAX_DURATION_S,
        ) && s.duration_s / s.metrics.bucket_s > limits::MAX_BUCKETS
        {
            c.fail(
                "metrics.bucket_s",
                format!(
                    "gives {:.0} buckets; at most {} (use wider buckets)",
                    (s.duration_s / s.metrics.bucket_s).ceil(),
                    limits::MAX_BUCKETS
                ),
            );
        }
    } else {
        c.positive(
            "metrics.bucket_s",
            s.metrics.bucket_s,
            limits::MAX_DURATION_S,
        );
    }
    if s.metrics.traces > limits::MAX_TRACES {
        c.fail("metrics.traces", format!("at most {}", limits::MAX_TRACES));
    }

    // Graph-level checks only make sense once the names resolve.
    if c.errors.is_empty() {
        if let Some(cycle) = find_cycle(s, &index) {
            c.fail(
                "services",
                format!(
                    "calls form a cycle ({}); a request would call itself forever",
                    cycle.join(" → ")
                ),
            );
        } else if let Some(rate) = max_rate {
            check_work(&mut c, s, &index, rate);
        }
    }

    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(ScenarioError { errors: c.errors })
    }
}

/// Checks the load; returns the highest arrival rate (requests per second)
/// when it is valid.
fn check_load(c: &mut Checker, s: &Scenario) -> Option<f64> {
    let load = &s.load;
    if let Some(users) = load.users {
        if users == 0 || users > limits::MAX_USERS {
            c.fail(
                "load.users",
                format!("must be between 1 and {}", limits::MAX_USERS),
            );
            return None;
        }
        let think = load.think_ms.unwrap_or(0.0);
        if !c.number("load.think_ms", think, 0.0, limits::MAX_DELAY_MS) {
            return None;
        }
        if load.profile != Profile::Constant {
            c.fail(
                "load.profile",
                "closed-loop users (load.users) take no rate profile",
            );
        }
        // A closed loop cannot send faster than its users think and wait; the
        // service time bounds it below, so use think time (or 1 ms) as a bound.
        return Some(users as f64 * 1000.0 / think.max(1.0));
    }
    if load.think_ms.is_some() {
        c.fail(
            "load.think_ms",
            "only applies with load.users (closed loop)",
        );
    }
    let mut ok = c.number("load.rate_rps", load.rate_rps, 0.0, limits::MAX_RATE_RPS);
    let mut max_rate = load.rate_rps;
    match &load.profile {
        Profile::Constant => {
            if ok && load.rate_rps == 0.0 {
                c.fail(
                    "load.rate_rps",
                    "must be greater than 0 (or set load.users)",
                );
                ok = false;
            }
        }
        Profile::Steps { steps } => {
            if steps.is_empty() || steps.len() > limits::MAX_STEPS {
                c.fail(
                    "load.profile.steps",
                    format!("needs 1 to {} steps", limits::MAX_STEPS),
                );
                ok = false;
            }
            let mut last = f64::NEG_INFINITY;
            for (i, step) in steps.iter().enumerate() {
                let p = format!("load.profile.steps[{i}]");
                ok &= c.number(&format!("{p}.at_s"), step.at_s, 0.0, limits::MAX_DURATION_S);
                ok &= c.number(
                    &format!("{p}.rate_rps"),
                    step.rate_rps,
                    0.0,
                    limits::MAX_RATE_RPS,
                );
                if step.at_s <= last {
                    c.fail(
                        format!("{p}.at_s"),
                        "steps must be in increasing time order",
                    );
                    ok = false;
                }
                last = step.at_s;
                max_rate = max_rate.max(step.rate_rps);
            }
        }
        Profile::Ramp {
            from_s,
            to_s,
            to_rps,
        } => {
            ok &= c.number("load.profile.from_s", *from_s, 0.0, limits::MAX_DURATION_S);
            ok &= c.number("load.profile.to_s", *to_s, 0.0, limits::MAX_DURATION_S);
            ok &= c.number("load.profile.to_rps", *to_rps, 0.0, limits::MAX_RATE_RPS);
            if ok && to_s <= from_s {
                c.fail("load.profile.to_s", "must be after from_s");
                ok = false;
            }
            max_rate = max_rate.max(*to_rps);
        }
        Profile::Spike {
            at_s,
            duration_s,
            rate_rps,
        } => {
            ok &= c.number("load.profile.at_s", *at_s, 0.0, limits::MAX_DURATION_S);
            ok &= c.positive(
                "load.profile.duration_s",
                *duration_s,
                limits::MAX_DURATION_S,
            );
            ok &= c.number(
                "load.profile.rate_rps",
                *rate_rps,
                0.0,
                limits::MAX_RATE_RPS,
            );
            max_rate = max_rate.max(*rate_rps);
        }
    }
    if ok && max_rate <= 0.0 {
        c.fail(
            "load",
            "the rate is zero all the time: no request would arrive",
        );
        ok = false;
    }
    ok.then_some(max_rate)
}

fn check_service(c: &mut Checker, p: &str, svc: &ServiceSpec, index: &BTreeMap<&str, usize>) {
    if svc.workers == 0 || svc.workers > limits::MAX_WORKERS {
        c.fail(
            format!("{p}.workers"),
            format!(
                "must be between 1 and {}, got {}",
                limits::MAX_WORKERS,
                svc.workers
            ),
        );
    }
    if let Some(q) = svc.queue_capacity {
        if q > 10_000_000 {
            c.fail(
                format!("{p}.queue_capacity"),
                "at most 10000000 (or null for unbounded)",
            );
        }
    }
    if svc.replicas == 0 || svc.replicas > limits::MAX_REPLICAS {
        c.fail(
            format!("{p}.replicas"),
            format!(
                "must be between 1 and {}, got {}",
                limits::MAX_REPLICAS,
                svc.replicas
            ),
        );
    }
    c.dist(&format!("{p}.service_time"), &svc.service_time);
    c.number(
        &format!("{p}.work_after_calls"),
        svc.work_after_calls,
        0.0,
        1.0,
    );
    if let Some(shed) = svc.shed_after_ms {
        c.positive(&format!("{p}.shed_after_ms"), shed, limits::MAX_DELAY_MS);
    }
    if let Some(rl) = &svc.rate_limit {
        c.positive(
            &format!("{p}.rate_limit.rate_rps"),
            rl.rate_rps,
            limits::MAX_RATE_RPS,
        );
        c.number(&format!("{p}.rate_limit.burst"), rl.burst, 1.0, 1.0e7);
    }
    c.number(
        &format!("{p}.slowdown_per_inflight_ms"),
        svc.slowdown_per_inflight_ms,
        0.0,
        limits::MAX_DELAY_MS,
    );
    if svc.calls.len() > limits::MAX_CALLS_PER_SERVICE {
        c.fail(
            format!("{p}.calls"),
            format!("at most {} calls", limits::MAX_CALLS_PER_SERVICE),
        );
    }
    for (j, call) in svc.calls.iter().enumerate() {
        let cp = format!("{p}.calls[{j}]");
        if !index.contains_key(call.to.as_str()) {
            c.fail(
                format!("{cp}.to"),
                format!("unknown service \"{}\"", call.to),
            );
        } else if call.to == svc.name {
            c.fail(format!("{cp}.to"), "a service cannot call itself");
        }
        if let Some(t) = call.timeout_ms {
            c.positive(&format!("{cp}.timeout_ms"), t, limits::MAX_DELAY_MS);
        }
        c.number(&format!("{cp}.probability"), call.probability, 0.0, 1.0);
        if let Some(net) = &call.network {
            c.dist(&format!("{cp}.network"), net);
        }
        if let Some(r) = &call.retry {
            c.retry(&format!("{cp}.retry"), r);
        }
        if let Some(b) = &call.circuit_breaker {
            let bp = format!("{cp}.circuit_breaker");
            c.number(&format!("{bp}.failure_rate"), b.failure_rate, 0.01, 1.0);
            c.number(&format!("{bp}.window_s"), b.window_s, 1.0, 3600.0);
            if b.min_calls == 0 {
                c.fail(format!("{bp}.min_calls"), "must be at least 1");
            }
            c.positive(&format!("{bp}.open_ms"), b.open_ms, limits::MAX_DELAY_MS);
            if b.half_open_calls == 0 || b.half_open_calls > 1000 {
                c.fail(
                    format!("{bp}.half_open_calls"),
                    "must be between 1 and 1000",
                );
            }
        }
        if let Some(b) = &call.bulkhead {
            if b.max_concurrent == 0 {
                c.fail(
                    format!("{cp}.bulkhead.max_concurrent"),
                    "must be at least 1",
                );
            }
        }
        match call.mode {
            CallMode::Sync => {
                if call.queue.is_some() {
                    c.fail(
                        format!("{cp}.queue"),
                        "only async calls go through a broker queue",
                    );
                }
            }
            CallMode::Async => {
                if let Some(BrokerSpec {
                    capacity: Some(0), ..
                }) = call.queue
                {
                    c.fail(
                        format!("{cp}.queue.capacity"),
                        "must be at least 1 (or null for unbounded)",
                    );
                }
                if call.circuit_breaker.is_some() || call.bulkhead.is_some() {
                    c.fail(
                        cp.clone(),
                        "circuit breakers and bulkheads apply to sync calls; an async publish does not wait",
                    );
                }
            }
        }
    }
}

fn check_client(c: &mut Checker, client: &ClientSpec) {
    if let Some(t) = client.timeout_ms {
        c.positive("client.timeout_ms", t, limits::MAX_DELAY_MS);
    }
    if let Some(d) = client.deadline_ms {
        c.positive("client.deadline_ms", d, limits::MAX_DELAY_MS);
    }
    if let Some(r) = &client.retry {
        c.retry("client.retry", r);
    }
}

fn check_faults(c: &mut Checker, s: &Scenario, index: &BTreeMap<&str, usize>) {
    if s.faults.len() > limits::MAX_FAULTS {
        c.fail("faults", format!("at most {} faults", limits::MAX_FAULTS));
    }
    for (i, f) in s.faults.iter().enumerate() {
        let p = format!("faults[{i}]");
        let service = match index.get(f.service.as_str()) {
            Some(&k) => Some(&s.services[k]),
            None => {
                c.fail(
                    format!("{p}.service"),
                    format!("unknown service \"{}\"", f.service),
                );
                None
            }
        };
        let a = c.number(
            &format!("{p}.from_s"),
            f.from_s,
            0.0,
            limits::MAX_DURATION_S,
        );
        let b = c.number(&format!("{p}.to_s"), f.to_s, 0.0, limits::MAX_DURATION_S);
        if a && b && f.to_s <= f.from_s {
            c.fail(format!("{p}.to_s"), "must be after from_s");
        }
        if let (Some(r), Some(svc)) = (f.replica, service) {
            if r >= svc.replicas {
                c.fail(
                    format!("{p}.replica"),
                    format!(
                        "\"{}\" has {} replica(s), numbered from 0",
                        svc.name, svc.replicas
                    ),
                );
            }
        }
        let needs = |c: &mut Checker, field: &str, v: Option<f64>| -> Option<f64> {
            if v.is_none() {
                c.fail(
                    format!("{p}.{field}"),
                    format!("is required for a \"{:?}\" fault", f.kind).to_lowercase(),
                );
            }
            v
        };
        let forbid = |c: &mut Checker, field: &str, present: bool| {
            if present {
                c.fail(
                    format!("{p}.{field}"),
                    format!("does not apply to a {:?} fault", f.kind).to_lowercase(),
                );
            }
        };
        match f.kind {
            FaultKind::Slow => {
                if let Some(x) = needs(c, "factor", f.factor) {
                    c.number(&format!("{p}.factor"), x, 0.01, 10_000.0);
                }
                forbid(c, "rate", f.rate.is_some());
                forbid(c, "replicas", f.replicas.is_some());
            }
            FaultKind::Error => {
                if let Some(x) = needs(c, "rate", f.rate) {
                    c.number(&format!("{p}.rate"), x, 0.0, 1.0);
                }
                forbid(c, "factor", f.factor.is_some());
                forbid(c, "replicas", f.replicas.is_some());
            }
            FaultKind::Hang => {
                forbid(c, "factor", f.factor.is_some());
                forbid(c, "rate", f.rate.is_some());
                forbid(c, "replicas", f.replicas.is_some());
            }
            FaultKind::Down => {
                forbid(c, "factor", f.factor.is_some());
                forbid(c, "rate", f.rate.is_some());
                if let (Some(n), Some(svc)) = (f.replicas, service) {
                    if n == 0 || n > svc.replicas {
                        c.fail(
                            format!("{p}.replicas"),
                            format!("must be between 1 and {}", svc.replicas),
                        );
                    }
                    if f.replica.is_some() {
                        c.fail(
                            format!("{p}.replicas"),
                            "give either replica or replicas, not both",
                        );
                    }
                }
            }
        }
    }
}

/// Depth-first search for a cycle in the call graph (sync and async: an
/// async cycle would also feed itself forever). Returns the cycle's names.
fn find_cycle(s: &Scenario, index: &BTreeMap<&str, usize>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        s: &Scenario,
        index: &BTreeMap<&str, usize>,
        node: usize,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<String>> {
        marks[node] = Mark::Active;
        stack.push(node);
        for call in &s.services[node].calls {
            let Some(&next) = index.get(call.to.as_str()) else {
                continue;
            };
            match marks[next] {
                Mark::Active => {
                    let from = stack.iter().position(|&n| n == next).unwrap_or(0);
                    let mut names: Vec<String> = stack[from..]
                        .iter()
                        .map(|&n| s.services[n].name.clone())
                        .collect();
                    names.push(s.services[next].name.clone());
                    return Some(names);
                }
                Mark::New => {
                    if let Some(cycle) = visit(s, index, next, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[node] = Mark::Done;
        None
    }
    let mut marks = vec![Mark::New; s.services.len()];
    for start in 0..s.services.len() {
        if marks[start] == Mark::New {
            if let Some(cycle) = visit(s, index, start, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

/// The worst-case number of service visits a run of `s` could cause (every
/// call made, every attempt retried at every layer; the figure checked
/// against [`limits::MAX_WORK`]), or `None` when the scenario is invalid.
/// Sweeps add it up over all their runs.
pub fn worst_case_work(s: &Scenario) -> Option<f64> {
    validate(s).ok()?;
    let mut c = Checker { errors: Vec::new() };
    let max_rate = check_load(&mut c, s)?;
    let index: BTreeMap<&str, usize> = s
        .services
        .iter()
        .enumerate()
        .map(|(i, svc)| (svc.name.as_str(), i))
        .collect();
    work_estimate(s, &index, max_rate)
}

/// Refuses scenarios whose worst case would need more than
/// [`limits::MAX_WORK`] service visits.
fn check_work(c: &mut Checker, s: &Scenario, index: &BTreeMap<&str, usize>, max_rate: f64) {
    let Some(work) = work_estimate(s, index, max_rate) else {
        return;
    };
    if work > limits::MAX_WORK {
        c.fail(
            "load",
            format!(
                "this scenario could need {work:.2e} service visits (rate × duration × calls × attempts); \
                 the limit is {:.0e}: shorten duration_s, lower the rate, or cut retries or fan-out",
                limits::MAX_WORK
            ),
        );
    }
}

/// Rate × duration × service visits per request, every attempt retried at
/// every layer. The graph is acyclic here, so the recursion ends.
fn work_estimate(s: &Scenario, index: &BTreeMap<&str, usize>, max_rate: f64) -> Option<f64> {
    fn visits(
        s: &Scenario,
        index: &BTreeMap<&str, usize>,
        node: usize,
        memo: &mut [Option<f64>],
    ) -> f64 {
        if let Some(v) = memo[node] {
            return v;
        }
        let mut total = 1.0;
        for call in &s.services[node].calls {
            if let Some(&next) = index.get(call.to.as_str()) {
                let attempts = call.retry.as_ref().map_or(1, |r| r.max_attempts) as f64;
                total += attempts * visits(s, index, next, memo);
            }
        }
        memo[node] = Some(total);
        total
    }
    let &entry = index.get(s.entry.as_str())?;
    let mut memo = vec![None; s.services.len()];
    let per_request = visits(s, index, entry, &mut memo);
    let client_attempts = s.client.retry.as_ref().map_or(1, |r| r.max_attempts) as f64;
    Some(max_rate * s.duration_s * per_request * client_attempts)
}
