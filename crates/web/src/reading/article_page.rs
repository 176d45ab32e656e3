//! The article page (`/articles/:slug`), rendered by the reading bundle:
//! the shell passes the slug from its route.

use super::ArticleView;
use crate::base::href;
use crate::components::{Notice, PageMeta, Tone};
use crate::data::fetch_json;
use faultline_site_data::{article_path, ArticlePage, ArticleSummary, ARTICLE_INDEX_PATH};
use leptos::either::EitherOf4;
use leptos::prelude::*;

/// What the address points at.
#[derive(Clone)]
enum Lookup {
    Found(Box<ArticlePage>),
    /// No article has this slug; the guide's articles are offered instead.
    Missing {
        slug: String,
        articles: Vec<ArticleSummary>,
    },
}

/// Looks the slug up in the index first, so that a mistyped address gets a
/// helpful page rather than a failed request.
async fn look_up(slug: String) -> Result<Lookup, String> {
    let articles: Vec<ArticleSummary> = fetch_json(ARTICLE_INDEX_PATH).await?;
    if !articles.iter().any(|article| article.slug == slug) {
        return Ok(Lookup::Missing { slug, articles });
    }
    let page: ArticlePage = fetch_json(&article_path(&slug)).await?;
    Ok(Lookup::Found(Box::new(page)))
}

/// The article reader for `slug`.
#[component]
pub fn ArticleReader(slug: String) -> impl IntoView {
    let lookup = LocalResource::new(move || look_up(slug.clone()));

    // A match over the resource, with Either, rather than <Suspense> and
    // AnyView: the bundle came out about 10 KB (compressed) smaller.
    move || match lookup.get() {
        None => EitherOf4::A(view! { <p class="loading">"Loading the article…"</p> }),
        Some(Ok(Lookup::Found(page))) => {
            let title = page.meta.title.clone();
            let description = page.meta.summary.clone();
            EitherOf4::B(view! {
                <PageMeta title description/>
                <ArticleView page=*page/>
            })
        }
        Some(Ok(Lookup::Missing { slug, articles })) => {
            EitherOf4::C(view! { <MissingArticle slug articles/> })
        }
        Some(Err(error)) => EitherOf4::D(view! { <UnavailableArticle error/> }),
    }
}

/// No article has this address: say so and list the ones there are.
#[component]
fn MissingArticle(slug: String, articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <PageMeta
            title="Article not found"
            description="There is no article at this address in the Faultline guide."
        />
        <header class="page-intro">
            <h1>"Article not found"</h1>
            <p class="lead">
                "The guide has no article called " <code>{slug}</code>
                ". The link may be mistyped, or the article may have been renamed."
            </p>
        </header>
        <h2>"The articles in the guide"</h2>
        <ul class="link-list">
            {articles
                .into_iter()
                .map(|article| {
                    let link = href(&format!("/{}", article.href()));
                    view! { <li><a href=link>{article.title}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}

/// The article exists but could not be loaded (network, server, bad data).
#[component]
fn UnavailableArticle(error: String) -> impl IntoView {
    view! {
        <PageMeta
            title="Article unavailable"
            description="This article of the Faultline guide could not be loaded."
        />
        <header class="page-intro">
            <h1>"The article could not be loaded"</h1>
        </header>
        <Notice tone=Tone::Error>
            <p>{error}</p>
            <p>"Reload the page to try again, or " <a href=href("/articles")>"go back to the guide"</a> "."</p>
        </Notice>
    }
}
