//! Services: admission at a replica (queue, reject), a worker doing the
//! task's own work, the task's calls to its dependencies (in order or in
//! parallel), the end of the task and its reply, and the next task for a
//! freed worker.

use super::super::events::Event;
use super::super::keys::{EdgeId, ReplicaId, ServiceId, TaskKey};
use super::super::metrics::Cause;
use super::super::random::keyed_uniform;
use super::super::scenario::{CallOrder, Discipline};
use super::super::time::{round_to_u64, Nanos};
use super::super::validate::limits::MAX_CALLS_PER_SERVICE;
use super::state::{Parent, Serving, Stage, Step, Task};
use super::Simulation;

impl Simulation {
    /// Handles [`Event::Deliver`] (and is called inline by
    /// [`Simulation::send_attempt`] when the edge has no network delay): a
    /// request reaches its service; pick a replica, then serve, queue or
    /// reject. Calls inline: [`Simulation::start`], [`Simulation::reject`].
    pub(super) fn admit(&mut self, key: TaskKey) {
        let Some(task) = self.tasks.get(key) else {
            return;
        };
        let s = task.service;
        self.services[s].counts.add(|c| c.arrivals += 1);
        let Some(r) = self.pick_replica(s) else {
            self.reject(key, Cause::Rejected);
            return;
        };
        if let Some(limiter) = self.services[s].limiter.as_mut() {
            if !limiter.try_take(self.now) {
                self.reject(key, Cause::Rejected);
                return;
            }
        }
        let svc = &self.m.services[s.ix()];
        let rep = &self.replicas[r];
        let free = rep.busy < svc.workers;
        if !free
            && svc
                .queue_capacity
                .is_some_and(|cap| rep.queue.len() >= cap as usize)
        {
            if let Some(m) = self.replicas[r].metrics.as_mut() {
                m.counts.failed.add(Cause::Rejected);
            }
            self.reject(key, Cause::Rejected);
            return;
        }
        if let Some(t) = self.tasks.get_mut(key) {
            t.stage = Stage::Queued { replica: r };
            t.arrived = self.now;
        }
        if let Some(m) = self.replicas[r].metrics.as_mut() {
            m.counts.admitted += 1;
        }
        let rt = &mut self.services[s];
        rt.counts.add(|c| c.admitted += 1);
        rt.in_system.change(self.now, 1);
        if free {
            self.start(key, r, s);
        } else {
            self.replicas[r].queue.push_back(key);
            self.services[s].queue.change(self.now, 1);
        }
    }

    /// Refused at the door: never admitted, never held a worker. Calls
    /// inline: [`Simulation::finish_task`].
    fn reject(&mut self, key: TaskKey, cause: Cause) {
        self.finish_task(key, Err(cause));
    }

    /// A worker of replica `r` takes the task: sample its work and
    /// schedule the end of the part before its calls ([`Event::WorkDone`]).
    /// Calls no other handler.
    fn start(&mut self, key: TaskKey, r: ReplicaId, s: ServiceId) {
        let svc = &self.m.services[s.ix()];
        let rep = &mut self.replicas[r];
        rep.busy += 1;
        if let Some(m) = rep.metrics.as_mut() {
            m.busy.change(self.now, 1);
        }
        let in_flight = rep.busy as f64 + rep.queue.len() as f64;
        let rt = &mut self.services[s];
        rt.busy.change(self.now, 1);
        // Drawn one task ahead (see `ServiceRt::next_work`).
        let sampled = rt.next_work;
        rt.next_work = svc.service_time.sample_ns(&mut rt.rng);
        let slowed = rep.slow_factor != 1.0 || svc.slowdown_per_inflight_ns > 0.0;
        let work = if !slowed && sampled < 1 << 53 {
            // What the arithmetic below gives for an exact integer: skip
            // the round trip through f64.
            sampled
        } else {
            let mut work = sampled as f64;
            if rep.slow_factor != 1.0 {
                work *= rep.slow_factor;
            }
            if svc.slowdown_per_inflight_ns > 0.0 {
                work += svc.slowdown_per_inflight_ns * in_flight;
            }
            round_to_u64(work)
        };
        let post = if svc.work_after_calls > 0.0 {
            round_to_u64(work as f64 * svc.work_after_calls)
        } else {
            0
        };
        let begin = self.now.max(rep.hang_until);
        let epoch = rep.epoch;
        let Some(task) = self.tasks.get_mut(key) else {
            return;
        };
        task.stage = Stage::Serving(Serving {
            replica: r,
            started: self.now,
            epoch,
            post_work: post,
            step: Step::Work,
        });
        let trace = task.trace;
        self.events
            .schedule(begin + (work - post), Event::WorkDone { task: key });
        if trace.is_some() {
            let idx = (r.ix() - svc.first_replica) as u32;
            self.tracer.span_started(trace, idx, self.now);
        }
    }

