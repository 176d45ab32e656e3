//! The saved format for local storage: several named assessments, versioned,
//! with migration from older versions. Pure functions over strings; the web
//! layer does the actual `localStorage` reads and writes.
//!
//! Version 3 (current) adds `edition`, the checklist edition the answers
//! refer to; otherwise it is version 2:
//! ```json
//! {"version": 3, "edition": 2, "active": "Q3 review", "assessments": […]}
//! ```
//! Version 2 (no `edition`: its answers are to checklist edition 1):
//! ```json
//! {"version": 2, "active": "Q3 review",
//!  "assessments": [{"name": "Q3 review", "updated": "2026-09-30T10:00:00Z",
//!                   "answers": {"resilience.timeouts": {"answer": "partly", "note": "…"}},
//!                   "context": {"teams": 4, "services": 2, "dora": {"lead_time": "day-to-week"}}}]}
//! ```
//! Version 1 (the first release) held one unnamed assessment with answers as
//! bare strings and notes and reasons in side tables:
//! ```json
//! {"version": 1, "updated": "…", "answers": {"resilience.timeouts": "partly"},
//!  "notes": {"resilience.timeouts": "…"}, "reasons": {"messaging.dead-letters": "…"},
//!  "teams": 4, "services": 2}
//! ```
//! It migrates to one assessment named [`MIGRATED_NAME`].
//!
//! Reading is two steps: [`Store::parse`] reads any format version as it was
//! saved, then [`Store::upgrade`] carries the answers to the current
//! checklist edition (rules in [`crate::revision`]) and returns
//! the note about what changed.
//!
//! Data that cannot be read is never repaired by guesswork: [`Store::parse`]
//! returns a [`StorageError`] that says what is wrong, and the caller sets the
//! raw text aside (for example under [`SET_ASIDE_KEY`]) before starting fresh.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answers::{Answer, Answers, ItemResponse};
use super::assessment::{check_name, Assessment};
use super::context::TeamContext;
use super::json_value::from_json_value;
use super::model::Checklist;
use super::revision::{self, Changes};

/// The version [`Store::to_json`] writes.
pub const CURRENT_VERSION: u64 = 3;

/// The checklist edition of data saved before editions were recorded
/// (format versions 1 and 2).
pub const UNRECORDED_EDITION: u32 = 1;

/// The local-storage key the web layer should use.
pub const STORAGE_KEY: &str = "faultline.checklist";

/// Where the web layer should keep data it could not read (never overwritten
/// silently: the user can still export it by hand).
pub const SET_ASIDE_KEY: &str = "faultline.checklist.unreadable";

/// How many pieces of unreadable data can be kept set aside at once. Each
/// piece needs its own slot because nothing set aside is ever overwritten.
pub const SET_ASIDE_SLOTS: usize = 5;

/// The local-storage key of set-aside slot `slot` (0-based):
/// [`SET_ASIDE_KEY`], then `SET_ASIDE_KEY.2`, `SET_ASIDE_KEY.3`…
pub fn set_aside_key(slot: usize) -> String {
    match slot {
        0 => SET_ASIDE_KEY.to_string(),
        n => format!("{SET_ASIDE_KEY}.{}", n + 1),
    }
}

/// Where unreadable data should be set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetAsideSlot {
    /// The same text is already kept under this key; nothing to write.
    AlreadyKept(String),
    /// An empty slot; write the text under this key.
    Free(String),
    /// Every slot holds other data. Nothing may be overwritten, so the caller
    /// must not replace the unreadable data until the user has dealt with it.
    Full,
}

/// Chooses where to set `raw` aside, given a way to read what each key holds
/// (`None` for an empty key).
pub fn set_aside_slot(raw: &str, read: impl Fn(&str) -> Option<String>) -> SetAsideSlot {
    let mut free = None;
    for slot in 0..SET_ASIDE_SLOTS {
        let key = set_aside_key(slot);
        match read(&key) {
            Some(kept) if kept == raw => return SetAsideSlot::AlreadyKept(key),
            Some(_) => {}
            None => {
                free.get_or_insert(key);
            }
        }
    }
    free.map_or(SetAsideSlot::Full, SetAsideSlot::Free)
}

/// The name of a new store's first assessment.
pub const DEFAULT_NAME: &str = "My assessment";

/// The name given to a version 1 assessment on migration.
pub const MIGRATED_NAME: &str = "My assessment";

