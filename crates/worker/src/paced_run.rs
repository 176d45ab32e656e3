//! One run of one or two lanes (compare mode), advanced in wall-clock
//! slices at a chosen speed. The worker calls [`PacedRun::slice`] from a
//! timer; each slice gives the engine about `budget_ms` of wall time, then
//! reports what changed. Paced speeds advance both lanes to the same
//! simulated time; "as fast as possible" spends the whole budget. The
//! engine's results do not depend on how its work is sliced, so neither
//! the speed nor the budget ever changes them.

use serde::{Deserialize, Serialize};

use faultline_engine::Scenario;

use crate::{LaneRun, Snapshot, Speed};

/// How often the summary and traces are sent while running.
const FULL_EVERY_MS: f64 = 250.0;
/// A gap between slices longer than this (a throttled background tab) does
/// not turn into a jump in simulated time.
const MAX_GAP_MS: f64 = 100.0;
/// The most lanes a run has (compare mode: A and B).
pub const MAX_LANES: usize = 2;

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    Running,
    /// Paused by the page, or at the end of a step.
    Paused,
    Finished,
}

/// How fast the engine has run over this run so far.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RunStats {
    /// Simulated seconds per wall-clock second, the waits between slices
    /// included: the speed the reader sees.
    pub sim_per_wall: f64,
    /// Events per second of engine work alone.
    pub events_per_s: f64,
    /// The longest single slice, in ms (in the worker: it never blocks the page).
    pub longest_slice_ms: f64,
}

/// What a slice reports: a snapshot per lane, the stats, and the state
/// after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    pub lanes: Vec<Snapshot>,
    pub stats: RunStats,
    pub state: RunState,
}

/// A run in progress.
pub struct PacedRun {
    lanes: Vec<LaneRun>,
    speed: Speed,
    state: RunState,
    /// Paced speeds: the simulated time the lanes should reach.
    target_s: f64,
    /// Events per engine call, adapted to keep calls near a millisecond.
    chunk: u64,
    /// Step: pause when the lanes reach this simulated time.
    stop_at_s: Option<f64>,
    last_slice_ms: Option<f64>,
    last_full_ms: Option<f64>,
    /// A running slice was reported and the page has not taken it yet
    /// ([`PacedRun::taken`]): later slices advance the run but report
    /// nothing until it has, so a page that draws slower than the engine
    /// runs is never handed a backlog (the next report carries every bucket
    /// closed meanwhile).
    unread: bool,
    wall_ms: f64,
    engine_ms: f64,
    sim_s: f64,
    events: u64,
    longest_ms: f64,
}

impl PacedRun {
    /// A run at time 0, paused, of one or two scenarios.
    pub fn new(scenarios: &[Scenario], speed: Speed) -> Result<PacedRun, String> {
        if scenarios.is_empty() || scenarios.len() > MAX_LANES {
            return Err(format!(
                "a run has 1 or {MAX_LANES} scenarios, not {}",
                scenarios.len()
            ));
        }
        if !speed.is_valid() {
            return Err(format!("{speed:?} is not a speed"));
        }
        let lanes = scenarios
            .iter()
            .map(|s| LaneRun::new(s).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PacedRun {
            lanes,
            speed,
            state: RunState::Paused,
            target_s: 0.0,
            chunk: 1_000,
            stop_at_s: None,
            last_slice_ms: None,
            last_full_ms: None,
            unread: false,
            wall_ms: 0.0,
            engine_ms: 0.0,
            sim_s: 0.0,
            events: 0,
            longest_ms: 0.0,
        })
    }

    pub fn state(&self) -> RunState {
        self.state
    }

    pub fn speed(&self) -> Speed {
        self.speed
    }

    fn now_s(&self) -> f64 {
        self.lanes
            .iter()
            .map(LaneRun::now_s)
            .fold(f64::INFINITY, f64::min)
    }

    fn all_done(&self) -> bool {
        self.lanes.iter().all(LaneRun::is_done)
    }

    /// Runs on until the end (or the next pause).
    pub fn play(&mut self) {
        if self.state != RunState::Finished {
            self.stop_at_s = None;
            self.state = RunState::Running;
            self.unread = false;
        }
    }

    /// The page has taken the last slice: the next one may be reported.
    pub fn taken(&mut self) {
        self.unread = false;
    }

    /// Pauses; the slice it returns carries the summary and traces so far.
    pub fn pause(&mut self) -> Slice {
        if self.state == RunState::Running {
            self.state = RunState::Paused;
        }
        self.last_slice_ms = None;
        self.report(true)
    }

    /// Runs to the end of the next bucket of simulated time, then pauses.
    pub fn step(&mut self) {
        if self.state == RunState::Finished {
            return;
        }
        let width = self.lanes[0].bucket_s();
        let now = self.now_s();
        self.stop_at_s = Some(((now / width).floor() + 1.0) * width);
        self.target_s = self.target_s.max(now);
        self.state = RunState::Running;
        self.unread = false;
    }

    pub fn set_speed(&mut self, speed: Speed) {
        if speed.is_valid() {
            self.speed = speed;
        }
    }

