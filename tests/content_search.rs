//! In-browser search (shared with the web app): matching, ranking, snippets.

use faultline::site_data::{SearchArticle, SearchIndex, SearchSection, Searcher, Topic};

fn section(article: u32, anchor: Option<&str>, text: &str) -> SearchSection {
    SearchSection {
        article,
        anchor: anchor.map(str::to_string),
        heading: anchor.map(|anchor| anchor.replace('-', " ")),
        text: text.to_string(),
    }
}

fn searcher() -> Searcher {
    let article = |slug: &str, title: &str| SearchArticle {
        slug: slug.to_string(),
        title: title.to_string(),
        topic: Topic::Resilience,
    };
    Searcher::new(SearchIndex {
        articles: vec![
            article("timeouts", "Timeouts and retries"),
            article("queues", "Queues and back-pressure"),
        ],
        sections: vec![
            section(0, None, "Every remote call needs a timeout."),
            section(
                0,
                Some("retry-budgets"),
                "A retry budget caps retries at a tenth of requests. Retries without a budget amplify an outage.",
            ),
            section(0, Some("jitter"), "Jitter spreads retries over time."),
            section(1, None, "A queue absorbs a burst but not a sustained overload."),
            section(
                1,
                Some("little-s-law"),
                &format!("{} The queue grows while arrivals exceed service. {}", "Filler words. ".repeat(20), "More filler. ".repeat(20)),
            ),
        ],
    })
}

#[test]
fn word_prefixes_match_case_insensitively() {
    let hits = searcher().search("RETR", 10);
    let anchors: Vec<Option<&str>> = hits.iter().map(|hit| hit.anchor.as_deref()).collect();
    // The heading match ranks first; the intro gets the title's weight.
    assert_eq!(anchors[0], Some("retry-budgets"));
    assert!(anchors.contains(&Some("jitter")));
    assert!(anchors.contains(&None));
    // "retr" does not match inside a word.
    assert!(searcher().search("etry", 10).is_empty());
}

#[test]
fn every_term_must_match() {
    let hits = searcher().search("budget amplify", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].href(), "articles/timeouts/#retry-budgets");
    assert!(searcher().search("budget zebra", 10).is_empty());
}

#[test]
fn snippets_highlight_whole_words_around_the_match() {
    let hits = searcher().search("arriv", 10);
    assert_eq!(hits.len(), 1);
    let snippet = &hits[0].snippet;
    assert_eq!(snippet.first().map(|part| part.text.as_str()), Some("…"));
    assert_eq!(snippet.last().map(|part| part.text.as_str()), Some("…"));
    let highlighted: Vec<&str> = snippet
        .iter()
        .filter(|part| part.highlight)
        .map(|part| part.text.as_str())
        .collect();
    assert_eq!(highlighted, ["arrivals"]);
    let joined: String = snippet.iter().map(|part| part.text.as_str()).collect();
    assert!(joined.contains("The queue grows while arrivals exceed service."));
    assert!(joined.len() < 260, "snippet stays short: {}", joined.len());
}

#[test]
fn empty_queries_and_limits() {
    assert!(searcher().search("", 10).is_empty());
    assert!(searcher().search("  ,; ", 10).is_empty());
    assert_eq!(searcher().search("a", 2).len(), 2);
    assert!(searcher().search("retry", 0).is_empty());
}

#[test]
fn multibyte_text_never_splits_a_character() {
    let text = format!(
        "{} ünïcödé — “quoted” retry {}",
        "é".repeat(70),
        "ß".repeat(150)
    );
    let searcher = Searcher::new(SearchIndex {
        articles: vec![SearchArticle {
            slug: "u".to_string(),
            title: "Ü".to_string(),
            topic: Topic::Learning,
        }],
        sections: vec![section(0, None, &text)],
    });
    for query in ["retry", "quoted", "ünï", "ß", "é"] {
        let hits = searcher.search(query, 5);
        assert_eq!(hits.len(), 1, "{query}");
    }
}
