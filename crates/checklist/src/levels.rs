//! Maturity levels with strict gating.
//!
//! Each level is a gate made of the items at that level. A gate is met when
//! every applicable item in it is answered "yes": "partly" does not meet a
//! gate (the practice is not in place yet), an unanswered item does not meet
//! it (it is not known to be in place), and "not applicable" items are left
//! out. A gate whose items are all "not applicable" is met.
//!
//! A team holds a level only when that gate and every gate below it are met,
//! the way service scorecards gate bronze/silver/gold. Meeting the growth gate
//! while a foundation item is open still holds no level: the report shows each
//! gate's progress so that case is visible, not hidden.

use serde::Serialize;

use super::answers::{Answers, ItemStatus};
use super::model::{Checklist, Level};

/// Progress through one level's gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateStatus {
    pub level: Level,
    /// Items at this level that are not "not applicable".
    pub applicable: usize,
    /// Items answered "yes".
    pub met: usize,
    /// Ids of applicable items not met (partly, no, unanswered), in checklist order.
    pub unmet: Vec<String>,
    /// How many of `unmet` are unanswered.
    pub unanswered: usize,
}

impl GateStatus {
    /// True when every applicable item is "yes".
    pub fn is_met(&self) -> bool {
        self.unmet.is_empty()
    }

    /// "18 of 21 met".
    pub fn progress_label(&self) -> String {
        format!("{} of {} met", self.met, self.applicable)
    }
}

/// The gates and the level held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Levels {
    /// One gate per level, lowest first.
    pub gates: Vec<GateStatus>,
    /// The highest level whose gate and all gates below are met.
    pub held: Option<Level>,
    /// The level to work on next (`None` once Advanced is held).
    pub next: Option<Level>,
}

impl Levels {
    /// Evaluates every gate.
    pub fn assess(checklist: &Checklist, answers: &Answers) -> Levels {
        let gates: Vec<GateStatus> = Level::ALL
            .into_iter()
            .map(|level| {
                let mut gate = GateStatus {
                    level,
                    applicable: 0,
                    met: 0,
                    unmet: Vec::new(),
                    unanswered: 0,
                };
                for item in checklist.items_at_level(level) {
                    let status = answers.status(&item.id);
                    if !status.is_applicable() {
                        continue;
                    }
                    gate.applicable += 1;
                    if status.is_met() {
                        gate.met += 1;
                    } else {
                        gate.unmet.push(item.id.clone());
                        if status == ItemStatus::Unanswered {
                            gate.unanswered += 1;
                        }
                    }
                }
                gate
            })
            .collect();
        let held = gates
            .iter()
            .take_while(|gate| gate.is_met())
            .last()
            .map(|gate| gate.level);
        let next = match held {
            None => Some(Level::Foundation),
            Some(Level::Foundation) => Some(Level::Growth),
            Some(Level::Growth) => Some(Level::Advanced),
            Some(Level::Advanced) => None,
        };
        Levels { gates, held, next }
    }

    /// The gate of one level.
    pub fn gate(&self, level: Level) -> &GateStatus {
        // `gates` holds one entry per level in `Level::ALL` order.
        &self.gates[Level::ALL
            .iter()
            .position(|&l| l == level)
            .unwrap_or_default()]
    }

    /// True when this level's gate and all below it are met.
    pub fn holds(&self, level: Level) -> bool {
        self.held.is_some_and(|held| held >= level)
    }

    /// "Foundation", or "None yet".
    pub fn held_label(&self) -> &'static str {
        self.held.map_or("None yet", Level::title)
    }

    /// Why the team is at its level and what reaches the next one, in words.
    pub fn explanation(&self, checklist: &Checklist) -> String {
        let held = match self.held {
            None => "No level is held yet.".to_string(),
            Some(level) => format!(
                "{} level held: every applicable item at {} and below is met.",
                level.title(),
                level.title().to_lowercase()
            ),
        };
        let Some(next) = self.next else {
            return format!("{held} This is the highest level.");
        };
        let gate = self.gate(next);
        let titles: Vec<&str> = gate
            .unmet
            .iter()
            .filter_map(|id| checklist.item(id))
            .map(|item| item.title.as_str())
            .collect();
        let count = titles.len();
        let noun = if count == 1 { "item" } else { "items" };
        let mut text = format!(
            "{held} To reach {}, {count} {} {noun} still need a \"yes\": {}.",
            next.title(),
            next.id(),
            join_limited(&titles, 5)
        );
        if gate.unanswered > 0 {
            text.push_str(&format!(
                " {} of them {} not answered yet.",
                gate.unanswered,
                if gate.unanswered == 1 { "is" } else { "are" }
            ));
        }
        text
    }
}

/// "a, b, c and 4 more" (at most `limit` names). When a name itself contains
/// " and ", items are separated by semicolons so the list stays unambiguous.
pub(crate) fn join_limited(names: &[&str], limit: usize) -> String {
    let separator = if names.iter().any(|name| name.contains(" and ")) {
        "; "
    } else {
        ", "
    };
    let last_joint = if separator == "; " { "; and " } else { " and " };
    let (shown, rest) = names.split_at(names.len().min(limit));
    match (shown, rest.len()) {
        ([], _) => String::new(),
        ([only], 0) => only.to_string(),
        (shown, 0) => {
            let (last, init) = shown.split_last().unwrap_or((&"", &[]));
            format!("{}{last_joint}{last}", init.join(separator))
        }
        (shown, more) => format!("{}{last_joint}{more} more", shown.join(separator)),
    }
}

#[cfg(test)]
mod tests {
    use super::join_limited;

    #[test]
    fn lists_read_naturally_and_stay_unambiguous() {
        assert_eq!(join_limited(&[], 3), "");
        assert_eq!(join_limited(&["a"], 3), "a");
        assert_eq!(join_limited(&["a", "b"], 3), "a and b");
        assert_eq!(join_limited(&["a", "b", "c"], 3), "a, b and c");
        assert_eq!(join_limited(&["a", "b", "c", "d"], 2), "a, b and 2 more");
        assert_eq!(
            join_limited(&["a", "b and c", "d"], 2),
            "a; b and c; and 1 more"
        );
        assert_eq!(join_limited(&["x and y", "z"], 5), "x and y; and z");
    }
}
