//! One area of the checklist as a collapsible section (the disclosure
//! pattern: a heading holding a button with `aria-expanded`).

use leptos::prelude::*;

use super::browser::reveal;
use super::item::ChecklistItem;
use super::session::{use_session, Session, Tab};
use faultline_checklist::{Area, Item};

pub fn section_id(area_id: &str) -> String {
    format!("area-{area_id}")
}

pub fn area_toggle_id(area_id: &str) -> String {
    format!("area-toggle-{area_id}")
}

fn body_id(area_id: &str) -> String {
    format!("area-body-{area_id}")
}

/// Opens the Questions view and an area's section, scrolls to it and moves
/// focus to its heading button.
pub fn go_to_area(session: Session, area_id: &str) {
    session.tab.set(Tab::Questions);
    session.open_area(area_id);
    let target = section_id(area_id);
    let toggle = area_toggle_id(area_id);
    request_animation_frame(move || {
        reveal(&target, Some(&format!("#{toggle}")));
    });
}

/// An area's section.
#[component]
pub fn AreaSection(
    area: Area,
    /// The following area (id, title), for the "continue" button.
    next: Option<(String, String)>,
) -> impl IntoView {
    let session = use_session();
    let items: Vec<Item> =
        session.with_checklist(|checklist| checklist.items_in_area(&area.id).cloned().collect());
    let area_id = area.id.clone();
    let expanded = {
        let area_id = area_id.clone();
        Memo::new(move |_| session.open_areas.with(|open| open.contains(&area_id)))
    };
    let counts = session.area_progress(area_id.clone());
    let toggle = {
        let area_id = area_id.clone();
        move |_| {
            session.open_areas.update(|open| {
                if !open.remove(&area_id) {
                    open.insert(area_id.clone());
                }
            })
        }
    };
    let progress = move || {
        counts.with(|(answered, total)| {
            let mark = if answered == total { "✓ " } else { "" };
            format!("{mark}{answered} of {total} answered")
        })
    };
    let continue_button = next.map(|(next_id, next_title)| {
        let go_on = move |_| go_to_area(session, &next_id);
        view! {
            <p class="area-continue">
                <button type="button" class="button" on:click=go_on>
                    "Continue with " {next_title} " →"
                </button>
            </p>
        }
    });

    view! {
        <section class="area" id=section_id(&area_id) class:is-open=move || expanded.get()>
            <h3 class="area-heading">
                <button
                    type="button"
                    class="area-toggle"
                    id=area_toggle_id(&area_id)
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls=body_id(&area_id)
                    on:click=toggle
                >
                    <span class="area-chevron" aria-hidden="true"></span>
                    <span class="area-title">{area.title.clone()}</span>
                    <span class="area-progress">{progress}</span>
                </button>
            </h3>
            <div class="area-body" id=body_id(&area_id) hidden=move || !expanded.get()>
                <p class="area-summary">{area.summary.clone()}</p>
                {items.into_iter().map(|item| view! { <ChecklistItem item/> }).collect_view()}
                {continue_button}
            </div>
        </section>
    }
}
