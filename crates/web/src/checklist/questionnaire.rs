//! The Questions view: the progress panel beside the team-context form and
//! one collapsible section per area.

use leptos::prelude::*;

use super::area_section::AreaSection;
use super::browser::reveal;
use super::context_form::ContextForm;
use super::item::item_element_id;
use super::progress_panel::ProgressPanel;
use super::session::{use_session, Session, Tab};
use faultline_checklist::progress::next_unanswered;

/// The questions.
#[component]
pub fn Questionnaire() -> impl IntoView {
    let session = use_session();
    let areas = session.with_checklist(|checklist| checklist.areas().to_vec());
    let sections = move || {
        // Rebuilt when another assessment is shown, so that text fields
        // (which keep their own text while typing) show its notes.
        session.generation.track();
        let next_titles: Vec<Option<(String, String)>> = areas
            .iter()
            .skip(1)
            .map(|area| Some((area.id.clone(), area.title.clone())))
            .chain(std::iter::once(None))
            .collect();
        view! {
            <ContextForm/>
            {areas
                .iter()
                .cloned()
                .zip(next_titles)
                .map(|(area, next)| view! { <AreaSection area next/> })
                .collect_view()}
        }
    };
    view! {
        <div class="questionnaire">
            <ProgressPanel/>
            <div class="questionnaire-body">
                <h2 class="visually-hidden">"Questions"</h2>
                {move || {
                    session
                        .is_read_only()
                        .then(|| {
                            view! {
                                <p class="readonly-note">
                                    "These are the shared answers. They cannot be changed here; save a copy to work on them."
                                </p>
                            }
                        })
                }}
                {sections}
            </div>
        </div>
    }
}

/// Opens the next unanswered item's area and moves focus to its first
/// answer. Returns false when every item is answered.
pub fn go_to_next_unanswered(session: Session) -> bool {
    let last = session.last_item.get_untracked();
    let next = session.viewed.with_untracked(|assessment| {
        session.with_checklist(|checklist| {
            next_unanswered(checklist, &assessment.answers, last.as_deref())
                .map(|item| (item.id.clone(), item.area.clone()))
        })
    });
    let Some((item_id, area_id)) = next else {
        return false;
    };
    session.tab.set(Tab::Questions);
    session.open_area(&area_id);
    session.last_item.set(Some(item_id.clone()));
    request_animation_frame(move || {
        reveal(&item_element_id(&item_id), Some("input[type=radio]"));
    });
    true
}
