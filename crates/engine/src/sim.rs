//! The simulation: the event loop and what each event does.
//!
//! Vocabulary:
//! - a **call** is one logical call along an edge (client → entry, or
//!   service → service), with its attempts, timeout, retries and backoff;
//! - a **task** is one attempt being handled by a service: it waits in a
//!   queue, holds a worker while it does its own work and while it waits for
//!   its own sync calls, then replies to its parent;
//! - an async call publishes a **message** (a task whose parent is a broker
//!   edge) that the callee's workers consume when they are free.
//!
//! Invariants: every task and call lives in a [`Pool`] and is freed exactly
//! once; events refer to them by (id, generation) and are ignored when stale
//! (that is how timeouts and abandoned work are handled without searching
//! the heap). Nothing here depends on how [`Simulation::run_until`] is
//! sliced: buckets close on event times, never on step boundaries.

use std::collections::VecDeque;

use super::events::{Event, EventQueue, Gen, Id};
use super::footprint::Footprint;
use super::metrics::{Cause, ClientCounters, EdgeCounters, Latency, Level, ServiceCounters};
use super::model::{Model, CLIENT_EDGE};
use super::policy::{backoff_ms, Admit, Breaker, BreakerState, RetryBudget, TokenBucket};
use super::pool::Pool;
use super::random::{keyed_uniform, Stream};
use super::report::*;
use super::scenario::{Balancer, CallMode, CallOrder, Discipline, FaultKind, OnFull, Scenario};
use super::time::{ms_to_ns, ns_to_ms, ns_to_s, s_to_ns, Nanos};
use super::trace::{TraceRef, Tracer};
use super::validate::{validate, ScenarioError};

/// More requests than this in flight at once means queues are growing
/// without bound at a rate that would exhaust memory: the run stops with a
/// message rather than taking the browser down.
pub const MAX_IN_FLIGHT: usize = 2_000_000;
/// Events in one run, a backstop behind the validation's work estimate.
pub const MAX_EVENTS: u64 = 4_000_000_000;

const NO_REPLICA: u32 = u32::MAX;
const NO_USER: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Crossing the network to the service.
    Network,
    Queued,
    /// In a broker queue (async message).
    Brokered,
    Work,
    Calls,
    PostWork,
}

#[derive(Debug, Clone, Copy)]
enum Parent {
    /// An attempt of a call; the reply goes to the call if it still waits
    /// for this attempt.
    Call { call: Id, gen: Gen, attempt: u32 },
    /// An async message on `edge`, first published at `published`.
    Message {
        edge: u32,
        published: Nanos,
        delivery: u32,
        prev_sleep_ms: f64,
    },
}

#[derive(Debug, Clone)]
struct Task {
    /// The client request this work is for (sequence number).
    request: u64,
    service: u32,
    replica: u32,
    parent: Parent,
    arrived: Nanos,
    started: Nanos,
    post_work: Nanos,
    phase: Phase,
    next_call: u16,
    outstanding: u16,
    failure: Option<Cause>,
    epoch: u32,
    admitted: bool,
    holds_worker: bool,
    /// The caller stopped waiting: whatever this task still does is wasted.
    abandoned: bool,
    trace: TraceRef,
}

#[derive(Debug, Clone, Copy)]
enum Caller {
    Client {
        arrived: Nanos,
        user: u32,
        measured: bool,
    },
    Task {
        id: Id,
        gen: Gen,
    },
}

#[derive(Debug, Clone)]
struct Call {
    request: u64,
    edge: u32,
    caller: Caller,
    attempt: u32,
    /// An attempt is out (or a publish is blocked) and the caller waits.
    waiting: bool,
    child: (Id, Gen),
    trial: bool,
    prev_sleep_ms: f64,
    trace: TraceRef,
}

#[derive(Debug, Clone, Default)]
struct Replica {
    busy: u32,
    queue: VecDeque<(Id, Gen)>,
    /// Active `down` faults covering this replica.
    down: u32,
    /// Bumped when the replica goes down: work begun before fails.
    epoch: u32,
    slow_factor: f64,
    error_rate: f64,
    hang_until: Nanos,
}

struct ServiceRt {
    bucket: ServiceCounters,
    total: ServiceCounters,
    busy: Level,
    queue: Level,
    in_system: Level,
    latency: Latency,
    rr: u32,
    limiter: Option<TokenBucket>,
    rng: Stream,
}

struct EdgeRt {
    bucket: EdgeCounters,
    total: EdgeCounters,
    breaker: Option<Breaker>,
    budget: Option<RetryBudget>,
    in_flight: u32,
    broker: VecDeque<(Id, Gen)>,
    depth: Level,
    blocked: VecDeque<(Id, Gen)>,
}

struct ClientRt {
    bucket: ClientCounters,
    total: ClientCounters,
    in_flight: Level,
    latency: Latency,
    seq: u64,
}

/// A running simulation. Create it from a scenario, advance it with
/// [`Simulation::run_until`] (or [`Simulation::run_to_end`]), read buckets,
/// the summary, traces and the live state at any point.
pub struct Simulation {
    m: Model,
    now: Nanos,
    events: EventQueue,
    tasks: Pool<Task>,
    calls: Pool<Call>,
    replicas: Vec<Replica>,
    services: Vec<ServiceRt>,
    edges: Vec<EdgeRt>,
    client: ClientRt,
    faults_active: Vec<bool>,
    rng_arrivals: Stream,
    rng_decisions: Stream,
    rng_network: Stream,
    max_rate: f64,
    constant_rate: bool,
    bucket_start: Nanos,
    next_bucket_end: Nanos,
    buckets: Vec<Bucket>,
    measured_from: Nanos,
    processed: u64,
    finished: bool,
    stopped_early: Option<String>,
    tracer: Tracer,
}

impl Simulation {
    /// Validates the scenario and prepares a run at time 0.
    pub fn new(scenario: &Scenario) -> Result<Simulation, ScenarioError> {
        validate(scenario)?;
        Ok(Simulation::from_model(Model::compile(scenario)))
    }

