//! `/checklist`: the readiness checklist (the tool itself is the checklist
//! bundle, loaded below the intro).

use crate::bundle_loader::Bundle;
use crate::components::{PageIntro, RoutePageMeta};
use crate::page_bundle::PageBundle;
use leptos::prelude::*;

/// The readiness checklist page.
#[component]
pub fn Checklist() -> impl IntoView {
    view! {
        <RoutePageMeta route="/checklist"/>
        <div class="checklist-page">
            <ChecklistIntro/>
            <PageBundle bundle=Bundle::Checklist view="page" what="the checklist"/>
        </div>
    }
}

/// The checklist's title and lead (also prerendered, see `prerender.rs`).
#[component]
pub fn ChecklistIntro() -> impl IntoView {
    view! {
        <PageIntro
            title="Readiness checklist"
            lead="Answer questions about how your team builds, ships and runs software. You get a score per area, a verdict (stay a monolith, pilot a few services, or scale out) and a plan in order of priority. Your answers stay in this browser."
        />
    }
}
