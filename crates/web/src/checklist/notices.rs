//! Messages above the checklist: saved data that could not be read (and
//! where it was set aside), a share link that could not be opened, what
//! changed in the checklist since the answers on show were made, the
//! outcome of an action, and the offer to undo a reset or a deletion.

use leptos::prelude::*;

use super::assessments::undo;
use super::browser::clear_fragment;
use super::session::{use_session, Feedback, SaveStatus, Session, Undo};
use super::store::{self, KeptPiece, LoadProblem};
use crate::components::{Notice, Tone};
use crate::files::download;

/// What happened to the saved data on arrival, and the pieces of unreadable
/// data kept in this browser.
#[component]
pub fn StorageNotices(problem: Option<LoadProblem>, migrated: Option<u64>) -> impl IntoView {
    let session = use_session();
    let pieces = RwSignal::new(store::kept_pieces());
    let main = match problem {
        Some(LoadProblem::SetAside { error, .. }) => Some(view! {
            <Notice tone=Tone::Error>
                <p>
                    <strong>"Your saved checklist answers could not be read. "</strong>
                    {error} "."
                </p>
                <p>
                    "Nothing was deleted: the unreadable data is set aside in this browser (see below), and a fresh assessment has been started."
                </p>
            </Notice>
        }
        .into_any()),
        Some(LoadProblem::NotSetAside { error, reason }) => Some(view! {
            <Notice tone=Tone::Error>
                <p>
                    <strong>"Your saved checklist answers could not be read. "</strong>
                    {error} "."
                </p>
                <p>
                    "They could not be set aside either (" {reason}
                    "), so they stay where they are and nothing will be saved over them. Download them, then delete an older piece below to resume saving."
                </p>
                <p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            if let Some(text) = session.with_checklist(store::unreadable_in_place) {
                                report_download(session, download("faultline-unreadable-data.txt", "text/plain", &text));
                            }
                        }
                    >
                        "Download the unreadable data"
                    </button>
                </p>
            </Notice>
        }
        .into_any()),
        _ => None,
    };
    let migrated = migrated.map(|version| {
        view! {
            <Notice>
                <p>
                    "Your saved answers were in an older format (version " {version}
                    ") and have been brought up to date. Nothing was lost."
                </p>
            </Notice>
        }
    });
    let forget = Callback::new(move |key: String| {
        if let Err(reason) = store::forget_piece(&key) {
            session
                .feedback
                .set(Some(Feedback::error(format!("Not deleted: {reason}."))));
            return;
        }
        pieces.set(store::kept_pieces());
        // Freeing a slot may let data that could not be set aside move there.
        if matches!(session.save_status.get_untracked(), SaveStatus::Off(_))
            && session.with_checklist(store::unreadable_in_place).is_some()
        {
            match session.with_checklist(store::retry_set_aside) {
                Ok(_) => {
                    pieces.set(store::kept_pieces());
                    session.resume_saving();
                    session.feedback.set(Some(Feedback::info(
                        "The unreadable data is now set aside, and saving has resumed.",
                    )));
                }
                Err(reason) => session.feedback.set(Some(Feedback::error(format!(
                    "Still not set aside: {reason}."
                )))),
            }
        }
    });
    view! {
        {main}
        {migrated}
        {move || {
            let kept = pieces.get();
            (!kept.is_empty()).then(|| view! {
                <div class="notice set-aside" role="region" aria-labelledby="set-aside-heading">
                    <h2 id="set-aside-heading" class="notice-heading">"Unreadable data kept in this browser"</h2>
                    <p>
                        "Checklist data that could not be read is kept here rather than deleted. Download it if you want to repair or keep it; delete it when you no longer need it."
                    </p>
                    <ul class="set-aside-list">
                        {kept.into_iter().enumerate().map(|(index, piece)| view! {
                            <KeptPieceRow index piece forget/>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
    }
}

/// One set-aside piece with download and (confirmed) delete.
#[component]
fn KeptPieceRow(index: usize, piece: KeptPiece, forget: Callback<String>) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let text = piece.text.clone();
    let file_name = format!("faultline-unreadable-data-{}.txt", index + 1);
    let key = piece.key.clone();
    view! {
        <li>
            <span>"Piece " {index + 1} ": " {piece.text.chars().count()} " characters"</span>
            <span class="button-row">
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| report_download(session, download(&file_name, "text/plain", &text))
                >
                    "Download piece " {index + 1}
                </button>
                {move || {
                    let key = key.clone();
                    if confirming.get() {
                        view! {
                            <span class="confirm-inline" role="group" aria-label="Confirm deletion">
                                "Delete it for good? "
                                <button type="button" class="button button-small button-danger"
                                    on:click=move |_| forget.run(key.clone())>"Yes, delete"</button>
                                <button type="button" class="button button-small"
                                    on:click=move |_| confirming.set(false)>"Keep it"</button>
                            </span>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="button button-small"
                                on:click=move |_| confirming.set(true)>"Delete piece " {index + 1} "…"</button>
                        }
                        .into_any()
                    }
                }}
            </span>
        </li>
    }
}

fn report_download(session: Session, result: Result<(), String>) {
    if let Err(reason) = result {
        session
            .feedback
            .set(Some(Feedback::error(format!("Not downloaded: {reason}."))));
    }
}

/// Why the share link in the address could not be opened.
#[component]
pub fn LinkErrorNotice() -> impl IntoView {
    let session = use_session();
    let dismiss = move |_| {
        clear_fragment();
        session.link_error.set(None);
    };
    move || {
        session.link_error.get().map(|error| {
            view! {
                <div class="notice notice-error" role="alert">
                    <p><strong>"This share link could not be opened. "</strong> {error}</p>
                    <p>"Your own saved assessments are shown instead; nothing was changed."</p>
                    <p>
                        <button type="button" class="button" on:click=dismiss>
                            "Remove the link from the address and dismiss"
                        </button>
                    </p>
                </div>
            }
        })
    }
}

/// How many changes are listed openly; a longer list is folded away, so the
/// notice stays short on a narrow screen.
const CHANGES_SHOWN_OPEN: usize = 3;

/// What changed in the checklist since the answers on show were made (the
/// core's `revision::Changes`, one sentence per change), until dismissed.
/// When the saved data was also in an older format (`migrated`), the same
/// notice says so, rather than a second notice stacked above it.
#[component]
pub fn ChangesNotice(migrated: Option<u64>) -> impl IntoView {
    let session = use_session();
    // The format note belongs to the data opened with the page, not to a
    // later import: it goes with the first dismissal.
    let migrated = RwSignal::new(migrated);
    let dismiss = move |_| {
        migrated.set(None);
        session.changes.set(None);
    };
    move || {
        session.changes.get().map(|changes| {
            let sentences = changes.sentences();
            let count = sentences.len();
            let items = sentences
                .into_iter()
                .map(|sentence| view! { <li>{sentence}</li> })
                .collect_view();
            let list = if count > CHANGES_SHOWN_OPEN {
                view! {
                    <details class="changes-details">
                        <summary>{format!("The {count} changes")}</summary>
                        <ul>{items}</ul>
                    </details>
                }
                .into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            };
            let format_note = migrated.get().map(|version| {
                view! {
                    <p>
                        "Your saved answers were in an older format (version " {version}
                        ") and have been brought up to date. Nothing was lost."
                    </p>
                }
            });
            view! {
                <div class="notice" role="region" aria-labelledby="checklist-changes-heading">
                    <h2 id="checklist-changes-heading" class="notice-heading">
                        "The checklist has changed since these answers were made"
                    </h2>
                    {format_note}
                    <p>
                        "They were made with edition " {changes.from_edition}
                        "; this is edition " {changes.to_edition}
                        ". Their answers were carried over:"
                    </p>
                    {list}
                    <p>
                        <button type="button" class="button button-small" on:click=dismiss>
                            "Dismiss"
                        </button>
                    </p>
                </div>
            }
        })
    }
}

/// The outcome of the last action (import, copy, errors).
#[component]
pub fn FeedbackNotice() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="feedback-region" aria-live="polite">
            {move || {
                session.feedback.get().map(|feedback| {
                    let class = if feedback.is_error { "notice notice-error" } else { "notice" };
                    view! {
                        <div class=class>
                            <p>{feedback.text}</p>
                            <p>
                                <button type="button" class="button button-small"
                                    on:click=move |_| session.feedback.set(None)>"Dismiss"</button>
                            </p>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// The offer to undo the last reset or deletion.
#[component]
pub fn UndoNotice() -> impl IntoView {
    let session = use_session();
    view! {
        <div class="undo-region" aria-live="polite">
            {move || {
                session.undo.get().map(|pending| {
                    let text = match &pending {
                        Undo::Reset { name, .. } => format!("The answers in “{name}” were cleared."),
                        Undo::Removed(removed) => format!("“{}” was deleted.", removed.assessment.name),
                    };
                    view! {
                        <div class="notice undo-notice">
                            <p>
                                {text} " "
                                <button type="button" class="button button-small button-primary"
                                    on:click=move |_| undo(session, pending.clone())>"Undo"</button>
                                " "
                                <button type="button" class="button button-small"
                                    on:click=move |_| session.undo.set(None)>"Dismiss"</button>
                            </p>
                        </div>
                    }
                })
            }}
        </div>
    }
}
