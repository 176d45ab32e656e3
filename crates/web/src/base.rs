//! The deployment base path.
//!
//! The site can live at the root of a host (`/`) or under a sub-path
//! (`/faultline/`). Trunk writes the public URL given at build time
//! (`trunk build --public-url /faultline/`) into `<base href>`; everything that
//! builds a URL (router, links, data fetches) derives it from there, so one
//! build setting moves the whole site.

use std::cell::OnceCell;

thread_local! {
    static BASE_PATH: OnceCell<String> = const { OnceCell::new() };
}

/// The base path with a leading and a trailing slash: `/` or `/faultline/`.
pub fn base_path() -> String {
    BASE_PATH.with(|cell| cell.get_or_init(read_base_path).clone())
}

/// Prerendering: sets the base path the rendered links use (the build's
/// `PUBLIC_URL`), before the first page is rendered on this thread. Returns
/// false if a different base was already set.
#[cfg(feature = "ssr")]
pub fn set_render_base(path: &str) -> bool {
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    BASE_PATH.with(|cell| cell.get_or_init(|| path.clone()) == &path)
}

/// The base as the router wants it: empty at the root, else without the
/// trailing slash (`/faultline`).
pub fn router_base() -> String {
    base_path().trim_end_matches('/').to_string()
}

/// The URL path of a site route: `href("/articles")` is `/articles` at the
/// root and `/faultline/articles` under a sub-path. Use it for every internal
/// link (`<A href=href("/checklist")>`).
pub fn href(route: &str) -> String {
    join(&base_path(), route)
}

/// Joins a base (ending in `/`) and a route or file path (with or without a
/// leading slash).
fn join(base: &str, path: &str) -> String {
    format!("{base}{}", path.trim_start_matches('/'))
}

/// Prerendering without [`set_render_base`]: the site is at the root.
#[cfg(feature = "ssr")]
fn read_base_path() -> String {
    "/".to_string()
}

/// Reads the path of `document.baseURI`, which is the `<base href>` when
/// present and the page's own URL otherwise (then the site is at the root).
#[cfg(not(feature = "ssr"))]
fn read_base_path() -> String {
    let has_base_element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector("base[href]").ok().flatten())
        .is_some();
    if !has_base_element {
        return "/".to_string();
    }
    let path = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_string());
    if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    }
}
