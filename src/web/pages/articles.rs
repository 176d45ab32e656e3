//! `/articles`: the guide's index.

use crate::web::components::{Notice, PageIntro, RoutePageMeta};
use leptos::prelude::*;

/// The guide's index page.
#[component]
pub fn Articles() -> impl IntoView {
    view! {
        <RoutePageMeta route="/articles"/>
        <PageIntro
            title="The guide"
            lead="Short articles on whether microservices fit your organisation, what they cost to operate, and how calls between services fail under load."
        />
        <Notice>"The articles are being written; they will be listed here as they are published."</Notice>
    }
}
