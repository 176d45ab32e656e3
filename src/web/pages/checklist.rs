//! `/checklist`: the readiness checklist.

use crate::web::components::{Notice, PageIntro, RoutePageMeta};
use leptos::prelude::*;

/// The readiness checklist page.
#[component]
pub fn Checklist() -> impl IntoView {
    view! {
        <RoutePageMeta route="/checklist"/>
        <PageIntro
            title="Readiness checklist"
            lead="Answer questions about how your team builds, ships and runs software. You get a score per area, a verdict (stay a monolith, pilot a few services, or scale out) and a plan in order of priority. Your answers stay in this browser."
        />
        <Notice>"The checklist is being built and will appear here."</Notice>
    }
}