    /// Runs everything left at once and reports the end.
    pub fn finish(&mut self) -> Slice {
        for lane in &mut self.lanes {
            lane.finish();
        }
        self.state = RunState::Finished;
        self.report(true)
    }

    /// One slice of about `budget_ms` of engine work (`clock` gives wall
    /// milliseconds), then what changed: `None` while the page has not
    /// taken the last running slice (the run's end, or a step's, is always
    /// reported). Does nothing unless running.
    pub fn slice(&mut self, clock: &mut dyn FnMut() -> f64, budget_ms: f64) -> Option<Slice> {
        if self.state != RunState::Running {
            return Some(self.report(false));
        }
        let start = clock();
        let gap_ms = self.last_slice_ms.map(|last| start - last);
        let sim_before = self.now_s();
        let events_before: u64 = self.lanes.iter().map(LaneRun::events).sum();

        // The simulated time to reach in this slice (None: as far as the budget goes).
        let target = match (self.speed, self.stop_at_s) {
            (_, Some(stop)) => Some(stop),
            (Speed::Max, None) => None,
            (Speed::Times(x), None) => {
                let dt = gap_ms.unwrap_or(16.7).clamp(0.0, MAX_GAP_MS) / 1000.0;
                let target = self.target_s.max(sim_before) + x * dt;
                // A run that fell behind (slow machine) is not chased
                // forever: the target restarts from where it is.
                let target = target.min(sim_before + x * 0.5);
                self.target_s = target;
                Some(target)
            }
        };
        let deadline = start + budget_ms;
        let mut chunk = self.chunk;
        loop {
            let call_start = clock();
            let mut worked = false;
            for lane in &mut self.lanes {
                let behind = target.is_none_or(|t| lane.now_s() < t - 1e-12);
                if behind && !lane.is_done() {
                    lane.advance(chunk, target);
                    worked = true;
                }
            }
            let t = clock();
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
        let end = clock();
        self.chunk = chunk;

        let all_done = self.all_done();
        let sim_after = self.now_s();
        let reached_stop = self.stop_at_s.is_some_and(|stop| sim_after >= stop - 1e-9);
        let ends = all_done || reached_stop;
        let full = self
            .last_full_ms
            .is_none_or(|last| start - last >= FULL_EVERY_MS)
            || ends;
        let events_after: u64 = self.lanes.iter().map(LaneRun::events).sum();
        self.wall_ms += gap_ms.unwrap_or(end - start).min(MAX_GAP_MS);
        self.engine_ms += end - start;
        self.sim_s += (sim_after - sim_before).max(0.0);
        self.events += events_after.saturating_sub(events_before);
        self.longest_ms = self.longest_ms.max(end - start);
        self.last_slice_ms = Some(start);
        if self.unread && !ends {
            return None;
        }
        if full {
            self.last_full_ms = Some(start);
        }
        if all_done {
            self.state = RunState::Finished;
        } else if reached_stop {
            self.stop_at_s = None;
            self.state = RunState::Paused;
            self.last_slice_ms = None;
        }
        self.unread = self.state == RunState::Running;
        Some(self.report(full))
    }

    fn report(&mut self, full: bool) -> Slice {
        Slice {
            lanes: self.lanes.iter_mut().map(|l| l.snapshot(full)).collect(),
            stats: self.stats(),
            state: self.state,
        }
    }

    fn stats(&self) -> RunStats {
        RunStats {
            sim_per_wall: if self.wall_ms > 0.0 {
                self.sim_s / (self.wall_ms / 1000.0)
            } else {
                0.0
            },
            events_per_s: if self.engine_ms > 0.0 {
                self.events as f64 / (self.engine_ms / 1000.0)
            } else {
                0.0
            },
            longest_slice_ms: self.longest_ms,
        }
    }
}

/// Runs one or two scenarios to their end at once: what the simulator page
/// and the article figures open with (the build runs it natively, the page
/// in the worker; the engine is deterministic, so both are the same).
pub fn run_to_end(scenarios: &[Scenario]) -> Result<Vec<Snapshot>, String> {
    let mut run = PacedRun::new(scenarios, Speed::Max)?;
    Ok(run.finish().lanes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let text = include_str!("../../../content/scenarios/retry-storm.json");
        serde_json::from_str(text).expect("the preset parses")
    }

    /// A fake wall clock: every reading moves it on by `step_ms`.
    fn ticking(step_ms: f64) -> impl FnMut() -> f64 {
        let mut t = 0.0;
        move || {
            t += step_ms;
            t
        }
    }

    /// Accumulates a lane's buckets from its snapshots, checking that none is missed.
    fn collect(slices: &[Slice], lane: usize) -> Vec<faultline_engine::Bucket> {
        let mut buckets = Vec::new();
        for slice in slices {
            let snap = &slice.lanes[lane];
            assert_eq!(
                snap.first_bucket,
                buckets.len(),
                "no bucket is missed or repeated"
            );
            buckets.extend(snap.fresh.iter().cloned());
        }
        buckets
    }

    #[test]
    fn slicing_never_changes_the_result() {
        let s = scenario();
        let whole = run_to_end(std::slice::from_ref(&s)).expect("runs");
        // Each clock reading moves on by more than the budget: one engine call
        // of 1000 events per slice, so the run takes many slices.
        for (speed, budget) in [
            (Speed::Max, 0.05),
            (Speed::Times(50.0), 0.05),
            (Speed::Max, 0.15),
        ] {
            let mut run = PacedRun::new(std::slice::from_ref(&s), speed).expect("valid");
            run.play();
            let mut clock = ticking(0.1);
            let mut slices = Vec::new();
            while run.state() != RunState::Finished {
                slices.extend(run.slice(&mut clock, budget));
                run.taken();
                assert!(slices.len() < 1_000_000, "the run ends");
            }
            assert!(slices.len() > 3, "{speed:?}: the run took several slices");
            let last = slices.last().expect("a slice");
            assert!(last.lanes[0].finished);
            assert_eq!(last.lanes[0].summary, whole[0].summary, "{speed:?}");
            assert_eq!(collect(&slices, 0).len(), whole[0].fresh.len());
            assert_eq!(collect(&slices, 0), whole[0].fresh, "{speed:?}");
        }
    }

    #[test]
    fn a_step_stops_at_the_next_bucket_and_pause_reports_the_summary() {
        let s = scenario();
        let mut run = PacedRun::new(&[s.clone(), s], Speed::Times(1.0)).expect("valid");
        run.step();
        let mut clock = ticking(1.0);
        let mut slices = Vec::new();
        while run.state() == RunState::Running {
            slices.extend(run.slice(&mut clock, 5.0));
            run.taken();
        }
        assert_eq!(run.state(), RunState::Paused);
        let last = slices.last().expect("a slice");
        for lane in &last.lanes {
            assert!(
                (lane.now_s - 1.0).abs() < 1e-9,
                "stopped at 1 s, got {}",
                lane.now_s
            );
            assert!(lane.summary.is_some(), "the stop sends the summary");
        }
        assert!(
            collect(&slices, 1).len() <= 1,
            "at most the first bucket closed"
        );
        run.play();
        let more = run.slice(&mut clock, 5.0).expect("reported");
        assert!(more.lanes[0].now_s > 1.0);
        let paused = run.pause();
        assert_eq!(paused.state, RunState::Paused);
        assert!(paused.lanes[0].summary.is_some());
        // A paused run does nothing when sliced.
        let idle = run.slice(&mut clock, 5.0).expect("reported");
        assert_eq!(idle.lanes[0].now_s, paused.lanes[0].now_s);
        assert!(idle.lanes[0].fresh.is_empty());
    }

    #[test]
    fn a_paced_run_keeps_to_its_speed() {
        let s = scenario();
        let mut run = PacedRun::new(std::slice::from_ref(&s), Speed::Times(10.0)).expect("valid");
        run.play();
        // Slices 20 ms apart on the wall clock, each reading 0.01 ms later.
        let mut wall = 0.0;
        let mut last = 0.0;
        for _ in 0..50 {
            wall += 20.0;
            let mut t = wall;
            let mut clock = move || {
                t += 0.01;
                t
            };
            last = run.slice(&mut clock, 5.0).expect("reported").lanes[0].now_s;
            run.taken();
        }
        // 49 gaps of 20 ms (the first slice counts 16.7 ms) at 10×: about 9.97 s.
        assert!((last - 9.967).abs() < 0.05, "reached {last} s");
    }

    #[test]
    fn a_slow_page_is_never_handed_a_backlog_and_misses_nothing() {
        let s = scenario();
        let whole = run_to_end(std::slice::from_ref(&s)).expect("runs");
        let mut run = PacedRun::new(std::slice::from_ref(&s), Speed::Max).expect("valid");
        run.play();
        let mut clock = ticking(0.1);
        let mut reported = Vec::new();
        let mut slices = 0;
        while run.state() != RunState::Finished {
            slices += 1;
            if let Some(slice) = run.slice(&mut clock, 0.05) {
                reported.push(slice);
            }
            // The page takes one slice in five.
            if slices % 5 == 0 {
                run.taken();
            }
        }
        assert!(
            reported.len() * 4 < slices,
            "{} of {slices} slices reported",
            reported.len()
        );
        let last = reported.last().expect("the end is reported");
        assert!(last.lanes[0].finished);
        assert_eq!(
            collect(&reported, 0),
            whole[0].fresh,
            "every bucket arrives once"
        );
    }

    #[test]
    fn bad_runs_are_refused_with_a_reason() {
        let s = scenario();
        assert!(PacedRun::new(&[], Speed::Max).is_err());
        assert!(PacedRun::new(&[s.clone(), s.clone(), s.clone()], Speed::Max).is_err());
        assert!(PacedRun::new(std::slice::from_ref(&s), Speed::Times(f64::NAN)).is_err());
        let mut broken = s;
        broken.duration_s = -1.0;
        let error = run_to_end(&[broken]).expect_err("refused");
        assert!(error.contains("duration"), "{error}");
    }
}
