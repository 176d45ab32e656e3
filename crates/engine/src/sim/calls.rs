//! Calls and their attempts: local refusals (breaker, bulkhead), the
//! attempt's task, timeouts, retries with backoff and budget, and the
//! call's result going back to whoever made it.

use super::super::events::Event;
use super::super::keys::{CallKey, EdgeId, ServiceId, TaskKey};
use super::super::metrics::Cause;
use super::super::policy::{backoff_ms, Admit};
use super::super::scenario::CallMode;
use super::super::time::ms_to_ns;
use super::super::trace::TraceRef;
use super::state::{Call, Caller, Task};
use super::Simulation;

impl Simulation {
    /// A task calls a dependency along edge `e`. Calls inline:
    /// [`Simulation::send_attempt`].
    pub(super) fn issue_call(&mut self, task: TaskKey, e: EdgeId) {
        let (trace, request) = self
            .tasks
            .get(task)
            .map_or((TraceRef::NONE, 0), |t| (t.trace, t.request));
        let call = self
            .calls
            .insert(Call::new(request, e, Caller::Task(task), trace));
        self.send_attempt(call);
    }

    /// Handles [`Event::RetryFire`]: the backoff is over, send the next
    /// attempt (unless the call is gone). Calls inline:
    /// [`Simulation::send_attempt`].
    pub(super) fn retry_fire(&mut self, call: CallKey) {
        if self.calls.get(call).is_some() {
            self.send_attempt(call);
        }
    }