    fn from_model(m: Model) -> Simulation {
        let seed = m.seed;
        let services = m
            .services
            .iter()
            .map(|s| ServiceRt {
                bucket: ServiceCounters::default(),
                total: ServiceCounters::default(),
                busy: Level::default(),
                queue: Level::default(),
                in_system: Level::default(),
                latency: Latency::new(),
                rr: 0,
                limiter: s
                    .rate_limit
                    .as_ref()
                    .map(|r| TokenBucket::new(r.rate_rps, r.burst)),
                // Keyed by name, so adding a service leaves the others' streams alone.
                rng: Stream::new(seed, name_key(&s.name)),
            })
            .collect();
        let edges = m
            .edges
            .iter()
            .map(|e| EdgeRt {
                bucket: EdgeCounters::default(),
                total: EdgeCounters::default(),
                breaker: e.breaker.as_ref().map(Breaker::new),
                budget: e.budget.as_ref().map(RetryBudget::new),
                in_flight: 0,
                broker: VecDeque::new(),
                depth: Level::default(),
                blocked: VecDeque::new(),
            })
            .collect();
        let replicas = vec![
            Replica {
                slow_factor: 1.0,
                ..Replica::default()
            };
            m.total_replicas
        ];
        let expected = if let Some(users) = m.load.users {
            let think = m.load.think_ms.unwrap_or(0.0).max(1.0);
            users as f64 * ns_to_s(m.duration - m.warmup) * 1000.0 / think
        } else {
            m.mean_rate() * ns_to_s(m.duration - m.warmup)
        };
        let mut sim = Simulation {
            now: 0,
            events: EventQueue::default(),
            tasks: Pool::default(),
            calls: Pool::default(),
            replicas,
            services,
            edges,
            client: ClientRt {
                bucket: ClientCounters::default(),
                total: ClientCounters::default(),
                in_flight: Level::default(),
                latency: Latency::new(),
                seq: 0,
            },
            faults_active: vec![false; m.faults.len()],
            rng_arrivals: Stream::new(seed, 1),
            rng_decisions: Stream::new(seed, 2),
            rng_network: Stream::new(seed, 3),
            max_rate: m.max_rate(),
            constant_rate: matches!(m.load.profile, super::scenario::Profile::Constant),
            bucket_start: 0,
            next_bucket_end: m.bucket.min(m.duration),
            buckets: Vec::new(),
            measured_from: m.warmup,
            processed: 0,
            finished: false,
            stopped_early: None,
            tracer: Tracer::new(m.traces, expected),
            m,
        };
        sim.schedule_start();
        sim
    }

    fn schedule_start(&mut self) {
        if let Some(users) = self.m.load.users {
            let think = self.m.load.think_ms.unwrap_or(0.0);
            for user in 0..users {
                let t = ms_to_ns(self.rng_arrivals.exponential(think));
                self.events.schedule(t, Event::UserWake { user });
            }
        } else {
            self.schedule_next_arrival(0);
        }
        for (i, f) in self.m.faults.iter().enumerate() {
            self.events
                .schedule(f.from, Event::FaultStart { fault: i as u32 });
            self.events
                .schedule(f.to, Event::FaultEnd { fault: i as u32 });
        }
        if self.m.warmup > 0 {
            self.events.schedule(self.m.warmup, Event::WarmupEnd);
        }
    }

    // ----- public API -------------------------------------------------------

    /// Processes every event up to simulated time `t_s` (capped at the
    /// run's duration). Returns true once the run is over.
    pub fn run_until(&mut self, t_s: f64) -> bool {
        let limit = s_to_ns(t_s).min(self.m.duration);
        self.run_while(limit, u64::MAX);
        self.finished
    }

    /// Processes at most `max_events` events (and none past the end): a
    /// bounded slice of work for a UI frame. Returns true once the run is over.
    pub fn run_events(&mut self, max_events: u64) -> bool {
        self.run_while(self.m.duration, max_events);
        self.finished
    }

    /// Runs to the end.
    pub fn run_to_end(&mut self) {
        self.run_while(self.m.duration, u64::MAX);
    }

    fn run_while(&mut self, limit: Nanos, max_events: u64) {
        if self.finished {
            return;
        }
        let mut budget = max_events;
        while budget > 0 {
            let Some(time) = self.events.peek_time() else {
                break;
            };
            if time > limit {
                break;
            }
            let Some((time, event)) = self.events.pop() else {
                break;
            };
            if time >= self.next_bucket_end {
                self.close_buckets_until(time);
            }
            self.now = time;
            self.handle(event);
            self.processed += 1;
            budget -= 1;
            if self.tasks.len() > MAX_IN_FLIGHT {
                self.stop_early(format!(
                    "more than {MAX_IN_FLIGHT} requests were in the system at once (queues growing without bound); \
                     the run stopped at {:.1} s",
                    ns_to_s(self.now)
                ));
                return;
            }
            if self.processed >= MAX_EVENTS {
                self.stop_early(format!("the run reached the limit of {MAX_EVENTS} events"));
                return;
            }
        }
        let drained = self.events.peek_time().is_none_or(|t| t > self.m.duration);
        if limit >= self.m.duration && drained {
            self.finish(self.m.duration);
        }
    }

    fn stop_early(&mut self, reason: String) {
        self.stopped_early = Some(reason);
        let now = self.now;
        self.finish(now);
    }

