//! The checklist content and its validation.

mod checklist_support;

use std::collections::{BTreeSet, HashSet};

use checklist_support::{real_checklist, small_checklist, toml_with_items};
use faultline::checklist::{Checklist, ChecklistError, Level, LinkKind};

const ARTICLES: [&str; 15] = [
    "do-you-need-microservices",
    "start-with-a-monolith",
    "the-operational-bill",
    "sync-vs-async",
    "data-ownership",
    "cqrs-and-eventual-consistency",
    "observability",
    "timeouts-retries-backoff",
    "breakers-bulkheads-shedding",
    "queues-and-backpressure",
    "cascading-and-metastable-failures",
    "learning-microservices",
    "security-and-service-networking",
    "testing-and-delivery",
    "finding-service-boundaries",
];

const PRESETS: [&str; 16] = [
    "healthy-chain",
    "slow-dependency",
    "slow-dependency-timeouts",
    "retry-storm",
    "metastable-retries",
    "retries-backoff-budget",
    "circuit-breaker",
    "bulkhead",
    "async-burst",
    "async-overload",
    "load-shedding",
    "cqrs-read-lag",
    "bad-replica",
    "ten-services",
    "canary-bad-version",
    "mesh-sidecar-hops",
];

const AREAS: [&str; 14] = [
    "teams",
    "delivery",
    "platform",
    "observability",
    "health",
    "config",
    "api",
    "data",
    "messaging",
    "storage",
    "resilience",
    "testing",
    "security",
    "operability",
];

#[test]
fn real_checklist_meets_the_issue_minimums() {
    let checklist = real_checklist();
    assert!(
        checklist.items().len() >= 45,
        "{} items",
        checklist.items().len()
    );
    let areas: Vec<&str> = checklist.areas().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(areas, AREAS, "the brief's fourteen areas, in its order");
    for level in Level::ALL {
        assert!(
            checklist.items_at_level(level).count() >= 5,
            "level {level} has too few items to be a gate"
        );
    }
    for area in checklist.areas() {
        assert!(
            checklist.items_in_area(&area.id).count() >= 3,
            "area {} has fewer than three items",
            area.id
        );
    }
}

#[test]
fn real_checklist_covers_every_reference_theme() {
    // One representative item per theme named in shared/reference/readiness.md.
    let themes = [
        "teams.independent-delivery",
        "teams.single-owner",
        "teams.you-build-it-you-run-it",
        "delivery.four-keys-measured",
        "delivery.automated-pipeline",
        "delivery.fast-rollback",
        "delivery.progressive-delivery",
        "delivery.service-template",
        "platform.orchestration",
        "observability.central-structured-logs",
        "observability.correlation-ids",
        "observability.distributed-tracing",
        "observability.red-metrics",
        "observability.business-metrics",
        "observability.slos-and-alerts",
        "health.liveness-readiness",
        "health.service-discovery",
        "health.graceful-shutdown",
        "platform.containers",
        "config.secrets-manager",
        "api.explicit-contracts",
        "api.backward-compatible-changes",
        "api.deprecation-policy",
        "testing.contract-tests",
        "data.no-shared-tables",
        "data.migrations-per-service",
        "data.consistency-agreed",
        "data.sagas",
        "messaging.idempotent-consumers",
        "data.outbox",
        "messaging.managed-broker",
        "messaging.dead-letters",
        "messaging.lag-alerts",
        "storage.backups-restore-drills",
        "storage.self-service-datastores",
        "resilience.timeouts",
        "resilience.bounded-retries",
        "resilience.circuit-breakers",
        "resilience.bulkheads",
        "resilience.graceful-degradation",
        "resilience.load-tests-and-game-days",
        "resilience.game-days",
        "testing.merge-gate",
        "testing.isolated-service-tests",
        "testing.production-smoke-checks",
        "security.service-authentication",
        "security.least-privilege",
        "security.non-root-containers",
        "security.dependency-scanning",
        "security.no-secrets-in-logs",
        "operability.incident-process",
        "operability.blameless-reviews",
        "operability.service-catalogue",
    ];
    let checklist = real_checklist();
    for id in themes {
        assert!(checklist.item(id).is_some(), "missing theme item {id}");
    }
}

