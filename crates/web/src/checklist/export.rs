//! Downloads: the report as Markdown (for people) and JSON (for importing
//! back and for tools), both written by `checklist::export`, and printing
//! (the print stylesheet turns the results into one clean document).

use leptos::prelude::*;

use super::browser::{print, site_root};
use super::link_titles::relative_target;
use super::session::use_session;
use crate::files::download;
use faultline_checklist::export;
use faultline_checklist::LinkKind;

/// Export and print buttons for the assessment on show.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let session = use_session();
    let status = RwSignal::new(String::new());
    let report = |result: Result<(), String>, what: &str| match result {
        Ok(()) => format!("{what} downloaded."),
        Err(reason) => format!("{what} not downloaded: {reason}."),
    };
    let markdown = move |_| {
        let root = site_root();
        let link =
            move |kind: LinkKind, id: &str| Some(format!("{root}{}", relative_target(kind, id)));
        let (name, text) = session.viewed.with_untracked(|assessment| {
            let text = session
                .with_checklist(|checklist| export::to_markdown(checklist, assessment, &link));
            (export::file_name(&assessment.name, "md"), text)
        });
        status.set(report(
            download(&name, "text/markdown;charset=utf-8", &text),
            "Markdown report",
        ));
    };
    let json = move |_| {
        let (name, text) = session.viewed.with_untracked(|assessment| {
            let text = session.with_checklist(|checklist| export::to_json(checklist, assessment));
            (export::file_name(&assessment.name, "json"), text)
        });
        status.set(report(
            download(&name, "application/json", &text),
            "JSON file",
        ));
    };
    view! {
        <div class="export-panel">
            <h4>"Export and print"</h4>
            <p>
                "Markdown is a one-document report to read or paste into a wiki; JSON can be imported back here (use “Import JSON” above) to compare later."
            </p>
            <div class="button-row">
                <button type="button" class="button" on:click=markdown>"Download Markdown"</button>
                <button type="button" class="button" on:click=json>"Download JSON"</button>
                <button type="button" class="button" on:click=|_| print()>"Print report"</button>
            </div>
            <p class="action-status" role="status">{move || status.get()}</p>
        </div>
    }
}
