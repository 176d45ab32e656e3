//! Build-time rendering (feature `ssr`): the same components the browser
//! runs, rendered natively to HTML for every route, so that a static host
//! serves each page with its content in it. A reader without scripts reads
//! it as it is; with scripts, the shell takes over the page.
//!
//! Each function returns the markup that goes inside `<div id="app">`; the
//! post-build step puts it into the route's `index.html` (see
//! `crates/prerender`).

use crate::layout::Layout;
use crate::pages::{ChecklistIntro, GuideIntro, Home, NotFoundView, SimulatorIntro};
use crate::reading::{ArticleView, IndexContent};
use faultline_site_data::{ArticlePage, ArticleSummary};
use leptos::prelude::*;

/// The site's base path (`/` or `/faultline/`) for every link rendered on
/// this thread from now on. Call it once, before rendering.
pub fn set_base(path: &str) -> Result<(), String> {
    if crate::base::set_render_base(path) {
        Ok(())
    } else {
        Err(format!(
            "the base path was already set to {} before {path}",
            crate::base::base_path()
        ))
    }
}

/// Renders `content` inside the site's frame for the page at `route` (a
/// site route such as `/articles`; the base is added here).
fn page(route: &str, content: impl IntoView + 'static) -> String {
    let path = crate::base::href(route);
    let owner = Owner::new();
    owner.with(|| view! { <Layout path>{content}</Layout> }.to_html())
}

/// `/`.
pub fn home() -> String {
    page("/", view! { <Home/> })
}

/// `/articles`: the intro, the search box and every article's card.
pub fn guide_index(articles: Vec<ArticleSummary>) -> String {
    page(
        "/articles",
        view! {
            <div class="guide-index">
                <GuideIntro/>
                <div class="page-bundle"><IndexContent articles/></div>
            </div>
        },
    )
}

/// `/articles/SLUG`: the whole article.
pub fn article(page_data: ArticlePage) -> String {
    let route = format!("/articles/{}", page_data.meta.slug);
    page(
        &route,
        view! { <div class="page-bundle"><ArticleView page=page_data/></div> },
    )
}

/// `/checklist`: the intro, and what it needs to run.
pub fn checklist() -> String {
    page(
        "/checklist",
        view! {
            <div class="checklist-page">
                <ChecklistIntro/>
                <ScriptsNeeded what="The checklist"/>
            </div>
        },
    )
}

/// `/simulator`: the intro, and what it needs to run.
pub fn simulator() -> String {
    page(
        "/simulator",
        view! {
            <SimulatorIntro/>
            <ScriptsNeeded what="The simulator"/>
        },
    )
}

/// `404.html`: served for any unknown address, so the address is not named.
pub fn not_found() -> String {
    page("/404", view! { <NotFoundView path=None/> })
}

/// What a reader without scripts is told on the interactive pages.
const SCRIPTS_NEEDED: &str = "needs JavaScript and WebAssembly to run in your browser. The guide's articles read without them.";

/// Says, to a reader without scripts, that this part needs them; invisible
/// when scripts run (the shell replaces the page at once).
#[component]
fn ScriptsNeeded(what: &'static str) -> impl IntoView {
    view! {
        <noscript>
            <p class="notice notice-info">{what} " " {SCRIPTS_NEEDED}</p>
        </noscript>
    }
}