#[test]
fn real_checklist_links_only_to_fixed_articles_and_presets() {
    let checklist = real_checklist();
    let mut used_articles = BTreeSet::new();
    for link in checklist.links() {
        match link.kind {
            LinkKind::Article => {
                assert!(
                    ARTICLES.contains(&link.target),
                    "{} → {}",
                    link.item_id,
                    link.target
                );
                used_articles.insert(link.target);
            }
            LinkKind::Preset => {
                assert!(
                    PRESETS.contains(&link.target),
                    "{} → {}",
                    link.item_id,
                    link.target
                )
            }
        }
    }
    assert_eq!(
        used_articles.len(),
        ARTICLES.len(),
        "every article is linked from some item"
    );
    for item in checklist.items() {
        assert!(
            (1..=3).contains(&item.articles.len()),
            "{} links {} articles",
            item.id,
            item.articles.len()
        );
    }
}

#[test]
fn real_checklist_texts_are_distinct_and_sized() {
    let checklist = real_checklist();
    let mut titles = HashSet::new();
    let mut questions = HashSet::new();
    for item in checklist.items() {
        assert!(titles.insert(&item.title), "title repeated: {}", item.title);
        assert!(
            questions.insert(&item.question),
            "question repeated: {}",
            item.id
        );
        assert!(
            item.question.ends_with('?'),
            "{} question is not a question",
            item.id
        );
        for (field, text) in [("yes_looks_like", &item.yes_looks_like), ("why", &item.why)] {
            let words = text.split_whitespace().count();
            assert!(
                (8..=70).contains(&words),
                "{} {field} has {words} words",
                item.id
            );
        }
    }
}

#[test]
fn json_round_trip_preserves_the_checklist() {
    let checklist = real_checklist();
    let json = checklist.to_json();
    let back = Checklist::from_json_str(&json).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(back, checklist);
    assert_eq!(back.fingerprint(), checklist.fingerprint());
    // serde_json through the type itself validates too (the wasm path).
    let via_serde: Checklist = serde_json::from_str(&json).expect("valid JSON checklist");
    assert_eq!(via_serde, checklist);
}

#[test]
fn lookups_follow_checklist_order() {
    let checklist = small_checklist();
    let ids: Vec<&str> = checklist.item_ids().collect();
    assert_eq!(ids[0], "alpha.f-heavy");
    assert_eq!(checklist.position("beta.f-mid"), Some(3));
    assert_eq!(checklist.item("beta.g-two").map(|i| i.weight), Some(3));
    assert!(checklist.item("beta.nope").is_none());
    assert_eq!(
        checklist.area("beta").map(|a| a.title.as_str()),
        Some("Beta")
    );
    let beta: Vec<&str> = checklist
        .items_in_area("beta")
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(beta, ["beta.f-mid", "beta.g-two", "beta.a-one"]);
    let foundation: Vec<&str> = checklist
        .items_at_level(Level::Foundation)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(foundation, ["alpha.f-heavy", "alpha.f-light", "beta.f-mid"]);
}

#[test]
fn fingerprint_depends_on_ids_and_their_order() {
    let a = small_checklist();
    let mut swapped = checklist_support::SMALL_ITEMS;
    swapped.swap(0, 1);
    let b = Checklist::from_toml_str(&toml_with_items(&swapped)).expect("valid");
    assert_ne!(a.fingerprint(), b.fingerprint());
    let same =
        Checklist::from_toml_str(&toml_with_items(&checklist_support::SMALL_ITEMS)).expect("valid");
    assert_eq!(a.fingerprint(), same.fingerprint());
}

fn error_of(text: &str) -> ChecklistError {
    match Checklist::from_toml_str(text) {
        Ok(_) => panic!("accepted invalid checklist:\n{text}"),
        Err(error) => error,
    }
}

