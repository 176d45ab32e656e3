//! A team's answers to the checklist items: yes, partly, no or not applicable,
//! with an optional reason for "not applicable" and an optional note per item.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::Checklist;

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "partly")]
    Partly,
    #[serde(rename = "no")]
    No,
    /// The item does not apply (for example messaging items for a team that
    /// sends no messages). Excluded from scores and gates.
    #[serde(rename = "na")]
    NotApplicable,
}

impl Answer {
    /// Every answer, in the order a form offers them.
    pub const ALL: [Answer; 4] = [
        Answer::Yes,
        Answer::Partly,
        Answer::No,
        Answer::NotApplicable,
    ];

    /// The identifier used in saved data and reports.
    pub fn id(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::Partly => "partly",
            Answer::No => "no",
            Answer::NotApplicable => "na",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::Partly => "Partly",
            Answer::No => "No",
            Answer::NotApplicable => "Not applicable",
        }
    }

    /// A text symbol so status never depends on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Answer::Yes => "✓",
            Answer::Partly => "◐",
            Answer::No => "✗",
            Answer::NotApplicable => "–",
        }
    }

    /// Parses an identifier from [`Answer::id`].
    pub fn from_id(id: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|answer| answer.id() == id)
    }

    /// Points in half-weights: yes earns 2 per weight, partly 1, no 0, and
    /// "not applicable" is excluded (`None`). Halves keep scoring in integers.
    pub fn half_points(self, weight: u8) -> Option<u32> {
        let weight = u32::from(weight);
        match self {
            Answer::Yes => Some(2 * weight),
            Answer::Partly => Some(weight),
            Answer::No => Some(0),
            Answer::NotApplicable => None,
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The state of an item for scoring and gating: its answer, or unanswered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    Yes,
    Partly,
    No,
    #[serde(rename = "na")]
    NotApplicable,
    Unanswered,
}

impl ItemStatus {
    pub fn from_answer(answer: Option<Answer>) -> ItemStatus {
        match answer {
            Some(Answer::Yes) => ItemStatus::Yes,
            Some(Answer::Partly) => ItemStatus::Partly,
            Some(Answer::No) => ItemStatus::No,
            Some(Answer::NotApplicable) => ItemStatus::NotApplicable,
            None => ItemStatus::Unanswered,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            ItemStatus::Unanswered => "unanswered",
            ItemStatus::Yes => "yes",
            ItemStatus::Partly => "partly",
            ItemStatus::No => "no",
            ItemStatus::NotApplicable => "na",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Unanswered => "Not answered",
            ItemStatus::Yes => Answer::Yes.label(),
            ItemStatus::Partly => Answer::Partly.label(),
            ItemStatus::No => Answer::No.label(),
            ItemStatus::NotApplicable => Answer::NotApplicable.label(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            ItemStatus::Unanswered => "?",
            ItemStatus::Yes => Answer::Yes.symbol(),
            ItemStatus::Partly => Answer::Partly.symbol(),
            ItemStatus::No => Answer::No.symbol(),
            ItemStatus::NotApplicable => Answer::NotApplicable.symbol(),
        }
    }

    /// Met means "yes". Partly does not meet a gate: a gate asks whether the
    /// practice is in place, and "partly" says it is not yet.
    pub fn is_met(self) -> bool {
        self == ItemStatus::Yes
    }

    /// Points in half-weights; an unanswered item earns nothing but still
    /// counts as possible, "not applicable" is left out (`None`).
    pub fn half_points(self, weight: u8) -> Option<u32> {
        match self {
            ItemStatus::Yes => Answer::Yes.half_points(weight),
            ItemStatus::Partly => Answer::Partly.half_points(weight),
            ItemStatus::No | ItemStatus::Unanswered => Answer::No.half_points(weight),
            ItemStatus::NotApplicable => None,
        }
    }

    /// Whether the item counts at all (everything but "not applicable").
    pub fn is_applicable(self) -> bool {
        self != ItemStatus::NotApplicable
    }
}

/// Everything recorded for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// Why the item does not apply; kept only while the answer is
    /// [`Answer::NotApplicable`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// A free note (evidence, owner, next step).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl ItemResponse {
    fn is_empty(&self) -> bool {
        self.answer.is_none() && self.reason.is_empty() && self.note.is_empty()
    }

    /// The reason, when the item is "not applicable" and one was given.
    pub fn na_reason(&self) -> Option<&str> {
        (self.answer == Some(Answer::NotApplicable) && !self.reason.is_empty())
            .then_some(self.reason.as_str())
    }

    /// The note, when one was written.
    pub fn note(&self) -> Option<&str> {
        (!self.note.is_empty()).then_some(self.note.as_str())
    }
}

/// The answers of one assessment, keyed by item id. Ids the current checklist
/// does not know are kept (an item may come back, and saved data is never
/// silently dropped) but count for nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "BTreeMap<String, ItemResponse>",
    into = "BTreeMap<String, ItemResponse>"
)]
pub struct Answers {
    responses: BTreeMap<String, ItemResponse>,
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Everything recorded for an item, if anything.
    pub fn get(&self, item_id: &str) -> Option<&ItemResponse> {
        self.responses.get(item_id)
    }

