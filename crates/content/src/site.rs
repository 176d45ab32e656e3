//! The built site: every output file, in memory, ready to write.

use std::collections::BTreeMap;

use faultline_checklist::Checklist;
use faultline_site_data::{
    article_path, run_path, scenario_path, ArticleLink, ArticlePage, ArticleSummary, ChecklistLink,
    ScenarioSummary, SearchIndex, ARTICLE_INDEX_PATH, CHECKLIST_PATH, IMAGES_DIR,
    SCENARIO_INDEX_PATH, SEARCH_INDEX_PATH,
};

use super::articles::ParsedArticle;
use super::front_matter::FrontMatter;
use super::reading_time::reading_minutes;
use super::scenarios::LoadedScenario;
use super::search_index;
use super::toc::table_of_contents;

/// A validated, rendered site.
#[derive(Debug, Clone)]
pub struct Site {
    /// In guide order.
    pub index: Vec<ArticleSummary>,
    /// In guide order.
    pub pages: Vec<ArticlePage>,
    pub search: SearchIndex,
    pub checklist: Checklist,
    /// Sorted by id.
    pub scenarios: Vec<ScenarioFile>,
    /// Sorted by name.
    pub images: Vec<ImageFile>,
}

/// One preset as shipped.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    pub summary: ScenarioSummary,
    pub json: String,
    /// Its run to the end, as JSON (`run_path`); `None` only if the engine
    /// refused a preset the validator passed, which the content tests rule out.
    pub run: Option<String>,
}

/// One image as shipped; `name` is below `images/`.
#[derive(Debug, Clone)]
pub struct ImageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Site {
    pub fn page(&self, slug: &str) -> Option<&ArticlePage> {
        self.pages.iter().find(|page| page.meta.slug == slug)
    }

    /// Every output file: path relative to the output directory → bytes.
    /// JSON is compact and field order fixed, so equal content gives equal
    /// bytes.
    pub fn files(&self) -> Result<BTreeMap<String, Vec<u8>>, serde_json::Error> {
        let mut files = BTreeMap::new();
        files.insert(
            ARTICLE_INDEX_PATH.to_string(),
            serde_json::to_vec(&self.index)?,
        );
        for page in &self.pages {
            files.insert(article_path(&page.meta.slug), serde_json::to_vec(page)?);
        }
        files.insert(
            SEARCH_INDEX_PATH.to_string(),
            serde_json::to_vec(&self.search)?,
        );
        files.insert(
            CHECKLIST_PATH.to_string(),
            serde_json::to_vec(&self.checklist)?,
        );
        let summaries: Vec<&ScenarioSummary> =
            self.scenarios.iter().map(|file| &file.summary).collect();
        files.insert(
            SCENARIO_INDEX_PATH.to_string(),
            serde_json::to_vec(&summaries)?,
        );
        for scenario in &self.scenarios {
            files.insert(
                scenario_path(&scenario.summary.id),
                scenario.json.clone().into_bytes(),
            );
            if let Some(run) = &scenario.run {
                files.insert(run_path(&scenario.summary.id), run.clone().into_bytes());
            }
        }
        for image in &self.images {
            files.insert(format!("{IMAGES_DIR}/{}", image.name), image.bytes.clone());
        }
        Ok(files)
    }
}

/// A preset's run to its end, as JSON.
fn finished_run(scenario_json: &str) -> Option<String> {
    let scenario: faultline_engine::Scenario = serde_json::from_str(scenario_json).ok()?;
    let run = faultline_worker::run_to_end(std::slice::from_ref(&scenario)).ok()?;
    serde_json::to_string(&run).ok()
}

/// An article whose front matter is valid.
pub struct ValidArticle<'a> {
    pub front: &'a FrontMatter,
    pub parsed: &'a ParsedArticle,
}

/// Builds the pages from fully checked inputs (every reference resolves).
pub fn assemble(
    mut articles: Vec<ValidArticle<'_>>,
    mut checklist: Checklist,
    scenarios: &[LoadedScenario],
    images: Vec<ImageFile>,
) -> Site {
    articles.sort_by_key(|article| article.front.order);
    // Items link to sections; the page shows their headings.
    checklist.set_section_titles(
        articles
            .iter()
            .flat_map(|article| {
                let slug = &article.parsed.slug;
                article
                    .parsed
                    .body
                    .headings
                    .iter()
                    .map(move |heading| (format!("{slug}#{}", heading.id), heading.text.clone()))
            })
            .collect(),
    );
    let index: Vec<ArticleSummary> = articles.iter().map(summary).collect();
    let by_slug: BTreeMap<&str, &ArticleSummary> = index
        .iter()
        .map(|summary| (summary.slug.as_str(), summary))
        .collect();
    let presets: BTreeMap<&str, &LoadedScenario> = scenarios
        .iter()
        .map(|scenario| (scenario.summary.id.as_str(), scenario))
        .collect();

    let mut pages = Vec::with_capacity(articles.len());
    for (position, (article, meta)) in articles.iter().zip(&index).enumerate() {
        let front = article.front;
        let body = &article.parsed.body;
        let neighbour =
            |offset: Option<usize>| offset.and_then(|position| index.get(position)).map(link_to);
        pages.push(ArticlePage {
            meta: meta.clone(),
            html: body.html.clone(),
            toc: table_of_contents(&body.headings),
            prev: neighbour(position.checked_sub(1)),
            next: neighbour(Some(position + 1)),
            related: front
                .related
                .iter()
                .filter_map(|slug| by_slug.get(slug.as_str()).copied().map(link_to))
                .collect(),
            checklist: front
                .checklist
                .iter()
                // A merged-away id stands for the item it was merged into.
                .filter_map(|id| checklist.current_item(id))
                .fold(
                    Vec::new(),
                    |mut unique: Vec<&faultline_checklist::Item>, item| {
                        if !unique.iter().any(|seen| seen.id == item.id) {
                            unique.push(item);
                        }
                        unique
                    },
                )
                .into_iter()
                .map(|item| ChecklistLink {
                    id: item.id.clone(),
                    area: item.area.clone(),
                    title: item.title.clone(),
                    question: item.question.clone(),
                })
                .collect(),
            presets: front
                .presets
                .iter()
                .filter_map(|id| presets.get(id.as_str()))
                .map(|scenario| scenario.preset_link())
                .collect(),
            embeds: body.embeds.clone(),
        });
    }

    let search = search_index::build(
        index
            .iter()
            .zip(&articles)
            .map(|(summary, article)| (summary, article.parsed.body.sections.as_slice())),
    );
    Site {
        index,
        pages,
        search,
        checklist,
        scenarios: scenarios
            .iter()
            .map(|scenario| ScenarioFile {
                summary: scenario.summary.clone(),
                json: scenario.json.clone(),
                run: finished_run(&scenario.json),
            })
            .collect(),
        images,
    }
}

fn summary(article: &ValidArticle<'_>) -> ArticleSummary {
    let front = article.front;
    let words = article.parsed.body.word_count;
    ArticleSummary {
        slug: article.parsed.slug.clone(),
        title: front.title.clone(),
        summary: front.summary.clone(),
        topic: front.topic,
        updated: front.updated.clone(),
        order: front.order,
        reading_minutes: reading_minutes(words),
        word_count: words,
    }
}

fn link_to(summary: &ArticleSummary) -> ArticleLink {
    ArticleLink {
        slug: summary.slug.clone(),
        title: summary.title.clone(),
        summary: summary.summary.clone(),
    }
}
