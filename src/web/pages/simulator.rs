//! `/simulator`: the failure simulator.

use crate::web::components::{Notice, PageIntro, RoutePageMeta};
use leptos::prelude::*;

/// The simulator page.
#[component]
pub fn Simulator() -> impl IntoView {
    view! {
        <RoutePageMeta route="/simulator"/>
        <PageIntro
            title="Failure simulator"
            lead="A simulation of services calling each other, running in your browser: slow a dependency, add retries, timeouts or a queue, and watch latency, errors and throughput respond."
        />
        <Notice>"The simulator is being built and will appear here."</Notice>
    }
}