/// Why saved data could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    NotJson { message: String },
    MissingVersion,
    UnsupportedVersion { version: String },
    Invalid { message: String },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Saved assessments could not be read: ")?;
        match self {
            StorageError::NotJson { message } => write!(f, "the data is not valid JSON ({message})."),
            StorageError::MissingVersion => {
                f.write_str("the data has no \"version\" field, so its format is unknown.")
            }
            StorageError::UnsupportedVersion { version } => write!(
                f,
                "the data is in format version {version}, which this page cannot read (it reads versions 1 to {CURRENT_VERSION}); it may come from a newer Faultline."
            ),
            StorageError::Invalid { message } => write!(f, "{message}."),
        }
    }
}

impl std::error::Error for StorageError {}

/// Why an edit of the store was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    BadName(String),
    NameTaken(String),
    NoSuchAssessment(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::BadName(message) => f.write_str(message),
            StoreError::NameTaken(name) => {
                write!(f, "an assessment named {name:?} already exists")
            }
            StoreError::NoSuchAssessment(name) => {
                write!(f, "there is no assessment named {name:?}")
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// A removed assessment and where it was, so the removal can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub assessment: Assessment,
    pub index: usize,
    pub was_active: bool,
}

/// The result of reading saved data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub store: Store,
    /// The version the data was migrated from, when it was older.
    pub migrated_from: Option<u64>,
}

/// All saved assessments and which one is open. Never empty; names unique.
/// Every assessment's answers refer to the same checklist edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    assessments: Vec<Assessment>,
    active: usize,
    edition: u32,
}

#[derive(Deserialize)]
struct V2 {
    #[serde(default)]
    active: Option<String>,
    assessments: Vec<Assessment>,
}

#[derive(Serialize, Deserialize)]
struct V3 {
    version: u64,
    edition: u32,
    #[serde(default)]
    active: Option<String>,
    assessments: Vec<Assessment>,
}

#[derive(Deserialize)]
struct V1 {
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    answers: BTreeMap<String, Answer>,
    #[serde(default)]
    notes: BTreeMap<String, String>,
    #[serde(default)]
    reasons: BTreeMap<String, String>,
    #[serde(default)]
    teams: Option<u32>,
    #[serde(default)]
    services: Option<u32>,
}

fn invalid(message: impl Into<String>) -> StorageError {
    StorageError::Invalid {
        message: message.into(),
    }
}

impl V1 {
    fn migrate(self) -> Assessment {
        let mut responses: BTreeMap<String, ItemResponse> = BTreeMap::new();
        for (id, answer) in self.answers {
            responses.entry(id).or_default().answer = Some(answer);
        }
        for (id, note) in self.notes {
            responses.entry(id).or_default().note = note;
        }
        for (id, reason) in self.reasons {
            responses.entry(id).or_default().reason = reason;
        }
        Assessment {
            name: MIGRATED_NAME.to_string(),
            updated: self.updated,
            answers: Answers::from(responses),
            context: TeamContext {
                teams: self.teams,
                services: self.services,
                ..TeamContext::default()
            },
        }
    }
}

impl Store {
    /// A store with one empty assessment, for answers to this checklist.
    pub fn new(checklist: &Checklist) -> Store {
        Store::empty(checklist.edition())
    }

    fn empty(edition: u32) -> Store {
        Store {
            assessments: vec![Assessment::named(DEFAULT_NAME)],
            active: 0,
            edition,
        }
    }

    /// The checklist edition the answers refer to.
    pub fn edition(&self) -> u32 {
        self.edition
    }

    /// Carries every assessment's answers to `checklist`'s edition. Returns
    /// what changed since they were saved, or `None` when they already were
    /// at this edition or the store holds no answers to carry. An edition
    /// the checklist does not know is an error (the data is newer).
    pub fn upgrade(&mut self, checklist: &Checklist) -> Result<Option<Changes>, StorageError> {
        let unknown = |error: revision::RevisionError| invalid(error.to_string());
        let Some(changes) = revision::changes_since(checklist, self.edition).map_err(unknown)?
        else {
            return Ok(None);
        };
        let mut upgraded = Vec::with_capacity(self.assessments.len());
        for assessment in &self.assessments {
            let answers =
                revision::upgrade(checklist, self.edition, &assessment.answers).map_err(unknown)?;
            upgraded.push(Assessment {
                answers,
                ..assessment.clone()
            });
        }
        let had_answers = self.assessments.iter().any(|a| !a.answers.is_empty());
        self.assessments = upgraded;
        self.edition = checklist.edition();
        Ok((had_answers && !changes.is_empty()).then_some(changes))
    }

