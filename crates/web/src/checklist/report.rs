//! The Results view: verdict with reasons, level, overall score, scores by
//! area (radar, bars, table), the DORA profile, the plan, and the ways to
//! keep and share the assessment. Everything shown is read from the core's
//! `Report`; this module only lays it out.

use leptos::prelude::*;

use super::bars::BarChart;
use super::dora::DoraProfileView;
use super::export::ExportPanel;
use super::plan::PlanView;
use super::questionnaire::go_to_next_unanswered;
use super::radar::RadarChart;
use super::scores_table::ScoresTable;
use super::session::use_session;
use super::share::SharePanel;
use faultline_checklist::levels::GateStatus;
use faultline_checklist::verdict::Verdict;
use faultline_checklist::{Completeness, ItemStatus};

/// The results.
#[component]
pub fn Results() -> impl IntoView {
    let session = use_session();
    let name = Memo::new(move |_| session.report.with(|report| report.name.clone()));
    let completeness = Memo::new(move |_| session.report.with(|report| report.completeness));
    let unknown = Memo::new(move |_| {
        session
            .report
            .with(|report| report.unknown_answer_ids.clone())
    });

    view! {
        <article class="report" aria-labelledby="report-heading">
            <header class="report-head">
                <p class="report-kicker">"Readiness report"</p>
                <h2 id="report-heading">{move || name.get()}</h2>
                <CompletenessLine completeness/>
            </header>
            {move || {
                let unknown = unknown.get();
                (!unknown.is_empty()).then(|| view! {
                    <p class="report-warning">
                        "Some saved answers belong to questions this edition of the checklist no longer has ("
                        {unknown.join(", ")}
                        "); they are kept but count for nothing."
                    </p>
                })
            }}
            <div class="report-summary">
                <VerdictCard/>
                <LevelCard/>
                <ScoreCard/>
            </div>
            <section class="report-section" aria-labelledby="scores-heading">
                <h3 id="scores-heading">"Scores by area"</h3>
                <p class="section-lead">
                    "Weighted: yes earns an item’s weight, partly half of it. Not-applicable items are left out; unanswered ones count as not met."
                </p>
                <div class="charts">
                    <RadarChart/>
                    <BarChart/>
                </div>
                <ScoresTable/>
            </section>
            <DoraProfileView/>
            <PlanView/>
            <section class="report-section keep-share no-print" aria-labelledby="keep-heading">
                <h3 id="keep-heading">"Keep and share"</h3>
                <SharePanel/>
                <ExportPanel/>
            </section>
        </article>
    }
}

/// "41 of 62 items answered", with a way back to the open questions.
#[component]
fn CompletenessLine(completeness: Memo<Completeness>) -> impl IntoView {
    let session = use_session();
    let line = move || {
        completeness.with(|c| {
            if c.is_complete() {
                format!("{}.", c.label())
            } else {
                format!(
                    "{}. The {} unanswered count as not met.",
                    c.label(),
                    c.unanswered()
                )
            }
        })
    };
    let incomplete = move || !completeness.with(|c| c.is_complete());
    let updated = move || {
        session
            .report
            .with(|report| report.updated.clone())
            .map(|iso| format!("Last changed {}. ", super::browser::local_time(&iso)))
    };
    view! {
        <p class="report-meta">
            {updated}
            {line}
            {move || {
                (incomplete() && !session.is_read_only()).then(|| view! {
                    " "
                    <button
                        type="button"
                        class="link-button no-print"
                        on:click=move |_| {
                            go_to_next_unanswered(session);
                        }
                    >
                        "Answer the rest"
                    </button>
                })
            }}
        </p>
    }
}

/// The verdict and its reasons.
#[component]
fn VerdictCard() -> impl IntoView {
    let session = use_session();
    let verdict = Memo::new(move |_| session.report.with(|report| report.verdict.clone()));
    let body = move || {
        verdict.with(|verdict: &Verdict| {
            let reasons = verdict
                .reasons
                .iter()
                .map(|reason| view! { <li>{reason.clone()}</li> })
                .collect_view();
            view! {
                <p class=format!("verdict-title verdict-{}", verdict.kind.id())>{verdict.title.clone()}</p>
                <h4 class="card-subheading">"Why"</h4>
                <ul class="verdict-reasons">{reasons}</ul>
            }
        })
    };
    view! {
        <section class="result-card verdict-card" aria-labelledby="verdict-heading">
            <h3 id="verdict-heading" class="card-heading">"Verdict"</h3>
            {body}
        </section>
    }
}

/// The maturity level held, its gates, and what reaches the next one.
#[component]
fn LevelCard() -> impl IntoView {
    let session = use_session();
    let levels = Memo::new(move |_| {
        session.report.with(|report| {
            (
                report.levels.held_label(),
                report.level_explanation.clone(),
                report.levels.gates.clone(),
            )
        })
    });
    let body = move || {
        levels.with(|(held, explanation, gates)| {
            let gates = gates.iter().map(gate_row).collect_view();
            view! {
                <p class="level-held">{*held}</p>
                <p>{explanation.clone()}</p>
                <h4 class="card-subheading">"Gates (every applicable item “yes”)"</h4>
                <ul class="gates">{gates}</ul>
            }
        })
    };
    view! {
        <section class="result-card level-card" aria-labelledby="level-heading">
            <h3 id="level-heading" class="card-heading">"Maturity level"</h3>
            {body}
        </section>
    }
}

fn gate_row(gate: &GateStatus) -> impl IntoView {
    let (symbol, state) = if gate.is_met() {
        ("✓", "met")
    } else {
        ("✗", "not met")
    };
    view! {
        <li class=if gate.is_met() { "gate gate-met" } else { "gate gate-open" }>
            <span class="gate-symbol" aria-hidden="true">{symbol}</span>
            <span class="gate-name">{gate.level.title()}</span>
            <span class="visually-hidden">{format!(" gate {state}:")}</span>
            <span class="gate-state">{gate.progress_label()}</span>
        </li>
    }
}

/// The overall score and the count of answers in each state.
#[component]
fn ScoreCard() -> impl IntoView {
    let session = use_session();
    let overall = Memo::new(move |_| {
        session
            .report
            .with(|report| (report.scores.overall.label(), report.scores.counts))
    });
    let body = move || {
        overall.with(|(label, counts)| {
            let rows = [
                (ItemStatus::Yes, counts.yes),
                (ItemStatus::Partly, counts.partly),
                (ItemStatus::No, counts.no),
                (ItemStatus::NotApplicable, counts.not_applicable),
                (ItemStatus::Unanswered, counts.unanswered),
            ]
            .into_iter()
            .map(|(status, count)| {
                view! {
                    <div class=format!("count-row status-{}", status.id())>
                        <dt>
                            <span class="status-symbol" aria-hidden="true">{status.symbol()}</span>
                            {status.label()}
                        </dt>
                        <dd>{count}</dd>
                    </div>
                }
            })
            .collect_view();
            view! {
                <p class="score-big">{label.clone()}</p>
                <dl class="answer-counts">{rows}</dl>
            }
        })
    };
    view! {
        <section class="result-card score-card" aria-labelledby="overall-heading">
            <h3 id="overall-heading" class="card-heading">"Overall score"</h3>
            {body}
        </section>
    }
}
