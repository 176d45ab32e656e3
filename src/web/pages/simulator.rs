//! `/simulator`: the failure simulator (built in `web::simulator`).

use crate::web::components::RoutePageMeta;
use crate::web::simulator::SimulatorPage;
use leptos::prelude::*;

/// The simulator page.
#[component]
pub fn Simulator() -> impl IntoView {
    view! {
        <RoutePageMeta route="/simulator"/>
        <SimulatorPage/>
    }
}
