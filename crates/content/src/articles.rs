//! Reading and rendering every `content/articles/*.md`.

use std::path::{Path, PathBuf};

use super::anchors::is_kebab;
use super::error::{ContentError, ErrorKind};
use super::front_matter::{self, FrontMatter};
use super::markdown::{self, RenderedBody};
use super::source::{files_or_report, read_text};

/// One article file after its own checks (cross-references come later).
#[derive(Debug)]
pub struct ParsedArticle {
    pub slug: String,
    pub path: PathBuf,
    /// `None` when the front matter has errors (already reported).
    pub front_matter: Option<FrontMatter>,
    pub body: RenderedBody,
}

/// Parses every article in `articles_dir`, reporting problems into `errors`.
/// An article with bad front matter still has its body rendered, so its
/// link errors show up in the same run.
pub fn load(articles_dir: &Path, errors: &mut Vec<ContentError>) -> Vec<ParsedArticle> {
    let files = files_or_report(articles_dir, "md", errors);
    let mut articles = Vec::new();
    for (slug, path) in files {
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        if let Some(article) = parse(&slug, &path, &text, errors) {
            articles.push(article);
        }
    }
    articles
}

/// Parses one article; `None` when even the body cannot be located.
pub fn parse(
    slug: &str,
    path: &Path,
    text: &str,
    errors: &mut Vec<ContentError>,
) -> Option<ParsedArticle> {
    let report = |errors: &mut Vec<ContentError>, (line, kind): front_matter::LineError| {
        errors.push(ContentError::new(path, line, kind));
    };
    if !is_kebab(slug) {
        report(
            errors,
            (
                None,
                ErrorKind::InvalidSlug {
                    slug: slug.to_string(),
                },
            ),
        );
    }
    let split = match front_matter::split(text) {
        Ok(split) => split,
        Err(error) => {
            report(errors, error);
            return None;
        }
    };
    let front_matter = match front_matter::parse(&split, slug) {
        Ok(front_matter) => Some(front_matter),
        Err(problems) => {
            for problem in problems {
                report(errors, problem);
            }
            None
        }
    };
    let mut body = markdown::render(slug, split.body, split.body_line);
    for problem in std::mem::take(&mut body.errors) {
        report(errors, problem);
    }
    Some(ParsedArticle {
        slug: slug.to_string(),
        path: path.to_path_buf(),
        front_matter,
        body,
    })
}
