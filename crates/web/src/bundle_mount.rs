//! The island side of mounting: a Leptos view in place of the prerendered
//! content of the element `assets/boot.js` hands over.

use super::crash;
use leptos::prelude::*;

/// Mounts `view` into `host` (emptied first) with its own reactive owner.
/// The island lives as long as the page: leaving the page ends the document,
/// and everything in it.
pub fn mount_view<F, N>(host: web_sys::HtmlElement, view: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
    N::State: 'static,
{
    crash::install_panic_hook();
    host.set_inner_html("");
    leptos::mount::mount_to(host, view).forget();
}
