//! The guide's index below its intro (`/articles`): search across every
//! article, then the list.

use super::{ArticleIndex, GuideSearch};
use faultline_site_data::ArticleSummary;
use leptos::prelude::*;

/// How many search results the index page lists.
const SEARCH_RESULTS: usize = 10;

/// The index's search box: prerendered, and the reading island's view on
/// the index page (it mounts when the reader turns to the box).
#[component]
pub fn IndexSearch() -> impl IntoView {
    view! { <GuideSearch id_prefix="guide-search" limit=SEARCH_RESULTS label="Search the guide"/> }
}

/// Every article's card, under the section's heading (static: the topic
/// filter needs no script).
#[component]
pub fn IndexArticles(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <section class="index-articles" aria-labelledby="all-articles">
            <h2 id="all-articles">"All articles"</h2>
            <ArticleIndex articles/>
        </section>
    }
}
