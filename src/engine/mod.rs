//! The discrete-event simulation engine: services calling each other under load.
//!
//! Plain Rust with no web dependencies: it runs natively (the `sim` command,
//! tests, benchmarks) and in the browser (the simulator page) alike.
//!
//! Flow: a [`Scenario`] (JSON) is checked by [`validate`], compiled into a
//! runtime model, and advanced by a simulation in virtual time; metrics are
//! collected as time-series buckets and a run summary.

pub mod scenario;
pub mod validate;

pub use scenario::*;
pub use validate::{FieldError, ScenarioError};
