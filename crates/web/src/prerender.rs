//! Build-time rendering (feature `ssr`): the same components the browser
//! runs, rendered natively to HTML for every route, so that a static host
//! serves each page with its content in it. A reader without scripts reads
//! it as it is; with scripts, `assets/boot.js` mounts each island.
//!
//! Each function returns the markup that goes inside `<div id="app">`; the
//! post-build step puts it into the route's `index.html` (see
//! `crates/prerender`).

use crate::layout::Layout;
use crate::pages::{ChecklistIntro, GuideIntro, Home, NotFoundView, SimulatorIntro};
use crate::reading::{ArticleView, IndexArticles, IndexSearch};
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

/// `/articles`: the intro, the search box (the reading island, which
/// mounts when the reader turns to it) and every article's card.
pub fn guide_index(articles: Vec<ArticleSummary>) -> String {
    page(
        "/articles",
        view! {
            <div class="guide-index">
                <GuideIntro/>
                <Island bundle="reading" view="search".to_string() when="focus">
                    <IndexSearch/>
                </Island>
                <IndexArticles articles/>
            </div>
        },
    )
}

/// `/articles/SLUG`: the whole article, in its reading island, which loads
/// at the reader's first interaction (the article reads without it).
pub fn article(page_data: ArticlePage) -> String {
    let route = format!("/articles/{}", page_data.meta.slug);
    let view = format!("article:{}", page_data.meta.slug);
    page(
        &route,
        view! {
            <Island bundle="reading" view when="interaction">
                <ArticleView page=page_data/>
            </Island>
        },
    )
}

/// `/checklist`: the intro, and the checklist island's host.
pub fn checklist() -> String {
    page(
        "/checklist",
        view! {
            <div class="checklist-page">
                <ChecklistIntro/>
                <Island bundle="checklist" view="page".to_string() loading="the checklist">
                    <ScriptsNeeded what="The checklist"/>
                </Island>
            </div>
        },
    )
}

/// `/simulator`: the intro, and the simulator island's host.
pub fn simulator() -> String {
    page(
        "/simulator",
        view! {
            <SimulatorIntro/>
            <Island bundle="simulator" view="page".to_string() loading="the simulator">
                <ScriptsNeeded what="The simulator"/>
            </Island>
        },
    )
}

/// `404.html`: served for any unknown address, so the address is not named
/// (the page's script names it).
pub fn not_found(articles: Vec<ArticleSummary>) -> String {
    page("/404", view! { <NotFoundView articles/> })
}

/// Where an island mounts: `assets/boot.js` loads bundle `bundle` and has
/// it mount `view` here, in place of `children` (what the page shows until
/// then, and without scripts). `loading` names what loads, for a loading
/// line while it does (islands whose prerendered content is the page itself
/// need none). `when` is `"interaction"` for an island that waits for the
/// reader's first interaction with the page, `"focus"` for one that waits
/// until the reader turns to it (a pointer, a key or focus inside it); by
/// default it loads at once.
#[component]
fn Island(
    bundle: &'static str,
    view: String,
    #[prop(optional)] loading: Option<&'static str>,
    #[prop(optional)] when: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="page-bundle" data-island=bundle data-view=view data-loading=loading data-when=when>
            {children()}
        </div>
    }
}

/// What a reader without scripts is told on the interactive pages.
const SCRIPTS_NEEDED: &str = "needs JavaScript and WebAssembly to run in your browser. The guide's articles read without them.";

/// Says, to a reader without scripts, that this part needs them.
#[component]
fn ScriptsNeeded(what: &'static str) -> impl IntoView {
    view! {
        <noscript>
            <p class="notice notice-info">{what} " " {SCRIPTS_NEEDED}</p>
        </noscript>
    }
}
