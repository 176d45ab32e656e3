//! The checklist itself: areas, items, levels, and the validation that every
//! way of loading it (TOML at build time, JSON in the browser) goes through.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

/// The most items a checklist may hold. Share links store one answer per item,
/// so an unbounded checklist would make links unbounded too.
pub const MAX_ITEMS: usize = 500;

/// The gate an item belongs to, in the order a team should reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Needed before the first service is split out.
    Foundation,
    /// Needed as services multiply.
    Growth,
    /// What mature platforms add.
    Advanced,
}

impl Level {
    /// Every level, lowest gate first.
    pub const ALL: [Level; 3] = [Level::Foundation, Level::Growth, Level::Advanced];

    /// The identifier used in data files (`foundation`, `growth`, `advanced`).
    pub fn id(self) -> &'static str {
        match self {
            Level::Foundation => "foundation",
            Level::Growth => "growth",
            Level::Advanced => "advanced",
        }
    }

    /// A display name.
    pub fn title(self) -> &'static str {
        match self {
            Level::Foundation => "Foundation",
            Level::Growth => "Growth",
            Level::Advanced => "Advanced",
        }
    }

    /// One sentence saying what holding this level means.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::Foundation => "what you need before splitting out the first service",
            Level::Growth => "what you need as the number of services grows",
            Level::Advanced => "what mature platforms add once many services run",
        }
    }

    /// Parses a data-file identifier.
    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == id)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A group of items, such as "Resilience".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// One question of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable identifier `area.kebab-name`; links, saved data and reports use it.
    pub id: String,
    /// A short name for lists, plans and reports.
    pub title: String,
    /// The id of the area the item belongs to.
    pub area: String,
    pub level: Level,
    /// 1 to 3: how much the item counts in its area's score.
    pub weight: u8,
    pub question: String,
    /// What a "yes" looks like in practice.
    pub yes_looks_like: String,
    /// Why the item matters.
    pub why: String,
    /// Article slugs that explain the item.
    pub articles: Vec<String>,
    /// Simulator preset ids that show it.
    pub presets: Vec<String>,
}

/// A validated checklist. The only ways to get one run [`Checklist::new`]'s
/// checks, so code holding a `Checklist` can rely on them: unique ids, every
/// item in a known area, weights 1 to 3, no empty texts, every area non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawChecklist")]
pub struct Checklist {
    areas: Vec<Area>,
    items: Vec<Item>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// Which kind of page a checklist item links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Article,
    Preset,
}

/// One outgoing link of an item, for the content build's cross-reference check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemLink<'a> {
    pub item_id: &'a str,
    pub kind: LinkKind,
    pub target: &'a str,
}

/// Why a checklist was rejected. Each variant names the offending id or field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecklistError {
    /// The file is not valid TOML/JSON or does not have the expected shape.
    Parse {
        format: &'static str,
        message: String,
    },
    NoAreas,
    NoItems,
    TooManyItems {
        count: usize,
    },
    BadAreaId {
        id: String,
    },
    DuplicateArea {
        id: String,
    },
    EmptyArea {
        area: String,
    },
    BadItemId {
        id: String,
    },
    DuplicateItem {
        id: String,
    },
    UnknownArea {
        item: String,
        area: String,
    },
    /// The item id's prefix does not name the item's area.
    IdAreaMismatch {
        item: String,
        area: String,
    },
    BadLevel {
        item: String,
        level: String,
    },
    BadWeight {
        item: String,
        weight: i64,
    },
    EmptyText {
        owner: String,
        field: &'static str,
    },
    BadLink {
        item: String,
        field: &'static str,
        target: String,
    },
}

