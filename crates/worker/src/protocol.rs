//! The messages between a page and its engine worker, as JSON text (one
//! `postMessage` string each). Runs and studies are named by an id the page
//! chooses; the page ignores anything about an id it has dropped, so a
//! late message can never reach a view that is gone.
//!
//! The enums are externally tagged (`{"slice":{…}}`, `"ready"`): serde
//! reads those in one pass. An internally tagged enum (`{"type":…}`) or a
//! flattened field is first buffered whole and then read again, which made
//! reading the slices the page's largest main-thread cost.

use serde::{Deserialize, Serialize};

use faultline_engine::sweep::StudySpec;
use faultline_engine::Scenario;

use crate::{Slice, Speed};

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Starts run `id` at time 0 with one or two lanes (compare mode).
    Start {
        id: u32,
        scenarios: Vec<Scenario>,
        speed: Speed,
        how: StartHow,
    },
    /// Runs on (after a pause or a step).
    Play {
        id: u32,
    },
    /// Pauses; the worker answers with a slice that carries the summary.
    Pause {
        id: u32,
    },
    /// Runs to the end of the next bucket of simulated time, then pauses.
    Step {
        id: u32,
    },
    SetSpeed {
        id: u32,
        speed: Speed,
    },
    /// The page has drawn run `id`'s last slice: the worker may report the
    /// next (it keeps running meanwhile; see `PacedRun::taken`).
    Taken {
        id: u32,
    },
    /// Forgets run or study `id`: it stops at once and sends nothing more.
    Drop {
        id: u32,
    },
    /// Prepares study `id` (checked here as on the page) for its jobs.
    Study {
        id: u32,
        base: Box<Scenario>,
        spec: StudySpec,
    },
    /// Runs one job of study `id`.
    Job {
        id: u32,
        job: usize,
    },
}

/// How a new run begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartHow {
    /// Running at its speed.
    Play,
    /// One bucket, then paused.
    Step,
    /// All at once: one slice, the finished run.
    ToEnd,
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is running: it reads messages from now on.
    Ready,
    /// What run `id` did in its last slice.
    Slice { id: u32, slice: Slice },
    /// One run of study `id`, as JSON (see `faultline_engine::sweep::Study`).
    JobDone { id: u32, job: usize, run: String },
    /// Run or study `id` cannot go on; `message` says why, in words.
    Failed { id: u32, message: String },
}

impl ToWorker {
    pub fn to_json(&self) -> String {
        json(self)
    }

    pub fn from_json(text: &str) -> Result<ToWorker, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable message to the worker: {e}"))
    }
}

impl FromWorker {
    pub fn to_json(&self) -> String {
        json(self)
    }

    pub fn from_json(text: &str) -> Result<FromWorker, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable message from the worker: {e}"))
    }
}

fn json<T: Serialize>(value: &T) -> String {
    // Plain data throughout (numbers, strings, vectors, maps with string
    // keys): serde_json cannot fail on it.
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_scripts_own_failure_message_reads_as_a_failure_of_every_run() {
        // scripts/build-bundles.mjs writes this when the wasm cannot start.
        let text = r#"{"failed":{"id":0,"message":"the engine could not start: boom"}}"#;
        assert_eq!(
            FromWorker::from_json(text),
            Ok(FromWorker::Failed {
                id: 0,
                message: "the engine could not start: boom".into()
            })
        );
    }

    #[test]
    fn messages_are_externally_tagged() {
        assert_eq!(FromWorker::Ready.to_json(), r#""ready""#);
        assert_eq!(ToWorker::Taken { id: 3 }.to_json(), r#"{"taken":{"id":3}}"#);
    }
}
