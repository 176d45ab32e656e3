//! Editing the fault timeline: what goes wrong, where, and when.

use leptos::prelude::*;

use super::fields::{
    number_field, optional_number_field, same_options, section_messages, select_field, FieldSpec,
    NumKind,
};
use super::lens::Lens;
use crate::simulator::workbench::{Side, Workbench};
use faultline_engine::scenario::{FaultKind, FaultSpec};
use faultline_engine::scenario_edit::{add_fault, set_fault_kind};

fn kind_id(k: FaultKind) -> &'static str {
    match k {
        FaultKind::Slow => "slow",
        FaultKind::Error => "error",
        FaultKind::Hang => "hang",
        FaultKind::Down => "down",
    }
}

fn kind_from_id(id: &str) -> FaultKind {
    match id {
        "error" => FaultKind::Error,
        "hang" => FaultKind::Hang,
        "down" => FaultKind::Down,
        _ => FaultKind::Slow,
    }
}

fn fault_editor(wb: Workbench, side: Side, k: usize, services: Memo<Vec<String>>) -> impl IntoView {
    let fault: Lens<FaultSpec> = Lens::root().fault(k);
    let p = move |field: &str| format!("faults[{k}].{field}");
    let draft = wb.drafts[side];
    let reader = fault.clone();
    let kind =
        Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|s| reader.view(s, |f| f.kind))));
    let remove = move |_| {
        wb.edit_side(side, |s| {
            if k < s.faults.len() {
                s.faults.remove(k);
            }
        });
    };
    let params = {
        let fault = fault.clone();
        move || match kind.get() {
            Some(FaultKind::Slow) => number_field(
                FieldSpec::new(wb, side, p("factor"), "Work takes").unit("times as long"),
                NumKind::Real,
                fault.get(|f| f.factor.unwrap_or(f64::NAN)),
                fault.set(|f: &mut FaultSpec, v: f64| f.factor = Some(v)),
            )
            .into_any(),
            Some(FaultKind::Error) => number_field(
                FieldSpec::new(wb, side, p("rate"), "Share of requests that fail")
                    .hint("From 0 to 1."),
                NumKind::Real,
                fault.get(|f| f.rate.unwrap_or(f64::NAN)),
                fault.set(|f: &mut FaultSpec, v: f64| f.rate = Some(v)),
            )
            .into_any(),
            Some(FaultKind::Down) => optional_number_field(
                FieldSpec::new(wb, side, p("replicas"), "Replicas down")
                    .hint("Empty: all of them (or the one named below)."),
                NumKind::Whole,
                fault.get(|f| f.replicas.map(f64::from)),
                fault.set(|f: &mut FaultSpec, v: Option<f64>| f.replicas = v.map(|v| v as u32)),
            )
            .into_any(),
            _ => ().into_any(),
        }
    };
    view! {
        <fieldset class="editor-fieldset fault">
            <legend>{format!("Fault {}", k + 1)}</legend>
            {section_messages(wb, side, format!("faults[{k}]"))}
            <div class="field-row">
                {
                    let fault = fault.clone();
                    move || select_field(
                        FieldSpec::new(wb, side, p("service"), "Service"),
                        same_options(services.get()),
                        fault.get(|f| f.service.clone()),
                        fault.set(|f: &mut FaultSpec, v: String| f.service = v),
                    )
                }
                {select_field(
                    FieldSpec::new(wb, side, p("kind"), "What happens"),
                    vec![
                        ("slow".to_string(), "Slows down".to_string()),
                        ("error".to_string(), "Fails some requests".to_string()),
                        ("hang".to_string(), "Hangs (work never finishes)".to_string()),
                        ("down".to_string(), "Goes down".to_string()),
                    ],
                    fault.get(|f| kind_id(f.kind).to_string()),
                    fault.set(|f: &mut FaultSpec, v: String| set_fault_kind(f, kind_from_id(&v))),
                )}
            </div>
            <div class="field-row">
                {number_field(
                    FieldSpec::new(wb, side, p("from_s"), "From").unit("s"),
                    NumKind::Real,
                    fault.get(|f| f.from_s),
                    fault.set(|f: &mut FaultSpec, v: f64| f.from_s = v),
                )}
                {number_field(
                    FieldSpec::new(wb, side, p("to_s"), "Until").unit("s"),
                    NumKind::Real,
                    fault.get(|f| f.to_s),
                    fault.set(|f: &mut FaultSpec, v: f64| f.to_s = v),
                )}
            </div>
            {params}
            {optional_number_field(
                FieldSpec::new(wb, side, p("replica"), "Only replica number").hint("Counting from 0. Empty: every replica."),
                NumKind::Whole,
                fault.get(|f| f.replica.map(f64::from)),
                fault.set(|f: &mut FaultSpec, v: Option<f64>| f.replica = v.map(|v| v as u32)),
            )}
            <div class="editor-actions">
                <button type="button" class="button-danger" on:click=remove>{format!("Remove fault {}", k + 1)}</button>
            </div>
        </fieldset>
    }
}

pub fn faults_editor(wb: Workbench, side: Side) -> impl IntoView {
    let draft = wb.drafts[side];
    let count = Memo::new(move |_| draft.with(|d| d.as_ref().map_or(0, |s| s.faults.len())));
    let services = wb.service_names(side);
    let add = move |_| {
        wb.edit_side(side, |s| {
            if let Some(name) = s.services.last().map(|x| x.name.clone()) {
                add_fault(s, &name);
            }
        });
    };
    view! {
        <div class="editor-form">
            <p class="muted">"Faults switch on and off at set times: watch what the rest of the system does meanwhile, and after."</p>
            {section_messages(wb, side, "faults".to_string())}
            {move || {
                let n = count.get();
                if n == 0 {
                    view! { <p>"No faults: everything works as designed."</p> }.into_any()
                } else {
                    (0..n).map(|k| fault_editor(wb, side, k, services)).collect_view().into_any()
                }
            }}
            <button type="button" on:click=add>"Add a fault"</button>
        </div>
    }
}
