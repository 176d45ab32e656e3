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
        // Retired ids stay valid link targets: the page opens the item
        // they were merged into, so old links keep working.
        checklist_items: inputs
            .checklist
            .map(|loaded| {
                let checklist = &loaded.checklist;
                let retired = checklist.retired().iter().map(|r| r.id.as_str());
                checklist
                    .item_ids()
                    .chain(retired)
                    .map(str::to_string)
                    .collect()
            })
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

/// The checklist links items to articles (sections) and presets; only this
/// build sees all three, so it checks those links. Every item's first
/// article entry is its "read more" and must name a section (`slug#anchor`)
/// that exists, so that the link lands where the item is discussed.
fn check_checklist_links(
    loaded: &LoadedChecklist,
    targets: &LinkTargets,
    errors: &mut Vec<ContentError>,
) {
    let mut report = |item_id: &str, detail: String| {
        let line = line_of(&loaded.text, &format!("\"{item_id}\""));
        errors.push(ContentError::new(
            &loaded.path,
            line,
            ErrorKind::InvalidChecklist { detail },
        ));
    };
    for item in loaded.checklist.items() {
        match item.read_more() {
            None => report(
                &item.id,
                format!("item `{}` has no article to read more in", item.id),
            ),
            Some(read_more) if read_more.anchor.is_none() => report(
                &item.id,
                format!(
                    "item `{}` sends readers to the whole article `{}`; name the section that discusses it (`{}#anchor`) as its first article entry",
                    item.id, read_more.slug, read_more.slug
                ),
            ),
            Some(_) => {}
        }
    }
    for link in loaded.checklist.links() {
        let result = match link.kind {
            LinkKind::Article => targets.check(
                &LinkTarget::Article {
                    slug: link.target.to_string(),
                    anchor: link.anchor.map(str::to_string),
                },
                link.target,
            ),
            LinkKind::Preset => targets.check_preset(link.target),
        };
        let detail = match (result, link.kind) {
            (Ok(()), _) => continue,
            (Err(ErrorKind::UnknownAnchor { slug, anchor }), _) => format!(
                "item `{}` links to section `{anchor}` of article `{slug}`, which has no heading with that anchor",
                link.item_id
            ),
            (Err(_), LinkKind::Article) => format!(
                "item `{}` links to article `{}`, which does not exist",
                link.item_id, link.target
            ),
            (Err(_), LinkKind::Preset) => format!(
                "item `{}` links to preset `{}`, which does not exist",
                link.item_id, link.target
            ),
        };
        report(link.item_id, detail);
    }
}
