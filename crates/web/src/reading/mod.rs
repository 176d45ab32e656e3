//! Reading the guide: the article index, the article reader and search.
//!
//! Articles arrive as site data rendered at build time (`site_data`); these
//! components lay them out, make their links and anchors behave, and search
//! them in the browser. The prerenderer renders them into each page; the
//! reading island mounts them again over that markup ([`mount`]).

mod article_body;
mod article_index;
mod article_meta;
mod article_view;
mod embeds;
mod follow_up;
mod fragment;
mod heading_links;
mod index_page;
mod near_viewport;
mod prev_next;
mod scrollables;
mod search;
mod search_index;
mod toc;

pub use article_index::ArticleIndex;
pub use article_view::ArticleView;
pub use index_page::{IndexArticles, IndexSearch};
pub use search::GuideSearch;

use crate::bundle_mount::mount_view;
use crate::data::fetch_json;
use faultline_site_data::{article_path, ArticlePage};
use wasm_bindgen::JsValue;

/// The reading bundle's entry (see `crates/bundles/reading`): mounts the
/// index's `search` box, or the article `article:SLUG` once its data has
/// loaded, into `host`, in place of its prerendered markup. The same
/// components rendered that markup at build time from the same data, so
/// nothing moves. If the data cannot load, the promise rejects with the
/// reason and the prerendered page stays as it is (readable, without the
/// live parts).
pub fn mount(host: web_sys::HtmlElement, view: String) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let failed = |error: String| JsValue::from(js_sys::Error::new(&error));
        match view.strip_prefix("article:") {
            Some(slug) => {
                let mut page: ArticlePage =
                    fetch_json(&article_path(slug)).await.map_err(failed)?;
                // The body the build wrote holds more than the data's HTML:
                // its figures, already run (see `prerender::article`). The
                // island takes it over as it is, so nothing changes on screen.
                if let Some(body) = host.query_selector(".article-body").ok().flatten() {
                    page.html = body.inner_html();
                }
                // A reader who opened the prerendered contents keeps them open.
                let contents_open = host
                    .query_selector(".toc details[open]")
                    .ok()
                    .flatten()
                    .is_some();
                mount_view(
                    host,
                    move || leptos::view! { <ArticleView page contents_open/> },
                );
            }
            None if view == "search" => mount_view(host, IndexSearch),
            None => return Err(failed(format!("the reading island has no view {view:?}"))),
        }
        Ok(JsValue::UNDEFINED)
    })
}