    /// Handles [`Event::WorkDone`]: a stretch of the task's own work is
    /// over. After the first stretch the task may fail (injected error, its
    /// replica went down) or make its calls; after the last it succeeds.
    /// Calls inline: [`Simulation::finish_task`],
    /// [`Simulation::after_calls`], [`Simulation::next_sequential_call`],
    /// [`Simulation::fan_out`].
    pub(super) fn work_done(&mut self, key: TaskKey) {
        let Some(task) = self.tasks.get_mut(key) else {
            return;
        };
        let Stage::Serving(serving) = &mut task.stage else {
            return;
        };
        let r = serving.replica;
        let s = task.service;
        if self.replicas[r].epoch != serving.epoch {
            self.finish_task(key, Err(Cause::Error));
            return;
        }
        match serving.step {
            Step::Work => {
                let rate = self.replicas[r].error_rate;
                if rate > 0.0 && self.rng_decisions.chance(rate) {
                    self.finish_task(key, Err(Cause::Error));
                    return;
                }
                if self.m.services[s.ix()].calls.is_empty() {
                    self.after_calls(key);
                    return;
                }
                serving.step = Step::Calls {
                    next_call: 0,
                    outstanding: 0,
                };
                match self.m.services[s.ix()].call_order {
                    CallOrder::Sequential => self.next_sequential_call(key),
                    CallOrder::Parallel => self.fan_out(key, s),
                }
            }
            Step::PostWork => self.finish_task(key, Ok(())),
            Step::Calls { .. } => {}
        }
    }

    /// Sequential calls: issue the next call this request makes (each edge
    /// is taken with its probability), or go on when none is left. Calls
    /// inline: [`Simulation::issue_call`], [`Simulation::after_calls`].
    fn next_sequential_call(&mut self, key: TaskKey) {
        loop {
            let Some(task) = self.tasks.get_mut(key) else {
                return;
            };
            let Stage::Serving(Serving {
                step:
                    Step::Calls {
                        next_call,
                        outstanding,
                    },
                ..
            }) = &mut task.stage
            else {
                return;
            };
            let calls = &self.m.services[task.service.ix()].calls;
            let i = *next_call as usize;
            if i >= calls.len() {
                self.after_calls(key);
                return;
            }
            *next_call += 1;
            let e = calls[i];
            let p = self.m.edges[e].probability;
            if p >= 1.0 || keyed_uniform(self.m.seed, task.request, e as u64) < p {
                *outstanding = 1;
                self.issue_call(key, EdgeId::new(e));
                return;
            }
        }
    }

