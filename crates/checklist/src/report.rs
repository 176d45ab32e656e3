//! Everything the results page shows, computed in one pure call.

use serde::Serialize;

use super::assessment::Assessment;
use super::dora::DoraProfile;
use super::levels::Levels;
use super::model::Checklist;
use super::plan::{build_plan, PlanEntry};
use super::scoring::Scores;
use super::verdict::Verdict;

/// How much of the checklist is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub answered: usize,
    pub total: usize,
}

impl Completeness {
    pub fn unanswered(&self) -> usize {
        self.total - self.answered
    }

    pub fn is_complete(&self) -> bool {
        self.answered == self.total
    }

    /// "41 of 77 items answered".
    pub fn label(&self) -> String {
        format!("{} of {} items answered", self.answered, self.total)
    }
}

/// The results of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub name: String,
    pub updated: Option<String>,
    pub completeness: Completeness,
    pub scores: Scores,
    pub levels: Levels,
    /// Why the level is what it is and what reaches the next one.
    pub level_explanation: String,
    pub dora: DoraProfile,
    pub verdict: Verdict,
    pub plan: Vec<PlanEntry>,
    /// Answered ids the checklist no longer defines; they count for nothing.
    pub unknown_answer_ids: Vec<String>,
}

impl Report {
    /// Scores, gates, classifies, decides and plans.
    pub fn build(checklist: &Checklist, assessment: &Assessment) -> Report {
        let answers = &assessment.answers;
        let scores = Scores::compute(checklist, answers);
        let levels = Levels::assess(checklist, answers);
        let dora = DoraProfile::classify(&assessment.context.dora);
        let verdict = Verdict::derive(checklist, &levels, &assessment.context, &dora);
        let plan = build_plan(checklist, answers, &levels);
        Report {
            name: assessment.name.clone(),
            updated: assessment.updated.clone(),
            completeness: Completeness {
                answered: scores.counts.answered(),
                total: scores.counts.total(),
            },
            level_explanation: levels.explanation(checklist),
            scores,
            levels,
            dora,
            verdict,
            plan,
            unknown_answer_ids: answers
                .unknown_ids(checklist)
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    }

    /// The plan entries of the gate to work on next.
    pub fn next_steps(&self) -> impl Iterator<Item = &PlanEntry> {
        self.plan.iter().filter(|entry| entry.blocks_next_level)
    }
}
