//! Sampling a few client requests and recording every attempt they cause, so
//! the UI can draw a trace waterfall.
//!
//! Every `stride`-th measured request is traced while fewer than
//! [`MAX_ACTIVE`] traces are open; a finished trace is kept while its
//! outcome's quota (half the traces for successes, half for failures) has
//! room. Memory is bounded by the quotas, not by the run.

use super::keys::Gen;
use super::report::{Span, Trace};
use super::scenario::CallMode;
use super::time::{ns_to_ms, Nanos};

const MAX_ACTIVE: usize = 64;
/// A runaway trace (huge fan-out) stops recording spans past this.
const MAX_SPANS: usize = 2_000;

/// Where a task's span lives: trace slot, its generation, span index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceRef {
    slot: u32,
    gen: Gen,
    pub span: u32,
}

impl TraceRef {
    pub const NONE: TraceRef = TraceRef {
        slot: u32::MAX,
        gen: 0,
        span: u32::MAX,
    };

    #[inline]
    pub fn is_some(&self) -> bool {
        self.slot != u32::MAX
    }

    /// The same trace, pointing at another span.
    pub fn with_span(self, span: u32) -> TraceRef {
        TraceRef { span, ..self }
    }
}

struct Active {
    gen: Gen,
    open: bool,
    request: u64,
    start: Nanos,
    spans: Vec<Span>,
}

pub struct Tracer {
    stride: u64,
    quota_ok: u32,
    quota_failed: u32,
    kept_ok: u32,
    kept_failed: u32,
    slots: Vec<Active>,
    open: usize,
    pub kept: Vec<Trace>,
}

impl Tracer {
    pub fn new(traces: u32, expected_requests: f64) -> Tracer {
        let quota_ok = traces.div_ceil(2);
        let quota_failed = traces / 2;
        // Aim to look at a few times more requests than we keep, spread over the run.
        let wanted = (traces as f64 * 8.0).max(1.0);
        let stride = (expected_requests / wanted).floor().max(1.0) as u64;
        Tracer {
            stride,
            quota_ok,
            quota_failed,
            kept_ok: 0,
            kept_failed: 0,
            slots: Vec::new(),
            open: 0,
            kept: Vec::new(),
        }
    }

    /// Spans held in memory: those of kept traces plus the room reserved by
    /// the open-trace slots.
    pub fn spans_held(&self) -> usize {
        let kept: usize = self.kept.iter().map(|t| t.spans.len()).sum();
        let open: usize = self.slots.iter().map(|a| a.spans.capacity()).sum();
        kept + open
    }

    /// Opens a trace for request `seq` if it is sampled.
    pub fn maybe_open(&mut self, seq: u64, now: Nanos) -> TraceRef {
        let room = self.kept_ok < self.quota_ok || self.kept_failed < self.quota_failed;
        if !room || !seq.is_multiple_of(self.stride) || self.open >= MAX_ACTIVE {
            return TraceRef::NONE;
        }
        let slot = match self.slots.iter().position(|a| !a.open) {
            Some(i) => i,
            None => {
                self.slots.push(Active {
                    gen: 0,
                    open: false,
                    request: 0,
                    start: 0,
                    spans: Vec::new(),
                });
                self.slots.len() - 1
            }
        };
        let a = &mut self.slots[slot];
        a.open = true;
        a.request = seq;
        a.start = now;
        a.spans.clear();
        self.open += 1;
        TraceRef {
            slot: slot as u32,
            gen: a.gen,
            span: u32::MAX,
        }
    }

    fn active(&mut self, r: TraceRef) -> Option<&mut Active> {
        match self.slots.get_mut(r.slot as usize) {
            Some(a) if a.open && a.gen == r.gen => Some(a),
            _ => None,
        }
    }

    /// Adds a span for an attempt reaching `service`; returns the reference
    /// the task keeps.
    #[allow(clippy::too_many_arguments)]
    pub fn span_arrived(
        &mut self,
        r: TraceRef,
        parent: u32,
        service: &str,
        attempt: u32,
        mode: CallMode,
        now: Nanos,
    ) -> TraceRef {
        let Some(a) = self.active(r) else {
            return TraceRef::NONE;
        };
        if a.spans.len() >= MAX_SPANS {
            return TraceRef::NONE;
        }
        a.spans.push(Span {
            service: service.to_string(),
            replica: 0,
            parent: (parent != u32::MAX).then_some(parent),
            attempt,
            mode,
            arrived_ms: ns_to_ms(now),
            started_ms: None,
            ended_ms: None,
            outcome: String::new(),
            abandoned: false,
        });
        r.with_span((a.spans.len() - 1) as u32)
    }

    pub fn span_started(&mut self, r: TraceRef, replica: u32, now: Nanos) {
        if let Some(span) = self
            .active(r)
            .and_then(|a| a.spans.get_mut(r.span as usize))
        {
            span.replica = replica;
            span.started_ms = Some(ns_to_ms(now));
        }
    }

    pub fn span_ended(&mut self, r: TraceRef, outcome: &str, abandoned: bool, now: Nanos) {
        if let Some(span) = self
            .active(r)
            .and_then(|a| a.spans.get_mut(r.span as usize))
        {
            span.ended_ms = Some(ns_to_ms(now));
            span.outcome = outcome.to_string();
            span.abandoned = abandoned;
        }
    }

    /// The client has its answer: keep the trace if its quota has room.
    pub fn close(&mut self, r: TraceRef, outcome: &str, now: Nanos) {
        let ok = outcome == "ok";
        let keep = if ok {
            self.kept_ok < self.quota_ok
        } else {
            self.kept_failed < self.quota_failed
        };
        let Some(a) = self.active(r) else {
            return;
        };
        a.open = false;
        a.gen = a.gen.wrapping_add(1);
        let trace = Trace {
            request: a.request,
            start_ms: ns_to_ms(a.start),
            end_ms: ns_to_ms(now),
            outcome: outcome.to_string(),
            spans: std::mem::take(&mut a.spans),
        };
        self.open -= 1;
        if keep {
            if ok {
                self.kept_ok += 1;
            } else {
                self.kept_failed += 1;
            }
            self.kept.push(trace);
        }
    }
}
