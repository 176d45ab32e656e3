//! Keeping two open tabs in step: when another tab of this site saves the
//! checklist, this one takes the saved assessments over instead of later
//! saving its stale copy over them.

use leptos::prelude::*;

use super::session::{Feedback, SaveStatus, Session};
use super::store;
use faultline_checklist::storage::STORAGE_KEY;

/// Listens for saves made by other tabs for as long as the page is open.
pub fn follow_other_tabs(session: Session) {
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() != Some(STORAGE_KEY) {
            return;
        }
        // A removed key or unreadable data is the other tab's to report.
        let Some(loaded) = event.new_value().and_then(|text| {
            session
                .with_checklist(|checklist| store::read(&text, checklist))
                .ok()
        }) else {
            return;
        };
        if session.store.with_untracked(|store| *store == loaded.store) {
            return;
        }
        session.store.set(loaded.store);
        session.generation.update(|generation| *generation += 1);
        session.undo.set(None);
        if !matches!(session.save_status.get_untracked(), SaveStatus::Off(_)) {
            session.save_status.set(SaveStatus::Saved);
        }
        session.feedback.set(Some(Feedback::info(
            "The assessments were changed in another tab; this page now shows those changes.",
        )));
    });
    on_cleanup(move || handle.remove());
}
