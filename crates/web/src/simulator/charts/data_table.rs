//! A chart's values as a table: its text alternative, one row per bucket.
//!
//! Closed buckets never change, so rows are keyed by their position: while
//! a run goes on, only the new rows are added (rebuilding a 150-row table
//! every animation frame would stall the page). The columns change only
//! when a line appears; then the rows are built again.

use leptos::prelude::*;

use super::line_chart::ChartRun;
use faultline_engine::units::number;

/// Column headings: each run's series (prefixed with the run in compare mode).
fn columns(runs: &[ChartRun]) -> Vec<String> {
    let multi = runs.len() > 1;
    runs.iter()
        .flat_map(|run| {
            run.data.series.iter().map(move |s| {
                if multi {
                    format!("{}: {}", run.label, s.label)
                } else {
                    s.label.clone()
                }
            })
        })
        .collect()
}

/// A fingerprint of row `i`'s values (FNV-1a over their bits): rows are
/// keyed by position and content, so a new run (which restarts the rows)
/// never leaves a stale row in place.
fn row_key(runs: &[ChartRun], i: usize) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for run in runs {
        let t = run.data.times.get(i).copied().unwrap_or(f64::NAN);
        for v in std::iter::once(t).chain(
            run.data
                .series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(f64::NAN)),
        ) {
            h = (h ^ v.to_bits()).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// One row's cells: the bucket's time, then each column's value.
fn row(runs: &[ChartRun], i: usize) -> (String, Vec<String>) {
    let time = runs
        .iter()
        .filter_map(|r| r.data.times.get(i))
        .next()
        .map_or_else(|| number(f64::NAN), |t| number(*t));
    let cells = runs
        .iter()
        .flat_map(|run| {
            run.data
                .series
                .iter()
                .map(move |s| number(s.values.get(i).copied().unwrap_or(f64::NAN)))
        })
        .collect();
    (time, cells)
}

#[component]
pub fn DataTable(#[prop(into)] runs: Signal<Vec<ChartRun>>) -> impl IntoView {
    let caption = Memo::new(move |_| {
        runs.with(|runs| {
            runs.first().map(|first| {
                format!(
                    "{} ({}), one row per simulated second",
                    first.data.title,
                    first.data.unit.label()
                )
            })
        })
    });
    let header = Memo::new(move |_| runs.with(|r| columns(r)));
    let row_count = Memo::new(move |_| {
        runs.with(|r| r.iter().map(|run| run.data.times.len()).max().unwrap_or(0))
    });
    let width = move || header.with(Vec::len);
    move || {
        let Some(caption) = caption.get() else {
            return view! { <p>"No data yet."</p> }.into_any();
        };
        let headings = header
            .get()
            .into_iter()
            .map(|h| view! { <th scope="col">{h}</th> })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                <table>
                    <caption>{caption.clone()}</caption>
                    <thead><tr><th scope="col">"Time (s)"</th>{headings}</tr></thead>
                    <tbody>
                        <For
                            each=move || {
                                let n = row_count.get();
                                runs.with(|r| (0..n).map(|i| (i, width(), row_key(r, i))).collect::<Vec<_>>())
                            }
                            key=|key| *key
                            children=move |(i, _, _)| {
                                let (time, cells) = runs.with_untracked(|r| row(r, i));
                                view! {
                                    <tr>
                                        <th scope="row">{time}</th>
                                        {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }
}
