//! Articles at build time: TOML front matter between `+++` lines, then a
//! Markdown body. Seeds are the real articles; edits replace a front-matter
//! value with hostile TOML, drop or repeat a line, splice hostile Markdown
//! (raw HTML, script links, deep nesting, broken fences, footnotes, figures)
//! into the body, or edit the text. The oracle: real articles parse without
//! an error; every error has a clear message, and a front-matter error a
//! line; an edited field is what the error names; and the HTML never
//! carries live markup, whatever the errors.

use std::path::Path;

use faultline::content::{parse_article, ContentError, ErrorKind};

use crate::gen::{Gen, EXTREME_NUMBER_TEXTS};
use crate::mutate::mutate_text_repeatedly;
use crate::target::{clear_message, Case, Expect, Target};

/// Values a front-matter field might be given by mistake or malice.
const HOSTILE_TOML: [&str; 12] = [
    "\"\"",
    "\"unterminated",
    "[]",
    "[\"a\", 1]",
    "{ inline = 1 }",
    "1979-05-27T07:32:00Z",
    "true",
    "-1",
    "4294967296",
    "nan",
    "\"2026-02-30\"",
    "\"Ünïcödé ✓ <script>alert(1)</script>\"",
];

/// Markdown that a renderer must survive and neutralise.
const HOSTILE_MARKDOWN: [&str; 16] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[x](article:no-such-article#nowhere)",
    "[x](checklist:)",
    "![alt](images/../../etc/passwd)",
    "[^undefined]",
    "[^a]\n\n[^a]: one\n[^a]: two",
    "```\nunclosed fence",
    "```simulator\n{ \"preset\": 1e999 }\n```",
    "| a | b |\n|---|\n| 1 | 2 | 3 |",
    "# \n## \n###### ",
    "[label][missing]",
    "<!-- comment --><iframe src=x>",
    "*a **b _c ~~d",
    "\u{0}\u{feff}\u{202e}",
];

/// `article::parse` on real and edited articles.
pub struct Article {
    /// (slug, text) of every shipped article.
    articles: Vec<(String, String)>,
}

impl Article {
    pub fn new() -> Article {
        Article {
            articles: crate::repo_files("content/articles", "md"),
        }
    }
}

impl Default for Article {
    fn default() -> Self {
        Article::new()
    }
}

/// Splits `text` into its front-matter lines (between the `+++` lines) and
/// the rest; `None` without front matter.
fn front_matter_lines(text: &str) -> Option<(Vec<&str>, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n")?;
    Some((rest[..end].lines().collect(), &rest[end + 5..]))
}

/// Replaces one front-matter field's value; returns the text and the field.
fn edit_front_matter(g: &mut Gen, text: &str) -> Option<(String, String)> {
    let (mut lines, body) = front_matter_lines(text)?;
    if lines.is_empty() {
        return None;
    }
    let i = g.below(lines.len());
    let field = lines[i]
        .split('=')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let replacement;
    match g.below(5) {
        0 => {
            lines.remove(i);
        }
        1 => lines.insert(i, lines[i]),
        2 => {
            replacement = format!("{field} = {}", g.pick(&EXTREME_NUMBER_TEXTS));
            lines[i] = &replacement;
        }
        3 => {
            replacement = format!("{field} = [{}]", "[".repeat(g.between(10, 3000) as usize));
            lines[i] = &replacement;
        }
        _ => {
            replacement = format!("{field} = {}", g.pick(&HOSTILE_TOML));
            lines[i] = &replacement;
        }
    }
    Some((format!("+++\n{}\n+++\n{body}", lines.join("\n")), field))
}

/// Splices hostile Markdown (or deep nesting) into the body.
fn edit_body(g: &mut Gen, text: &str) -> String {
    let snippet = match g.below(4) {
        0 => "> ".repeat(g.between(10, 5000) as usize) + "deep quote",
        1 => {
            // Indentation grows with depth, so the text grows as its square.
            let depth = g.between(10, 300) as usize;
            (0..depth)
                .map(|d| format!("{}- item\n", "  ".repeat(d)))
                .collect()
        }
        2 => "[".repeat(g.between(10, 5000) as usize) + "x" + &"]".repeat(g.below(5000)),
        _ => g.pick(&HOSTILE_MARKDOWN).to_string(),
    };
    let lines: Vec<&str> = text.lines().collect();
    let at = g.below(lines.len() + 1).max(lines.len().min(12));
    let mut out: Vec<&str> = lines[..at.min(lines.len())].to_vec();
    out.push("");
    out.push(&snippet);
    out.push("");
    out.extend(&lines[at.min(lines.len())..]);
    out.join("\n") + "\n"
}

