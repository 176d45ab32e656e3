//! The readiness checklist page: a thin Leptos layer over `faultline_checklist`.
//!
//! Every number, verdict, plan entry and chart shape comes from the core
//! (`Report::build`, `chart::*`, `compare::compare`, ...); these components
//! only lay them out and do the browser I/O. Module map:
//! - [`session`]: the page state (signals) and the two ways to change it.
//! - [`store`]: local storage, with unreadable data set aside;
//!   [`other_tabs`]: taking over saves made in another tab.
//! - [`browser`]: clock, URL fragment, focus and scrolling, clipboard, print.
//! - [`link_titles`]: titles and addresses of linked articles and presets.
//! - [`notices`]: storage problems, a bad share link, outcomes, undo.
//! - [`assessments`]: the named assessments bar (switch, new, rename,
//!   delete, reset) with [`import`]; [`shared_view`]: the read-only
//!   shared banner.
//! - [`tabs`]: the Questions / Results / Compare views.
//! - [`questionnaire`], [`area_section`], [`item`], [`context_form`]: the
//!   questions; [`progress_panel`]: progress and area navigation.
//! - [`report`] with [`radar`], [`bars`], [`scores_table`], [`dora`],
//!   [`plan`]: the results; [`share`] and [`export`]: keeping and sharing.
//! - [`compare`]: two assessments side by side.
//! - [`deep_link`]: `?item=ID` and `?view=` in the address.

mod area_section;
mod assessments;
mod bars;
mod browser;
mod compare;
mod context_form;
mod deep_link;
mod dora;
mod export;
mod import;
mod item;
mod link_titles;
mod notices;
mod other_tabs;
mod plan;
mod progress_panel;
mod questionnaire;
mod radar;
mod report;
mod scores_table;
mod session;
mod share;
mod shared_view;
mod store;
mod tabs;

use leptos::prelude::*;

use crate::components::{Notice, Tone};
use crate::data::fetch_json;
use faultline_checklist::Checklist;
use faultline_site_data::CHECKLIST_PATH;
use session::{SaveStatus, Session, Tab};
use store::LoadProblem;

/// The checklist bundle's entry (see `src/bundles/checklist.rs`): mounts
/// the tool into `host`, in place of the prerendered page.
pub fn mount(host: web_sys::HtmlElement) {
    crate::bundle_mount::mount_view(host, ChecklistTool);
}

/// The checklist tool: loads the checklist, then the saved assessments.
#[component]
pub fn ChecklistTool() -> impl IntoView {
    // Fetched only here, so other pages never pay for the checklist data.
    let checklist = LocalResource::new(|| fetch_json::<Checklist>(CHECKLIST_PATH));
    let content = move || {
        checklist.get().map(|loaded| match loaded {
            Ok(checklist) => view! { <Workspace checklist/> }.into_any(),
            Err(error) => view! {
                <Notice tone=Tone::Error>
                    <p>"The checklist could not be loaded: " {error}</p>
                    <p>"Reload the page to try again. Your saved answers are not affected."</p>
                </Notice>
            }
            .into_any(),
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the checklist…"</p> }>
            {content}
        </Suspense>
    }
}

/// The page once the checklist is loaded.
#[component]
fn Workspace(checklist: Checklist) -> impl IntoView {
    let opened = store::open(&checklist);
    let save_status = match &opened.problem {
        Some(LoadProblem::Unavailable) => SaveStatus::Off(
            "This browser does not let the page keep data, so answers are not saved. Export them to keep them."
                .to_string(),
        ),
        Some(LoadProblem::NotSetAside { .. }) => SaveStatus::Off(
            "Saving is paused so that the unreadable data is not overwritten (see the message above)."
                .to_string(),
        ),
        _ => SaveStatus::Idle,
    };
    let first_open_area = first_area_to_open(&checklist, &opened.store);
    let session = Session::new(checklist, opened.store, save_status);
    provide_context(session);
    if let Some(area) = first_open_area {
        session.open_area(&area);
    }
    session.context_open.set(
        session
            .viewed
            .with_untracked(|a| faultline_checklist::progress::context_answered(&a.context) == 0),
    );

    leptos::task::spawn_local_scoped_with_cancellation(async move {
        let titles = link_titles::LinkTitles::load().await;
        let _ = session.titles.try_set(titles);
    });
    share::open_link_in_address(session);
    other_tabs::follow_other_tabs(session);
    deep_link::follow(session);

    let migrated = opened.migrated_from;
    if migrated.is_some() || opened.changes.is_some() {
        session.save_now();
    }
    // One notice for the data opened: the format upgrade goes into the
    // "what changed" notice when there is one, else it stands alone.
    let (migrated_alone, migrated_with_changes) = if opened.changes.is_some() {
        (None, migrated)
    } else {
        (migrated, None)
    };
    session.changes.set(opened.changes);
    view! {
        <notices::StorageNotices problem=opened.problem migrated=migrated_alone/>
        <notices::LinkErrorNotice/>
        <notices::ChangesNotice migrated=migrated_with_changes/>
        {move || {
            if session.is_read_only() {
                view! { <shared_view::SharedBanner/> }.into_any()
            } else {
                view! { <assessments::AssessmentBar/> }.into_any()
            }
        }}
        <notices::FeedbackNotice/>
        <notices::UndoNotice/>
        <tabs::TabList/>
        <tabs::TabPanel tab=Tab::Questions>
            <questionnaire::Questionnaire/>
        </tabs::TabPanel>
        <tabs::TabPanel tab=Tab::Results>
            <report::Results/>
        </tabs::TabPanel>
        <tabs::TabPanel tab=Tab::Compare>
            <compare::CompareView/>
        </tabs::TabPanel>
    }
}

/// The area to expand on arrival: the first with an unanswered item.
fn first_area_to_open(checklist: &Checklist, store: &faultline_checklist::Store) -> Option<String> {
    let answers = &store.active().answers;
    faultline_checklist::progress::next_unanswered(checklist, answers, None)
        .or_else(|| checklist.items().first())
        .map(|item| item.area.clone())
}
