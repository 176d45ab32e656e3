//! Content errors: every problem the build finds, with the file, the line
//! when known, and what is wrong. The build collects all of them before it
//! fails, so a writer sees every broken link in one run.

use std::fmt;
use std::path::PathBuf;

/// One problem in `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub path: PathBuf,
    /// 1-based line in `path`, when the problem has one.
    pub line: Option<usize>,
    pub kind: ErrorKind,
}

impl ContentError {
    pub fn new(path: impl Into<PathBuf>, line: Option<usize>, kind: ErrorKind) -> ContentError {
        ContentError {
            path: path.into(),
            line,
            kind,
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.kind),
            None => write!(f, "{}: {}", self.path.display(), self.kind),
        }
    }
}

impl std::error::Error for ContentError {}

/// What is wrong. Variants carry the offending value so tests and messages
/// can name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file or directory could not be read or written.
    Io {
        detail: String,
    },
    /// The article does not start with a `+++` line.
    FrontMatterMissing,
    /// No closing `+++` line.
    FrontMatterUnclosed,
    /// The front matter is not valid TOML.
    FrontMatterSyntax {
        detail: String,
    },
    MissingField {
        field: &'static str,
    },
    /// A field is present but its value is wrong.
    InvalidField {
        field: String,
        detail: String,
    },
    UnknownField {
        field: String,
    },
    /// The file stem is not a kebab-case slug.
    InvalidSlug {
        slug: String,
    },
    /// Two articles claim the same `order`.
    DuplicateOrder {
        order: u32,
        other: String,
    },
    /// The body contains a `#` heading; the title comes from front matter.
    TitleHeading,
    /// `article:SLUG` (or a front matter list) names no article.
    UnknownArticle {
        slug: String,
    },
    /// `article:SLUG#ANCHOR` or `#ANCHOR`: the article has no such heading.
    UnknownAnchor {
        slug: String,
        anchor: String,
    },
    UnknownChecklistItem {
        id: String,
    },
    UnknownPreset {
        id: String,
    },
    /// A link whose scheme or form is not allowed.
    ForbiddenLink {
        url: String,
        reason: String,
    },
    /// `[text][label]` with no `[label]: url` definition.
    UndefinedLinkReference {
        label: String,
    },
    /// An image path that is not a local file under `content/images/`.
    InvalidImage {
        src: String,
        reason: String,
    },
    MissingImage {
        src: String,
    },
    /// Raw HTML in Markdown (rejected; see `raw_html`).
    RawHtml {
        html: String,
    },
    /// A ```simulator block whose body is wrong.
    InvalidSimulatorBlock {
        detail: String,
    },
    InvalidSweepBlock {
        detail: String,
    },
    FootnoteUndefined {
        label: String,
    },
    FootnoteUnused {
        label: String,
    },
    /// `content/checklist.toml` failed the checklist's own validation.
    InvalidChecklist {
        detail: String,
    },
    /// A scenario file failed the engine's validation.
    InvalidScenario {
        detail: String,
    },
    /// A scenario or checklist file name is not a valid id.
    InvalidFileName {
        name: String,
        reason: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io { detail } => write!(f, "cannot read or write: {detail}"),
            ErrorKind::FrontMatterMissing => f.write_str(
                "missing front matter: an article must start with a `+++` line, then TOML fields, then `+++`",
            ),
            ErrorKind::FrontMatterUnclosed => {
                f.write_str("front matter is not closed: add a `+++` line after the fields")
            }
            ErrorKind::FrontMatterSyntax { detail } => {
                write!(f, "front matter is not valid TOML: {detail}")
            }
            ErrorKind::MissingField { field } => {
                write!(f, "front matter field `{field}` is missing")
            }
            ErrorKind::InvalidField { field, detail } => {
                write!(f, "front matter field `{field}`: {detail}")
            }
            ErrorKind::UnknownField { field } => write!(
                f,
                "unknown front matter field `{field}` (allowed: title, summary, topic, updated, order, checklist, presets, related)"
            ),
            ErrorKind::InvalidSlug { slug } => write!(
                f,
                "file name `{slug}` is not a slug: use lower-case letters, digits and single dashes"
            ),
            ErrorKind::DuplicateOrder { order, other } => {
                write!(f, "order {order} is already used by {other}")
            }
            ErrorKind::TitleHeading => f.write_str(
                "`#` heading in the body: the title comes from front matter; start sections at `##`",
            ),
            ErrorKind::UnknownArticle { slug } => {
                write!(f, "no article `{slug}` (expected content/articles/{slug}.md)")
            }
            ErrorKind::UnknownAnchor { slug, anchor } => {
                write!(f, "article `{slug}` has no heading with anchor `#{anchor}`")
            }
            ErrorKind::UnknownChecklistItem { id } => {
                write!(f, "no checklist item `{id}` in content/checklist.toml")
            }
            ErrorKind::UnknownPreset { id } => write!(
                f,
                "no simulator preset `{id}` (expected a valid content/scenarios/{id}.json)"
            ),
            ErrorKind::ForbiddenLink { url, reason } => {
                write!(f, "link `{url}` is not allowed: {reason}")
            }
            ErrorKind::UndefinedLinkReference { label } => {
                write!(f, "link reference `[{label}]` is not defined")
            }
            ErrorKind::InvalidImage { src, reason } => {
                write!(f, "image `{src}` is not allowed: {reason}")
            }
            ErrorKind::MissingImage { src } => {
                write!(f, "image `{src}` does not exist under content/images/")
            }
            ErrorKind::RawHtml { html } => write!(
                f,
                "raw HTML `{html}` is not allowed: use Markdown, put code in backticks, or escape `<` as `\\<`"
            ),
            ErrorKind::InvalidSimulatorBlock { detail } => {
                write!(f, "simulator block: {detail}")
            }
            ErrorKind::InvalidSweepBlock { detail } => {
                write!(f, "sweep block: {detail}")
            }
            ErrorKind::FootnoteUndefined { label } => {
                write!(f, "footnote `[^{label}]` is referenced but never defined")
            }
            ErrorKind::FootnoteUnused { label } => {
                write!(f, "footnote `[^{label}]` is defined but never referenced")
            }
            ErrorKind::InvalidChecklist { detail } => write!(f, "invalid checklist: {detail}"),
            ErrorKind::InvalidScenario { detail } => write!(f, "invalid scenario: {detail}"),
            ErrorKind::InvalidFileName { name, reason } => {
                write!(f, "file name `{name}`: {reason}")
            }
        }
    }
}
