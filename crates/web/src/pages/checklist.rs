//! `/checklist`: the intro above the checklist island.

use crate::components::PageIntro;
use leptos::prelude::*;

/// The checklist's title and lead.
#[component]
pub fn ChecklistIntro() -> impl IntoView {
    view! {
        <PageIntro
            title="Readiness checklist"
            lead="Answer questions about how your team builds, ships and runs software. You get a score per area, a verdict (stay a monolith, pilot a few services, or scale out) and a plan in order of priority. Your answers stay in this browser."
        />
    }
}
