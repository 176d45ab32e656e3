//! The run's numbers: headline figures (end to end) and a table per
//! service, read from the summary and the buckets of the measured period.

use leptos::prelude::*;

use crate::simulator::runner::{Lane, Status};
use faultline_engine::figures::{headline, service_rows};
use faultline_engine::units::{number, Unit};

/// "so far" while a run is incomplete.
fn period_note(lane: Lane, status: Signal<Status>) -> impl Fn() -> String {
    move || {
        let warmup = lane
            .scenario
            .with(|s| s.as_ref().map_or(0.0, |s| s.warmup_s));
        let tail = if warmup > 0.0 {
            format!("after the {} s warm-up", number(warmup))
        } else {
            "over the whole run".to_string()
        };
        if lane.finished.get() {
            format!("Measured {tail}.")
        } else if status.get() == Status::Ready {
            "Press Play to run the scenario.".to_string()
        } else {
            format!("So far, {tail}.")
        }
    }
}

/// The headline figures of one lane.
#[component]
pub fn Figures(lane: Lane, #[prop(into)] status: Signal<Status>) -> impl IntoView {
    let figures = Memo::new(move |_| {
        lane.summary
            .with(|s| s.as_ref().map(|s| lane.buckets.with(|b| headline(s, b))))
    });
    let cards = move || {
        figures.get().map(|figures| {
            figures
                .into_iter()
                .map(|f| {
                    let text = f.text();
                    view! {
                        <div class="figure-card" data-figure=f.key>
                            <dt>{f.label}</dt>
                            <dd data-value=format!("{}", f.value)>{text}</dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p class="figures-note">{period_note(lane, status)}</p>
        <dl class="figures">{cards}</dl>
    }
}

/// Per-service numbers for one lane.
#[component]
pub fn ServiceTable(lane: Lane) -> impl IntoView {
    let rows = Memo::new(move |_| {
        lane.summary.with(|s| {
            s.as_ref()
                .map(|s| lane.buckets.with(|b| service_rows(s, b)))
        })
    });
    let body = move || {
        rows.get().unwrap_or_default().into_iter().map(|r| {
            let pct = |v: f64| Unit::Percent.format(v);
            view! {
                <tr data-service=r.name.clone()>
                    <th scope="row">{r.name.clone()}</th>
                    <td data-col="utilization">{pct(r.utilization_pct)}</td>
                    <td data-col="peak-utilization" data-value=format!("{}", r.peak_utilization_pct)>{pct(r.peak_utilization_pct)}</td>
                    <td data-col="mean-queue">{number(r.mean_queue)}</td>
                    <td data-col="peak-queue">{number(r.peak_queue)}</td>
                    <td data-col="p99">{Unit::Milliseconds.format(r.p99_ms)}</td>
                    <td data-col="throughput">{Unit::PerSecond.format(r.throughput_rps)}</td>
                    <td data-col="failed">{number(r.failed as f64)}</td>
                    <td data-col="timed-out">{number(r.timed_out as f64)}</td>
                    <td data-col="wasted">{Unit::Seconds.format(r.wasted_work_s)}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Per-service figures">
            <table class="service-table">
                <caption>"Per service"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Service"</th>
                        <th scope="col">"Busy (mean)"</th>
                        <th scope="col">"Busy (worst second)"</th>
                        <th scope="col">"Waiting (mean)"</th>
                        <th scope="col">"Waiting (most)"</th>
                        <th scope="col">"p99"</th>
                        <th scope="col">"Served"</th>
                        <th scope="col">"Failed"</th>
                        <th scope="col">"Caller gave up"</th>
                        <th scope="col">"Wasted work"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
