//! The guide's index below its intro (`/articles`): search across every
//! article, then the list.

use super::{ArticleIndex, GuideSearch};
use faultline_site_data::ArticleSummary;
use leptos::prelude::*;

/// How many search results the index page lists.
const SEARCH_RESULTS: usize = 10;

/// Search and the list of `articles`.
#[component]
pub fn IndexContent(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <GuideSearch id_prefix="guide-search" limit=SEARCH_RESULTS label="Search the guide"/>
        <section class="index-articles" aria-labelledby="all-articles">
            <h2 id="all-articles">"All articles"</h2>
            <ArticleIndex articles/>
        </section>
    }
}
