//! The discrete-event simulation engine: services calling each other under load.
//!
//! Plain Rust with no web dependencies: it runs natively (the `sim` command,
//! tests, benchmarks) and in the browser (the simulator page) alike.
//!
//! Flow: a [`Scenario`] (JSON) is checked by [`validate()`], compiled into a
//! [`model::Model`] (index-based tables), and advanced by a [`Simulation`]
//! in virtual time (integer nanoseconds). Metrics accumulate as events
//! happen ([`metrics`]) and come out as time-series [`Bucket`]s, a
//! [`Summary`], sampled [`Trace`]s and a [`Live`] view ([`report`]).
//!
//! Determinism: a scenario and a seed give bit-identical results on every
//! platform: randomness comes from seeded xoshiro streams and `libm`
//! ([`random`]), ties between simultaneous events break by scheduling order
//! ([`events`]), and no result depends on how the run is sliced into steps.

pub mod events;
pub mod footprint;
pub mod keys;
pub mod metrics;
pub mod model;
pub mod policy;
pub mod pool;
pub mod random;
pub mod report;
pub mod scenario;
pub mod scenario_file;
pub mod sim;
pub mod sweep;
pub mod time;
pub mod trace;
pub mod validate;

// Plain-Rust helpers for presenting runs (the simulator page and exports).
pub mod compare;
pub mod export;
pub mod field_path;
pub mod figures;
pub mod graph_layout;
pub mod plot;
pub mod scenario_edit;
pub mod series;
pub mod share_code;
pub mod sim_link;
pub mod units;

pub use footprint::Footprint;
pub use metrics::{Cause, Causes};
pub use policy::BreakerState;
pub use report::{Bucket, Live, Span, Summary, Trace};
pub use scenario::*;
pub use sim::Simulation;
pub use validate::{validate, FieldError, ScenarioError};

/// Runs a scenario to its end and returns the summary.
pub fn run(scenario: &Scenario) -> Result<Summary, ScenarioError> {
    let mut sim = Simulation::new(scenario)?;
    sim.run_to_end();
    Ok(sim.summary())
}
