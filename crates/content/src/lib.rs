//! The content build (native only): validates `content/` and renders it into
//! the site data the web app fetches (`generated/data/`).
//!
//! Pipeline: [`build_site`] reads the checklist (validated by
//! `faultline_checklist`), the presets (validated by `faultline_engine`), the
//! images and every article (front matter, then Markdown rendered with
//! pulldown-cmark); cross-checks every link, list and image; and, when there
//! is not a single problem, assembles a [`Site`]. [`write_site`] writes it.
//! The output types live in [`faultline_site_data`], which also compiles to
//! wasm32 so the web app reads exactly what this module writes.

mod anchors;
mod articles;
mod build;
mod checklist_source;
mod cross_check;
mod error;
mod escape;
mod footnotes;
mod front_matter;
mod images;
mod lines;
mod links;
mod markdown;
mod raw_html;
mod reading_time;
mod scenarios;
mod search_index;
mod simulator_block;
mod site;
mod source;
pub mod sweep_block;
mod toc;
mod write;

pub use anchors::slugify;
pub use articles::{parse as parse_article, ParsedArticle};
pub use build::build_site;
pub use error::{ContentError, ErrorKind};
pub use markdown::{render, RenderedBody, SectionText};
pub use reading_time::{count_words, reading_minutes, WORDS_PER_MINUTE};
pub use site::{ImageFile, ScenarioFile, Site};
pub use toc::{table_of_contents, Heading};
pub use write::{write_site, WriteReport, MANIFEST_PATH};
