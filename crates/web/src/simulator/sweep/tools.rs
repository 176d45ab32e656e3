//! The sweep tools: the form, the run on the worker pool, the curve and
//! its exports. Split off the simulator bundle (see
//! [`super::super::on_first_use`]): their code is fetched when a reader
//! first opens the sweep panel.

use leptos::prelude::*;

use super::super::editor::fields::{parse_number, NumKind};
use super::super::workbench::{Workbench, A};
use super::chart::{Curve, SweepChart};
use super::pool;
use super::pool::{PoolEvent, PoolRun};
use crate::files::download;
use faultline_engine::sweep::{
    axis_for, param_choices, GridPlan, Scale, SweepLink, SweepMetric, SweepResult, SweepSpec,
};

/// Where the sweep is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Running { done: usize, total: usize },
    Done,
}

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Form {
    path: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    steps: RwSignal<String>,
    log: RwSignal<bool>,
    seeds: RwSignal<String>,
    metric: RwSignal<SweepMetric>,
    workers: RwSignal<usize>,
}

impl Form {
    /// The spec the fields describe, or what is wrong with them.
    fn spec(&self, wb: &Workbench) -> Result<SweepSpec, String> {
        let path = self.path.get_untracked();
        if path.trim().is_empty() {
            return Err("Parameter: choose one to sweep".into());
        }
        let number = |name: &str, text: String, kind| {
            parse_number(&text, kind).map_err(|e| format!("{name}: {e}"))
        };
        let from = number("From", self.from.get_untracked(), NumKind::Real)?;
        let to = number("To", self.to.get_untracked(), NumKind::Real)?;
        let steps = number("Points", self.steps.get_untracked(), NumKind::Whole)?;
        let seeds = number("Seeds", self.seeds.get_untracked(), NumKind::Whole)?;
        if from == to {
            return Err("From and To: give two different values".into());
        }
        let whole = wb.drafts[A].with_untracked(|d| {
            d.as_ref()
                .is_some_and(|s| param_choices(s).iter().any(|c| c.path == path && c.whole))
        });
        let scale = if self.log.get_untracked() {
            Scale::Log
        } else {
            Scale::Linear
        };
        Ok(SweepSpec {
            param: axis_for(path.trim(), whole, from, to, steps.min(1e6) as u32, scale),
            param2: None,
            seeds: seeds.min(1e6) as u32,
        })
    }

    /// Fills the fields from a spec (a shared link's).
    fn show(&self, link: &SweepLink) {
        let axis = &link.spec.param;
        self.path.set(axis.path.clone());
        if let Some(range) = &axis.range {
            self.from.set(range.from.to_string());
            self.to.set(range.to.to_string());
            self.steps.set(range.steps.to_string());
            self.log.set(range.scale == Scale::Log);
        } else if let Some(values) = &axis.values {
            if let (Some(first), Some(last)) = (values.first(), values.last()) {
                self.from.set(first.to_string());
                self.to.set(last.to_string());
            }
            self.steps.set(values.len().to_string());
            self.log.set(false);
        }
        self.seeds.set(link.spec.seeds.to_string());
        self.metric.set(link.metric);
    }
}

