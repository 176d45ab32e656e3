//! The trace view: one sampled request as a waterfall of its attempts at
//! every service: where it waited in a queue, where it was served, which
//! attempts were retries, where a caller gave up, and how it ended.

use leptos::prelude::*;

use super::dom_id::unique_id;
use super::runner::Runner;
use faultline_engine::scenario::CallMode;
use faultline_engine::units::number;
use faultline_engine::{Span, Trace};

/// How deep a span sits in the call tree (the client's attempts are 0).
fn depth(spans: &[Span], index: usize) -> usize {
    let mut d = 0;
    let mut at = spans.get(index).and_then(|s| s.parent);
    while let Some(p) = at {
        d += 1;
        if d > spans.len() {
            break;
        }
        at = spans.get(p as usize).and_then(|s| s.parent);
    }
    d
}

fn trace_label(t: &Trace) -> String {
    let retries = t.spans.iter().filter(|s| s.attempt > 1).count();
    let mut label = format!(
        "Request {}: {} after {} ms, {} attempts",
        t.request,
        t.outcome,
        number((t.end_ms - t.start_ms).round()),
        t.spans.len()
    );
    match retries {
        0 => {}
        1 => label.push_str(" (1 retry)"),
        n => label.push_str(&format!(" ({n} retries)")),
    }
    label
}

/// One row's words: what happened to this attempt.
fn span_text(s: &Span, trace_end: f64) -> String {
    let waited = s.started_ms.map(|st| st - s.arrived_ms);
    let served = match (s.started_ms, s.ended_ms) {
        (Some(st), Some(en)) => Some(en - st),
        (Some(st), None) => Some(trace_end - st),
        _ => None,
    };
    let mut parts = Vec::new();
    match waited {
        Some(w) if w >= 0.5 => parts.push(format!("waited {} ms", number(w.round()))),
        Some(_) => {}
        None => parts.push("never started".to_string()),
    }
    if let Some(d) = served {
        parts.push(format!("worked {} ms", number(d.round())));
    }
    match (s.outcome.as_str(), s.ended_ms) {
        ("", None) => parts.push("still in progress when the request ended".to_string()),
        ("", Some(_)) => {}
        (outcome, _) => parts.push(outcome.to_string()),
    }
    if s.abandoned {
        parts.push("the caller had given up".to_string());
    }
    parts.join(", ")
}

/// Nesting deeper than this is drawn at this depth (the stylesheet has a
/// class per depth up to it).
const MAX_DEPTH_SHOWN: usize = 6;

#[component]
pub fn TraceView(runner: Runner) -> impl IntoView {
    let hatch_id = unique_id("span-hatch");
    let lane_index = RwSignal::new(0usize);
    let chosen = RwSignal::new(None::<u64>);
    let traces = Memo::new(move |_| {
        let i = lane_index
            .get()
            .min(runner.lane_count.get().saturating_sub(1));
        let mut list = runner.lanes[i].traces.get();
        // Failures first: they are the interesting ones.
        list.sort_by_key(|t| (t.outcome == "ok", t.request));
        list
    });
    let selected = Memo::new(move |_| {
        let list = traces.get();
        let want = chosen.get();
        want.and_then(|r| list.iter().find(|t| t.request == r).cloned())
            .or_else(|| list.first().cloned())
    });
    let lane_switch = move || {
        (runner.lane_count.get() > 1).then(|| {
            view! {
                <label class="inline-field">
                    <span>"Run"</span>
                    <select on:change=move |e| lane_index.set(if event_target_value(&e) == "1" { 1 } else { 0 })>
                        <option value="0" selected=lane_index.get_untracked() == 0 prop:selected=move || lane_index.get() == 0>"A"</option>
                        <option value="1" selected=lane_index.get_untracked() == 1 prop:selected=move || lane_index.get() == 1>"B"</option>
                    </select>
                </label>
            }
        })
    };
    let picker = move || {
        let list = traces.get();
        if list.is_empty() {
            return view! { <p class="muted">"Traces appear as the run samples requests: press Play."</p> }.into_any();
        }
        let current = selected.get().map(|t| t.request);
        view! {
            <label class="field trace-picker">
                <span>"Sampled request"</span>
                <select on:change=move |e| chosen.set(event_target_value(&e).parse().ok())>
                    {list.iter().map(|t| {
                        let r = t.request;
                        view! { <option value=r.to_string() selected=current == Some(r)>{trace_label(t)}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
        .into_any()
    };
    let waterfall = move || {
        let t = selected.get()?;
        let start = t.start_ms;
        let end = t
            .spans
            .iter()
            .filter_map(|s| s.ended_ms)
            .fold(t.end_ms, f64::max)
            .max(start + 1.0);
        let span_ms = end - start;
        let pct = move |ms: f64| ((ms - start) / span_ms * 100.0).clamp(0.0, 100.0);
        let rows = t
            .spans
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let indent = depth(&t.spans, k);
                let wait_left = pct(s.arrived_ms);
                let serve_start = s.started_ms.unwrap_or(end);
                let wait_width = pct(serve_start) - wait_left;
                let serve_end = s.ended_ms.unwrap_or(end);
                let serve_left = pct(serve_start);
                let serve_width = (pct(serve_end) - serve_left).max(0.4);
                let retry = s.attempt > 1;
                let who = format!(
                    "{}{}{}",
                    s.service,
                    if retry { format!(" · retry {}", s.attempt - 1) } else { String::new() },
                    if s.mode == CallMode::Async { " · async" } else { "" }
                );
                let ok = s.outcome == "ok";
                view! {
                    <li class="span-row" class:span-retry=retry class:span-failed=!ok class:span-abandoned=s.abandoned>
                        <span class=format!("span-name span-depth-{}", indent.min(MAX_DEPTH_SHOWN))>{who}</span>
                        // Bars are SVG rectangles in a 100-wide box: attributes,
                        // not styles, so prerendered markup keeps them (the
                        // CSP forbids inline styles).
                        <svg class="span-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                            <rect class="span-wait" x=format!("{wait_left:.2}") width=format!("{:.2}", wait_width.max(0.0)) height="10" fill=format!("url(#{hatch_id})")/>
                            {s.started_ms.map(|_| view! {
                                <rect class="span-work" x=format!("{serve_left:.2}") width=format!("{serve_width:.2}") height="10"/>
                            })}
                        </svg>
                        <span class="span-text">{span_text(s, end)}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <p class="trace-summary">
                {format!("Request {} arrived at {} s and ended {} ms later: ", t.request, number(t.start_ms / 1000.0), number((t.end_ms - t.start_ms).round()))}
                <strong>{t.outcome.clone()}</strong>
                "."
            </p>
            <div class="waterfall-scale" aria-hidden="true">
                <span>"0 ms"</span>
                <span>{format!("{} ms", number((span_ms / 2.0).round()))}</span>
                <span>{format!("{} ms", number(span_ms.round()))}</span>
            </div>
            <svg class="span-defs" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id=hatch_id.clone() class="span-hatch" width="7" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="10"/>
                    </pattern>
                </defs>
            </svg>
            <ol class="waterfall">{rows}</ol>
            <p class="waterfall-key">
                <span class="key-wait">"waiting in a queue"</span>
                <span class="key-work">"being served (or waiting on its own calls)"</span>
                <span>"retries and failures are marked in the text"</span>
            </p>
        })
    };
    view! {
        <section class="sim-section sim-traces" aria-labelledby="sim-traces-title">
            <div class="sim-section-head">
                <h2 id="sim-traces-title">"Trace one request"</h2>
                {lane_switch}
            </div>
            {picker}
            {waterfall}
        </section>
    }
}