    /// Sends the next attempt of a call (or publishes its message). Called
    /// by [`Simulation::start_request`], [`Simulation::issue_call`],
    /// [`Simulation::retry_fire`] and a retry without backoff. Calls
    /// inline: [`Simulation::publish`] (async), [`Simulation::attempt_failed`]
    /// (refused locally), [`Simulation::admit`] (no network delay).
    pub(super) fn send_attempt(&mut self, key: CallKey) {
        let Some(call) = self.calls.get_mut(key) else {
            return;
        };
        call.attempt += 1;
        let attempt = call.attempt;
        let e = call.edge;
        let trace = call.trace;
        let request = call.request;
        let edge = &self.m.edges[e.ix()];
        let mode = edge.mode;
        let to = ServiceId::new(edge.to);
        let timeout = edge.timeout;
        let from = edge.from;
        let rt = &mut self.edges[e];
        rt.counts.add(|c| c.attempts += 1);
        if attempt == 1 {
            rt.counts.add(|c| c.calls += 1);
            if let Some(b) = rt.budget.as_mut() {
                b.on_first_attempt();
            }
        } else {
            rt.counts.add(|c| c.retries += 1);
            match from {
                Some(s) => self.services[ServiceId::new(s)]
                    .counts
                    .add(|c| c.retries += 1),
                None => self.client.counts.add(|c| c.retries += 1),
            }
        }

        if mode == CallMode::Async {
            self.publish(key, e, attempt);
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
                    self.edges[e].counts.add(|c| c.circuit_open += 1);
                    self.local_refusal_span(trace, to, attempt, Cause::CircuitOpen);
                    self.attempt_failed(key, Cause::CircuitOpen);
                    return;
                }
            }
        }
        if let Some(max) = self.m.edges[e.ix()].bulkhead {
            if self.edges[e].in_flight >= max {
                self.edges[e].counts.add(|c| c.bulkhead_full += 1);
                self.local_refusal_span(trace, to, attempt, Cause::BulkheadFull);
                self.attempt_failed(key, Cause::BulkheadFull);
                return;
            }
        }
        self.edges[e].in_flight += 1;

        let span_trace = if trace.is_some() {
            let name = &self.m.services[to.ix()].name;
            self.tracer
                .span_arrived(trace, trace.span, name, attempt, CallMode::Sync, self.now)
        } else {
            TraceRef::NONE
        };
        let task = self.tasks.insert(Task::attempt(
            request, to, key, attempt, self.now, span_trace,
        ));
        if let Some(call) = self.calls.get_mut(key) {
            call.waiting_for = Some(task);
            call.trial = trial;
        }
        if let Some(t) = timeout {
            self.events
                .schedule(self.now + t, Event::CallTimeout { call: key, attempt });
        }
        match self.m.edges[e.ix()].network {
            Some(net) => {
                let delay = net.sample_ns(&mut self.rng_network);
                self.events
                    .schedule(self.now + delay, Event::Deliver { task });
            }
            None => self.admit(task),
        }
    }

    /// A span for an attempt refused before it left (traced requests only).
    fn local_refusal_span(&mut self, trace: TraceRef, to: ServiceId, attempt: u32, cause: Cause) {
        if trace.is_some() {
            let r = self.tracer.span_arrived(
                trace,
                trace.span,
                &self.m.services[to.ix()].name,
                attempt,
                CallMode::Sync,
                self.now,
            );
            self.tracer.span_ended(r, cause.label(), false, self.now);
        }
    }

    /// An attempt failed (remotely or locally): retry if policy and budget
    /// allow, else the call fails. Calls inline:
    /// [`Simulation::resolve_call`] (no retry), [`Simulation::send_attempt`]
    /// (retry without backoff); schedules [`Event::RetryFire`] otherwise.
    pub(super) fn attempt_failed(&mut self, key: CallKey, cause: Cause) {
        let Some(call) = self.calls.get(key) else {
            return;
        };
        let e = call.edge;
        let attempt = call.attempt;
        let prev = call.prev_sleep_ms;
        let edge = &self.m.edges[e.ix()];
        // Refusals by our own breaker or bulkhead are the fast failure they
        // exist for; retrying them would defeat it.
        let retryable = !matches!(cause, Cause::CircuitOpen | Cause::BulkheadFull);
        let may_retry = retryable
            && attempt < edge.max_attempts
            && self.edges[e].budget.as_mut().is_none_or(|b| b.try_retry());
        if !may_retry {
            self.resolve_call(key, Err(cause));
            return;
        }
        let sleep = backoff_ms(&edge.backoff, attempt, prev, &mut self.rng_decisions);
        if let Some(call) = self.calls.get_mut(key) {
            call.prev_sleep_ms = sleep;
        }
        let wait = ms_to_ns(sleep);
        if wait == 0 {
            self.send_attempt(key);
        } else {
            self.events
                .schedule(self.now + wait, Event::RetryFire { call: key });
        }
    }

    /// The reply of the current sync attempt arrived (from
    /// [`Simulation::reply`]): the breaker learns the outcome. Calls
    /// inline: [`Simulation::resolve_call`] or [`Simulation::attempt_failed`].
    pub(super) fn attempt_result(&mut self, key: CallKey, result: Result<(), Cause>) {
        let Some(call) = self.calls.get_mut(key) else {
            return;
        };
        call.waiting_for = None;
        let e = call.edge;
        let trial = call.trial;
        let rt = &mut self.edges[e];
        rt.in_flight = rt.in_flight.saturating_sub(1);
        if let Some(b) = rt.breaker.as_mut() {
            b.record(self.now, result.is_ok(), trial);
        }
        match result {
            Ok(()) => self.resolve_call(key, Ok(())),
            Err(cause) => self.attempt_failed(key, cause),
        }
    }

    /// Handles [`Event::CallTimeout`]: the caller stops waiting for this
    /// attempt (if it still waits for it). A sync attempt's task goes on,
    /// abandoned; a blocked publish is dropped. Calls inline:
    /// [`Simulation::attempt_failed`].
    pub(super) fn call_timeout(&mut self, key: CallKey, attempt: u32) {
        let Some(call) = self.calls.get_mut(key) else {
            return;
        };
        if call.attempt != attempt {
            return;
        }
        let Some(child) = call.waiting_for.take() else {
            return;
        };
        let e = call.edge;
        let trial = call.trial;
        let rt = &mut self.edges[e];
        rt.counts.add(|c| c.timeouts += 1);
        match self.m.edges[e.ix()].mode {
            CallMode::Sync => {
                rt.in_flight = rt.in_flight.saturating_sub(1);
                if let Some(b) = rt.breaker.as_mut() {
                    b.record(self.now, false, trial);
                }
                if let Some(task) = self.tasks.get_mut(child) {
                    task.abandoned = true;
                    self.services[task.service].counts.add(|c| c.timed_out += 1);
                    if let Some(m) = task
                        .stage
                        .replica()
                        .and_then(|r| self.replicas[r].metrics.as_mut())
                    {
                        m.counts.timed_out += 1;
                    }
                }
            }
            CallMode::Async => {
                // A publish blocked on a full broker gives up; its message
                // was never enqueued.
                self.tasks.remove(child);
            }
        }
        self.attempt_failed(key, Cause::Timeout);
    }

    /// The call is over: count it and tell whoever made it. For a client
    /// request that is the end (latency, goodput, trace; a closed-loop user
    /// starts thinking). Calls inline: [`Simulation::call_returned`] (the
    /// caller is a task).
    pub(super) fn resolve_call(&mut self, key: CallKey, result: Result<(), Cause>) {
        let Some(call) = self.calls.remove(key) else {
            return;
        };
        let e = call.edge;
        if result.is_err() {
            self.edges[e].counts.add(|c| c.failed_calls += 1);
        }
        match call.caller {
            Caller::Client {
                arrived,
                user,
                measured,
            } => {
                self.client.in_flight.change(self.now, -1);
                let latency = self.now - arrived;
                let good = self.m.deadline.is_none_or(|d| latency <= d);
                let c = &mut self.client;
                match result {
                    Ok(()) => {
                        c.counts.add_if(measured, |c| {
                            c.succeeded += 1;
                            if good {
                                c.good += 1;
                            }
                        });
                        if measured {
                            c.latency.record(latency);
                        } else {
                            c.latency.record_bucket(latency);
                        }
                    }
                    Err(cause) => c.counts.add_if(measured, |c| c.failed.add(cause)),
                }
                if call.trace.is_some() {
                    let outcome = match result {
                        Ok(()) => "ok",
                        Err(cause) => cause.label(),
                    };
                    self.tracer.close(call.trace, outcome, self.now);
                }
                if let Some(user) = user {
                    self.user_thinks(user);
                }
            }
            Caller::Task(task) => self.call_returned(task, e, result),
        }
    }
}
