//! Components that set the document title and meta description of a page.

use crate::site_meta::{route_meta, set_page_meta};
use leptos::prelude::*;

/// Sets the title and description from signals, for pages whose text depends
/// on loaded data (an article's title, say). Renders nothing.
#[component]
pub fn PageMeta(
    /// The page title without the site name (`"Readiness checklist"`).
    #[prop(into)]
    title: Signal<String>,
    /// One or two sentences for `<meta name="description">`.
    #[prop(into)]
    description: Signal<String>,
) -> impl IntoView {
    Effect::new(move |_| set_page_meta(&title.get(), &description.get()));
}

/// Sets the title and description listed for `route` in `routes.json`
/// (`"/checklist"`, or `"404"`). Renders nothing.
#[component]
pub fn RoutePageMeta(route: &'static str) -> impl IntoView {
    // Prerendered pages get their title and description in the head from
    // the prerenderer; there is no document to set them on.
    if cfg!(feature = "ssr") {
        return;
    }
    match route_meta(route) {
        Some(meta) => set_page_meta(&meta.title, &meta.description),
        None => leptos::logging::warn!("routes.json lists no route {route}"),
    }
}
