//! The real `content/` builds with zero errors and matches the guide's
//! fixed identifiers (team brief). A failure lists every problem with its
//! file and line, so writers can fix their links from the test output.

use std::path::Path;

use faultline::content::build_site;
use faultline::site_data::Topic;

/// Slug and topic by `order` (team brief).
const GUIDE: [(&str, Topic); 15] = [
    ("do-you-need-microservices", Topic::Deciding),
    ("start-with-a-monolith", Topic::Deciding),
    ("the-operational-bill", Topic::Operations),
    ("sync-vs-async", Topic::Architecture),
    ("data-ownership", Topic::Data),
    ("cqrs-and-eventual-consistency", Topic::Data),
    ("observability", Topic::Operations),
    ("timeouts-retries-backoff", Topic::Resilience),
    ("breakers-bulkheads-shedding", Topic::Resilience),
    ("queues-and-backpressure", Topic::Resilience),
    ("cascading-and-metastable-failures", Topic::Resilience),
    ("learning-microservices", Topic::Learning),
    ("security-and-service-networking", Topic::Operations),
    ("testing-and-delivery", Topic::Operations),
    ("finding-service-boundaries", Topic::Deciding),
];

const PRESETS: [&str; 17] = [
    "async-burst",
    "async-overload",
    "bad-replica",
    "bulkhead",
    "canary-bad-version",
    "chatty-boundary",
    "circuit-breaker",
    "cqrs-read-lag",
    "healthy-chain",
    "load-shedding",
    "mesh-sidecar-hops",
    "metastable-retries",
    "retries-backoff-budget",
    "retry-storm",
    "slow-dependency",
    "slow-dependency-timeouts",
    "ten-services",
];

#[test]
fn real_content_builds_and_matches_the_guide() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let site = match build_site(&content) {
        Ok(site) => site,
        Err(errors) => {
            let listing: String = errors.iter().map(|error| format!("  {error}\n")).collect();
            panic!("content/ has {} problem(s):\n{listing}", errors.len());
        }
    };
    let guide: Vec<(u32, &str, Topic)> = site
        .index
        .iter()
        .map(|article| (article.order, article.slug.as_str(), article.topic))
        .collect();
    let expected: Vec<(u32, &str, Topic)> = GUIDE
        .iter()
        .zip(1..)
        .map(|(&(slug, topic), order)| (order, slug, topic))
        .collect();
    assert_eq!(guide, expected);

    let presets: Vec<&str> = site
        .scenarios
        .iter()
        .map(|scenario| scenario.summary.id.as_str())
        .collect();
    assert_eq!(presets, PRESETS);

    for page in &site.pages {
        let slug = &page.meta.slug;
        assert!(page.meta.word_count > 300, "{slug} is suspiciously short");
        assert!(!page.toc.is_empty(), "{slug} has no sections");
        assert!(
            !page.checklist.is_empty(),
            "{slug} explains no checklist item"
        );
    }
    assert!(site.search.sections.len() >= site.pages.len());
}

/// Links run both ways: every checklist item names the section that explains
/// it (checked by the content build), and every item is linked from the text
/// of at least one article, so a reader meets it where the guide discusses
/// it.
#[test]
fn every_checklist_item_is_linked_from_an_article() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let Ok(site) = build_site(&content) else {
        panic!("content/ does not build (see real_content_builds_and_matches_the_guide)");
    };
    let unlinked: Vec<&str> = site
        .checklist
        .items()
        .iter()
        .map(|item| item.id.as_str())
        .filter(|id| {
            let href = format!("href=\"checklist/?item={id}\"");
            !site.pages.iter().any(|page| page.html.contains(&href))
        })
        .collect();
    assert!(
        unlinked.is_empty(),
        "no article text links to these checklist items: {unlinked:?}"
    );
}
