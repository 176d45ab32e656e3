//! `build_site`: read, check and render all of `content/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::articles::{self, ParsedArticle};
use super::checklist_source;
use super::cross_check::{self, Inputs};
use super::error::ContentError;
use super::images;
use super::scenarios;
use super::site::{assemble, ImageFile, Site, ValidArticle};
use super::source::io_error;

/// Builds the site from `content_dir` (the directory holding `articles/`,
/// `checklist.toml`, `scenarios/` and optionally `images/`).
///
/// Every problem in every file is collected; on any problem the result is
/// all of them, sorted by file and line.
pub fn build_site(content_dir: &Path) -> Result<Site, Vec<ContentError>> {
    let mut errors = Vec::new();

    let checklist = match checklist_source::load(&content_dir.join("checklist.toml")) {
        Ok(checklist) => Some(checklist),
        Err(error) => {
            errors.push(error);
            None
        }
    };
    let scenarios = scenarios::load(&content_dir.join("scenarios"), &mut errors);
    let images_dir = content_dir.join("images");
    let image_names = match images::list(&images_dir) {
        Ok(names) => names,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    };
    let articles = articles::load(&content_dir.join("articles"), &mut errors);

    let image_set: BTreeSet<String> = image_names.iter().cloned().collect();
    errors.extend(cross_check::check(&Inputs {
        articles: &articles,
        checklist: checklist.as_ref(),
        scenarios: &scenarios,
        images: &image_set,
    }));

    let images = read_images(&images_dir, &image_names, &mut errors);
    let valid = valid_articles(&articles);
    match checklist {
        Some(loaded) if errors.is_empty() && valid.len() == articles.len() => {
            Ok(assemble(valid, loaded.checklist, &scenarios, images))
        }
        _ => Err(sorted(errors)),
    }
}

fn valid_articles(articles: &[ParsedArticle]) -> Vec<ValidArticle<'_>> {
    articles
        .iter()
        .filter_map(|parsed| {
            parsed
                .front_matter
                .as_ref()
                .map(|front| ValidArticle { front, parsed })
        })
        .collect()
}

fn read_images(dir: &Path, names: &[String], errors: &mut Vec<ContentError>) -> Vec<ImageFile> {
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        let path = dir.join(name);
        match fs::read(&path) {
            Ok(bytes) => files.push(ImageFile {
                name: name.clone(),
                bytes,
            }),
            Err(error) => errors.push(io_error(&path, &error)),
        }
    }
    files
}

/// By file, then line; exact repeats removed.
fn sorted(mut errors: Vec<ContentError>) -> Vec<ContentError> {
    errors.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(a.line.cmp(&b.line))
            .then_with(|| a.kind.to_string().cmp(&b.kind.to_string()))
    });
    errors.dedup();
    errors
}
