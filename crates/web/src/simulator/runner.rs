//! Drives the engine from animation frames, so the page stays responsive.
//!
//! A [`Runner`] holds one or two [`Lane`]s (a run, and in compare mode its
//! variant). Each animation frame it gives the engine a bounded slice of
//! work (about [`FRAME_BUDGET_MS`] of wall time, measured with
//! `performance.now()`, leaving room in an 8 ms frame slice for publishing
//! the results), then publishes what changed into signals: new
//! buckets, the live state, and (a few times a second) the summary and
//! traces. Paced speeds advance both lanes to the same simulated time;
//! "as fast as possible" spends the whole budget. The engine's results do
//! not depend on how its work is sliced, so the speed never changes them.

use leptos::prelude::*;

use faultline_engine::series::RunShape;
use faultline_engine::{Bucket, Live, Scenario, ScenarioError, Simulation, Summary, Trace};

/// Wall time the engine may use per animation frame, in milliseconds.
pub const FRAME_BUDGET_MS: f64 = 6.0;
/// How often the summary and traces are refreshed while running.
const SUMMARY_EVERY_MS: f64 = 250.0;
/// A frame gap longer than this (a background tab) does not turn into a
/// jump in simulated time.
const MAX_FRAME_GAP_MS: f64 = 100.0;

/// Milliseconds on the page's monotonic clock (`performance.now()`).
/// `std::time::Instant` panics on wasm32.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// How fast simulated time runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Speed {
    /// Simulated seconds per wall second.
    Times(f64),
    /// As many events as the frame budget allows.
    Max,
}

impl Speed {
    pub const OPTIONS: [Speed; 8] = [
        Speed::Times(1.0),
        Speed::Times(2.0),
        Speed::Times(5.0),
        Speed::Times(10.0),
        Speed::Times(25.0),
        Speed::Times(50.0),
        Speed::Times(100.0),
        Speed::Max,
    ];

    pub fn id(self) -> String {
        match self {
            Speed::Times(x) => format!("{x}"),
            Speed::Max => "max".to_string(),
        }
    }

    pub fn from_id(id: &str) -> Option<Speed> {
        if id == "max" {
            return Some(Speed::Max);
        }
        let x: f64 = id.parse().ok()?;
        (x.is_finite() && x > 0.0).then_some(Speed::Times(x))
    }

    pub fn label(self) -> String {
        match self {
            Speed::Times(1.0) => "1× (real time)".to_string(),
            Speed::Times(x) => format!("{x}×"),
            Speed::Max => "As fast as possible".to_string(),
        }
    }
}

/// Where the run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// At time 0, nothing run yet.
    Ready,
    Running,
    Paused,
    Finished,
}

/// How fast the browser runs the engine, measured over the current run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    /// Simulated seconds per wall-clock second (wall time between frames
    /// included, so this is the speed the reader sees).
    pub sim_per_wall: f64,
    /// Events per second of engine work alone.
    pub events_per_s: f64,
    /// The longest single frame slice (engine and publishing), in ms.
    pub longest_slice_ms: f64,
}

/// One simulation and the signals the page reads from it.
#[derive(Clone, Copy)]
pub struct Lane {
    sim: StoredValue<Option<Simulation>, LocalStorage>,
    clock: StoredValue<f64, LocalStorage>,
    pub scenario: RwSignal<Option<Scenario>>,
    pub shape: RwSignal<RunShape>,
    /// Closed buckets so far.
    pub buckets: RwSignal<Vec<Bucket>>,
    pub live: RwSignal<Option<Live>>,
    pub summary: RwSignal<Option<Summary>>,
    pub traces: RwSignal<Vec<Trace>>,
    pub now_s: RwSignal<f64>,
    pub duration_s: RwSignal<f64>,
    pub finished: RwSignal<bool>,
    pub stopped_early: RwSignal<Option<String>>,
}

impl Lane {
    fn new() -> Lane {
        Lane {
            sim: StoredValue::new_local(None),
            clock: StoredValue::new_local(0.0),
            scenario: RwSignal::new(None),
            shape: RwSignal::new(RunShape::default()),
            buckets: RwSignal::new(Vec::new()),
            live: RwSignal::new(None),
            summary: RwSignal::new(None),
            traces: RwSignal::new(Vec::new()),
            now_s: RwSignal::new(0.0),
            duration_s: RwSignal::new(0.0),
            finished: RwSignal::new(false),
            stopped_early: RwSignal::new(None),
        }
    }

