//! The deployment base path.
//!
//! The site can live at the root of a host (`/`) or under a sub-path
//! (`/faultline/`). The site build writes the public URL given at build time
//! (`PUBLIC_URL=/faultline/ make dist`) into `<base href>`; everything that
//! builds a URL (links, data fetches) derives it from there, so one build
//! setting moves the whole site.

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

/// The URL of a site route: `href("/articles")` is `/articles/` at the
/// root and `/faultline/articles/` under a sub-path. Use it for every internal
/// link (`<a href=href("/checklist")>`).
///
/// Every page is a folder with an `index.html` on the static host, so a page's
/// address ends in `/` (`checklist/?item=ID`, `articles/SLUG/#anchor`): the
/// host would redirect the bare form, and an in-page link would then load the
/// page again instead of scrolling. Files (`data/articles/index.json`) keep
/// their names.
pub fn href(route: &str) -> String {
    join(&base_path(), &page_address(route))
}

/// `route` with a `/` after its path unless that path names a file or
/// already ends in `/`: `checklist?item=a` becomes `checklist/?item=a`.
pub fn page_address(route: &str) -> String {
    let split = route.find(['?', '#']).unwrap_or(route.len());
    let (path, rest) = route.split_at(split);
    let last_segment = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') || last_segment.contains('.') {
        route.to_string()
    } else {
        format!("{path}/{rest}")
    }
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

#[cfg(test)]
mod tests {
    use super::page_address;

    #[test]
    fn pages_end_in_a_slash_and_files_keep_their_names() {
        for (route, address) in [
            ("/", "/"),
            ("", ""),
            ("/checklist", "/checklist/"),
            (
                "checklist?item=resilience.timeouts",
                "checklist/?item=resilience.timeouts",
            ),
            (
                "/articles/timeouts#retry-budgets",
                "/articles/timeouts/#retry-budgets",
            ),
            (
                "/articles/timeouts/#retry-budgets",
                "/articles/timeouts/#retry-budgets",
            ),
            (
                "simulator?preset=retry-storm#x=1",
                "simulator/?preset=retry-storm#x=1",
            ),
            ("data/articles/index.json", "data/articles/index.json"),
            ("data/images/a.b.svg", "data/images/a.b.svg"),
        ] {
            assert_eq!(page_address(route), address, "{route}");
        }
    }
}
