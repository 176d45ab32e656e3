//! The heading block at the top of a page.

use leptos::prelude::*;

/// A page's `<h1>` and its lead paragraph.
#[component]
pub fn PageIntro(
    /// The page heading.
    #[prop(into)]
    title: String,
    /// One or two sentences saying what the page is for.
    #[prop(into)]
    lead: String,
) -> impl IntoView {
    view! {
        <header class="page-intro">
            <h1>{title}</h1>
            <p class="lead">{lead}</p>
        </header>
    }
}