/// The front matter and a window of up to 40 body lines.
fn excerpt(g: &mut Gen, text: &str) -> String {
    let Some((lines, body)) = front_matter_lines(text) else {
        return text.to_string();
    };
    let body: Vec<&str> = body.lines().collect();
    let start = g.below(body.len().max(1));
    let end = (start + 1 + g.below(40)).min(body.len());
    let window = body.get(start..end).unwrap_or_default().join("\n");
    format!("+++\n{}\n+++\n{window}\n", lines.join("\n"))
}

/// Whether an error is about the front matter (and so must carry a line).
fn is_front_matter_error(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::FrontMatterSyntax { .. }
            | ErrorKind::MissingField { .. }
            | ErrorKind::InvalidField { .. }
            | ErrorKind::UnknownField { .. }
    )
}

/// Markup that must never come out of the renderer live. (Escaped text may
/// still read `onerror=`; only a real tag could run it.)
const LIVE_MARKUP: [&str; 4] = ["<script", "<iframe", "<img src=x", "href=\"javascript:"];

fn check_errors(errors: &[ContentError], field: Option<&str>) -> Result<(), String> {
    for error in errors {
        clear_message(&error.kind.to_string())?;
        if is_front_matter_error(&error.kind) && error.line.is_none() {
            return Err(format!("front-matter error without a line: {error}"));
        }
    }
    if let Some(field) = field.filter(|f| !f.is_empty()) {
        // The rest of the front matter is valid, so any front-matter error
        // comes from the edit and must name its field (or its line, for
        // broken TOML).
        let about_front_matter: Vec<&ContentError> = errors
            .iter()
            .filter(|e| is_front_matter_error(&e.kind))
            .collect();
        let names_it = about_front_matter.iter().any(|e| {
            e.to_string().contains(field) || matches!(e.kind, ErrorKind::FrontMatterSyntax { .. })
        });
        if !about_front_matter.is_empty() && !names_it {
            let all: Vec<String> = about_front_matter.iter().map(|e| e.to_string()).collect();
            return Err(format!(
                "an edit of {field:?} was reported as: {}",
                all.join("; ")
            ));
        }
    }
    Ok(())
}

impl Target for Article {
    fn name(&self) -> &'static str {
        "article"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        let Some((slug, text)) = (!self.articles.is_empty()).then(|| g.pick(&self.articles)) else {
            return Case::mutated(g.garbage(200), None);
        };
        let input = |text: String| format!("{slug}\n{text}");
        if g.one_in(50) {
            return Case::valid(input(text.clone()));
        }
        // Most cases edit an excerpt (the front matter and a few dozen body
        // lines): parsing a whole article for each of a million cases would
        // spend the time on unchanged text.
        let text = &excerpt(g, text);
        match g.below(7) {
            1..=3 => match edit_front_matter(g, text) {
                Some((edited, field)) => Case::mutated(input(edited), Some(field)),
                None => Case::mutated(input(text.clone()), None),
            },
            4 | 5 => Case::mutated(input(edit_body(g, text)), None),
            _ => Case::mutated(input(mutate_text_repeatedly(g, text)), None),
        }
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        // The first line is the slug (the file name), the rest the file.
        let (slug, text) = case
            .input
            .split_once('\n')
            .unwrap_or(("article", &case.input));
        let mut errors = Vec::new();
        let parsed = parse_article(slug, Path::new("article.md"), text, &mut errors);
        if case.expect == Expect::Valid && !errors.is_empty() {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Err(format!("a real article has errors: {}", all.join("; ")));
        }
        let field = match &case.expect {
            Expect::Mutated { path } => path.as_deref(),
            Expect::Valid => None,
        };
        check_errors(&errors, field)?;
        if let Some(article) = parsed {
            let html = article.body.html.to_ascii_lowercase();
            if let Some(markup) = LIVE_MARKUP.iter().find(|m| html.contains(*m)) {
                return Err(format!("the HTML carries live markup {markup:?}"));
            }
        }
        Ok(())
    }
}
