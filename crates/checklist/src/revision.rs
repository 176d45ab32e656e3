//! Answers across checklist editions: what changed since an assessment was
//! made, and how its answers carry over to the current edition.
//!
//! A checklist records its earlier editions' item lists, the items it no
//! longer asks (`retired`, each merged into a current item) and the items
//! split off an older one (`split_from`). From that alone:
//!
//! - **Added**: a current item the old edition did not ask, and not split
//!   off one it did. It starts unanswered.
//! - **Merged**: an old item retired into a current one. The current item's
//!   answer combines the answers of every old item it now covers (itself
//!   included, when the old edition asked it): "yes" only when every answered
//!   part was yes, "no" only when every answered part was no, "partly" for
//!   any other mix. Parts answered "not applicable" or left unanswered do not
//!   count, unless no part has another answer: then the item is not
//!   applicable (with the first reason given) or stays unanswered. Notes are
//!   kept, each retired item's note prefixed with its old title.
//! - **Split**: an old item whose subject is now asked as several items: the
//!   old id keeps one part, each new part names it in `split_from`. A new
//!   part the user has not answered yet takes the old item's answer (and
//!   reason), whatever it was: "yes" to the whole is yes to each part, "no"
//!   to the whole means neither was in place, and "partly" and "not
//!   applicable" are the best estimate there is. The note asks for a review.
//!
//! Both functions are pure; storage, share links and imports call them, and
//! the page shows the [`Changes`] as a notice.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::answers::{Answer, Answers, ItemResponse};
use super::model::Checklist;

/// An item named in a note: its id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemName {
    pub id: String,
    pub title: String,
}

/// Old items now asked as one current item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// The retired items, in the old edition's order.
    pub retired: Vec<ItemName>,
    pub into: ItemName,
}

/// An old item now asked as several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Split {
    /// The old item's id and its title today.
    pub from: ItemName,
    /// The new items split off it (the old id keeps the remaining part).
    pub parts: Vec<ItemName>,
}

/// What changed between the edition an assessment was made with and the
/// current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub from_edition: u32,
    pub to_edition: u32,
    pub added: Vec<ItemName>,
    pub merged: Vec<Merge>,
    pub split: Vec<Split>,
}

/// Why answers could not be carried to the current edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionError {
    /// The data says it was made with an edition this checklist does not
    /// know: a newer one, or none at all.
    UnknownEdition { edition: u32, current: u32 },
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RevisionError::UnknownEdition { edition, current } => write!(
                f,
                "the answers were made with checklist edition {edition}, which this page does not know (it has edition {current}); it may come from a newer Faultline"
            ),
        }
    }
}

impl std::error::Error for RevisionError {}

fn name_of(checklist: &Checklist, id: &str) -> ItemName {
    let title = checklist
        .item(id)
        .map(|item| item.title.clone())
        .or_else(|| checklist.retired_item(id).map(|r| r.title.clone()))
        .unwrap_or_else(|| id.to_string());
    ItemName {
        id: id.to_string(),
        title,
    }
}

/// The item ids of `edition`, or `None` when it is the current one.
fn old_ids(checklist: &Checklist, edition: u32) -> Result<Option<&[String]>, RevisionError> {
    if edition == checklist.edition() {
        return Ok(None);
    }
    checklist
        .past_edition(edition)
        .map(|past| Some(past.items.as_slice()))
        .ok_or(RevisionError::UnknownEdition {
            edition,
            current: checklist.edition(),
        })
}

/// What changed since `edition`; `None` when it is the current edition.
pub fn changes_since(
    checklist: &Checklist,
    edition: u32,
) -> Result<Option<Changes>, RevisionError> {
    let Some(old) = old_ids(checklist, edition)? else {
        return Ok(None);
    };
    let was_asked = |id: &str| old.iter().any(|old_id| old_id == id);
    let mut added = Vec::new();
    let mut splits: BTreeMap<usize, Split> = BTreeMap::new();
    for item in checklist.items() {
        if was_asked(&item.id) {
            continue;
        }
        let source = item
            .split_from
            .as_deref()
            .filter(|source| was_asked(source));
        match source {
            Some(source) => {
                let position = old.iter().position(|id| id == source).unwrap_or(0);
                splits
                    .entry(position)
                    .or_insert_with(|| Split {
                        from: name_of(checklist, source),
                        parts: Vec::new(),
                    })
                    .parts
                    .push(name_of(checklist, &item.id));
            }
            None => added.push(name_of(checklist, &item.id)),
        }
    }
    let mut merges: Vec<Merge> = Vec::new();
    for id in old {
        let Some(retired) = checklist.retired_item(id) else {
            continue;
        };
        let name = name_of(checklist, id);
        match merges.iter_mut().find(|m| m.into.id == retired.merged_into) {
            Some(merge) => merge.retired.push(name),
            None => merges.push(Merge {
                retired: vec![name],
                into: name_of(checklist, &retired.merged_into),
            }),
        }
    }
    Ok(Some(Changes {
        from_edition: edition,
        to_edition: checklist.edition(),
        added,
        merged: merges,
        split: splits.into_values().collect(),
    }))
}

