//! Sweeps on the simulator page: pick a parameter of the scenario and a
//! range, run every value on several seeds on a pool of engine workers
//! ([`pool`]), and see the chosen metric's curve with its confidence band
//! ([`chart`]), export it as CSV or JSON, and share it (the address holds
//! it as `#sweep=CODE`). The page's main thread only dispatches jobs and
//! draws the result.

pub mod chart;
pub mod pool;
pub mod tools;

use leptos::prelude::*;

use super::on_first_use::{unavailable, OnFirstUse, SplitParts};
use super::workbench::Workbench;

/// "Sweep a parameter": what a sweep is, and the tools, which load when
/// the reader opens them (or a link asks for a sweep).
#[component]
pub fn SweepPanel(wb: Workbench) -> impl IntoView {
    let open = RwSignal::new(false);
    let load = use_context::<SplitParts>().map_or(unavailable as _, |parts| parts.sweep_tools);
    Effect::new(move |_| {
        if wb.sweep_request.with(Option::is_some) {
            open.set(true);
        }
    });
    view! {
        <section class="sim-section sim-sweep" aria-labelledby="sweep-title">
            <div class="sim-section-head">
                <h2 id="sweep-title">"Sweep a parameter"</h2>
            </div>
            <p class="hint">"Run the scenario at many values of one parameter, several seeds each, to see the shape of the curve: where p99 leaves its target, how many workers buy how much headroom, where retries tip an overload into an outage. Each point is the mean of its seeds with a 95 % confidence interval; the runs are spread over a pool of engine workers."</p>
            <OnFirstUse
                wb=wb
                load=load
                button_id="sweep-open"
                label="Set up a sweep"
                what="sweep tools"
                open=open
                focus="sweep-param"
            />
        </section>
    }
}
