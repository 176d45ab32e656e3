//! The engine worker's state: the runs and studies a page has started, by
//! id. The browser glue feeds it each message that arrives and calls
//! [`EngineWorker::tick`] when [`EngineWorker::next_tick_ms`] says, posting
//! whatever comes back.

use std::collections::BTreeMap;

use faultline_engine::sweep::Study;

use crate::protocol::{FromWorker, StartHow, ToWorker};
use crate::{PacedRun, RunState, Speed};

/// Engine time per slice of a run "as fast as possible": long enough that
/// the wait between slices (a timer, at least a few ms) costs little, short
/// enough that a pause or a new run is answered at once.
pub const MAX_SPEED_SLICE_MS: f64 = 30.0;
/// Engine time per slice of a paced run (it stops earlier, at its target).
pub const PACED_SLICE_MS: f64 = 8.0;
/// Wall time between slices of paced runs: about a display frame.
pub const PACED_EVERY_MS: f64 = 16.0;

#[derive(Default)]
pub struct EngineWorker {
    runs: BTreeMap<u32, PacedRun>,
    studies: BTreeMap<u32, Study>,
}

impl EngineWorker {
    pub fn new() -> EngineWorker {
        EngineWorker::default()
    }

    /// Handles one message from the page; returns the messages to post.
    pub fn handle(&mut self, message: ToWorker) -> Vec<FromWorker> {
        match message {
            ToWorker::Start {
                id,
                scenarios,
                speed,
                how,
            } => {
                self.runs.remove(&id);
                let mut run = match PacedRun::new(&scenarios, speed) {
                    Ok(run) => run,
                    Err(message) => return vec![FromWorker::Failed { id, message }],
                };
                match how {
                    StartHow::ToEnd => {
                        return vec![FromWorker::Slice {
                            id,
                            slice: run.finish(),
                        }]
                    }
                    StartHow::Play => run.play(),
                    StartHow::Step => run.step(),
                }
                self.runs.insert(id, run);
                Vec::new()
            }
            ToWorker::Play { id } => {
                if let Some(run) = self.runs.get_mut(&id) {
                    run.play();
                }
                Vec::new()
            }
            ToWorker::Step { id } => {
                if let Some(run) = self.runs.get_mut(&id) {
                    run.step();
                }
                Vec::new()
            }
            ToWorker::Pause { id } => match self.runs.get_mut(&id) {
                Some(run) => vec![FromWorker::Slice {
                    id,
                    slice: run.pause(),
                }],
                None => Vec::new(),
            },
            ToWorker::Taken { id } => {
                if let Some(run) = self.runs.get_mut(&id) {
                    run.taken();
                }
                Vec::new()
            }
            ToWorker::SetSpeed { id, speed } => {
                if let Some(run) = self.runs.get_mut(&id) {
                    run.set_speed(speed);
                }
                Vec::new()
            }
            ToWorker::Drop { id } => {
                self.runs.remove(&id);
                self.studies.remove(&id);
                Vec::new()
            }
            ToWorker::Study { id, base, spec } => match Study::new(&base, &spec) {
                Ok(study) => {
                    self.studies.insert(id, study);
                    Vec::new()
                }
                Err(error) => vec![FromWorker::Failed {
                    id,
                    message: error.to_string(),
                }],
            },
            ToWorker::Job { id, job } => match self.studies.get(&id) {
                Some(study) => vec![FromWorker::JobDone {
                    id,
                    job,
                    run: study.run_json(job),
                }],
                None => vec![FromWorker::Failed {
                    id,
                    message: format!("study {id} was not prepared in this worker"),
                }],
            },
        }
    }

    /// When to call [`EngineWorker::tick`] next, in ms from now: `None`
    /// while nothing runs, 0 while a run goes as fast as possible.
    pub fn next_tick_ms(&self) -> Option<f64> {
        self.runs
            .values()
            .filter(|run| run.state() == RunState::Running)
            .map(|run| match run.speed() {
                Speed::Max => 0.0,
                Speed::Times(_) => PACED_EVERY_MS,
            })
            .min_by(f64::total_cmp)
    }

