//! In-browser search over [`SearchIndex`]: word-prefix matching with
//! highlighted snippets.
//!
//! Lives next to the data types so that the web app (wasm32) and the native
//! tests run the very same code. Case folding is ASCII-only on purpose: it
//! keeps byte offsets identical between the folded and the original text, so
//! highlights can be cut from the original without a position map. The guide
//! is written in English, so nothing is lost.

use super::{SearchIndex, Topic};

/// Bytes of context shown before the first match in a snippet.
const CONTEXT_BEFORE: usize = 60;
/// Approximate snippet length in bytes.
const SNIPPET_LEN: usize = 200;
/// Occurrences in the body beyond this count add nothing to the score.
const MAX_COUNTED_OCCURRENCES: usize = 5;

/// A piece of a snippet; `highlight` marks a matched word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub highlight: bool,
}

/// One matching section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub slug: String,
    pub title: String,
    pub topic: Topic,
    /// Heading anchor; `None` for the article's introduction.
    pub anchor: Option<String>,
    pub heading: Option<String>,
    pub snippet: Vec<SnippetPart>,
    /// Higher is better; only meaningful relative to other hits.
    pub score: u32,
}

impl SearchHit {
    /// Address of the section, relative to the site base.
    pub fn href(&self) -> String {
        match &self.anchor {
            Some(anchor) => format!("articles/{}/#{}", self.slug, anchor),
            None => format!("articles/{}/", self.slug),
        }
    }
}

/// A search index prepared for repeated queries (folded copies of the text
/// are computed once).
#[derive(Debug, Clone)]
pub struct Searcher {
    index: SearchIndex,
    folded_titles: Vec<String>,
    folded_headings: Vec<String>,
    folded_texts: Vec<String>,
}

impl Searcher {
    pub fn new(index: SearchIndex) -> Searcher {
        let folded_titles = index
            .articles
            .iter()
            .map(|article| article.title.to_ascii_lowercase())
            .collect();
        let folded_headings = index
            .sections
            .iter()
            .map(|section| {
                section
                    .heading
                    .as_deref()
                    .unwrap_or_default()
                    .to_ascii_lowercase()
            })
            .collect();
        let folded_texts = index
            .sections
            .iter()
            .map(|section| section.text.to_ascii_lowercase())
            .collect();
        Searcher {
            index,
            folded_titles,
            folded_headings,
            folded_texts,
        }
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Sections matching every word of `query` (each as a word prefix), best
    /// first, at most `limit`. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(u32, usize)> = Vec::new();
        for (position, section) in self.index.sections.iter().enumerate() {
            let Some(title) = self.folded_titles.get(section.article as usize) else {
                continue;
            };
            let is_intro = section.anchor.is_none();
            let score = self.section_score(&terms, title, position, is_intro);
            if let Some(score) = score {
                scored.push((score, position));
            }
        }
        // Best score first; ties keep guide and document order.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .filter_map(|(score, position)| self.hit(&terms, score, position))
            .collect()
    }

    /// `None` when some term appears nowhere in the section.
    fn section_score(
        &self,
        terms: &[String],
        folded_title: &str,
        position: usize,
        is_intro: bool,
    ) -> Option<u32> {
        let heading = self.folded_headings.get(position)?;
        let text = self.folded_texts.get(position)?;
        let mut score = 0u32;
        for term in terms {
            let in_title = word_prefix_matches(folded_title, term).next().is_some();
            let in_heading = word_prefix_matches(heading, term).next().is_some();
            let in_text = word_prefix_matches(text, term)
                .take(MAX_COUNTED_OCCURRENCES)
                .count() as u32;
            if !in_title && !in_heading && in_text == 0 {
                return None;
            }
            // The title stands for the whole article: it lifts the
            // introduction most, the other sections a little.
            if in_title {
                score += if is_intro { 8 } else { 2 };
            }
            if in_heading {
                score += 10;
            }
            score += 2 * in_text;
        }
        Some(score)
    }

    fn hit(&self, terms: &[String], score: u32, position: usize) -> Option<SearchHit> {
        let section = self.index.sections.get(position)?;
        let article = self.index.articles.get(section.article as usize)?;
        let folded = self.folded_texts.get(position)?;
        Some(SearchHit {
            slug: article.slug.clone(),
            title: article.title.clone(),
            topic: article.topic,
            anchor: section.anchor.clone(),
            heading: section.heading.clone(),
            snippet: snippet(&section.text, folded, terms),
            score,
        })
    }
}

/// Lower-cased runs of letters and digits, without repeats.
fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let term = word.to_ascii_lowercase();
        if !term.is_empty() && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// Byte offsets where `term` starts a word in `folded`.
fn word_prefix_matches<'a>(folded: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    folded
        .match_indices(term)
        .map(|(offset, _)| offset)
        .filter(move |&offset| {
            folded[..offset]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// A window of `text` around the first match, with every matched word
/// highlighted. `folded` is `text` ASCII-lower-cased (same byte offsets).
fn snippet(text: &str, folded: &str, terms: &[String]) -> Vec<SnippetPart> {
    let first_match = terms
        .iter()
        .filter_map(|term| word_prefix_matches(folded, term).next())
        .min();
    let start = match first_match {
        Some(offset) if offset > CONTEXT_BEFORE => {
            word_start_after(text, floor_boundary(text, offset - CONTEXT_BEFORE))
        }
        _ => 0,
    };
    let end = word_end_before(text, floor_boundary(text, start + SNIPPET_LEN), start);

    let mut highlights: Vec<(usize, usize)> = terms
        .iter()
        .flat_map(|term| word_prefix_matches(folded, term))
        .filter(|&offset| offset >= start && offset < end)
        .map(|offset| (offset, word_end(text, offset).min(end)))
        .collect();
    highlights.sort_unstable();

    let mut parts = Vec::new();
    if start > 0 {
        parts.push(plain("…"));
    }
    let mut cursor = start;
    for (from, to) in highlights {
        if to <= cursor {
            continue;
        }
        let from = from.max(cursor);
        if from > cursor {
            parts.push(plain(&text[cursor..from]));
        }
        parts.push(SnippetPart {
            text: text[from..to].to_string(),
            highlight: true,
        });
        cursor = to;
    }
    if cursor < end {
        parts.push(plain(&text[cursor..end]));
    }
    if end < text.len() {
        parts.push(plain("…"));
    }
    parts
}

fn plain(text: &str) -> SnippetPart {
    SnippetPart {
        text: text.to_string(),
        highlight: false,
    }
}

/// The largest char boundary at or below `offset` (clamped to the text).
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The start of the first whole word at or after `offset`.
fn word_start_after(text: &str, offset: usize) -> usize {
    match text[offset..].find(' ') {
        Some(space) if offset > 0 => offset + space + 1,
        _ => offset,
    }
}

/// Cuts at the last space before `offset` (unless that would empty the
/// snippet), so the snippet ends on a whole word.
fn word_end_before(text: &str, offset: usize, start: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    match text[start..offset].rfind(' ') {
        Some(space) if space > 0 => start + space,
        _ => offset,
    }
}

/// The end of the word that starts at `offset`.
fn word_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(index, _)| offset + index)
}
