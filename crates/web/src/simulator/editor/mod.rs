//! The scenario editor: a list of the scenario's parts (the run and its
//! load, each service, the faults) and a form for the selected one. Calls
//! open from their service's form or from the diagram.
//!
//! The list is part of the page; the forms are not. Most visitors run
//! presets without editing them, so the forms' code ([`editor_forms`] and
//! everything only it reaches) is split off and fetched the first time the
//! reader turns to the editor ([`body`]; the prerendered forms stand in
//! until then, [`stand_in`]).
//!
//! - [`body`]: the editor's body: the forms, or their stand-in while they load.
//! - [`stand_in`]: the prerendered forms, kept until the live ones arrive,
//!   and what the reader entered into them.
//! - [`fields`]: form fields bound to a draft value, with inline messages.
//! - [`lens`]: composable accessors to a value inside a scenario.
//! - [`run`], [`service`], [`call`], [`faults`]: one form per part;
//!   [`dist`] and [`retry`] are shared sub-forms.

pub mod body;
mod call;
mod dist;
mod faults;
pub mod fields;
mod lens;
mod retry;
mod run;
mod service;
pub mod stand_in;

use leptos::prelude::*;

use self::body::EditorBody;
use crate::simulator::workbench::{Selection, Side, Workbench, A, B};
use faultline_engine::scenario_edit::add_service;

fn heading(wb: &Workbench, side: Side, selection: &Selection) -> String {
    let name = |i: usize| {
        wb.drafts[side].with(|d| {
            d.as_ref()
                .and_then(|s| s.services.get(i))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    };
    match selection {
        Selection::Run => "Run, load and users".to_string(),
        Selection::Service(i) => format!("Service {}", name(*i)),
        Selection::Call(i, j) => {
            let to = wb.drafts[side].with(|d| {
                d.as_ref()
                    .and_then(|s| s.services.get(*i))
                    .and_then(|s| s.calls.get(*j))
                    .map(|c| c.to.clone())
                    .unwrap_or_default()
            });
            format!("Call {} → {to}", name(*i))
        }
        Selection::Faults => "Faults".to_string(),
    }
}

/// Whether the selection still points at something in the draft.
fn exists(wb: &Workbench, side: Side, selection: &Selection) -> bool {
    wb.drafts[side].with_untracked(|d| {
        let Some(s) = d.as_ref() else {
            return false;
        };
        match *selection {
            Selection::Run | Selection::Faults => true,
            Selection::Service(i) => i < s.services.len(),
            Selection::Call(i, j) => s.services.get(i).is_some_and(|x| j < x.calls.len()),
        }
    })
}

/// The form for the selected part of the scenario, under its title: the
/// editor's body once its code is in (a split point hands this function to
/// the page; the build draws it in place).
pub fn editor_forms(wb: Workbench) -> AnyView {
    let side = wb.editing;
    let body = move || {
        let s = side.get();
        let selection = wb.selection.get();
        let title = {
            let selection = selection.clone();
            move || heading(&wb, s, &selection)
        };
        let form = if !exists(&wb, s, &selection) {
            view! { <p>"That part of the scenario no longer exists. Pick another from the list."</p> }.into_any()
        } else {
            match selection {
                Selection::Run => run::run_editor(wb, s).into_any(),
                Selection::Service(i) => service::service_editor(wb, s, i).into_any(),
                Selection::Call(i, j) => call::call_editor(wb, s, i, j).into_any(),
                Selection::Faults => faults::faults_editor(wb, s).into_any(),
            }
        };
        view! {
            <h3 class="editor-title" id="sim-editor-part" tabindex="-1">{title}</h3>
            {form}
        }
    };
    body.into_any()
}

#[component]
pub fn EditorPanel(wb: Workbench) -> impl IntoView {
    let side = wb.editing;
    let services = Memo::new(move |_| {
        let s = side.get();
        wb.drafts[s].with(|d| {
            d.as_ref()
                .map(|d| {
                    d.services
                        .iter()
                        .map(|x| x.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let fault_count = Memo::new(move |_| {
        let s = side.get();
        wb.drafts[s].with(|d| d.as_ref().map_or(0, |d| d.faults.len()))
    });
    let nav_button = move |label: String, target: Selection| {
        let pressed = {
            let target = target.clone();
            move || {
                let current = wb.selection.get();
                let same = match (&current, &target) {
                    (Selection::Call(i, _), Selection::Service(k)) => i == k,
                    _ => current == target,
                };
                if same {
                    "true"
                } else {
                    "false"
                }
            }
        };
        view! {
            <button type="button" class="chip" aria-pressed=pressed on:click=move |_| wb.selection.set(target.clone())>
                {label}
            </button>
        }
    };
    let add = move |_| {
        let mut added = 0;
        wb.edit_side(side.get_untracked(), |s| added = add_service(s));
        wb.selection.set(Selection::Service(added));
    };
    let side_switch = move || {
        wb.compare.get().then(|| {
            let choice = move |value: Side, label: &'static str| {
                view! {
                    <button type="button" class="segment"
                        aria-pressed=move || if side.get() == value { "true" } else { "false" }
                        on:click=move |_| side.set(value)>
                        {label}
                    </button>
                }
            };
            view! {
                <div class="segmented" role="group" aria-label="Which variant to edit">
                    {choice(A, "Edit A")}
                    {choice(B, "Edit B")}
                </div>
            }
        })
    };
    view! {
        <section class="sim-section sim-editor" aria-labelledby="sim-editor-title">
            <div class="sim-section-head">
                <h2 id="sim-editor-title">"Design"</h2>
                {side_switch}
            </div>
            <nav class="editor-nav" aria-label="Parts of the scenario">
                {nav_button("Run and load".to_string(), Selection::Run)}
                {move || services.get().into_iter().enumerate()
                    .map(|(i, name)| nav_button(name, Selection::Service(i)))
                    .collect_view()}
                {move || nav_button(format!("Faults ({})", fault_count.get()), Selection::Faults)}
                <button type="button" class="chip chip-add" on:click=add>"+ Add a service"</button>
            </nav>
            <EditorBody wb=wb/>
        </section>
    }
}
