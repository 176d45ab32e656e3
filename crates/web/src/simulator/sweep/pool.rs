//! Runs a study's jobs on a pool of engine workers, one per core the
//! browser reports (capped), each fed one job at a time so the faster ones
//! take more. Every worker builds the same checked study from the same spec
//! and base scenario (`faultline_engine::sweep::Study`); runs come back as
//! JSON and are reduced here by the page's own plan, in job order, so the
//! result does not depend on how many workers ran it or in what order they
//! finished. The page checks and reduces grid sweeps only (`GridPlan`), so
//! its bundle carries none of the other studies' code.
//!
//! Dropping the [`PoolRun`] terminates every worker at once: that is how a
//! sweep is cancelled, and how leaving the page stops it.

use std::cell::RefCell;
use std::rc::Rc;

use faultline_engine::sweep::{Batch, GridPlan, StudySpec, SweepResult, SweepSpec};
use faultline_engine::Scenario;
use faultline_worker::protocol::{FromWorker, ToWorker};

use crate::simulator::engine_link::{Channel, EngineLink};

/// The most workers a sweep starts, whatever the machine reports.
pub const MAX_WORKERS: usize = 8;

/// The pool size the page offers by default: the browser's core count.
pub fn default_workers() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(2, |n| n as usize)
        .clamp(1, MAX_WORKERS)
}

/// What a running sweep tells the page.
pub enum PoolEvent {
    /// Runs finished so far, of all.
    Progress {
        done: usize,
        total: usize,
    },
    Done(Box<Result<SweepResult, String>>),
}

struct PoolState {
    plan: GridPlan,
    next_job: usize,
    runs: Vec<Option<String>>,
    done: usize,
    links: Vec<EngineLink>,
    channels: Vec<Channel>,
    over: bool,
}

/// A sweep running on its pool; dropping it cancels it.
pub struct PoolRun {
    state: Rc<RefCell<PoolState>>,
}

impl Drop for PoolRun {
    fn drop(&mut self) {
        stop(&self.state);
    }
}

/// Terminates every worker (their channels hear nothing more).
fn stop(state: &Rc<RefCell<PoolState>>) {
    let (links, channels) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        s.over = true;
        (
            std::mem::take(&mut s.links),
            std::mem::take(&mut s.channels),
        )
    };
    for link in &links {
        link.terminate();
    }
    drop(channels);
}

/// Starts `plan` (checked from `spec` against `base`) on `workers`
/// workers. `on_event` hears the progress and, once, the result.
pub fn start(
    base: &Scenario,
    spec: &SweepSpec,
    plan: GridPlan,
    workers: usize,
    on_event: impl Fn(PoolEvent) + 'static,
) -> PoolRun {
    let total = plan.len();
    let spec = StudySpec::Sweep(spec.clone());
    let state = Rc::new(RefCell::new(PoolState {
        plan,
        next_job: 0,
        runs: vec![None; total],
        done: 0,
        links: Vec::new(),
        channels: Vec::new(),
        over: false,
    }));
    let on_event: Rc<dyn Fn(PoolEvent)> = Rc::new(on_event);
    on_event(PoolEvent::Progress { done: 0, total });
    for index in 0..workers.clamp(1, MAX_WORKERS).min(total.max(1)) {
        let link = EngineLink::spawn();
        let weak = Rc::downgrade(&state);
        let events = Rc::clone(&on_event);
        let channel = link.open(move |message| {
            if let Some(state) = weak.upgrade() {
                receive(&state, index, message, &*events);
            }
        });
        channel.send(ToWorker::Study {
            id: channel.id(),
            base: Box::new(base.clone()),
            spec: spec.clone(),
        });
        let mut s = state.borrow_mut();
        s.links.push(link);
        s.channels.push(channel);
    }
    let workers = state.borrow().channels.len();
    for index in 0..workers {
        send_next(&state, index);
    }
    PoolRun { state }
}

/// The runs, read back in job order, reduced to the sweep's points.
fn reduce(plan: &GridPlan, runs: &[Option<String>]) -> Result<SweepResult, String> {
    let runs = runs
        .iter()
        .enumerate()
        .map(|(job, text)| {
            serde_json::from_str::<<GridPlan as Batch>::Run>(text.as_deref().unwrap_or(""))
                .map_err(|e| format!("run {job} came back unreadable: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    plan.finish(runs).map_err(|e| e.to_string())
}

/// Gives worker `index` the next job, if any is left.
fn send_next(state: &Rc<RefCell<PoolState>>, index: usize) {
    let mut s = state.borrow_mut();
    if s.over || s.next_job >= s.runs.len() {
        return;
    }
    let job = s.next_job;
    s.next_job += 1;
    if let Some(channel) = s.channels.get(index) {
        channel.send(ToWorker::Job {
            id: channel.id(),
            job,
        });
    }
}

fn receive(
    state: &Rc<RefCell<PoolState>>,
    index: usize,
    message: FromWorker,
    on_event: &dyn Fn(PoolEvent),
) {
    if state.borrow().over {
        return;
    }
    match message {
        FromWorker::JobDone { job, run, .. } => {
            let (done, total) = {
                let mut s = state.borrow_mut();
                if let Some(slot) = s.runs.get_mut(job) {
                    if slot.replace(run).is_none() {
                        s.done += 1;
                    }
                }
                (s.done, s.runs.len())
            };
            if done < total {
                send_next(state, index);
                on_event(PoolEvent::Progress { done, total });
                return;
            }
            let result = {
                let s = state.borrow();
                reduce(&s.plan, &s.runs)
            };
            stop(state);
            on_event(PoolEvent::Progress { done, total });
            on_event(PoolEvent::Done(Box::new(result)));
        }
        FromWorker::Failed { message, .. } => {
            stop(state);
            on_event(PoolEvent::Done(Box::new(Err(message))));
        }
        FromWorker::Slice { .. } | FromWorker::Ready => {}
    }
}
