//! The list of what is wrong with the drafts, shown next to the controls
//! while the run cannot start. Each entry says where the problem is in
//! words and takes the reader to the field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dom_id::field_id;
use super::workbench::{Selection, Side, Workbench, A, B};
use faultline_engine::field_path::{describe, locate, Part};
use faultline_engine::FieldError;

/// The editor part that holds the field at `path`.
pub fn selection_for(path: &str) -> Selection {
    match locate(path).0 {
        Part::Run => Selection::Run,
        Part::Service(i) => Selection::Service(i),
        Part::Call(i, j) => Selection::Call(i, j),
        Part::Fault(_) => Selection::Faults,
    }
}

/// Opens the part holding `path` and moves focus to its field (or to the
/// part's heading when the problem is not about one field).
pub fn go_to(wb: Workbench, side: Side, path: String) {
    wb.editing.set(side);
    wb.selection.set(selection_for(&path));
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let target = document
            .get_element_by_id(&field_id(side, &path))
            .or_else(|| document.get_element_by_id("sim-editor-part"));
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

#[component]
pub fn ProblemList(wb: Workbench) -> impl IntoView {
    let entries = Memo::new(move |_| {
        let mut out: Vec<(Side, FieldError, String)> = Vec::new();
        for side in [A, B] {
            if side == B && !wb.compare.get() {
                continue;
            }
            let problems = wb.problems[side].get();
            wb.drafts[side].with(|d| {
                for p in problems {
                    let mut where_ = describe(d.as_ref(), &p.path);
                    if wb.compare.get() {
                        where_ = format!("{}: {where_}", if side == A { "A" } else { "B" });
                    }
                    out.push((side, p, where_));
                }
            });
        }
        out
    });
    move || {
        let list = entries.get();
        (!list.is_empty()).then(|| {
            let count = list.len();
            view! {
                <div class="problems" role="alert">
                    <p class="problems-title">
                        <strong>{if count == 1 { "1 problem".to_string() } else { format!("{count} problems") }}</strong>
                        " to fix before the run can start:"
                    </p>
                    <ul>
                        {list.into_iter().map(|(side, p, where_)| {
                            let path = p.path.clone();
                            view! {
                                <li>
                                    <span class="problem-where">{where_}</span>": "{p.message}" "
                                    <button type="button" class="link-button" on:click=move |_| go_to(wb, side, path.clone())>
                                        "Go to the field"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
