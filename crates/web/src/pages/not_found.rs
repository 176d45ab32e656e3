//! The not-found page (`404.html`), which a static host serves for every
//! unknown address.

use crate::base::href;
use faultline_site_data::ArticleSummary;
use leptos::prelude::*;

/// Says that nothing is at this address and offers the ways in, and every
/// article of the guide (a mistyped or renamed article's address lands here
/// too). The page cannot know the address at build time; `assets/boot.js`
/// names it in the `.missing-address` sentence when scripts run.
#[component]
pub fn NotFoundView(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <header class="page-intro">
            <h1>"Page not found"</h1>
            <p class="lead">
                <span class="missing-address">"There is no page at this address."</span>
                " The link may be mistyped, or the page may have moved."
            </p>
        </header>
        <h2 class="section-title">"Try one of these"</h2>
        <ul class="link-list">
            <li><a href=href("/")>"The home page"</a></li>
            <li><a href=href("/articles")>"The guide"</a></li>
            <li><a href=href("/checklist")>"The readiness checklist"</a></li>
            <li><a href=href("/simulator")>"The failure simulator"</a></li>
        </ul>
        <h2 class="section-title">"The articles in the guide"</h2>
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
