//! Build-time rendering (feature `ssr`): the same components the browser
//! runs, rendered natively to HTML for every route, so that a static host
//! serves each page with its content in it. A reader without scripts reads
//! it as it is; with scripts, `assets/boot.js` mounts each island.
//!
//! Each function returns the markup that goes inside `<div id="app">`; the
//! post-build step puts it into the route's `index.html` (see
//! `crates/prerender`).

use crate::checklist::{PageData as ChecklistData, PrerenderedChecklist};
use crate::layout::Layout;
use crate::pages::{ChecklistIntro, GuideIntro, Home, NotFoundView, SimulatorIntro};
use crate::reading::{ArticleView, IndexArticles, IndexSearch};
use crate::simulator::sweep::chart::{Curve, SweepChart};
use crate::simulator::workbench::Workbench;
use crate::simulator::{DefaultRun, FinishedRun, PrerenderedSimulator, SimEmbed};
use faultline_checklist::storage::STORAGE_KEY;
use faultline_engine::series::Metric;
use faultline_engine::sweep::{param_choices, FigureSpec, Scale, StudyResult};
use faultline_engine::Scenario;
use faultline_site_data::{ArticlePage, ArticleSummary};
use leptos::prelude::*;
use std::collections::HashMap;

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
/// `content` is a function, so that its components run inside the page's
/// reactive owner (a component that provides context needs one).
fn page<V: IntoView + Send + 'static>(route: &str, content: impl FnOnce() -> V) -> String {
    let path = crate::base::href(route);
    crate::simulator::dom_id::restart_unique_ids();
    let owner = Owner::new();
    owner.with(|| {
        let content = content();
        view! { <Layout path>{content}</Layout> }.to_html()
    })
}

/// `/`.
pub fn home() -> String {
    page("/", || view! { <Home/> })
}

/// `/articles`: the intro, the search box (the reading island, which
/// mounts when the reader turns to it) and every article's card.
pub fn guide_index(articles: Vec<ArticleSummary>) -> String {
    page("/articles", move || {
        view! {
            <div class="guide-index">
                <GuideIntro/>
                <Island bundle="reading" view="search".to_string() when="focus">
                    <IndexSearch/>
                </Island>
                <IndexArticles articles/>
            </div>
        }
    })
}

/// `/articles/SLUG`: the whole article, in its reading island, which loads
/// at the reader's first interaction (the article reads without it).
///
/// Its simulator figures come already run: `presets` holds the finished
/// runs by preset id, and each figure gets the live embed's own markup for its run
/// (charts as SVG, the figures line), which the live embed replaces with
/// the same when the reader comes near it.
///
/// Its sweep figures are run too (natively, by the engine): each gets its
/// curve, band and table; a study that does not fit its preset fails the
/// build with the figure's error.
pub fn article(
    mut page_data: ArticlePage,
    presets: &HashMap<String, FinishedRun>,
) -> Result<String, String> {
    let route = format!("/articles/{}", page_data.meta.slug);
    let view = format!("article:{}", page_data.meta.slug);
    let slug = page_data.meta.slug.clone();
    let with_sweeps = with_sweeps_run(&page_data.html, presets)
        .map_err(|error| format!("article {slug}: {error}"))?;
    let mut failure = None;
    // The embeds render inside the page (its owner, its element ids).
    let html = page(&route, || {
        match with_figures_run(&with_sweeps, presets) {
            Ok(html) => page_data.html = html,
            Err(error) => failure = Some(error),
        }
        view! {
            <Island bundle="reading" view when="interaction">
                <ArticleView page=page_data/>
            </Island>
        }
    });
    match failure {
        Some(error) => Err(format!("article {slug}: {error}")),
        None => Ok(html),
    }
}

