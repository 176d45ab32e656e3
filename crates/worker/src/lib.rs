//! The engine as a Web Worker runs it, in plain Rust: the browser glue
//! (`crates/bundles/engine`) only moves [`protocol`] messages and
//! calls [`EngineWorker`] when a message or a timer arrives, so everything
//! here is testable natively with a fake clock.
//!
//! - [`LaneRun`]: one simulation advanced in slices, reporting what changed
//!   as [`Snapshot`]s.
//! - [`PacedRun`]: one or two lanes (compare mode) advanced together at a
//!   chosen [`Speed`] of simulated time per wall second.
//! - [`EngineWorker`]: the worker's state: runs and sweep studies by id.
//! - [`protocol`]: the JSON messages between the page and the worker.
//!
//! The page's run controls ([`faultline_web`'s runner]) start, pause and drop
//! runs by id and render the snapshots; a sweep sends one job at a time to
//! each worker of a pool and reduces the results itself.

mod engine_worker;
mod lane_run;
mod paced_run;
pub mod protocol;
mod speed;

pub use engine_worker::EngineWorker;
pub use lane_run::{LaneRun, Snapshot};
pub use paced_run::{run_to_end, PacedRun, RunState, RunStats, Slice};
pub use speed::Speed;
