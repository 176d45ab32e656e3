//! The topology view: services as boxes, calls as curves, drawn live.
//!
//! Synchronous calls are solid lines; asynchronous ones are dashed and pass
//! through a drawn broker queue that shows its depth. Every service shows
//! its health in words and numbers (workers busy, requests waiting, errors,
//! replicas, an active fault), so colour is never the only signal. A line's
//! width follows its traffic and its label gives the rate and the failures;
//! a breaker that is not closed is written on the line. Selecting a box or
//! a line opens it in the editor.

use leptos::ev;
use leptos::prelude::*;

use crate::components::runtime_style;

use super::dom_id::unique_id;
use super::runner::{Lane, Status};
use super::workbench::{Selection, Workbench, A};
use faultline_engine::graph_layout::{layout, Metrics};
use faultline_engine::report::{Bucket, LiveService};
use faultline_engine::scenario::{CallMode, FaultKind, Scenario};
use faultline_engine::units::number;
use faultline_engine::BreakerState;

/// A service's state in words, for its label and its box's class.
#[derive(Debug, Clone, PartialEq)]
struct ServiceHealth {
    busy_pct: f64,
    busy: i64,
    workers: u64,
    queue: i64,
    errors_per_s: f64,
    error_pct: f64,
    replicas_up: u32,
    replicas: u32,
    fault: Option<String>,
}

impl ServiceHealth {
    fn level(&self) -> &'static str {
        if self.replicas_up < self.replicas || self.busy_pct >= 95.0 || self.error_pct >= 10.0 {
            "bad"
        } else if self.busy_pct >= 75.0 || self.error_pct > 0.0 || self.queue > 0 {
            "warn"
        } else {
            "ok"
        }
    }

    fn summary(&self, name: &str) -> String {
        let mut text = format!(
            "{name}: {} % of workers busy ({} of {}), {} waiting, {}",
            number(self.busy_pct.round()),
            self.busy,
            self.workers,
            self.queue,
            if self.errors_per_s > 0.0 {
                format!("{} failures per second", number(self.errors_per_s))
            } else {
                "no failures".to_string()
            }
        );
        if self.replicas > 1 {
            text.push_str(&format!(
                ", {} of {} replicas up",
                self.replicas_up, self.replicas
            ));
        }
        if let Some(fault) = &self.fault {
            text.push_str(&format!(", fault: {fault}"));
        }
        text
    }
}

/// The fault acting on a service at time `t`, in words.
fn active_fault(scenario: &Scenario, service: &str, t: f64) -> Option<String> {
    scenario
        .faults
        .iter()
        .filter(|f| f.service == service && f.from_s <= t && t < f.to_s)
        .map(|f| match f.kind {
            FaultKind::Slow => format!("slow ×{}", number(f.factor.unwrap_or(1.0))),
            FaultKind::Error => format!("{} % errors", number(f.rate.unwrap_or(0.0) * 100.0)),
            FaultKind::Hang => "hanging".to_string(),
            FaultKind::Down => "down".to_string(),
        })
        .reduce(|a, b| format!("{a}, {b}"))
}

fn health(
    scenario: &Scenario,
    index: usize,
    live: Option<&LiveService>,
    last: Option<&Bucket>,
    t: f64,
) -> ServiceHealth {
    let spec = &scenario.services[index];
    let bucket = last.and_then(|b| b.services.get(index).map(|s| (s, b.width_s)));
    let (errors_per_s, error_pct) = bucket.map_or((0.0, 0.0), |(s, width)| {
        let failed = s.failed.total();
        let finished = failed + s.succeeded;
        (
            if width > 0.0 {
                failed as f64 / width
            } else {
                0.0
            },
            if finished > 0 {
                failed as f64 * 100.0 / finished as f64
            } else {
                0.0
            },
        )
    });
    let (busy, workers, queue, up) = live.map_or(
        (
            0,
            u64::from(spec.workers) * u64::from(spec.replicas),
            0,
            spec.replicas,
        ),
        |l| (l.busy, l.workers, l.queue, l.replicas_up),
    );
    ServiceHealth {
        busy_pct: if workers > 0 {
            busy as f64 * 100.0 / workers as f64
        } else {
            0.0
        },
        busy,
        workers,
        queue,
        errors_per_s,
        error_pct,
        replicas_up: up,
        replicas: spec.replicas,
        fault: active_fault(scenario, &spec.name, t),
    }
}

/// Traffic on one edge during the last bucket.
#[derive(Debug, Clone, PartialEq)]
struct EdgeTraffic {
    rate: f64,
    failed_pct: f64,
    breaker: BreakerState,
    queue_depth: i64,
}