impl fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChecklistError::Parse { format, message } => {
                write!(f, "the checklist is not valid {format}: {message}")
            }
            ChecklistError::NoAreas => f.write_str("the checklist defines no areas"),
            ChecklistError::NoItems => f.write_str("the checklist defines no items"),
            ChecklistError::TooManyItems { count } => {
                write!(f, "the checklist has {count} items; at most {MAX_ITEMS} are allowed")
            }
            ChecklistError::BadAreaId { id } => write!(
                f,
                "area id {id:?} is not valid: use lower-case letters, digits and single dashes"
            ),
            ChecklistError::DuplicateArea { id } => write!(f, "area id {id:?} is defined twice"),
            ChecklistError::EmptyArea { area } => write!(f, "area {area:?} has no items"),
            ChecklistError::BadItemId { id } => write!(
                f,
                "item id {id:?} is not valid: use `area.kebab-name` with lower-case letters, digits and single dashes"
            ),
            ChecklistError::DuplicateItem { id } => write!(f, "item id {id:?} is defined twice"),
            ChecklistError::UnknownArea { item, area } => {
                write!(f, "item {item:?} belongs to area {area:?}, which is not defined")
            }
            ChecklistError::IdAreaMismatch { item, area } => write!(
                f,
                "item {item:?} is in area {area:?}, so its id must start with \"{area}.\""
            ),
            ChecklistError::BadLevel { item, level } => write!(
                f,
                "item {item:?} has level {level:?}; use foundation, growth or advanced"
            ),
            ChecklistError::BadWeight { item, weight } => {
                write!(f, "item {item:?} has weight {weight}; use 1, 2 or 3")
            }
            ChecklistError::EmptyText { owner, field } => write!(f, "{owner:?} has an empty {field}"),
            ChecklistError::BadLink { item, field, target } => write!(
                f,
                "item {item:?} lists {target:?} in {field}; ids are lower-case kebab-case"
            ),
        }
    }
}

impl std::error::Error for ChecklistError {}

/// The shape of a checklist file before validation. Level and weight are kept
/// loose here so a bad value is reported with the item's id.
#[derive(Deserialize)]
struct RawChecklist {
    areas: Vec<Area>,
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
struct RawItem {
    id: String,
    title: String,
    area: String,
    level: String,
    weight: i64,
    question: String,
    yes_looks_like: String,
    why: String,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    presets: Vec<String>,
}

impl TryFrom<RawChecklist> for Checklist {
    type Error = ChecklistError;

    fn try_from(raw: RawChecklist) -> Result<Self, Self::Error> {
        let mut items = Vec::with_capacity(raw.items.len());
        for item in raw.items {
            let level = Level::from_id(&item.level).ok_or_else(|| ChecklistError::BadLevel {
                item: item.id.clone(),
                level: item.level.clone(),
            })?;
            let weight = match u8::try_from(item.weight) {
                Ok(weight @ 1..=3) => weight,
                _ => {
                    return Err(ChecklistError::BadWeight {
                        item: item.id,
                        weight: item.weight,
                    })
                }
            };
            items.push(Item {
                id: item.id,
                title: item.title,
                area: item.area,
                level,
                weight,
                question: item.question,
                yes_looks_like: item.yes_looks_like,
                why: item.why,
                articles: item.articles,
                presets: item.presets,
            });
        }
        Checklist::new(raw.areas, items)
    }
}

/// True for `kebab-case` names: lower-case ASCII letters and digits in
/// runs joined by single dashes.
pub(crate) fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn require_text(owner: &str, field: &'static str, text: &str) -> Result<(), ChecklistError> {
    if text.trim().is_empty() {
        Err(ChecklistError::EmptyText {
            owner: owner.to_string(),
            field,
        })
    } else {
        Ok(())
    }
}

impl Checklist {
    /// Builds a checklist from its parts, checking every rule listed on the type.
    pub fn new(areas: Vec<Area>, items: Vec<Item>) -> Result<Checklist, ChecklistError> {
        if areas.is_empty() {
            return Err(ChecklistError::NoAreas);
        }
        if items.is_empty() {
            return Err(ChecklistError::NoItems);
        }
        if items.len() > MAX_ITEMS {
            return Err(ChecklistError::TooManyItems { count: items.len() });
        }
        let mut area_ids = BTreeSet::new();
        for area in &areas {
            if !is_kebab(&area.id) {
                return Err(ChecklistError::BadAreaId {
                    id: area.id.clone(),
                });
            }
            if !area_ids.insert(area.id.as_str()) {
                return Err(ChecklistError::DuplicateArea {
                    id: area.id.clone(),
                });
            }
            require_text(&area.id, "title", &area.title)?;
            require_text(&area.id, "summary", &area.summary)?;
        }
        let mut index = HashMap::with_capacity(items.len());
        for (position, item) in items.iter().enumerate() {
            Self::check_item(item, &area_ids)?;
            if index.insert(item.id.clone(), position).is_some() {
                return Err(ChecklistError::DuplicateItem {
                    id: item.id.clone(),
                });
            }
        }
        if let Some(empty) = areas
            .iter()
            .find(|area| !items.iter().any(|item| item.area == area.id))
        {
            return Err(ChecklistError::EmptyArea {
                area: empty.id.clone(),
            });
        }
        Ok(Checklist {
            areas,
            items,
            index,
        })
    }

