//! `prerender`: renders every route of the site to HTML at build time, with
//! the web layer's own components (`faultline_web::prerender`), from the
//! site data the content build wrote.
//!
//! ```text
//! prerender [--data generated/data] [--out generated/prerender] [--base /]
//! ```
//!
//! Writes one fragment per page (the markup inside `<div id="app">`):
//! `index.html` (home), `articles.html`, `articles/SLUG.html`,
//! `checklist.html`, `simulator.html` and `404.html`. The post-build step
//! (`scripts/postbuild.mjs`) puts each into the page a static host serves.
//! It also writes every preset's editor forms, `editor-forms/ID.html`,
//! which the post-build step copies into the site data as they are.
//! Exit status: 0 on success, 1 when site data is missing or unreadable,
//! 2 for a command line it does not understand.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use faultline_checklist::Checklist;
use faultline_engine::Scenario;
use faultline_site_data::{
    article_path, editor_forms_path, run_path, scenario_path, ArticlePage, ArticleSummary,
    ScenarioSummary, ARTICLE_INDEX_PATH, CHECKLIST_PATH, SCENARIO_INDEX_PATH,
};
use faultline_web::checklist::{LinkTitles, PageData as ChecklistData};
use faultline_web::simulator::presets::DEFAULT_PRESET;
use faultline_web::simulator::{DefaultRun, FinishedRun};
use faultline_worker::Snapshot;

struct Options {
    data: PathBuf,
    out: PathBuf,
    base: String,
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "prerender: {message}\nusage: prerender [--data DIR] [--out DIR] [--base /PATH/]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(pages) => {
            println!(
                "prerender: {pages} pages and editor forms rendered into {} (base {})",
                options.out.display(),
                options.base
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::from(1)
        }
    }
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        data: PathBuf::from("generated/data"),
        out: PathBuf::from("generated/prerender"),
        base: "/".to_string(),
    };
    let mut args = args;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => options.data = PathBuf::from(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--base" => options.base = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !options.base.starts_with('/') {
        return Err(format!(
            "--base must be a path that starts with /: {}",
            options.base
        ));
    }
    Ok(options)
}

/// A preset and its run to the end, as the content build wrote them: the
/// pages show the same run the islands open with.
fn finished_run(data: &Path, id: &str) -> Result<FinishedRun, String> {
    let scenario: Scenario = read_json(&data.join(scenario_path(id)))?;
    faultline_engine::validate(&scenario)
        .map_err(|error| format!("the preset {id} is not valid: {error}"))?;
    let result: Vec<Snapshot> = read_json(&data.join(run_path(id)))?;
    if result.len() != 1 || !result[0].finished {
        return Err(format!("{} is not a finished run", run_path(id)));
    }
    Ok(FinishedRun { scenario, result })
}

/// Renders every page; returns how many were written.
fn run(options: &Options) -> Result<usize, String> {
    faultline_web::prerender::set_base(&options.base)?;
    let articles: Vec<ArticleSummary> = read_json(&options.data.join(ARTICLE_INDEX_PATH))?;
    let presets: Vec<ScenarioSummary> = read_json(&options.data.join(SCENARIO_INDEX_PATH))?;
    let FinishedRun { scenario, result } = finished_run(&options.data, DEFAULT_PRESET)?;
    let default_run = DefaultRun {
        presets: presets.clone(),
        articles: articles.clone(),
        scenario,
        result,
    };
    let checklist = ChecklistData {
        checklist: read_json::<Checklist>(&options.data.join(CHECKLIST_PATH))?,
        titles: LinkTitles::from_indexes(articles.clone(), presets.clone()),
    };
    let mut pages = vec![
        ("index.html".to_string(), faultline_web::prerender::home()),
        (
            "checklist.html".to_string(),
            faultline_web::prerender::checklist(checklist),
        ),
        (
            "simulator.html".to_string(),
            faultline_web::prerender::simulator(default_run),
        ),
        (
            "404.html".to_string(),
            faultline_web::prerender::not_found(articles.clone()),
        ),
    ];
    // Every preset, for the figures articles run, and its editor forms.
    let mut scenarios = HashMap::new();
    for preset in &presets {
        let run = finished_run(&options.data, &preset.id)?;
        pages.push((
            editor_forms_path(&preset.id),
            faultline_web::prerender::editor_forms(run.scenario.clone(), &preset.id),
        ));
        scenarios.insert(preset.id.clone(), run);
    }
    for summary in &articles {
        let page: ArticlePage = read_json(&options.data.join(article_path(&summary.slug)))?;
        pages.push((
            format!("articles/{}.html", summary.slug),
            faultline_web::prerender::article(page, &scenarios)?,
        ));
    }
    pages.push((
        "articles.html".to_string(),
        faultline_web::prerender::guide_index(articles),
    ));
    for folder in ["articles", "editor-forms"] {
        std::fs::create_dir_all(options.out.join(folder))
            .map_err(|error| format!("cannot create {}: {error}", options.out.display()))?;
    }
    for (name, html) in &pages {
        let file = options.out.join(name);
        std::fs::write(&file, html)
            .map_err(|error| format!("cannot write {}: {error}", file.display()))?;
    }
    Ok(pages.len())
}

fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(file).map_err(|error| {
        format!(
            "cannot read {} ({error}); run the content build first",
            file.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", file.display()))
}
