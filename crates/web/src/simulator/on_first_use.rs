//! Parts of the simulator page whose code is fetched the first time a
//! reader opens or uses them, not with the page.
//!
//! Most readers run presets and edit them; few sweep. A part like the
//! sweep tools is therefore reached through a *split point*: a function
//! marked with `wasm_split` (the crate Leptos's own `#[lazy]` uses, here
//! with its `fallible` option, so a failed fetch is an error the page shows
//! rather than a panic). `scripts/build-bundles.mjs` runs `wasm-split-cli`
//! on the simulator bundle, which moves every function only a split point
//! reaches into a wasm file of its own, fetched when the point is first
//! called.
//!
//! The split points are in the simulator bundle's crate
//! (`crates/bundles/simulator`), which hands them to the page as
//! [`SplitParts`] (a context): a split point is an exported symbol, and in
//! this crate it would be linked, with all it reaches, into every bundle
//! that uses the web crate. A split function returns a plain `fn` that
//! builds the part's view, so the view is built in the page's reactive
//! owner like any other, while its code (and everything only it uses) lives
//! in the split-off file.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::share_panel::ResultsWriter;
use super::workbench::Workbench;

/// Builds a part's view (its code is in the part's own wasm file).
pub type PartView = fn(Workbench) -> AnyView;

/// The part's code could not be fetched (the network, or a missing file).
#[derive(Debug)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A split function's result: the function it hands over, once its code is in.
pub type Fetching<T> = Pin<Box<dyn Future<Output = Result<T, NotLoaded>>>>;

/// Fetches a part's code (a split function wrapped as `|| Box::pin(f())`).
pub type Loader = fn() -> Fetching<PartView>;

/// The parts the simulator bundle splits off, as its `mount` provides them
/// (a context). Without it (the prerendered page) a part cannot open.
#[derive(Clone, Copy)]
pub struct SplitParts {
    /// The sweep panel's form, pool, curve and exports.
    pub sweep_tools: Loader,
    /// Compare mode's table of differences.
    pub compare_table: Loader,
    /// The editor's forms (`editor::editor_forms`).
    pub editor: Loader,
    /// The writers of the results files (CSV and JSON).
    pub results_writer: fn() -> Fetching<ResultsWriter>,
}

/// The loader of a part nobody provided: it never loads.
pub fn unavailable<T: 'static>() -> Fetching<T> {
    Box::pin(async { Err(NotLoaded) })
}

/// Starts a part's fetch as a task of the component that loads the part,
/// not of the button or field that asked (which goes away as the part's
/// state changes): leaving the page cancels it.
#[derive(Clone, Copy)]
pub struct OwnTasks(StoredValue<Option<Owner>, LocalStorage>);

impl OwnTasks {
    /// The tasks of the component being built.
    pub fn here() -> OwnTasks {
        OwnTasks(StoredValue::new_local(Owner::current()))
    }

    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        match self.0.get_value() {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task)),
            None => leptos::task::spawn_local_scoped_with_cancellation(task),
        }
    }
}

/// Where a part's code is.
#[derive(Clone, Copy)]
pub enum PartState<T> {
    /// Not fetched: nobody has asked for the part yet.
    Waiting,
    Loading,
    Failed,
    Ready(T),
}

/// Fetches a part's code with `load`, unless it is in or on its way, and
/// hands it to `ready`; a failed fetch leaves `state` Failed, to be tried
/// again.
pub fn fetch_part<T: Copy + Send + Sync + 'static>(
    state: RwSignal<PartState<T>>,
    load: fn() -> Fetching<T>,
    tasks: OwnTasks,
    ready: impl FnOnce(T) + 'static,
) {
    if matches!(
        state.get_untracked(),
        PartState::Loading | PartState::Ready(_)
    ) {
        return;
    }
    state.set(PartState::Loading);
    tasks.spawn(async move {
        match load().await {
            Ok(part) => ready(part),
            Err(NotLoaded) => state.set(PartState::Failed),
        }
    });
}

/// A part loaded on first use: a button that opens it, then "Loading…",
/// then the part itself (or what went wrong, and a way to try again).
/// `open` opens it from outside too (a shared link that needs it);
/// `focus` is the id of the element that gets the keyboard focus when the
/// part appears in place of its button.
#[component]
pub fn OnFirstUse(
    wb: Workbench,
    load: Loader,
    /// The id of the button that opens the part.
    button_id: &'static str,
    /// The button's label.
    label: &'static str,
    /// What the part is, for "Loading the {what}…" and its error.
    what: &'static str,
    open: RwSignal<bool>,
    focus: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(PartState::Waiting);
    // The button was pressed (not a link): move the focus into the part.
    let pressed = StoredValue::new(false);
    let tasks = OwnTasks::here();
    let fetch = move || {
        fetch_part(state, load, tasks, move |part| {
            state.set(PartState::Ready(part));
            if pressed.get_value() {
                request_animation_focus(focus);
            }
        })
    };
    // Opened from the start (compare mode's table): no button first.
    if open.get_untracked() {
        fetch();
    }
    Effect::new(move |_| {
        if open.get() {
            fetch();
        }
    });
    let press = move |_| {
        pressed.set_value(true);
        open.set(true);
        fetch();
    };
    move || {
        match state.get() {
        PartState::Waiting => view! {
            <button type="button" id=button_id class="button-primary" on:click=press>{label}</button>
        }
        .into_any(),
        PartState::Loading => view! {
            <p class="notice" role="status" id=format!("{button_id}-loading")>{format!("Loading the {what}…")}</p>
        }
        .into_any(),
        PartState::Failed => view! {
            <div class="notice notice-error" role="alert" id=format!("{button_id}-failed")>
                <p>{format!("The {what} could not be loaded: check the connection and try again.")}</p>
                <button type="button" id=button_id on:click=press>"Try again"</button>
            </div>
        }
        .into_any(),
        PartState::Ready(part) => part(wb),
    }
    }
}

/// Focuses the element with `id` once the part is on the page.
fn request_animation_focus(id: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
