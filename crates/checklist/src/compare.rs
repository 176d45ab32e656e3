//! Comparing two assessments (for example last quarter and now): how each
//! area's score moved and which answers changed. Keeping a record only helps
//! if the record is read; this is that reading.

use serde::Serialize;

use super::answers::ItemStatus;
use super::assessment::Assessment;
use super::model::{Checklist, Level};
use super::report::Report;
use super::scoring::Score;
use super::verdict::VerdictKind;

/// How an item's answer moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Further from met (e.g. yes → partly, yes → unanswered).
    Worse,
    /// Closer to met (e.g. no → partly).
    Better,
    /// Moved into or out of "not applicable" (which changes what counts
    /// rather than how well it is done), or between "no" and unanswered
    /// (which score the same).
    Other,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Worse => "Worse",
            Direction::Better => "Better",
            Direction::Other => "Other change",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Direction::Worse => "▼",
            Direction::Better => "▲",
            Direction::Other => "↔",
        }
    }
}

/// A score before and after, with the change in percentage points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreDelta {
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// After minus before, when both exist.
    pub points: Option<f64>,
    /// The two scores themselves, for showing them ("58 %", "n/a").
    pub before_score: Score,
    pub after_score: Score,
}

impl ScoreDelta {
    fn new(before: &Score, after: &Score) -> ScoreDelta {
        ScoreDelta {
            before: before.percent,
            after: after.percent,
            points: before.percent.zip(after.percent).map(|(b, a)| a - b),
            before_score: *before,
            after_score: *after,
        }
    }

    /// "+12 points", "−5 points", "no change", or "n/a".
    pub fn label(&self) -> String {
        match self.points {
            None => "n/a".to_string(),
            Some(points) => {
                let rounded = points.round() as i64;
                match rounded {
                    0 => "no change".to_string(),
                    r if r > 0 => format!("+{r} points"),
                    r => format!("−{} points", -r),
                }
            }
        }
    }
}

/// One area's movement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaDelta {
    pub area_id: String,
    pub title: String,
    pub delta: ScoreDelta,
}

/// One item whose answer changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    pub item_id: String,
    pub title: String,
    pub area_id: String,
    pub before: ItemStatus,
    pub after: ItemStatus,
    pub direction: Direction,
}

/// The comparison of two assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before_name: String,
    pub after_name: String,
    pub overall: ScoreDelta,
    /// Areas in checklist order.
    pub areas: Vec<AreaDelta>,
    /// Worse first, then better, then other changes; checklist order within each.
    pub changes: Vec<ItemChange>,
    pub level_before: Option<Level>,
    pub level_after: Option<Level>,
    pub verdict_before: VerdictKind,
    pub verdict_after: VerdictKind,
}

/// How close to met a status is, the way the score counts it: yes 2,
/// partly 1, no and unanswered 0; "not applicable" is outside the scale.
fn progress(status: ItemStatus) -> Option<u8> {
    match status {
        ItemStatus::Yes => Some(2),
        ItemStatus::Partly => Some(1),
        ItemStatus::No | ItemStatus::Unanswered => Some(0),
        ItemStatus::NotApplicable => None,
    }
}

fn direction(before: ItemStatus, after: ItemStatus) -> Direction {
    match (progress(before), progress(after)) {
        (Some(b), Some(a)) if a > b => Direction::Better,
        (Some(b), Some(a)) if a < b => Direction::Worse,
        _ => Direction::Other,
    }
}

/// Compares `before` with `after` item by item and area by area.
pub fn compare(checklist: &Checklist, before: &Assessment, after: &Assessment) -> Comparison {
    let report_before = Report::build(checklist, before);
    let report_after = Report::build(checklist, after);
    let areas = report_before
        .scores
        .areas
        .iter()
        .zip(&report_after.scores.areas)
        .map(|(b, a)| AreaDelta {
            area_id: a.area_id.clone(),
            title: a.title.clone(),
            delta: ScoreDelta::new(&b.score, &a.score),
        })
        .collect();
    let mut changes: Vec<ItemChange> = checklist
        .items()
        .iter()
        .filter_map(|item| {
            let b = before.answers.status(&item.id);
            let a = after.answers.status(&item.id);
            (a != b).then(|| ItemChange {
                item_id: item.id.clone(),
                title: item.title.clone(),
                area_id: item.area.clone(),
                before: b,
                after: a,
                direction: direction(b, a),
            })
        })
        .collect();
    // A stable sort keeps checklist order inside each group.
    changes.sort_by_key(|change| match change.direction {
        Direction::Worse => 0,
        Direction::Better => 1,
        Direction::Other => 2,
    });
    Comparison {
        before_name: before.name.clone(),
        after_name: after.name.clone(),
        overall: ScoreDelta::new(&report_before.scores.overall, &report_after.scores.overall),
        areas,
        changes,
        level_before: report_before.levels.held,
        level_after: report_after.levels.held,
        verdict_before: report_before.verdict.kind,
        verdict_after: report_after.verdict.kind,
    }
}
