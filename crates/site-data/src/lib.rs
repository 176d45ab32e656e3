//! Site data: the JSON files the native content build writes into
//! `generated/data/` and the web app fetches at runtime.
//!
//! These are plain serde types with no parser behind them, so the same
//! definitions compile natively (the writer) and for wasm32 (the reader); the
//! two sides cannot drift apart. Paths are relative to the data directory
//! (served as `data/` under the site base).

mod search;

pub use search::{SearchHit, Searcher, SnippetPart};

use serde::{Deserialize, Serialize};

/// The ordered list of articles: a JSON array of [`ArticleSummary`].
pub const ARTICLE_INDEX_PATH: &str = "articles/index.json";
/// The in-browser search index: a [`SearchIndex`].
pub const SEARCH_INDEX_PATH: &str = "search.json";
/// The validated readiness checklist (serialised `checklist::Checklist`).
pub const CHECKLIST_PATH: &str = "checklist.json";
/// The list of simulator presets: a JSON array of [`ScenarioSummary`].
pub const SCENARIO_INDEX_PATH: &str = "scenarios/index.json";
/// Images referenced by articles live under this directory.
pub const IMAGES_DIR: &str = "images";

/// Where one article's page data lives (an [`ArticlePage`]).
pub fn article_path(slug: &str) -> String {
    format!("articles/{slug}.json")
}

/// Where one scenario lives (a verbatim copy of `content/scenarios/ID.json`).
pub fn scenario_path(id: &str) -> String {
    format!("scenarios/{id}.json")
}

/// Where one preset's run to its end lives: the JSON of
/// `faultline_worker::run_to_end` for it (a list with one snapshot), which
/// the content build computes natively. The simulator page and the article
/// figures open with it, so a reader sees the result without the engine
/// loading; the engine is deterministic, so it is the run the browser
/// would compute.
pub fn run_path(id: &str) -> String {
    format!("runs/{id}.json")
}

/// Where the simulator's editor forms for one preset live, as the build
/// draws them when the page opens that preset (HTML, written by the
/// prerenderer, not the content build): a link to the preset shows them
/// until the forms' own code is in.
pub fn editor_forms_path(id: &str) -> String {
    format!("editor-forms/{id}.html")
}

/// The section of the guide an article belongs to.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Deciding,
    Architecture,
    Data,
    Operations,
    Resilience,
    Learning,
}

impl Topic {
    /// Every topic, in the order the guide presents them.
    pub const ALL: [Topic; 6] = [
        Topic::Deciding,
        Topic::Architecture,
        Topic::Data,
        Topic::Operations,
        Topic::Resilience,
        Topic::Learning,
    ];

    /// The name used in front matter and shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Deciding => "Deciding",
            Topic::Architecture => "Architecture",
            Topic::Data => "Data",
            Topic::Operations => "Operations",
            Topic::Resilience => "Resilience",
            Topic::Learning => "Learning",
        }
    }

    /// Parses a front matter value (exact, case-sensitive label).
    pub fn from_label(label: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|topic| topic.label() == label)
    }
}

/// One entry of `articles/index.json` and the `meta` of an article page.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub topic: Topic,
    /// `YYYY-MM-DD`.
    pub updated: String,
    /// Position in the guide (1-based); drives previous/next.
    pub order: u32,
    pub reading_minutes: u32,
    pub word_count: u32,
}

impl ArticleSummary {
    /// The article's address relative to the site base.
    pub fn href(&self) -> String {
        format!("articles/{}/", self.slug)
    }
}

/// `articles/SLUG.json`: everything the article page renders.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ArticlePage {
    pub meta: ArticleSummary,
    /// Rendered body. Trusted: built from Markdown with raw HTML rejected.
    /// Every `href` is relative to the site base (no leading slash).
    pub html: String,
    /// The `##` and `###` headings, in document order.
    pub toc: Vec<TocEntry>,
    pub prev: Option<ArticleLink>,
    pub next: Option<ArticleLink>,
    pub related: Vec<ArticleLink>,
    /// "Check your team": the checklist items the front matter lists.
    pub checklist: Vec<ChecklistLink>,
    /// "See it happen": the presets the front matter lists.
    pub presets: Vec<PresetLink>,
    /// The simulator figures inside `html`, in document order (each is a
    /// `<figure class="sim-embed" data-preset="ID">` placeholder).
    pub embeds: Vec<SimulatorEmbed>,
}

/// One table-of-contents line; `id` is the heading's anchor.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to another article (previous/next/related).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

/// A checklist item an article explains.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLink {
    pub id: String,
    pub area: String,
    /// Short name of the item, for lists.
    pub title: String,
    pub question: String,
}

/// A simulator preset an article points to.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct PresetLink {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A live simulator figure embedded in an article body.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SimulatorEmbed {
    pub preset: String,
    pub caption: String,
    /// Which charts to show (empty: the simulator's default set).
    #[serde(default)]
    pub charts: Vec<String>,
}

/// One entry of `scenarios/index.json`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ScenarioSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Slug of the article that explains this scenario.
    pub article: Option<String>,
}

/// `search.json`: the plain text of every article, cut into sections.
///
/// Searching scans the text (see [`Searcher`]); the text is needed for
/// snippets anyway, so a separate inverted index would only add bytes.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchIndex {
    /// In guide order; sections point into this list.
    pub articles: Vec<SearchArticle>,
    /// In guide order, then document order.
    pub sections: Vec<SearchSection>,
}

/// An article as the search results show it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SearchArticle {
    pub slug: String,
    pub title: String,
    pub topic: Topic,
}

/// The text between one heading and the next.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SearchSection {
    /// Index into [`SearchIndex::articles`].
    pub article: u32,
    /// Heading anchor; absent for the introduction before the first heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Heading text; absent for the introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Plain text, whitespace collapsed.
    pub text: String,
}
