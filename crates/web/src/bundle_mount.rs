//! The bundle side of a page bundle: mounting a Leptos view into the element
//! the shell hands over, and giving back the function that unmounts it.

use super::crash;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Mounts `view` into `host` (emptied first) with its own reactive owner.
/// Returns a JS function that unmounts it; the shell calls it when the
/// route goes.
pub fn mount_view<F, N>(host: web_sys::HtmlElement, view: F) -> JsValue
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
    N::State: 'static,
{
    crash::install_panic_hook();
    host.set_inner_html("");
    let handle = leptos::mount::mount_to(host, view);
    Closure::once_into_js(move || drop(handle))
}
