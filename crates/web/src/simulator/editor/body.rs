//! The editor's body: the form for the selected part, whose code is fetched
//! the first time the reader turns to the editor.
//!
//! Until then the prerendered forms stand in ([`StandIn`]): the reader can
//! read them, focus and type into them, and the first focus, press or key
//! inside them fetches the live forms, which take over what was entered.
//! Anything that makes the stand-in wrong (another part picked in the list
//! or the diagram, another scenario, compare mode, an edit elsewhere)
//! fetches them too; meanwhile the stand-in is shown inert under a loading
//! line. A page with no stand-in (a shared scenario) fetches them at once.

use leptos::prelude::*;

use super::stand_in::{StandIn, BODY_ID};
use crate::simulator::on_first_use::{
    fetch_part, unavailable, OwnTasks, PartState, PartView, SplitParts,
};
use crate::simulator::workbench::{Selection, Workbench, A};

/// The forms drawn in place, with no fetch: the build's prerendering (the
/// `ssr` page provides it), where nothing is split off.
#[derive(Clone, Copy)]
pub struct DrawnEditor(pub PartView);

/// The forms' code: Waiting while the stand-in shows and nobody asked.
type State = PartState<PartView>;

#[component]
pub fn EditorBody(wb: Workbench) -> impl IntoView {
    if let Some(DrawnEditor(forms)) = use_context::<DrawnEditor>() {
        return view! { <div class="editor-body" id=BODY_ID>{forms(wb)}</div> }.into_any();
    }
    let load = use_context::<SplitParts>().map_or(unavailable as _, |parts| parts.editor);
    let stand_in = use_context::<StandIn>();
    let state = RwSignal::new(PartState::Waiting);
    let kept = StoredValue::new(stand_in.clone());
    // Whether the stand-in no longer shows what the page shows: another
    // scenario, an edit, another part or variant. Until a scenario is open
    // (a linked preset loading) it is not stale yet.
    let stale = Memo::new(move |_| {
        if matches!(state.get(), PartState::Ready(_)) {
            return true;
        }
        kept.with_value(|stand_in| {
            let Some(stand_in) = stand_in else {
                return true;
            };
            wb.origin.with(|origin| {
                origin.as_ref().is_some_and(|origin| {
                    origin.preset.as_deref() != Some(stand_in.preset.as_str())
                        || wb.drafts[A].with(|draft| draft.as_ref() != Some(&origin.loaded))
                        || wb.editing.get() != A
                        || wb.selection.get() != Selection::Run
                        || wb.compare.get()
                })
            })
        })
    });

    let tasks = OwnTasks::here();
    let fetch = move || {
        fetch_part(state, load, tasks, move |forms| {
            take_over(wb, forms, state, kept.get_value())
        })
    };
    Effect::new(move |_| {
        if stale.get() {
            fetch();
        }
    });

    let ready = move || matches!(state.get(), PartState::Ready(_));
    let failed = move || {
        matches!(state.get(), PartState::Failed).then(|| {
            view! {
                <div class="notice notice-error" role="alert" id="sim-editor-failed">
                    <p>"The editor could not be loaded: check the connection and try again."</p>
                    <button type="button" id="sim-editor-retry" on:click=move |_| fetch()>"Try again"</button>
                </div>
            }
        })
    };
    // Not over a stand-in that still fits: the reader may be typing into it.
    let loading = move || {
        (matches!(state.get(), PartState::Loading) && stale.get()).then(|| {
            view! { <p class="notice editor-loading" role="status">"Loading the editor…"</p> }
        })
    };
    let held = stand_in.map(|stand_in| {
        let noted = stand_in.clone();
        let inert = move || stale.get() || matches!(state.get(), PartState::Failed);
        view! {
            <Show when=move || !ready()>
                <div
                    class="editor-stand-in-host"
                    class:editor-stale=inert
                    inert=inert
                    use:hold=stand_in.clone()
                    on:focusin=move |_| fetch()
                    on:keydown=move |_| fetch()
                    on:input=move |_| fetch()
                    on:pointerdown=move |_| fetch()
                    on:click={
                        let noted = noted.clone();
                        move |event| noted.note_press(event.target())
                    }
                ></div>
            </Show>
        }
    });
    let live = move || match state.get() {
        PartState::Ready(forms) => Some(forms(wb)),
        _ => None,
    };
    view! {
        <div class="editor-body" id=BODY_ID aria-busy=move || (!ready()).then_some("true")>
            {failed}
            {loading}
            {held}
            {live}
        </div>
    }
    .into_any()
}

/// Puts the stand-in's element inside `host` (a directive: it runs as the
/// host is built, so the reader's focus and text are back at once).
fn hold(host: leptos::tachys::renderer::types::Element, stand_in: StandIn) {
    let _ = host.append_child(stand_in.element());
}

/// The live forms replace the stand-in and take over what the reader
/// entered into it, unless another scenario has been opened since (its
/// values belong to a draft that is gone). The entries belong to the
/// stand-in's view (variant A, "Run and load"): if the reader has moved on,
/// the forms show that view for the replay, then return to where the
/// reader is.
fn take_over(wb: Workbench, forms: PartView, state: RwSignal<State>, stand_in: Option<StandIn>) {
    let entered = stand_in
        .filter(|stand_in| {
            wb.origin.with_untracked(|origin| {
                origin.as_ref().and_then(|o| o.preset.as_deref()) == Some(stand_in.preset.as_str())
            })
        })
        .map(|s| s.entered())
        .filter(|entered| !entered.is_empty() || entered.focus.is_some());
    let Some(entered) = entered else {
        state.set(PartState::Ready(forms));
        return;
    };
    let was = (wb.editing.get_untracked(), wb.selection.get_untracked());
    let moved = was != (A, Selection::Run);
    if moved {
        wb.editing.set(A);
        wb.selection.set(Selection::Run);
    }
    let mut entered = entered;
    if moved {
        // The focus was on a control of a view the reader has left.
        entered.focus = None;
    }
    state.set(PartState::Ready(forms));
    let Some(root) = document().get_element_by_id(BODY_ID) else {
        return;
    };
    entered.replay(root, move || {
        if moved {
            let _ = wb.editing.try_set(was.0);
            let _ = wb.selection.try_set(was.1);
        }
    });
}
