//! The whole simulator page: it opens what the address asks for (a preset,
//! or a shared scenario), keeps the address in step with what it shows,
//! and lays out the instrument.

use leptos::prelude::*;

use super::charts::ChartGrid;
use super::compare::{self, ComparePanel};
use super::controls::Controls;
use super::editor::EditorPanel;
use super::figures_view::{Figures, ServiceTable};
use super::preset_picker::PresetPicker;
use super::presets::{self, DEFAULT_PRESET};
use super::problems::ProblemList;
use super::runner::FinishedRun;
use super::share;
use super::share_panel::SharePanel;
use super::sweep::SweepPanel;
use super::topology::Topology;
use super::trace_view::TraceView;
use super::workbench::{Workbench, A, B};
use crate::data::fetch_json;
use faultline_engine::sim_link::LinkRequest;
use faultline_engine::sweep::SweepLink;
use faultline_engine::{share_code, Scenario};
use faultline_site_data::{ArticleSummary, ScenarioSummary, ARTICLE_INDEX_PATH};
use faultline_worker::Snapshot;

/// Opens the default preset; says so if even that fails.
async fn open_default(wb: Workbench, notices: &mut Vec<String>) {
    match presets::scenario(DEFAULT_PRESET).await {
        Ok(s) => wb.open(s, Some(DEFAULT_PRESET.to_string())),
        Err(e) => notices.push(format!("The simulator could not load its presets: {e}.")),
    }
}

/// Opens what the address asks for. Anything unreadable is reported in
/// words and replaced by the default preset: a bad link never leaves the
/// page empty, and never panics.
async fn open_request(wb: Workbench, request: LinkRequest) {
    let mut notices = Vec::new();
    if let Some(code) = &request.sweep {
        match SweepLink::decode(code) {
            Ok(link) => wb.sweep_request.set(Some(link)),
            Err(e) => notices.push(format!("This link's sweep could not be opened: {e}.")),
        }
    }
    if let Some(code) = request.scenario {
        match share_code::decode(&code) {
            Ok(scenario) => {
                wb.open(scenario, None);
                if let Some(code) = request.compare {
                    match share_code::decode(&code) {
                        Ok(b) => compare::start(wb, b, false),
                        Err(e) => {
                            notices.push(format!("The link's variant B could not be opened: {e}."))
                        }
                    }
                }
            }
            Err(e) => {
                notices.push(format!(
                    "This link's scenario could not be opened: {e}. The default preset is shown instead."
                ));
                open_default(wb, &mut notices).await;
            }
        }
    } else if let Some(id) = request.preset {
        match presets::scenario(&id).await {
            Ok(s) => wb.open(s, Some(id)),
            Err(e) => {
                notices.push(format!(
                    "The preset could not be opened: {e}. The default preset is shown instead."
                ));
                open_default(wb, &mut notices).await;
            }
        }
    } else {
        open_default(wb, &mut notices).await;
    }
    if !notices.is_empty() {
        wb.link_notice.set(Some(notices.join(" ")));
    }
}

/// Keeps the address (and the share box) equal to what the page shows,
/// whenever the drafts are valid.
fn sync_address(wb: Workbench, url: RwSignal<String>) {
    Effect::new(move |_| {
        if !wb.is_valid() {
            return;
        }
        let Some(a) = wb.drafts[A].get() else {
            return;
        };
        let b = if wb.compare.get() {
            wb.drafts[B].get()
        } else {
            None
        };
        let preset = if wb.is_modified() {
            None
        } else {
            wb.origin
                .with(|o| o.as_ref().and_then(|o| o.preset.clone()))
        };
        let sweep = wb.sweep_code.get();
        if let Some(href) =
            share::write_location(preset.as_deref(), &a, b.as_ref(), sweep.as_deref())
        {
            url.set(href);
        }
    });
}

/// What the page opens with when its address asks for nothing: the default
/// preset, run to its end. The build prerenders exactly this, and the
/// island, loaded later, computes the same run before it takes over, so the
/// page does not change under the reader.
#[derive(Debug, Clone)]
pub struct DefaultRun {
    pub presets: Vec<ScenarioSummary>,
    pub scenario: Scenario,
    /// The scenario run to its end (one snapshot: `faultline_worker::run_to_end`).
    pub result: Vec<Snapshot>,
    /// The guide's articles (the preset names the one that explains it).
    pub articles: Vec<ArticleSummary>,
}

impl DefaultRun {
    /// Fetches the preset index, the default preset and its run (all kept
    /// for the visit) and the article index.
    pub async fn load() -> Result<DefaultRun, String> {
        let presets = presets::index().await?;
        let FinishedRun { scenario, result } = presets::finished(DEFAULT_PRESET).await?;
        let articles = fetch_json(ARTICLE_INDEX_PATH).await?;
        Ok(DefaultRun {
            presets,
            scenario,
            result,
            articles,
        })
    }
}

/// The simulator page. With `opened`, it shows that run at once; without,
/// it opens what the address asks for.
#[component]
pub fn SimulatorPage(opened: Option<DefaultRun>) -> impl IntoView {
    let wb = Workbench::new();
    let presets_index = RwSignal::new(Vec::<ScenarioSummary>::new());
    let articles = RwSignal::new(Vec::<ArticleSummary>::new());
    let loading = RwSignal::new(opened.is_none());
    let url = RwSignal::new(String::new());
    match opened {
        Some(DefaultRun {
            presets,
            scenario,
            result,
            articles: known,
        }) => {
            presets_index.set(presets);
            articles.set(known);
            wb.open(scenario.clone(), Some(DEFAULT_PRESET.to_string()));
            // Validated when loaded, so this cannot fail.
            if wb.runner.load(scenario, None).is_ok() {
                wb.runner.show(result);
            }
        }
        None => leptos::task::spawn_local_scoped_with_cancellation(async move {
            let request = share::read_location();
            if let Ok(list) = presets::index().await {
                presets_index.set(list);
            }
            // Only the title of a preset's article depends on it.
            match fetch_json(ARTICLE_INDEX_PATH).await {
                Ok(list) => articles.set(list),
                Err(error) => leptos::logging::warn!("article titles unavailable: {error}"),
            }
            open_request(wb, request).await;
            loading.set(false);
        }),
    }
    sync_address(wb, url);
    let lane = wb.runner.lanes[0];
    let status = wb.runner.status;

    view! {
        <div class="simulator" class:sim-loading=move || loading.get()>
            {move || wb.link_notice.get().map(|n| view! { <div class="notice notice-error" role="alert" id="link-notice"><p>{n}</p></div> })}
            {move || loading.get().then(|| view! { <p class="notice" role="status">"Loading the scenario…"</p> })}
            <PresetPicker wb=wb presets_index=presets_index articles=articles/>
            <div class="sim-sticky">
                <Controls wb=wb/>
            </div>
            <ProblemList wb=wb/>
            <Topology wb=wb/>
            <div class="sim-workbench">
                <EditorPanel wb=wb/>
                <div class="sim-side">
                    <section class="sim-section sim-figures" aria-labelledby="sim-figures-title">
                        <div class="sim-section-head">
                            <h2 id="sim-figures-title">"Results"</h2>
                        </div>
                        <Figures lane=lane status=status/>
                        <ServiceTable lane=lane/>
                    </section>
                    <TraceView runner=wb.runner/>
                </div>
            </div>
            <ChartGrid runner=wb.runner/>
            <ComparePanel wb=wb presets_index=presets_index/>
            <SweepPanel wb=wb/>
            <SharePanel wb=wb url=url/>
        </div>
    }
}
