//! Faultline: a microservices-readiness guide.
//!
//! The crate keeps its cores free of the web front end (the way ripgrep keeps
//! its core free of its CLI):
//! - [`engine`]: the discrete-event simulation engine (plain Rust).
//! - [`checklist`]: the readiness checklist model and scoring (plain Rust).
//! - `content` (native only): validates and renders `content/` into site data.
//! - [`scenario_file`]: reads a scenario file for `sim` and the content build,
//!   with errors that name the line and the field.
//! - `web` (wasm32 only): the Leptos app, a thin layer over the cores.

pub mod checklist;
/// The simulation engine (the `faultline-engine` crate in `crates/engine`),
/// under its old path: `faultline::engine::Simulation`.
pub use faultline_engine as engine;
/// Site data types shared by the content build (writer) and the web app (reader).
pub mod site_data;

#[cfg(not(target_arch = "wasm32"))]
pub mod content;
pub mod scenario_file;

#[cfg(target_arch = "wasm32")]
pub mod web;
