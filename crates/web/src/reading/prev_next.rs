//! Previous and next in the guide's reading order.

use crate::base::href;
use faultline_site_data::ArticleLink;
use leptos::prelude::*;

/// Links to the articles before and after this one; nothing for a guide of
/// one article.
#[component]
pub fn PrevNext(prev: Option<ArticleLink>, next: Option<ArticleLink>) -> impl IntoView {
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="prev-next" aria-label="Previous and next article">
                {prev.map(|article| view! { <Step article direction=Direction::Previous/> })}
                {next.map(|article| view! { <Step article direction=Direction::Next/> })}
            </nav>
        }
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Previous,
    Next,
}

#[component]
fn Step(article: ArticleLink, direction: Direction) -> impl IntoView {
    let (class, label, rel) = match direction {
        Direction::Previous => ("prev-next-link prev", "← Previous", "prev"),
        Direction::Next => ("prev-next-link next", "Next →", "next"),
    };
    view! {
        <a class=class rel=rel href=href(&format!("/articles/{}", article.slug))>
            <span class="prev-next-label">{label}</span>
            <span class="prev-next-title">{article.title}</span>
        </a>
    }
}
