//! The failure simulator page and its embeddable variant: a thin Leptos
//! layer over the plain-Rust engine (`faultline_engine`).
//!
//! Data flows one way: the scenario drafts ([`workbench`]) are validated,
//! the valid ones feed the [`runner`], which drives the engine per
//! animation frame and publishes buckets, the live state, the summary and
//! traces as signals; the views only read them.
//!
//! - [`page`]: the page (address handling and layout).
//! - [`workbench`]: drafts, validation, selection; [`runner`]: the engine driver.
//! - [`preset_picker`], [`presets`]: choosing and loading presets.
//! - [`controls`], [`problems`]: run controls; what blocks the run.
//! - [`topology`]: the live diagram; [`editor`]: the scenario forms.
//! - [`figures_view`], [`charts`], [`trace_view`]: results.
//! - [`compare`]: two variants side by side.
//! - [`share`], [`share_panel`], [`export`]: links, files in and out.
//! - [`embed`]: the compact simulator articles embed ([`embed::mount_embeds`]).
//! - [`dom_id`]: element ids.

pub mod charts;
pub mod compare;
pub mod controls;
pub mod dom_id;
pub mod editor;
pub mod embed;
pub mod export;
pub mod figures_view;
pub mod page;
pub mod preset_picker;
pub mod presets;
pub mod problems;
pub mod runner;
pub mod share;
pub mod share_panel;
pub mod topology;
pub mod trace_view;
pub mod workbench;

pub use embed::{mount_embeds, MountedEmbeds, SimEmbed};
pub use page::SimulatorPage;

use wasm_bindgen::prelude::*;

/// The simulator bundle's page entry (see `src/bundles/simulator.rs`):
/// mounts the simulator page into `host`, in place of the prerendered one.
pub fn mount(host: web_sys::HtmlElement) {
    crate::bundle_mount::mount_view(host, SimulatorPage);
}

/// The simulator bundle's embed entry: mounts the figures inside `root` (an
/// article body, in the reading bundle); returns the function that removes
/// them.
pub fn mount_embeds_into(root: web_sys::Element) -> JsValue {
    crate::crash::install_panic_hook();
    let mounted = mount_embeds(&root);
    Closure::once_into_js(move || drop(mounted))
}
