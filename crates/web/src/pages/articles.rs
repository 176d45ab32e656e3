//! `/articles`: the guide's index, with search across every article (both
//! rendered by the reading bundle below the intro).

use crate::bundle_loader::Bundle;
use crate::components::{PageIntro, RoutePageMeta};
use crate::page_bundle::PageBundle;
use leptos::prelude::*;

/// The guide's index page.
#[component]
pub fn Articles() -> impl IntoView {
    view! {
        <RoutePageMeta route="/articles"/>
        <div class="guide-index">
            <GuideIntro/>
            <PageBundle bundle=Bundle::Reading view="index" what="the guide"/>
        </div>
    }
}

/// The guide's title and lead (also prerendered, see `prerender.rs`).
#[component]
pub fn GuideIntro() -> impl IntoView {
    view! {
        <PageIntro
            title="The guide"
            lead="Short articles on whether microservices fit your organisation, what they cost to operate, and how calls between services fail under load. Read them in order, or jump to a topic."
        />
    }
}
