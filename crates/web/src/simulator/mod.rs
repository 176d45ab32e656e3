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
pub mod engine_link;
pub mod export;
pub mod figures_view;
pub mod on_first_use;
pub mod page;
pub mod preset_picker;
pub mod presets;
pub mod problems;
pub mod runner;
pub mod share;
pub mod share_panel;
pub mod sweep;
pub mod topology;
pub mod trace_view;
pub mod workbench;

pub use embed::{mount_embeds, MountedEmbeds, SimEmbed};
pub use page::{DefaultRun, SimulatorPage};
pub use runner::FinishedRun;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The simulator bundle's page entry (see `crates/bundles/simulator`):
/// mounts the simulator page into `host`, in place of the prerendered one.
/// When the address asks for nothing, the page opens with the run the build
/// prerendered, loaded and computed before the island replaces the page;
/// the promise rejects, and the prerendered page stays, if that fails.
/// `parts` are the bundle's split points (see [`on_first_use`]); the
/// editor's forms, one of them, have a stand-in drawn by the build for the
/// preset the page opens with (`editor::stand_in`), except for a shared
/// scenario.
#[cfg(target_arch = "wasm32")]
pub fn mount(host: web_sys::HtmlElement, parts: on_first_use::SplitParts) -> js_sys::Promise {
    use editor::stand_in::StandIn;
    wasm_bindgen_futures::future_to_promise(async move {
        let request = share::read_location();
        let (opened, stand_in) = if request.is_empty() {
            let opened = page::DefaultRun::load().await.map_err(|error| {
                JsValue::from(js_sys::Error::new(&format!(
                    "the simulator could not load its presets: {error}"
                )))
            })?;
            (Some(opened), StandIn::take(&host, presets::DEFAULT_PRESET))
        } else {
            match request.preset.as_deref() {
                Some(id) if request.scenario.is_none() && request.compare.is_none() => {
                    (None, StandIn::fetch(id).await)
                }
                _ => (None, None),
            }
        };
        crate::bundle_mount::mount_view(host, move || {
            provide_context(parts);
            if let Some(stand_in) = stand_in {
                provide_context(stand_in);
            }
            view! { <SimulatorPage opened/> }
        });
        Ok(JsValue::UNDEFINED)
    })
}

/// The simulator page as the build prerenders it: the default preset, run
/// to its end by the engine at build time.
#[cfg(feature = "ssr")]
#[component]
pub fn PrerenderedSimulator(run: page::DefaultRun) -> impl IntoView {
    provide_context(editor::body::DrawnEditor(editor::editor_forms));
    view! { <SimulatorPage opened=Some(run)/> }
}

/// The simulator bundle's embed entry: mounts the figures inside `root` (an
/// article body, in the reading bundle); returns the function that removes
/// them.
pub fn mount_embeds_into(root: web_sys::Element) -> JsValue {
    crate::crash::install_panic_hook();
    let mounted = mount_embeds(&root);
    Closure::once_into_js(move || drop(mounted))
}
