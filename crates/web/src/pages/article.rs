//! `/articles/:slug`: one article of the guide (rendered by the reading bundle).

use crate::bundle_loader::Bundle;
use crate::page_bundle::PageBundle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The article reader: a new bundle view for each slug, so that going from
/// one article to the next starts from the top with fresh state.
#[component]
pub fn Article() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        let view = format!("article:{}", slug.get());
        view! { <PageBundle bundle=Bundle::Reading view what="the article"/> }
    }
}
