//! The content build on two fixture trees: a good one that uses every
//! feature, and a broken one where each file carries specific mistakes.

use std::path::{Path, PathBuf};

use faultline::content::{build_site, write_site, ContentError, ErrorKind, Site, MANIFEST_PATH};
use faultline::site_data::{ArticlePage, ArticleSummary, ScenarioSummary, SearchIndex, Topic};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/content")
        .join(name)
}

fn good_site() -> Site {
    match build_site(&fixture("good")) {
        Ok(site) => site,
        Err(errors) => panic!("good fixture failed:\n{}", list(&errors)),
    }
}

fn list(errors: &[ContentError]) -> String {
    errors.iter().map(|error| format!("  {error}\n")).collect()
}

/// A fresh, empty directory under the target dir.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn good_fixture_builds_pages_in_order_with_neighbours() {
    let site = good_site();
    let slugs: Vec<&str> = site.index.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["alpha", "beta", "gamma"]);

    let alpha = site.page("alpha").expect("alpha");
    assert_eq!(alpha.meta.topic, Topic::Deciding);
    assert_eq!(alpha.prev, None);
    assert_eq!(alpha.next.as_ref().map(|l| l.slug.as_str()), Some("beta"));
    let related: Vec<&str> = alpha.related.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(related, ["Beta: retries", "Gamma: learning"]);
    let checklist: Vec<(&str, &str)> = alpha
        .checklist
        .iter()
        .map(|c| (c.id.as_str(), c.question.as_str()))
        .collect();
    assert_eq!(
        checklist,
        [
            (
                "resilience.timeouts",
                "Does every remote call have a timeout?"
            ),
            (
                "teams.single-owner",
                "Does every service have exactly one owning team?"
            ),
        ]
    );
    assert_eq!(alpha.presets.len(), 1);
    assert_eq!(alpha.presets[0].name, "Demo chain");
    assert_eq!(alpha.embeds[0].preset, "demo-chain");
    let toc: Vec<&str> = alpha.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(toc, ["why-it-matters", "example", "example-2"]);

    let gamma = site.page("gamma").expect("gamma");
    assert_eq!(gamma.prev.as_ref().map(|l| l.slug.as_str()), Some("beta"));
    assert_eq!(gamma.next, None);
    assert_eq!(gamma.meta.updated, "2026-03-01", "TOML dates are accepted");
    assert!(gamma.presets.is_empty());
    assert!(gamma.html.contains("href=\"mailto:team@example.org\""));
}

#[test]
fn good_fixture_html_resolves_every_scheme() {
    let site = good_site();
    let html = &site.page("alpha").expect("alpha").html;
    for href in [
        "href=\"articles/beta/#retry-budgets\"",
        "href=\"checklist/?item=resilience.timeouts\"",
        "href=\"simulator/?preset=demo-chain\"",
        "href=\"https://example.org/page\"",
        "href=\"articles/alpha/#why-it-matters\"",
        "src=\"data/images/diagram.svg\"",
    ] {
        assert!(html.contains(href), "missing {href}");
    }
    assert!(!html.contains("Note for reviewers"), "comments are dropped");
    assert!(html.contains("&lt;script&gt;"), "code is escaped");
}

#[test]
fn good_fixture_counts_words_and_reading_time() {
    let site = good_site();
    let beta = &site.page("beta").expect("beta").meta;
    // "Beta is about retrying." + "Retry budgets" + 23 words + "Related
    // reading" + "See alpha again."
    assert_eq!(beta.word_count, 4 + 2 + 23 + 2 + 3);
    assert_eq!(beta.reading_minutes, 1);
}

#[test]
fn search_finds_a_body_term_in_the_right_article_and_section() {
    let site = good_site();
    let searcher = faultline::site_data::Searcher::new(site.search.clone());
    let hits = searcher.search("ballast", 10);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit.slug, "beta");
    assert_eq!(hit.anchor.as_deref(), Some("retry-budgets"));
    assert_eq!(hit.heading.as_deref(), Some("Retry budgets"));
    assert_eq!(hit.href(), "articles/beta/#retry-budgets");
    let highlighted: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|part| part.highlight)
        .map(|part| part.text.as_str())
        .collect();
    assert_eq!(highlighted, ["ballast"]);

    // Footnote sources are searchable under their own section.
    let hits = searcher.search("brooker jitter", 10);
    assert_eq!(hits[0].slug, "alpha");
    assert_eq!(hits[0].anchor.as_deref(), Some("footnotes"));
}

#[test]
fn output_files_are_deterministic_and_complete() {
    let first = good_site().files().expect("serialise");
    let second = good_site().files().expect("serialise");
    assert_eq!(first, second);
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "articles/alpha.json",
            "articles/beta.json",
            "articles/gamma.json",
            "articles/index.json",
            "checklist.json",
            "images/diagram.svg",
            "runs/demo-chain.json",
            "scenarios/demo-chain.json",
            "scenarios/index.json",
            "search.json",
        ]
    );
    // The web app reads these files back with the shared types.
    let index: Vec<ArticleSummary> =
        serde_json::from_slice(&first["articles/index.json"]).expect("index");
    assert_eq!(index.len(), 3);
    let page: ArticlePage = serde_json::from_slice(&first["articles/beta.json"]).expect("page");
    assert_eq!(page.meta.slug, "beta");
    let search: SearchIndex = serde_json::from_slice(&first["search.json"]).expect("search");
    assert_eq!(search.articles.len(), 3);
    let scenarios: Vec<ScenarioSummary> =
        serde_json::from_slice(&first["scenarios/index.json"]).expect("scenarios");
    assert_eq!(scenarios[0].article.as_deref(), Some("alpha"));
    let checklist = std::str::from_utf8(&first["checklist.json"]).expect("utf-8");
    faultline::checklist::Checklist::from_json_str(checklist).expect("checklist round-trips");
    let scenario = std::str::from_utf8(&first["scenarios/demo-chain.json"]).expect("utf-8");
    let original =
        std::fs::read_to_string(fixture("good/scenarios/demo-chain.json")).expect("read");
    assert_eq!(scenario, original, "scenarios are copied verbatim");
    // Each preset ships with its run to the end, the one the engine computes.
    let run: Vec<faultline::worker::Snapshot> =
        serde_json::from_slice(&first["runs/demo-chain.json"]).expect("run");
    let parsed: faultline::engine::Scenario = serde_json::from_str(&original).expect("scenario");
    assert_eq!(
        Ok(run),
        faultline::worker::run_to_end(std::slice::from_ref(&parsed))
    );
}

