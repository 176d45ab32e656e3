//! The run controls' model: what the page shows of a run, and the commands
//! that drive it. The engine itself runs in the engine worker
//! ([`engine_link`](super::engine_link)); the [`Runner`] starts, pauses,
//! steps and drops runs there by id and copies each [`Slice`] the worker
//! posts into signals the views read. Nothing here advances the engine, so
//! no main-thread task grows with the run.
//!
//! A run opens already finished when its results are given
//! ([`Runner::show`]): the build computes them natively for the prerendered
//! page, the browser in the worker before an island takes over.

use leptos::prelude::*;

use super::engine_link::{Channel, EngineLink};
use faultline_engine::series::RunShape;
use faultline_engine::{Bucket, Live, Scenario, ScenarioError, Simulation, Summary, Trace};
use faultline_worker::protocol::{FromWorker, StartHow, ToWorker};
use faultline_worker::{RunState, Slice, Snapshot};
pub use faultline_worker::{RunStats as Stats, Speed};

/// Where the run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// At time 0, nothing run yet.
    Ready,
    Running,
    Paused,
    Finished,
}

/// One simulation's results as the page shows them.
#[derive(Clone, Copy)]
pub struct Lane {
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

    /// Back to time 0 with this lane's scenario (checked by building the
    /// engine for it here, which also gives the state at time 0).
    fn restart(&self) -> Result<(), ScenarioError> {
        let Some(scenario) = self.scenario.get_untracked() else {
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
        Ok(())
    }

    /// Copies one snapshot in: new buckets are appended where they belong.
    fn apply(&self, snap: Snapshot) {
        if !snap.fresh.is_empty() {
            self.buckets.update(|b| {
                b.truncate(snap.first_bucket);
                b.extend(snap.fresh);
            });
        }
        self.live.set(Some(snap.live));
        self.now_s.set(snap.now_s);
        if self.finished.get_untracked() != snap.finished {
            self.finished.set(snap.finished);
        }
        if self.stopped_early.with_untracked(|s| *s != snap.stopped) {
            self.stopped_early.set(snap.stopped);
        }
        if let Some(summary) = snap.summary {
            self.summary.set(Some(summary));
        }
        if let Some(traces) = snap.traces {
            self.traces.set(traces);
        }
    }
}

/// The run shared by the controls, the charts and the views.
#[derive(Clone, Copy)]
pub struct Runner {
    pub lanes: [Lane; 2],
    /// 1, or 2 in compare mode.
    pub lane_count: RwSignal<usize>,
    pub status: RwSignal<Status>,
    pub speed: RwSignal<Speed>,
    pub stats: RwSignal<Stats>,
    /// Why the engine could not run (its worker failed to load, or refused
    /// the run), in words.
    pub failure: RwSignal<Option<String>>,
    /// The line to the worker run of the current lanes, once started.
    channel: StoredValue<Option<Channel>, LocalStorage>,
}

impl Runner {
    pub fn new(speed: Speed) -> Runner {
        let runner = Runner {
            lanes: [Lane::new(), Lane::new()],
            lane_count: RwSignal::new(1),
            status: RwSignal::new(Status::Ready),
            speed: RwSignal::new(speed),
            stats: RwSignal::new(Stats::default()),
            failure: RwSignal::new(None),
            channel: StoredValue::new_local(None),
        };
        // Leaving the page (or the figure) stops its run in the worker.
        on_cleanup(move || runner.close());
        runner
    }

    fn active(&self) -> impl Iterator<Item = Lane> + '_ {
        let n = self.lane_count.get_untracked().clamp(1, 2);
        self.lanes.iter().copied().take(n)
    }