    /// Starts this lane over at time 0 with its current scenario.
    fn restart(&self) -> Result<(), ScenarioError> {
        let Some(scenario) = self.scenario.get_untracked() else {
            self.sim.set_value(None);
            return Ok(());
        };
        let sim = Simulation::new(&scenario)?;
        self.shape.set(RunShape::of(&sim));
        self.duration_s.set(sim.duration_s());
        self.buckets.set(Vec::new());
        self.live.set(Some(sim.live()));
        self.summary.set(None);
        self.traces.set(Vec::new());
        self.now_s.set(0.0);
        self.finished.set(false);
        self.stopped_early.set(None);
        self.sim.set_value(Some(sim));
        self.clock.set_value(0.0);
        Ok(())
    }

    fn is_done(&self) -> bool {
        self.sim
            .try_with_value(|sim| sim.as_ref().is_none_or(Simulation::is_finished))
            .unwrap_or(true)
    }

    /// How far the lane has got in simulated time: every event up to this
    /// time has been processed. (The engine's own clock only moves with
    /// events, so after "run until t" it can sit before t.)
    fn sim_now(&self) -> f64 {
        self.clock.try_get_value().unwrap_or(0.0)
    }

    fn events(&self) -> u64 {
        self.sim
            .try_with_value(|sim| sim.as_ref().map_or(0, Simulation::events_processed))
            .unwrap_or(0)
    }

    /// Runs about `max_events` events: either that many (`until` None), or
    /// up to simulated time `until` in a step sized from the event rate so
    /// far, so it never overshoots `until` and never runs away.
    fn advance(&self, max_events: u64, until: Option<f64>) {
        let clock = self.sim_now();
        let reached = self
            .sim
            .try_update_value(|sim| {
                let sim = sim.as_mut()?;
                match until {
                    None => {
                        sim.run_events(max_events);
                        Some(clock.max(sim.now_s()))
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
                        let to = t.min(clock + dt.max(1e-6));
                        sim.run_until(to);
                        Some(to.max(sim.now_s()))
                    }
                }
            })
            .flatten();
        if let Some(reached) = reached {
            let done = self.is_done();
            let duration = self.duration_s.get_untracked();
            self.clock
                .set_value(if done { duration.max(reached) } else { reached });
        }
    }

    /// Copies what changed into the signals; `full` also refreshes the
    /// summary and the traces (they cost more to build).
    fn publish(&self, full: bool) {
        let have = self.buckets.with_untracked(Vec::len);
        let known_traces = self.traces.with_untracked(Vec::len);
        // Read everything first: the engine is borrowed from the reactive
        // arena while this runs, so no signal may be touched inside.
        let Some(Some(update)) = self.sim.try_with_value(|sim| {
            sim.as_ref().map(|sim| {
                let finished = sim.is_finished();
                let full = full || finished;
                Published {
                    fresh: sim
                        .buckets()
                        .get(have..)
                        .map(<[Bucket]>::to_vec)
                        .unwrap_or_default(),
                    live: sim.live(),
                    finished,
                    stopped: sim.stopped_early().map(str::to_string),
                    summary: full.then(|| sim.summary()),
                    traces: (full && (finished || sim.traces().len() != known_traces))
                        .then(|| sim.traces().to_vec()),
                }
            })
        }) else {
            return;
        };
        if !update.fresh.is_empty() {
            self.buckets.update(|b| b.extend(update.fresh));
        }
        self.live.set(Some(update.live));
        self.now_s.set(self.sim_now());
        if self.finished.get_untracked() != update.finished {
            self.finished.set(update.finished);
        }
        if self.stopped_early.with_untracked(|s| *s != update.stopped) {
            self.stopped_early.set(update.stopped);
        }
        if let Some(summary) = update.summary {
            self.summary.set(Some(summary));
        }
        if let Some(traces) = update.traces {
            self.traces.set(traces);
        }
    }
}

/// What one publish copies out of the engine.
struct Published {
    fresh: Vec<Bucket>,
    live: Live,
    finished: bool,
    stopped: Option<String>,
    summary: Option<Summary>,
    traces: Option<Vec<Trace>>,
}

/// Bookkeeping of the frame loop (not reactive).
#[derive(Default)]
struct Frame {
    looping: bool,
    last_frame_ms: Option<f64>,
    /// Paced speeds: the simulated time the lanes should reach.
    target_s: f64,
    /// Events per engine call, adapted to keep calls short.
    chunk: u64,
    last_full_publish_ms: f64,
    /// Step: pause when the lanes reach this simulated time.
    stop_at_s: Option<f64>,
    wall_ms: f64,
    engine_ms: f64,
    sim_s: f64,
    events: u64,
    longest_ms: f64,
}

