//! The checklist itself: areas, items, levels, and the validation that every
//! way of loading it (TOML at build time, JSON in the browser) goes through.

use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// The article sections that explain the item: `slug#anchor` (or a bare
    /// `slug` for a whole article). The first is the item's "read more".
    pub articles: Vec<String>,
    /// Simulator preset ids that show it.
    pub presets: Vec<String>,
    /// The item of an earlier edition this one was split off from (see
    /// [`crate::revision`]); that item keeps its id for one part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
}

/// One entry of [`Item::articles`]: an article, and the section in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRef<'a> {
    pub slug: &'a str,
    /// The heading anchor (`None` links to the whole article).
    pub anchor: Option<&'a str>,
}

impl<'a> ArticleRef<'a> {
    /// Splits `slug#anchor`.
    pub fn parse(entry: &'a str) -> ArticleRef<'a> {
        match entry.split_once('#') {
            Some((slug, anchor)) => ArticleRef {
                slug,
                anchor: Some(anchor),
            },
            None => ArticleRef {
                slug: entry,
                anchor: None,
            },
        }
    }
}

impl Item {
    /// The article sections that explain the item, "read more" first.
    pub fn article_refs(&self) -> impl Iterator<Item = ArticleRef<'_>> + '_ {
        self.articles.iter().map(|entry| ArticleRef::parse(entry))
    }

    /// Where "read more" leads: the first of [`Item::articles`].
    pub fn read_more(&self) -> Option<ArticleRef<'_>> {
        self.article_refs().next()
    }
}

/// A checklist edition before the current one: its item ids in their order.
/// Share links and saved data made with it are read through this list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastEdition {
    pub edition: u32,
    pub items: Vec<String>,
}

/// An item that an earlier edition asked and this one does not: it was
/// merged into a current item, whose answer now covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetiredItem {
    pub id: String,
    /// Its title when it was last asked (for the note about the change).
    pub title: String,
    pub merged_into: String,
}

/// A validated checklist. The only ways to get one run [`Checklist::new`]'s
/// checks, so code holding a `Checklist` can rely on them: unique ids, every
/// item in a known area, weights 1 to 3, no empty texts, every area non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawChecklist")]
pub struct Checklist {
    areas: Vec<Area>,
    items: Vec<Item>,
    /// The edition number of this checklist (1 for the first release).
    edition: u32,
    /// Every earlier edition, oldest first.
    editions: Vec<PastEdition>,
    retired: Vec<RetiredItem>,
    /// Heading text of each `slug#anchor` the items link to, filled in by
    /// the content build (which sees the articles) for the page to show.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    section_titles: BTreeMap<String, String>,
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
    /// An article slug or a preset id.
    pub target: &'a str,
    /// For articles, the heading anchor the link names.
    pub anchor: Option<&'a str>,
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
    /// The edition history (`edition`, `editions`, `retired`, `split_from`)
    /// does not hold together; the detail names the field and the id.
    BadHistory {
        detail: String,
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
                "item {item:?} lists {target:?} in {field}; ids are lower-case kebab-case (articles may add `#anchor`, also kebab-case)"
            ),
            ChecklistError::BadHistory { detail } => {
                write!(f, "the checklist's edition history is wrong: {detail}")
            }
        }
    }
}

impl std::error::Error for ChecklistError {}

/// The shape of a checklist file before validation. Level and weight are kept
/// loose here so a bad value is reported with the item's id.
#[derive(Deserialize)]
struct RawChecklist {
    #[serde(default = "first_edition")]
    edition: u32,
    #[serde(default)]
    editions: Vec<PastEdition>,
    #[serde(default)]
    retired: Vec<RetiredItem>,
    #[serde(default)]
    section_titles: BTreeMap<String, String>,
    areas: Vec<Area>,
    items: Vec<RawItem>,
}

fn first_edition() -> u32 {
    1
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
    #[serde(default)]
    split_from: Option<String>,
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
                split_from: item.split_from,
            });
        }
        let mut checklist = Checklist::with_history(
            raw.areas,
            items,
            History {
                edition: raw.edition,
                editions: raw.editions,
                retired: raw.retired,
            },
        )?;
        checklist.set_section_titles(raw.section_titles);
        Ok(checklist)
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

