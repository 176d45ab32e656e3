//! Reading the guide: the article index, the article reader and search.
//!
//! Articles arrive as site data rendered at build time (`site_data`); these
//! components lay them out, make their links and anchors behave, and search
//! them in the browser. Pages (`pages/articles.rs`, `pages/article.rs`) only
//! fetch data and pick what to show.

mod article_body;
mod article_index;
mod article_meta;
mod article_view;
mod embeds;
mod follow_up;
mod fragment;
mod heading_links;
mod prev_next;
mod scrollables;
mod search;
mod search_index;
mod toc;

pub use article_index::ArticleIndex;
pub use article_view::ArticleView;
pub use search::GuideSearch;
