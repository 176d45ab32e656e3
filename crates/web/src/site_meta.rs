//! Per-route titles and meta descriptions.
//!
//! `routes.json` is the single source: the app reads it here, and the
//! static-host build step (`scripts/postbuild.mjs`) bakes the same text into
//! each route's HTML file, so a deep link shows the right title before the
//! WASM has loaded and crawlers see it too.

use serde::Deserialize;
use std::cell::OnceCell;

/// The table in `routes.json`.
#[derive(Deserialize)]
struct RouteTable {
    site: String,
    routes: Vec<RouteMeta>,
}

/// The title and description of one route (`path` is the route pattern, or
/// `404` for the not-found page).
#[derive(Clone, Deserialize)]
pub struct RouteMeta {
    pub path: String,
    pub title: String,
    pub description: String,
}

thread_local! {
    static TABLE: OnceCell<Option<RouteTable>> = const { OnceCell::new() };
}

/// Runs `read` on the parsed table (`None` if `routes.json` failed to parse,
/// which the e2e tests would catch: every page would lose its title).
fn with_table<R>(read: impl FnOnce(Option<&RouteTable>) -> R) -> R {
    TABLE.with(|cell| {
        read(
            cell.get_or_init(|| serde_json::from_str(include_str!("routes.json")).ok())
                .as_ref(),
        )
    })
}

/// The meta of a route as listed in `routes.json`, e.g. `route_meta("/checklist")`.
/// `None` when the route is not listed.
pub fn route_meta(path: &str) -> Option<RouteMeta> {
    with_table(|table| {
        table?
            .routes
            .iter()
            .find(|route| route.path == path)
            .cloned()
    })
}

/// The site's name, as used in page titles.
pub fn site_name() -> String {
    with_table(|table| table.map(|table| table.site.clone()))
        .unwrap_or_else(|| "Faultline".to_string())
}

/// The document title for a page title: `Checklist · Faultline`; a title that
/// already starts with the site name is used as it is.
pub fn full_title(title: &str) -> String {
    let site = site_name();
    if title.starts_with(&site) {
        title.to_string()
    } else {
        format!("{title} · {site}")
    }
}

/// Sets `document.title` and the content of `<meta name="description">`.
pub fn set_page_meta(title: &str, description: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    document.set_title(&full_title(title));
    if let Ok(Some(meta)) = document.query_selector("meta[name=\"description\"]") {
        let _ = meta.set_attribute("content", description);
    }
}
