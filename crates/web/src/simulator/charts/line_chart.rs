//! An SVG line chart of one metric over simulated time: axes with units, a
//! legend, a readout of the values under the pointer (or the keyboard
//! cursor), and a data table as its text alternative. Two runs can share
//! it (compare mode): same axes, run B dashed.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use super::data_table::DataTable;
use super::palette::{colour_class, dash};
use crate::simulator::dom_id::unique_id;
use faultline_engine::plot::{line_path, nearest, time_ticks, value_ticks, Scale};
use faultline_engine::series::ChartData;
use faultline_engine::units::{number, Unit};

/// One run's data for a chart, with the name the legend gives the run.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRun {
    pub label: String,
    pub data: ChartData,
}

const MARGIN_LEFT: f64 = 50.0;
const MARGIN_RIGHT: f64 = 14.0;
const MARGIN_TOP: f64 = 12.0;
const MARGIN_BOTTOM: f64 = 30.0;
/// Narrowest drawing, whatever the container says (hidden, or a tiny screen).
const MIN_WIDTH: f64 = 260.0;

/// What the axes depend on: the drawing's width, the time span and the
/// value ticks (the last is the top of the value axis).
#[derive(Debug, Clone, PartialEq)]
struct Frame {
    w: f64,
    duration: f64,
    y_ticks: Vec<f64>,
}

impl Frame {
    /// The time (x) and value (y) scales of a chart `height` tall.
    fn scales(&self, height: f64) -> (Scale, Scale) {
        let y_max = self.y_ticks.last().copied().unwrap_or(1.0);
        (
            Scale::new((0.0, self.duration), (MARGIN_LEFT, self.w - MARGIN_RIGHT)),
            Scale::new((0.0, y_max), (height - MARGIN_BOTTOM, MARGIN_TOP)),
        )
    }
}

/// Series keys in first-seen order over all runs: a key keeps its colour
/// in both runs.
fn key_order(runs: &[ChartRun]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for run in runs {
        for s in &run.data.series {
            if !keys.contains(&s.key) {
                keys.push(s.key.clone());
            }
        }
    }
    keys
}

/// The times of the run with the most buckets.
fn longest_times(runs: &[ChartRun]) -> Vec<f64> {
    runs.iter()
        .map(|r| &r.data.times)
        .max_by_key(|t| t.len())
        .cloned()
        .unwrap_or_default()
}

