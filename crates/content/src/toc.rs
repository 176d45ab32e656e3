//! Headings and the table of contents built from them.

use faultline_site_data::TocEntry;

/// Deepest heading level the table of contents lists (`###`).
const TOC_MAX_LEVEL: u8 = 3;

/// One heading of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The anchor (unique on the page).
    pub id: String,
    /// Plain text, as the table of contents shows it.
    pub text: String,
    /// File line of the heading.
    pub line: usize,
}

/// The `##` and `###` headings, in document order.
pub fn table_of_contents(headings: &[Heading]) -> Vec<TocEntry> {
    headings
        .iter()
        .filter(|heading| (2..=TOC_MAX_LEVEL).contains(&heading.level))
        .map(|heading| TocEntry {
            level: heading.level,
            id: heading.id.clone(),
            text: heading.text.clone(),
        })
        .collect()
}