/// `html` with markup put in before the caption of each figure whose
/// opening tag starts with `opening` (the content build writes a figure as
/// that tag, a link and a caption). `render` gets the opening tag and gives
/// the markup, or nothing to leave the figure as it is.
fn fill_figures(
    html: &str,
    opening: &str,
    mut render: impl FnMut(&str) -> Result<Option<String>, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(opening) {
        let tag_len = rest[start..]
            .find('>')
            .ok_or("a figure's opening tag is not closed")?;
        let tag = &rest[start..start + tag_len];
        let body_start = start + tag_len + 1;
        let end = rest[body_start..]
            .find("</figure>")
            .map_or(rest.len(), |i| body_start + i);
        let insert_at = rest[body_start..end]
            .find("<figcaption")
            .map_or(end, |i| body_start + i);
        out.push_str(&rest[..insert_at]);
        if let Some(markup) = render(tag)? {
            out.push_str(&markup);
        }
        rest = &rest[insert_at..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `html` with each sweep figure's study run and its chart put in before
/// the figure's caption. The content build writes every sweep figure as
/// `<figure class="sweep-figure" data-figure="CODE">`, a link and a caption
/// (`FigureSpec`).
fn with_sweeps_run(html: &str, presets: &HashMap<String, FinishedRun>) -> Result<String, String> {
    fill_figures(html, "<figure class=\"sweep-figure\"", |tag| {
        let figure = FigureSpec::decode(attribute(tag, "data-figure").unwrap_or_default())?;
        let preset = presets
            .get(&figure.preset)
            .ok_or_else(|| format!("the sweep figure names an unknown preset {}", figure.preset))?;
        let result = figure
            .run(&preset.scenario)
            .map_err(|error| format!("the sweep figure on {}: {error}", figure.preset))?;
        let (curves, path, log_x) = match &result {
            StudyResult::Sweep(r) => (
                Curve::of_sweep(r),
                r.spec.param.path.clone(),
                r.spec
                    .param
                    .range
                    .as_ref()
                    .is_some_and(|range| range.scale == Scale::Log),
            ),
            StudyResult::Hysteresis(r) => {
                (Curve::of_hysteresis(r), r.spec.load.path.clone(), false)
            }
            StudyResult::Capacity(_) => {
                return Err("a capacity search has no curve to draw".into());
            }
        };
        let param_label = param_choices(&figure.base(&preset.scenario))
            .into_iter()
            .find(|c| c.path == path)
            .map_or(path, |c| c.label);
        let metric = figure.metric;
        Ok(Some(
            view! {
                <div class="sweep-figure-mount">
                    <SweepChart curves metric param_label log_x/>
                </div>
            }
            .to_html(),
        ))
    })
}

/// `html` with each simulator figure's embed, run to its end, put in before
/// the figure's caption. The content build writes every figure as
/// `<figure class="sim-embed" data-preset="ID" [data-charts="A,B"]>`, a
/// fallback link and a caption; a figure whose preset is unknown is left as
/// it is.
fn with_figures_run(html: &str, presets: &HashMap<String, FinishedRun>) -> Result<String, String> {
    fill_figures(html, "<figure class=\"sim-embed\"", |tag| {
        let preset = attribute(tag, "data-preset").unwrap_or_default();
        let Some(run) = presets.get(preset) else {
            return Ok(None);
        };
        let charts = Metric::parse_list(attribute(tag, "data-charts").unwrap_or_default(), 2);
        let preset = preset.to_string();
        let FinishedRun { scenario, result } = run.clone();
        Ok(Some(
            view! {
                <div class="sim-embed-mount">
                    <SimEmbed preset charts scenario result/>
                </div>
            }
            .to_html(),
        ))
    })
}

/// The value of attribute `name` in the opening tag `tag` (written by the
/// content build: double quotes, no entities in these values).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let from = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

/// `/checklist`: the intro, and the whole checklist as a form, in the
/// checklist island, which loads at the reader's first interaction (or at
/// once for a returning visitor or a link that names an item or a share).
pub fn checklist(data: ChecklistData) -> String {
    page("/checklist", move || {
        view! {
            <div class="checklist-page">
                <ChecklistIntro/>
                <Island bundle="checklist" view="page".to_string() when="interaction" stored=STORAGE_KEY stand_in=true loading="the checklist">
                    <p class="notice notice-info scripts-only-off">
                        "Scoring, saving and sharing need JavaScript and WebAssembly. Every question and its explanation are here to read."
                    </p>
                    <PrerenderedChecklist data/>
                </Island>
            </div>
        }
    })
}

/// `/simulator`: the intro, and the simulator with the default preset run
/// to its end by the engine, here, at build time, in the simulator island,
/// which loads at the reader's first interaction (or at once when the
/// address names a preset or a shared scenario).
pub fn simulator(run: DefaultRun) -> String {
    page("/simulator", move || {
        view! {
            <SimulatorIntro/>
            <Island bundle="simulator" view="page".to_string() when="interaction" stand_in=true loading="the simulator">
                <p class="notice notice-info scripts-only-off">
                    "Running, editing and sharing scenarios need JavaScript and WebAssembly. This is the default scenario as the simulator ran it when the site was built."
                </p>
                <PrerenderedSimulator run/>
            </Island>
        }
    })
}

/// The editor's forms as the simulator page draws them when it opens
/// preset `id` (`faultline_site_data::editor_forms_path`): the stand-in a
/// link to that preset shows until the forms' code is in
/// (`simulator::editor::stand_in`).
pub fn editor_forms(scenario: Scenario, id: &str) -> String {
    crate::simulator::dom_id::restart_unique_ids();
    let owner = Owner::new();
    owner.with(|| {
        let wb = Workbench::new();
        wb.open(scenario, Some(id.to_string()));
        crate::simulator::editor::editor_forms(wb).to_html()
    })
}

/// `404.html`: served for any unknown address, so the address is not named
/// (the page's script names it).
pub fn not_found(articles: Vec<ArticleSummary>) -> String {
    page("/404", move || view! { <NotFoundView articles/> })
}

/// Where an island mounts: `assets/boot.js` loads bundle `bundle` and has
/// it mount `view` here, in place of `children` (what the page shows until
/// then, and without scripts). `stand_in` says that `children` show what a
/// new visitor with a bare address sees: when the island loads at once for
/// a visit that asks for something else (see `stored` and `when`), they are
/// hidden under a loading line naming `loading`. `when` is `"interaction"` for an island that waits for the
/// reader's first interaction with the page, `"focus"` for one that waits
/// until the reader turns to it (a pointer, a key or focus inside it); by
/// default it loads at once. `stored` names a local-storage key: when the
/// browser holds it (a returning visitor's saved work), the island loads at
/// once.
#[component]
fn Island(
    bundle: &'static str,
    view: String,
    #[prop(optional)] loading: Option<&'static str>,
    #[prop(optional)] when: Option<&'static str>,
    #[prop(optional)] stored: Option<&'static str>,
    #[prop(optional)] stand_in: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class="page-bundle"
            data-island=bundle
            data-view=view
            data-loading=loading
            data-when=when
            data-stored=stored
            data-stand-in=stand_in.then_some("")
        >
            {children()}
        </div>
    }
}