/// "p50 31 ms, p95 120 ms" for one run at bucket `i`.
fn values_at(run: &ChartRun, i: usize) -> String {
    let unit = run.data.unit;
    run.data
        .series
        .iter()
        .map(|s| {
            let v = s.values.get(i).copied().unwrap_or(f64::NAN);
            format!("{} {}", s.label, unit.format(v))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn readout(runs: &[ChartRun], i: usize, latest: bool) -> String {
    let times = longest_times(runs);
    let Some(t) = times.get(i) else {
        return String::new();
    };
    let when = if latest {
        format!("Latest ({} s)", number(*t))
    } else {
        format!("At {} s", number(*t))
    };
    if runs.len() == 1 {
        format!("{when}: {}", values_at(&runs[0], i))
    } else {
        let parts: Vec<String> = runs
            .iter()
            .map(|r| format!("{}: {}", r.label, values_at(r, i)))
            .collect();
        format!("{when}. {}", parts.join(". "))
    }
}

/// Keeps `width` equal to the element's width, now and on window resizes.
fn track_width(node: NodeRef<html::Div>, width: RwSignal<f64>) {
    let measure = move || {
        if let Some(el) = node.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if node.get().is_some() {
            measure();
        }
    });
    // There is no window when the build renders the page.
    if cfg!(target_arch = "wasm32") {
        let handle = window_event_listener(ev::resize, move |_| measure());
        on_cleanup(move || handle.remove());
    }
}

#[component]
pub fn LineChart(
    /// One run, or two in compare mode.
    #[prop(into)]
    runs: Signal<Vec<ChartRun>>,
    /// The run's length in simulated seconds (the time axis spans it all).
    #[prop(into)]
    duration_s: Signal<f64>,
    /// A shorter chart (embeds).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let id = unique_id("chart");
    let title_id = format!("{id}-title");
    let table_id = format!("{id}-table");
    let plot = NodeRef::<html::Div>::new();
    // Until the plot is measured (and in the prerendered page, where it
    // cannot be), a width near the usual one: a column of the chart grid.
    let width = RwSignal::new(if compact { 340.0 } else { 440.0 });
    let cursor = RwSignal::new(None::<usize>);
    let show_table = RwSignal::new(false);
    track_width(plot, width);
    // The same heights as `.chart-svg` in assets/simulator.css.
    let height = if compact { 170.0 } else { 220.0 };

    let title = move || runs.with(|r| r.first().map(|r| r.data.title.clone()).unwrap_or_default());
    let unit = move || runs.with(|r| r.first().map_or(Unit::Count, |r| r.data.unit));
    let bucket_count = move || runs.with(|r| longest_times(r).len());

    // The frame (axes, ticks) changes only when the width, the time span or
    // the value axis does; the lines are attribute updates. Rebuilding the
    // whole drawing every animation frame would churn the DOM.
    let frame = Memo::new(move |_| {
        let w = width.get().max(MIN_WIDTH);
        let duration = duration_s.get().max(1.0);
        let y_ticks = runs.with(|runs| {
            let charts: Vec<&ChartData> = runs.iter().map(|r| &r.data).collect();
            let unit = runs.first().map_or(Unit::Count, |r| r.data.unit);
            value_ticks(unit, &charts)
        });
        Frame {
            w,
            duration,
            y_ticks,
        }
    });
    // Which lines exist: (run, series key, colour index, dash).
    let line_slots = Memo::new(move |_| {
        runs.with(|runs| {
            let keys = key_order(runs);
            let count = runs.len();
            runs.iter()
                .enumerate()
                .flat_map(|(ri, run)| {
                    let keys = &keys;
                    run.data.series.iter().map(move |s| {
                        let k = keys.iter().position(|k| *k == s.key).unwrap_or(0);
                        (ri, s.key.clone(), k, dash(k, ri, count))
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let axes = move || {
        let f = frame.get();
        let (x, y) = f.scales(height);
        let grid = f
            .y_ticks
            .iter()
            .map(|v| {
                let py = y.map(*v);
                view! {
                    <line class="chart-gridline" x1=MARGIN_LEFT x2=f.w - MARGIN_RIGHT y1=py y2=py/>
                    <text class="chart-tick" x=MARGIN_LEFT - 6.0 y=py + 4.0 text-anchor="end">
                        {number(*v)}
                    </text>
                }
            })
            .collect_view();
        let time_axis = time_ticks(f.duration)
            .into_iter()
            .map(|t| {
                let px = x.map(t);
                view! {
                    <line class="chart-axis-tick" x1=px x2=px y1=height - MARGIN_BOTTOM y2=height - MARGIN_BOTTOM + 4.0/>
                    <text class="chart-tick" x=px y=height - MARGIN_BOTTOM + 17.0 text-anchor="middle">
                        {format!("{} s", number(t))}
                    </text>
                }
            })
            .collect_view();
        view! {
            {grid}
            <line class="chart-axis" x1=MARGIN_LEFT x2=f.w - MARGIN_RIGHT y1=height - MARGIN_BOTTOM y2=height - MARGIN_BOTTOM/>
            {time_axis}
        }
    };
    let lines = move || {
        line_slots
            .get()
            .into_iter()
            .map(|(ri, key, k, dasharray)| {
                let total = key == "all";
                let d = move || {
                    let (x, y) = frame.with(|f| f.scales(height));
                    runs.with(|runs| {
                        runs.get(ri)
                            .and_then(|run| {
                                run.data
                                    .series
                                    .iter()
                                    .find(|s| s.key == key)
                                    .map(|s| line_path(&run.data.times, &s.values, &x, &y))
                            })
                            .unwrap_or_default()
                    })
                };
                view! {
                    <path
                        class=format!("chart-line {}", colour_class(k))
                        class:chart-line-total=total
                        d=d
                        stroke-dasharray=dasharray
                    />
                }
            })
            .collect_view()
    };
    let cursor_mark = move || {
        let i = cursor.get()?;
        let (x, y) = frame.with(|f| f.scales(height));
        runs.with(|runs| {
            let keys = key_order(runs);
            let times = longest_times(runs);
            let t = *times.get(i)?;
            let px = x.map(t);
            let dots = runs
                .iter()
                .flat_map(|run| {
                    let keys = keys.clone();
                    run.data.series.iter().filter_map(move |s| {
                        let v = *s.values.get(i)?;
                        let k = keys.iter().position(|k| *k == s.key).unwrap_or(0);
                        v.is_finite().then(|| {
                            view! { <circle class=format!("chart-dot {}", colour_class(k)) cx=px cy=y.map(v) r="3.5"/> }
                        })
                    })
                })
                .collect_view();
            Some(view! {
                <line class="chart-cursor" x1=px x2=px y1=MARGIN_TOP y2=height - MARGIN_BOTTOM/>
                {dots}
            })
        })
    };
    let drawing = move || {
        view! {
            <svg
                class="chart-svg"
                width=move || frame.with(|f| f.w)
                height=height
                viewBox=move || frame.with(|f| format!("0 0 {} {height}", f.w))
                aria-hidden="true"
                focusable="false"
            >
                {axes}
                {lines}
                {cursor_mark}
            </svg>
        }
    };

    let pointer_to_index = move |client_x: i32| -> Option<usize> {
        let el = plot.get_untracked()?;
        let left = el.get_bounding_client_rect().left();
        let t = frame
            .with_untracked(|f| f.scales(height).0)
            .invert(f64::from(client_x) - left);
        runs.with_untracked(|r| nearest(&longest_times(r), t))
    };
    let on_move = move |e: ev::PointerEvent| cursor.set(pointer_to_index(e.client_x()));
    let on_key = move |e: ev::KeyboardEvent| {
        let n = bucket_count();
        if n == 0 {
            return;
        }
        let current = cursor.get_untracked();
        let next = match e.key().as_str() {
            "ArrowLeft" => Some(current.map_or(n - 1, |i| i.saturating_sub(1))),
            "ArrowRight" => Some(current.map_or(0, |i| (i + 1).min(n - 1))),
            "Home" => Some(0),
            "End" => Some(n - 1),
            "Escape" => None,
            _ => return,
        };
        e.prevent_default();
        cursor.set(next);
    };

    let readout_text = move || {
        runs.with(|r| match cursor.get() {
            Some(i) => readout(r, i, false),
            None => {
                let n = longest_times(r).len();
                if n == 0 {
                    "No data yet: press Play.".to_string()
                } else {
                    readout(r, n - 1, true)
                }
            }
        })
    };
    // The legend changes only when a line appears or a run is added.
    let legend_entries = Memo::new(move |_| {
        runs.with(|runs| {
            let keys = key_order(runs);
            let series: Vec<(usize, String)> = keys
                .iter()
                .enumerate()
                .map(|(k, key)| {
                    let label = runs
                        .iter()
                        .flat_map(|r| &r.data.series)
                        .find(|s| s.key == *key)
                        .map(|s| s.label.clone())
                        .unwrap_or_default();
                    (k, label)
                })
                .collect();
            let run_labels: Vec<String> = runs.iter().map(|r| r.label.clone()).collect();
            (series, run_labels)
        })
    });
    let legend = move || {
        let (series, run_labels) = legend_entries.get();
        let count = run_labels.len();
        let series = series
            .into_iter()
            .map(|(k, label)| {
                view! {
                    <li>
                        <svg class="chart-swatch" width="26" height="10" aria-hidden="true" focusable="false">
                            <line class=format!("chart-line {}", colour_class(k)) x1="1" x2="25" y1="5" y2="5"
                                stroke-dasharray=dash(k, 0, count)/>
                        </svg>
                        {label}
                    </li>
                }
            })
            .collect_view();
        let run_styles = (count > 1).then(|| {
            run_labels
                .into_iter()
                .enumerate()
                .map(|(ri, label)| {
                    view! {
                        <li class="chart-legend-run">
                            <svg class="chart-swatch" width="26" height="10" aria-hidden="true" focusable="false">
                                <line class="chart-line chart-line-neutral" x1="1" x2="25" y1="5" y2="5"
                                    stroke-dasharray=dash(0, ri, count)/>
                            </svg>
                            {label}
                        </li>
                    }
                })
                .collect_view()
        });
        view! { {series} {run_styles} }
    };

    view! {
        <figure class="chart" class:chart-compact=compact aria-labelledby=title_id.clone()>
            <figcaption class="chart-head">
                <span class="chart-title" id=title_id.clone()>{title}</span>
                <span class="chart-unit">{move || unit().label()}</span>
            </figcaption>
            <ul class="chart-legend">{legend}</ul>
            <div
                class="chart-plot"
                node_ref=plot
                tabindex="0"
                role="group"
                aria-label=move || format!("{}: use the left and right arrow keys to read the values second by second", title())
                on:pointermove=on_move
                on:pointerleave=move |_| cursor.set(None)
                on:keydown=on_key
                on:blur=move |_| cursor.set(None)
            >
                {drawing}
            </div>
            <p class="chart-readout" aria-live=move || cursor.get().map(|_| "polite")>{readout_text}</p>
            <button
                type="button"
                class="chart-table-toggle"
                aria-expanded=move || if show_table.get() { "true" } else { "false" }
                aria-controls=table_id.clone()
                on:click=move |_| show_table.update(|s| *s = !*s)
            >
                {move || if show_table.get() { "Hide data table" } else { "Show data table" }}
            </button>
            // The build writes the table into the prerendered page (still
            // hidden): a reader without scripts is shown it (the stylesheet)
            // as the chart's text alternative, since the button cannot work.
            <div id=table_id class="chart-table" hidden=move || !show_table.get()>
                {move || (show_table.get() || cfg!(feature = "ssr")).then(|| view! { <DataTable runs=runs/> })}
            </div>
        </figure>
    }
}