    /// One slice of every running run; finished runs are forgotten after
    /// their last slice.
    pub fn tick(&mut self, clock: &mut dyn FnMut() -> f64) -> Vec<FromWorker> {
        let mut out = Vec::new();
        for (&id, run) in &mut self.runs {
            if run.state() != RunState::Running {
                continue;
            }
            let budget = match run.speed() {
                Speed::Max => MAX_SPEED_SLICE_MS,
                Speed::Times(_) => PACED_SLICE_MS,
            };
            if let Some(slice) = run.slice(clock, budget) {
                out.push(FromWorker::Slice { id, slice });
            }
        }
        self.runs.retain(|_, run| run.state() != RunState::Finished);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_engine::Scenario;

    fn preset(id: &str) -> Scenario {
        let path = format!(
            "{}/../../content/scenarios/{id}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("the preset exists");
        serde_json::from_str(&text).expect("the preset parses")
    }

    /// Each reading moves on by 10 ms: one engine call per slice.
    fn clock() -> impl FnMut() -> f64 {
        let mut t = 0.0;
        move || {
            t += 10.0;
            t
        }
    }

    /// Every message goes through JSON, as between page and worker.
    fn send(worker: &mut EngineWorker, message: ToWorker) -> Vec<FromWorker> {
        let message = ToWorker::from_json(&message.to_json()).expect("reads back");
        worker
            .handle(message)
            .into_iter()
            .map(|m| FromWorker::from_json(&m.to_json()).expect("reads back"))
            .collect()
    }

    #[test]
    fn every_preset_arrives_on_the_page_as_the_engine_computed_it() {
        let dir = format!("{}/../../content/scenarios", env!("CARGO_MANIFEST_DIR"));
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .expect("presets")
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".json")
                    .map(String::from)
            })
            .collect();
        ids.sort();
        assert!(ids.len() > 10);
        for id in ids {
            let scenario = preset(&id);
            let direct = crate::run_to_end(std::slice::from_ref(&scenario)).expect("runs");
            let mut worker = EngineWorker::new();
            let got = send(
                &mut worker,
                ToWorker::Start {
                    id: 7,
                    scenarios: vec![scenario],
                    speed: Speed::Max,
                    how: StartHow::ToEnd,
                },
            );
            match got.as_slice() {
                [FromWorker::Slice { id: 7, slice }] => {
                    assert_eq!(slice.state, RunState::Finished);
                    assert_eq!(slice.lanes, direct, "{id}");
                }
                other => panic!("{id}: {other:?}"),
            }
            assert_eq!(worker.next_tick_ms(), None, "nothing left running");
        }
    }

    #[test]
    fn runs_are_paced_paused_and_dropped_by_id() {
        let mut worker = EngineWorker::new();
        let s = preset("retry-storm");
        for (id, speed) in [(1, Speed::Times(10.0)), (2, Speed::Max)] {
            let out = send(
                &mut worker,
                ToWorker::Start {
                    id,
                    scenarios: vec![s.clone()],
                    speed,
                    how: StartHow::Play,
                },
            );
            assert!(out.is_empty());
        }
        assert_eq!(
            worker.next_tick_ms(),
            Some(0.0),
            "a run at full speed ticks at once"
        );
        let mut clock = clock();
        let slices = worker.tick(&mut clock);
        assert_eq!(slices.len(), 2);
        let paused = send(&mut worker, ToWorker::Pause { id: 2 });
        assert!(
            matches!(&paused[..], [FromWorker::Slice { id: 2, slice }] if slice.state == RunState::Paused && slice.lanes[0].summary.is_some())
        );
        assert_eq!(worker.next_tick_ms(), Some(PACED_EVERY_MS));
        send(&mut worker, ToWorker::Drop { id: 1 });
        assert_eq!(worker.next_tick_ms(), None, "run 2 is paused, run 1 gone");
        assert!(worker.tick(&mut clock).is_empty());
        // Messages about a dropped run do nothing.
        assert!(send(&mut worker, ToWorker::Play { id: 1 }).is_empty());
        assert!(send(&mut worker, ToWorker::Pause { id: 1 }).is_empty());
        send(&mut worker, ToWorker::Play { id: 2 });
        let mut last = None;
        for _ in 0..100_000 {
            let out = worker.tick(&mut clock);
            send(&mut worker, ToWorker::Taken { id: 2 });
            if worker.next_tick_ms().is_none() {
                last = out.into_iter().last();
                break;
            }
        }
        assert!(
            matches!(last, Some(FromWorker::Slice { id: 2, slice }) if slice.state == RunState::Finished)
        );
        assert_eq!(worker.next_tick_ms(), None, "a finished run is forgotten");
    }

    #[test]
    fn a_bad_run_or_study_is_refused_in_words() {
        let mut worker = EngineWorker::new();
        let mut s = preset("healthy-chain");
        s.services.clear();
        let out = send(
            &mut worker,
            ToWorker::Start {
                id: 3,
                scenarios: vec![s],
                speed: Speed::Max,
                how: StartHow::Play,
            },
        );
        assert!(matches!(&out[..], [FromWorker::Failed { id: 3, message }] if !message.is_empty()));
        let spec = serde_json::from_str(
            r#"{"kind":"sweep","param":{"path":"load.nope","values":[1]},"seeds":1}"#,
        )
        .expect("parses");
        let out = send(
            &mut worker,
            ToWorker::Study {
                id: 4,
                base: Box::new(preset("healthy-chain")),
                spec,
            },
        );
        match &out[..] {
            [FromWorker::Failed { id: 4, message }] => {
                assert!(message.contains("unknown field `nope`"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        let out = send(&mut worker, ToWorker::Job { id: 4, job: 0 });
        assert!(matches!(&out[..], [FromWorker::Failed { id: 4, .. }]));
    }

    #[test]
    fn study_jobs_run_in_the_worker() {
        let mut worker = EngineWorker::new();
        let spec: faultline_engine::sweep::StudySpec = serde_json::from_str(
            r#"{"kind":"sweep","param":{"path":"load.rate_rps","values":[20,40]},"seeds":2}"#,
        )
        .expect("parses");
        let mut base = preset("healthy-chain");
        base.duration_s = base.duration_s.min(20.0);
        let study = Study::new(&base, &spec).expect("valid");
        assert!(send(
            &mut worker,
            ToWorker::Study {
                id: 9,
                base: Box::new(base),
                spec
            }
        )
        .is_empty());
        let mut runs = Vec::new();
        for job in 0..study.len() {
            match send(&mut worker, ToWorker::Job { id: 9, job }).as_slice() {
                [FromWorker::JobDone { id: 9, job: j, run }] if *j == job => runs.push(run.clone()),
                other => panic!("{other:?}"),
            }
        }
        let via_worker = study.finish_json(&runs).expect("reduces");
        let direct = study
            .finish_json(
                &(0..study.len())
                    .map(|j| study.run_json(j))
                    .collect::<Vec<_>>(),
            )
            .expect("reduces");
        assert_eq!(via_worker, direct);
    }
}
