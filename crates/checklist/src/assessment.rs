//! One named assessment: a team's answers and context at a point in time.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::context::TeamContext;

/// The most characters an assessment name may have.
pub const MAX_NAME_CHARS: usize = 80;

/// A named set of answers with its team context.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub name: String,
    /// When it was last changed, as the caller records it (ISO 8601 from the
    /// browser clock; the core never reads a clock so it stays deterministic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default)]
    pub answers: Answers,
    #[serde(default)]
    pub context: TeamContext,
}

impl Assessment {
    /// An empty assessment with a name.
    pub fn named(name: &str) -> Assessment {
        Assessment {
            name: name.trim().to_string(),
            ..Assessment::default()
        }
    }

    /// True when nothing has been recorded: no answers, notes or context,
    /// and never edited.
    pub fn is_blank(&self) -> bool {
        self.answers.is_empty() && self.context == TeamContext::default() && self.updated.is_none()
    }

    /// Checks the name and the context; the message says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        check_name(&self.name)?;
        self.context
            .validate()
            .map_err(|message| format!("assessment {:?}: {message}", self.name))
    }
}

/// A name must be non-blank and at most [`MAX_NAME_CHARS`] characters.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("an assessment needs a name".to_string());
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "the name {name:?} has {chars} characters; at most {MAX_NAME_CHARS} are allowed"
        ));
    }
    Ok(())
}
