//! The prioritised plan: unmet items in the core's order (gate first, then
//! weight, then no before partly before unanswered), each with what to do,
//! why it matters, and where to learn more.

use leptos::prelude::*;

use super::item::{item_href, ItemLinks};
use super::session::use_session;
use faultline_checklist::plan::PlanEntry;

/// How many steps show before "Show all" (the print shows every step).
const FIRST_STEPS: usize = 10;

/// The plan section.
#[component]
pub fn PlanView() -> impl IntoView {
    let session = use_session();
    let plan = Memo::new(move |_| session.report.with(|report| report.plan.clone()));
    let next_level = Memo::new(move |_| session.report.with(|report| report.levels.next));
    let lead = move || {
        let steps = plan.with(Vec::len);
        let next = next_level
            .get()
            .map(|level| {
                format!(
                    " Steps marked “next gate” stand between you and the {} level.",
                    level.title()
                )
            })
            .unwrap_or_default();
        format!(
            "{steps} {} in order: the lowest gate first, then the heaviest items.{next}",
            if steps == 1 { "step" } else { "steps" }
        )
    };
    let show_all = RwSignal::new(false);
    let entries = move || {
        plan.with(|plan| {
            if plan.is_empty() {
                return view! {
                    <p class="plan-empty">"Nothing to fix: every applicable item is answered “yes”."</p>
                }
                .into_any();
            }
            let total = plan.len();
            let toggle = (total > FIRST_STEPS).then(|| {
                let label = move || {
                    if show_all.get() {
                        format!("Show the first {FIRST_STEPS} steps only")
                    } else {
                        format!("Show all {total} steps")
                    }
                };
                view! {
                    <p class="plan-more no-print">
                        <button
                            type="button"
                            class="button"
                            aria-expanded=move || show_all.get().to_string()
                            aria-controls="plan-list"
                            on:click=move |_| show_all.update(|all| *all = !*all)
                        >
                            {label}
                        </button>
                    </p>
                }
            });
            view! {
                <ol class="plan" id="plan-list">
                    {plan
                        .iter()
                        .cloned()
                        .map(|entry| {
                            let beyond = entry.rank > FIRST_STEPS;
                            view! { <PlanStep entry hidden=Signal::derive(move || beyond && !show_all.get())/> }
                        })
                        .collect_view()}
                </ol>
                {toggle}
            }
            .into_any()
        })
    };
    view! {
        <section class="report-section plan-section" aria-labelledby="plan-heading">
            <h3 id="plan-heading">"Plan: what to fix first"</h3>
            <p class="section-lead">{lead}</p>
            {entries}
        </section>
    }
}

/// One step of the plan.
#[component]
fn PlanStep(entry: PlanEntry, hidden: Signal<bool>) -> impl IntoView {
    let status = entry.status;
    view! {
        <li class="plan-step" class:is-next-gate=entry.blocks_next_level hidden=hidden>
            <div class="plan-step-head">
                <span class="plan-rank" aria-hidden="true">{entry.rank}</span>
                <h4 class="plan-title">
                    <a href=item_href(&entry.item_id)>{entry.title.clone()}</a>
                </h4>
                <span class=format!("status-tag status-{}", status.id())>
                    <span aria-hidden="true">{status.symbol()} " "</span>
                    {status.label()}
                </span>
            </div>
            <p class="plan-meta">
                <span class=format!("level-tag level-{}", entry.level.id())>{entry.level.title()}</span>
                {entry.blocks_next_level.then(|| view! { <span class="next-gate-tag">"next gate"</span> })}
                <span>{entry.area_title.clone()}</span>
                <span>"weight " {entry.weight}</span>
            </p>
            <p class="plan-why">
                <strong>{entry.action()} ". "</strong>
                {entry.why.clone()}
            </p>
            {entry.note.clone().map(|note| view! { <p class="plan-note">"Your note: " {note}</p> })}
            <div class="plan-links">
                <ItemLinks articles=entry.articles.clone() presets=entry.presets.clone()/>
            </div>
        </li>
    }
}
