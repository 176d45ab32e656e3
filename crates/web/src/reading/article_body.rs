//! An article's body: the HTML the content build rendered, put into the page
//! as it is, then brought to life.
//!
//! The HTML is trusted (built from our own Markdown, raw HTML rejected), so it
//! goes in with `inner_html`. Its links need no handling here: every href is
//! relative to the site base (`articles/SLUG/#id`, `checklist/?item=ID`) and
//! the browser resolves it against `<base href>`: another page loads, or an
//! in-page link scrolls. What this
//! component adds: going to the URL fragment once the body exists (deep links,
//! links from other articles), copying heading links, the live simulator
//! figures, and keyboard access to wide tables and code.

use super::embeds::mount_simulator_figures;
use super::fragment::go_to_fragment;
use super::heading_links::{copy_if_heading_anchor, CopyStatus, CopyStatusText};
use super::scrollables::focus_overflowing_boxes;
use crate::address::use_address;
use leptos::html::Div;
use leptos::prelude::*;

/// The rendered body of the article `slug`.
#[component]
pub fn ArticleBody(
    slug: String,
    /// Rendered HTML (trusted, see the module notes).
    html: String,
) -> impl IntoView {
    let body = NodeRef::<Div>::new();
    let copy_status = CopyStatusText::default();
    mount_simulator_figures(body);
    follow_fragment(slug, body);
    focus_overflowing_boxes(body);

    view! {
        <div
            class="prose article-body"
            node_ref=body
            inner_html=html
            on:click=move |event| copy_if_heading_anchor(&event, copy_status)
        ></div>
        <CopyStatus status=copy_status/>
    }
}

/// Goes to the URL fragment when the body first appears and whenever the
/// fragment changes while this article is shown (in-page links, footnotes,
/// search results, back and forward).
fn follow_fragment(slug: String, body: NodeRef<Div>) {
    let address = use_address();
    let own_path = format!("/articles/{slug}");
    Effect::new(move |_| {
        let hash = address.with(|address| address.hash.clone());
        // Wait for the body; and ignore a fragment meant for the next
        // article while this one is still on screen.
        let shown = body.get().is_some();
        let here = address
            .with_untracked(|address| address.pathname.trim_end_matches('/').ends_with(&own_path));
        if !shown || !here || hash.trim_start_matches('#').is_empty() {
            return;
        }
        // After layout, so that figures mounted into the body count.
        request_animation_frame(move || {
            go_to_fragment(&hash);
        });
    });
}