    /// Reads saved data of any known version, migrating older ones.
    pub fn parse(text: &str) -> Result<Loaded, StorageError> {
        let value: Value = serde_json::from_str(text).map_err(|error| StorageError::NotJson {
            message: error.to_string(),
        })?;
        let Some(object) = value.as_object() else {
            return Err(invalid("the data is not a JSON object"));
        };
        let version = match object.get("version") {
            None => return Err(StorageError::MissingVersion),
            Some(Value::Number(number)) => number.as_u64(),
            Some(_) => None,
        };
        match version {
            Some(1) => {
                let v1: V1 = from_json_value(value).map_err(invalid)?;
                let store = Store::from_parts(vec![v1.migrate()], None, UNRECORDED_EDITION)?;
                Ok(Loaded {
                    store,
                    migrated_from: Some(1),
                })
            }
            Some(2) => {
                let v2: V2 = from_json_value(value).map_err(invalid)?;
                let store =
                    Store::from_parts(v2.assessments, v2.active.as_deref(), UNRECORDED_EDITION)?;
                Ok(Loaded {
                    store,
                    migrated_from: Some(2),
                })
            }
            Some(CURRENT_VERSION) => {
                let v3: V3 = from_json_value(value).map_err(invalid)?;
                if v3.edition == 0 {
                    return Err(invalid("the checklist edition is 0; editions start at 1"));
                }
                let store = Store::from_parts(v3.assessments, v3.active.as_deref(), v3.edition)?;
                Ok(Loaded {
                    store,
                    migrated_from: None,
                })
            }
            _ => Err(StorageError::UnsupportedVersion {
                version: object
                    .get("version")
                    .map(Value::to_string)
                    .unwrap_or_default(),
            }),
        }
    }

    /// Checks loaded assessments. An empty list holds nothing to lose, so it
    /// becomes a fresh store; an unknown active name falls back to the first.
    fn from_parts(
        assessments: Vec<Assessment>,
        active: Option<&str>,
        edition: u32,
    ) -> Result<Store, StorageError> {
        if assessments.is_empty() {
            return Ok(Store::empty(edition));
        }
        for (index, assessment) in assessments.iter().enumerate() {
            assessment
                .validate()
                .map_err(|message| invalid(format!("assessment {}: {message}", index + 1)))?;
            if assessments[..index]
                .iter()
                .any(|other| other.name == assessment.name)
            {
                return Err(invalid(format!(
                    "two assessments are named {:?}",
                    assessment.name
                )));
            }
        }
        let active = active
            .and_then(|name| assessments.iter().position(|a| a.name == name))
            .unwrap_or(0);
        Ok(Store {
            assessments,
            active,
            edition,
        })
    }

    /// The current-version JSON to save.
    pub fn to_json(&self) -> String {
        let data = V3 {
            version: CURRENT_VERSION,
            edition: self.edition,
            active: Some(self.active().name.clone()),
            assessments: self.assessments.clone(),
        };
        // Plain strings, numbers and maps with string keys always serialise.
        serde_json::to_string(&data).unwrap_or_default()
    }

    pub fn assessments(&self) -> &[Assessment] {
        &self.assessments
    }

    pub fn names(&self) -> Vec<&str> {
        self.assessments.iter().map(|a| a.name.as_str()).collect()
    }

