//! Search across the guide: a search box with results as you type,
//! highlighted matches and keyboard navigation.
//!
//! It follows the ARIA combobox pattern: focus stays in the text field, the
//! arrow keys move a highlight through the results (`aria-activedescendant`),
//! Enter opens the highlighted (or first) result and Escape closes the list,
//! then clears the field. Each result is a real link (`<a role="option">`), so
//! clicking, middle-clicking and opening in a new tab work as for any link;
//! Enter clicks it, and the browser opens it. The index is fetched
//! the first time the field gets focus (see `search_index`).

use super::search_index;
use crate::base::href;
use faultline_site_data::{SearchHit, SnippetPart};
use leptos::either::Either;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use wasm_bindgen::JsCast;

/// Where the index is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum IndexState {
    NotLoaded,
    Loading,
    Ready,
    /// Loading failed; the text says why. Focusing the field tries again.
    Failed(String),
}

/// The search box and its results.
#[component]
pub fn GuideSearch(
    /// Prefix for the element ids, unique on the page.
    id_prefix: &'static str,
    /// How many results to list at most.
    limit: usize,
    /// The label (visible unless `compact`).
    #[prop(into)]
    label: String,
    /// A small box for a sidebar: the label becomes the placeholder and the
    /// usage hint is left to assistive technology.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let ids = Ids::new(id_prefix);
    let state = RwSignal::new(if search_index::is_loaded() {
        IndexState::Ready
    } else {
        IndexState::NotLoaded
    });
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    let hits = Memo::new(move |_| {
        if state.get() == IndexState::Ready {
            search_index::search(&query.get())
        } else {
            Vec::new()
        }
    });
    let shown =
        Memo::new(move |_| hits.with(|hits| hits.iter().take(limit).cloned().collect::<Vec<_>>()));
    let expanded = move || open.get() && !shown.with(Vec::is_empty);

    let ensure_loaded = move || {
        if !matches!(
            state.get_untracked(),
            IndexState::NotLoaded | IndexState::Failed(_)
        ) {
            return;
        }
        state.set(IndexState::Loading);
        spawn_local_scoped_with_cancellation(async move {
            match search_index::load().await {
                Ok(()) => state.set(IndexState::Ready),
                Err(error) => state.set(IndexState::Failed(error)),
            }
        });
    };

    let on_input = move |event: ev::Event| {
        ensure_loaded();
        query.set(event_target_value(&event));
        active.set(None);
        open.set(true);
    };
    let on_focus = move |_| {
        ensure_loaded();
        if !query.get_untracked().trim().is_empty() {
            open.set(true);
        }
    };
    let option_id = ids.option.clone();
    let on_keydown = move |event: ev::KeyboardEvent| {
        let count = shown.with_untracked(Vec::len);
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                open.set(true);
                let down = event.key() == "ArrowDown";
                let next = step(active.get_untracked(), count, down);
                active.set(Some(next));
                reveal(&format!("{option_id}{next}"));
            }
            "Enter" if open.get_untracked() && count > 0 => {
                event.prevent_default();
                let chosen = active.get_untracked().unwrap_or(0);
                follow(&format!("{option_id}{chosen}"));
                open.set(false);
                active.set(None);
            }
            "Escape" => {
                if open.get_untracked() && count > 0 {
                    event.prevent_default();
                    open.set(false);
                    active.set(None);
                } else if !query.get_untracked().is_empty() {
                    event.prevent_default();
                    query.set(String::new());
                    active.set(None);
                }
            }
            _ => {}
        }
    };

    let status = move || status_text(&state.get(), &query.get(), hits.with(Vec::len), limit);
    let option_id = ids.option.clone();
    let active_descendant = move || {
        active
            .get()
            .filter(|_| expanded())
            .map(|index| format!("{option_id}{index}"))
    };
    let option_id = ids.option.clone();
    let results = move || {
        shown
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, hit)| {
                let id = format!("{option_id}{index}");
                let link = href(&format!("/{}", hit.href()));
                let selected = move || active.get() == Some(index);
                view! {
                    <a
                        role="option"
                        id=id
                        class="search-hit"
                        class:active=selected
                        href=link
                        tabindex="-1"
                        aria-selected=move || if selected() { "true" } else { "false" }
                        on:mousemove=move |_| {
                            if active.get_untracked() != Some(index) {
                                active.set(Some(index));
                            }
                        }
                        on:click=move |_| {
                            open.set(false);
                            active.set(None);
                        }
                    >
                        <HitText hit/>
                    </a>
                }
            })
            .collect_view()
    };

    let (box_class, label_class, placeholder) = if compact {
        ("guide-search compact", "visually-hidden", label.clone())
    } else {
        (
            "guide-search",
            "search-label",
            "Try “retry budget” or “outbox”".to_string(),
        )
    };
    view! {
        <div class=box_class role="search">
            <label class=label_class for=ids.input.clone()>{label}</label>
            <input
                id=ids.input.clone()
                class="search-input"
                type="search"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=ids.list.clone()
                aria-expanded=move || if expanded() { "true" } else { "false" }
                aria-activedescendant=active_descendant
                aria-describedby=ids.hint.clone()
                autocomplete="off"
                spellcheck="false"
                // Prerendered, the box cannot search (that takes the reading
                // island) and the island's own box replaces it: it takes
                // focus, which starts the island and moves to the island's
                // box, but no typing, which would be lost.
                readonly=cfg!(feature = "ssr")
                placeholder=placeholder
                prop:value=move || query.get()
                on:input=on_input
                on:focus=on_focus
                on:keydown=on_keydown
            />
            <p class="search-hint" id=ids.hint.clone()>
                "Use the arrow keys to pick a result, Enter to open it, Escape to close the list."
            </p>
            <p class="search-status" role="status">{status}</p>
            <div
                id=ids.list.clone()
                class="search-results"
                role="listbox"
                aria-label="Search results"
                hidden=move || !expanded()
            >
                {results}
            </div>
        </div>
    }
}

