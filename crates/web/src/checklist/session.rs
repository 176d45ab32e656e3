//! The page's state: the loaded checklist, the saved assessments, a shared
//! assessment opened from a link, and what the page shows. One `Session`
//! (a bundle of signals, cheap to copy) is provided as context to every
//! component of the page.
//!
//! Every change goes through [`Session::edit`] (answers, notes, context of
//! the open assessment) or [`Session::restructure`] (which assessment is
//! open, creating, renaming, removing, resetting, importing), and both save
//! at once. The results are one memo over the core's `Report::build`.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::browser::now_iso;
use super::link_titles::LinkTitles;
use super::store;
use faultline_checklist::revision::Changes;
use faultline_checklist::storage::Removed;
use faultline_checklist::{Assessment, Checklist, Report, Store};

/// The views of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Questions,
    Results,
    Compare,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Questions, Tab::Results, Tab::Compare];

    pub fn id(self) -> &'static str {
        match self {
            Tab::Questions => "questions",
            Tab::Results => "results",
            Tab::Compare => "compare",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Questions => "Questions",
            Tab::Results => "Results",
            Tab::Compare => "Compare",
        }
    }

    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|tab| tab.id() == id)
    }
}

/// Whether the last change reached local storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since the page opened.
    Idle,
    Saved,
    /// The browser refused the last save.
    Failed(String),
    /// Saving is off: there is no local storage, or unreadable data could
    /// not be set aside and must not be overwritten.
    Off(String),
}

/// An action that can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// The named assessment was cleared; this is what it held.
    Reset { name: String, previous: Assessment },
    /// An assessment was deleted.
    Removed(Removed),
}

/// A short message about the outcome of something the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub text: String,
    pub is_error: bool,
}

