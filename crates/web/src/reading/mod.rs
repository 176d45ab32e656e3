//! Reading the guide: the article index, the article reader and search.
//!
//! Articles arrive as site data rendered at build time (`site_data`); these
//! components lay them out, make their links and anchors behave, and search
//! them in the browser. Pages (`pages/articles.rs`, `pages/article.rs`) only
//! fetch data and pick what to show.

mod article_body;
mod article_index;
mod article_meta;
mod article_page;
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
pub use index_page::IndexContent;
pub use search::GuideSearch;

use crate::bundle_mount::mount_view;
use wasm_bindgen::JsValue;

/// The reading bundle's entry (see `src/bundles/reading.rs`): mounts the
/// guide's `index`, or `article:SLUG`, into `host`. Returns the unmount
/// function.
pub fn mount(host: web_sys::HtmlElement, view: &str) -> JsValue {
    match view.strip_prefix("article:") {
        Some(slug) => {
            let slug = slug.to_string();
            mount_view(host, move || {
                leptos::view! { <article_page::ArticleReader slug/> }
            })
        }
        None => mount_view(host, index_page::IndexPage),
    }
}
