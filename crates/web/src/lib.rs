//! The Leptos web app (compiled for wasm32 only).
//!
//! A thin client-side layer over the plain-Rust cores: it routes, lays out
//! pages and fetches site data at runtime. Module map:
//! - [`app`]: the router and the route table.
//! - [`layout`]: header with navigation, skip link, main region, footer.
//! - [`pages`]: one module per route.
//! - [`components`]: reusable view pieces (page metadata, intro, notices).
//! - [`page_bundle`], [`bundle_loader`]: the shell's side of page bundles,
//!   separate wasm modules loaded when a route needs them.
//! - [`bundle_mount`], [`address`]: the bundles' side (mounting into the
//!   shell's element, following the address without the router).
//! - [`checklist`]: the readiness checklist (the checklist bundle).
//! - [`reading`]: the article index, the article reader and search (the
//!   reading bundle).
//! - [`simulator`]: the failure simulator page and its article embed (the
//!   simulator bundle).
//! - [`base`]: the deployment base path (`/` or a sub-path like `/faultline/`).
//! - [`data`]: fetching JSON site data (`<base>data/...`).
//! - [`site_meta`]: per-route titles and descriptions (shared with the static-host build step).
//! - [`crash`]: the panic hook that turns a panic into a visible notice.

// Server-side rendering nests the view types of whole pages deeply.
#![recursion_limit = "256"]

pub mod address;
mod app;
pub mod base;
pub mod bundle_loader;
pub mod bundle_mount;
pub mod checklist;
pub mod components;
pub mod crash;
pub mod data;
pub mod files;
pub(crate) mod layout;
mod page_bundle;
mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod reading;
pub mod simulator;
pub mod site_meta;

use wasm_bindgen::JsCast;

/// The id of the element in `index.html` the app mounts into.
const ROOT_ID: &str = "app";

/// Boots the app: installs the panic hook first, so that even a failure while
/// mounting shows a notice, then replaces the loading placeholder with the app.
pub fn start() {
    crash::install_panic_hook();
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(ROOT_ID))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else {
        crash::show_crash_notice(&format!(
            "index.html has no <div id=\"{ROOT_ID}\"> to mount the app into"
        ));
        return;
    };
    // The page's prerendered content (see `prerender`) is static HTML for
    // readers without scripts; the app replaces it, then says it has
    // (`data-mounted`, which the browser tests wait for).
    root.set_inner_html("");
    leptos::mount::mount_to(root.clone(), app::App).forget();
    let _ = root.set_attribute("data-mounted", "");
}