/// The ids of a search box's parts.
struct Ids {
    input: String,
    hint: String,
    list: String,
    /// Prefix of each option's id (followed by its index).
    option: String,
}

impl Ids {
    fn new(prefix: &str) -> Ids {
        Ids {
            input: format!("{prefix}-input"),
            hint: format!("{prefix}-hint"),
            list: format!("{prefix}-results"),
            option: format!("{prefix}-result-"),
        }
    }
}

/// The next highlighted result, wrapping around at both ends.
fn step(current: Option<usize>, count: usize, down: bool) -> usize {
    match (current, down) {
        (None, true) => 0,
        (None, false) => count.saturating_sub(1),
        (Some(index), true) => (index + 1) % count,
        (Some(index), false) => index.checked_sub(1).unwrap_or(count - 1),
    }
}

/// What the live region says: loading, failure, or how many sections match.
fn status_text(state: &IndexState, query: &str, matches: usize, limit: usize) -> String {
    let query = query.trim();
    match state {
        IndexState::NotLoaded => String::new(),
        IndexState::Loading if query.is_empty() => String::new(),
        IndexState::Loading => "Loading the search index…".to_string(),
        IndexState::Failed(error) => format!("Search is unavailable: {error}"),
        IndexState::Ready if query.is_empty() => String::new(),
        IndexState::Ready if matches == 0 => format!("No section of the guide matches “{query}”."),
        IndexState::Ready if matches == 1 => "1 section matches.".to_string(),
        IndexState::Ready if matches > limit => {
            format!("{matches} sections match; the best {limit} are listed.")
        }
        IndexState::Ready => format!("{matches} sections match."),
    }
}

/// Scrolls a result into view if the highlight moved off screen.
fn reveal(id: &str) {
    if let Some(element) = element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Clicks a result, so that Enter does exactly what a click does.
fn follow(id: &str) {
    if let Some(link) =
        element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        link.click();
    }
}

fn element_by_id(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Where a hit is (article, section) and its snippet with `<mark>`ed matches.
#[component]
fn HitText(hit: SearchHit) -> impl IntoView {
    let section = hit.heading.unwrap_or_else(|| "Introduction".to_string());
    view! {
        <span class="search-hit-where">
            <span class="search-hit-title">{hit.title}</span>
            <span class="search-hit-section">{section}</span>
        </span>
        <span class="search-hit-snippet">
            {hit.snippet.into_iter().map(snippet_part).collect_view()}
        </span>
    }
}

fn snippet_part(part: SnippetPart) -> Either<impl IntoView, String> {
    if part.highlight {
        Either::Left(view! { <mark>{part.text}</mark> })
    } else {
        Either::Right(part.text)
    }
}
