//! `/simulator`: the failure simulator (the simulator bundle, built from
//! `web::simulator`).

use crate::bundle_loader::Bundle;
use crate::components::RoutePageMeta;
use crate::page_bundle::PageBundle;
use leptos::prelude::*;

/// The simulator page.
#[component]
pub fn Simulator() -> impl IntoView {
    view! {
        <RoutePageMeta route="/simulator"/>
        <SimulatorIntro/>
        <PageBundle bundle=Bundle::Simulator view="page" what="the simulator"/>
    }
}

/// The simulator's title and lead, rendered by the shell (and prerendered),
/// so the page has its heading while the simulator bundle loads, and keeps
/// it if the bundle cannot load.
#[component]
pub fn SimulatorIntro() -> impl IntoView {
    view! {
        <header class="page-intro sim-intro">
            <h1>"Failure simulator"</h1>
            <p class="lead">
                "A system of services runs in your browser. Pick a scenario, press Play, and watch how a slow dependency, retries or a queue change what users get. Then change the design and compare."
            </p>
        </header>
    }
}
