//! The list of articles on the guide's index: a card per article in guide
//! order, with a topic filter.
//!
//! The filter is a group of radio buttons, and the stylesheet hides the
//! cards of other topics (`assets/reading.css`, a rule per topic with
//! `:has()`): it needs no script and works before, and without, any island.
//! It hides cards rather than rebuilding the list, so the numbering (the
//! article's place in the guide) stays put and a reader can see where a
//! topic sits in the reading order.

use super::article_meta::reading_time;
use crate::base::href;
use faultline_site_data::{ArticleSummary, Topic};
use leptos::prelude::*;

/// The filter's value for every topic at once.
const ALL_TOPICS: &str = "all";

/// A topic's value in the filter and on its cards (`resilience`).
fn topic_key(topic: Topic) -> String {
    topic.label().to_lowercase()
}

/// The topic filter and the article cards.
#[component]
pub fn ArticleIndex(
    /// In guide order.
    articles: Vec<ArticleSummary>,
) -> impl IntoView {
    let topics: Vec<(Topic, usize)> = Topic::ALL
        .into_iter()
        .map(|topic| (topic, articles.iter().filter(|a| a.topic == topic).count()))
        .filter(|(_, count)| *count > 0)
        .collect();
    let total = articles.len();
    let total_minutes: u32 = articles.iter().map(|a| a.reading_minutes).sum();

    view! {
        <div class="article-index">
            <fieldset class="topic-filter">
                <legend class="visually-hidden">"Filter by topic"</legend>
                <TopicChoice label="All topics" value=ALL_TOPICS.to_string() checked=true/>
                {topics
                    .iter()
                    .map(|(topic, _)| view! { <TopicChoice label=topic.label() value=topic_key(*topic)/> })
                    .collect_view()}
            </fieldset>
            // One line per choice; the stylesheet shows the chosen one.
            <div class="index-status" role="status">
                <p data-topic=ALL_TOPICS>
                    {format!("{total} articles, about {total_minutes} minutes of reading in all.")}
                </p>
                {topics
                    .iter()
                    .map(|(topic, shown)| {
                        let noun = if *shown == 1 { "article" } else { "articles" };
                        view! {
                            <p data-topic=topic_key(*topic)>
                                {format!("Showing {shown} of {total} {noun}: {}.", topic.label())}
                            </p>
                        }
                    })
                    .collect_view()}
            </div>
            <ol class="article-list">
                {articles
                    .into_iter()
                    .map(|article| {
                        let topic = topic_key(article.topic);
                        view! { <li data-topic=topic><ArticleCard article/></li> }
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}

/// One choice of the topic filter: a radio button that looks like a toggle.
#[component]
fn TopicChoice(
    label: &'static str,
    value: String,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    view! {
        <label class="button topic-toggle">
            <input type="radio" name="topic" value=value checked=checked/>
            {label}
        </label>
    }
}

/// A card: the whole card is the link target, the title is the link text.
#[component]
fn ArticleCard(article: ArticleSummary) -> impl IntoView {
    let title_id = format!("card-{}", article.slug);
    let labelled_by = title_id.clone();
    let link = href(&format!("/{}", article.href()));
    view! {
        <article class="card article-card" aria-labelledby=labelled_by>
            <p class="article-card-number" aria-hidden="true">{format!("{:02}", article.order)}</p>
            <h3 class="article-card-title" id=title_id>
                <a href=link>{article.title}</a>
            </h3>
            <p class="article-card-summary">{article.summary}</p>
            <p class="byline">
                <span class="topic-tag">{article.topic.label()}</span>
                <span class="byline-sep" aria-hidden="true">"·"</span>
                <span>{reading_time(article.reading_minutes)}</span>
            </p>
        </article>
    }
}
