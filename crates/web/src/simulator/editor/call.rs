//! Editing one call: where it goes, sync or async, its timeout and retries,
//! and the protections each mode supports (a circuit breaker and a
//! bulkhead for sync calls, a broker queue for async ones).

use leptos::prelude::*;

use super::dist::optional_dist_editor;
use super::fields::{
    check_field, number_field, optional_number_field, same_options, section_messages, select_field,
    FieldSpec, NumKind,
};
use super::lens::Lens;
use super::retry::{present, retry_editor};
use crate::simulator::workbench::{Selection, Side, Workbench};
use faultline_engine::scenario::{
    BreakerSpec, BrokerSpec, BulkheadSpec, CallMode, CallSpec, OnFull,
};
use faultline_engine::scenario_edit::{remove_call, set_call_mode};

fn breaker_fields(
    wb: Workbench,
    side: Side,
    path: String,
    lens: Lens<Option<BreakerSpec>>,
) -> impl IntoView {
    let b = lens.some();
    let p = move |field: &str| format!("{path}.{field}");
    view! {
        <div class="field-group nested">
            {number_field(
                FieldSpec::new(wb, side, p("failure_rate"), "Opens at failure share").hint("0.5: when half the calls in the window failed."),
                NumKind::Real,
                b.get(|b| b.failure_rate),
                b.set(|b: &mut BreakerSpec, v: f64| b.failure_rate = v),
            )}
            {number_field(
                FieldSpec::new(wb, side, p("window_s"), "Window").unit("s"),
                NumKind::Real,
                b.get(|b| b.window_s),
                b.set(|b: &mut BreakerSpec, v: f64| b.window_s = v),
            )}
            {number_field(
                FieldSpec::new(wb, side, p("min_calls"), "Calls needed in the window").hint("Fewer calls never open it."),
                NumKind::Whole,
                b.get(|b| f64::from(b.min_calls)),
                b.set(|b: &mut BreakerSpec, v: f64| b.min_calls = v as u32),
            )}
            {number_field(
                FieldSpec::new(wb, side, p("open_ms"), "Stays open for").unit("ms"),
                NumKind::Real,
                b.get(|b| b.open_ms),
                b.set(|b: &mut BreakerSpec, v: f64| b.open_ms = v),
            )}
            {number_field(
                FieldSpec::new(wb, side, p("half_open_calls"), "Trial calls when half-open"),
                NumKind::Whole,
                b.get(|b| f64::from(b.half_open_calls)),
                b.set(|b: &mut BreakerSpec, v: f64| b.half_open_calls = v as u32),
            )}
        </div>
    }
}

