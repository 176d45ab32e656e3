//! One article laid out for reading: header, table of contents beside (or
//! above) the text, the body, then what to do next and where to go next.

use super::article_body::ArticleBody;
use super::article_meta::{reading_time, DateText};
use super::follow_up::{
    CheckYourTeam, RelatedArticles, SeeItHappen, CHECK_YOUR_TEAM_ID, SEE_IT_HAPPEN_ID,
};
use super::prev_next::PrevNext;
use super::search::GuideSearch;
use super::toc::{ExtraEntry, TableOfContents};
use faultline_site_data::ArticlePage;
use leptos::prelude::*;

/// The id of the footnotes section the content build writes.
const SOURCES_ID: &str = "footnotes";

/// How many results the search box beside an article lists.
const SIDEBAR_SEARCH_RESULTS: usize = 6;

/// A whole article page (below the site header).
#[component]
pub fn ArticleView(
    page: ArticlePage,
    /// Whether the contents start open on a narrow screen (the reader opened
    /// the prerendered ones before the island took over).
    #[prop(optional)]
    contents_open: bool,
) -> impl IntoView {
    let ArticlePage {
        meta,
        html,
        toc,
        prev,
        next,
        related,
        checklist,
        presets,
        embeds: _,
    } = page;
    let extra = contents_extras(&html, !checklist.is_empty(), !presets.is_empty());
    let updated = meta.updated.clone();

    view! {
        <article class="article" aria-labelledby="article-title">
            <header class="article-header">
                <p class="eyebrow">{format!("Part {} · {}", meta.order, meta.topic.label())}</p>
                <h1 id="article-title">{meta.title}</h1>
                <p class="lead">{meta.summary}</p>
                <p class="byline">
                    <span>{reading_time(meta.reading_minutes)}</span>
                    <span class="byline-sep" aria-hidden="true">"·"</span>
                    <span>"Updated " <DateText iso=meta.updated/></span>
                </p>
            </header>
            <div class="article-layout">
                <div class="article-aside">
                    <TableOfContents slug=meta.slug.clone() entries=toc extra open=contents_open/>
                    <GuideSearch id_prefix="article-search" limit=SIDEBAR_SEARCH_RESULTS label="Search the guide" compact=true/>
                </div>
                <div class="article-main">
                    <ArticleBody slug=meta.slug html/>
                    <CheckYourTeam items=checklist/>
                    <SeeItHappen presets/>
                    <footer class="article-end">
                        <p class="article-updated">"Last updated " <DateText iso=updated/></p>
                        <PrevNext prev next/>
                        <RelatedArticles related/>
                    </footer>
                </div>
            </div>
        </article>
    }
}

/// Lines for the sections after the text: the sources (when the body has
/// footnotes) and the two follow-up sections (when they have content).
fn contents_extras(html: &str, has_checklist: bool, has_presets: bool) -> Vec<ExtraEntry> {
    let has_sources = html.contains(&format!("id=\"{SOURCES_ID}\""));
    [
        (has_sources, SOURCES_ID, "Sources"),
        (has_checklist, CHECK_YOUR_TEAM_ID, "Check your team"),
        (has_presets, SEE_IT_HAPPEN_ID, "See it happen"),
    ]
    .into_iter()
    .filter(|(present, _, _)| *present)
    .map(|(_, id, text)| ExtraEntry { id, text })
    .collect()
}
