//! "Share and keep": the link to this exact run, the scenario as a JSON
//! file (out and in), and the run's results as CSV or JSON.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::compare::stop;
use super::export::read_chosen_file;
use super::on_first_use::{unavailable, NotLoaded, SplitParts};
use super::workbench::{Workbench, A};
use crate::files::download;
use faultline_engine::export::{buckets_csv, file_stem, results_json};
use faultline_engine::Scenario;

/// Writes a run's results as a file (the share panel's exports).
pub type ResultsWriter = fn(&ResultsRequest) -> Result<String, String>;

/// A run's results to write: CSV, one row per bucket, or JSON, everything.
pub struct ResultsRequest {
    pub scenario: Scenario,
    pub shape: faultline_engine::series::RunShape,
    pub summary: Option<faultline_engine::Summary>,
    pub buckets: Vec<faultline_engine::Bucket>,
    pub traces: Vec<faultline_engine::Trace>,
    pub csv: bool,
}

/// The text of a results file. Its code (the CSV and JSON writers and
/// the serialisers they use) is split off the simulator bundle and fetched
/// at the first export (`SplitParts::results_writer`).
pub fn results_text(request: &ResultsRequest) -> Result<String, String> {
    if request.csv {
        return Ok(buckets_csv(&request.shape, &request.buckets));
    }
    match &request.summary {
        Some(summary) => Ok(results_json(
            &request.scenario,
            summary,
            &request.buckets,
            &request.traces,
        )),
        None => Err("run the scenario first: there are no results yet".to_string()),
    }
}

/// Opens an imported scenario, or says what is wrong with it.
fn import(wb: Workbench, text: &str, status: RwSignal<Option<Result<String, Vec<String>>>>) {
    match Scenario::from_json_str(text) {
        Ok(scenario) => {
            let name = scenario.name.clone();
            stop(wb);
            wb.open(scenario, None);
            status.set(Some(Ok(format!("Opened \"{name}\"."))));
        }
        Err(e) => status.set(Some(Err(e
            .errors
            .iter()
            .map(ToString::to_string)
            .collect()))),
    }
}

#[component]
pub fn SharePanel(wb: Workbench, #[prop(into)] url: Signal<String>) -> impl IntoView {
    let runner = wb.runner;
    let copied = RwSignal::new(None::<String>);
    let import_status = RwSignal::new(None::<Result<String, Vec<String>>>);
    let export_error = RwSignal::new(None::<String>);
    let pasted = RwSignal::new(String::new());

    let copy = move |_| {
        let link = url.get_untracked();
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            copied.set(Some("Copy the link from the box above.".to_string()));
            return;
        };
        let promise = clipboard.write_text(&link);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            copied.set(Some(match JsFuture::from(promise).await {
                Ok(_) => "Link copied.".to_string(),
                Err(_) => {
                    "The browser refused to copy: select the link above and copy it.".to_string()
                }
            }));
        });
    };
    let save_scenario = move |_| {
        if let Some(s) = wb.drafts[A].get_untracked() {
            let result = download(
                &format!("{}.json", file_stem(&s.name)),
                "application/json",
                &s.to_json_pretty(),
            );
            export_error.set(result.err());
        }
    };
    let writer = use_context::<SplitParts>().map_or(unavailable as _, |parts| parts.results_writer);
    let save_results = move |lane_index: usize, csv: bool| {
        let lane = runner.lanes[lane_index];
        let Some(scenario) = lane.scenario.get_untracked() else {
            return;
        };
        let name = format!(
            "{}-results.{}",
            file_stem(&scenario.name),
            if csv { "csv" } else { "json" }
        );
        let request = ResultsRequest {
            scenario,
            shape: lane.shape.get_untracked(),
            summary: lane.summary.get_untracked(),
            buckets: lane.buckets.get_untracked(),
            traces: if csv {
                Vec::new()
            } else {
                lane.traces.get_untracked()
            },
            csv,
        };
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let result = match writer().await {
                Ok(write) => write(&request).and_then(|text| {
                    let mime = if csv { "text/csv" } else { "application/json" };
                    download(&name, mime, &text)
                }),
                Err(NotLoaded) => Err(
                    "the export code could not be loaded: check the connection and try again"
                        .to_string(),
                ),
            };
            export_error.set(result.err());
        });
    };
    let on_file = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            match read_chosen_file(&input).await {
                Ok(text) => import(wb, &text, import_status),
                Err(e) => import_status.set(Some(Err(vec![e]))),
            }
            input.set_value("");
        });
    };
    let has_results = move |i: usize| runner.lanes[i].summary.with(Option::is_some);
    let results_buttons = move |i: usize, label: &'static str| {
        view! {
            <button type="button" disabled=move || !has_results(i) on:click=move |_| save_results(i, true)>
                {format!("{label}results (CSV)")}
            </button>
            <button type="button" disabled=move || !has_results(i) on:click=move |_| save_results(i, false)>
                {format!("{label}results (JSON)")}
            </button>
        }
    };

    view! {
        <section class="sim-section sim-share" aria-labelledby="sim-share-title">
            <div class="sim-section-head">
                <h2 id="sim-share-title">"Share and keep"</h2>
            </div>
            <div class="share-grid">
                <div class="share-block">
                    <h3>"Link to this run"</h3>
                    <p class="muted">"The link holds the whole scenario and its seed: whoever opens it gets the same run, figure for figure."</p>
                    <label class="visually-hidden" for="share-url">"Link to this run"</label>
                    <input id="share-url" class="share-url" type="text" readonly prop:value=move || url.get()/>
                    <button type="button" id="share-copy" on:click=copy>"Copy link"</button>
                    <p class="status-line" role="status">{move || copied.get()}</p>
                </div>
                <div class="share-block">
                    <h3>"Scenario file"</h3>
                    <div class="button-row">
                        <button type="button" id="export-scenario" on:click=save_scenario>"Download scenario (JSON)"</button>
                        <label class="button file-button" for="import-file">"Open a scenario file…"</label>
                        <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_file/>
                    </div>
                    <details class="paste-json">
                        <summary>"Paste scenario JSON"</summary>
                        <label for="import-text">"Scenario JSON"</label>
                        <textarea id="import-text" rows="6" spellcheck="false"
                            prop:value=move || pasted.get()
                            on:input=move |e| pasted.set(event_target_value(&e))></textarea>
                        <button type="button" id="import-open" on:click=move |_| import(wb, &pasted.get_untracked(), import_status)>"Open this scenario"</button>
                    </details>
                    <div role="status" class="status-line">
                        {move || import_status.get().map(|s| match s {
                            Ok(message) => view! { <p>{message}</p> }.into_any(),
                            Err(errors) => view! {
                                <div class="import-errors">
                                    <p><strong>"That scenario could not be opened:"</strong></p>
                                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                </div>
                            }.into_any(),
                        })}
                    </div>
                </div>
                <div class="share-block">
                    <h3>"Results"</h3>
                    <p class="muted">"One row per simulated second (CSV), or everything: scenario, summary, series and traces (JSON)."</p>
                    <div class="button-row">
                        {move || if runner.lane_count.get() > 1 {
                            view! { {results_buttons(0, "A ")} {results_buttons(1, "B ")} }.into_any()
                        } else {
                            results_buttons(0, "").into_any()
                        }}
                    </div>
                    {move || export_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </div>
            </div>
        </section>
    }
}
