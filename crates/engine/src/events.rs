//! The future event list: a binary min-heap ordered by (time, sequence).
//!
//! The sequence number breaks ties in scheduling order, which makes the run
//! order of simultaneous events, and so the whole run, deterministic.

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

impl Entry {
    /// Runs before `other`: earlier, or as early and scheduled first.
    #[inline]
    fn before(&self, other: &Entry) -> bool {
        self.time < other.time || (self.time == other.time && self.seq < other.seq)
    }
}

/// A binary min-heap on (time, seq), written out rather than
/// `std::collections::BinaryHeap` so that `pop` sifts the last entry down
/// as a hole held in registers: the standard heap stores it into the root
/// and reads it back at once, a store-forwarding stall that cost about a
/// fifth of the run loop's time. Sequence numbers are unique, so the pop
/// order (and every result) is the same as with any other correct heap.
#[derive(Debug, Default)]
pub struct EventQueue {
    heap: Vec<Entry>,
    seq: u64,
}

impl EventQueue {
    /// Schedules `event` at `time`. Always inlined: the callers build the
    /// event field by field, and a call would read it back through memory
    /// as one 16-byte load right after those smaller stores (a
    /// store-forwarding stall that was 70 % of this function's time).
    #[inline(always)]
    pub fn schedule(&mut self, time: Nanos, event: Event) {
        self.seq += 1;
        let entry = Entry {
            time,
            seq: self.seq,
            event,
        };
        // Sift up with a hole: parents that run later move down, and the
        // entry is written once, where it belongs.
        let mut pos = self.heap.len();
        if pos == 0 || !entry.before(&self.heap[(pos - 1) / 2]) {
            self.heap.push(entry);
            return;
        }
        let parent = (pos - 1) / 2;
        self.heap.push(self.heap[parent]);
        pos = parent;
        while pos > 0 {
            let parent = (pos - 1) / 2;
            if !entry.before(&self.heap[parent]) {
                break;
            }
            self.heap[pos] = self.heap[parent];
            pos = parent;
        }
        self.heap[pos] = entry;
    }

    /// Time of the earliest event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<Nanos> {
        self.heap.first().map(|e| e.time)
    }

    /// Removes and returns the earliest event.
    #[inline]
    pub fn pop(&mut self) -> Option<(Nanos, Event)> {
        let last = self.heap.pop()?;
        let Some(&top) = self.heap.first() else {
            return Some((last.time, last.event));
        };
        let n = self.heap.len();
        let mut pos = 0;
        loop {
            let left = 2 * pos + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.heap[right].before(&self.heap[left]) {
                right
            } else {
                left
            };
            if !self.heap[child].before(&last) {
                break;
            }
            self.heap[pos] = self.heap[child];
            pos = child;
        }
        self.heap[pos] = last;
        Some((top.time, top.event))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Entries the heap has room for: its high-water mark (it never shrinks).
    pub fn capacity(&self) -> usize {
        self.heap.capacity()
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

    #[test]
    fn pops_in_time_then_scheduling_order_under_interleaving() {
        // Pseudo-random times with many ties, pushes and pops interleaved;
        // the reference is a sort by (time, scheduling number).
        let mut q = EventQueue::default();
        let mut pending: Vec<(Nanos, u32)> = Vec::new();
        let mut popped = Vec::new();
        let mut expected = Vec::new();
        let mut x = 12345u64;
        let mut now = 0;
        for n in 0..5000u32 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let time = now + (x >> 60);
            q.schedule(time, Event::FaultStart { fault: n });
            pending.push((time, n));
            if x & 3 == 0 {
                pending.sort();
                let (t, f) = pending.remove(0);
                expected.push((t, f));
                let (pt, e) = q.pop().expect("not empty");
                now = pt;
                popped.push((pt, matches!(e, Event::FaultStart { fault } if fault == f)));
            }
        }
        assert!(popped.iter().all(|&(_, same)| same));
        assert_eq!(
            popped.iter().map(|p| p.0).collect::<Vec<_>>(),
            expected.iter().map(|e| e.0).collect::<Vec<_>>()
        );
        pending.sort();
        for (t, f) in pending {
            let (pt, e) = q.pop().expect("not empty");
            assert_eq!(pt, t);
            assert!(matches!(e, Event::FaultStart { fault } if fault == f));
        }
        assert!(q.is_empty());
    }
}
