//! The team context: facts about the organisation that change the verdict as
//! much as the checklist answers do.

use serde::{Deserialize, Serialize};

use super::dora::DoraAnswers;

/// The largest team or service count accepted; anything larger is a typo.
pub const MAX_COUNT: u32 = 10_000;

/// Team context questions. Every field may be left blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TeamContext {
    /// How many teams ship changes to the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<u32>,
    /// How many separately deployed services the system has today (1 for a monolith).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<u32>,
    /// DORA's four keys.
    #[serde(default)]
    pub dora: DoraAnswers,
}

impl TeamContext {
    /// The question the form asks for the team count.
    pub const TEAMS_QUESTION: &'static str = "How many teams ship changes to this system?";
    /// The question the form asks for the service count.
    pub const SERVICES_QUESTION: &'static str =
        "How many separately deployed services does the system have today? (1 if it is a monolith)";

    /// Checks the counts are plausible; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        for (field, value) in [("teams", self.teams), ("services", self.services)] {
            match value {
                Some(0) => return Err(format!("{field} must be at least 1")),
                Some(n) if n > MAX_COUNT => {
                    return Err(format!("{field} is {n}; at most {MAX_COUNT} is accepted"))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Parses a count typed into a form: blank means unanswered; anything
    /// else must be a whole number from 1 to [`MAX_COUNT`].
    pub fn parse_count(text: &str) -> Result<Option<u32>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<u32>() {
            Ok(n @ 1..=MAX_COUNT) => Ok(Some(n)),
            _ => Err(format!(
                "{text:?} is not a whole number from 1 to {MAX_COUNT}"
            )),
        }
    }
}
