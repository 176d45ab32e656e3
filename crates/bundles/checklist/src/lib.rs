//! The checklist bundle: the readiness checklist as a wasm module of its
//! own that assets/boot.js loads on /checklist (scripts/build-bundles.mjs builds
//! it).
//!
//! The crate is wasm32 only: natively it compiles to nothing, and its
//! dependencies are wasm32's (Cargo.toml).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Mounts the checklist into `host` (there is one view, `page`) once
/// its data has loaded; the promise rejects, and the prerendered form
/// stays, if it cannot load.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, _view: String) -> js_sys::Promise {
    faultline_web::checklist::mount(host)
}
