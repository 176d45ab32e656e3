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

use faultline_checklist::Checklist;
pub use link_titles::LinkTitles;
use session::{SaveStatus, Session, Tab};
use store::LoadProblem;

/// What the checklist page needs before it can show anything: the
/// checklist and the titles of what its items link to.
pub struct PageData {
    pub checklist: Checklist,
    pub titles: LinkTitles,
}

impl PageData {
    /// Fetches the checklist, then the titles (which only cost link text
    /// when missing).
    #[cfg(target_arch = "wasm32")]
    async fn load() -> Result<PageData, String> {
        // Fetched only here, so other pages never pay for the checklist data.
        let checklist = crate::data::fetch_json::<Checklist>(faultline_site_data::CHECKLIST_PATH)
            .await
            .map_err(|error| format!("{error}. Your saved answers are not affected"))?;
        let titles = LinkTitles::load().await;
        Ok(PageData { checklist, titles })
    }
}

/// The checklist bundle's entry (see `crates/bundles/checklist`): loads the
/// page's data, then mounts the tool into `host` in place of the
/// prerendered form (which renders the same components, so nothing moves).
/// The promise rejects, and the prerendered form stays, if the data cannot
/// load.
#[cfg(target_arch = "wasm32")]
pub fn mount(host: web_sys::HtmlElement) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let data = PageData::load()
            .await
            .map_err(|error| wasm_bindgen::JsValue::from(js_sys::Error::new(&error)))?;
        crate::bundle_mount::mount_view(host, move || view! { <Workspace data live=true/> });
        Ok(wasm_bindgen::JsValue::UNDEFINED)
    })
}

/// The checklist as the build prerenders it: what a new visitor sees before
/// the island mounts (and, without scripts, all there is): every area and
/// question as a form, nothing answered.
#[cfg(feature = "ssr")]
#[component]
pub fn PrerenderedChecklist(data: PageData) -> impl IntoView {
    view! { <Workspace data live=false/> }
}

/// The page once the checklist is loaded. `live` is false when the build
/// renders it: a new visitor's page, without reading the browser's storage,
/// the address or other tabs.
#[component]
fn Workspace(data: PageData, live: bool) -> impl IntoView {
    let PageData { checklist, titles } = data;
    let opened = if live {
        store::open(&checklist)
    } else {
        store::Opened::fresh(&checklist)
    };
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

    session.titles.set(titles);
    let migrated = opened.migrated_from;
    if live {
        share::open_link_in_address(session);
        other_tabs::follow_other_tabs(session);
        deep_link::follow(session);
        if migrated.is_some() || opened.changes.is_some() {
            session.save_now();
        }
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
