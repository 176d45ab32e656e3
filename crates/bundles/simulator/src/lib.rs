//! The simulator bundle: the simulator page and the live figures of
//! articles, as a wasm module of its own that assets/boot.js loads on
//! /simulator and the reading island loads for articles with figures
//! (scripts/build-bundles.mjs builds it). It draws what the engine worker
//! (`faultline-bundle-engine`) computes; the engine's event loop is not in it.
//!
//! The crate is wasm32 only: natively it compiles to nothing, and its
//! dependencies are wasm32's (Cargo.toml).

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Mounts the simulator page into `host` (there is one view, `page`)
/// once what it opens with has loaded; the promise rejects, and the
/// prerendered page stays, if it cannot load.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, _view: String) -> js_sys::Promise {
    faultline_web::simulator::mount(host)
}

/// Turns the figure placeholders inside `root` into running simulators;
/// returns the function that removes them.
#[wasm_bindgen]
pub fn mount_embeds(root: web_sys::Element) -> JsValue {
    faultline_web::simulator::mount_embeds_into(root)
}
