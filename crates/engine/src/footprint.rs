//! What a running simulation holds in memory, part by part, so a test can
//! check that a long run's memory stays bounded: the request and call pools,
//! the event heap, the queues and the traces, not only the tasks.
//!
//! Each figure counts entries of a fixed size. For the pools it is the slots
//! ever allocated; for the heap and the queues it is their allocated capacity,
//! which never shrinks: all of them are high-water marks of the run so far.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Footprint {
    /// Request (task) slots: the most requests alive at once.
    pub task_slots: usize,
    /// Call slots: the most calls (with their retry state) alive at once.
    pub call_slots: usize,
    /// Room in the future event list, including events that will find their
    /// task gone (a timeout for a call that has already answered).
    pub event_slots: usize,
    /// Room in every replica's queue, broker queue and blocked-publisher queue.
    pub queue_slots: usize,
    /// Trace spans held: those of kept traces and of traces still open.
    pub trace_spans: usize,
    /// Time-series buckets: one per `metrics.bucket_s` of simulated time, so
    /// this one grows with the run's length by design (and validation caps it).
    pub buckets: usize,
}