pub fn call_editor(wb: Workbench, side: Side, i: usize, j: usize) -> impl IntoView {
    let call: Lens<CallSpec> = Lens::root().service(i).call(j);
    let path = format!("services[{i}].calls[{j}]");
    let p = {
        let path = path.clone();
        move |field: &str| format!("{path}.{field}")
    };
    let draft = wb.drafts[side];
    let reader = call.clone();
    let mode =
        Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|s| reader.view(s, |c| c.mode))));
    let from = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .and_then(|s| s.services.get(i))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    });
    let targets = wb.call_targets(side, i);
    let remove = move |_| {
        wb.edit_side(side, |s| {
            remove_call(s, i, j);
        });
        wb.selection.set(Selection::Service(i));
    };
    let breaker = call.then(|c| &c.circuit_breaker, |c| &mut c.circuit_breaker);
    let bulkhead = call.then(|c| &c.bulkhead, |c| &mut c.bulkhead);
    let broker = call.then(|c| &c.queue, |c| &mut c.queue);
    let breaker_on = present(wb, side, &breaker);
    let bulkhead_on = present(wb, side, &bulkhead);

    let sync_only = {
        let (breaker, bulkhead, p) = (breaker.clone(), bulkhead.clone(), p.clone());
        move || {
            (mode.get() == Some(CallMode::Sync)).then(|| {
                let breaker_details = {
                    let (breaker, path) = (breaker.clone(), p("circuit_breaker"));
                    move || breaker_on.get().then(|| breaker_fields(wb, side, path.clone(), breaker.clone()))
                };
                let bulkhead_details = {
                    let (bulkhead, path) = (bulkhead.clone(), p("bulkhead.max_concurrent"));
                    move || {
                        bulkhead_on.get().then(|| {
                            let b = bulkhead.some();
                            view! {
                                <div class="field-group nested">
                                    {number_field(
                                        FieldSpec::new(wb, side, path.clone(), "Calls in flight at most").hint("The rest are refused at once, keeping workers free for other work."),
                                        NumKind::Whole,
                                        b.get(|b| f64::from(b.max_concurrent)),
                                        b.set(|b: &mut BulkheadSpec, v: f64| b.max_concurrent = v as u32),
                                    )}
                                </div>
                            }
                        })
                    }
                };
                view! {
                    {check_field(
                        FieldSpec::new(wb, side, p("circuit_breaker"), "Circuit breaker").hint("Stops calling a failing dependency for a while."),
                        breaker.get(Option::is_some),
                        breaker.set(|b: &mut Option<BreakerSpec>, on: bool| {
                            *b = on.then_some(BreakerSpec { failure_rate: 0.5, window_s: 10.0, min_calls: 20, open_ms: 5000.0, half_open_calls: 3 });
                        }),
                    )}
                    {breaker_details}
                    {check_field(
                        FieldSpec::new(wb, side, p("bulkhead"), "Bulkhead").hint("Caps the caller's workers that may wait on this call."),
                        bulkhead.get(Option::is_some),
                        bulkhead.set(|b: &mut Option<BulkheadSpec>, on: bool| {
                            *b = on.then_some(BulkheadSpec { max_concurrent: 5 });
                        }),
                    )}
                    {bulkhead_details}
                }
            })
        }
    };
    let async_only = {
        let (broker, p) = (broker.clone(), p.clone());
        move || {
            (mode.get() == Some(CallMode::Async)).then(|| {
                view! {
                    {optional_number_field(
                        FieldSpec::new(wb, side, p("queue.capacity"), "Broker queue capacity").unit("messages").hint("Empty: unbounded."),
                        NumKind::Whole,
                        broker.get(|q| q.as_ref().and_then(|q| q.capacity).map(f64::from)),
                        broker.set(|q: &mut Option<BrokerSpec>, v: Option<f64>| {
                            q.get_or_insert_with(|| BrokerSpec { capacity: None, on_full: OnFull::Reject }).capacity = v.map(|v| v as u32);
                        }),
                    )}
                    {select_field(
                        FieldSpec::new(wb, side, p("queue.on_full"), "When the queue is full"),
                        vec![
                            ("reject".to_string(), "Reject the message".to_string()),
                            ("block".to_string(), "Make the publisher wait".to_string()),
                        ],
                        broker.get(|q| if q.as_ref().is_some_and(|q| q.on_full == OnFull::Block) { "block" } else { "reject" }.to_string()),
                        broker.set(|q: &mut Option<BrokerSpec>, v: String| {
                            q.get_or_insert_with(|| BrokerSpec { capacity: None, on_full: OnFull::Reject }).on_full =
                                if v == "block" { OnFull::Block } else { OnFull::Reject };
                        }),
                    )}
                }
            })
        }
    };

    view! {
        <div class="editor-form">
            <p class="editor-from">"From " <strong>{move || from.get()}</strong></p>
            {section_messages(wb, side, path.clone())}
            {
                let call = call.clone();
                move || select_field(
                    FieldSpec::new(wb, side, p("to"), "To"),
                    same_options(targets.get()),
                    call.get(|c| c.to.clone()),
                    call.set(|c: &mut CallSpec, v: String| c.to = v),
                )
            }
            {select_field(
                FieldSpec::new(wb, side, format!("{path}.mode"), "Mode"),
                vec![
                    ("sync".to_string(), "Synchronous: the caller's worker waits".to_string()),
                    ("async".to_string(), "Asynchronous: publish to a queue, move on".to_string()),
                ],
                call.get(|c| if c.mode == CallMode::Sync { "sync" } else { "async" }.to_string()),
                call.set(|c: &mut CallSpec, v: String| set_call_mode(c, if v == "async" { CallMode::Async } else { CallMode::Sync })),
            )}
            {optional_number_field(
                FieldSpec::new(wb, side, format!("{path}.timeout_ms"), "Timeout").unit("ms").hint("The caller gives up after this long. Empty: waits forever."),
                NumKind::Real,
                call.get(|c| c.timeout_ms),
                call.set(|c: &mut CallSpec, v: Option<f64>| c.timeout_ms = v),
            )}
            {number_field(
                FieldSpec::new(wb, side, format!("{path}.probability"), "Share of requests that make it").hint("From 0 to 1 (0.3: three requests in ten)."),
                NumKind::Real,
                call.get(|c| c.probability),
                call.set(|c: &mut CallSpec, v: f64| c.probability = v),
            )}
            {check_field(
                FieldSpec::new(wb, side, format!("{path}.optional"), "Optional").hint("A failure here does not fail the caller (graceful degradation)."),
                call.get(|c| c.optional),
                call.set(|c: &mut CallSpec, v: bool| c.optional = v),
            )}
            {retry_editor(wb, side, format!("{path}.retry"), "Retry failed calls", call.then(|c| &c.retry, |c| &mut c.retry))}
            {sync_only}
            {async_only}
            <details class="more-settings">
                <summary>"Network delay"</summary>
                {optional_dist_editor(wb, side, format!("{path}.network"), "One-way delay", call.then(|c| &c.network, |c| &mut c.network))}
            </details>
            <div class="editor-actions">
                <button type="button" on:click=move |_| wb.selection.set(Selection::Service(i))>
                    {move || format!("Back to {}", from.get())}
                </button>
                <button type="button" class="button-danger" on:click=remove>"Remove this call"</button>
            </div>
        </div>
    }
}
