//! The saved assessments: pick one, start a new one (empty or a copy, say
//! for next quarter), rename, delete, or clear its answers, plus import and
//! the save status. Deleting and clearing ask first and can be undone.
//!
//! Forms open inline under the bar (no modal dialog): focus moves into the
//! form, Escape or Cancel closes it and returns focus to its button.

use leptos::prelude::*;

use super::browser::{focus_later, now_iso};
use super::import::ImportButton;
use super::session::{use_session, Feedback, SaveStatus, Session, Undo};
use faultline_checklist::storage::StoreError;
use faultline_checklist::Store;

/// Which inline form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    New,
    Rename,
    Delete,
    Reset,
}

impl Panel {
    /// The id of the button that opens the panel (focus returns there).
    fn opener_id(self) -> &'static str {
        match self {
            Panel::New => "assessment-new",
            Panel::Rename => "assessment-rename",
            Panel::Delete => "assessment-delete",
            Panel::Reset => "assessment-reset",
        }
    }

    /// The id of the control that takes focus when the panel opens.
    fn first_control_id(self) -> &'static str {
        match self {
            Panel::New => "assessment-new-name",
            Panel::Rename => "assessment-rename-name",
            Panel::Delete => "assessment-delete-confirm",
            Panel::Reset => "assessment-reset-confirm",
        }
    }
}

fn focus_by_id(id: &'static str) {
    focus_later(id.to_string());
}

/// The assessments bar.
#[component]
pub fn AssessmentBar() -> impl IntoView {
    let session = use_session();
    let panel = RwSignal::new(None::<Panel>);
    let open = move |which: Panel| {
        move |_| {
            if panel.get_untracked() == Some(which) {
                panel.set(None);
            } else {
                panel.set(Some(which));
                focus_by_id(which.first_control_id());
            }
        }
    };
    let close = move || {
        if let Some(which) = panel.get_untracked() {
            panel.set(None);
            focus_by_id(which.opener_id());
        }
    };
    let names = session.assessment_names();
    let active = Memo::new(move |_| session.store.with(|store| store.active().name.clone()));
    let on_select = move |event| {
        let name = event_target_value(&event);
        panel.set(None);
        if let Err(error) = session.try_restructure(|store: &mut Store| store.select(&name)) {
            session.feedback.set(Some(Feedback::error(error)));
        }
    };
    let expanded = move |which: Panel| move || (panel.get() == Some(which)).to_string();
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" && panel.get_untracked().is_some() {
            event.prevent_default();
            close();
        }
    };

    view! {
        <section class="assessment-bar no-print" aria-label="Saved assessments" on:keydown=on_keydown>
            <div class="assessment-row">
                <div class="assessment-pick">
                    <label for="assessment-select">"Assessment"</label>
                    <select id="assessment-select" on:change=on_select>
                        {move || name_options(names.get(), &active.get())}
                    </select>
                </div>
                <div class="button-row assessment-actions">
                    <button type="button" class="button" id=Panel::New.opener_id()
                        aria-expanded=expanded(Panel::New) on:click=open(Panel::New)>"New…"</button>
                    <button type="button" class="button" id=Panel::Rename.opener_id()
                        aria-expanded=expanded(Panel::Rename) on:click=open(Panel::Rename)>"Rename…"</button>
                    <button type="button" class="button" id=Panel::Reset.opener_id()
                        aria-expanded=expanded(Panel::Reset) on:click=open(Panel::Reset)>"Clear answers…"</button>
                    <button type="button" class="button" id=Panel::Delete.opener_id()
                        aria-expanded=expanded(Panel::Delete) on:click=open(Panel::Delete)>"Delete…"</button>
                    <ImportButton/>
                </div>
            </div>
            <SaveStatusLine/>
            {move || {
                panel.get().map(|which| match which {
                    Panel::New => view! { <NewForm session close/> }.into_any(),
                    Panel::Rename => view! { <RenameForm session close/> }.into_any(),
                    Panel::Delete => view! { <DeleteConfirm session close/> }.into_any(),
                    Panel::Reset => view! { <ResetConfirm session close/> }.into_any(),
                })
            }}
        </section>
    }
}

/// The options of a select listing assessments, `current` selected.
pub fn name_options(names: Vec<String>, current: &str) -> impl IntoView {
    names
        .into_iter()
        .map(|name| {
            let selected = name == current;
            let label = name.clone();
            view! { <option value=name selected=selected>{label}</option> }
        })
        .collect_view()
}

/// Whether changes reach local storage, announced politely.
#[component]
fn SaveStatusLine() -> impl IntoView {
    let session = use_session();
    let line = move || match session.save_status.get() {
        SaveStatus::Idle => (
            "save-status",
            "Answers are saved in this browser as you go.".to_string(),
        ),
        SaveStatus::Saved => (
            "save-status is-saved",
            "All changes saved in this browser.".to_string(),
        ),
        SaveStatus::Failed(reason) => ("save-status is-error", format!("Not saved: {reason}.")),
        SaveStatus::Off(reason) => ("save-status is-error", reason),
    };
    view! {
        <p class=move || line().0 role="status">{move || line().1}</p>
    }
}

/// A name field with its error line, as the new and rename forms use it.
#[component]
fn NameField(
    id: &'static str,
    label: &'static str,
    name: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="panel-field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                maxlength="80"
                prop:value=move || name.get()
                aria-describedby=error_id.clone()
                on:input=move |event| name.set(event_target_value(&event))
            />
        </div>
        <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
            {move || error.get()}
        </p>
    }
}

