//! Comparing two saved assessments (say last quarter and now): the change
//! overall, in level and verdict, per area, and every item whose answer
//! moved, worse first. All of it is `checklist::compare::compare`.

use leptos::prelude::*;

use super::assessments::name_options;
use super::item::item_href;
use super::session::use_session;
use faultline_checklist::compare::{compare, AreaDelta, Comparison, ItemChange};
use faultline_checklist::Level;

/// The compare view.
#[component]
pub fn CompareView() -> impl IntoView {
    let session = use_session();
    let names = session.assessment_names();
    let (active, first_other) = session.store.with_untracked(|store| {
        let active = store.active().name.clone();
        let other = store
            .names()
            .into_iter()
            .find(|name| *name != active)
            .map(String::from);
        (active, other)
    });
    let before = RwSignal::new(first_other.unwrap_or_else(|| active.clone()));
    let after = RwSignal::new(active);
    let comparison = Memo::new(move |_| {
        let (before, after) = (before.get(), after.get());
        session.store.with(|store| {
            let pair = store.get(&before).zip(store.get(&after))?;
            Some(session.with_checklist(|checklist| compare(checklist, pair.0, pair.1)))
        })
    });

    view! {
        <div class="compare">
            <h2>"Compare two assessments"</h2>
            <p class="section-lead">
                "Keep a record: save an assessment each quarter (“New…” can start from a copy of the current one), then compare to see what moved."
            </p>
            {move || {
                (names.with(Vec::len) < 2).then(|| view! {
                    <p class="notice">
                        "There is only one saved assessment so far. Create a second one to compare them; a shared link or a JSON import can also be saved as one."
                    </p>
                })
            }}
            <div class="compare-pickers">
                <AssessmentPicker id="compare-before" label="Before" names chosen=before/>
                <AssessmentPicker id="compare-after" label="After" names chosen=after/>
            </div>
            {move || comparison.get().map(|comparison| view! { <ComparisonView comparison/> })}
        </div>
    }
}

#[component]
fn AssessmentPicker(
    id: &'static str,
    label: &'static str,
    names: Memo<Vec<String>>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="context-field">
            <label for=id>{label}</label>
            <select id=id on:change=move |event| chosen.set(event_target_value(&event))>
                {move || name_options(names.get(), &chosen.get())}
            </select>
        </div>
    }
}

fn level_label(level: Option<Level>) -> &'static str {
    level.map_or("None yet", Level::title)
}

#[component]
fn ComparisonView(comparison: Comparison) -> impl IntoView {
    let overall = comparison.overall;
    let areas = comparison.areas.iter().map(area_row).collect_view();
    let changes = if comparison.changes.is_empty() {
        view! { <p>"No answer changed between the two."</p> }.into_any()
    } else {
        let count = comparison.changes.len();
        view! {
            <p>{count} {if count == 1 { " item changed, " } else { " items changed, " }} "worse first."</p>
            <ul class="changes">{comparison.changes.iter().map(change_row).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <section class="report-section" aria-labelledby="compare-summary-heading">
            <h3 id="compare-summary-heading">
                "“" {comparison.before_name.clone()} "” → “" {comparison.after_name.clone()} "”"
            </h3>
            <dl class="compare-summary">
                <div>
                    <dt>"Overall score"</dt>
                    <dd>
                        {overall.before_score.label()} " → " {overall.after_score.label()}
                        " (" {overall.label()} ")"
                    </dd>
                </div>
                <div>
                    <dt>"Maturity level"</dt>
                    <dd>{level_label(comparison.level_before)} " → " {level_label(comparison.level_after)}</dd>
                </div>
                <div>
                    <dt>"Verdict"</dt>
                    <dd>{comparison.verdict_before.title()} " → " {comparison.verdict_after.title()}</dd>
                </div>
            </dl>
        </section>
        <section class="report-section" aria-labelledby="compare-areas-heading">
            <h3 id="compare-areas-heading">"By area"</h3>
            <div class="table-scroll" role="region" aria-labelledby="compare-areas-caption" tabindex="0">
                <table class="compare-table">
                    <caption id="compare-areas-caption">"Score per area before and after, in checklist order"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Area"</th>
                            <th scope="col" class="num">"Before"</th>
                            <th scope="col" class="num">"After"</th>
                            <th scope="col" class="num">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>{areas}</tbody>
                </table>
            </div>
        </section>
        <section class="report-section" aria-labelledby="compare-items-heading">
            <h3 id="compare-items-heading">"Items that changed"</h3>
            {changes}
        </section>
    }
}

fn area_row(area: &AreaDelta) -> impl IntoView {
    let delta = area.delta;
    let trend = match delta.points {
        Some(points) if points >= 0.5 => "delta-up",
        Some(points) if points <= -0.5 => "delta-down",
        _ => "delta-flat",
    };
    view! {
        <tr>
            <th scope="row">{area.title.clone()}</th>
            <td class="num">{delta.before_score.label()}</td>
            <td class="num">{delta.after_score.label()}</td>
            <td class=format!("num {trend}")>{delta.label()}</td>
        </tr>
    }
}

fn change_row(change: &ItemChange) -> impl IntoView {
    let direction = change.direction;
    view! {
        <li class=format!("change change-{}", direction.label().to_lowercase().replace(' ', "-"))>
            <span class="change-direction">
                <span aria-hidden="true">{direction.symbol()} " "</span>
                {direction.label()} ": "
            </span>
            <a href=item_href(&change.item_id)>{change.title.clone()}</a>
            <span class="change-states">
                " " {change.before.symbol()} " " {change.before.label()} " → "
                {change.after.symbol()} " " {change.after.label()}
            </span>
        </li>
    }
}
