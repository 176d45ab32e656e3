//! One simulation advanced in slices, reporting what changed since it last
//! reported.

use serde::{Deserialize, Serialize};

use faultline_engine::{Bucket, Live, Scenario, ScenarioError, Simulation, Summary, Trace};

/// What a lane reports after a slice: the buckets closed since its last
/// snapshot, the live state, and (when asked for, or at the end) the
/// summary and the traces, which cost more to build and to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// How many buckets came before `fresh`: a receiver appends `fresh` to
    /// what it has only when it has exactly this many.
    pub first_bucket: usize,
    /// Buckets closed since the previous snapshot.
    pub fresh: Vec<Bucket>,
    pub live: Live,
    /// Every event up to this simulated time has been processed.
    pub now_s: f64,
    pub finished: bool,
    /// Why the engine stopped before the end (its event backstop), if it did.
    pub stopped: Option<String>,
    pub summary: Option<Summary>,
    pub traces: Option<Vec<Trace>>,
}

/// A simulation and how much of it has been reported.
pub struct LaneRun {
    sim: Simulation,
    /// Simulated time reached: the engine's own clock only moves with
    /// events, so after "run until t" it can sit before t.
    clock: f64,
    sent_buckets: usize,
    sent_traces: usize,
    bucket_s: f64,
}

impl LaneRun {
    pub fn new(scenario: &Scenario) -> Result<LaneRun, ScenarioError> {
        Ok(LaneRun {
            sim: Simulation::new(scenario)?,
            clock: 0.0,
            sent_buckets: 0,
            sent_traces: 0,
            bucket_s: scenario.metrics.bucket_s,
        })
    }

    pub fn is_done(&self) -> bool {
        self.sim.is_finished()
    }

    pub fn now_s(&self) -> f64 {
        self.clock
    }

    pub fn events(&self) -> u64 {
        self.sim.events_processed()
    }

    /// The width of a bucket, in simulated seconds.
    pub fn bucket_s(&self) -> f64 {
        self.bucket_s
    }

    /// Runs about `max_events` events: either that many (`until` None), or
    /// up to simulated time `until` in a step sized from the event rate so
    /// far, so that it never overshoots `until` and never runs away.
    pub fn advance(&mut self, max_events: u64, until: Option<f64>) {
        let sim = &mut self.sim;
        let reached = match until {
            None => {
                sim.run_events(max_events);
                self.clock.max(sim.now_s())
            }
            Some(t) => {
                let now = sim.now_s();
                let rate = if now > 0.0 {
                    sim.events_processed() as f64 / now
                } else {
                    0.0
                };
                // Unknown rate (the very start): a short first step.
                let dt = if rate > 0.0 {
                    max_events as f64 / rate
                } else {
                    0.05
                };
                let to = t.min(self.clock + dt.max(1e-6));
                sim.run_until(to);
                to.max(sim.now_s())
            }
        };
        self.clock = if sim.is_finished() {
            sim.duration_s().max(reached)
        } else {
            reached
        };
    }

    /// Runs to the end at once.
    pub fn finish(&mut self) {
        while !self.is_done() {
            self.advance(100_000, None);
        }
    }

    /// What changed since the last snapshot; `full` adds the summary and
    /// the traces (always added at the end).
    pub fn snapshot(&mut self, full: bool) -> Snapshot {
        let sim = &self.sim;
        let finished = sim.is_finished();
        let full = full || finished;
        let buckets = sim.buckets();
        let first_bucket = self.sent_buckets.min(buckets.len());
        let traces = sim.traces();
        let send_traces = full && (finished || traces.len() != self.sent_traces);
        let snapshot = Snapshot {
            first_bucket,
            fresh: buckets[first_bucket..].to_vec(),
            live: sim.live(),
            now_s: self.clock,
            finished,
            stopped: sim.stopped_early().map(str::to_string),
            summary: full.then(|| sim.summary()),
            traces: send_traces.then(|| traces.to_vec()),
        };
        self.sent_buckets = buckets.len();
        if send_traces {
            self.sent_traces = traces.len();
        }
        snapshot
    }
}