    pub fn get(&self, name: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.name == name)
    }

    /// The open assessment.
    pub fn active(&self) -> &Assessment {
        &self.assessments[self.active]
    }

    /// The open assessment, for editing answers and context.
    pub fn active_mut(&mut self) -> &mut Assessment {
        &mut self.assessments[self.active]
    }

    fn index_of(&self, name: &str) -> Result<usize, StoreError> {
        self.assessments
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| StoreError::NoSuchAssessment(name.to_string()))
    }

    fn check_new_name(&self, name: &str) -> Result<String, StoreError> {
        let name = name.trim();
        check_name(name).map_err(StoreError::BadName)?;
        if self.get(name).is_some() {
            return Err(StoreError::NameTaken(name.to_string()));
        }
        Ok(name.to_string())
    }

    /// Opens another assessment.
    pub fn select(&mut self, name: &str) -> Result<(), StoreError> {
        self.active = self.index_of(name)?;
        Ok(())
    }

    /// Adds an empty assessment and opens it.
    pub fn create(&mut self, name: &str) -> Result<(), StoreError> {
        let name = self.check_new_name(name)?;
        self.assessments.push(Assessment::named(&name));
        self.active = self.assessments.len() - 1;
        Ok(())
    }

    /// Adds a copy of an assessment (a shared or imported one) under a free
    /// name derived from its own, opens it, and returns the name used.
    pub fn save_copy(&mut self, assessment: &Assessment) -> String {
        let base = if check_name(&assessment.name).is_ok() {
            assessment.name.trim().to_string()
        } else {
            DEFAULT_NAME.to_string()
        };
        let name = self.free_name(&base);
        let mut copy = assessment.clone();
        copy.name = name.clone();
        self.assessments.push(copy);
        self.active = self.assessments.len() - 1;
        name
    }

    /// Keeps an assessment that arrived from outside (a share link or an
    /// import) and opens it. When the store holds nothing but one blank
    /// assessment (a first visit), the arrival takes its place instead of
    /// sitting beside an empty "My assessment"; otherwise it is added as by
    /// [`Store::save_copy`]. Returns the name used.
    pub fn adopt(&mut self, assessment: &Assessment) -> String {
        if self.assessments.len() == 1 && self.assessments[0].is_blank() {
            self.assessments.clear();
        }
        if self.assessments.is_empty() {
            let mut copy = assessment.clone();
            if check_name(&copy.name).is_err() {
                copy.name = DEFAULT_NAME.to_string();
            }
            copy.name = copy.name.trim().to_string();
            let name = copy.name.clone();
            self.assessments.push(copy);
            self.active = 0;
            return name;
        }
        self.save_copy(assessment)
    }

    /// `base`, or `base (2)`, `base (3)`… whichever is free, within the
    /// name length limit.
    pub fn free_name(&self, base: &str) -> String {
        if self.get(base).is_none() {
            return base.to_string();
        }
        (2..)
            .map(|n| {
                let suffix = format!(" ({n})");
                let room = super::assessment::MAX_NAME_CHARS - suffix.chars().count();
                let stem: String = base.chars().take(room).collect();
                format!("{}{suffix}", stem.trim_end())
            })
            .find(|candidate| self.get(candidate).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    /// Renames an assessment.
    pub fn rename(&mut self, old: &str, new: &str) -> Result<(), StoreError> {
        let index = self.index_of(old)?;
        if old.trim() == new.trim() {
            return Ok(());
        }
        let new = self.check_new_name(new)?;
        self.assessments[index].name = new;
        Ok(())
    }

    /// Removes an assessment and returns it for undo. Removing the last one
    /// leaves a fresh empty assessment, so the store is never empty.
    pub fn remove(&mut self, name: &str) -> Result<Removed, StoreError> {
        let index = self.index_of(name)?;
        let was_active = index == self.active;
        let assessment = self.assessments.remove(index);
        if self.assessments.is_empty() {
            self.assessments.push(Assessment::named(DEFAULT_NAME));
        }
        if was_active || self.active >= self.assessments.len() {
            self.active = index.min(self.assessments.len() - 1);
        } else if self.active > index {
            self.active -= 1;
        }
        Ok(Removed {
            assessment,
            index,
            was_active,
        })
    }

    /// Puts a removed assessment back (the undo of [`Store::remove`]). If its
    /// name was taken meanwhile it comes back under a free variant.
    pub fn restore(&mut self, removed: Removed) -> String {
        let mut assessment = removed.assessment;
        assessment.name = self.free_name(&assessment.name);
        let name = assessment.name.clone();
        let index = removed.index.min(self.assessments.len());
        self.assessments.insert(index, assessment);
        if removed.was_active {
            self.active = index;
        } else if self.active >= index {
            self.active += 1;
        }
        name
    }

    /// Clears the open assessment's answers and context, keeping its name,
    /// and returns what it held so the reset can be undone with
    /// [`Store::replace_active`].
    pub fn reset_active(&mut self, updated: Option<String>) -> Assessment {
        let active = self.active_mut();
        let mut fresh = Assessment::named(&active.name);
        fresh.updated = updated;
        std::mem::replace(active, fresh)
    }

    /// Replaces the open assessment (undo of a reset, or an import into it).
    /// Keeps the open assessment's name so names stay unique.
    pub fn replace_active(&mut self, assessment: Assessment) {
        let active = self.active_mut();
        let name = std::mem::take(&mut active.name);
        *active = Assessment { name, ..assessment };
    }
}