impl EdgeTraffic {
    fn failing(&self) -> bool {
        self.failed_pct >= 5.0 || self.breaker != BreakerState::Closed
    }

    /// Rate and failures (the breaker's state is a separate line).
    fn label(&self) -> String {
        let mut text = format!("{}/s", number(self.rate.round()));
        if self.failed_pct >= 0.5 {
            text.push_str(&format!(" · {} % fail", number(self.failed_pct.round())));
        }
        text
    }

    /// Everything, for the accessible name.
    fn description(&self) -> String {
        match self.breaker {
            BreakerState::Closed => self.label(),
            BreakerState::Open => format!("{}, breaker open", self.label()),
            BreakerState::HalfOpen => format!("{}, breaker half-open", self.label()),
        }
    }
}

fn edge_traffic(lane: &Lane, edge: usize, last: Option<&Bucket>) -> EdgeTraffic {
    let live = lane.live.with(|l| {
        l.as_ref()
            .and_then(|l| l.edges.get(edge).map(|e| (e.breaker, e.queue_depth)))
    });
    let (breaker, queue_depth) = live.unwrap_or((BreakerState::Closed, 0));
    let (rate, failed_pct) = last.map_or((0.0, 0.0), |b| {
        let width = b.width_s.max(1e-9);
        if edge == 0 {
            let failed = b.client.failed.total();
            let finished = failed + b.client.succeeded;
            (
                b.client.arrivals as f64 / width,
                if finished > 0 {
                    failed as f64 * 100.0 / finished as f64
                } else {
                    0.0
                },
            )
        } else {
            b.edges.get(edge).map_or((0.0, 0.0), |e| {
                let failed = e.timeouts + e.circuit_open + e.bulkhead_full + e.publish_failed;
                (
                    e.attempts as f64 / width,
                    if e.attempts > 0 {
                        (failed as f64 * 100.0 / e.attempts as f64).min(100.0)
                    } else {
                        0.0
                    },
                )
            })
        }
    });
    EdgeTraffic {
        rate,
        failed_pct,
        breaker,
        queue_depth,
    }
}

/// Stroke width for a rate: thin when idle, thicker with traffic
/// (logarithmic, so 10/s and 1000/s both read well).
fn stroke_width(rate: f64) -> f64 {
    if rate <= 0.0 {
        1.5
    } else {
        (1.5 + rate.log10().max(0.0) * 1.6).min(7.0)
    }
}

/// What selecting an element does, for mouse and keyboard alike.
fn activate(wb: Workbench, selection: Selection) -> impl Fn(ev::KeyboardEvent) {
    move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            wb.editing.set(A);
            wb.selection.set(selection.clone());
        }
    }
}

