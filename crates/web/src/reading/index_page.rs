//! The guide's index below its intro (`/articles`), rendered by the reading
//! bundle: search across every article, then the list.

use super::{ArticleIndex, GuideSearch};
use crate::components::{Notice, Tone};
use crate::data::fetch_json;
use faultline_site_data::{ArticleSummary, ARTICLE_INDEX_PATH};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// How many search results the index page lists.
const SEARCH_RESULTS: usize = 10;

/// Search and the list of articles.
#[component]
pub fn IndexPage() -> impl IntoView {
    let articles = LocalResource::new(|| fetch_json::<Vec<ArticleSummary>>(ARTICLE_INDEX_PATH));
    // A match over the resource, with Either, rather than <Suspense> and
    // AnyView: the bundle came out about 10 KB (compressed) smaller.
    let list = move || match articles.get() {
        None => EitherOf3::A(view! { <p class="loading">"Loading the list of articles…"</p> }),
        Some(Ok(articles)) => EitherOf3::B(view! { <ArticleIndex articles/> }),
        Some(Err(error)) => EitherOf3::C(view! {
            <Notice tone=Tone::Error>
                <p>"The list of articles could not be loaded: " {error}</p>
                <p>"Reload the page to try again."</p>
            </Notice>
        }),
    };
    view! { <IndexLayout list/> }
}

/// Search and the list of `articles`, when they are at hand (prerendering).
#[component]
pub fn IndexContent(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! { <IndexLayout list=view! { <ArticleIndex articles/> }/> }
}

/// The search box above the section that holds `list`.
#[component]
fn IndexLayout(list: impl IntoView + 'static) -> impl IntoView {
    view! {
        <GuideSearch id_prefix="guide-search" limit=SEARCH_RESULTS label="Search the guide"/>
        <section class="index-articles" aria-labelledby="all-articles">
            <h2 id="all-articles">"All articles"</h2>
            {list}
        </section>
    }
}