/// The answers of `edition` carried over to the current edition by the
/// rules in the module documentation. Answers to ids no edition knows are
/// kept as they are (they count for nothing, as before).
pub fn upgrade(
    checklist: &Checklist,
    edition: u32,
    answers: &Answers,
) -> Result<Answers, RevisionError> {
    let Some(old) = old_ids(checklist, edition)? else {
        return Ok(answers.clone());
    };
    let was_asked = |id: &str| old.iter().any(|old_id| old_id == id);
    let mut upgraded = answers.clone();

    // Merges: every old id now covered by one current item, grouped.
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for id in old {
        if let Some(retired) = checklist.retired_item(id) {
            let group = groups.entry(retired.merged_into.as_str()).or_default();
            if group.is_empty() && was_asked(&retired.merged_into) {
                group.push(retired.merged_into.as_str());
            }
            group.push(id.as_str());
        }
    }
    for (into, parts) in &groups {
        let responses: Vec<(&str, &ItemResponse)> = parts
            .iter()
            .filter_map(|id| answers.get(id).map(|response| (*id, response)))
            .collect();
        for id in parts.iter().filter(|id| *id != into) {
            upgraded.insert(id, ItemResponse::default());
        }
        if responses.is_empty() {
            continue;
        }
        let merged = merge_responses(checklist, into, &responses);
        upgraded.insert(into, merged);
    }

    // Splits: new parts the user has not answered take the old answer.
    for item in checklist.items() {
        let Some(source) = item.split_from.as_deref() else {
            continue;
        };
        if was_asked(&item.id) || !was_asked(source) || answers.answer(&item.id).is_some() {
            continue;
        }
        let Some(old_response) = answers.get(source) else {
            continue;
        };
        let mut response = upgraded.get(&item.id).cloned().unwrap_or_default();
        response.answer = old_response.answer;
        response.reason = old_response.reason.clone();
        upgraded.insert(&item.id, response);
    }
    Ok(upgraded)
}

/// One response for a merged item from the responses of its parts.
fn merge_responses(
    checklist: &Checklist,
    into: &str,
    responses: &[(&str, &ItemResponse)],
) -> ItemResponse {
    let given: Vec<Answer> = responses.iter().filter_map(|(_, r)| r.answer).collect();
    let applicable: Vec<Answer> = given
        .iter()
        .copied()
        .filter(|answer| *answer != Answer::NotApplicable)
        .collect();
    let answer = if applicable.is_empty() {
        given.first().copied()
    } else if applicable.iter().all(|a| *a == Answer::Yes) {
        Some(Answer::Yes)
    } else if applicable.iter().all(|a| *a == Answer::No) {
        Some(Answer::No)
    } else {
        Some(Answer::Partly)
    };
    let reason = responses
        .iter()
        .find_map(|(_, response)| response.na_reason())
        .unwrap_or_default()
        .to_string();
    let notes: Vec<String> = responses
        .iter()
        .filter_map(|(id, response)| {
            let note = response.note()?;
            Some(if *id == into {
                note.to_string()
            } else {
                format!("{}: {note}", name_of(checklist, id).title)
            })
        })
        .collect();
    ItemResponse {
        answer,
        reason,
        note: notes.join("\n"),
    }
}

impl Changes {
    /// True when the new edition changed nothing an assessment sees.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.merged.is_empty() && self.split.is_empty()
    }

    /// The note for people, one sentence per change, most disruptive first.
    pub fn sentences(&self) -> Vec<String> {
        let quote = |name: &ItemName| format!("“{}”", name.title);
        let list = |names: &[ItemName]| join_words(&names.iter().map(quote).collect::<Vec<_>>());
        let mut out = Vec::new();
        for merge in &self.merged {
            out.push(format!(
                "{} {} merged into {}; its answer now combines the earlier answers.",
                list(&merge.retired),
                if merge.retired.len() == 1 {
                    "was"
                } else {
                    "were"
                },
                quote(&merge.into)
            ));
        }
        for split in &self.split {
            let one = split.parts.len() == 1;
            out.push(format!(
                "{} was split: {} {} now asked separately and took the earlier answer; check {}.",
                quote(&split.from),
                list(&split.parts),
                if one { "is" } else { "are" },
                if one { "it" } else { "them" },
            ));
        }
        if !self.added.is_empty() {
            let count = self.added.len();
            out.push(format!(
                "{count} new {} not answered yet: {}.",
                if count == 1 { "item is" } else { "items are" },
                list(&self.added)
            ));
        }
        out
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
