//! Client requests: open-loop arrivals (a Poisson process, thinned for a
//! time-varying rate) or closed-loop users who think between requests, and
//! the events scheduled at time 0.

use super::super::events::Event;
use super::super::keys::EdgeId;
use super::super::model::CLIENT_EDGE;
use super::super::time::{ms_to_ns, ns_to_s, Nanos};
use super::super::trace::TraceRef;
use super::state::{Call, Caller};
use super::Simulation;

impl Simulation {
    /// Schedules what is known at time 0: the first arrival (or every
    /// user's first wake-up), the faults' starts and ends, the warm-up's end.
    pub(super) fn schedule_start(&mut self) {
        if let Some(users) = self.m.load.users {
            let think = self.m.load.think_ms.unwrap_or(0.0);
            for user in 0..users {
                let t = ms_to_ns(self.rng_arrivals.exponential(think));
                self.events.schedule(t, Event::UserWake { user });
            }
        } else {
            if self.constant_rate && self.max_rate > 0.0 {
                self.next_gap = self.draw_gap();
            }
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

    /// Handles [`Event::Arrival`]: schedules the next arrival, then starts
    /// this request. Calls inline: [`Simulation::start_request`].
    pub(super) fn on_arrival(&mut self) {
        self.schedule_next_arrival(self.now);
        self.start_request(None);
    }

    /// Open-loop Poisson arrivals with a time-varying rate, by thinning
    /// (Lewis and Shedler): candidates at the peak rate, each kept with
    /// probability rate(t) / peak.
    ///
    /// At a constant rate the gap was drawn one arrival ahead (the stream
    /// draws nothing else, so the gaps are the very same numbers): the new
    /// event's place in the heap does not wait for the logarithm, whose
    /// result is needed only at the next arrival.
    fn schedule_next_arrival(&mut self, from: Nanos) {
        if self.max_rate <= 0.0 {
            return;
        }
        let mut t = from;
        if self.constant_rate {
            t = t.saturating_add(self.next_gap);
            self.next_gap = self.draw_gap();
            if t >= self.m.duration {
                return;
            }
        } else {
            loop {
                t = t.saturating_add(self.draw_gap());
                if t >= self.m.duration {
                    return;
                }
                let rate = self.m.rate_at(ns_to_s(t));
                if self.rng_arrivals.uniform() * self.max_rate < rate {
                    break;
                }
            }
        }
        self.events.schedule(t, Event::Arrival);
    }

    /// A gap between candidate arrivals at the peak rate.
    #[inline]
    fn draw_gap(&mut self) -> Nanos {
        ms_to_ns(self.rng_arrivals.exponential(self.mean_gap_ms))
    }

    /// Handles [`Event::UserWake`] (and arrivals, from
    /// [`Simulation::on_arrival`]): a client request starts as a call on
    /// the client edge. Calls inline: [`Simulation::send_attempt`].
    pub(super) fn start_request(&mut self, user: Option<u32>) {
        if self.now >= self.m.duration {
            return;
        }
        let measured = self.now >= self.m.warmup;
        let seq = self.client.seq;
        self.client.seq += 1;
        self.client.counts.add_if(measured, |c| c.arrivals += 1);
        self.client.in_flight.change(self.now, 1);
        let trace = if measured {
            self.tracer.maybe_open(seq, self.now)
        } else {
            TraceRef::NONE
        };
        let caller = Caller::Client {
            arrived: self.now,
            user,
            measured,
        };
        let call = self
            .calls
            .insert(Call::new(seq, EdgeId::new(CLIENT_EDGE), caller, trace));
        self.send_attempt(call);
    }

    /// A closed-loop user got its answer: it thinks, then sends the next
    /// request ([`Event::UserWake`]).
    pub(super) fn user_thinks(&mut self, user: u32) {
        let think = self.m.load.think_ms.unwrap_or(0.0);
        let wake = self.now + ms_to_ns(self.rng_arrivals.exponential(think));
        self.events.schedule(wake, Event::UserWake { user });
    }
}
