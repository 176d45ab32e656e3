//! Builds `search.json` from the articles' section texts.
//!
//! The index is the plain text of every section (intro, each heading,
//! sources) with its anchor; the browser scans it with
//! [`faultline_site_data::Searcher`]. Snippets need the text anyway, so shipping
//! only the text is smaller than text plus an inverted index, and 12 articles
//! scan in well under a millisecond.

use faultline_site_data::{ArticleSummary, SearchArticle, SearchIndex, SearchSection};

use super::markdown::SectionText;

/// `articles` in guide order, each with its section texts.
pub fn build<'a>(
    articles: impl IntoIterator<Item = (&'a ArticleSummary, &'a [SectionText])>,
) -> SearchIndex {
    let mut index = SearchIndex::default();
    for (position, (summary, sections)) in articles.into_iter().enumerate() {
        let article = u32::try_from(position).unwrap_or(u32::MAX);
        index.articles.push(SearchArticle {
            slug: summary.slug.clone(),
            title: summary.title.clone(),
            topic: summary.topic,
        });
        let has_intro = sections
            .first()
            .is_some_and(|section| section.anchor.is_none());
        if !has_intro {
            index.sections.push(SearchSection {
                article,
                anchor: None,
                heading: None,
                text: summary.summary.clone(),
            });
        }
        for section in sections {
            // The summary is part of what a reader sees first, so it is
            // searchable with the introduction.
            let text = if section.anchor.is_none() {
                format!("{} {}", summary.summary, section.text)
            } else {
                section.text.clone()
            };
            index.sections.push(SearchSection {
                article,
                anchor: section.anchor.clone(),
                heading: section.heading.clone(),
                text,
            });
        }
    }
    index
}