/// `area.kebab-name` split in two, when the id has that form.
fn item_id_parts(id: &str) -> Option<(&str, &str)> {
    let (prefix, name) = id.split_once('.')?;
    (is_kebab(prefix) && is_kebab(name)).then_some((prefix, name))
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

/// How a checklist came to be: its edition number, the earlier editions'
/// item lists, and the items it no longer asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub edition: u32,
    pub editions: Vec<PastEdition>,
    pub retired: Vec<RetiredItem>,
}

impl Default for History {
    /// A first edition: nothing before it.
    fn default() -> History {
        History {
            edition: 1,
            editions: Vec::new(),
            retired: Vec::new(),
        }
    }
}

fn bad_history(detail: String) -> ChecklistError {
    ChecklistError::BadHistory { detail }
}

impl Checklist {
    /// Builds a first-edition checklist from its parts, checking every rule
    /// listed on the type.
    pub fn new(areas: Vec<Area>, items: Vec<Item>) -> Result<Checklist, ChecklistError> {
        Checklist::with_history(areas, items, History::default())
    }

    /// Builds a checklist with its edition history, checking every rule
    /// listed on the type and that the history holds together.
    pub fn with_history(
        areas: Vec<Area>,
        items: Vec<Item>,
        history: History,
    ) -> Result<Checklist, ChecklistError> {
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
        let checklist = Checklist {
            areas,
            items,
            edition: history.edition,
            editions: history.editions,
            retired: history.retired,
            section_titles: BTreeMap::new(),
            index,
        };
        checklist.check_history()?;
        Ok(checklist)
    }

    /// The history rules: editions 1 to N-1 each listed once, with item
    /// lists that differ from each other and from this one; every id an
    /// earlier edition asked is either still asked or retired into a
    /// current item; every `split_from` names an item of an earlier edition
    /// that did not yet have the split-off part.
    fn check_history(&self) -> Result<(), ChecklistError> {
        if self.edition == 0 {
            return Err(bad_history("`edition` must be 1 or more".to_string()));
        }
        let mut numbers: Vec<u32> = self.editions.iter().map(|e| e.edition).collect();
        numbers.sort_unstable();
        if numbers != (1..self.edition).collect::<Vec<_>>() {
            return Err(bad_history(format!(
                "this is edition {}, so `editions` must list editions 1 to {} once each; it lists {numbers:?}",
                self.edition,
                self.edition - 1
            )));
        }
        for (position, retired) in self.retired.iter().enumerate() {
            require_text(&retired.id, "title", &retired.title)?;
            if self.item(&retired.id).is_some() {
                return Err(bad_history(format!(
                    "{:?} is in `retired` but is still an item",
                    retired.id
                )));
            }
            if self.retired[..position].iter().any(|r| r.id == retired.id) {
                return Err(bad_history(format!("{:?} is retired twice", retired.id)));
            }
            if !self.editions.iter().any(|e| e.items.contains(&retired.id)) {
                return Err(bad_history(format!(
                    "retired item {:?} is in no earlier edition",
                    retired.id
                )));
            }
            if self.item(&retired.merged_into).is_none() {
                return Err(bad_history(format!(
                    "retired item {:?} is merged into {:?}, which is not a current item",
                    retired.id, retired.merged_into
                )));
            }
        }
        let mut fingerprints = vec![(self.edition, self.fingerprint())];
        for past in &self.editions {
            let mut seen = BTreeSet::new();
            for id in &past.items {
                if !seen.insert(id.as_str()) {
                    return Err(bad_history(format!(
                        "edition {} lists {id:?} twice",
                        past.edition
                    )));
                }
                if self.item(id).is_none() && self.retired_item(id).is_none() {
                    return Err(bad_history(format!(
                        "edition {} asked {id:?}, which is neither a current item nor in `retired`; answers to it would be lost",
                        past.edition
                    )));
                }
            }
            let fingerprint = fingerprint_of(past.items.iter().map(String::as_str));
            if let Some((other, _)) = fingerprints.iter().find(|(_, f)| *f == fingerprint) {
                return Err(bad_history(format!(
                    "edition {} has the same item list as edition {other}; share links could not tell them apart",
                    past.edition
                )));
            }
            fingerprints.push((past.edition, fingerprint));
        }
        for item in &self.items {
            let Some(source) = &item.split_from else {
                continue;
            };
            let before_split = self
                .editions
                .iter()
                .any(|e| e.items.contains(source) && !e.items.contains(&item.id));
            if source == &item.id || !before_split {
                return Err(bad_history(format!(
                    "item {:?} is split from {source:?}, which no earlier edition asked without it",
                    item.id
                )));
            }
        }
        Ok(())
    }

