//! The compact simulator articles embed: a preset run to its end, a replay
//! button, one or two charts, a line of figures, and a link to the full
//! simulator.
//!
//! Articles render `<figure class="sim-embed" data-preset="ID"
//! data-charts="errors,latency">` placeholders (with a plain link inside),
//! and the build puts this component's markup for the finished run into
//! each (`prerender::article`), so the figure shows its result without
//! scripts. After putting the article's HTML into the page, call
//! [`mount_embeds`] on its container to replace it with the live embed:
//!
//! ```ignore
//! // in an Effect that runs after the article HTML is in `container`:
//! let embeds = faultline::web::simulator::embed::mount_embeds(&container);
//! // keep `embeds` while the HTML is shown, e.g. in the same reactive scope:
//! StoredValue::new_local(embeds);
//! ```
//!
//! Dropping the returned [`MountedEmbeds`] stops the runs and removes the
//! embeds (the placeholders' plain links come back). Calling it again on the
//! same HTML replaces the embeds (never doubles them), and dropping the
//! older handle then leaves the newer embeds alone.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::charts::{ChartRun, LineChart};
use super::dom_id::unique_id;
use super::presets;
use super::runner::{FinishedRun, Runner, Speed, Status};
use crate::base::href;
use faultline_engine::figures::headline;
use faultline_engine::scenario::CallMode;
use faultline_engine::series::{chart, Metric, Scope};
use faultline_engine::Scenario;
use faultline_worker::Snapshot;

/// Marks a placeholder that holds a live embed.
const MOUNTED_ATTR: &str = "data-sim-mounted";
/// Wall seconds an embedded run takes, whatever its simulated length.
const EMBED_RUN_SECONDS: f64 = 6.0;

/// The charts an embed shows when its figure names none: queue and errors
/// for a system with a queue, errors and utilisation otherwise.
fn default_charts(scenario: &Scenario) -> Vec<Metric> {
    let is_async = scenario
        .services
        .iter()
        .flat_map(|s| &s.calls)
        .any(|c| c.mode == CallMode::Async);
    if is_async {
        vec![Metric::Queue, Metric::Errors]
    } else {
        vec![Metric::Errors, Metric::Utilization]
    }
}

/// The embed component: it opens with `scenario` already run to its end
/// (the build prerenders exactly this; the engine is deterministic, so the
/// live figure draws the same), and Replay plays it again at a pace a
/// reader can follow.
#[component]
pub fn SimEmbed(
    /// Preset id (`slow-dependency`).
    #[prop(into)]
    preset: String,
    /// Charts to show (at most two); empty picks a pair that suits the preset.
    #[prop(optional)]
    charts: Vec<Metric>,
    /// The preset's scenario, validated.
    scenario: Scenario,
    /// The scenario run to its end (`faultline_worker::run_to_end`).
    result: Vec<Snapshot>,
) -> impl IntoView {
    let runner = Runner::new(Speed::Times(25.0));
    let lane = runner.lanes[0];
    let error = RwSignal::new(None::<String>);
    let shown = if charts.is_empty() {
        default_charts(&scenario)
    } else {
        charts
    };
    runner.speed.set(Speed::Times(
        (scenario.duration_s / EMBED_RUN_SECONDS).max(1.0),
    ));
    match runner.load(scenario, None) {
        Ok(()) => runner.show(result),
        Err(e) => error.set(Some(e.to_string())),
    }
    let status = runner.status;
    let ready = move || lane.scenario.with(Option::is_some);
    let toggle = move |_| match status.get_untracked() {
        Status::Running => runner.pause(),
        _ => runner.play(),
    };
    let charts = move || {
        shown
            .clone()
            .into_iter()
            .map(|metric| {
                let runs = Memo::new(move |_| {
                    lane.shape.with(|shape| {
                        vec![ChartRun {
                            label: String::new(),
                            data: lane
                                .buckets
                                .with(|b| chart(metric, Scope::EndToEnd, shape, b)),
                        }]
                    })
                });
                view! { <LineChart runs=runs duration_s=lane.duration_s compact=true/> }
            })
            .collect_view()
    };
    let figures = move || {
        lane.summary.with(|s| {
            s.as_ref().map(|s| {
                let figures = lane.buckets.with(|b| headline(s, b));
                let pick = |key: &str| {
                    figures
                        .iter()
                        .find(|f| f.key == key)
                        .map(|f| format!("{} {}", f.label.to_lowercase(), f.text()))
                        .unwrap_or_default()
                };
                format!(
                    "{} · {} · {} · {}",
                    pick("failed"),
                    pick("peak_errors"),
                    pick("p99"),
                    pick("goodput")
                )
            })
        })
    };
    let link = href(&format!("simulator?preset={preset}"));
    view! {
        <div class="sim-embed-box">
            <div class="embed-controls">
                // Prerendered, the button waits (disabled) for the live embed.
                <button type="button" class="button-primary" disabled=move || cfg!(feature = "ssr") || !ready() on:click=toggle>
                    <span aria-hidden="true" class="icon">{move || if status.get() == Status::Running { "❚❚" } else { "▶" }}</span>
                    {move || match status.get() {
                        Status::Running => "Pause",
                        Status::Finished => "Replay",
                        Status::Paused => "Resume",
                        Status::Ready => "Run this scenario",
                    }}
                </button>
                <span class="embed-clock">
                    {move || format!("{:.0} s of {:.0} s simulated", lane.now_s.get(), lane.duration_s.get())}
                </span>
                <a class="embed-open" href=link>"Open in the simulator"</a>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{format!("This simulation could not be loaded: {e}")}</p> })}
            <div class="embed-charts">{charts}</div>
            <p class="embed-figures" role="status">{figures}</p>
        </div>
    }
}

