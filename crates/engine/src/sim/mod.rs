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
//! One file per concern: `state` (what is kept about tasks, calls,
//! replicas, services, edges), `arrivals` (client requests), `calls`
//! (attempts, timeouts, retries, results), `messaging` (brokers),
//! `service` (admission, work, a task's own calls, replies), `balancer`
//! (which replica), `faults` and `observe` (buckets, the summary, the live
//! view). This file holds the run loop and the dispatch
//! of each [`Event`] to its handler.
//!
//! Order of event handling: events run in time order, ties in the order
//! they were scheduled ([`EventQueue`]). Before an event at or after the
//! current bucket's end, the buckets up to it are closed. A handler may
//! call other handlers inline (a reply resolves the call, which lets the
//! caller's task go on, which may send the next call...); everything that
//! happens later is scheduled as an event. Each handler's doc comment says
//! which event it handles and whom it may call inline.
//!
//! Invariants: every task and call lives in a [`Pool`] and is freed exactly
//! once; events refer to them by typed keys (index and generation) and are
//! ignored when stale (that is how timeouts and abandoned work are handled
//! without searching the heap). Nothing here depends on how
//! [`Simulation::run_until`] is sliced: buckets close on event times, never
//! on step boundaries.

mod arrivals;
mod balancer;
mod calls;
mod faults;
mod messaging;
mod observe;
mod service;
mod state;

use super::events::{Event, EventQueue};
use super::footprint::Footprint;
use super::keys::{CallKey, EdgeId, ReplicaId, ServiceId, Table, TaskKey};
use super::metrics::{Latency, Level, Tally};
use super::model::Model;
use super::policy::{Breaker, RetryBudget, TokenBucket};
use super::pool::Pool;
use super::random::Stream;
use super::report::{Bucket, Trace};
use super::scenario::{CallMode, Profile, Scenario};
use super::time::{ns_to_s, s_to_ns, Nanos};
use super::trace::Tracer;
use super::validate::{validate, ScenarioError};
use state::{Call, ClientRt, EdgeRt, Replica, ServiceRt, Task};

/// More requests than this in flight at once means queues are growing
/// without bound at a rate that would exhaust memory: the run stops with a
/// message rather than taking the browser down.
pub const MAX_IN_FLIGHT: usize = 2_000_000;
/// Events in one run, a backstop behind the validation's work estimate.
pub const MAX_EVENTS: u64 = 4_000_000_000;

/// A running simulation. Create it from a scenario, advance it with
/// [`Simulation::run_until`] (or [`Simulation::run_to_end`]), read buckets,
/// the summary, traces and the live state at any point.
pub struct Simulation {
    m: Model,
    now: Nanos,
    events: EventQueue,
    tasks: Pool<TaskKey, Task>,
    calls: Pool<CallKey, Call>,
    replicas: Table<ReplicaId, Replica>,
    services: Table<ServiceId, ServiceRt>,
    edges: Table<EdgeId, EdgeRt>,
    client: ClientRt,
    faults_active: Vec<bool>,
    rng_arrivals: Stream,
    rng_decisions: Stream,
    rng_network: Stream,
    max_rate: f64,
    /// 1000 / `max_rate`: the mean gap between candidate arrivals.
    mean_gap_ms: f64,
    constant_rate: bool,
    /// At a constant rate, the gap from the next arrival to the one after
    /// it, drawn a step ahead (see `schedule_next_arrival`).
    next_gap: Nanos,
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
            .map(|s| {
                // Keyed by name, so adding a service leaves the others' streams alone.
                let mut rng = Stream::new(seed, name_key(&s.name));
                ServiceRt {
                    next_work: s.service_time.sample_ns(&mut rng),
                    rng,
                    counts: Tally::default(),
                    busy: Level::default(),
                    queue: Level::default(),
                    in_system: Level::default(),
                    latency: Latency::new(),
                    rr: 0,
                    limiter: s
                        .rate_limit
                        .as_ref()
                        .map(|r| TokenBucket::new(r.rate_rps, r.burst)),
                }
            })
            .collect();
        let edges = m
            .edges
            .iter()
            .map(|e| EdgeRt {
                counts: Tally::default(),
                breaker: e.breaker.as_ref().map(Breaker::new),
                budget: e.budget.as_ref().map(RetryBudget::new),
                in_flight: 0,
                broker: Default::default(),
                depth: Level::default(),
                blocked: Default::default(),
            })
            .collect();
        // In service order, matching each service's `first_replica`.
        let replicas = m
            .services
            .iter()
            .flat_map(|s| (0..s.replicas).map(move |_| Replica::healthy(s.replicas > 1)))
            .collect();
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
                counts: Tally::default(),
                in_flight: Level::default(),
                latency: Latency::new(),
                seq: 0,
            },
            faults_active: vec![false; m.faults.len()],
            rng_arrivals: Stream::new(seed, 1),
            rng_decisions: Stream::new(seed, 2),
            rng_network: Stream::new(seed, 3),
            max_rate: m.max_rate(),
            mean_gap_ms: 1000.0 / m.max_rate(),
            constant_rate: matches!(m.load.profile, Profile::Constant),
            next_gap: 0,
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

    /// The loop: pops events up to `limit` (at most `max_events`), closes
    /// the buckets they pass, hands each to [`Simulation::handle`], and
    /// stops the run when memory or the event budget would run out.
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

    /// Hands one event to its handler.
    fn handle(&mut self, event: Event) {
        match event {
            Event::Arrival => self.on_arrival(),
            Event::UserWake { user } => self.start_request(Some(user)),
            Event::WorkDone { task } => self.work_done(task),
            Event::Deliver { task } => self.admit(task),
            Event::CallTimeout { call, attempt } => self.call_timeout(call, attempt),
            Event::RetryFire { call } => self.retry_fire(call),
            Event::Redeliver { task } => self.redeliver(task),
            Event::FaultStart { fault } => self.fault_changed(fault, true),
            Event::FaultEnd { fault } => self.fault_changed(fault, false),
            Event::WarmupEnd => self.reset_totals(),
        }
    }
}

/// A stable 64-bit key for a name (FNV-1a), to seed per-service streams.
fn name_key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