    /// Parallel calls: issue every call this request makes at once. Calls
    /// inline: [`Simulation::issue_call`], [`Simulation::after_calls`] (none).
    fn fan_out(&mut self, key: TaskKey, s: ServiceId) {
        let mut chosen = [0usize; MAX_CALLS_PER_SERVICE];
        let mut n = 0;
        let request = self.tasks.get(key).map_or(0, |t| t.request);
        for &e in &self.m.services[s.ix()].calls {
            let p = self.m.edges[e].probability;
            if p >= 1.0 || keyed_uniform(self.m.seed, request, e as u64) < p {
                chosen[n] = e;
                n += 1;
            }
        }
        if n == 0 {
            self.after_calls(key);
            return;
        }
        if let Some(Stage::Serving(Serving {
            step: Step::Calls { outstanding, .. },
            ..
        })) = self.tasks.get_mut(key).map(|t| &mut t.stage)
        {
            *outstanding = n as u16;
        }
        for &e in &chosen[..n] {
            self.issue_call(key, EdgeId::new(e));
        }
    }

    /// One of the task's calls (on edge `e`) is over (from
    /// [`Simulation::resolve_call`]). Calls inline:
    /// [`Simulation::next_sequential_call`], [`Simulation::after_calls`].
    pub(super) fn call_returned(&mut self, key: TaskKey, e: EdgeId, result: Result<(), Cause>) {
        let optional = self.m.edges[e.ix()].optional;
        let Some(task) = self.tasks.get_mut(key) else {
            return;
        };
        if result.is_err() && !optional && task.failure.is_none() {
            task.failure = Some(Cause::Downstream);
        }
        let mut left = 0;
        if let Stage::Serving(Serving {
            step: Step::Calls { outstanding, .. },
            ..
        }) = &mut task.stage
        {
            *outstanding = outstanding.saturating_sub(1);
            left = *outstanding;
        }
        let failed = task.failure.is_some();
        match self.m.services[task.service.ix()].call_order {
            CallOrder::Sequential => {
                if failed {
                    self.after_calls(key);
                } else {
                    self.next_sequential_call(key);
                }
            }
            CallOrder::Parallel => {
                if left == 0 {
                    self.after_calls(key);
                }
            }
        }
    }

    /// The task's calls are over: fail if one failed (or its replica went
    /// down meanwhile), else do the work after the calls
    /// ([`Event::WorkDone`]) or finish. Calls inline:
    /// [`Simulation::finish_task`].
    fn after_calls(&mut self, key: TaskKey) {
        let Some(task) = self.tasks.get_mut(key) else {
            return;
        };
        let Stage::Serving(serving) = &mut task.stage else {
            return;
        };
        if self.replicas[serving.replica].epoch != serving.epoch {
            self.finish_task(key, Err(Cause::Error));
            return;
        }
        if let Some(cause) = task.failure {
            self.finish_task(key, Err(cause));
        } else if serving.post_work > 0 {
            serving.step = Step::PostWork;
            let at = self.now + serving.post_work;
            self.events.schedule(at, Event::WorkDone { task: key });
        } else {
            self.finish_task(key, Ok(()));
        }
    }

    /// The task leaves its service: account for it, free its worker, reply.
    /// Calls inline: [`Simulation::dispatch`] (a worker is free),
    /// [`Simulation::reply`].
    pub(super) fn finish_task(&mut self, key: TaskKey, result: Result<(), Cause>) {
        let Some(task) = self.tasks.remove(key) else {
            return;
        };
        let s = task.service;
        let now = self.now;
        let rt = &mut self.services[s];
        match result {
            Ok(()) => {
                let response = now - task.arrived;
                rt.counts.add(|c| {
                    c.succeeded += 1;
                    c.response_ns += response as f64;
                });
                rt.latency.record(response);
            }
            Err(cause) => rt.counts.add(|c| c.failed.add(cause)),
        }
        if task.stage.admitted() {
            let sojourn = (now - task.arrived) as f64;
            rt.counts.add(|c| {
                c.sojourn_ns += sojourn;
                c.departed += 1;
            });
            rt.in_system.change(now, -1);
        }
        let serving = match task.stage {
            Stage::Serving(serving) => Some(serving),
            _ => None,
        };
        if let (true, Some(serving)) = (task.abandoned, serving) {
            let wasted = (now - serving.started) as f64;
            rt.counts.add(|c| c.wasted_ns += wasted);
        }
        if task.trace.is_some() {
            let outcome = match result {
                Ok(()) => "ok",
                Err(c) => c.label(),
            };
            self.tracer
                .span_ended(task.trace, outcome, task.abandoned, now);
        }
        if let Some(m) = task
            .stage
            .replica()
            .and_then(|r| self.replicas[r].metrics.as_mut())
        {
            match result {
                Ok(()) => m.record_success(now - task.arrived),
                Err(cause) => m.counts.failed.add(cause),
            }
            if serving.is_some() {
                m.busy.change(now, -1);
            }
        }
        if let Some(serving) = serving {
            let r = serving.replica;
            self.replicas[r].busy -= 1;
            self.services[s].busy.change(now, -1);
            self.dispatch(r, s);
        }
        self.reply(task, result);
    }