    /// Drops the worker run, if any: the worker forgets it and nothing it
    /// sent afterwards reaches this page.
    fn close(&self) {
        let channel = self.channel.try_update_value(Option::take).flatten();
        drop(channel);
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
        self.close();
        for lane in self.active() {
            lane.restart()?;
        }
        self.stats.set(Stats::default());
        self.failure.set(None);
        if self.status.get_untracked() == Status::Running {
            self.start(StartHow::Play);
        } else {
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

    /// Shows the loaded lanes run to their end, from results computed
    /// elsewhere (natively by the build, or by the worker before the page
    /// mounted): one snapshot per lane, as `faultline_worker::run_to_end`
    /// gives them.
    pub fn show(&self, results: Vec<Snapshot>) {
        self.close();
        for (lane, snap) in self.active().zip(results) {
            lane.apply(snap);
        }
        self.status.set(Status::Finished);
    }

    /// Starts the current lanes in the worker, from time 0.
    fn start(&self, how: StartHow) {
        self.close();
        let scenarios: Vec<Scenario> = self
            .active()
            .filter_map(|lane| lane.scenario.get_untracked())
            .collect();
        if scenarios.is_empty() {
            return;
        }
        let runner = *self;
        let channel = EngineLink::shared().open(move |message| runner.receive(message));
        channel.send(ToWorker::Start {
            id: channel.id(),
            scenarios,
            speed: self.speed.get_untracked(),
            how,
        });
        self.channel.set_value(Some(channel));
    }

    fn send(&self, message: impl FnOnce(u32) -> ToWorker) -> bool {
        self.channel
            .try_with_value(|channel| channel.as_ref().map(|c| c.send(message(c.id()))).is_some())
            .unwrap_or(false)
    }

    /// What the worker says about this runner's run.
    fn receive(self, message: FromWorker) {
        // The handler goes with the channel, but be safe if the page's
        // signals are already gone.
        if self.status.try_get_untracked().is_none() {
            return;
        }
        match message {
            FromWorker::Slice { slice, .. } => self.apply(slice),
            FromWorker::Failed { message, .. } => {
                self.close();
                self.failure.set(Some(message));
                if self.status.get_untracked() == Status::Running {
                    self.status.set(Status::Paused);
                }
            }
            FromWorker::JobDone { .. } | FromWorker::Ready => {}
        }
    }

    fn apply(&self, slice: Slice) {
        let lanes: Vec<Lane> = self.active().collect();
        for (lane, snap) in lanes.into_iter().zip(slice.lanes) {
            lane.apply(snap);
        }
        // Taken: the effects that draw it run as microtasks at the end of
        // this task, before the page reads any later message, so the worker
        // is never more than one slice ahead of what is drawn.
        self.send(|id| ToWorker::Taken { id });
        self.stats.set(slice.stats);
        match slice.state {
            RunState::Finished => {
                self.close();
                self.status.set(Status::Finished);
            }
            // The end of a step (a pause the page asked for is already shown).
            RunState::Paused if self.status.get_untracked() == Status::Running => {
                self.status.set(Status::Paused);
            }
            _ => {}
        }
    }

    pub fn play(&self) {
        if self.status.get_untracked() == Status::Finished && self.restart().is_err() {
            return;
        }
        self.failure.set(None);
        if !self.send(|id| ToWorker::Play { id }) {
            self.start(StartHow::Play);
        }
        self.status.set(Status::Running);
    }

    pub fn pause(&self) {
        if self.status.get_untracked() == Status::Running {
            self.status.set(Status::Paused);
            self.send(|id| ToWorker::Pause { id });
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
        self.failure.set(None);
        if !self.send(|id| ToWorker::Step { id }) {
            self.start(StartHow::Step);
        }
        self.status.set(Status::Running);
    }

    pub fn set_speed(&self, speed: Speed) {
        self.speed.set(speed);
        self.send(|id| ToWorker::SetSpeed { id, speed });
    }
}

/// A scenario and its run to the end, computed before a view shows it.
#[derive(Debug, Clone)]
pub struct FinishedRun {
    pub scenario: Scenario,
    /// One snapshot (`faultline_worker::run_to_end`).
    pub result: Vec<Snapshot>,
}
