//! Reports to download: Markdown for people, JSON for tools and for importing
//! back. The JSON carries the assessment itself (answers, notes, context) and
//! the computed results; import reads only the assessment and recomputes the
//! rest, so an edited results section can never mislead.

use std::fmt;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::answers::ItemStatus;
use super::assessment::Assessment;
use super::dora::BANDS_NAME;
use super::json_value::from_json_value;
use super::model::{Checklist, LinkKind};
use super::report::Report;
use super::revision::{self, Changes, RevisionError};

/// The `format` field of a JSON export.
pub const EXPORT_FORMAT: &str = "faultline-assessment";

/// The version of the JSON export format.
pub const EXPORT_VERSION: u64 = 1;

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    format_version: u64,
    /// The checklist the answers refer to (hex CRC-32 of its item ids).
    checklist_fingerprint: String,
    assessment: &'a Assessment,
    results: &'a Report,
}

/// The assessment and its results as pretty-printed JSON.
pub fn to_json(checklist: &Checklist, assessment: &Assessment) -> String {
    let report = Report::build(checklist, assessment);
    let export = JsonExport {
        format: EXPORT_FORMAT,
        format_version: EXPORT_VERSION,
        checklist_fingerprint: format!("{:08x}", checklist.fingerprint()),
        assessment,
        results: &report,
    };
    // Strings, integers, finite floats and string-keyed maps always serialise.
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

/// The longest name stem [`file_name`] keeps, in characters.
const FILE_STEM_CHARS: usize = 60;

/// A download file name for an assessment: `faultline-q3-review.md`. Letters
/// and digits are kept (lower-cased), every other run of characters becomes
/// one dash, so the name is safe on every file system.
pub fn file_name(assessment_name: &str, extension: &str) -> String {
    let mut stem = String::new();
    for c in assessment_name.chars().flat_map(char::to_lowercase) {
        if stem.chars().count() >= FILE_STEM_CHARS {
            break;
        }
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "assessment" } else { stem };
    format!("faultline-{stem}.{extension}")
}

/// Why a JSON file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotJson { message: String },
    NotAnExport,
    UnsupportedVersion { version: String },
    Invalid { message: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The file could not be imported: ")?;
        match self {
            ImportError::NotJson { message } => write!(f, "it is not valid JSON ({message})."),
            ImportError::NotAnExport => write!(
                f,
                "it is not a Faultline assessment export (its \"format\" is not \"{EXPORT_FORMAT}\")."
            ),
            ImportError::UnsupportedVersion { version } => write!(
                f,
                "it uses export version {version}; this page reads version {EXPORT_VERSION}."
            ),
            ImportError::Invalid { message } => write!(f, "{message}."),
        }
    }
}

impl std::error::Error for ImportError {}

/// An imported assessment and what the importer should tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub assessment: Assessment,
    /// The export was made against a different checklist; answers are matched
    /// by item id, so most survive, but some items may be new or gone.
    pub checklist_changed: bool,
    /// The export was made with an earlier edition of this checklist: its
    /// answers were carried over, and this is what changed.
    pub changes: Option<Changes>,
    /// Answered ids this checklist does not define.
    pub unknown_ids: Vec<String>,
}

/// Reads a JSON export back into an assessment.
pub fn import_json(checklist: &Checklist, text: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|error| ImportError::NotJson {
        message: error.to_string(),
    })?;
    if value.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    match value.get("format_version") {
        Some(version) if version.as_u64() == Some(EXPORT_VERSION) => {}
        other => {
            return Err(ImportError::UnsupportedVersion {
                version: other.map_or_else(|| "(missing)".to_string(), Value::to_string),
            })
        }
    }
    let Some(raw) = value.get("assessment") else {
        return Err(ImportError::Invalid {
            message: "it has no \"assessment\" section".to_string(),
        });
    };
    let assessment: Assessment =
        from_json_value(raw.clone()).map_err(|error| ImportError::Invalid {
            message: format!("its assessment section is not valid: {error}"),
        })?;
    assessment
        .validate()
        .map_err(|message| ImportError::Invalid { message })?;
    let mut assessment = assessment;
    let fingerprint = value
        .get("checklist_fingerprint")
        .and_then(Value::as_str)
        .and_then(|hex| u32::from_str_radix(hex, 16).ok());
    let past = fingerprint.and_then(|f| checklist.past_edition_with_fingerprint(f));
    let checklist_changed = fingerprint != Some(checklist.fingerprint()) && past.is_none();
    let mut changes = None;
    if let Some(past) = past {
        let unknown = |error: RevisionError| ImportError::Invalid {
            message: error.to_string(),
        };
        changes = revision::changes_since(checklist, past.edition).map_err(unknown)?;
        assessment.answers =
            revision::upgrade(checklist, past.edition, &assessment.answers).map_err(unknown)?;
    }
    let unknown_ids = assessment
        .answers
        .unknown_ids(checklist)
        .into_iter()
        .map(str::to_string)
        .collect();
    Ok(Imported {
        assessment,
        checklist_changed,
        changes,
        unknown_ids,
    })
}

