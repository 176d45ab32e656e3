//! Footnotes (the guide's source citations).
//!
//! pulldown-cmark's own footnote HTML links with bare `#fragments`, which
//! break under `<base href>`, and leaves definitions where they were written.
//! Here references are numbered in reading order, definitions are gathered
//! into one list at the end of the article, and every link is base-relative.

use std::collections::BTreeMap;

use pulldown_cmark::{html, CowStr, Event, TagEnd};

use super::error::ErrorKind;
use super::front_matter::LineError;

/// Anchor of the footnote list (reserved in `anchors`).
pub const FOOTNOTES_ID: &str = "footnotes";

#[derive(Debug)]
struct Referenced {
    number: u32,
    /// How many times the text cites it (each citation gets a back link).
    count: u32,
    label: String,
    line: usize,
}

#[derive(Debug)]
struct Definition<'a> {
    label: String,
    events: Vec<Event<'a>>,
    line: usize,
}

/// Collects references and definitions while the body renders.
#[derive(Debug, Default)]
pub struct Footnotes<'a> {
    /// Folded label → reference.
    referenced: BTreeMap<String, Referenced>,
    /// Folded label → definition.
    definitions: BTreeMap<String, Definition<'a>>,
}

/// Footnote labels match case-insensitively, as in GitHub Markdown.
fn fold(label: &str) -> String {
    label.to_lowercase()
}

impl<'a> Footnotes<'a> {
    /// Records a citation and returns its HTML (a superscript number).
    pub fn reference(&mut self, label: &str, line: usize, slug: &str) -> String {
        let next_number = u32::try_from(self.referenced.len() + 1).unwrap_or(u32::MAX);
        let entry = self
            .referenced
            .entry(fold(label))
            .or_insert_with(|| Referenced {
                number: next_number,
                count: 0,
                label: label.to_string(),
                line,
            });
        entry.count += 1;
        let number = entry.number;
        let id = reference_id(number, entry.count);
        format!(
            "<sup class=\"footnote-ref\" id=\"{id}\"><a href=\"articles/{slug}/#fn-{number}\" aria-label=\"Source {number}\">{number}</a></sup>"
        )
    }

    /// Records a definition (its events are already transformed).
    pub fn define(&mut self, label: &str, events: Vec<Event<'a>>, line: usize) {
        self.definitions.insert(
            fold(label),
            Definition {
                label: label.to_string(),
                events,
                line,
            },
        );
    }

    /// The footnote list HTML (empty when there are none), plus errors for
    /// citations without a definition and definitions nobody cites.
    pub fn finish(mut self, slug: &str) -> (String, Vec<LineError>) {
        let mut errors = Vec::new();
        let mut ordered: Vec<&Referenced> = self.referenced.values().collect();
        ordered.sort_by_key(|referenced| referenced.number);

        let mut list = String::new();
        for referenced in ordered {
            let Some(definition) = self.definitions.remove(&fold(&referenced.label)) else {
                errors.push((
                    Some(referenced.line),
                    ErrorKind::FootnoteUndefined {
                        label: referenced.label.clone(),
                    },
                ));
                continue;
            };
            list.push_str(&render_item(referenced, definition.events, slug));
        }
        for definition in self.definitions.into_values() {
            errors.push((
                Some(definition.line),
                ErrorKind::FootnoteUnused {
                    label: definition.label,
                },
            ));
        }
        if list.is_empty() {
            return (String::new(), errors);
        }
        let section = format!(
            "<section class=\"footnotes\" id=\"{FOOTNOTES_ID}\" aria-label=\"Sources\">\n<ol>\n{list}</ol>\n</section>\n"
        );
        (section, errors)
    }
}

fn reference_id(number: u32, repeat: u32) -> String {
    if repeat == 1 {
        format!("fnref-{number}")
    } else {
        format!("fnref-{number}-{repeat}")
    }
}

/// One `<li>`, with back links to every citation placed inside the last
/// paragraph so they sit at the end of the text rather than on a new line.
fn render_item(referenced: &Referenced, mut events: Vec<Event<'_>>, slug: &str) -> String {
    let number = referenced.number;
    let back_links: String = (1..=referenced.count)
        .map(|repeat| {
            format!(
                " <a class=\"footnote-backref\" href=\"articles/{slug}/#{}\" aria-label=\"Back to citation {number}\">↩</a>",
                reference_id(number, repeat)
            )
        })
        .collect();
    let back_links = Event::InlineHtml(CowStr::from(back_links));
    match events.last() {
        Some(Event::End(TagEnd::Paragraph)) => {
            let at = events.len() - 1;
            events.insert(at, back_links);
        }
        _ => events.push(back_links),
    }
    let mut body = String::new();
    html::push_html(&mut body, events.into_iter());
    format!("<li id=\"fn-{number}\">{body}</li>\n")
}
