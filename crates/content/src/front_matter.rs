//! Article front matter: TOML between two `+++` lines.
//!
//! Every field is checked and every problem reported (not only the first),
//! each with the line of the field, so one build run shows a writer all that
//! is wrong with the header.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use toml::{Spanned, Value};

use super::error::ErrorKind;
use super::lines::LineIndex;
use faultline_site_data::Topic;

const DELIMITER: &str = "+++";
const FIELDS: [&str; 8] = [
    "title",
    "summary",
    "topic",
    "updated",
    "order",
    "checklist",
    "presets",
    "related",
];
/// How many checklist items an article explains (team brief).
const CHECKLIST_ITEMS: RangeInclusive<usize> = 2..=8;
/// How many related articles an article lists (team brief).
const RELATED_ARTICLES: RangeInclusive<usize> = 1..=4;

/// A problem with its 1-based line, when known.
pub type LineError = (Option<usize>, ErrorKind);

/// An article file cut into its front matter and its body.
#[derive(Debug)]
pub struct SplitArticle<'a> {
    pub front_matter: &'a str,
    /// File line of the first front matter field (the line after `+++`).
    pub front_matter_line: usize,
    pub body: &'a str,
    /// File line on which the body starts.
    pub body_line: usize,
}

/// Splits `+++ … +++` from the body. `text` uses `\n` line endings.
pub fn split(text: &str) -> Result<SplitArticle<'_>, LineError> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or_default();
    if opening.trim_end() != DELIMITER {
        return Err((Some(1), ErrorKind::FrontMatterMissing));
    }
    let start = opening.len();
    let mut offset = start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == DELIMITER {
            let body_start = offset + line.len();
            return Ok(SplitArticle {
                front_matter: &text[start..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                // Line 1 is the opening `+++`, index 0 is line 2.
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err((Some(1), ErrorKind::FrontMatterUnclosed))
}

/// The validated fields of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub topic: Topic,
    pub updated: String,
    pub order: u32,
    pub checklist: Vec<String>,
    pub presets: Vec<String>,
    pub related: Vec<String>,
    /// Field name → file line, for errors found later (unknown ids).
    pub lines: BTreeMap<&'static str, usize>,
}

impl FrontMatter {
    /// The line of `field`, falling back to the opening `+++`.
    pub fn line_of(&self, field: &str) -> usize {
        self.lines.get(field).copied().unwrap_or(1)
    }
}

/// Parses and validates front matter; `slug` is the article's own slug
/// (an article may not list itself as related).
pub fn parse(split: &SplitArticle<'_>, slug: &str) -> Result<FrontMatter, Vec<LineError>> {
    let index = LineIndex::new(split.front_matter, split.front_matter_line);
    let table: BTreeMap<String, Spanned<Value>> = match toml::from_str(split.front_matter) {
        Ok(table) => table,
        Err(error) => {
            let line = error.span().map(|span| index.line(span.start));
            let detail = error.message().trim().to_string();
            return Err(vec![(line, ErrorKind::FrontMatterSyntax { detail })]);
        }
    };

    let mut fields = Fields {
        table,
        index,
        errors: Vec::new(),
    };
    let unknown: Vec<String> = fields
        .table
        .keys()
        .filter(|name| !FIELDS.contains(&name.as_str()))
        .cloned()
        .collect();
    for name in unknown {
        let line = fields.line(&name);
        fields
            .errors
            .push((line, ErrorKind::UnknownField { field: name }));
    }
    let title = fields.text("title");
    let summary = fields.text("summary");
    let topic = fields.topic();
    let updated = fields.date("updated");
    let order = fields.order();
    let checklist = fields.list("checklist", true, Some(CHECKLIST_ITEMS));
    let presets = fields.list("presets", false, None);
    let related = fields.list("related", true, Some(RELATED_ARTICLES));
    if related.iter().any(|other| other == slug) {
        let line = fields.line("related");
        fields.errors.push((
            line,
            ErrorKind::InvalidField {
                field: "related".to_string(),
                detail: "an article cannot be related to itself".to_string(),
            },
        ));
    }

    let lines = FIELDS
        .iter()
        .filter_map(|&name| fields.line(name).map(|line| (name, line)))
        .collect();
    match (title, summary, topic, updated, order) {
        (Some(title), Some(summary), Some(topic), Some(updated), Some(order))
            if fields.errors.is_empty() =>
        {
            Ok(FrontMatter {
                title,
                summary,
                topic,
                updated,
                order,
                checklist,
                presets,
                related,
                lines,
            })
        }
        _ => Err(fields.errors),
    }
}

/// The parsed table plus the errors found so far.
struct Fields {
    table: BTreeMap<String, Spanned<Value>>,
    index: LineIndex,
    errors: Vec<LineError>,
}

impl Fields {
    fn line(&self, name: &str) -> Option<usize> {
        self.table
            .get(name)
            .map(|value| self.index.line(value.span().start))
    }

    /// The value of a required field (records an error when absent).
    fn required(&mut self, name: &'static str) -> Option<(Value, Option<usize>)> {
        let line = self.line(name);
        match self.table.get(name) {
            Some(value) => Some((value.get_ref().clone(), line)),
            None => {
                self.errors
                    .push((Some(1), ErrorKind::MissingField { field: name }));
                None
            }
        }
    }

    fn invalid(&mut self, name: &str, line: Option<usize>, detail: impl Into<String>) {
        self.errors.push((
            line,
            ErrorKind::InvalidField {
                field: name.to_string(),
                detail: detail.into(),
            },
        ));
    }

    /// A required, non-blank string.
    fn text(&mut self, name: &'static str) -> Option<String> {
        let (value, line) = self.required(name)?;
        match value {
            Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
            Value::String(_) => {
                self.invalid(name, line, "must not be empty");
                None
            }
            other => {
                let detail = format!("must be a string, found {}", other.type_str());
                self.invalid(name, line, detail);
                None
            }
        }
    }

    fn topic(&mut self) -> Option<Topic> {
        let (value, line) = self.required("topic")?;
        let label = value.as_str().map(str::to_string);
        match label.as_deref().and_then(Topic::from_label) {
            Some(topic) => Some(topic),
            None => {
                let allowed: Vec<&str> = Topic::ALL.iter().map(|topic| topic.label()).collect();
                let detail = format!("must be one of {}", allowed.join(", "));
                self.invalid("topic", line, detail);
                None
            }
        }
    }

    /// `YYYY-MM-DD`, as a string or a TOML date.
    fn date(&mut self, name: &'static str) -> Option<String> {
        let (value, line) = self.required(name)?;
        let text = match value {
            Value::String(text) => text,
            Value::Datetime(datetime) => datetime.to_string(),
            _ => String::new(),
        };
        if is_valid_date(&text) {
            Some(text)
        } else {
            self.invalid(name, line, "must be a real date written YYYY-MM-DD");
            None
        }
    }

    fn order(&mut self) -> Option<u32> {
        let (value, line) = self.required("order")?;
        match value.as_integer().map(u32::try_from) {
            Some(Ok(order)) if order >= 1 => Some(order),
            _ => {
                self.invalid("order", line, "must be a whole number of at least 1");
                None
            }
        }
    }

    /// A list of distinct strings; `count` bounds its length.
    fn list(
        &mut self,
        name: &'static str,
        required: bool,
        count: Option<RangeInclusive<usize>>,
    ) -> Vec<String> {
        let value = if required {
            self.required(name)
        } else {
            let line = self.line(name);
            self.table
                .get(name)
                .map(|value| (value.get_ref().clone(), line))
        };
        let Some((value, line)) = value else {
            return Vec::new();
        };
        let Some(array) = value.as_array() else {
            self.invalid(name, line, "must be a list of strings, like [\"a\", \"b\"]");
            return Vec::new();
        };
        let mut entries: Vec<String> = Vec::new();
        for entry in array {
            match entry.as_str() {
                Some(text) if entries.iter().any(|seen| seen == text) => {
                    self.invalid(name, line, format!("`{text}` is listed twice"));
                }
                Some(text) => entries.push(text.to_string()),
                None => self.invalid(name, line, "every entry must be a string"),
            }
        }
        if let Some(count) = count {
            if !count.contains(&array.len()) {
                let detail = format!(
                    "lists {} entries; it needs {} to {}",
                    array.len(),
                    count.start(),
                    count.end()
                );
                self.invalid(name, line, detail);
            }
        }
        entries
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"Sync vs async\"\nsummary = \"How calls wait.\"\ntopic = \"Architecture\"\nupdated = \"2026-02-28\"\norder = 4\nchecklist = [\"api.a\", \"api.b\"]\nrelated = [\"data-ownership\"]\n+++\nBody\n";

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<LineError>> {
        let split = split(text).map_err(|error| vec![error])?;
        parse(&split, "sync-vs-async")
    }

    #[test]
    fn parses_a_complete_header() {
        let split = split(GOOD).expect("split");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 10);
        let front = parse(&split, "sync-vs-async").expect("valid");
        assert_eq!(front.title, "Sync vs async");
        assert_eq!(front.topic, Topic::Architecture);
        assert_eq!(front.order, 4);
        assert!(front.presets.is_empty());
        assert_eq!(front.line_of("order"), 6);
        assert_eq!(front.line_of("related"), 8);
    }

    #[test]
    fn reports_every_bad_field_with_its_line() {
        let text = GOOD
            .replace("topic = \"Architecture\"", "topic = \"Misc\"")
            .replace("2026-02-28", "2026-02-30")
            .replace("order = 4", "order = 0\nauthor = \"x\"")
            .replace("summary = \"How calls wait.\"\n", "");
        let errors = parse_text(&text).expect_err("invalid");
        let kinds: Vec<String> = errors
            .iter()
            .map(|(line, kind)| format!("{line:?} {kind}"))
            .collect();
        assert_eq!(errors.len(), 5, "{kinds:#?}");
        assert!(errors.contains(&(Some(1), ErrorKind::MissingField { field: "summary" })));
        assert!(errors.iter().any(|(line, kind)| *line == Some(3)
            && matches!(kind, ErrorKind::InvalidField { field, .. } if field == "topic")));
        assert!(errors.iter().any(|(line, kind)| *line == Some(4)
            && matches!(kind, ErrorKind::InvalidField { field, .. } if field == "updated")));
        assert!(errors.iter().any(|(line, kind)| *line == Some(5)
            && matches!(kind, ErrorKind::InvalidField { field, .. } if field == "order")));
        assert!(errors.iter().any(|(line, kind)| *line == Some(6)
            && matches!(kind, ErrorKind::UnknownField { field } if field == "author")));
    }

    #[test]
    fn list_rules() {
        let text = GOOD.replace(
            "checklist = [\"api.a\", \"api.b\"]",
            "checklist = [\"api.a\", \"api.a\"]\npresets = \"retry-storm\"",
        );
        let text = text.replace("[\"data-ownership\"]", "[\"sync-vs-async\"]");
        let errors = parse_text(&text).expect_err("invalid");
        let fields: Vec<&str> = errors
            .iter()
            .filter_map(|(_, kind)| match kind {
                ErrorKind::InvalidField { field, .. } => Some(field.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(fields, ["checklist", "presets", "related"]);
    }

    #[test]
    fn syntax_errors_and_delimiters() {
        let errors = parse_text("+++\ntitle = \"unclosed\n+++\n").expect_err("bad toml");
        assert!(matches!(
            errors.as_slice(),
            [(Some(2), ErrorKind::FrontMatterSyntax { .. })]
        ));
        assert_eq!(
            split("title = 1\n").map(|_| ()),
            Err((Some(1), ErrorKind::FrontMatterMissing))
        );
        assert_eq!(
            split("+++\ntitle = 1\n").map(|_| ()),
            Err((Some(1), ErrorKind::FrontMatterUnclosed))
        );
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2026-11-21"));
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2025-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("2026-1-01"));
        assert!(!is_valid_date("21/11/2026"));
        assert!(!is_valid_date("+026-11-21"));
    }
}