#[component]
pub fn Topology(wb: Workbench) -> impl IntoView {
    let lane = wb.runner.lanes[0];
    let arrow_id = unique_id("arrow");
    let arrow_bad_id = unique_id("arrow-bad");
    let geometry = Memo::new(move |_| lane.shape.with(|shape| layout(shape, &Metrics::default())));
    let running = move || wb.runner.status.get() == Status::Running;

    // The drawing's structure changes only with the scenario; the numbers in
    // it are separate reactive text, so a focused box keeps its focus while
    // the run updates it.
    let structure = Memo::new(move |_| {
        let g = geometry.get();
        let shape = lane.shape.get();
        let scenario = lane.scenario.get();
        (g, shape, scenario)
    });
    let last_bucket = Memo::new(move |_| lane.buckets.with(|b| b.last().cloned()));

    let arrow = arrow_id.clone();
    let arrow_bad = arrow_bad_id.clone();
    let edges = move || {
        let (g, shape, scenario) = structure.get();
        // Scenario call for an engine edge (edges 1.. follow the services' calls in order).
        let mut call_index = Vec::new();
        if let Some(s) = &scenario {
            for (i, svc) in s.services.iter().enumerate() {
                for j in 0..svc.calls.len() {
                    call_index.push((i, j));
                }
            }
        }
        g.edges
            .iter()
            .enumerate()
            .map(|(e, geom)| {
                let traffic = Memo::new(move |_| {
                    last_bucket.with(|last| edge_traffic(&lane, e, last.as_ref()))
                });
                let mode = shape.edges.get(e).map_or(CallMode::Sync, |x| x.2);
                let failing = move || traffic.with(EdgeTraffic::failing);
                let label = move || traffic.with(EdgeTraffic::label);
                let (arrow, arrow_bad) = (arrow.clone(), arrow_bad.clone());
                let marker = move || {
                    format!("url(#{})", if failing() { &arrow_bad } else { &arrow })
                };
                let selection = if e == 0 {
                    Selection::Run
                } else {
                    call_index
                        .get(e - 1)
                        .map_or(Selection::Run, |&(i, j)| Selection::Call(i, j))
                };
                let sel_click = selection.clone();
                let is_selected = {
                    let selection = selection.clone();
                    move || e > 0 && wb.editing.get() == A && wb.selection.get() == selection
                };
                let name = shape.edge_label(e);
                let kind = if mode == CallMode::Async {
                    "Asynchronous"
                } else {
                    "Synchronous"
                };
                let aria = move || {
                    (e > 0).then(|| {
                        format!("{kind} call {name}: {}. Select to edit.", traffic.with(EdgeTraffic::description))
                    })
                };
                let flow_seconds = move || {
                    let rate = traffic.with(|t| t.rate);
                    if rate > 0.0 {
                        (8.0 / rate.sqrt()).clamp(0.3, 4.0)
                    } else {
                        0.0
                    }
                };
                // Labels and the broker queue sit just before the arrowhead,
                // clear of the other lines leaving the same caller.
                let (ex, ey) = geom.end;
                let is_async = mode == CallMode::Async;
                let label_x = if is_async { ex - 92.0 } else { ex - 14.0 };
                let queue = is_async.then(|| {
                    view! {
                        <g class="topo-queue" transform=format!("translate({:.1},{:.1})", ex - 84.0, ey - 12.0)>
                            <rect width="64" height="24" rx="4"/>
                            <line x1="16" x2="16" y1="3" y2="21"/>
                            <line x1="32" x2="32" y1="3" y2="21"/>
                            <line x1="48" x2="48" y1="3" y2="21"/>
                            <text class="topo-queue-text" x="32" y="38" text-anchor="middle">
                                {move || format!("queue {}", number(traffic.with(|t| t.queue_depth) as f64))}
                            </text>
                        </g>
                    }
                });
                let breaker = move || {
                    traffic.with(|t| match t.breaker {
                        BreakerState::Closed => None,
                        BreakerState::Open => Some("breaker open"),
                        BreakerState::HalfOpen => Some("breaker half-open"),
                    })
                };
                let path = geom.path.clone();
                view! {
                    <g
                        class="topo-edge"
                        class:topo-edge-async=mode == CallMode::Async
                        class:topo-edge-failing=failing
                        class:selected=is_selected
                        role=(e > 0).then_some("button")
                        tabindex=(e > 0).then_some("0")
                        aria-label=aria
                        on:click=move |_| {
                            if e > 0 {
                                wb.editing.set(A);
                                wb.selection.set(sel_click.clone());
                            }
                        }
                        on:keydown=activate(wb, selection)
                    >
                        <path class="topo-edge-hit" d=path.clone()/>
                        <path
                            class="topo-edge-line"
                            d=path.clone()
                            stroke-width=move || stroke_width(traffic.with(|t| t.rate))
                            marker-end=marker
                        />
                        <path
                            class="topo-edge-flow"
                            class:flowing=move || { running() && flow_seconds() > 0.0 }
                            d=path
                            style:animation-duration=move || runtime_style(format!("{:.2}s", flow_seconds()))
                        />
                        {queue}
                        <text class="topo-edge-label" x=label_x y=ey - 9.0 text-anchor="end">{label}</text>
                        <text class="topo-edge-label topo-breaker" x=label_x y=ey + 19.0 text-anchor="end">{breaker}</text>
                    </g>
                }
            })
            .collect_view()
    };

    let nodes = move || {
        let (g, _, scenario) = structure.get();
        let Some(scenario) = scenario else {
            return ().into_any();
        };
        g.services
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < scenario.services.len())
            .map(|(i, r)| {
                let r = *r;
                let name = scenario.services[i].name.clone();
                let is_entry = scenario.entry == name;
                let scenario = scenario.clone();
                let h = Memo::new(move |_| {
                    let t = lane.now_s.get();
                    lane.live.with(|live| {
                        last_bucket.with(|last| {
                            health(&scenario, i, live.as_ref().and_then(|l| l.services.get(i)), last.as_ref(), t)
                        })
                    })
                });
                let bar_w = move || (r.w - 24.0) * (h.with(|h| h.busy_pct) / 100.0).clamp(0.0, 1.0);
                let errors = move || {
                    h.with(|h| {
                        if h.errors_per_s > 0.0 {
                            format!("failing {}/s ({} %)", number(h.errors_per_s), number(h.error_pct.round()))
                        } else {
                            "no failures".to_string()
                        }
                    })
                };
                let extra = move || {
                    h.with(|h| match (&h.fault, h.replicas > 1) {
                        (Some(f), _) => Some(format!("⚠ fault: {f}")),
                        (None, true) => Some(format!("{} of {} replicas up", h.replicas_up, h.replicas)),
                        (None, false) => None,
                    })
                };
                let aria = {
                    let name = name.clone();
                    move || format!("{}. Select to edit.", h.with(|h| h.summary(&name)))
                };
                let selection = Selection::Service(i);
                view! {
                    <g
                        class=move || format!("topo-node health-{}", h.with(ServiceHealth::level))
                        class:selected=move || wb.editing.get() == A && wb.selection.get() == Selection::Service(i)
                        transform=format!("translate({:.1},{:.1})", r.x, r.y)
                        role="button"
                        tabindex="0"
                        aria-label=aria
                        data-service=name.clone()
                        on:click=move |_| {
                            wb.editing.set(A);
                            wb.selection.set(Selection::Service(i));
                        }
                        on:keydown=activate(wb, selection)
                    >
                        <rect class="topo-box" width=r.w height=r.h rx="8"/>
                        <text class="topo-name" x="12" y="21">{name.clone()}</text>
                        {is_entry.then(|| view! { <text class="topo-tag" x=r.w - 12.0 y="21" text-anchor="end">"entry"</text> })}
                        <rect class="topo-bar-bg" x="12" y="31" width=r.w - 24.0 height="8" rx="4"/>
                        <rect class="topo-bar" x="12" y="31" width=bar_w height="8" rx="4"/>
                        <text class="topo-line" x="12" y="55">
                            {move || h.with(|h| format!("busy {} % · {}/{}", number(h.busy_pct.round()), h.busy, h.workers))}
                        </text>
                        <text class="topo-line" x="12" y="72">{move || format!("waiting {}", h.with(|h| h.queue))}</text>
                        <text class="topo-line topo-errors" x="12" y="89">{errors}</text>
                        <text class="topo-line topo-extra" x="12" y=r.h + 16.0>{extra}</text>
                    </g>
                }
            })
            .collect_view()
            .into_any()
    };

    let client = move || {
        let g = geometry.get();
        let c = g.client;
        let in_flight = lane
            .live
            .with(|l| l.as_ref().map_or(0, |l| l.client_in_flight));
        view! {
            <g class="topo-client" transform=format!("translate({:.1},{:.1})", c.x, c.y)>
                <rect class="topo-box" width=c.w height=c.h rx="36"/>
                <text class="topo-name" x=c.w / 2.0 y=c.h / 2.0 - 4.0 text-anchor="middle">"users"</text>
                <text class="topo-line" x=c.w / 2.0 y=c.h / 2.0 + 14.0 text-anchor="middle">
                    {format!("{in_flight} waiting")}
                </text>
            </g>
        }
    };

    let size = move || {
        let g = geometry.get();
        // Room below the lowest box for its fault or replica line.
        (g.width, g.height + 22.0)
    };
    let description = move || {
        lane.scenario.with(|s| {
            s.as_ref().map_or_else(String::new, |s| {
                format!(
                    "Diagram of {} services. Solid lines are synchronous calls, dashed lines pass through a queue (asynchronous). Each service and call is a button that opens it in the editor.",
                    s.services.len()
                )
            })
        })
    };

    view! {
        <section class="sim-section sim-topology" aria-labelledby="sim-topology-title">
            <div class="sim-section-head">
                <h2 id="sim-topology-title">"System"</h2>
                <p class="topo-key">
                    <span class="key-sync">"synchronous call"</span>
                    <span class="key-async">"asynchronous (through a queue)"</span>
                    <span>"line width: traffic"</span>
                </p>
            </div>
            <p class="visually-hidden">{description}</p>
            <p class="topo-scroll-hint muted">"Scroll the diagram sideways to see every service."</p>
            <div class="topology-scroll">
                <svg
                    class="topology-svg"
                    class:running=running
                    width=move || size().0
                    height=move || size().1
                    viewBox=move || format!("0 0 {:.0} {:.0}", size().0, size().1)
                >
                    <defs>
                        <marker id=arrow_id.clone() class="topo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                            <path d="M0 0 L10 5 L0 10 z"/>
                        </marker>
                        <marker id=arrow_bad_id.clone() class="topo-arrow topo-arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                            <path d="M0 0 L10 5 L0 10 z"/>
                        </marker>
                    </defs>
                    {edges}
                    {client}
                    {nodes}
                </svg>
            </div>
        </section>
    }
}