/// Live embeds mounted by [`mount_embeds`]; dropping it removes them (and
/// stops those whose preset is still loading from ever appearing).
#[must_use = "dropping MountedEmbeds removes the embeds at once"]
pub struct MountedEmbeds {
    state: Rc<RefCell<Embeds>>,
}

/// What [`MountedEmbeds`] owns: the embeds mounted so far, and whether it
/// has been dropped (a preset that arrives later is then not mounted).
#[derive(Default)]
struct Embeds {
    mounted: Vec<Mounted>,
    dropped: bool,
}

/// One live embed: its figure, the element it was mounted into, the token
/// it marked the figure with, and the Leptos handle that owns its view.
struct Mounted {
    figure: web_sys::Element,
    container: web_sys::Element,
    token: String,
    handle: Box<dyn Any>,
}

impl MountedEmbeds {
    /// How many embeds are live so far.
    pub fn len(&self) -> usize {
        self.state.borrow().mounted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for MountedEmbeds {
    fn drop(&mut self) {
        let mounted = {
            let mut state = self.state.borrow_mut();
            state.dropped = true;
            std::mem::take(&mut state.mounted)
        };
        let mut handles = Vec::new();
        for m in mounted {
            // A later mount_embeds call may have taken the figure over: then
            // its embed is not ours to remove.
            if m.figure.get_attribute(MOUNTED_ATTR).as_deref() == Some(m.token.as_str()) {
                m.container.remove();
                let _ = m.figure.remove_attribute(MOUNTED_ATTR);
            } else {
                m.container.remove();
            }
            handles.push(m.handle);
        }
        // Disposing of the views touches Leptos's reactive arena, which may
        // be locked right now (this value is often dropped while a stored
        // value is replaced): do it a moment later instead.
        if !handles.is_empty() {
            wasm_bindgen_futures::spawn_local(async move { drop(handles) });
        }
    }
}

/// Runs `f` with no current reactive owner, so what it mounts is owned by
/// its [`MountedEmbeds`] alone: a caller's effect re-running (and cleaning
/// up what it owns) must not dispose of embeds that are still shown.
fn detached<T>(f: impl FnOnce() -> T) -> T {
    let previous = Owner::current();
    if let Some(owner) = previous.clone() {
        owner.unset();
    }
    let out = f();
    if let Some(owner) = previous {
        owner.set();
    }
    out
}

/// Finds every `<figure class="sim-embed" data-preset="ID">` inside `root`
/// and, once its preset has loaded, mounts a [`SimEmbed`] into it (charts
/// from `data-charts`, comma-separated: throughput, errors, latency,
/// utilization, queue, retries). What the figure held before (the embed
/// the build prerendered, or an earlier live one) stays until then and is
/// replaced in the same task, so the figure is never empty and, the run
/// being the same, does not change size. Calling this again on the same
/// HTML never leaves a figure empty or doubled. A preset that cannot load
/// leaves the figure as it is, with a line saying so.
pub fn mount_embeds(root: &web_sys::Element) -> MountedEmbeds {
    let state = Rc::new(RefCell::new(Embeds::default()));
    let found = root.get_elements_by_class_name("sim-embed");
    // Collect first: mounting changes the document the live collection reflects.
    let figures: Vec<web_sys::Element> =
        (0..found.length()).filter_map(|i| found.item(i)).collect();
    for figure in figures {
        if !figure.tag_name().eq_ignore_ascii_case("figure") {
            continue;
        }
        let Some(preset) = figure.get_attribute("data-preset") else {
            continue;
        };
        let charts =
            Metric::parse_list(&figure.get_attribute("data-charts").unwrap_or_default(), 2);
        let state = Rc::clone(&state);
        // Each figure in its own task: one figure's run is one short task.
        wasm_bindgen_futures::spawn_local(async move {
            let run = presets::finished(&preset).await;
            if state.borrow().dropped {
                return;
            }
            match run {
                Ok(FinishedRun { scenario, result }) => {
                    if let Some(m) = mount_one(&figure, preset, charts, scenario, result) {
                        state.borrow_mut().mounted.push(m);
                    }
                }
                Err(error) => say_not_loaded(&figure, &error),
            }
        });
    }
    MountedEmbeds { state }
}

/// Replaces what `figure` holds with a live embed of `scenario`.
fn mount_one(
    figure: &web_sys::Element,
    preset: String,
    charts: Vec<Metric>,
    scenario: Scenario,
    result: Vec<Snapshot>,
) -> Option<Mounted> {
    let document = figure.owner_document()?;
    let container = document.create_element("div").ok()?;
    container.set_class_name("sim-embed-mount");
    let parent = container.clone().dyn_into::<web_sys::HtmlElement>().ok()?;
    // Mounted while detached from the page, then swapped in at once.
    let handle = detached(move || {
        leptos::mount::mount_to(
            parent,
            move || view! { <SimEmbed preset=preset charts=charts scenario=scenario result=result/> },
        )
    });
    let old = figure.get_elements_by_class_name("sim-embed-mount");
    let old: Vec<web_sys::Element> = (0..old.length()).filter_map(|i| old.item(i)).collect();
    let inserted = match old.first() {
        Some(first) => figure.insert_before(&container, Some(first)).is_ok(),
        None => match figure.get_elements_by_tag_name("figcaption").item(0) {
            Some(caption) => figure.insert_before(&container, Some(&caption)).is_ok(),
            None => figure.append_child(&container).is_ok(),
        },
    };
    if !inserted {
        return None;
    }
    for element in old {
        element.remove();
    }
    let token = unique_id("embed");
    let _ = figure.set_attribute(MOUNTED_ATTR, &token);
    Some(Mounted {
        figure: figure.clone(),
        container,
        token,
        handle: Box::new(handle),
    })
}

/// Adds a line to `figure` saying that its simulation could not load (what
/// it shows stays: the prerendered run, or the link to the simulator).
fn say_not_loaded(figure: &web_sys::Element, error: &str) {
    let Some(line) = figure
        .owner_document()
        .and_then(|d| d.create_element("p").ok())
    else {
        return;
    };
    line.set_class_name("field-error sim-embed-error");
    let _ = line.set_attribute("role", "alert");
    line.set_text_content(Some(&format!(
        "This simulation could not be loaded: {error}"
    )));
    let _ = figure.prepend_with_node_1(&line);
}
