//! The future event list: a binary min-heap ordered by (time, sequence).
//!
//! The sequence number breaks ties in scheduling order, which makes the run
//! order of simultaneous events, and so the whole run, deterministic.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::keys::{CallKey, TaskKey};
use super::time::Nanos;

/// Everything that can happen at a point in simulated time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The next open-loop client request arrives.
    Arrival,
    /// A closed-loop user has finished thinking and sends a request.
    UserWake { user: u32 },
    /// A task finished a stretch of its own work.
    WorkDone { task: TaskKey },
    /// A request crossed the network and reaches its service.
    Deliver { task: TaskKey },
    /// A caller stops waiting for one attempt of a call.
    CallTimeout { call: CallKey, attempt: u32 },
    /// A call's backoff is over: send the next attempt.
    RetryFire { call: CallKey },
    /// A failed async message goes back on its broker queue.
    Redeliver { task: TaskKey },
    /// A scheduled fault begins (index into the scenario's faults).
    FaultStart { fault: u32 },
    /// A scheduled fault is over.
    FaultEnd { fault: u32 },
    /// The warm-up period ends: summary statistics start here.
    WarmupEnd,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    time: Nanos,
    seq: u64,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.time == other.time && self.seq == other.seq
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    // Reversed: BinaryHeap is a max-heap and we want the earliest first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .time
            .cmp(&self.time)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

#[derive(Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl EventQueue {
    pub fn schedule(&mut self, time: Nanos, event: Event) {
        self.seq += 1;
        self.heap.push(Entry {
            time,
            seq: self.seq,
            event,
        });
    }

    /// Time of the earliest event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<Nanos> {
        self.heap.peek().map(|e| e.time)
    }

    #[inline]
    pub fn pop(&mut self) -> Option<(Nanos, Event)> {
        self.heap.pop().map(|e| (e.time, e.event))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_scheduling_order() {
        let mut q = EventQueue::default();
        q.schedule(5, Event::FaultStart { fault: 1 });
        q.schedule(3, Event::FaultStart { fault: 2 });
        q.schedule(5, Event::FaultStart { fault: 3 });
        q.schedule(1, Event::FaultStart { fault: 4 });
        let order: Vec<u32> = std::iter::from_fn(|| q.pop())
            .map(|(_, e)| match e {
                Event::FaultStart { fault } => fault,
                _ => 0,
            })
            .collect();
        assert_eq!(order, vec![4, 2, 1, 3]);
    }
}
