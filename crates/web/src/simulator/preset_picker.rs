//! Choosing a preset, and what to watch in it: the preset's explanation
//! and a link to the article that explains the behaviour.

use leptos::prelude::*;

use super::compare::stop;
use super::presets;
use super::workbench::Workbench;
use crate::base::href;
use faultline_site_data::{ArticleSummary, ScenarioSummary};

/// Opens preset `id` as scenario A (leaving compare mode).
pub fn open_preset(wb: Workbench, id: String, error: RwSignal<Option<String>>) {
    wb.runner.pause();
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        match presets::scenario(&id).await {
            Ok(scenario) => {
                error.set(None);
                stop(wb);
                wb.link_notice.set(None);
                wb.open(scenario, Some(id));
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

#[component]
pub fn PresetPicker(
    wb: Workbench,
    #[prop(into)] presets_index: Signal<Vec<ScenarioSummary>>,
    /// The guide's articles, for the title of the one a preset names.
    #[prop(into)]
    articles: Signal<Vec<ArticleSummary>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| {
        wb.origin
            .with(|o| o.as_ref().and_then(|o| o.preset.clone()))
    });
    let modified = Memo::new(move |_| wb.is_modified());
    // What the reader should watch: the scenario's own description (a
    // preset's, or an imported or shared one).
    let description = Memo::new(move |_| {
        wb.drafts[0].with(|d| {
            d.as_ref()
                .map(|s| (s.name.clone(), s.description.clone(), s.article.clone()))
        })
    });
    let article_link = move || {
        let slug = description.get().and_then(|d| d.2)?;
        let title = articles
            .with(|list| {
                list.iter()
                    .find(|a| a.slug == slug)
                    .map(|a| a.title.clone())
            })
            .unwrap_or_else(|| "the article that explains it".to_string());
        Some(view! {
            <p class="preset-article">
                "Why it happens: "
                <a href=href(&format!("articles/{slug}"))>{title}</a>
            </p>
        })
    };
    view! {
        <section class="preset-bar" aria-labelledby="preset-title">
            <div class="preset-choose">
                <label for="preset-select" class="preset-label">"Scenario"</label>
                <select
                    id="preset-select"
                    on:change=move |e| open_preset(wb, event_target_value(&e), error)
                >
                    {move || current.get().is_none().then(|| view! { <option value="" selected>"Your own scenario"</option> })}
                    {move || presets_index.get().into_iter().map(|p| {
                        let selected = current.get().as_deref() == Some(p.id.as_str());
                        view! { <option value=p.id.clone() selected=selected>{p.name}</option> }
                    }).collect_view()}
                </select>
                {move || (modified.get() && current.get().is_some()).then(|| view! {
                    <span class="badge">"edited"</span>
                })}
            </div>
            <div class="preset-text">
                <h2 id="preset-title" class="preset-name">{move || heading_text(description.get().map(|d| d.0))}</h2>
                {move || description.get().and_then(|d| (!d.1.is_empty()).then(|| view! { <p class="preset-description">{d.1}</p> }))}
                {article_link}
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}

/// The scenario's heading: never empty (an empty heading tells a screen
/// reader nothing), also while the scenario loads or when it has no name.
fn heading_text(name: Option<String>) -> String {
    match name {
        None => "Loading the scenario…".to_string(),
        Some(name) if name.trim().is_empty() => "Untitled scenario".to_string(),
        Some(name) => name,
    }
}
