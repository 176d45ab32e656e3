//! Importing a JSON export (`checklist::export::import_json`): the file is
//! read in the browser and added as a new named assessment, so nothing that
//! is already saved is overwritten.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::session::{use_session, Feedback, Session};
use crate::files::read_text;
use faultline_checklist::export::import_json;

/// The largest file accepted: a full export with long notes is far smaller.
const MAX_BYTES: f64 = 2_000_000.0;

/// An "Import JSON" button (a labelled file input).
#[component]
pub fn ImportButton() -> impl IntoView {
    let session = use_session();
    let on_change = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        // Clear the input so choosing the same file again still imports it.
        input.set_value("");
        if let Some(file) = file {
            leptos::task::spawn_local_scoped_with_cancellation(import_file(session, file));
        }
    };
    view! {
        <label class="button file-button">
            "Import JSON…"
            <input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                on:change=on_change
            />
        </label>
    }
}

async fn import_file(session: Session, file: web_sys::File) {
    let name = file.name();
    let text = match read_text(file, MAX_BYTES, "any assessment export").await {
        Ok(text) => text,
        Err(reason) => {
            let _ = session
                .feedback
                .try_set(Some(Feedback::error(format!("Not imported: {reason}."))));
            return;
        }
    };
    let imported = session.with_checklist(|checklist| import_json(checklist, &text));
    let feedback = match imported {
        Err(error) => Feedback::error(format!("{name}: {error}")),
        Ok(imported) => {
            session.close_shared();
            let saved_as = session.restructure(|store| store.adopt(&imported.assessment));
            let mut text = format!("Imported {name} as “{}”.", saved_as.unwrap_or_default());
            if imported.changes.is_some() {
                text.push_str(" It was made with an earlier edition of the checklist; its answers were carried over (see the note above).");
                session.changes.set(imported.changes);
            }
            if imported.checklist_changed {
                text.push_str(" It was made with another edition of the checklist; answers were matched by question, so check the ones that are new.");
            }
            if !imported.unknown_ids.is_empty() {
                text.push_str(&format!(
                    " Answers to questions this checklist no longer has are kept but count for nothing: {}.",
                    imported.unknown_ids.join(", ")
                ));
            }
            Feedback::info(text)
        }
    };
    let _ = session.feedback.try_set(Some(feedback));
}
