//! The list of articles on the guide's index: a card per article in guide
//! order, with a topic filter.
//!
//! The filter hides cards rather than rebuilding the list, so the numbering
//! (the article's place in the guide) stays put and a reader can see where a
//! topic sits in the reading order.

use super::article_meta::reading_time;
use crate::base::href;
use faultline_site_data::{ArticleSummary, Topic};
use leptos::prelude::*;

/// The topic filter and the article cards.
#[component]
pub fn ArticleIndex(
    /// In guide order.
    articles: Vec<ArticleSummary>,
) -> impl IntoView {
    let selected = RwSignal::new(None::<Topic>);
    let topics: Vec<Topic> = Topic::ALL
        .into_iter()
        .filter(|topic| articles.iter().any(|article| article.topic == *topic))
        .collect();
    let counts: Vec<(Topic, usize)> = topics
        .iter()
        .map(|topic| {
            let count = articles.iter().filter(|a| a.topic == *topic).count();
            (*topic, count)
        })
        .collect();
    let total = articles.len();
    let total_minutes: u32 = articles.iter().map(|a| a.reading_minutes).sum();
    let status = move || match selected.get() {
        None => format!("{total} articles, about {total_minutes} minutes of reading in all."),
        Some(topic) => {
            let shown = counts
                .iter()
                .find(|(counted, _)| *counted == topic)
                .map_or(0, |(_, count)| *count);
            let noun = if shown == 1 { "article" } else { "articles" };
            format!("Showing {shown} of {total} {noun}: {}.", topic.label())
        }
    };

    view! {
        <div class="topic-filter" role="group" aria-label="Filter by topic">
            <TopicButton label="All topics" topic=None selected/>
            {topics
                .into_iter()
                .map(|topic| view! { <TopicButton label=topic.label() topic=Some(topic) selected/> })
                .collect_view()}
        </div>
        <p class="index-status" role="status">{status}</p>
        <ol class="article-list">
            {articles
                .into_iter()
                .map(|article| {
                    let topic = article.topic;
                    let hidden = move || selected.get().is_some_and(|chosen| chosen != topic);
                    view! {
                        <li hidden=hidden>
                            <ArticleCard article/>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// One toggle of the topic filter (`aria-pressed` tells which is on).
#[component]
fn TopicButton(
    label: &'static str,
    topic: Option<Topic>,
    selected: RwSignal<Option<Topic>>,
) -> impl IntoView {
    let pressed = move || selected.get() == topic;
    view! {
        <button
            type="button"
            class="topic-toggle"
            aria-pressed=move || if pressed() { "true" } else { "false" }
            on:click=move |_| selected.set(topic)
        >
            {label}
        </button>
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
