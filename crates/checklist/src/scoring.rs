//! Weighted scores per area and overall.
//!
//! Yes earns the item's full weight, partly half of it, no nothing. "Not
//! applicable" leaves the item out of both the points earned and the points
//! possible. An unanswered item counts as earning nothing (it is not known to
//! be in place), and [`Counts::unanswered`] lets the report say how complete
//! the assessment is. Points are kept in half-weights so sums stay integers.

use serde::Serialize;

use super::answers::{Answers, ItemStatus};
use super::model::{Checklist, Item};

/// Points earned out of points possible, in half-weights.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub earned_halves: u32,
    pub possible_halves: u32,
    /// Earned ÷ possible × 100; `None` when every item is "not applicable".
    pub percent: Option<f64>,
}

impl Score {
    fn from_halves(earned_halves: u32, possible_halves: u32) -> Score {
        let percent = (possible_halves > 0)
            .then(|| f64::from(earned_halves) * 100.0 / f64::from(possible_halves));
        Score {
            earned_halves,
            possible_halves,
            percent,
        }
    }

    /// The percentage rounded half up to a whole number, computed in integers
    /// so 62.5 % always shows as 63 %.
    pub fn whole_percent(&self) -> Option<u32> {
        (self.possible_halves > 0)
            .then(|| (self.earned_halves * 200 + self.possible_halves) / (2 * self.possible_halves))
    }

    /// "63 %", or "n/a" when nothing applies.
    pub fn label(&self) -> String {
        match self.whole_percent() {
            Some(percent) => format!("{percent} %"),
            None => "n/a".to_string(),
        }
    }
}

/// How many items are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub yes: usize,
    pub partly: usize,
    pub no: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl Counts {
    fn add(&mut self, status: ItemStatus) {
        match status {
            ItemStatus::Yes => self.yes += 1,
            ItemStatus::Partly => self.partly += 1,
            ItemStatus::No => self.no += 1,
            ItemStatus::NotApplicable => self.not_applicable += 1,
            ItemStatus::Unanswered => self.unanswered += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.answered() + self.unanswered
    }

    pub fn answered(&self) -> usize {
        self.yes + self.partly + self.no + self.not_applicable
    }

    /// Items applicable and not yet met (partly, no, unanswered).
    pub fn unmet(&self) -> usize {
        self.partly + self.no + self.unanswered
    }
}

/// The score of one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaScore {
    pub area_id: String,
    pub title: String,
    pub score: Score,
    pub counts: Counts,
}

/// Scores of every area, in checklist order, and overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub overall: Score,
    pub counts: Counts,
    pub areas: Vec<AreaScore>,
}

#[derive(Default)]
struct Tally {
    earned: u32,
    possible: u32,
    counts: Counts,
}

impl Tally {
    fn add(&mut self, item: &Item, status: ItemStatus) {
        self.counts.add(status);
        if let Some(points) = status.half_points(item.weight) {
            self.earned += points;
            self.possible += 2 * u32::from(item.weight);
        }
    }

    fn score(&self) -> Score {
        Score::from_halves(self.earned, self.possible)
    }
}

impl Scores {
    /// Scores the answers against the checklist. Answers to ids the checklist
    /// does not define are ignored.
    pub fn compute(checklist: &Checklist, answers: &Answers) -> Scores {
        let mut overall = Tally::default();
        let areas = checklist
            .areas()
            .iter()
            .map(|area| {
                let mut tally = Tally::default();
                for item in checklist.items_in_area(&area.id) {
                    let status = answers.status(&item.id);
                    tally.add(item, status);
                    overall.add(item, status);
                }
                AreaScore {
                    area_id: area.id.clone(),
                    title: area.title.clone(),
                    score: tally.score(),
                    counts: tally.counts,
                }
            })
            .collect();
        Scores {
            overall: overall.score(),
            counts: overall.counts,
            areas,
        }
    }

    /// The score of one area.
    pub fn area(&self, area_id: &str) -> Option<&AreaScore> {
        self.areas.iter().find(|area| area.area_id == area_id)
    }

    /// Areas from the lowest score to the highest (failures first), areas
    /// where nothing applies last; ties keep checklist order.
    pub fn weakest_first(&self) -> Vec<&AreaScore> {
        let mut areas: Vec<&AreaScore> = self.areas.iter().collect();
        areas.sort_by(|a, b| {
            let key = |area: &AreaScore| area.score.percent.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        });
        areas
    }
}
