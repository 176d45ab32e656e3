//! Compare mode: a variant B of the scenario (a design change, or another
//! preset) runs beside A on the same seed and load; the charts share their
//! axes and a table sums up the differences.

use leptos::prelude::*;

use super::charts::run_label;
use super::on_first_use::{unavailable, OnFirstUse, SplitParts};
use super::presets;
use super::workbench::{Selection, Workbench, A, B};
use faultline_engine::compare::{differences, sentence, Verdict};
use faultline_engine::figures::headline;
use faultline_engine::scenario_edit::{variant, Variant};
use faultline_site_data::ScenarioSummary;

/// Starts comparing A with `b`.
pub fn start(wb: Workbench, b: faultline_engine::Scenario, edit_b: bool) {
    wb.drafts[B].set(Some(b));
    wb.compare.set(true);
    wb.editing.set(if edit_b { B } else { A });
    wb.selection.set(Selection::Run);
}

pub fn stop(wb: Workbench) {
    wb.compare.set(false);
    wb.editing.set(A);
    wb.parse_errors
        .update(|errors| errors.retain(|(side, _), _| *side == A));
}

#[component]
pub fn ComparePanel(
    wb: Workbench,
    #[prop(into)] presets_index: Signal<Vec<ScenarioSummary>>,
) -> impl IntoView {
    let runner = wb.runner;
    let choice = RwSignal::new("v:timeouts".to_string());
    let error = RwSignal::new(None::<String>);
    let begin = move |_| {
        let Some(a) = wb.drafts[A].get_untracked() else {
            return;
        };
        let picked = choice.get_untracked();
        if let Some(id) = picked.strip_prefix("v:") {
            let v = Variant::from_id(id).unwrap_or(Variant::Copy);
            error.set(None);
            start(wb, variant(&a, v), v == Variant::Copy);
        } else if let Some(id) = picked.strip_prefix("p:") {
            let id = id.to_string();
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                match presets::scenario(&id).await {
                    Ok(b) => {
                        error.set(None);
                        start(wb, b, false);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let load_table =
        use_context::<SplitParts>().map_or(unavailable as _, |parts| parts.compare_table);
    // The table is fetched when compare mode starts (or a link opens it).
    let table_open = RwSignal::new(true);
    let setup = move || {
        (!wb.compare.get()).then(|| {
            let presets = presets_index.get();
            view! {
                <p>"Run a second version of this scenario beside it, on the same seed and the same arrivals, and see what one design change does."</p>
                <div class="inline-add">
                    <label for="compare-with">"Compare with"</label>
                    <select id="compare-with" on:change=move |e| choice.set(event_target_value(&e))>
                        <optgroup label="This scenario with">
                            {Variant::ALL.into_iter().map(|v| {
                                let value = format!("v:{}", v.id());
                                let selected = value == choice.get_untracked();
                                view! { <option value=value selected=selected>{v.label()}</option> }
                            }).collect_view()}
                        </optgroup>
                        <optgroup label="Another preset (on this load)">
                            {presets.into_iter().map(|p| {
                                view! { <option value=format!("p:{}", p.id)>{p.name}</option> }
                            }).collect_view()}
                        </optgroup>
                    </select>
                    <button type="button" class="button-primary" id="compare-start" on:click=begin>"Compare"</button>
                </div>
                {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            }
        })
    };
    let results = move || {
        wb.compare.get().then(|| {
            view! {
                <ul class="compare-runs">
                    <li><strong>{move || run_label(&runner, 0)}</strong>" (solid lines)"</li>
                    <li><strong>{move || run_label(&runner, 1)}</strong>" (dashed lines)"</li>
                </ul>
                <OnFirstUse
                    wb=wb
                    load=load_table
                    button_id="compare-table-load"
                    label="Show the differences"
                    what="comparison table"
                    open=table_open
                    focus="compare-stop"
                />
                <div class="editor-actions">
                    <button type="button" on:click=move |_| { wb.editing.set(B); wb.selection.set(Selection::Run); }>"Edit B"</button>
                    <button type="button" id="compare-stop" on:click=move |_| stop(wb)>"Stop comparing"</button>
                </div>
            }
        })
    };
    view! {
        <section class="sim-section sim-compare" aria-labelledby="sim-compare-title">
            <div class="sim-section-head">
                <h2 id="sim-compare-title">"Compare"</h2>
            </div>
            {setup}
            {results}
        </section>
    }
}

/// Compare mode's sentence and table of differences. Split off the
/// simulator bundle (see [`super::on_first_use`]): fetched when compare
/// mode starts.
pub fn compare_table(wb: Workbench) -> AnyView {
    let runner = wb.runner;
    let diffs = Memo::new(move |_| {
        if !wb.compare.get() {
            return None;
        }
        let figures = |i: usize| {
            let lane = runner.lanes[i];
            lane.summary
                .with(|s| s.as_ref().map(|s| lane.buckets.with(|b| headline(s, b))))
        };
        let (a, b) = (figures(0)?, figures(1)?);
        Some((differences(&a, &b), sentence("A", "B", &a, &b)))
    });
    let table = move || {
        match diffs.get() {
        None => view! { <p class="muted">"Press Play: both runs advance together."</p> }.into_any(),
        Some((rows, text)) => view! {
            <p class="compare-sentence" id="compare-sentence">{text}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Differences between A and B">
                <table class="compare-table">
                    <caption>{move || if runner.lanes[0].finished.get() && runner.lanes[1].finished.get() { "A and B over the measured period" } else { "A and B so far" }}</caption>
                    <thead><tr>
                        <th scope="col">"Figure"</th>
                        <th scope="col">"A"</th>
                        <th scope="col">"B"</th>
                        <th scope="col">"B against A"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|d| {
                            let class = match d.verdict {
                                Verdict::Better => "verdict-better",
                                Verdict::Worse => "verdict-worse",
                                Verdict::Same => "verdict-same",
                            };
                            let change = if d.verdict == Verdict::Same {
                                d.change.clone()
                            } else {
                                format!("{} ({})", d.change, d.verdict.label())
                            };
                            view! {
                                <tr data-diff=d.key>
                                    <th scope="row">{d.label}</th>
                                    <td data-run="a">{d.a}</td>
                                    <td data-run="b">{d.b}</td>
                                    <td class=class>{change}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    }
    };
    view! { {table} }.into_any()
}
