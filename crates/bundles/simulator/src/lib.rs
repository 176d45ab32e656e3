//! The simulator bundle: the simulator page and the live figures of
//! articles, as a wasm module of its own that assets/boot.js loads on
//! /simulator and the reading island loads for articles with figures
//! (scripts/build-bundles.mjs builds it). It draws what the engine worker
//! (`faultline-bundle-engine`) computes; the engine's event loop is not in it.
//!
//! The crate is wasm32 only: natively it compiles to nothing, and its
//! dependencies are wasm32's (Cargo.toml).

#![cfg(target_arch = "wasm32")]

use faultline_web::simulator::on_first_use::{NotLoaded, PartView, SplitParts};
use faultline_web::simulator::share_panel::ResultsWriter;
use wasm_bindgen::prelude::*;

/// A split point: the sweep tools, and everything only they use, go into a
/// wasm file of their own, fetched the first time a reader opens them
/// (`faultline_web::simulator::on_first_use`; build.rs and
/// scripts/build-bundles.mjs do the splitting). It lives here, not in the
/// web crate, so that no other bundle links it.
#[leptos::wasm_split::wasm_split(sweep_tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_sweep_tools() -> Result<PartView, NotLoaded> {
    Ok(faultline_web::simulator::sweep::tools::sweep_tools)
}

/// A split point: compare mode's table of differences (and the comparison
/// code only it uses), fetched when compare mode starts.
#[leptos::wasm_split::wasm_split(compare_table, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_compare_table() -> Result<PartView, NotLoaded> {
    Ok(faultline_web::simulator::compare::compare_table)
}

/// A split point: the editor's forms (every part's form, its fields and
/// their parsing), fetched the first time the reader turns to the editor;
/// the prerendered forms stand in until then.
#[leptos::wasm_split::wasm_split(editor_forms, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_editor_forms() -> Result<PartView, NotLoaded> {
    Ok(faultline_web::simulator::editor::editor_forms)
}

/// A split point: the writers of the results files (CSV and JSON, and the
/// serialisers they use), fetched at the first export.
#[leptos::wasm_split::wasm_split(results_writer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn load_results_writer() -> Result<ResultsWriter, NotLoaded> {
    Ok(faultline_web::simulator::share_panel::results_text)
}

/// Mounts the simulator page into `host` (there is one view, `page`)
/// once what it opens with has loaded; the promise rejects, and the
/// prerendered page stays, if it cannot load.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, _view: String) -> js_sys::Promise {
    let parts = SplitParts {
        sweep_tools: || Box::pin(load_sweep_tools()),
        compare_table: || Box::pin(load_compare_table()),
        results_writer: || Box::pin(load_results_writer()),
        editor: || Box::pin(load_editor_forms()),
    };
    faultline_web::simulator::mount(host, parts)
}

/// Turns the figure placeholders inside `root` into running simulators;
/// returns the function that removes them.
#[wasm_bindgen]
pub fn mount_embeds(root: web_sys::Element) -> JsValue {
    faultline_web::simulator::mount_embeds_into(root)
}
