//! Async messaging: publishing into an edge's broker (reject or block when
//! it is full), waking an idle consumer, unblocking publishers as messages
//! leave, and the outcome of a consumed message (lag, redelivery with
//! backoff, dead letter).

use super::super::events::Event;
use super::super::keys::{CallKey, EdgeId, ServiceId, TaskKey};
use super::super::metrics::Cause;
use super::super::policy::backoff_ms;
use super::super::scenario::{CallMode, OnFull};
use super::super::time::{ms_to_ns, Nanos};
use super::super::trace::TraceRef;
use super::state::{Parent, Stage, Task};
use super::Simulation;

impl Simulation {
    /// Attempt `attempt` of an async call publishes its message on edge
    /// `e` (from [`Simulation::send_attempt`]). Calls inline:
    /// [`Simulation::enqueue_message`] then [`Simulation::resolve_call`]
    /// (room in the broker), [`Simulation::resolve_call`] (full, reject);
    /// a blocked publish waits for [`Simulation::unblock_publisher`] or
    /// its [`Event::CallTimeout`].
    pub(super) fn publish(&mut self, key: CallKey, e: EdgeId, attempt: u32) {
        let to = ServiceId::new(self.m.edges[e.ix()].to);
        let (trace, parent_span, request) = match self.calls.get(key) {
            Some(c) => (c.trace, c.trace.span, c.request),
            None => return,
        };
        let span_trace = if trace.is_some() {
            self.tracer.span_arrived(
                trace,
                parent_span,
                &self.m.services[to.ix()].name,
                attempt,
                CallMode::Async,
                self.now,
            )
        } else {
            TraceRef::NONE
        };
        let task = self.tasks.insert(Task::message(
            request, to, e, self.now, 1, 0.0, self.now, span_trace,
        ));
        self.edges[e].counts.add(|c| c.published += 1);
        if self.broker_full(e) {
            match self.m.edges[e.ix()].on_full {
                OnFull::Reject => {
                    self.tasks.remove(task);
                    self.tracer
                        .span_ended(span_trace, Cause::Rejected.label(), false, self.now);
                    self.edges[e].counts.add(|c| c.publish_failed += 1);
                    self.resolve_call(key, Err(Cause::Rejected));
                }
                OnFull::Block => {
                    if let Some(call) = self.calls.get_mut(key) {
                        call.waiting_for = Some(task);
                    }
                    if let Some(t) = self.m.edges[e.ix()].timeout {
                        self.events
                            .schedule(self.now + t, Event::CallTimeout { call: key, attempt });
                    }
                    self.edges[e].blocked.push_back(key);
                }
            }
            return;
        }
        self.enqueue_message(e, task);
        self.resolve_call(key, Ok(()));
    }

    fn broker_full(&self, e: EdgeId) -> bool {
        self.m.edges[e.ix()]
            .broker_capacity
            .is_some_and(|cap| self.edges[e].broker.len() >= cap as usize)
    }

    /// Handles [`Event::Redeliver`]: a failed message goes back on its
    /// broker. Calls inline: [`Simulation::enqueue_message`].
    pub(super) fn redeliver(&mut self, task: TaskKey) {
        if let Some(t) = self.tasks.get(task) {
            if let Parent::Message { edge, .. } = t.parent {
                self.enqueue_message(edge, task);
            }
        }
    }

    /// Puts a message on edge `e`'s broker and wakes an idle consumer, if
    /// any. Calls inline: [`Simulation::dispatch`].
    pub(super) fn enqueue_message(&mut self, e: EdgeId, task: TaskKey) {
        if let Some(t) = self.tasks.get_mut(task) {
            t.stage = Stage::Brokered;
        }
        self.edges[e].broker.push_back(task);
        self.edges[e].depth.change(self.now, 1);
        let s = ServiceId::new(self.m.edges[e.ix()].to);
        if let Some(r) = self.idle_consumer(s) {
            self.dispatch(r, s);
        }
    }

    /// A message left edge `e`'s broker (from [`Simulation::dispatch`]):
    /// the first publisher still blocked on it may go on. Calls inline:
    /// [`Simulation::enqueue_message`], [`Simulation::resolve_call`].
    pub(super) fn unblock_publisher(&mut self, e: EdgeId) {
        while let Some(key) = self.edges[e].blocked.pop_front() {
            let Some(call) = self.calls.get_mut(key) else {
                continue;
            };
            let Some(task) = call.waiting_for.take() else {
                continue;
            };
            if let Some(t) = self.tasks.get_mut(task) {
                t.arrived = self.now;
                if let Parent::Message { published, .. } = &mut t.parent {
                    *published = self.now;
                }
            }
            self.enqueue_message(e, task);
            self.resolve_call(key, Ok(()));
            return;
        }
    }

    /// A consumed message is done (from [`Simulation::reply`]): count its
    /// lag, or schedule its redelivery ([`Event::Redeliver`]) after the
    /// edge's backoff, or give it up as a dead letter.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn message_done(
        &mut self,
        done: &Task,
        edge: EdgeId,
        published: Nanos,
        delivery: u32,
        prev_sleep_ms: f64,
        result: Result<(), Cause>,
    ) {
        match result {
            Ok(()) => {
                let lag = self.now - published;
                self.edges[edge].counts.add(|c| {
                    c.delivered += 1;
                    c.lag_ns += lag as f64;
                    c.lag_max_ns = c.lag_max_ns.max(lag);
                });
            }
            Err(_) if delivery < self.m.edges[edge.ix()].max_attempts => {
                let sleep = backoff_ms(
                    &self.m.edges[edge.ix()].backoff,
                    delivery,
                    prev_sleep_ms,
                    &mut self.rng_decisions,
                );
                let task = self.tasks.insert(Task::message(
                    done.request,
                    done.service,
                    edge,
                    published,
                    delivery + 1,
                    sleep,
                    done.arrived,
                    TraceRef::NONE,
                ));
                self.edges[edge].counts.add(|c| c.retries += 1);
                self.events
                    .schedule(self.now + ms_to_ns(sleep), Event::Redeliver { task });
            }
            Err(_) => self.edges[edge].counts.add(|c| c.dead_letters += 1),
        }
    }
}
