//! Editing one service: capacity, queue, its own work, how it is balanced
//! and protected, and the calls it makes.

use leptos::prelude::*;

use super::dist::dist_editor;
use super::fields::{
    check_field, number_field, optional_number_field, select_field, text_field, FieldSpec, NumKind,
};
use super::lens::Lens;
use super::retry::present;
use crate::simulator::workbench::{Selection, Side, Workbench};
use faultline_engine::scenario::{
    Balancer, CallMode, CallOrder, Discipline, RateLimitSpec, ServiceSpec,
};
use faultline_engine::scenario_edit::{add_call, remove_service, rename_service};

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

fn discipline_id(d: Discipline) -> &'static str {
    match d {
        Discipline::Fifo => "fifo",
        Discipline::Lifo => "lifo",
        Discipline::AdaptiveLifo => "adaptive_lifo",
    }
}

fn balancer_id(b: Balancer) -> &'static str {
    match b {
        Balancer::RoundRobin => "round_robin",
        Balancer::LeastOutstanding => "least_outstanding",
        Balancer::Random => "random",
    }
}

/// The calls a service makes, each a button that opens it, and a way to add one.
fn calls_list(wb: Workbench, side: Side, i: usize) -> impl IntoView {
    let draft = wb.drafts[side];
    let calls = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .and_then(|s| s.services.get(i))
                .map(|svc| {
                    svc.calls
                        .iter()
                        .map(|c| {
                            let mut text = format!(
                                "→ {} ({})",
                                c.to,
                                if c.mode == CallMode::Sync {
                                    "sync"
                                } else {
                                    "async"
                                }
                            );
                            if let Some(t) = c.timeout_ms {
                                text.push_str(&format!(", timeout {t} ms"));
                            }
                            if let Some(r) = &c.retry {
                                text.push_str(&format!(", {} attempts", r.max_attempts));
                            }
                            if c.circuit_breaker.is_some() {
                                text.push_str(", breaker");
                            }
                            if c.bulkhead.is_some() {
                                text.push_str(", bulkhead");
                            }
                            text
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Services this one may call (not itself).
    let targets = wb.call_targets(side, i);
    let chosen = RwSignal::new(String::new());
    let add_id = format!("add-call-{side}-{i}");
    let add = move |_| {
        let to = chosen.get_untracked();
        let to = if to.is_empty() {
            targets
                .get_untracked()
                .into_iter()
                .next()
                .unwrap_or_default()
        } else {
            to
        };
        if to.is_empty() {
            return;
        }
        let mut added = None;
        wb.edit_side(side, |s| added = add_call(s, i, &to));
        if let Some(j) = added {
            wb.selection.set(Selection::Call(i, j));
        }
    };
    view! {
        <div class="calls-list">
            <h4>"Calls it makes"</h4>
            {move || {
                let list = calls.get();
                if list.is_empty() {
                    view! { <p class="muted">"None: it only does its own work."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {list.into_iter().enumerate().map(|(j, text)| view! {
                                <li>
                                    <button type="button" class="link-button" on:click=move |_| wb.selection.set(Selection::Call(i, j))>
                                        {text}
                                    </button>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            {move || (!targets.get().is_empty()).then(|| view! {
                <div class="inline-add">
                    <label for=add_id.clone()>"Add a call to"</label>
                    <select id=add_id.clone() on:change=move |e| chosen.set(event_target_value(&e))>
                        {targets.get().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select>
                    <button type="button" on:click=add>"Add call"</button>
                </div>
            })}
        </div>
    }
}

pub fn service_editor(wb: Workbench, side: Side, i: usize) -> impl IntoView {
    let svc: Lens<ServiceSpec> = Lens::root().service(i);
    let p = move |field: &str| format!("services[{i}].{field}");
    let rate_limit = svc.then(|s| &s.rate_limit, |s| &mut s.rate_limit);
    let limited = present(wb, side, &rate_limit);
    let count =
        Memo::new(move |_| wb.drafts[side].with(|d| d.as_ref().map_or(0, |s| s.services.len())));
    let remove = move |_| {
        wb.edit_side(side, |s| {
            remove_service(s, i);
        });
        wb.selection.set(Selection::Run);
    };
    let limit_fields = {
        let rate_limit = rate_limit.clone();
        move || {
            limited.get().then(|| {
                let rl = rate_limit.some();
                view! {
                    {number_field(
                        FieldSpec::new(wb, side, p("rate_limit.rate_rps"), "Admitted per second").unit("requests/s"),
                        NumKind::Real,
                        rl.get(|r| r.rate_rps),
                        rl.set(|r: &mut RateLimitSpec, v: f64| r.rate_rps = v),
                    )}
                    {number_field(
                        FieldSpec::new(wb, side, p("rate_limit.burst"), "Burst").hint("Requests admitted at once after a quiet spell."),
                        NumKind::Real,
                        rl.get(|r| r.burst),
                        rl.set(|r: &mut RateLimitSpec, v: f64| r.burst = v),
                    )}
                }
            })
        }
    };
    view! {
        <div class="editor-form">
            {text_field(
                FieldSpec::new(wb, side, p("name"), "Name"),
                svc.get(|s| s.name.clone()),
                move |s: &faultline_engine::Scenario, name: &str| {
                    let name = name.trim();
                    s.services
                        .iter()
                        .enumerate()
                        .any(|(k, other)| k != i && other.name == name)
                        .then(|| format!("another service is already called \"{name}\""))
                },
                move |s: &mut faultline_engine::Scenario, name: String| {
                    rename_service(s, i, name.trim());
                },
            )}
            <div class="field-row">
                {number_field(
                    FieldSpec::new(wb, side, p("workers"), "Workers").hint("Requests one replica serves at once (threads, connections)."),
                    NumKind::Whole,
                    svc.get(|s| f64::from(s.workers)),
                    svc.set(|s: &mut ServiceSpec, v: f64| s.workers = v as u32),
                )}
                {number_field(
                    FieldSpec::new(wb, side, p("replicas"), "Replicas"),
                    NumKind::Whole,
                    svc.get(|s| f64::from(s.replicas)),
                    svc.set(|s: &mut ServiceSpec, v: f64| s.replicas = v as u32),
                )}
            </div>
            {optional_number_field(
                FieldSpec::new(wb, side, p("queue_capacity"), "Queue per replica").hint("Waiting places; a full queue rejects at once. Empty: unbounded."),
                NumKind::Whole,
                svc.get(|s| s.queue_capacity.map(f64::from)),
                svc.set(|s: &mut ServiceSpec, v: Option<f64>| s.queue_capacity = v.map(|v| v as u32)),
            )}
            {dist_editor(wb, side, p("service_time"), "Own work per request", svc.then(|s| &s.service_time, |s| &mut s.service_time))}
            {select_field(
                FieldSpec::new(wb, side, p("discipline"), "Queue order"),
                options(&[("fifo", "First in, first out"), ("lifo", "Newest first"), ("adaptive_lifo", "Newest first when overloaded")]),
                svc.get(|s| discipline_id(s.discipline).to_string()),
                svc.set(|s: &mut ServiceSpec, v: String| {
                    s.discipline = match v.as_str() {
                        "lifo" => Discipline::Lifo,
                        "adaptive_lifo" => Discipline::AdaptiveLifo,
                        _ => Discipline::Fifo,
                    }
                }),
            )}
            {optional_number_field(
                FieldSpec::new(wb, side, p("shed_after_ms"), "Shed after waiting").unit("ms").hint("Drop requests that waited longer than this (load shedding). Empty: never."),
                NumKind::Real,
                svc.get(|s| s.shed_after_ms),
                svc.set(|s: &mut ServiceSpec, v: Option<f64>| s.shed_after_ms = v),
            )}
            {check_field(
                FieldSpec::new(wb, side, p("rate_limit"), "Rate limit").hint("A token bucket in front of the service; the excess is rejected."),
                rate_limit.get(Option::is_some),
                rate_limit.set(|r: &mut Option<RateLimitSpec>, on: bool| {
                    *r = on.then_some(RateLimitSpec { rate_rps: 100.0, burst: 20.0 });
                }),
            )}
            {limit_fields}
            <details class="more-settings">
                <summary>"More settings"</summary>
                {select_field(
                    FieldSpec::new(wb, side, p("balancer"), "Load balancer (between replicas)"),
                    options(&[("round_robin", "Round robin"), ("least_outstanding", "Least outstanding requests"), ("random", "Random")]),
                    svc.get(|s| balancer_id(s.balancer).to_string()),
                    svc.set(|s: &mut ServiceSpec, v: String| {
                        s.balancer = match v.as_str() {
                            "least_outstanding" => Balancer::LeastOutstanding,
                            "random" => Balancer::Random,
                            _ => Balancer::RoundRobin,
                        }
                    }),
                )}
                {select_field(
                    FieldSpec::new(wb, side, p("call_order"), "Calls"),
                    options(&[("sequential", "One after another"), ("parallel", "All at once (fan-out)")]),
                    svc.get(|s| if s.call_order == CallOrder::Parallel { "parallel" } else { "sequential" }.to_string()),
                    svc.set(|s: &mut ServiceSpec, v: String| {
                        s.call_order = if v == "parallel" { CallOrder::Parallel } else { CallOrder::Sequential }
                    }),
                )}
                {number_field(
                    FieldSpec::new(wb, side, p("work_after_calls"), "Share of own work after the calls").hint("From 0 (all before) to 1 (all after)."),
                    NumKind::Real,
                    svc.get(|s| s.work_after_calls),
                    svc.set(|s: &mut ServiceSpec, v: f64| s.work_after_calls = v),
                )}
                {number_field(
                    FieldSpec::new(wb, side, p("slowdown_per_inflight_ms"), "Slowdown per request in flight").unit("ms").hint("Work grows with load (contention, garbage collection)."),
                    NumKind::Real,
                    svc.get(|s| s.slowdown_per_inflight_ms),
                    svc.set(|s: &mut ServiceSpec, v: f64| s.slowdown_per_inflight_ms = v),
                )}
            </details>
            {calls_list(wb, side, i)}
            <div class="editor-actions">
                <button type="button" class="button-danger" disabled=move || count.get() <= 1 on:click=remove>
                    "Remove this service"
                </button>
            </div>
        </div>
    }
}