/// The closing row of a panel: its action and Cancel.
#[component]
fn PanelButtons(
    /// The action's button: a form submit, or a click handler.
    action: AnyView,
    close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class="button-row">
            {action}
            <button type="button" class="button" on:click=move |_| close()>"Cancel"</button>
        </div>
    }
}

fn submit_button(label: &'static str) -> AnyView {
    view! { <button type="submit" class="button button-primary">{label}</button> }.into_any()
}

/// Creates an assessment, empty or as a copy of the open one.
#[component]
fn NewForm(session: Session, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let current = session
        .store
        .with_untracked(|store| store.active().name.clone());
    let suggestion = session
        .store
        .with_untracked(|store| store.free_name("New assessment"));
    let name = RwSignal::new(suggestion);
    let copy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let new_name = name.get_untracked();
        let from_copy = copy.get_untracked();
        let created = session.try_restructure(|store: &mut Store| {
            let previous = store.active().clone();
            store.create(&new_name)?;
            if from_copy {
                store.replace_active(previous);
            }
            Ok::<_, StoreError>(store.active().name.clone())
        });
        match created {
            Ok(created) => {
                let what = if from_copy {
                    "a copy"
                } else {
                    "an empty assessment"
                };
                session.feedback.set(Some(Feedback::info(format!(
                    "Started “{created}” as {what}."
                ))));
                close();
            }
            Err(message) => error.set(Some(capitalise(&message))),
        }
    };
    view! {
        <form class="assessment-panel" on:submit=submit>
            <h2 class="panel-heading">"New assessment"</h2>
            <NameField id="assessment-new-name" label="Name (for example the team and the quarter)" name error/>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || copy.get()
                    on:change=move |event| copy.set(event_target_checked(&event))
                />
                "Start from a copy of “" {current} "” (to compare later)"
            </label>
            <PanelButtons action=submit_button("Create") close/>
        </form>
    }
}

/// Renames the open assessment.
#[component]
fn RenameForm(session: Session, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let current = session
        .store
        .with_untracked(|store| store.active().name.clone());
    let name = RwSignal::new(current.clone());
    let error = RwSignal::new(None::<String>);
    let submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let new_name = name.get_untracked();
        match session.try_restructure(|store: &mut Store| store.rename(&current, &new_name)) {
            Ok(()) => close(),
            Err(message) => error.set(Some(capitalise(&message))),
        }
    };
    view! {
        <form class="assessment-panel" on:submit=submit>
            <h2 class="panel-heading">"Rename the assessment"</h2>
            <NameField id="assessment-rename-name" label="New name" name error/>
            <PanelButtons action=submit_button("Rename") close/>
        </form>
    }
}

/// A question before something destructive, with its button.
#[component]
fn ConfirmPanel(
    /// Prefix of the element ids (`…-heading`, `…-confirm`).
    id: &'static str,
    heading: String,
    explanation: &'static str,
    confirm_label: &'static str,
    confirm: impl Fn() + 'static,
    close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let action = view! {
        <button type="button" class="button button-danger" id=format!("{id}-confirm")
            on:click=move |_| {
                confirm();
                close();
            }>
            {confirm_label}
        </button>
    }
    .into_any();
    view! {
        <div class="assessment-panel" role="group" aria-labelledby=heading_id.clone()>
            <h2 class="panel-heading" id=heading_id.clone()>{heading}</h2>
            <p>{explanation}</p>
            <PanelButtons action close/>
        </div>
    }
}

/// Asks before deleting the open assessment.
#[component]
fn DeleteConfirm(session: Session, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let current = session
        .store
        .with_untracked(|store| store.active().name.clone());
    let heading = format!("Delete “{current}”?");
    let confirm = move || match session.try_restructure(|store: &mut Store| store.remove(&current))
    {
        Ok(removed) => session.undo.set(Some(Undo::Removed(removed))),
        Err(message) => session
            .feedback
            .set(Some(Feedback::error(capitalise(&message)))),
    };
    view! {
        <ConfirmPanel
            id="assessment-delete"
            heading
            explanation="Its answers, notes and team context go with it. You can undo this straight after."
            confirm_label="Delete"
            confirm
            close
        />
    }
}

/// Asks before clearing the open assessment's answers.
#[component]
fn ResetConfirm(session: Session, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let current = session
        .store
        .with_untracked(|store| store.active().name.clone());
    let heading = format!("Clear every answer in “{current}”?");
    let confirm = move || {
        let previous = session.restructure(|store| store.reset_active(Some(now_iso())));
        if let Some(previous) = previous {
            session.undo.set(Some(Undo::Reset {
                name: current.clone(),
                previous,
            }));
        }
    };
    view! {
        <ConfirmPanel
            id="assessment-reset"
            heading
            explanation="Answers, notes and the team context are cleared; the name stays. You can undo this straight after."
            confirm_label="Clear answers"
            confirm
            close
        />
    }
}

/// Undoes a reset or a deletion.
pub fn undo(session: Session, undo: Undo) {
    match undo {
        Undo::Reset { name, previous } => {
            // The reset assessment may no longer be the open one.
            let restored = session.try_restructure(|store: &mut Store| {
                store.select(&name)?;
                store.replace_active(previous.clone());
                Ok::<_, StoreError>(())
            });
            if restored.is_err() {
                session.restructure(|store| store.save_copy(&previous));
            }
        }
        Undo::Removed(removed) => {
            session.restructure(|store| store.restore(removed));
        }
    }
    session.undo.set(None);
}

/// Core messages are sentence fragments ("an assessment named … exists");
/// shown alone they start with a capital and end with a full stop.
fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut text: String = first.to_uppercase().chain(chars).collect();
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}
