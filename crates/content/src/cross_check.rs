//! Checks that need every file at once: links between articles, checklist
//! items and presets, images, unique `order`s, and the checklist's and
//! scenarios' own links back to articles.

use std::collections::{BTreeMap, BTreeSet};

use super::articles::ParsedArticle;
use super::checklist_source::LoadedChecklist;
use super::error::{ContentError, ErrorKind};
use super::links::{LinkTarget, LinkTargets};
use super::scenarios::LoadedScenario;
use super::source::line_of;
use faultline_checklist::LinkKind;

/// Everything [`check`] looks at.
pub struct Inputs<'a> {
    pub articles: &'a [ParsedArticle],
    /// `None` when the checklist itself is invalid (already reported); links
    /// to items are then not checked, to avoid a flood of follow-on errors.
    pub checklist: Option<&'a LoadedChecklist>,
    pub scenarios: &'a [LoadedScenario],
    pub images: &'a BTreeSet<String>,
}

pub fn check(inputs: &Inputs<'_>) -> Vec<ContentError> {
    let targets = LinkTargets {
        articles: inputs
            .articles
            .iter()
            .map(|article| {
                let anchors = article.body.headings.iter().map(|h| h.id.clone()).collect();
                (article.slug.clone(), anchors)
            })
            .collect(),
        checklist_items: inputs
            .checklist
            .map(|loaded| loaded.checklist.item_ids().map(str::to_string).collect())
            .unwrap_or_default(),
        presets: inputs
            .scenarios
            .iter()
            .map(|scenario| scenario.summary.id.clone())
            .collect(),
    };
    let check_items = inputs.checklist.is_some();
    let mut errors = Vec::new();
    for article in inputs.articles {
        check_article(article, &targets, check_items, inputs.images, &mut errors);
    }
    check_orders(inputs.articles, &mut errors);
    if let Some(checklist) = inputs.checklist {
        check_checklist_links(checklist, &targets, &mut errors);
    }
    for scenario in inputs.scenarios {
        if let Some(slug) = &scenario.summary.article {
            if let Err(kind) = targets.check_article(slug) {
                errors.push(ContentError::new(&scenario.path, None, kind));
            }
        }
    }
    errors
}

fn check_article(
    article: &ParsedArticle,
    targets: &LinkTargets,
    check_items: bool,
    images: &BTreeSet<String>,
    errors: &mut Vec<ContentError>,
) {
    let path = &article.path;
    for link in &article.body.links {
        if !check_items && matches!(link.target, LinkTarget::Checklist { .. }) {
            continue;
        }
        if let Err(kind) = targets.check(&link.target, &article.slug) {
            errors.push(ContentError::new(path, Some(link.line), kind));
        }
    }
    for image in &article.body.images {
        if !images.contains(&image.name) {
            let kind = ErrorKind::MissingImage {
                src: format!("images/{}", image.name),
            };
            errors.push(ContentError::new(path, Some(image.line), kind));
        }
    }
    let Some(front) = &article.front_matter else {
        return;
    };
    type Check = fn(&LinkTargets, &str) -> Result<(), ErrorKind>;
    let lists: [(&str, &[String], Check); 3] = [
        (
            "checklist",
            &front.checklist,
            LinkTargets::check_checklist_item,
        ),
        ("presets", &front.presets, LinkTargets::check_preset),
        ("related", &front.related, LinkTargets::check_article),
    ];
    for (field, ids, check) in lists {
        if field == "checklist" && !check_items {
            continue;
        }
        for id in ids {
            if let Err(kind) = check(targets, id) {
                errors.push(ContentError::new(path, Some(front.line_of(field)), kind));
            }
        }
    }
}

/// `order` drives previous/next, so two articles may not share one.
fn check_orders(articles: &[ParsedArticle], errors: &mut Vec<ContentError>) {
    let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
    for article in articles {
        let Some(front) = &article.front_matter else {
            continue;
        };
        match seen.get(&front.order) {
            Some(other) => errors.push(ContentError::new(
                &article.path,
                Some(front.line_of("order")),
                ErrorKind::DuplicateOrder {
                    order: front.order,
                    other: format!("{other}.md"),
                },
            )),
            None => {
                seen.insert(front.order, &article.slug);
            }
        }
    }
}

/// The checklist links items to articles and presets; only this build sees
/// all three, so it checks those links.
fn check_checklist_links(
    loaded: &LoadedChecklist,
    targets: &LinkTargets,
    errors: &mut Vec<ContentError>,
) {
    for link in loaded.checklist.links() {
        let (result, what) = match link.kind {
            LinkKind::Article => (targets.check_article(link.target), "article"),
            LinkKind::Preset => (targets.check_preset(link.target), "preset"),
        };
        if result.is_err() {
            let line = line_of(&loaded.text, &format!("\"{}\"", link.item_id));
            errors.push(ContentError::new(
                &loaded.path,
                line,
                ErrorKind::InvalidChecklist {
                    detail: format!(
                        "item `{}` links to {what} `{}`, which does not exist",
                        link.item_id, link.target
                    ),
                },
            ));
        }
    }
}
