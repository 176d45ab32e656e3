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
        <PageBundle bundle=Bundle::Simulator view="page" what="the simulator"/>
    }
}