/// Escapes text typed by users so it stays literal in Markdown (and inside a
/// table cell), and folds line breaks into spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders links of an item: `link` returns a URL for an article entry
/// (`slug#anchor`) or a preset id, or `None` to print the id as text. A
/// linked section whose heading the checklist knows is labelled with it.
fn links_line(
    checklist: &Checklist,
    articles: &[String],
    presets: &[String],
    link: &dyn Fn(LinkKind, &str) -> Option<String>,
) -> Option<String> {
    let mut parts = Vec::new();
    for (kind, label, ids) in [
        (LinkKind::Article, "read", articles),
        (LinkKind::Preset, "see it in the simulator", presets),
    ] {
        if ids.is_empty() {
            continue;
        }
        let rendered: Vec<String> = ids
            .iter()
            .map(|id| {
                let heading = (kind == LinkKind::Article)
                    .then(|| checklist.section_title(id))
                    .flatten();
                match (link(kind, id), heading) {
                    (Some(url), Some(heading)) => format!("[{}]({url})", escape(heading)),
                    (Some(url), None) => format!("[{id}]({url})"),
                    (None, Some(heading)) => format!("{} (`{id}`)", escape(heading)),
                    (None, None) => format!("`{id}`"),
                }
            })
            .collect();
        parts.push(format!("{label}: {}", rendered.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A one-document Markdown report: verdict, level, scores (weakest first),
/// DORA profile, plan, then every answer. Status is always written in words
/// and symbols, never left to colour.
pub fn to_markdown(
    checklist: &Checklist,
    assessment: &Assessment,
    link: &dyn Fn(LinkKind, &str) -> Option<String>,
) -> String {
    let report = Report::build(checklist, assessment);
    let mut md = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(md, "# Readiness assessment: {}\n", escape(&report.name));
    let mut status_line = report.completeness.label();
    if let Some(updated) = &report.updated {
        status_line = format!("Updated {}. {status_line}", escape(updated));
    }
    let _ = writeln!(md, "{status_line}.\n");
    if !report.completeness.is_complete() {
        let _ = writeln!(
            md,
            "> {} unanswered items count as not met in scores, gates and the plan.\n",
            report.completeness.unanswered()
        );
    }

    let _ = writeln!(md, "## Verdict: {}\n", report.verdict.title);
    for reason in &report.verdict.reasons {
        let _ = writeln!(md, "- {reason}");
    }

    let _ = writeln!(md, "\n## Level: {}\n", report.levels.held_label());
    let _ = writeln!(md, "{}\n", report.level_explanation);
    let _ = writeln!(md, "| Gate | Progress | Status |\n|---|---|---|");
    for gate in &report.levels.gates {
        let status = if gate.is_met() {
            "✓ met"
        } else {
            "✗ not met"
        };
        let _ = writeln!(
            md,
            "| {} | {} | {status} |",
            gate.level.title(),
            gate.progress_label()
        );
    }

    let _ = writeln!(
        md,
        "\n## Scores\n\nOverall: {} (weighted; yes counts fully, partly half, not applicable is left out).\n",
        report.scores.overall.label()
    );
    let _ = writeln!(
        md,
        "| Area | Score | Yes | Partly | No | Not applicable | Not answered |\n|---|---|---|---|---|---|---|"
    );
    for area in report.scores.weakest_first() {
        let c = area.counts;
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(&area.title),
            area.score.label(),
            c.yes,
            c.partly,
            c.no,
            c.not_applicable,
            c.unanswered
        );
    }

    let _ = writeln!(
        md,
        "\n## Delivery performance ({BANDS_NAME})\n\n{}\n",
        report.dora.summary()
    );
    let _ = writeln!(
        md,
        "| Key | Your answer | Cluster | Band of that cluster |\n|---|---|---|---|"
    );
    for key in &report.dora.keys {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            key.title,
            key.answer.as_deref().unwrap_or("not answered"),
            key.cluster.map_or("–", |c| c.label()),
            key.band.unwrap_or("–")
        );
    }
    for key in report.dora.keys.iter().filter(|key| key.note.is_some()) {
        let _ = writeln!(md, "\n{}: {}", key.title, key.note.unwrap_or_default());
    }

    let _ = writeln!(md, "\n## Plan\n");
    if report.plan.is_empty() {
        let _ = writeln!(md, "Every applicable item is met.");
    }
    for entry in &report.plan {
        let _ = writeln!(
            md,
            "{}. **{}** ({}, {} gate, weight {}): {} {}. {}.",
            entry.rank,
            escape(&entry.title),
            escape(&entry.area_title),
            entry.level.id(),
            entry.weight,
            entry.status.symbol(),
            entry.status.label(),
            entry.action()
        );
        let _ = writeln!(md, "   - Why: {}", escape(&entry.why));
        let _ = writeln!(
            md,
            "   - A yes looks like: {}",
            escape(&entry.yes_looks_like)
        );
        if let Some(note) = &entry.note {
            let _ = writeln!(md, "   - Your note: {}", escape(note));
        }
        if let Some(links) = links_line(checklist, &entry.articles, &entry.presets, link) {
            let _ = writeln!(md, "   - {links}");
        }
    }

    let _ = writeln!(md, "\n## Answers");
    for area in checklist.areas() {
        let _ = writeln!(md, "\n### {}\n", escape(&area.title));
        for item in checklist.items_in_area(&area.id) {
            let response = assessment.answers.get(&item.id);
            let status = ItemStatus::from_answer(response.and_then(|r| r.answer));
            let _ = write!(
                md,
                "- {} {}: {} ({})",
                status.symbol(),
                status.label(),
                escape(&item.question),
                item.id
            );
            if let Some(reason) = response.and_then(|r| r.na_reason()) {
                let _ = write!(md, " Reason: {}.", escape(reason));
            }
            if let Some(note) = response.and_then(|r| r.note()) {
                let _ = write!(md, " Note: {}", escape(note));
            }
            md.push('\n');
        }
    }
    if !report.unknown_answer_ids.is_empty() {
        let _ = writeln!(
            md,
            "\n{} answers refer to items this checklist no longer has and were not counted: {}.",
            report.unknown_answer_ids.len(),
            report.unknown_answer_ids.join(", ")
        );
    }
    md
}
