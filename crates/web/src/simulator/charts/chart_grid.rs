//! Every metric's chart for one scope (end to end, or one service), for the
//! run and, in compare mode, its variant on the same axes.

use leptos::prelude::*;

use super::line_chart::{ChartRun, LineChart};
use crate::simulator::runner::{Lane, Runner};
use faultline_engine::series::{chart, Metric, Scope};

/// A scope by service name, so it means the same service in both runs of a
/// comparison even when their service lists differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeChoice {
    EndToEnd,
    Service(String),
}

impl ScopeChoice {
    fn id(&self) -> String {
        match self {
            ScopeChoice::EndToEnd => String::new(),
            ScopeChoice::Service(name) => name.clone(),
        }
    }
}

/// The name a lane goes by in legends and tables.
pub fn run_label(runner: &Runner, index: usize) -> String {
    let name = runner.lanes[index]
        .scenario
        .with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let letter = if index == 0 { "A" } else { "B" };
    let short: String = name.chars().take(48).collect();
    if short.len() < name.len() {
        format!("{letter}: {short}…")
    } else {
        format!("{letter}: {short}")
    }
}

/// One chart's data from every active lane.
pub fn chart_runs(
    runner: Runner,
    metric: Metric,
    scope: Signal<ScopeChoice>,
) -> Memo<Vec<ChartRun>> {
    Memo::new(move |_| {
        let count = runner.lane_count.get().clamp(1, 2);
        (0..count)
            .filter_map(|i| {
                let lane: Lane = runner.lanes[i];
                let data = lane.shape.with(|shape| {
                    let scope = match scope.get() {
                        ScopeChoice::EndToEnd => Some(Scope::EndToEnd),
                        ScopeChoice::Service(name) => shape
                            .services
                            .iter()
                            .position(|s| *s == name)
                            .map(Scope::Service),
                    }?;
                    Some(lane.buckets.with(|b| chart(metric, scope, shape, b)))
                })?;
                let label = if count > 1 {
                    run_label(&runner, i)
                } else {
                    String::new()
                };
                Some(ChartRun { label, data })
            })
            .collect()
    })
}

#[component]
pub fn ChartGrid(runner: Runner) -> impl IntoView {
    let scope = RwSignal::new(ScopeChoice::EndToEnd);
    let services = Memo::new(move |_| runner.lanes[0].shape.with(|s| s.services.clone()));
    // A service removed by an edit falls back to the end-to-end view.
    Effect::new(move |_| {
        let names = services.get();
        if let ScopeChoice::Service(name) = scope.get_untracked() {
            if !names.contains(&name) {
                scope.set(ScopeChoice::EndToEnd);
            }
        }
    });
    let charts = Metric::ALL
        .into_iter()
        .map(|metric| {
            let runs = chart_runs(runner, metric, scope.into());
            view! {
                <div class="chart-cell" data-chart=metric.id()>
                    <LineChart runs=runs duration_s=runner.lanes[0].duration_s/>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="sim-section sim-charts" aria-labelledby="sim-charts-title">
            <div class="sim-section-head">
                <h2 id="sim-charts-title">"Charts"</h2>
                <label class="inline-field">
                    <span>"Show"</span>
                    <select
                        on:change=move |e| {
                            let v = event_target_value(&e);
                            scope.set(if v.is_empty() { ScopeChoice::EndToEnd } else { ScopeChoice::Service(v) });
                        }
                    >
                        <option value="" selected=scope.get_untracked() == ScopeChoice::EndToEnd prop:selected=move || scope.get() == ScopeChoice::EndToEnd>
                            "End to end (the client's view)"
                        </option>
                        {move || services.get().into_iter().map(|name| {
                            let label = format!("Service: {name}");
                            let id = name.clone();
                            view! { <option value=name prop:selected=move || scope.get().id() == id>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="chart-grid">{charts}</div>
        </section>
    }
}
