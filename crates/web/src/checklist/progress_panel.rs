//! Progress through the questions, with a way to each area and to the next
//! unanswered item. Sticky beside the questions on wide screens.

use leptos::prelude::*;

use super::area_section::go_to_area;
use super::questionnaire::go_to_next_unanswered;
use super::session::{use_session, Session, Tab};

/// The progress panel.
#[component]
pub fn ProgressPanel() -> impl IntoView {
    let session = use_session();
    let completeness = Memo::new(move |_| session.report.with(|report| report.completeness));
    let areas = session.with_checklist(|checklist| checklist.areas().to_vec());
    let all_done = move || completeness.with(|c| c.is_complete());
    let area_ids: Vec<String> = areas.iter().map(|area| area.id.clone()).collect();

    view! {
        <aside class="progress-panel" aria-labelledby="progress-heading">
            <h2 id="progress-heading" class="progress-heading">"Progress"</h2>
            <p class="progress-count" id="progress-count">
                {move || completeness.with(|c| c.label())}
            </p>
            <progress
                class="progress-bar"
                aria-labelledby="progress-count"
                max=move || completeness.with(|c| c.total.to_string())
                value=move || completeness.with(|c| c.answered.to_string())
            ></progress>
            <div class="progress-actions">
                <Show
                    when=all_done
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=move |_| {
                                    go_to_next_unanswered(session);
                                }
                            >
                                "Next unanswered question"
                            </button>
                        }
                    }
                >
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| session.tab.set(Tab::Results)
                    >
                        "Every question answered: see the results"
                    </button>
                </Show>
            </div>
            <ul class="area-nav">
                {areas
                    .into_iter()
                    .map(|area| view! { <AreaNavEntry session area_id=area.id title=area.title/> })
                    .collect_view()}
            </ul>
            <div class="progress-fold">
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| {
                        session.open_areas.set(area_ids.iter().cloned().collect());
                        session.context_open.set(true);
                    }
                >
                    "Expand all"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| {
                        session.open_areas.set(Default::default());
                        session.context_open.set(false);
                    }
                >
                    "Collapse all"
                </button>
            </div>
        </aside>
    }
}

/// One area in the panel: its title and how many of its items are answered.
#[component]
fn AreaNavEntry(session: Session, area_id: String, title: String) -> impl IntoView {
    let counts = session.area_progress(area_id.clone());
    let done = move || counts.with(|(answered, total)| answered == total);
    let jump = move |_| go_to_area(session, &area_id);
    view! {
        <li>
            <button type="button" class="area-nav-button" class:is-done=done on:click=jump>
                <span class="area-nav-title">{title}</span>
                <span class="area-nav-count">
                    <span class="area-nav-mark" aria-hidden="true">
                        {move || if done() { "✓ " } else { "" }}
                    </span>
                    {move || counts.with(|(answered, total)| format!("{answered}/{total}"))}
                    <span class="visually-hidden">" answered"</span>
                </span>
            </button>
        </li>
    }
}
