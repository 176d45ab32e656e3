//! Faultline: a microservices-readiness guide.
//!
//! The root package holds the native command-line tools (`sim`,
//! `build-content`); the wasm modules the site loads are the crates under
//! `crates/bundles/`. The work happens in the crates under
//! `crates/`, which this library re-exports under short paths for the tools
//! and the integration tests in `tests/`:
//! - [`engine`] (`faultline-engine`): the discrete-event simulation engine.
//! - [`checklist`] (`faultline-checklist`): the readiness checklist core.
//! - [`site_data`] (`faultline-site-data`): the site data types and search.
//! - [`worker`] (`faultline-worker`): the engine as its Web Worker runs it.
//! - [`content`] (`faultline-content`): the content build.
//!
//! None of them depends on a web crate; `faultline-web` (wasm32) depends on them.

pub use faultline_checklist as checklist;
pub use faultline_engine as engine;
pub use faultline_site_data as site_data;
pub use faultline_worker as worker;

pub use faultline_content as content;
