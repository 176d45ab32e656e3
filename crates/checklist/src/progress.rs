//! How far through the questionnaire a team is: which item to answer next,
//! and how many team-context questions are answered. The page's progress
//! counters and its "next unanswered" button read these.

use super::answers::Answers;
use super::context::TeamContext;
use super::model::{Checklist, Item};

/// The first unanswered item after `after` in checklist order, wrapping round
/// to the start; from the first item when `after` is `None` or not an item of
/// this checklist. `None` when every item is answered.
pub fn next_unanswered<'a>(
    checklist: &'a Checklist,
    answers: &Answers,
    after: Option<&str>,
) -> Option<&'a Item> {
    let items = checklist.items();
    let start = after
        .and_then(|id| checklist.position(id))
        .map_or(0, |position| position + 1);
    (0..items.len())
        .map(|offset| &items[(start + offset) % items.len()])
        .find(|item| answers.answer(&item.id).is_none())
}

/// How many team-context questions there are: teams, services and the four
/// DORA keys.
pub const CONTEXT_QUESTIONS: usize = 6;

/// How many of the [`CONTEXT_QUESTIONS`] have an answer.
pub fn context_answered(context: &TeamContext) -> usize {
    let dora = &context.dora;
    [
        context.teams.is_some(),
        context.services.is_some(),
        dora.deployment_frequency.is_some(),
        dora.lead_time.is_some(),
        dora.change_failure_rate.is_some(),
        dora.recovery_time.is_some(),
    ]
    .into_iter()
    .filter(|answered| *answered)
    .count()
}
