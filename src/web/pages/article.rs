//! `/articles/:slug`: one article.

use crate::web::base::href;
use crate::web::components::{Notice, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The article reader.
#[component]
pub fn Article() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    view! {
        <PageMeta
            title="Article not published yet"
            description="This article of the Faultline guide has not been published yet."
        />
        <header class="page-intro">
            <h1>"Article not published yet"</h1>
            <p class="lead">
                "There is no published article called " <code>{slug}</code> " yet."
            </p>
        </header>
        <Notice>
            "The guide is being written. "
            <a href=href("/articles")>"Back to the guide"</a>
        </Notice>
    }
}
