//! Faultline's web layer: the Leptos components of every page, rendered to
//! HTML at build time (feature `ssr`, [`prerender`]) and, where a page is
//! interactive, mounted again in the browser as islands (feature `csr`,
//! wasm32). Module map:
//! - [`prerender`] (build time): every route's HTML, in the [`layout`]
//!   frame, from the static [`pages`] parts and the islands' own views.
//! - [`checklist`]: the readiness checklist (the checklist island).
//! - [`reading`]: the article index, the article reader and search (the
//!   reading island).
//! - [`simulator`]: the failure simulator page and its article figures (the
//!   simulator island).
//! - [`bundle_mount`], [`address`]: mounting an island into the element
//!   `assets/boot.js` hands over, and following the address.
//! - [`bundle_loader`]: one island loading another's bundle (figures).
//! - [`components`]: reusable view pieces (page metadata, intro, notices).
//! - [`base`]: the deployment base path (`/` or a sub-path like `/faultline/`).
//! - [`data`]: fetching JSON site data (`<base>data/...`).
//! - [`files`]: downloads and picked files.
//! - [`crash`]: the panic hook that turns a panic into a visible notice.

// Server-side rendering nests the view types of whole pages deeply.
#![recursion_limit = "256"]

pub mod address;
pub mod base;
pub mod bundle_loader;
pub mod bundle_mount;
pub mod checklist;
pub mod components;
pub mod crash;
pub mod data;
pub mod files;
#[cfg(feature = "ssr")]
mod layout;
#[cfg(feature = "ssr")]
mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod reading;
pub mod simulator;
