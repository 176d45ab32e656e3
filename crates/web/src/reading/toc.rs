//! The table of contents: a sticky sidebar on wide screens, a collapsible
//! block at the top on narrow ones, with the section being read highlighted.
//!
//! One `<details>` serves both layouts: it starts open when the screen is wide
//! enough for the sidebar and closed otherwise, and on a narrow screen it
//! closes again after a jump so the text is not hidden behind it.

use crate::base::href;
use faultline_site_data::TocEntry;
use leptos::ev;
use leptos::html::Details;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// The media query under which the contents sit beside the text
/// (keep in step with `assets/reading.css`).
const SIDEBAR_MEDIA: &str = "(min-width: 64rem)";

/// A heading counts as "being read" once its top is above this line
/// (pixels from the top of the viewport).
const READING_LINE: f64 = 140.0;

/// An extra line in the contents for a section the page adds after the body.
#[derive(Clone)]
pub struct ExtraEntry {
    pub id: &'static str,
    pub text: &'static str,
}

/// The contents of one article.
#[component]
pub fn TableOfContents(
    /// The article's slug (links are `articles/SLUG#id`).
    slug: String,
    /// The body's `##` and `###` headings.
    entries: Vec<TocEntry>,
    /// Sections after the body (sources, checklist, presets).
    extra: Vec<ExtraEntry>,
    /// Open even on a narrow screen, where the contents start closed.
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let details = NodeRef::<Details>::new();
    let ids: Vec<String> = entries
        .iter()
        .map(|entry| entry.id.clone())
        .chain(extra.iter().map(|entry| entry.id.to_string()))
        .collect();
    let current = track_current_section(ids);
    let link = move |id: &str| href(&format!("/articles/{slug}#{id}"));
    let groups = group_by_section(entries);

    let close_if_narrow = move || {
        if !sidebar_layout() {
            if let Some(details) = details.get_untracked() {
                details.set_open(false);
            }
        }
    };
    let item = move |id: String, text: String, class: &'static str| {
        let is_current = {
            let id = id.clone();
            move || current.get().as_deref() == Some(id.as_str())
        };
        view! {
            <a
                class=class
                class:current=is_current.clone()
                href=link(&id)
                aria-current=move || is_current().then_some("location")
            >
                {text}
            </a>
        }
    };

    view! {
        <nav class="toc" aria-label="On this page">
            <details node_ref=details open=open || sidebar_layout() on:click=close_on_link(close_if_narrow)>
                <summary class="toc-summary">"On this page"</summary>
                <ol class="toc-list">
                    {groups
                        .into_iter()
                        .map(|(section, subsections)| {
                            let children = (!subsections.is_empty())
                                .then(|| {
                                    view! {
                                        <ol class="toc-sublist">
                                            {subsections
                                                .into_iter()
                                                .map(|sub| view! { <li>{item(sub.id, sub.text, "toc-link toc-link-sub")}</li> })
                                                .collect_view()}
                                        </ol>
                                    }
                                });
                            view! { <li>{item(section.id, section.text, "toc-link")} {children}</li> }
                        })
                        .collect_view()}
                    {extra
                        .into_iter()
                        .map(|entry| {
                            view! { <li class="toc-extra">{item(entry.id.to_string(), entry.text.to_string(), "toc-link")}</li> }
                        })
                        .collect_view()}
                </ol>
            </details>
        </nav>
    }
}

/// Calls `then` when a click inside the contents landed on a link.
fn close_on_link(then: impl Fn() + 'static) -> impl Fn(ev::MouseEvent) + 'static {
    move |event: ev::MouseEvent| {
        let on_link = event
            .target()
            .and_then(|target| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .and_then(|element| element.closest("a").ok().flatten())
            .is_some();
        if on_link {
            then();
        }
    }
}

/// `##` headings with the `###` headings under each. A `###` before any `##`
/// becomes a section of its own rather than being dropped.
fn group_by_section(entries: Vec<TocEntry>) -> Vec<(TocEntry, Vec<TocEntry>)> {
    let mut groups: Vec<(TocEntry, Vec<TocEntry>)> = Vec::new();
    for entry in entries {
        match groups.last_mut() {
            Some((_, subsections)) if entry.level > 2 => subsections.push(entry),
            _ => groups.push((entry, Vec::new())),
        }
    }
    groups
}

/// Whether the contents sit beside the text (wide screens).
fn sidebar_layout() -> bool {
    if cfg!(feature = "ssr") {
        return false;
    }
    web_sys::window()
        .and_then(|window| window.match_media(SIDEBAR_MEDIA).ok().flatten())
        .is_some_and(|query| query.matches())
}

/// The id of the last heading (of `ids`, in document order) whose top has
/// scrolled above the reading line; updated at most once per frame while the
/// page scrolls, and dropped with the component.
fn track_current_section(ids: Vec<String>) -> ReadSignal<Option<String>> {
    let (current, set_current) = signal(None::<String>);
    // Prerendering: no scrolling, no window; no section is current yet.
    if cfg!(feature = "ssr") {
        return current;
    }
    let ids = Rc::new(ids);
    let update = {
        let ids = Rc::clone(&ids);
        move || set_current.set(section_at_reading_line(&ids))
    };
    let scheduled = Rc::new(Cell::new(false));
    let on_scroll = {
        let update = update.clone();
        move |_| {
            if scheduled.replace(true) {
                return;
            }
            let scheduled = Rc::clone(&scheduled);
            let update = update.clone();
            request_animation_frame(move || {
                scheduled.set(false);
                update();
            });
        }
    };
    let handle = window_event_listener(ev::scroll, on_scroll);
    on_cleanup(move || handle.remove());
    // Once the body is in the page (a deep link may start mid-article).
    request_animation_frame(update);
    current
}

fn section_at_reading_line(ids: &[String]) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let mut current = None;
    for id in ids {
        let Some(heading) = document.get_element_by_id(id) else {
            continue;
        };
        if heading.get_bounding_client_rect().top() > READING_LINE {
            break;
        }
        current = Some(id.clone());
    }
    current
}
