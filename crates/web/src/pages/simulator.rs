//! `/simulator`: the intro above the simulator island, so the page has its
//! heading while the island loads, and keeps it if the island cannot load.

use leptos::prelude::*;

/// The simulator's title and lead.
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