impl Feedback {
    pub fn info(text: impl Into<String>) -> Feedback {
        Feedback {
            text: text.into(),
            is_error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Feedback {
        Feedback {
            text: text.into(),
            is_error: true,
        }
    }
}

/// The state of the checklist page.
#[derive(Clone, Copy)]
pub struct Session {
    checklist: StoredValue<Checklist>,
    pub titles: RwSignal<LinkTitles>,
    pub store: RwSignal<Store>,
    /// An assessment opened from a share link: shown read-only until saved.
    pub shared: RwSignal<Option<Assessment>>,
    /// Why the share link in the address could not be opened.
    pub link_error: RwSignal<Option<String>>,
    /// What changed in the checklist since the answers on show (saved,
    /// shared or imported) were made, until the user dismisses it.
    pub changes: RwSignal<Option<Changes>>,
    /// Bumped when the shown assessment is replaced as a whole, so that
    /// text fields (which keep their own text while typing) start afresh.
    pub generation: RwSignal<u64>,
    pub save_status: RwSignal<SaveStatus>,
    pub undo: RwSignal<Option<Undo>>,
    pub feedback: RwSignal<Option<Feedback>>,
    pub tab: RwSignal<Tab>,
    /// Areas whose section is expanded.
    pub open_areas: RwSignal<BTreeSet<String>>,
    pub context_open: RwSignal<bool>,
    /// The item answered or jumped to last ("next unanswered" starts there).
    pub last_item: RwSignal<Option<String>>,
    /// The item a deep link (`?item=ID`) pointed to, highlighted.
    pub target_item: RwSignal<Option<String>>,
    /// The assessment on show: the shared one, or the open saved one.
    pub viewed: Memo<Assessment>,
    pub report: Memo<Report>,
}

impl Session {
    pub fn new(checklist: Checklist, store: Store, save_status: SaveStatus) -> Session {
        let checklist = StoredValue::new(checklist);
        let store = RwSignal::new(store);
        let shared = RwSignal::new(None::<Assessment>);
        let viewed = Memo::new(move |_| {
            shared
                .get()
                .unwrap_or_else(|| store.with(|store| store.active().clone()))
        });
        let report = Memo::new(move |_| {
            viewed.with(|assessment| {
                checklist.with_value(|checklist| Report::build(checklist, assessment))
            })
        });
        Session {
            checklist,
            titles: RwSignal::new(LinkTitles::default()),
            store,
            shared,
            link_error: RwSignal::new(None),
            changes: RwSignal::new(None),
            generation: RwSignal::new(0),
            save_status: RwSignal::new(save_status),
            undo: RwSignal::new(None),
            feedback: RwSignal::new(None),
            tab: RwSignal::new(Tab::Questions),
            open_areas: RwSignal::new(BTreeSet::new()),
            context_open: RwSignal::new(false),
            last_item: RwSignal::new(None),
            target_item: RwSignal::new(None),
            viewed,
            report,
        }
    }

    /// Runs `read` with the checklist.
    pub fn with_checklist<R>(&self, read: impl FnOnce(&Checklist) -> R) -> R {
        self.checklist.with_value(read)
    }

    /// True while a shared assessment is on show: nothing can be edited.
    pub fn is_read_only(&self) -> bool {
        self.shared.with(Option::is_some)
    }

    /// Changes the open assessment (answers, notes, context) and saves.
    /// Ignored while a shared assessment is on show.
    pub fn edit(&self, change: impl FnOnce(&mut Assessment)) {
        if self.shared.with_untracked(Option::is_some) {
            return;
        }
        self.store.update(|store| {
            let assessment = store.active_mut();
            change(assessment);
            assessment.updated = Some(now_iso());
        });
        // An undo offered for an earlier reset would now throw these edits
        // away without saying so; the offer ends with the first new edit.
        if self.undo.with_untracked(Option::is_some) {
            self.undo.set(None);
        }
        self.persist();
    }

    /// Changes the store as a whole (switching, creating, removing,
    /// resetting, importing) and saves; text fields start afresh. `None`
    /// only if the page is already gone.
    pub fn restructure<R>(&self, change: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let result = self.store.try_update(change)?;
        self.generation.update(|generation| *generation += 1);
        self.persist();
        Some(result)
    }

    /// Like [`Session::restructure`] for changes that may be refused (a name
    /// taken or invalid): the change is tried on a copy and kept only when
    /// it succeeds, so a refused change leaves nothing half done.
    pub fn try_restructure<R, E: std::fmt::Display>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<R, E>,
    ) -> Result<R, String> {
        let mut draft = self.store.get_untracked();
        let result = change(&mut draft).map_err(|error| error.to_string())?;
        self.restructure(move |store| *store = draft);
        Ok(result)
    }

    /// Writes the store to local storage and reports how it went.
    fn persist(&self) {
        if matches!(self.save_status.get_untracked(), SaveStatus::Off(_)) {
            return;
        }
        let status = match self.store.with_untracked(store::save) {
            Ok(()) => SaveStatus::Saved,
            Err(reason) => SaveStatus::Failed(reason),
        };
        self.save_status.set(status);
    }

    /// Saves now (after a migration, so the old format is replaced at once).
    pub fn save_now(&self) {
        self.persist();
    }

    /// Turns saving back on (after unreadable data was set aside) and saves.
    pub fn resume_saving(&self) {
        self.save_status.set(SaveStatus::Idle);
        self.persist();
    }

    /// Leaves the shared view (its data stays in the link) and shows the
    /// saved assessments again.
    pub fn close_shared(&self) {
        // A note about what changed since the link was made goes with it.
        if self.shared.with_untracked(Option::is_some) {
            self.changes.set(None);
        }
        self.shared.set(None);
        self.generation.update(|generation| *generation += 1);
    }

    /// The names of the saved assessments, in order.
    pub fn assessment_names(&self) -> Memo<Vec<String>> {
        let store = self.store;
        Memo::new(move |_| {
            store.with(|store| store.names().into_iter().map(String::from).collect())
        })
    }

    /// How many of an area's items are answered, and how many it has.
    pub fn area_progress(&self, area_id: String) -> Memo<(usize, usize)> {
        let report = self.report;
        Memo::new(move |_| {
            report.with(|report| {
                report
                    .scores
                    .area(&area_id)
                    .map_or((0, 0), |area| (area.counts.answered(), area.counts.total()))
            })
        })
    }

    /// Expands an area's section.
    pub fn open_area(&self, area_id: &str) {
        if !self
            .open_areas
            .with_untracked(|open| open.contains(area_id))
        {
            self.open_areas.update(|open| {
                open.insert(area_id.to_string());
            });
        }
    }
}

/// The session of the page this component belongs to.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
