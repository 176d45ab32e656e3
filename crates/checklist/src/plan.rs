//! The prioritised plan: every applicable item not yet met, most urgent first.
//!
//! Order:
//! 1. Level gate: foundation, then growth, then advanced. A lower gate blocks
//!    every level above it, so its items come first whatever their weight.
//! 2. Weight, highest first.
//! 3. Answer: "no" before "partly" before unanswered. At the same weight a
//!    "no" leaves twice the points (and usually the larger risk) open that a
//!    "partly" does; unanswered items come last because they may already be in
//!    place: the report asks for them to be answered rather than fixed.
//! 4. Checklist order, so the plan is stable.
//!
//! "Not applicable" items never appear. Each entry carries the item's why and
//! links so the plan reads on its own.

use serde::Serialize;

use super::answers::{Answers, ItemStatus};
use super::levels::Levels;
use super::model::{Checklist, Level};

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanEntry {
    /// 1-based position in the plan.
    pub rank: usize,
    pub item_id: String,
    pub title: String,
    pub area_id: String,
    pub area_title: String,
    pub level: Level,
    pub weight: u8,
    /// No, partly or unanswered.
    pub status: ItemStatus,
    /// True when the item belongs to the next level the team can reach.
    pub blocks_next_level: bool,
    pub question: String,
    pub yes_looks_like: String,
    pub why: String,
    pub articles: Vec<String>,
    pub presets: Vec<String>,
    /// The team's own note on the item.
    pub note: Option<String>,
}

impl PlanEntry {
    /// What to do, in a few words.
    pub fn action(&self) -> &'static str {
        match self.status {
            ItemStatus::No => "Put in place",
            ItemStatus::Partly => "Finish",
            _ => "Answer, then fix if needed",
        }
    }
}

fn status_rank(status: ItemStatus) -> u8 {
    match status {
        ItemStatus::No => 0,
        ItemStatus::Partly => 1,
        _ => 2,
    }
}

/// Builds the plan for the answers.
pub fn build_plan(checklist: &Checklist, answers: &Answers, levels: &Levels) -> Vec<PlanEntry> {
    let mut open: Vec<(usize, ItemStatus)> = checklist
        .items()
        .iter()
        .enumerate()
        .filter_map(|(position, item)| {
            let status = answers.status(&item.id);
            (status.is_applicable() && !status.is_met()).then_some((position, status))
        })
        .collect();
    let items = checklist.items();
    open.sort_by_key(|&(position, status)| {
        let item = &items[position];
        (
            item.level,
            std::cmp::Reverse(item.weight),
            status_rank(status),
            position,
        )
    });
    open.into_iter()
        .enumerate()
        .map(|(index, (position, status))| {
            let item = &items[position];
            PlanEntry {
                rank: index + 1,
                item_id: item.id.clone(),
                title: item.title.clone(),
                area_id: item.area.clone(),
                area_title: checklist
                    .area(&item.area)
                    .map(|area| area.title.clone())
                    .unwrap_or_default(),
                level: item.level,
                weight: item.weight,
                status,
                blocks_next_level: levels.next == Some(item.level),
                question: item.question.clone(),
                yes_looks_like: item.yes_looks_like.clone(),
                why: item.why.clone(),
                articles: item.articles.clone(),
                presets: item.presets.clone(),
                note: answers
                    .get(&item.id)
                    .and_then(|response| response.note())
                    .map(str::to_string),
            }
        })
        .collect()
}
