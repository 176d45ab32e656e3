//! `/articles`: the guide's intro (the index below it is the reading
//! island's, prerendered with every article's card).

use crate::components::PageIntro;
use leptos::prelude::*;

/// The guide's title and lead.
#[component]
pub fn GuideIntro() -> impl IntoView {
    view! {
        <PageIntro
            title="The guide"
            lead="Short articles on whether microservices fit your organisation, what they cost to operate, and how calls between services fail under load. Read them in order, or jump to a topic."
        />
    }
}