#[test]
fn validation_rejects_each_broken_rule_with_a_named_error() {
    let dup = toml_with_items(&[
        ("alpha.x", "foundation", 1),
        ("alpha.x", "growth", 1),
        ("beta.y", "growth", 1),
    ]);
    assert_eq!(
        error_of(&dup),
        ChecklistError::DuplicateItem {
            id: "alpha.x".into()
        }
    );

    for weight in [0, 4, -1, 300] {
        let text = toml_with_items(&[("alpha.x", "foundation", weight), ("beta.y", "growth", 1)]);
        assert_eq!(
            error_of(&text),
            ChecklistError::BadWeight {
                item: "alpha.x".into(),
                weight
            }
        );
    }

    let level = toml_with_items(&[("alpha.x", "basic", 1), ("beta.y", "growth", 1)]);
    assert_eq!(
        error_of(&level),
        ChecklistError::BadLevel {
            item: "alpha.x".into(),
            level: "basic".into()
        }
    );

    let unknown = toml_with_items(&[
        ("alpha.x", "growth", 1),
        ("beta.y", "growth", 1),
        ("gamma.z", "growth", 1),
    ]);
    assert_eq!(
        error_of(&unknown),
        ChecklistError::UnknownArea {
            item: "gamma.z".into(),
            area: "gamma".into()
        }
    );

    let empty_area = toml_with_items(&[("alpha.x", "growth", 1)]);
    assert_eq!(
        error_of(&empty_area),
        ChecklistError::EmptyArea {
            area: "beta".into()
        }
    );

    for bad in [
        "alpha",
        "alpha.",
        "alpha.Upper",
        "alpha.two--dashes",
        "alpha.a.b",
        "alpha.sp ace",
    ] {
        let text = toml_with_items(&[(bad, "growth", 1), ("beta.y", "growth", 1)]);
        assert_eq!(
            error_of(&text),
            ChecklistError::BadItemId { id: bad.into() }
        );
    }

    let mismatch = toml_with_items(&[("alpha.x", "growth", 1), ("beta.y", "growth", 1)])
        .replace("area = \"beta\"", "area = \"alpha\"");
    assert_eq!(
        error_of(&mismatch),
        ChecklistError::IdAreaMismatch {
            item: "beta.y".into(),
            area: "alpha".into()
        }
    );

    let blank = toml_with_items(&[("alpha.x", "growth", 1), ("beta.y", "growth", 1)])
        .replace("why = \"Why alpha.x matters.\"", "why = \"   \"");
    assert_eq!(
        error_of(&blank),
        ChecklistError::EmptyText {
            owner: "alpha.x".into(),
            field: "why"
        }
    );

    let link = toml_with_items(&[("alpha.x", "growth", 1), ("beta.y", "growth", 1)]).replacen(
        "articles = [\"some-article\"]",
        "articles = [\"Some Article\"]",
        1,
    );
    assert!(matches!(
        error_of(&link),
        ChecklistError::BadLink {
            field: "articles",
            ..
        }
    ));

    let missing_field = toml_with_items(&[("alpha.x", "growth", 1), ("beta.y", "growth", 1)])
        .replacen("question = \"Question alpha.x?\"", "", 1);
    let error = error_of(&missing_field);
    assert!(
        matches!(error, ChecklistError::Parse { format: "TOML", .. }),
        "{error}"
    );
    assert!(error.to_string().contains("question"), "{error}");
}

#[test]
fn duplicate_and_bad_areas_are_rejected() {
    let text = toml_with_items(&[("alpha.x", "growth", 1), ("beta.y", "growth", 1)]);
    let duplicated = text.replacen("id = \"beta\"", "id = \"alpha\"", 1);
    assert_eq!(
        error_of(&duplicated),
        ChecklistError::DuplicateArea { id: "alpha".into() }
    );
    let bad = text.replacen("id = \"beta\"", "id = \"Beta Area\"", 1);
    assert_eq!(
        error_of(&bad),
        ChecklistError::BadAreaId {
            id: "Beta Area".into()
        }
    );
    assert_eq!(error_of("areas = []\nitems = []"), ChecklistError::NoAreas);
}

#[test]
fn json_loading_runs_the_same_validation() {
    let checklist = small_checklist();
    let json = checklist.to_json();
    let broken = json.replacen("\"weight\":3", "\"weight\":9", 1);
    assert_eq!(
        Checklist::from_json_str(&broken),
        Err(ChecklistError::BadWeight {
            item: "alpha.f-heavy".into(),
            weight: 9
        })
    );
    let via_serde = serde_json::from_str::<Checklist>(&broken);
    assert!(
        via_serde.is_err(),
        "deserialising the type directly must validate too"
    );
    let duplicated = json.replace("\"alpha.f-light\"", "\"alpha.f-heavy\"");
    assert_eq!(
        Checklist::from_json_str(&duplicated),
        Err(ChecklistError::DuplicateItem {
            id: "alpha.f-heavy".into()
        })
    );
    let garbage = Checklist::from_json_str("{\"areas\": 5");
    assert!(matches!(
        garbage,
        Err(ChecklistError::Parse { format: "JSON", .. })
    ));
}

#[test]
fn errors_read_as_sentences_naming_the_culprit() {
    let error = ChecklistError::BadWeight {
        item: "resilience.timeouts".into(),
        weight: 7,
    };
    assert_eq!(
        error.to_string(),
        "item \"resilience.timeouts\" has weight 7; use 1, 2 or 3"
    );
    let error = ChecklistError::UnknownArea {
        item: "x.y".into(),
        area: "x".into(),
    };
    assert!(error.to_string().contains("\"x\", which is not defined"));
}
