//! What follows an article's body: the checklist questions it explains
//! ("Check your team"), the simulator scenarios that show it ("See it
//! happen") and related articles. All three are the same shape, a headed
//! list of links each with a line of description.

use crate::base::href;
use faultline_site_data::{ArticleLink, ChecklistLink, PresetLink};
use leptos::prelude::*;

/// Anchors of the sections (the table of contents lists the first two).
pub const CHECK_YOUR_TEAM_ID: &str = "check-your-team";
pub const SEE_IT_HAPPEN_ID: &str = "see-it-happen";
pub const RELATED_ID: &str = "related-articles";

/// One line of a follow-up list.
struct FollowUpLink {
    href: String,
    title: String,
    description: String,
}

/// "Check your team": links to the checklist items, with their questions.
#[component]
pub fn CheckYourTeam(items: Vec<ChecklistLink>) -> impl IntoView {
    let links = items
        .into_iter()
        .map(|item| FollowUpLink {
            href: href(&format!("/checklist?item={}", item.id)),
            title: item.title,
            description: item.question,
        })
        .collect();
    view! {
        <FollowUpSection
            id=CHECK_YOUR_TEAM_ID
            heading="Check your team"
            lead="This article explains these questions of the readiness checklist. Answer them for your team:"
            links
        />
    }
}

/// "See it happen": links that open the presets in the simulator.
#[component]
pub fn SeeItHappen(presets: Vec<PresetLink>) -> impl IntoView {
    let links = presets
        .into_iter()
        .map(|preset| FollowUpLink {
            href: href(&format!("/simulator?preset={}", preset.id)),
            title: preset.name,
            description: preset.description,
        })
        .collect();
    view! {
        <FollowUpSection
            id=SEE_IT_HAPPEN_ID
            heading="See it happen"
            lead="Run these scenarios in the simulator and watch the failure unfold:"
            links
        />
    }
}

/// Related articles with their summaries.
#[component]
pub fn RelatedArticles(related: Vec<ArticleLink>) -> impl IntoView {
    let links = related
        .into_iter()
        .map(|article| FollowUpLink {
            href: href(&format!("/articles/{}", article.slug)),
            title: article.title,
            description: article.summary,
        })
        .collect();
    view! { <FollowUpSection id=RELATED_ID heading="Related articles" lead="" links/> }
}

/// A headed list of links; renders nothing when the list is empty.
#[component]
fn FollowUpSection(
    id: &'static str,
    heading: &'static str,
    /// A sentence introducing the list; empty for none.
    lead: &'static str,
    links: Vec<FollowUpLink>,
) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <section class=format!("follow-up follow-up-{id}") aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                {(!lead.is_empty()).then(|| view! { <p class="follow-up-lead">{lead}</p> })}
                <ul class="follow-up-list">
                    {links
                        .into_iter()
                        .map(|link| {
                            view! {
                                <li class="follow-up-item">
                                    <a class="follow-up-title" href=link.href>{link.title}</a>
                                    <span class="follow-up-text">{link.description}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