/// The sweep tools' view (the split-off part of the sweep panel).
pub fn sweep_tools(wb: Workbench) -> AnyView {
    // The scenario's first parameter from the start, so the page the build
    // prerenders shows a complete form.
    let first = wb.drafts[A]
        .with_untracked(|d| d.as_ref().and_then(|s| param_choices(s).into_iter().next()));
    let form = Form {
        path: RwSignal::new(first.as_ref().map(|c| c.path.clone()).unwrap_or_default()),
        from: RwSignal::new(
            first
                .as_ref()
                .map(|c| c.from.to_string())
                .unwrap_or_default(),
        ),
        to: RwSignal::new(first.as_ref().map(|c| c.to.to_string()).unwrap_or_default()),
        steps: RwSignal::new("8".into()),
        log: RwSignal::new(false),
        seeds: RwSignal::new("5".into()),
        metric: RwSignal::new(SweepMetric::P99Ms),
        workers: RwSignal::new(if cfg!(target_arch = "wasm32") {
            pool::default_workers()
        } else {
            2
        }),
    };
    let phase = RwSignal::new(Phase::Idle);
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<SweepResult>);
    let run = StoredValue::new_local(None::<PoolRun>);
    let choices = Memo::new(move |_| {
        wb.drafts[A].with(|d| d.as_ref().map(param_choices).unwrap_or_default())
    });
    // A new scenario offers its own parameters: start from the first.
    Effect::new(move |_| {
        let list = choices.get();
        let path = form.path.get_untracked();
        if wb.sweep_request.with_untracked(Option::is_some) {
            return;
        }
        if let Some(first) = list.iter().find(|c| c.path == path).or(list.first()) {
            if path != first.path || form.from.with_untracked(String::is_empty) {
                form.path.set(first.path.clone());
                form.from.set(first.from.to_string());
                form.to.set(first.to.to_string());
            }
        }
    });
    let param_label = Signal::derive(move || {
        let path = result
            .with(|r| r.as_ref().map(|r| r.spec.param.path.clone()))
            .unwrap_or_else(|| form.path.get());
        choices
            .with(|list| {
                list.iter()
                    .find(|c| c.path == path)
                    .map(|c| c.label.clone())
            })
            .unwrap_or(path)
    });

    let cancel = move || {
        run.update_value(|r| *r = None);
    };
    on_cleanup(cancel);

    let start = move |spec: SweepSpec| {
        cancel();
        error.set(None);
        let Some(base) = wb.drafts[A].get_untracked() else {
            return;
        };
        if !wb.is_valid() {
            error.set(Some(
                "The scenario has problems (listed above): fix them before sweeping it.".into(),
            ));
            return;
        }
        let plan = match GridPlan::new(&base, &spec) {
            Ok(plan) => plan,
            Err(e) => {
                error.set(Some(format!("{}: {}", field_name(&e.field), e.message)));
                return;
            }
        };
        wb.sweep_code.set(Some(
            SweepLink {
                spec: spec.clone(),
                metric: form.metric.get_untracked(),
            }
            .encode(),
        ));
        result.set(None);
        let pool_run = pool::start(
            &base,
            &spec,
            plan,
            form.workers.get_untracked(),
            move |event| {
                let done = match event {
                    PoolEvent::Progress { done, total } => {
                        phase.try_set(Phase::Running { done, total });
                        return;
                    }
                    PoolEvent::Done(done) => *done,
                };
                match done {
                    Ok(r) => {
                        result.try_set(Some(r));
                        phase.try_set(Phase::Done);
                    }
                    Err(message) => {
                        error.try_set(Some(format!("The sweep stopped: {message}")));
                        phase.try_set(Phase::Idle);
                    }
                }
            },
        );
        run.set_value(Some(pool_run));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.spec(&wb) {
            Ok(spec) => start(spec),
            Err(message) => error.set(Some(message)),
        }
    };
    let stop = move |_| {
        cancel();
        phase.set(Phase::Idle);
        error.set(Some("Sweep cancelled: every worker was stopped.".into()));
    };
    // A link's sweep runs once its scenario is open and valid.
    Effect::new(move |_| {
        let Some(link) = wb.sweep_request.get() else {
            return;
        };
        if wb.drafts[A].with(Option::is_none) || !wb.is_valid() {
            return;
        }
        wb.sweep_request.set(None);
        form.show(&link);
        if link.spec.param2.is_some() {
            error.set(Some(
                "This page draws sweeps of one parameter; run grids with `sim sweep`.".into(),
            ));
            return;
        }
        start(link.spec);
    });
    // The metric is part of the address too.
    Effect::new(move |_| {
        let metric = form.metric.get();
        if let Some(r) = result.get_untracked() {
            wb.sweep_code.set(Some(
                SweepLink {
                    spec: r.spec,
                    metric,
                }
                .encode(),
            ));
        }
    });

    let export = move |json: bool| {
        let Some(r) = result.get_untracked() else {
            return;
        };
        let name = format!("sweep-{}-{}", slug(&r.scenario), slug(&r.spec.param.path));
        let outcome = if json {
            serde_json::to_string_pretty(&r)
                .map_err(|e| e.to_string())
                .and_then(|text| download(&format!("{name}.json"), "application/json", &text))
        } else {
            download(&format!("{name}.csv"), "text/csv", &r.to_csv())
        };
        if let Err(e) = outcome {
            error.set(Some(format!("The export failed: {e}")));
        }
    };
    let running = move || matches!(phase.get(), Phase::Running { .. });
    let progress = move || match phase.get() {
        Phase::Running { done, total } => Some((done, total)),
        _ => None,
    };

    view! {
        <div class="sweep-tools">
            <form class="sweep-form" on:submit=submit novalidate>
                <label class="field">
                    <span>"Parameter"</span>
                    <select
                        id="sweep-param"
                        on:change=move |e| {
                            let path = event_target_value(&e);
                            if let Some(c) = choices.with_untracked(|l| l.iter().find(|c| c.path == path).cloned()) {
                                form.from.set(c.from.to_string());
                                form.to.set(c.to.to_string());
                            }
                            form.path.set(path);
                        }
                    >
                        {move || choices.get().into_iter().map(|c| {
                            let path = c.path.clone();
                            view! { <option value=c.path.clone() selected=move || form.path.get() == path>{c.label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <NumberField id="sweep-from" label="From" decimal=true size=7 text=form.from/>
                <NumberField id="sweep-to" label="To" decimal=true size=7 text=form.to/>
                <NumberField id="sweep-steps" label="Points" decimal=false size=4 text=form.steps/>
                <NumberField id="sweep-seeds" label="Seeds per point" decimal=false size=4 text=form.seeds/>
                <label class="field field-check">
                    <input id="sweep-log" type="checkbox" prop:checked=move || form.log.get()
                        on:change=move |e| form.log.set(event_target_checked(&e))/>
                    <span>"Log scale"</span>
                </label>
                <label class="field">
                    <span>"Workers"</span>
                    <select id="sweep-workers" on:change=move |e| {
                        if let Ok(n) = event_target_value(&e).parse::<usize>() {
                            form.workers.set(n.clamp(1, pool::MAX_WORKERS));
                        }
                    }>
                        {(1..=pool::MAX_WORKERS).map(|n| view! {
                            <option value=n.to_string() selected=move || form.workers.get() == n>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <div class="sweep-actions">
                    <button type="submit" class="button-primary" id="sweep-run" disabled=move || running() || !wb.is_valid()>"Run sweep"</button>
                    <button type="button" id="sweep-cancel" disabled=move || !running() on:click=stop>"Cancel"</button>
                </div>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" id="sweep-error">{e}</p> })}
            {move || progress().map(|(done, total)| view! {
                <div class="sweep-progress" role="status">
                    <progress id="sweep-progress" max=total.to_string() value=done.to_string()></progress>
                    <span>{format!("{done} of {total} runs")}</span>
                </div>
            })}
            {move || result.get().map(|r| {
                let log_x = r.spec.param.range.as_ref().is_some_and(|range| range.scale == Scale::Log);
                let rows = r.points.len();
                let seeds = r.seeds.len();
                view! {
                    <div class="sweep-result">
                        <div class="sim-section-head">
                            <p class="sweep-summary" role="status" id="sweep-summary">{format!("{rows} points × {seeds} seeds = {} runs.", rows * seeds)}</p>
                            <label class="inline-field">
                                <span>"Show"</span>
                                <select id="sweep-metric" on:change=move |e| {
                                    if let Some(m) = SweepMetric::from_id(&event_target_value(&e)) {
                                        form.metric.set(m);
                                    }
                                }>
                                    {SweepMetric::ALL.into_iter().map(|m| view! {
                                        <option value=m.id() selected=move || form.metric.get() == m>{m.label()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <button type="button" class="small" id="sweep-csv" on:click=move |_| export(false)>"Export CSV"</button>
                            <button type="button" class="small" id="sweep-json" on:click=move |_| export(true)>"Export JSON"</button>
                        </div>
                        <SweepChart curves=Curve::of_sweep(&r) metric=form.metric param_label=param_label log_x=log_x/>
                    </div>
                }
            })}
        </div>
    }
    .into_any()
}

/// A labelled text field for a number, kept in `text` as typed (it is
/// checked when the sweep starts). The value is also written as an
/// attribute, so the prerendered form shows it.
#[component]
fn NumberField(
    id: &'static str,
    label: &'static str,
    /// Decimals allowed (else a whole number).
    decimal: bool,
    size: u32,
    text: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                id=id
                type="text"
                inputmode=if decimal { "decimal" } else { "numeric" }
                autocomplete="off"
                size=size.to_string()
                value=text.get_untracked()
                prop:value=move || text.get()
                on:change=move |e| text.set(event_target_value(&e))
            />
        </label>
    }
}

/// The form field a spec error is about ("param.range.from" → "From").
fn field_name(field: &str) -> &'static str {
    if field.ends_with(".from") {
        "From"
    } else if field.ends_with(".to") {
        "To"
    } else if field.ends_with(".steps") || field.contains(".values") {
        "Points"
    } else if field == "seeds" {
        "Seeds per point"
    } else {
        "Parameter"
    }
}

/// A file-name-safe form of `text`.
fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