#[test]
fn writing_is_idempotent_and_removes_stale_files() {
    let out = scratch_dir("content-write");
    let site = good_site();
    let first = write_site(&site, &out).expect("write");
    assert_eq!(first.written, 10);
    assert!(out.join(MANIFEST_PATH).is_file());

    let again = write_site(&site, &out).expect("write again");
    assert_eq!((again.written, again.unchanged, again.removed), (0, 10, 0));

    // A file from an earlier build that this build no longer produces goes;
    // a file the build never wrote stays.
    let mut smaller = site.clone();
    smaller.images.clear();
    std::fs::write(out.join("keep-me.txt"), "not ours").expect("write");
    let report = write_site(&smaller, &out).expect("write smaller");
    assert_eq!(report.removed, 1);
    assert!(!out.join("images/diagram.svg").exists());
    assert!(out.join("keep-me.txt").exists());
}

/// (file name, line, kind) of every error, for exact comparison.
fn summarise(errors: &[ContentError]) -> Vec<(String, Option<usize>, ErrorKind)> {
    errors
        .iter()
        .map(|error| {
            let name = error
                .path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, error.line, error.kind.clone())
        })
        .collect()
}

#[test]
fn broken_fixture_reports_each_mistake_precisely() {
    let errors = match build_site(&fixture("broken")) {
        Ok(_) => panic!("the broken fixture must not build"),
        Err(errors) => errors,
    };
    let found = summarise(&errors);
    let s = |text: &str| text.to_string();
    let bad = "bad-links.md";
    let expected: Vec<(String, Option<usize>, ErrorKind)> = vec![
        (
            s(bad),
            Some(8),
            ErrorKind::UnknownPreset {
                id: s("no-such-preset-in-list"),
            },
        ),
        (
            s(bad),
            Some(13),
            ErrorKind::UnknownArticle {
                slug: s("no-such-article"),
            },
        ),
        (
            s(bad),
            Some(15),
            ErrorKind::UnknownAnchor {
                slug: s("target"),
                anchor: s("no-such-heading"),
            },
        ),
        (
            s(bad),
            Some(17),
            ErrorKind::UnknownChecklistItem {
                id: s("resilience.no-such-item"),
            },
        ),
        (
            s(bad),
            Some(19),
            ErrorKind::UnknownPreset {
                id: s("no-such-preset"),
            },
        ),
        (
            s(bad),
            Some(21),
            ErrorKind::MissingImage {
                src: s("images/missing.png"),
            },
        ),
        (
            s(bad),
            Some(23),
            ErrorKind::RawHtml {
                html: s("<script>alert(\"x\")</script>"),
            },
        ),
        (
            s(bad),
            Some(25),
            ErrorKind::ForbiddenLink {
                url: s("javascript:alert(1)"),
                reason: s("scripts and inline data are never allowed in links"),
            },
        ),
        (
            s("malformed-front-matter.md"),
            Some(2),
            ErrorKind::FrontMatterSyntax {
                detail: s("invalid basic string, expected `\"`"),
            },
        ),
        (
            s("missing-field.md"),
            Some(1),
            ErrorKind::MissingField { field: "summary" },
        ),
        (
            s("checklist.toml"),
            Some(26),
            ErrorKind::InvalidChecklist {
                detail: s("item `resilience.retry-budgets` links to section `no-such-section` of article `target`, which has no heading with that anchor"),
            },
        ),
        (
            s("checklist.toml"),
            Some(37),
            ErrorKind::InvalidChecklist {
                detail: s("item `teams.single-owner` sends readers to the whole article `target`; name the section that discusses it (`target#anchor`) as its first article entry"),
            },
        ),
        (
            s("wrong-type.json"),
            Some(16),
            ErrorKind::InvalidScenario {
                detail: s(
                    "services[1].workers: invalid type: string \"four\", expected u32 (column 23)",
                ),
            },
        ),
    ];
    assert_eq!(found, expected, "\nall errors:\n{}", list(&errors));
}

#[test]
fn error_messages_name_file_line_and_problem() {
    let Err(errors) = build_site(&fixture("broken")) else {
        panic!("the broken fixture must not build");
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let anchor = messages
        .iter()
        .find(|message| message.contains("no-such-heading"))
        .expect("anchor error");
    assert!(
        anchor.ends_with("articles/bad-links.md:15: article `target` has no heading with anchor `#no-such-heading`"),
        "{anchor}"
    );
    let missing = messages
        .iter()
        .find(|message| message.contains("missing-field.md"))
        .expect("missing field error");
    assert!(missing.ends_with("missing-field.md:1: front matter field `summary` is missing"));
}

#[test]
fn a_missing_content_directory_is_an_error_not_a_panic() {
    let Err(errors) = build_site(&fixture("does-not-exist")) else {
        panic!("nothing to build");
    };
    assert!(errors
        .iter()
        .any(|error| matches!(error.kind, ErrorKind::Io { .. })));
}