    fn check_item(item: &Item, area_ids: &BTreeSet<&str>) -> Result<(), ChecklistError> {
        let Some((prefix, name)) = item.id.split_once('.') else {
            return Err(ChecklistError::BadItemId {
                id: item.id.clone(),
            });
        };
        if !is_kebab(prefix) || !is_kebab(name) {
            return Err(ChecklistError::BadItemId {
                id: item.id.clone(),
            });
        }
        if !area_ids.contains(item.area.as_str()) {
            return Err(ChecklistError::UnknownArea {
                item: item.id.clone(),
                area: item.area.clone(),
            });
        }
        if prefix != item.area {
            return Err(ChecklistError::IdAreaMismatch {
                item: item.id.clone(),
                area: item.area.clone(),
            });
        }
        if !(1..=3).contains(&item.weight) {
            return Err(ChecklistError::BadWeight {
                item: item.id.clone(),
                weight: i64::from(item.weight),
            });
        }
        require_text(&item.id, "title", &item.title)?;
        require_text(&item.id, "question", &item.question)?;
        require_text(&item.id, "yes_looks_like", &item.yes_looks_like)?;
        require_text(&item.id, "why", &item.why)?;
        for (field, targets) in [("articles", &item.articles), ("presets", &item.presets)] {
            if let Some(bad) = targets.iter().find(|target| !is_kebab(target)) {
                return Err(ChecklistError::BadLink {
                    item: item.id.clone(),
                    field,
                    target: bad.clone(),
                });
            }
        }
        Ok(())
    }

    /// Parses and validates a checklist written in TOML (`content/checklist.toml`).
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Checklist, ChecklistError> {
        let raw: RawChecklist = toml::from_str(text).map_err(|error| ChecklistError::Parse {
            format: "TOML",
            message: error.to_string(),
        })?;
        Checklist::try_from(raw)
    }

    /// Parses and validates a checklist in the JSON form the content build writes.
    pub fn from_json_str(text: &str) -> Result<Checklist, ChecklistError> {
        let raw: RawChecklist =
            serde_json::from_str(text).map_err(|error| ChecklistError::Parse {
                format: "JSON",
                message: error.to_string(),
            })?;
        Checklist::try_from(raw)
    }

    /// The checklist as JSON (what the content build ships to the browser).
    pub fn to_json(&self) -> String {
        // Serialising plain strings, integers and enums cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Areas in their defined order.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// Items in their defined order (the order share links rely on).
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Item ids in checklist order.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.items.iter().map(|item| item.id.as_str())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&position| &self.items[position])
    }

    /// The position of an item in checklist order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The area with this id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|area| area.id == id)
    }

    /// The items of one area, in checklist order.
    pub fn items_in_area<'a>(&'a self, area_id: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |item| item.area == area_id)
    }

    /// The items of one level, in checklist order.
    pub fn items_at_level(&self, level: Level) -> impl Iterator<Item = &Item> + '_ {
        self.items.iter().filter(move |item| item.level == level)
    }

    /// Every article and preset link of every item, for cross-reference checks.
    pub fn links(&self) -> impl Iterator<Item = ItemLink<'_>> + '_ {
        self.items.iter().flat_map(|item| {
            let articles = item.articles.iter().map(move |target| ItemLink {
                item_id: &item.id,
                kind: LinkKind::Article,
                target,
            });
            let presets = item.presets.iter().map(move |target| ItemLink {
                item_id: &item.id,
                kind: LinkKind::Preset,
                target,
            });
            articles.chain(presets)
        })
    }

    /// A 32-bit fingerprint of the item ids in order. Share links carry it so a
    /// link made against a different checklist is recognised instead of
    /// silently attaching answers to the wrong questions.
    pub fn fingerprint(&self) -> u32 {
        let mut joined = Vec::new();
        for id in self.item_ids() {
            joined.extend_from_slice(id.as_bytes());
            joined.push(b'\n');
        }
        crate::bytes::crc32(&joined)
    }
}