    /// The answer to an item, `None` when unanswered.
    pub fn answer(&self, item_id: &str) -> Option<Answer> {
        self.responses
            .get(item_id)
            .and_then(|response| response.answer)
    }

    /// The item's state for scoring.
    pub fn status(&self, item_id: &str) -> ItemStatus {
        ItemStatus::from_answer(self.answer(item_id))
    }

    /// Sets or clears an answer. Leaving "not applicable" clears its reason.
    pub fn set_answer(&mut self, item_id: &str, answer: Option<Answer>) {
        self.edit(item_id, |response| {
            response.answer = answer;
            if answer != Some(Answer::NotApplicable) {
                response.reason.clear();
            }
        });
    }

    /// Sets the reason an item does not apply (blank clears it). The reason
    /// is only kept while the answer is "not applicable".
    pub fn set_reason(&mut self, item_id: &str, reason: &str) {
        self.edit(item_id, |response| {
            if response.answer == Some(Answer::NotApplicable) {
                response.reason = clean_text(reason);
            }
        });
    }

    /// Sets or clears (blank text) an item's note.
    pub fn set_note(&mut self, item_id: &str, note: &str) {
        self.edit(item_id, |response| response.note = clean_text(note));
    }

    /// Applies a change and drops entries that end up empty, so "cleared"
    /// and "never touched" are the same state.
    fn edit(&mut self, item_id: &str, change: impl FnOnce(&mut ItemResponse)) {
        let response = self.responses.entry(item_id.to_string()).or_default();
        change(response);
        if response.is_empty() {
            self.responses.remove(item_id);
        }
    }

    /// Inserts a whole response (used by decoders); empty ones are dropped and
    /// a reason without "not applicable" is discarded, texts are trimmed.
    pub fn insert(&mut self, item_id: &str, mut response: ItemResponse) {
        response.note = clean_text(&response.note);
        response.reason = if response.answer == Some(Answer::NotApplicable) {
            clean_text(&response.reason)
        } else {
            String::new()
        };
        if response.is_empty() {
            self.responses.remove(item_id);
        } else {
            self.responses.insert(item_id.to_string(), response);
        }
    }

    /// All recorded responses, ordered by item id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ItemResponse)> {
        self.responses
            .iter()
            .map(|(id, response)| (id.as_str(), response))
    }

    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.responses.is_empty()
    }

    /// How many items of the checklist have an answer.
    pub fn answered_count(&self, checklist: &Checklist) -> usize {
        checklist
            .item_ids()
            .filter(|id| self.answer(id).is_some())
            .count()
    }

    /// Recorded ids the checklist does not define (from an older checklist).
    pub fn unknown_ids<'a>(&'a self, checklist: &Checklist) -> Vec<&'a str> {
        self.responses
            .keys()
            .filter(|id| checklist.item(id).is_none())
            .map(String::as_str)
            .collect()
    }
}

impl From<BTreeMap<String, ItemResponse>> for Answers {
    /// Loaded data goes through the same normalisation as edits.
    fn from(map: BTreeMap<String, ItemResponse>) -> Answers {
        let mut answers = Answers::new();
        for (id, response) in map {
            answers.insert(&id, response);
        }
        answers
    }
}

impl From<Answers> for BTreeMap<String, ItemResponse> {
    fn from(answers: Answers) -> Self {
        answers.responses
    }
}

/// Trims surrounding whitespace; notes and reasons are single fields, and a
/// blank one means "none".
fn clean_text(text: &str) -> String {
    text.trim().to_string()
}