/// The engine driver shared by the controls, the charts and the views.
#[derive(Clone, Copy)]
pub struct Runner {
    pub lanes: [Lane; 2],
    /// 1, or 2 in compare mode.
    pub lane_count: RwSignal<usize>,
    pub status: RwSignal<Status>,
    pub speed: RwSignal<Speed>,
    pub stats: RwSignal<Stats>,
    frame: StoredValue<Frame, LocalStorage>,
}

impl Runner {
    pub fn new(speed: Speed) -> Runner {
        Runner {
            lanes: [Lane::new(), Lane::new()],
            lane_count: RwSignal::new(1),
            status: RwSignal::new(Status::Ready),
            speed: RwSignal::new(speed),
            stats: RwSignal::new(Stats::default()),
            frame: StoredValue::new_local(Frame {
                chunk: 1_000,
                ..Frame::default()
            }),
        }
    }

    fn active(&self) -> impl Iterator<Item = Lane> + '_ {
        let n = self.lane_count.get_untracked().clamp(1, 2);
        self.lanes.iter().copied().take(n)
    }

    /// Sets the scenarios of the lanes (`None` for lane B leaves compare
    /// mode) and starts over at time 0. A running run keeps running.
    pub fn load(&self, a: Scenario, b: Option<Scenario>) -> Result<(), ScenarioError> {
        self.lane_count.set(if b.is_some() { 2 } else { 1 });
        self.lanes[0].scenario.set(Some(a));
        self.lanes[1].scenario.set(b);
        self.restart()
    }

    /// Back to time 0 with the same scenarios; a running run keeps running.
    pub fn restart(&self) -> Result<(), ScenarioError> {
        for lane in self.lanes {
            lane.restart()?;
        }
        self.frame.update_value(|f| {
            *f = Frame {
                looping: f.looping,
                chunk: f.chunk.max(1),
                ..Frame::default()
            };
        });
        self.stats.set(Stats::default());
        if self.status.get_untracked() != Status::Running {
            self.status.set(Status::Ready);
        }
        Ok(())
    }

    /// True when the lanes already hold exactly these scenarios.
    pub fn holds(&self, a: &Scenario, b: Option<&Scenario>) -> bool {
        let count = if b.is_some() { 2 } else { 1 };
        self.lane_count.get_untracked() == count
            && self.lanes[0]
                .scenario
                .with_untracked(|s| s.as_ref() == Some(a))
            && self.lanes[1].scenario.with_untracked(|s| s.as_ref() == b)
    }

    /// Runs the loaded lanes to their end at once, without frames: the run
    /// the simulator page opens with, which the build prerenders and the
    /// island computes again (the engine is deterministic, so both draw the
    /// same). The default preset takes about 10 ms natively.
    pub fn run_to_end(&self) {
        for lane in self.active() {
            while !lane.is_done() {
                lane.advance(100_000, None);
            }
            lane.publish(true);
        }
        self.status.set(Status::Finished);
    }

    pub fn play(&self) {
        if self.status.get_untracked() == Status::Finished && self.restart().is_err() {
            return;
        }
        self.frame.update_value(|f| f.stop_at_s = None);
        self.status.set(Status::Running);
        self.schedule();
    }

    pub fn pause(&self) {
        if self.status.get_untracked() == Status::Running {
            self.status.set(Status::Paused);
            for lane in self.active() {
                lane.publish(true);
            }
        }
    }

    pub fn reset(&self) {
        self.status.set(Status::Ready);
        let _ = self.restart();
    }

    /// Runs one more bucket of simulated time (one second by default), then pauses.
    pub fn step(&self) {
        if self.status.get_untracked() == Status::Finished {
            return;
        }
        let lane = self.lanes[0];
        let width = lane
            .scenario
            .with_untracked(|s| s.as_ref().map_or(1.0, |s| s.metrics.bucket_s));
        let now = self
            .active()
            .map(|l| l.sim_now())
            .fold(f64::INFINITY, f64::min);
        let next = ((now / width).floor() + 1.0) * width;
        self.frame.update_value(|f| {
            f.stop_at_s = Some(next);
            f.target_s = f.target_s.max(now);
        });
        self.status.set(Status::Running);
        self.schedule();
    }

    fn schedule(&self) {
        let start = self
            .frame
            .try_update_value(|f| !std::mem::replace(&mut f.looping, true))
            .unwrap_or(false);
        if start {
            let runner = *self;
            request_animation_frame(move || runner.on_frame());
        }
    }

    fn on_frame(self) {
        // The page may have gone (navigation): its signals are disposed.
        let Some(status) = self.status.try_get_untracked() else {
            return;
        };
        if status != Status::Running {
            self.frame.update_value(|f| f.looping = false);
            return;
        }
        let start = now_ms();
        let speed = self.speed.get_untracked();
        let lanes: Vec<Lane> = self.active().collect();
        let (gap_ms, stop_at) = self
            .frame
            .with_value(|f| (f.last_frame_ms.map(|last| start - last), f.stop_at_s));
        let sim_before: f64 = lanes
            .iter()
            .map(Lane::sim_now)
            .fold(f64::INFINITY, f64::min);
        let events_before: u64 = lanes.iter().map(Lane::events).sum();

        // The simulated time to reach this frame (None: as far as the budget goes).
        let target = match (speed, stop_at) {
            (_, Some(stop)) => Some(stop),
            (Speed::Max, None) => None,
            (Speed::Times(x), None) => {
                let dt = gap_ms.unwrap_or(16.7).clamp(0.0, MAX_FRAME_GAP_MS) / 1000.0;
                let target = self.frame.with_value(|f| f.target_s).max(sim_before) + x * dt;
                // A lane that fell behind (slow machine) is not chased
                // forever: the target restarts from where it is.
                let target = target.min(sim_before + x * 0.5);
                self.frame.update_value(|f| f.target_s = target);
                Some(target)
            }
        };
        let deadline = start + FRAME_BUDGET_MS;
        let mut chunk = self.frame.with_value(|f| f.chunk);
        loop {
            let call_start = now_ms();
            let mut worked = false;
            for lane in &lanes {
                let behind = target.is_none_or(|t| lane.sim_now() < t - 1e-12);
                if behind && !lane.is_done() {
                    lane.advance(chunk, target);
                    worked = true;
                }
            }
            let t = now_ms();
            if !worked || t >= deadline {
                break;
            }
            // Keep each engine call near a millisecond: long enough to be
            // efficient, short enough to stop close to the budget.
            let took = t - call_start;
            if took < 0.3 {
                chunk = (chunk * 2).min(200_000);
            } else if took > 1.2 {
                chunk = (chunk / 2).max(50);
            }
        }
        let engine_end = now_ms();

        let all_done = lanes.iter().all(Lane::is_done);
        let sim_after: f64 = lanes
            .iter()
            .map(Lane::sim_now)
            .fold(f64::INFINITY, f64::min);
        let reached_stop = stop_at.is_some_and(|stop| sim_after >= stop - 1e-9);
        let full = self
            .frame
            .with_value(|f| start - f.last_full_publish_ms >= SUMMARY_EVERY_MS)
            || all_done
            || reached_stop;
        for lane in &lanes {
            lane.publish(full);
        }
        let end = now_ms();
        let events_after: u64 = lanes.iter().map(Lane::events).sum();
        let stats = self
            .frame
            .try_update_value(|f| {
                f.chunk = chunk;
                if full {
                    f.last_full_publish_ms = start;
                }
                f.wall_ms += gap_ms.unwrap_or(end - start).min(MAX_FRAME_GAP_MS);
                f.engine_ms += engine_end - start;
                f.sim_s += (sim_after - sim_before).max(0.0);
                f.events += events_after.saturating_sub(events_before);
                f.longest_ms = f.longest_ms.max(end - start);
                f.last_frame_ms = Some(start);
                Stats {
                    sim_per_wall: if f.wall_ms > 0.0 {
                        f.sim_s / (f.wall_ms / 1000.0)
                    } else {
                        0.0
                    },
                    events_per_s: if f.engine_ms > 0.0 {
                        f.events as f64 / (f.engine_ms / 1000.0)
                    } else {
                        0.0
                    },
                    longest_slice_ms: f.longest_ms,
                }
            })
            .unwrap_or_default();
        self.stats.set(stats);

        if all_done {
            self.status.set(Status::Finished);
        } else if reached_stop {
            self.frame.update_value(|f| f.stop_at_s = None);
            self.status.set(Status::Paused);
        }
        if self.status.get_untracked() == Status::Running {
            request_animation_frame(move || self.on_frame());
        } else {
            self.frame.update_value(|f| {
                f.looping = false;
                f.last_frame_ms = None;
            });
        }
    }
}
