//! The reading bundle: the article index, the article reader and search, as
//! a wasm module of its own that assets/boot.js loads on /articles pages
//! (scripts/build-bundles.mjs builds it).
//!
//! The crate is wasm32 only: natively it compiles to nothing, and its
//! dependencies are wasm32's (Cargo.toml).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Mounts `view` (`index` or `article:SLUG`) into `host` once its data
/// has loaded; the promise rejects, and the prerendered page stays, if
/// it cannot load.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, view: String) -> js_sys::Promise {
    faultline_web::reading::mount(host, view)
}