    fn check_item(item: &Item, area_ids: &BTreeSet<&str>) -> Result<(), ChecklistError> {
        let Some((prefix, _)) = item_id_parts(&item.id) else {
            return Err(ChecklistError::BadItemId {
                id: item.id.clone(),
            });
        };
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
        let bad_article = item.article_refs().position(|article| {
            !is_kebab(article.slug) || article.anchor.is_some_and(|anchor| !is_kebab(anchor))
        });
        if let Some(position) = bad_article {
            return Err(ChecklistError::BadLink {
                item: item.id.clone(),
                field: "articles",
                target: item.articles[position].clone(),
            });
        }
        if let Some(source) = &item.split_from {
            if item_id_parts(source).is_none() {
                return Err(ChecklistError::BadLink {
                    item: item.id.clone(),
                    field: "split_from",
                    target: source.clone(),
                });
            }
        }
        if let Some(bad) = item.presets.iter().find(|target| !is_kebab(target)) {
            return Err(ChecklistError::BadLink {
                item: item.id.clone(),
                field: "presets",
                target: bad.clone(),
            });
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
            let articles = item.article_refs().map(move |article| ItemLink {
                item_id: &item.id,
                kind: LinkKind::Article,
                target: article.slug,
                anchor: article.anchor,
            });
            let presets = item.presets.iter().map(move |target| ItemLink {
                item_id: &item.id,
                kind: LinkKind::Preset,
                target,
                anchor: None,
            });
            articles.chain(presets)
        })
    }

    /// A 32-bit fingerprint of the item ids in order. Share links carry it so a
    /// link made against a different checklist is recognised instead of
    /// silently attaching answers to the wrong questions.
    pub fn fingerprint(&self) -> u32 {
        fingerprint_of(self.item_ids())
    }

    /// Records the heading text of linked sections (`slug#anchor` → text);
    /// entries for sections no item links to are dropped.
    pub fn set_section_titles(&mut self, titles: BTreeMap<String, String>) {
        let linked: BTreeSet<&str> = self
            .items
            .iter()
            .flat_map(|item| item.articles.iter().map(String::as_str))
            .collect();
        self.section_titles = titles
            .into_iter()
            .filter(|(entry, _)| linked.contains(entry.as_str()))
            .collect();
    }

    /// The heading text of a linked section (`slug#anchor`), when known.
    pub fn section_title(&self, entry: &str) -> Option<&str> {
        self.section_titles.get(entry).map(String::as_str)
    }

    /// This checklist's edition number.
    pub fn edition(&self) -> u32 {
        self.edition
    }

    /// The earlier editions, oldest first.
    pub fn past_editions(&self) -> &[PastEdition] {
        &self.editions
    }

    /// An earlier edition by number.
    pub fn past_edition(&self, edition: u32) -> Option<&PastEdition> {
        self.editions.iter().find(|past| past.edition == edition)
    }

    /// The earlier edition whose item ids have this fingerprint.
    pub fn past_edition_with_fingerprint(&self, fingerprint: u32) -> Option<&PastEdition> {
        self.editions
            .iter()
            .find(|past| fingerprint_of(past.items.iter().map(String::as_str)) == fingerprint)
    }

    /// Items earlier editions asked and this one does not.
    pub fn retired(&self) -> &[RetiredItem] {
        &self.retired
    }

    /// A retired item by id.
    pub fn retired_item(&self, id: &str) -> Option<&RetiredItem> {
        self.retired.iter().find(|retired| retired.id == id)
    }

    /// The current item an id stands for: the item itself, or for a retired
    /// id the item it was merged into. Old links and bookmarks use it.
    pub fn current_item(&self, id: &str) -> Option<&Item> {
        self.item(id).or_else(|| {
            self.retired_item(id)
                .and_then(|retired| self.item(&retired.merged_into))
        })
    }
}

/// The CRC-32 of item ids joined by newlines (see [`Checklist::fingerprint`]).
fn fingerprint_of<'a>(ids: impl Iterator<Item = &'a str>) -> u32 {
    let mut joined = Vec::new();
    for id in ids {
        joined.extend_from_slice(id.as_bytes());
        joined.push(b'\n');
    }
    crate::bytes::crc32(&joined)
}
