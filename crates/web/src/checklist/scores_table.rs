//! The scores as a table, weakest area first: the text alternative to the
//! charts, with every count in words.

use leptos::prelude::*;

use super::session::use_session;
use faultline_checklist::scoring::{AreaScore, Counts};
use faultline_checklist::ItemStatus;

/// The answer states counted in each row, in column order.
const COLUMNS: [ItemStatus; 5] = [
    ItemStatus::Yes,
    ItemStatus::Partly,
    ItemStatus::No,
    ItemStatus::NotApplicable,
    ItemStatus::Unanswered,
];

fn count(counts: &Counts, status: ItemStatus) -> usize {
    match status {
        ItemStatus::Yes => counts.yes,
        ItemStatus::Partly => counts.partly,
        ItemStatus::No => counts.no,
        ItemStatus::NotApplicable => counts.not_applicable,
        ItemStatus::Unanswered => counts.unanswered,
    }
}

/// The scores table.
#[component]
pub fn ScoresTable() -> impl IntoView {
    let session = use_session();
    let rows = Memo::new(move |_| {
        session.report.with(|report| {
            let areas: Vec<AreaScore> =
                report.scores.weakest_first().into_iter().cloned().collect();
            (areas, report.scores.overall.label(), report.scores.counts)
        })
    });
    let head = COLUMNS
        .into_iter()
        .map(|status| {
            view! {
                <th scope="col" class="num">
                    <span class="status-symbol" aria-hidden="true">{status.symbol()}</span>
                    {status.label()}
                </th>
            }
        })
        .collect_view();
    let cells = |counts: &Counts| {
        COLUMNS
            .into_iter()
            .map(|status| view! { <td class="num">{count(counts, status)}</td> })
            .collect_view()
    };
    let body = move || {
        rows.with(|(areas, overall, counts)| {
            let lines = areas
                .iter()
                .map(|area| {
                    view! {
                        <tr>
                            <th scope="row">{area.title.clone()}</th>
                            <td class="num">{area.score.label()}</td>
                            {cells(&area.counts)}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tbody>{lines}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Overall"</th>
                        <td class="num">{overall.clone()}</td>
                        {cells(counts)}
                    </tr>
                </tfoot>
            }
        })
    };
    view! {
        <div class="table-scroll" role="region" aria-labelledby="scores-table-caption" tabindex="0">
            <table class="scores-table">
                <caption id="scores-table-caption">"Scores and answers by area, weakest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Area"</th>
                        <th scope="col" class="num">"Score"</th>
                        {head}
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
}