    /// The task's result goes to its parent: the call waiting for this
    /// attempt, or the message's broker edge. Calls inline:
    /// [`Simulation::attempt_result`], [`Simulation::message_done`].
    fn reply(&mut self, task: Task, result: Result<(), Cause>) {
        match task.parent {
            Parent::Call { call, attempt } => {
                let current = self
                    .calls
                    .get(call)
                    .is_some_and(|c| c.waiting_for.is_some() && c.attempt == attempt);
                if current {
                    self.attempt_result(call, result);
                }
            }
            Parent::Message {
                edge,
                published,
                delivery,
                prev_sleep_ms,
            } => self.message_done(&task, edge, published, delivery, prev_sleep_ms, result),
        }
    }

    /// A worker of replica `r` is free: give it the next request (sync
    /// queue first, shedding requests that waited too long, then broker
    /// messages, oldest first). Calls inline: [`Simulation::start`],
    /// [`Simulation::finish_task`] (shed), [`Simulation::unblock_publisher`].
    pub(super) fn dispatch(&mut self, r: ReplicaId, s: ServiceId) {
        loop {
            let svc = &self.m.services[s.ix()];
            let rep = &self.replicas[r];
            if !rep.is_up() || rep.busy >= svc.workers {
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
            if let Some(key) = next {
                self.services[s].queue.change(self.now, -1);
                let Some(task) = self.tasks.get(key) else {
                    continue;
                };
                if let Some(limit) = svc.shed_after {
                    if self.now - task.arrived > limit {
                        self.finish_task(key, Err(Cause::Shed));
                        continue;
                    }
                }
                self.start(key, r, s);
                return;
            }
            // Broker messages: take the oldest head among inbound brokers.
            let mut best: Option<(EdgeId, Nanos)> = None;
            for &e in &svc.inbound_brokers {
                let e = EdgeId::new(e);
                if let Some(&head) = self.edges[e].broker.front() {
                    let at = self.tasks.get(head).map_or(0, |t| t.arrived);
                    if best.is_none_or(|(_, b)| at < b) {
                        best = Some((e, at));
                    }
                }
            }
            let Some((e, _)) = best else {
                return;
            };
            let Some(key) = self.edges[e].broker.pop_front() else {
                return;
            };
            self.edges[e].depth.change(self.now, -1);
            self.unblock_publisher(e);
            if self.tasks.get(key).is_none() {
                continue;
            }
            let rt = &mut self.services[s];
            rt.counts.add(|c| {
                c.arrivals += 1;
                c.admitted += 1;
            });
            rt.in_system.change(self.now, 1);
            if let Some(t) = self.tasks.get_mut(key) {
                t.arrived = self.now;
                t.stage = Stage::Queued { replica: r };
            }
            if let Some(m) = self.replicas[r].metrics.as_mut() {
                m.counts.admitted += 1;
            }
            self.start(key, r, s);
            return;
        }
    }
}
