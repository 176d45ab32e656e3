//! A chart's values as a table: its text alternative, one row per bucket.

use leptos::prelude::*;

use super::line_chart::ChartRun;
use crate::engine::units::number;

#[component]
pub fn DataTable(#[prop(into)] runs: Signal<Vec<ChartRun>>) -> impl IntoView {
    move || {
        runs.with(|runs| {
            let Some(first) = runs.first() else {
                return view! { <p>"No data yet."</p> }.into_any();
            };
            let unit = first.data.unit.label();
            let caption = format!(
                "{} ({unit}), one row per simulated second",
                first.data.title
            );
            let multi = runs.len() > 1;
            let headers = runs
                .iter()
                .flat_map(|run| {
                    run.data.series.iter().map(move |s| {
                        let label = if multi {
                            format!("{}: {}", run.label, s.label)
                        } else {
                            s.label.clone()
                        };
                        view! { <th scope="col">{label}</th> }
                    })
                })
                .collect_view();
            let rows = runs.iter().map(|r| r.data.times.len()).max().unwrap_or(0);
            let times = runs
                .iter()
                .map(|r| &r.data.times)
                .max_by_key(|t| t.len())
                .cloned()
                .unwrap_or_default();
            let body = (0..rows)
                .map(|i| {
                    let cells = runs
                        .iter()
                        .flat_map(|run| {
                            run.data.series.iter().map(move |s| {
                                let v = s.values.get(i).copied().unwrap_or(f64::NAN);
                                view! { <td>{number(v)}</td> }
                            })
                        })
                        .collect_view();
                    let t = times.get(i).copied().unwrap_or(f64::NAN);
                    view! { <tr><th scope="row">{number(t)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                    <table>
                        <caption>{caption.clone()}</caption>
                        <thead><tr><th scope="col">"Time (s)"</th>{headers}</tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    }
}
