//! Titles and addresses for the articles and simulator presets that checklist
//! items link to. Items name them by id; the page shows their titles, read
//! from the article and preset indexes the content build writes.

use std::collections::HashMap;

use crate::base::{href, page_address};
use crate::data::fetch_json;
use faultline_checklist::{ArticleRef, Checklist, LinkKind};
use faultline_site_data::{
    ArticleSummary, ScenarioSummary, ARTICLE_INDEX_PATH, SCENARIO_INDEX_PATH,
};

/// Article and preset titles by id.
#[derive(Debug, Clone, Default)]
pub struct LinkTitles {
    articles: HashMap<String, String>,
    presets: HashMap<String, String>,
}

impl LinkTitles {
    /// Loads both indexes. A missing index only costs the titles (links then
    /// show their ids), so failures are logged, not shown.
    pub async fn load() -> LinkTitles {
        let articles = fetch_json::<Vec<ArticleSummary>>(ARTICLE_INDEX_PATH)
            .await
            .inspect_err(|error| leptos::logging::warn!("article titles unavailable: {error}"))
            .unwrap_or_default();
        let presets = fetch_json::<Vec<ScenarioSummary>>(SCENARIO_INDEX_PATH)
            .await
            .inspect_err(|error| leptos::logging::warn!("preset titles unavailable: {error}"))
            .unwrap_or_default();
        LinkTitles::from_indexes(articles, presets)
    }

    /// The titles in the two indexes (the build reads them from files).
    pub fn from_indexes(
        articles: Vec<ArticleSummary>,
        presets: Vec<ScenarioSummary>,
    ) -> LinkTitles {
        LinkTitles {
            articles: articles
                .into_iter()
                .map(|article| (article.slug, article.title))
                .collect(),
            presets: presets
                .into_iter()
                .map(|preset| (preset.id, preset.name))
                .collect(),
        }
    }

    /// The title to show for a link target; the id when none is known.
    /// An article entry `slug#anchor` shows the article's title, and the
    /// section's heading when the checklist knows it.
    pub fn title(&self, kind: LinkKind, id: &str, checklist: &Checklist) -> String {
        match kind {
            LinkKind::Article => {
                let article = ArticleRef::parse(id);
                let title = self
                    .articles
                    .get(article.slug)
                    .cloned()
                    .unwrap_or_else(|| article.slug.to_string());
                match checklist.section_title(id) {
                    Some(section) => format!("{title}: {section}"),
                    None => title,
                }
            }
            LinkKind::Preset => self
                .presets
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string()),
        }
    }
}

/// The address of a link target, relative to the site base as the content
/// conventions define it (`articles/SLUG/#anchor`, `simulator/?preset=ID`).
pub fn relative_target(kind: LinkKind, id: &str) -> String {
    match kind {
        LinkKind::Article => page_address(&format!("articles/{id}")),
        LinkKind::Preset => format!("simulator/?preset={id}"),
    }
}

/// The in-site path of a link target (base path included).
pub fn target_href(kind: LinkKind, id: &str) -> String {
    href(&relative_target(kind, id))
}
