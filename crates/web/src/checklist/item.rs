//! One checklist item: its question, a radio group for the answer (Yes,
//! Partly, No, Not applicable: labelled, with symbols, never colour alone),
//! what "yes" looks like and why it matters, links, a reason when it does
//! not apply, and a note.

use leptos::prelude::*;

use super::link_titles::target_href;
use super::session::use_session;
use crate::base::href;
use faultline_checklist::{Answer, Item, ItemResponse, LinkKind};

/// The id of an item's element (`item-resilience.timeouts`).
pub fn item_element_id(item_id: &str) -> String {
    format!("item-{item_id}")
}

/// Element ids inside an item: ids contain a dot, which is fine in HTML ids.
fn part_id(item_id: &str, part: &str) -> String {
    format!("item-{part}-{item_id}")
}

/// The in-site link to an item (`checklist?item=ID`), for copying.
pub fn item_href(item_id: &str) -> String {
    href(&format!("checklist?item={item_id}"))
}

/// One item of the questionnaire.
#[component]
pub fn ChecklistItem(item: Item) -> impl IntoView {
    let session = use_session();
    let item_id = item.id.clone();
    let response = {
        let item_id = item_id.clone();
        Memo::new(move |_| {
            session.viewed.with(|assessment| {
                assessment
                    .answers
                    .get(&item_id)
                    .cloned()
                    .unwrap_or_default()
            })
        })
    };
    let answer = move || response.with(|response| response.answer);
    let is_target = {
        let item_id = item_id.clone();
        move || {
            session
                .target_item
                .with(|target| target.as_deref() == Some(item_id.as_str()))
        }
    };
    let heading_id = part_id(&item_id, "title");
    let status = move || {
        faultline_checklist::ItemStatus::from_answer(answer())
            .id()
            .to_string()
    };

    let options = Answer::ALL
        .into_iter()
        .map(|choice| {
            let item_id = item_id.clone();
            let checked = move || answer() == Some(choice);
            let choose = move |_| {
                session.edit(|assessment| assessment.answers.set_answer(&item_id, Some(choice)));
                session.last_item.set(Some(item_id.clone()));
            };
            view! {
                <label class=format!("answer-option answer-{}", choice.id()) class:is-checked=checked>
                    <input
                        type="radio"
                        name=part_id(&item.id, "answer")
                        value=choice.id()
                        prop:checked=checked
                        disabled=move || session.is_read_only()
                        on:change=choose
                    />
                    <span class="answer-symbol" aria-hidden="true">{choice.symbol()}</span>
                    <span class="answer-label">{choice.label()}</span>
                </label>
            }
        })
        .collect_view();

    let reason_field = {
        let item_id = item_id.clone();
        move || {
            (answer() == Some(Answer::NotApplicable)).then(|| {
                view! { <ReasonField item_id=item_id.clone() response/> }
            })
        }
    };

    view! {
        <article
            class="item"
            id=item_element_id(&item.id)
            class:is-target=is_target
            data-status=status
            aria-labelledby=heading_id.clone()
        >
            <div class="item-head">
                <h4 class="item-title" id=heading_id.clone() tabindex="-1">
                    {item.title.clone()}
                </h4>
                <a class="item-link" href=item_href(&item.id)>
                    <span aria-hidden="true">"#"</span>
                    <span class="visually-hidden">"Link to this question: " {item.title.clone()}</span>
                </a>
            </div>
            <p class="item-meta">
                <span class=format!("level-tag level-{}", item.level.id())>{item.level.title()}</span>
                <span class="item-weight">"weight " {item.weight} " of 3"</span>
            </p>
            <p class="item-question">{item.question.clone()}</p>
            <fieldset class="answer-group">
                <legend class="visually-hidden">"Answer for: " {item.title.clone()}</legend>
                <div class="answer-options">{options}</div>
            </fieldset>
            {reason_field}
            <details class="item-more">
                <summary>"What “yes” looks like, and why it matters"</summary>
                <dl class="item-explain">
                    <dt>"What “yes” looks like"</dt>
                    <dd>{item.yes_looks_like.clone()}</dd>
                    <dt>"Why it matters"</dt>
                    <dd>{item.why.clone()}</dd>
                </dl>
                <ItemLinks articles=item.articles.clone() presets=item.presets.clone()/>
            </details>
            <NoteField item_id=item_id.clone() title=item.title.clone() response/>
        </article>
    }
}

/// The links of an item to the articles and presets that explain it, one
/// short line per kind.
#[component]
pub fn ItemLinks(articles: Vec<String>, presets: Vec<String>) -> impl IntoView {
    let session = use_session();
    let line = move |kind: LinkKind, label: &'static str, ids: Vec<String>| {
        (!ids.is_empty()).then(|| {
            let links = ids
                .into_iter()
                .map(|id| {
                    let title = {
                        let id = id.clone();
                        move || {
                            session.titles.with(|titles| {
                                session
                                    .with_checklist(|checklist| titles.title(kind, &id, checklist))
                            })
                        }
                    };
                    view! { <li><a href=target_href(kind, &id)>{title}</a></li> }
                })
                .collect_view();
            view! {
                <div class="links-line">
                    <span class="links-label">{label}</span>
                    <ul class="inline-links">{links}</ul>
                </div>
            }
        })
    };
    view! {
        {line(LinkKind::Article, "Read in the guide:", articles)}
        {line(LinkKind::Preset, "See it in the simulator:", presets)}
    }
}

/// Why the item does not apply (optional), shown with "Not applicable".
#[component]
fn ReasonField(item_id: String, response: Memo<ItemResponse>) -> impl IntoView {
    let session = use_session();
    let id = part_id(&item_id, "reason");
    // The field keeps its own text while typing; the saved reason is trimmed.
    let initial = response.with_untracked(|response| response.reason.clone());
    let on_input = move |event| {
        let text = event_target_value(&event);
        session.edit(|assessment| assessment.answers.set_reason(&item_id, &text));
    };
    view! {
        <div class="item-field">
            <label for=id.clone()>"Why it does not apply (optional)"</label>
            <input
                type="text"
                id=id
                class="item-reason"
                prop:value=initial
                disabled=move || session.is_read_only()
                on:input=on_input
            />
        </div>
    }
}

/// A free note on the item (evidence, owner, next step).
#[component]
fn NoteField(item_id: String, title: String, response: Memo<ItemResponse>) -> impl IntoView {
    let session = use_session();
    let id = part_id(&item_id, "note");
    let initial = response.with_untracked(|response| response.note.clone());
    let has_note = !initial.is_empty();
    let summary = move || {
        if response.with(|response| response.note().is_some()) {
            "Note"
        } else {
            "Add a note"
        }
    };
    let on_input = move |event| {
        let text = event_target_value(&event);
        session.edit(|assessment| assessment.answers.set_note(&item_id, &text));
    };
    view! {
        <details class="item-note" open=has_note>
            <summary>{summary}</summary>
            <label for=id.clone() class="item-note-label">
                "Evidence, owner or next step"
                <span class="visually-hidden">" for: " {title}</span>
            </label>
            <textarea
                id=id
                rows="2"
                prop:value=initial
                disabled=move || session.is_read_only()
                on:input=on_input
            ></textarea>
        </details>
    }
}