    fn finish(&mut self, end: Nanos) {
        self.close_buckets_until(end);
        if end > self.bucket_start {
            self.close_bucket(end);
        }
        self.now = end;
        self.finished = true;
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Current simulated time in seconds.
    pub fn now_s(&self) -> f64 {
        ns_to_s(self.now)
    }

    pub fn duration_s(&self) -> f64 {
        ns_to_s(self.m.duration)
    }

    pub fn events_processed(&self) -> u64 {
        self.processed
    }

    /// Closed time-series buckets so far.
    pub fn buckets(&self) -> &[Bucket] {
        &self.buckets
    }

    pub fn traces(&self) -> &[Trace] {
        &self.tracer.kept
    }

    /// High-water mark of requests (tasks) alive at once: memory is bounded by this.
    pub fn peak_tasks(&self) -> usize {
        self.tasks.capacity()
    }

    /// What the run holds in memory so far, part by part (high-water marks).
    pub fn footprint(&self) -> Footprint {
        let replica_queues: usize = self.replicas.iter().map(|r| r.queue.capacity()).sum();
        let edge_queues: usize = self
            .edges
            .iter()
            .map(|e| e.broker.capacity() + e.blocked.capacity())
            .sum();
        Footprint {
            task_slots: self.tasks.capacity(),
            call_slots: self.calls.capacity(),
            event_slots: self.events.capacity(),
            queue_slots: replica_queues + edge_queues,
            trace_spans: self.tracer.spans_held(),
            buckets: self.buckets.len(),
        }
    }

    pub fn service_names(&self) -> Vec<String> {
        self.m.services.iter().map(|s| s.name.clone()).collect()
    }

    /// (from, to, mode) of every edge; edge 0 is the client's.
    pub fn edge_ends(&self) -> Vec<(String, String, CallMode)> {
        self.m
            .edges
            .iter()
            .map(|e| {
                let from = e
                    .from
                    .map_or_else(|| "client".to_string(), |f| self.m.services[f].name.clone());
                (from, self.m.services[e.to].name.clone(), e.mode)
            })
            .collect()
    }

    pub fn stopped_early(&self) -> Option<&str> {
        self.stopped_early.as_deref()
    }

    // ----- event dispatch ---------------------------------------------------

    fn handle(&mut self, event: Event) {
        match event {
            Event::Arrival => {
                self.schedule_next_arrival(self.now);
                self.start_request(NO_USER);
            }
            Event::UserWake { user } => self.start_request(user),
            Event::WorkDone { task, gen } => self.work_done(task, gen),
            Event::Deliver { task, gen } => self.admit(task, gen),
            Event::CallTimeout { call, gen, attempt } => self.call_timeout(call, gen, attempt),
            Event::RetryFire { call, gen } => {
                if self.calls.get(call, gen).is_some() {
                    self.send_attempt(call, gen);
                }
            }
            Event::Redeliver { task, gen } => {
                if let Some(t) = self.tasks.get(task, gen) {
                    if let Parent::Message { edge, .. } = t.parent {
                        self.enqueue_message(edge as usize, task, gen);
                    }
                }
            }
            Event::FaultStart { fault } => {
                self.faults_active[fault as usize] = true;
                self.apply_faults(self.m.faults[fault as usize].service);
            }
            Event::FaultEnd { fault } => {
                self.faults_active[fault as usize] = false;
                self.apply_faults(self.m.faults[fault as usize].service);
            }
            Event::WarmupEnd => self.reset_totals(),
        }
    }

    /// Open-loop Poisson arrivals with a time-varying rate, by thinning
    /// (Lewis and Shedler): candidates at the peak rate, each kept with
    /// probability rate(t) / peak.
    fn schedule_next_arrival(&mut self, from: Nanos) {
        if self.max_rate <= 0.0 {
            return;
        }
        let mean_gap_ms = 1000.0 / self.max_rate;
        let mut t = from;
        loop {
            t = t.saturating_add(ms_to_ns(self.rng_arrivals.exponential(mean_gap_ms)));
            if t >= self.m.duration {
                return;
            }
            if self.constant_rate {
                break;
            }
            let rate = self.m.rate_at(ns_to_s(t));
            if self.rng_arrivals.uniform() * self.max_rate < rate {
                break;
            }
        }
        self.events.schedule(t, Event::Arrival);
    }

    // ----- client requests and calls ----------------------------------------

    fn start_request(&mut self, user: u32) {
        if self.now >= self.m.duration {
            return;
        }
        let measured = self.now >= self.m.warmup;
        let seq = self.client.seq;
        self.client.seq += 1;
        self.client.bucket.arrivals += 1;
        if measured {
            self.client.total.arrivals += 1;
        }
        self.client.in_flight.change(self.now, 1);
        let trace = if measured {
            self.tracer.maybe_open(seq, self.now)
        } else {
            TraceRef::NONE
        };
        let (id, gen) = self.calls.insert(Call {
            request: seq,
            edge: CLIENT_EDGE as u32,
            caller: Caller::Client {
                arrived: self.now,
                user,

                measured,
            },
            attempt: 0,
            waiting: false,
            child: (0, 0),
            trial: false,
            prev_sleep_ms: 0.0,
            trace,
        });
        self.send_attempt(id, gen);
    }

    /// Sends the next attempt of a call (or publishes its message).
    fn send_attempt(&mut self, cid: Id, cgen: Gen) {
        let Some(call) = self.calls.get_mut(cid, cgen) else {
            return;
        };
        call.attempt += 1;
        let attempt = call.attempt;
        let e = call.edge as usize;
        let trace = call.trace;
        let request = call.request;
        let edge = &self.m.edges[e];
        let mode = edge.mode;
        let to = edge.to;
        let timeout = edge.timeout;
        let from = edge.from;
        let rt = &mut self.edges[e];
        rt.bucket.attempts += 1;
        rt.total.attempts += 1;
        if attempt == 1 {
            rt.bucket.calls += 1;
            rt.total.calls += 1;
            if let Some(b) = rt.budget.as_mut() {
                b.on_first_attempt();
            }
        } else {
            rt.bucket.retries += 1;
            rt.total.retries += 1;
            match from {
                Some(s) => {
                    self.services[s].bucket.retries += 1;
                    self.services[s].total.retries += 1;
                }
                None => {
                    self.client.bucket.retries += 1;
                    self.client.total.retries += 1;
                }
            }
        }

        if mode == CallMode::Async {
            self.publish(cid, cgen, e, attempt);
            return;
        }

        // Local decisions first: an open breaker or a full bulkhead refuse
        // the call without sending anything.
        let mut trial = false;
        if let Some(breaker) = self.edges[e].breaker.as_mut() {
            match breaker.admit(self.now) {
                Admit::Yes => {}
                Admit::Trial => trial = true,
                Admit::No => {
                    self.edges[e].bucket.circuit_open += 1;
                    self.edges[e].total.circuit_open += 1;
                    self.local_refusal_span(trace, to, attempt, Cause::CircuitOpen);
                    self.attempt_failed(cid, cgen, Cause::CircuitOpen);
                    return;
                }
            }
        }
        if let Some(max) = self.m.edges[e].bulkhead {
            if self.edges[e].in_flight >= max {
                self.edges[e].bucket.bulkhead_full += 1;
                self.edges[e].total.bulkhead_full += 1;
                self.local_refusal_span(trace, to, attempt, Cause::BulkheadFull);
                self.attempt_failed(cid, cgen, Cause::BulkheadFull);
                return;
            }
        }
        self.edges[e].in_flight += 1;

        let span_trace = if trace.is_some() {
            let name = &self.m.services[to].name;
            self.tracer
                .span_arrived(trace, trace.span, name, attempt, CallMode::Sync, self.now)
        } else {
            TraceRef::NONE
        };
        let (tid, tgen) = self.tasks.insert(Task {
            request,
            service: to as u32,
            replica: NO_REPLICA,
            parent: Parent::Call {
                call: cid,
                gen: cgen,
                attempt,
            },
            arrived: self.now,
            started: 0,
            post_work: 0,
            phase: Phase::Network,
            next_call: 0,
            outstanding: 0,
            failure: None,
            epoch: 0,
            admitted: false,
            holds_worker: false,
            abandoned: false,
            trace: span_trace,
        });
        if let Some(call) = self.calls.get_mut(cid, cgen) {
            call.waiting = true;
            call.child = (tid, tgen);
            call.trial = trial;
        }
        if let Some(t) = timeout {
            self.events.schedule(
                self.now + t,
                Event::CallTimeout {
                    call: cid,
                    gen: cgen,
                    attempt,
                },
            );
        }
        match self.m.edges[e].network {
            Some(net) => {
                let delay = net.sample_ns(&mut self.rng_network);
                self.events.schedule(
                    self.now + delay,
                    Event::Deliver {
                        task: tid,
                        gen: tgen,
                    },
                );
            }
            None => self.admit(tid, tgen),
        }
    }

    fn local_refusal_span(&mut self, trace: TraceRef, to: usize, attempt: u32, cause: Cause) {
        if trace.is_some() {
            let r = self.tracer.span_arrived(
                trace,
                trace.span,
                &self.m.services[to].name,
                attempt,
                CallMode::Sync,
                self.now,
            );
            self.tracer.span_ended(r, cause.label(), false, self.now);
        }
    }

    /// An attempt failed (remotely or locally): retry if policy and budget
    /// allow, else the call fails.
    fn attempt_failed(&mut self, cid: Id, cgen: Gen, cause: Cause) {
        let Some(call) = self.calls.get(cid, cgen) else {
            return;
        };
        let e = call.edge as usize;
        let attempt = call.attempt;
        let prev = call.prev_sleep_ms;
        let edge = &self.m.edges[e];
        // Refusals by our own breaker or bulkhead are the fast failure they
        // exist for; retrying them would defeat it.
        let retryable = !matches!(cause, Cause::CircuitOpen | Cause::BulkheadFull);
        let may_retry = retryable
            && attempt < edge.max_attempts
            && self.edges[e].budget.as_mut().is_none_or(|b| b.try_retry());
        if !may_retry {
            self.resolve_call(cid, cgen, Err(cause));
            return;
        }
        let sleep = backoff_ms(&edge.backoff, attempt, prev, &mut self.rng_decisions);
        if let Some(call) = self.calls.get_mut(cid, cgen) {
            call.prev_sleep_ms = sleep;
        }
        let wait = ms_to_ns(sleep);
        if wait == 0 {
            self.send_attempt(cid, cgen);
        } else {
            self.events.schedule(
                self.now + wait,
                Event::RetryFire {
                    call: cid,
                    gen: cgen,
                },
            );
        }
    }

    /// The reply of the current attempt arrived.
    fn attempt_result(&mut self, cid: Id, cgen: Gen, result: Result<(), Cause>) {
        let Some(call) = self.calls.get_mut(cid, cgen) else {
            return;
        };
        call.waiting = false;
        let e = call.edge as usize;
        let trial = call.trial;
        let rt = &mut self.edges[e];
        rt.in_flight = rt.in_flight.saturating_sub(1);
        if let Some(b) = rt.breaker.as_mut() {
            b.record(self.now, result.is_ok(), trial);
        }
        match result {
            Ok(()) => self.resolve_call(cid, cgen, Ok(())),
            Err(cause) => self.attempt_failed(cid, cgen, cause),
        }
    }

    fn call_timeout(&mut self, cid: Id, cgen: Gen, attempt: u32) {
        let Some(call) = self.calls.get_mut(cid, cgen) else {
            return;
        };
        if !call.waiting || call.attempt != attempt {
            return;
        }
        call.waiting = false;
        let e = call.edge as usize;
        let trial = call.trial;
        let (tid, tgen) = call.child;
        let rt = &mut self.edges[e];
        rt.bucket.timeouts += 1;
        rt.total.timeouts += 1;
        match self.m.edges[e].mode {
            CallMode::Sync => {
                rt.in_flight = rt.in_flight.saturating_sub(1);
                if let Some(b) = rt.breaker.as_mut() {
                    b.record(self.now, false, trial);
                }
                if let Some(task) = self.tasks.get_mut(tid, tgen) {
                    task.abandoned = true;
                    let s = &mut self.services[task.service as usize];
                    s.bucket.timed_out += 1;
                    s.total.timed_out += 1;
                }
            }
            CallMode::Async => {
                // A publish blocked on a full broker gives up; its message
                // was never enqueued.
                self.tasks.remove(tid, tgen);
            }
        }
        self.attempt_failed(cid, cgen, Cause::Timeout);
    }

    /// The call is over: tell whoever made it.
    fn resolve_call(&mut self, cid: Id, cgen: Gen, result: Result<(), Cause>) {
        let Some(call) = self.calls.remove(cid, cgen) else {
            return;
        };
        let e = call.edge as usize;
        if result.is_err() {
            self.edges[e].bucket.failed_calls += 1;
            self.edges[e].total.failed_calls += 1;
        }
        match call.caller {
            Caller::Client {
                arrived,
                user,
                measured,
                ..
            } => {
                self.client.in_flight.change(self.now, -1);
                let latency = self.now - arrived;
                let good = self.m.deadline.is_none_or(|d| latency <= d);
                let c = &mut self.client;
                match result {
                    Ok(()) => {
                        c.bucket.succeeded += 1;
                        if good {
                            c.bucket.good += 1;
                        }
                        if measured {
                            c.latency.record(latency);
                        } else {
                            c.latency.record_bucket(latency);
                        }
                        if measured {
                            c.total.succeeded += 1;
                            if good {
                                c.total.good += 1;
                            }
                        }
                    }
                    Err(cause) => {
                        c.bucket.failed.add(cause);
                        if measured {
                            c.total.failed.add(cause);
                        }
                    }
                }
                if call.trace.is_some() {
                    let outcome = match result {
                        Ok(()) => "ok",
                        Err(cause) => cause.label(),
                    };
                    self.tracer.close(call.trace, outcome, self.now);
                }
                if user != NO_USER {
                    let think = self.m.load.think_ms.unwrap_or(0.0);
                    let wake = self.now + ms_to_ns(self.rng_arrivals.exponential(think));
                    self.events.schedule(wake, Event::UserWake { user });
                }
            }
            Caller::Task { id, gen } => self.call_returned(id, gen, e, result),
        }
    }

    // ----- async messaging --------------------------------------------------

    fn publish(&mut self, cid: Id, cgen: Gen, e: usize, attempt: u32) {
        let to = self.m.edges[e].to;
        let (trace, parent_span, request) = match self.calls.get(cid, cgen) {
            Some(c) => (c.trace, c.trace.span, c.request),
            None => return,
        };
        let span_trace = if trace.is_some() {
            self.tracer.span_arrived(
                trace,
                parent_span,
                &self.m.services[to].name,
                attempt,
                CallMode::Async,
                self.now,
            )
        } else {
            TraceRef::NONE
        };
        let (tid, tgen) = self.tasks.insert(Task {
            request,
            service: to as u32,
            replica: NO_REPLICA,
            parent: Parent::Message {
                edge: e as u32,
                published: self.now,
                delivery: 1,
                prev_sleep_ms: 0.0,
            },
            arrived: self.now,
            started: 0,
            post_work: 0,
            phase: Phase::Brokered,
            next_call: 0,
            outstanding: 0,
            failure: None,
            epoch: 0,
            admitted: false,
            holds_worker: false,
            abandoned: false,
            trace: span_trace,
        });
        self.edges[e].bucket.published += 1;
        self.edges[e].total.published += 1;
        if self.broker_full(e) {
            match self.m.edges[e].on_full {
                OnFull::Reject => {
                    self.tasks.remove(tid, tgen);
                    self.tracer
                        .span_ended(span_trace, Cause::Rejected.label(), false, self.now);
                    self.edges[e].bucket.publish_failed += 1;
                    self.edges[e].total.publish_failed += 1;
                    self.resolve_call(cid, cgen, Err(Cause::Rejected));
                }
                OnFull::Block => {
                    if let Some(call) = self.calls.get_mut(cid, cgen) {
                        call.waiting = true;
                        call.child = (tid, tgen);
                    }
                    if let Some(t) = self.m.edges[e].timeout {
                        self.events.schedule(
                            self.now + t,
                            Event::CallTimeout {
                                call: cid,
                                gen: cgen,
                                attempt,
                            },
                        );
                    }
                    self.edges[e].blocked.push_back((cid, cgen));
                }
            }
            return;
        }
        self.enqueue_message(e, tid, tgen);
        self.resolve_call(cid, cgen, Ok(()));
    }

    fn broker_full(&self, e: usize) -> bool {
        self.m.edges[e]
            .broker_capacity
            .is_some_and(|cap| self.edges[e].broker.len() >= cap as usize)
    }

    fn enqueue_message(&mut self, e: usize, tid: Id, tgen: Gen) {
        if let Some(t) = self.tasks.get_mut(tid, tgen) {
            t.phase = Phase::Brokered;
            t.replica = NO_REPLICA;
        }
        self.edges[e].broker.push_back((tid, tgen));
        self.edges[e].depth.change(self.now, 1);
        // Wake an idle consumer, if any.
        let s = self.m.edges[e].to;
        let svc = &self.m.services[s];
        let n = svc.replicas;
        let start = self.services[s].rr;
        for k in 0..n {
            let r = svc.first_replica + ((start + k) % n) as usize;
            let rep = &self.replicas[r];
            if rep.down == 0 && rep.busy < svc.workers {
                self.services[s].rr = (start + k + 1) % n;
                self.dispatch(r, s);
                break;
            }
        }
    }

    /// A message left the broker: a blocked publisher may go on.
    fn unblock_publisher(&mut self, e: usize) {
        while let Some((cid, cgen)) = self.edges[e].blocked.pop_front() {
            let Some(call) = self.calls.get_mut(cid, cgen) else {
                continue;
            };
            if !call.waiting {
                continue;
            }
            call.waiting = false;
            let (tid, tgen) = call.child;
            if let Some(t) = self.tasks.get_mut(tid, tgen) {
                t.arrived = self.now;
                if let Parent::Message { published, .. } = &mut t.parent {
                    *published = self.now;
                }
            }
            self.enqueue_message(e, tid, tgen);
            self.resolve_call(cid, cgen, Ok(()));
            return;
        }
    }

    // ----- services ---------------------------------------------------------

    /// A request reaches its service: pick a replica, then serve, queue or reject.
    fn admit(&mut self, tid: Id, tgen: Gen) {
        let Some(task) = self.tasks.get(tid, tgen) else {
            return;
        };
        let s = task.service as usize;
        self.services[s].bucket.arrivals += 1;
        self.services[s].total.arrivals += 1;
        let Some(r) = self.pick_replica(s) else {
            self.reject(tid, tgen, Cause::Rejected);
            return;
        };
        if let Some(limiter) = self.services[s].limiter.as_mut() {
            if !limiter.try_take(self.now) {
                self.reject(tid, tgen, Cause::Rejected);
                return;
            }
        }
        let svc = &self.m.services[s];
        let rep = &self.replicas[r];
        let free = rep.busy < svc.workers;
        if !free
            && svc
                .queue_capacity
                .is_some_and(|cap| rep.queue.len() >= cap as usize)
        {
            self.reject(tid, tgen, Cause::Rejected);
            return;
        }
        if let Some(t) = self.tasks.get_mut(tid, tgen) {
            t.replica = r as u32;
            t.arrived = self.now;
            t.admitted = true;
        }
        let rt = &mut self.services[s];
        rt.bucket.admitted += 1;
        rt.total.admitted += 1;
        rt.in_system.change(self.now, 1);
        if free {
            self.start(tid, tgen, r, s);
        } else {
            if let Some(t) = self.tasks.get_mut(tid, tgen) {
                t.phase = Phase::Queued;
            }
            self.replicas[r].queue.push_back((tid, tgen));
            self.services[s].queue.change(self.now, 1);
        }
    }

    fn pick_replica(&mut self, s: usize) -> Option<usize> {
        let svc = &self.m.services[s];
        let first = svc.first_replica;
        let n = svc.replicas;
        if n == 1 {
            return (self.replicas[first].down == 0).then_some(first);
        }
        let up = (0..n)
            .filter(|&k| self.replicas[first + k as usize].down == 0)
            .count() as u32;
        if up == 0 {
            return None;
        }
        let rt = &mut self.services[s];
        match svc.balancer {
            Balancer::RoundRobin => {
                for k in 0..n {
                    let i = (rt.rr + k) % n;
                    if self.replicas[first + i as usize].down == 0 {
                        rt.rr = (i + 1) % n;
                        return Some(first + i as usize);
                    }
                }
                None
            }
            Balancer::LeastOutstanding => {
                let start = rt.rr;
                rt.rr = (rt.rr + 1) % n;
                (0..n)
                    .map(|k| first + ((start + k) % n) as usize)
                    .filter(|&r| self.replicas[r].down == 0)
                    .min_by_key(|&r| self.replicas[r].busy as usize + self.replicas[r].queue.len())
            }
            Balancer::Random => {
                let mut pick = self.rng_decisions.below(up);
                for k in 0..n as usize {
                    if self.replicas[first + k].down == 0 {
                        if pick == 0 {
                            return Some(first + k);
                        }
                        pick -= 1;
                    }
                }
                None
            }
        }
    }

    /// Refused at the door: never admitted, never held a worker.
    fn reject(&mut self, tid: Id, tgen: Gen, cause: Cause) {
        self.finish_task(tid, tgen, Err(cause));
    }

    /// A worker takes the task: sample its work and schedule the end of
    /// the part before its calls.
    fn start(&mut self, tid: Id, tgen: Gen, r: usize, s: usize) {
        let svc = &self.m.services[s];
        let rep = &mut self.replicas[r];
        rep.busy += 1;
        let in_flight = rep.busy as f64 + rep.queue.len() as f64;
        let rt = &mut self.services[s];
        rt.busy.change(self.now, 1);
        let mut work = svc.service_time.sample_ns(&mut rt.rng) as f64;
        if rep.slow_factor != 1.0 {
            work *= rep.slow_factor;
        }
        if svc.slowdown_per_inflight_ns > 0.0 {
            work += svc.slowdown_per_inflight_ns * in_flight;
        }
        let work = work.round() as Nanos;
        let post = if svc.work_after_calls > 0.0 {
            (work as f64 * svc.work_after_calls).round() as Nanos
        } else {
            0
        };
        let begin = self.now.max(rep.hang_until);
        let epoch = rep.epoch;
        let Some(task) = self.tasks.get_mut(tid, tgen) else {
            return;
        };
        task.replica = r as u32;
        task.holds_worker = true;
        task.started = self.now;
        task.epoch = epoch;
        task.post_work = post;
        task.phase = Phase::Work;
        let trace = task.trace;
        self.events.schedule(
            begin + (work - post),
            Event::WorkDone {
                task: tid,
                gen: tgen,
            },
        );
        if trace.is_some() {
            let idx = (r - svc.first_replica) as u32;
            self.tracer.span_started(trace, idx, self.now);
        }
    }

    fn work_done(&mut self, tid: Id, tgen: Gen) {
        let Some(task) = self.tasks.get(tid, tgen) else {
            return;
        };
        let r = task.replica as usize;
        let s = task.service as usize;
        let phase = task.phase;
        if self.replicas[r].epoch != task.epoch {
            self.finish_task(tid, tgen, Err(Cause::Error));
            return;
        }
        match phase {
            Phase::Work => {
                let rate = self.replicas[r].error_rate;
                if rate > 0.0 && self.rng_decisions.chance(rate) {
                    self.finish_task(tid, tgen, Err(Cause::Error));
                    return;
                }
                if self.m.services[s].calls.is_empty() {
                    self.after_calls(tid, tgen);
                    return;
                }
                if let Some(t) = self.tasks.get_mut(tid, tgen) {
                    t.phase = Phase::Calls;
                }
                match self.m.services[s].call_order {
                    CallOrder::Sequential => self.next_sequential_call(tid, tgen),
                    CallOrder::Parallel => self.fan_out(tid, tgen, s),
                }
            }
            Phase::PostWork => self.finish_task(tid, tgen, Ok(())),
            _ => {}
        }
    }

    fn next_sequential_call(&mut self, tid: Id, tgen: Gen) {
        loop {
            let Some(task) = self.tasks.get_mut(tid, tgen) else {
                return;
            };
            let s = task.service as usize;
            let i = task.next_call as usize;
            let calls = &self.m.services[s].calls;
            if i >= calls.len() {
                self.after_calls(tid, tgen);
                return;
            }
            task.next_call += 1;
            let e = calls[i];
            let p = self.m.edges[e].probability;
            if p >= 1.0 || keyed_uniform(self.m.seed, task.request, e as u64) < p {
                task.outstanding = 1;
                self.issue_call(tid, tgen, e);
                return;
            }
        }
    }

    fn fan_out(&mut self, tid: Id, tgen: Gen, s: usize) {
        let mut chosen = [0usize; super::validate::limits::MAX_CALLS_PER_SERVICE];
        let mut n = 0;
        let request = self.tasks.get(tid, tgen).map_or(0, |t| t.request);
        for &e in &self.m.services[s].calls {
            let p = self.m.edges[e].probability;
            if p >= 1.0 || keyed_uniform(self.m.seed, request, e as u64) < p {
                chosen[n] = e;
                n += 1;
            }
        }
        if n == 0 {
            self.after_calls(tid, tgen);
            return;
        }
        if let Some(t) = self.tasks.get_mut(tid, tgen) {
            t.outstanding = n as u16;
        }
        for &e in &chosen[..n] {
            self.issue_call(tid, tgen, e);
        }
    }

    fn issue_call(&mut self, tid: Id, tgen: Gen, e: usize) {
        let (trace, request) = self
            .tasks
            .get(tid, tgen)
            .map_or((TraceRef::NONE, 0), |t| (t.trace, t.request));
        let (cid, cgen) = self.calls.insert(Call {
            request,
            edge: e as u32,
            caller: Caller::Task { id: tid, gen: tgen },
            attempt: 0,
            waiting: false,
            child: (0, 0),
            trial: false,
            prev_sleep_ms: 0.0,
            trace,
        });
        self.send_attempt(cid, cgen);
    }

    /// One of the task's calls is over.
    fn call_returned(&mut self, tid: Id, tgen: Gen, e: usize, result: Result<(), Cause>) {
        let optional = self.m.edges[e].optional;
        let Some(task) = self.tasks.get_mut(tid, tgen) else {
            return;
        };
        if result.is_err() && !optional && task.failure.is_none() {
            task.failure = Some(Cause::Downstream);
        }
        task.outstanding = task.outstanding.saturating_sub(1);
        let s = task.service as usize;
        let failed = task.failure.is_some();
        match self.m.services[s].call_order {
            CallOrder::Sequential => {
                if failed {
                    self.after_calls(tid, tgen);
                } else {
                    self.next_sequential_call(tid, tgen);
                }
            }
            CallOrder::Parallel => {
                if task.outstanding == 0 {
                    self.after_calls(tid, tgen);
                }
            }
        }
    }

    fn after_calls(&mut self, tid: Id, tgen: Gen) {
        let Some(task) = self.tasks.get_mut(tid, tgen) else {
            return;
        };
        if self.replicas[task.replica as usize].epoch != task.epoch {
            self.finish_task(tid, tgen, Err(Cause::Error));
            return;
        }
        if let Some(cause) = task.failure {
            self.finish_task(tid, tgen, Err(cause));
        } else if task.post_work > 0 {
            task.phase = Phase::PostWork;
            let at = self.now + task.post_work;
            self.events.schedule(
                at,
                Event::WorkDone {
                    task: tid,
                    gen: tgen,
                },
            );
        } else {
            self.finish_task(tid, tgen, Ok(()));
        }
    }

    /// The task leaves its service: account for it, free its worker, reply.
    fn finish_task(&mut self, tid: Id, tgen: Gen, result: Result<(), Cause>) {
        let Some(task) = self.tasks.remove(tid, tgen) else {
            return;
        };
        let s = task.service as usize;
        let now = self.now;
        let rt = &mut self.services[s];
        match result {
            Ok(()) => {
                let response = now - task.arrived;
                rt.bucket.succeeded += 1;
                rt.total.succeeded += 1;
                rt.bucket.response_ns += response as f64;
                rt.total.response_ns += response as f64;
                rt.latency.record(response);
            }
            Err(cause) => {
                rt.bucket.failed.add(cause);
                rt.total.failed.add(cause);
            }
        }
        if task.admitted {
            let sojourn = (now - task.arrived) as f64;
            rt.bucket.sojourn_ns += sojourn;
            rt.total.sojourn_ns += sojourn;
            rt.bucket.departed += 1;
            rt.total.departed += 1;
            rt.in_system.change(now, -1);
        }
        if task.abandoned && task.holds_worker {
            let wasted = (now - task.started) as f64;
            rt.bucket.wasted_ns += wasted;
            rt.total.wasted_ns += wasted;
        }
        if task.trace.is_some() {
            let outcome = match result {
                Ok(()) => "ok",
                Err(c) => c.label(),
            };
            self.tracer
                .span_ended(task.trace, outcome, task.abandoned, now);
        }
        if task.holds_worker {
            let r = task.replica as usize;
            self.replicas[r].busy -= 1;
            self.services[s].busy.change(now, -1);
            self.dispatch(r, s);
        }
        self.reply(task, result);
    }

    fn reply(&mut self, task: Task, result: Result<(), Cause>) {
        match task.parent {
            Parent::Call { call, gen, attempt } => {
                let current = self
                    .calls
                    .get(call, gen)
                    .is_some_and(|c| c.waiting && c.attempt == attempt);
                if current {
                    self.attempt_result(call, gen, result);
                }
            }
            Parent::Message {
                edge,
                published,
                delivery,
                prev_sleep_ms,
            } => {
                let e = edge as usize;
                match result {
                    Ok(()) => {
                        let lag = self.now - published;
                        let rt = &mut self.edges[e];
                        for c in [&mut rt.bucket, &mut rt.total] {
                            c.delivered += 1;
                            c.lag_ns += lag as f64;
                            c.lag_max_ns = c.lag_max_ns.max(lag);
                        }
                    }
                    Err(_) if delivery < self.m.edges[e].max_attempts => {
                        // Redeliver after the edge's backoff.
                        let sleep = backoff_ms(
                            &self.m.edges[e].backoff,
                            delivery,
                            prev_sleep_ms,
                            &mut self.rng_decisions,
                        );
                        let (tid, tgen) = self.tasks.insert(Task {
                            parent: Parent::Message {
                                edge,
                                published,
                                delivery: delivery + 1,
                                prev_sleep_ms: sleep,
                            },
                            replica: NO_REPLICA,
                            phase: Phase::Brokered,
                            started: 0,
                            post_work: 0,
                            next_call: 0,
                            outstanding: 0,
                            failure: None,
                            admitted: false,
                            holds_worker: false,
                            abandoned: false,
                            trace: TraceRef::NONE,
                            ..task
                        });
                        self.edges[e].bucket.retries += 1;
                        self.edges[e].total.retries += 1;
                        self.events.schedule(
                            self.now + ms_to_ns(sleep),
                            Event::Redeliver {
                                task: tid,
                                gen: tgen,
                            },
                        );
                    }
                    Err(_) => {
                        self.edges[e].bucket.dead_letters += 1;
                        self.edges[e].total.dead_letters += 1;
                    }
                }
            }
        }
    }

    /// A worker of replica `r` is free: give it the next request (sync
    /// queue first, then broker messages, oldest first).
    fn dispatch(&mut self, r: usize, s: usize) {
        loop {
            let svc = &self.m.services[s];
            let rep = &self.replicas[r];
            if rep.down > 0 || rep.busy >= svc.workers {
                return;
            }
            let lifo = match svc.discipline {
                Discipline::Fifo => false,
                Discipline::Lifo => true,
                Discipline::AdaptiveLifo => rep.queue.len() > svc.workers as usize,
            };
            let next = if lifo {
                self.replicas[r].queue.pop_back()
            } else {
                self.replicas[r].queue.pop_front()
            };
            if let Some((tid, tgen)) = next {
                self.services[s].queue.change(self.now, -1);
                let Some(task) = self.tasks.get(tid, tgen) else {
                    continue;
                };
                if let Some(limit) = svc.shed_after {
                    if self.now - task.arrived > limit {
                        self.finish_task(tid, tgen, Err(Cause::Shed));
                        continue;
                    }
                }
                self.start(tid, tgen, r, s);
                return;
            }
            // Broker messages: take the oldest head among inbound brokers.
            let mut best: Option<(usize, Nanos)> = None;
            for &e in &svc.inbound_brokers {
                if let Some(&(tid, tgen)) = self.edges[e].broker.front() {
                    let at = self.tasks.get(tid, tgen).map_or(0, |t| t.arrived);
                    if best.is_none_or(|(_, b)| at < b) {
                        best = Some((e, at));
                    }
                }
            }
            let Some((e, _)) = best else {
                return;
            };
            let Some((tid, tgen)) = self.edges[e].broker.pop_front() else {
                return;
            };
            self.edges[e].depth.change(self.now, -1);
            self.unblock_publisher(e);
            if self.tasks.get(tid, tgen).is_none() {
                continue;
            }
            self.services[s].bucket.arrivals += 1;
            self.services[s].total.arrivals += 1;
            self.services[s].bucket.admitted += 1;
            self.services[s].total.admitted += 1;
            self.services[s].in_system.change(self.now, 1);
            if let Some(t) = self.tasks.get_mut(tid, tgen) {
                t.arrived = self.now;
                t.admitted = true;
            }
            self.start(tid, tgen, r, s);
            return;
        }
    }

    // ----- faults -----------------------------------------------------------

    /// Recomputes the fault effects on every replica of service `s` from the
    /// faults active now.
    fn apply_faults(&mut self, s: usize) {
        let svc = &self.m.services[s];
        let first = svc.first_replica;
        let n = svc.replicas;
        for k in 0..n {
            let mut slow = 1.0;
            let mut ok_share = 1.0;
            let mut hang_until = 0;
            let mut down = 0;
            for (f, fault) in self.m.faults.iter().enumerate() {
                if !self.faults_active[f] || fault.service != s || !fault.replicas.contains(&k) {
                    continue;
                }
                match fault.kind {
                    FaultKind::Slow => slow *= fault.factor,
                    FaultKind::Error => ok_share *= 1.0 - fault.rate,
                    FaultKind::Hang => hang_until = hang_until.max(fault.to),
                    FaultKind::Down => down += 1,
                }
            }
            let r = first + k as usize;
            let was_down = self.replicas[r].down > 0;
            let rep = &mut self.replicas[r];
            rep.slow_factor = slow;
            rep.error_rate = 1.0 - ok_share;
            rep.hang_until = hang_until;
            rep.down = down;
            if down > 0 && !was_down {
                rep.epoch = rep.epoch.wrapping_add(1);
                // Requests waiting at a replica that goes away fail now.
                while let Some((tid, tgen)) = self.replicas[r].queue.pop_front() {
                    self.services[s].queue.change(self.now, -1);
                    self.finish_task(tid, tgen, Err(Cause::Error));
                }
            } else if down == 0 && was_down {
                self.dispatch(r, s);
            }
        }
    }

    // ----- metrics ----------------------------------------------------------

    fn reset_totals(&mut self) {
        let now = self.now;
        self.measured_from = now;
        for rt in &mut self.services {
            rt.total = ServiceCounters::default();
            rt.busy.reset_total(now);
            rt.queue.reset_total(now);
            rt.in_system.reset_total(now);
            rt.latency.reset_total();
        }
        for rt in &mut self.edges {
            rt.total = EdgeCounters::default();
            rt.depth.reset_total(now);
            if let Some(b) = rt.breaker.as_mut() {
                b.opened = 0;
            }
        }
        self.client.in_flight.reset_total(now);
    }

    fn close_buckets_until(&mut self, time: Nanos) {
        while self.next_bucket_end <= time && self.next_bucket_end > self.bucket_start {
            let end = self.next_bucket_end;
            self.close_bucket(end);
        }
    }

    fn close_bucket(&mut self, end: Nanos) {
        let width = (end - self.bucket_start) as f64;
        let width_s = width / 1e9;
        let c = &mut self.client;
        let in_flight_area = c.in_flight.close_bucket(end);
        let [p50, p95, p99] = c.latency.close_bucket();
        let client = ClientBucket {
            arrivals: c.bucket.arrivals,
            succeeded: c.bucket.succeeded,
            good: c.bucket.good,
            failed: c.bucket.failed,
            retries: c.bucket.retries,
            p50_ms: p50,
            p95_ms: p95,
            p99_ms: p99,
            in_flight: in_flight_area / width,
        };
        c.bucket = ClientCounters::default();
        let mut services = Vec::with_capacity(self.services.len());
        for (s, rt) in self.services.iter_mut().enumerate() {
            let svc = &self.m.services[s];
            let capacity = (svc.workers as f64) * (svc.replicas as f64);
            let busy = rt.busy.close_bucket(end);
            let max_queue = rt.queue.bucket_max;
            let queue = rt.queue.close_bucket(end);
            let in_system = rt.in_system.close_bucket(end);
            let [p50, p95, p99] = rt.latency.close_bucket();
            let b = &rt.bucket;
            let replicas_up = (0..svc.replicas)
                .filter(|&k| self.replicas[svc.first_replica + k as usize].down == 0)
                .count() as u32;
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
            rt.bucket = ServiceCounters::default();
        }
        let mut edges = Vec::with_capacity(self.edges.len());
        for rt in self.edges.iter_mut() {
            let max_depth = rt.depth.bucket_max;
            let depth = rt.depth.close_bucket(end);
            let oldest = rt
                .broker
                .front()
                .and_then(|&(t, g)| self.tasks.get(t, g))
                .map_or(0.0, |t| match t.parent {
                    Parent::Message { published, .. } => ns_to_ms(end.saturating_sub(published)),
                    _ => 0.0,
                });
            let b = &rt.bucket;
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
                lag_mean_ms: if b.delivered > 0 {
                    b.lag_ns / b.delivered as f64 / 1e6
                } else {
                    0.0
                },
                lag_max_ms: ns_to_ms(b.lag_max_ns),
            });
            rt.bucket = EdgeCounters::default();
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
        let failed = c.total.failed.total();
        let lat = &c.latency;
        let services = self
            .m
            .services
            .iter()
            .zip(&self.services)
            .map(|(svc, rt)| {
                let t = &rt.total;
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
                    mean_response_ms: if t.succeeded > 0 {
                        t.response_ns / t.succeeded as f64 / 1e6
                    } else {
                        0.0
                    },
                    p50_response_ms: rt.latency.quantile_ms(0.5),
                    p99_response_ms: rt.latency.quantile_ms(0.99),
                    mean_sojourn_ms: if t.departed > 0 {
                        t.sojourn_ns / t.departed as f64 / 1e6
                    } else {
                        0.0
                    },
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
                }
            })
            .collect::<Vec<_>>();
        let edges = self
            .m
            .edges
            .iter()
            .zip(&self.edges)
            .map(|(e, rt)| {
                let t = &rt.total;
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
                    mean_lag_ms: if t.delivered > 0 {
                        t.lag_ns / t.delivered as f64 / 1e6
                    } else {
                        0.0
                    },
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
                offered: c.total.arrivals,
                succeeded: c.total.succeeded,
                failed,
                in_flight: c.total.arrivals.saturating_sub(c.total.succeeded + failed),
                good: c.total.good,
                failed_by_cause: c.total.failed,
            },
            latency_ms: LatencySummary {
                mean: lat.mean_ms(),
                p50: lat.quantile_ms(0.5),
                p90: lat.quantile_ms(0.9),
                p99: lat.quantile_ms(0.99),
                max: lat.max_ms(),
            },
            throughput_rps: per_s(c.total.succeeded as f64),
            goodput_rps: per_s(c.total.good as f64),
            retries: c.total.retries,
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
                .zip(&self.services)
                .map(|(svc, rt)| LiveService {
                    busy: rt.busy.value,
                    workers: svc.workers as u64 * svc.replicas as u64,
                    queue: rt.queue.value,
                    replicas_up: (0..svc.replicas)
                        .filter(|&k| self.replicas[svc.first_replica + k as usize].down == 0)
                        .count() as u32,
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

/// A stable 64-bit key for a name (FNV-1a), to seed per-service streams.
fn name_key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
