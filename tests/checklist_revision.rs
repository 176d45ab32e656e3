//! Checklist editions: data saved and links made with edition 1 (captured
//! as fixtures before edition 2 existed) open with the expected answers and
//! the note about what changed, and the carry-over rules hold on a small
//! checklist whose every case is written out.

mod checklist_support;

use checklist_support::{real_checklist, toml_with_items};
use faultline::checklist::export::{import_json, to_json};
use faultline::checklist::revision::{changes_since, upgrade, Changes, ItemName};
use faultline::checklist::share_link::{decode_with_changes, encode};
use faultline::checklist::storage::CURRENT_VERSION;
use faultline::checklist::{Answer, Answers, Assessment, Checklist, Store};

const EDITION_1_STORE: &str = include_str!("fixtures/checklist/edition-1-store.json");
const EDITION_1_TOKEN: &str = include_str!("fixtures/checklist/edition-1-share-token.txt");

fn ids(names: &[ItemName]) -> Vec<&str> {
    names.iter().map(|name| name.id.as_str()).collect()
}

fn opened_edition_1_store(checklist: &Checklist) -> (Store, Option<Changes>) {
    let loaded = Store::parse(EDITION_1_STORE).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(loaded.migrated_from, Some(2));
    let mut store = loaded.store;
    assert_eq!(store.edition(), 1);
    let changes = store
        .upgrade(checklist)
        .unwrap_or_else(|error| panic!("{error}"));
    (store, changes)
}

/// The answers "Before the revision" must have in edition 2, worked out by
/// hand from the fixture and the rules in `checklist::revision`.
fn assert_before_the_revision(answers: &Answers) {
    let expect = |id: &str, answer: Option<Answer>| {
        assert_eq!(answers.answer(id), answer, "answer to {id}");
    };
    // Merged: platform.containers (partly) + config.externalised (yes) is a mix.
    expect("platform.containers", Some(Answer::Partly));
    assert_eq!(
        answers.get("platform.containers").and_then(|r| r.note()),
        Some("Two services still rebuild per environment.")
    );
    // Merged: liveness-readiness (yes) + load-balancing (no) is a mix; the
    // retired item's note comes along under its old title.
    expect("health.liveness-readiness", Some(Answer::Partly));
    assert_eq!(
        answers
            .get("health.liveness-readiness")
            .and_then(|r| r.note()),
        Some("Load balancing with health checks: Single instance of the search service.")
    );
    assert!(answers.get("config.externalised").is_none());
    assert!(answers.get("health.load-balancing").is_none());
    // Split: the old id keeps its answer and note; the new part takes the answer.
    expect("security.least-privilege", Some(Answer::Yes));
    assert_eq!(
        answers
            .get("security.least-privilege")
            .and_then(|r| r.note()),
        Some("Per-service database users since March.")
    );
    expect("security.non-root-containers", Some(Answer::Yes));
    assert_eq!(
        answers
            .get("security.non-root-containers")
            .and_then(|r| r.note()),
        None
    );
    expect("observability.red-metrics", Some(Answer::Partly));
    expect("observability.saturation-metrics", Some(Answer::Partly));
    expect("resilience.load-tests-and-game-days", Some(Answer::No));
    expect("resilience.game-days", Some(Answer::No));
    expect("resilience.load-shedding", Some(Answer::NotApplicable));
    expect("resilience.bounded-queues", Some(Answer::NotApplicable));
    assert_eq!(
        answers
            .get("resilience.bounded-queues")
            .and_then(|r| r.na_reason()),
        Some("Internal tool with a fixed user count.")
    );
    // Unchanged items keep their answers; added items start unanswered.
    expect("testing.production-smoke-checks", Some(Answer::Partly));
    expect("resilience.timeouts", Some(Answer::Yes));
    expect("observability.distributed-tracing", Some(Answer::Yes));
    expect("teams.single-owner", Some(Answer::Yes));
    expect("data.outbox", Some(Answer::No));
    expect("api.idempotency-keys", None);
    expect("storage.disaster-recovery", None);
}

#[test]
fn an_edition_1_store_opens_with_carried_answers_and_a_note() {
    let checklist = real_checklist();
    assert_eq!(checklist.edition(), 2);
    let (store, changes) = opened_edition_1_store(&checklist);
    let changes = changes.expect("edition 1 data gets a note");

    let active = store.active();
    assert_eq!(active.name, "Before the revision");
    assert_before_the_revision(&active.answers);
    assert_eq!(active.context.teams, Some(4));
    assert_eq!(active.context.services, Some(3));
    assert!(active.answers.unknown_ids(&checklist).is_empty());

    let last_year = store.get("Last year").expect("second assessment");
    assert_eq!(
        last_year.answers.answer("delivery.progressive-delivery"),
        Some(Answer::Yes)
    );
    assert_eq!(
        last_year.answers.answer("security.non-root-containers"),
        Some(Answer::Partly)
    );

    assert_eq!((changes.from_edition, changes.to_edition), (1, 2));
    assert_eq!(
        changes
            .merged
            .iter()
            .map(|m| (ids(&m.retired), m.into.id.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (vec!["health.load-balancing"], "health.liveness-readiness"),
            (vec!["config.externalised"], "platform.containers"),
        ]
    );
    assert_eq!(
        changes
            .split
            .iter()
            .map(|s| (s.from.id.as_str(), ids(&s.parts)))
            .collect::<Vec<_>>(),
        vec![
            (
                "observability.red-metrics",
                vec!["observability.saturation-metrics"]
            ),
            (
                "resilience.load-shedding",
                vec!["resilience.bounded-queues"]
            ),
            (
                "resilience.load-tests-and-game-days",
                vec!["resilience.game-days"]
            ),
            (
                "security.least-privilege",
                vec!["security.non-root-containers"]
            ),
        ]
    );
    assert_eq!(
        ids(&changes.added),
        vec![
            "platform.capacity-and-autoscaling",
            "observability.error-budget-policy",
            "config.validated-at-startup",
            "api.idempotency-keys",
            "storage.disaster-recovery",
            "resilience.deadline-propagation",
            "resilience.dependency-inventory",
            "security.edge-authentication",
            "security.edge-rate-limits",
            "security.network-policy",
            "operability.criticality-tiers",
            "operability.runbooks",
            "operability.cost-per-service",
        ]
    );
    // Every item of the new edition is either in edition 1 or named here.
    let edition_1 = checklist.past_edition(1).expect("edition 1 is recorded");
    for item in checklist.items() {
        let named = changes.added.iter().any(|n| n.id == item.id)
            || changes
                .split
                .iter()
                .any(|s| s.parts.iter().any(|n| n.id == item.id));
        assert_eq!(
            named,
            !edition_1.items.contains(&item.id),
            "{} is new exactly when the note names it",
            item.id
        );
    }
}

#[test]
fn the_note_reads_as_sentences_naming_every_change() {
    let checklist = real_checklist();
    let changes = changes_since(&checklist, 1)
        .expect("edition 1 is known")
        .expect("it differs");
    let sentences = changes.sentences();
    assert_eq!(sentences.len(), 2 + 4 + 1, "{sentences:#?}");
    assert_eq!(
        sentences[0],
        "“Load balancing with health checks” was merged into “Health checks that take bad instances out of rotation”; its answer now combines the earlier answers."
    );
    assert_eq!(
        sentences[5],
        "“Narrow credentials per service” was split: “Containers run as non-root” is now asked separately and took the earlier answer; check it."
    );
    assert!(
        sentences[6]
            .starts_with("13 new items are not answered yet: “Capacity plans and autoscaling”, "),
        "{}",
        sentences[6]
    );
    assert!(sentences[6].ends_with(" and “Cost known per service”."));
}

#[test]
fn a_saved_upgrade_is_current_and_opens_without_a_note() {
    let checklist = real_checklist();
    let (store, _) = opened_edition_1_store(&checklist);
    let json = store.to_json();
    assert!(
        json.starts_with(&format!("{{\"version\":{CURRENT_VERSION},\"edition\":2,")),
        "{json}"
    );
    let mut again = Store::parse(&json).expect("readable").store;
    assert_eq!(again.upgrade(&checklist), Ok(None));
    assert_eq!(again, store);
}

#[test]
fn an_edition_1_share_link_opens_with_the_same_answers_and_note() {
    let checklist = real_checklist();
    let decoded = decode_with_changes(&checklist, EDITION_1_TOKEN).expect("the old link opens");
    assert_eq!(decoded.assessment.name, "Before the revision");
    assert_before_the_revision(&decoded.assessment.answers);
    assert_eq!(decoded.assessment.context.teams, Some(4));
    let (store, changes) = opened_edition_1_store(&checklist);
    assert_eq!(decoded.assessment.answers, store.active().answers);
    assert_eq!(decoded.changes, changes);

    // A link made today carries no note.
    let fresh = decode_with_changes(&checklist, &encode(&checklist, &decoded.assessment))
        .expect("round trip");
    assert_eq!(fresh.changes, None);
    assert_eq!(fresh.assessment.answers, decoded.assessment.answers);
}

#[test]
fn an_edition_1_export_imports_with_carried_answers() {
    let checklist = real_checklist();
    let old: Store = Store::parse(EDITION_1_STORE).expect("readable").store;
    // An export as edition 1 wrote it: the fingerprint of its 62 item ids.
    let export = to_json(&checklist, old.active())
        .replace(&format!("{:08x}", checklist.fingerprint()), "64c649a4");
    let imported = import_json(&checklist, &export).expect("imports");
    assert!(!imported.checklist_changed);
    assert!(imported.unknown_ids.is_empty());
    assert_before_the_revision(&imported.assessment.answers);
    assert_eq!(
        imported.changes,
        changes_since(&checklist, 1).expect("known")
    );
}

#[test]
fn retired_ids_still_lead_to_the_item_that_took_them_over() {
    let checklist = real_checklist();
    let item = |id| checklist.current_item(id).map(|item| item.id.as_str());
    assert_eq!(
        item("health.load-balancing"),
        Some("health.liveness-readiness")
    );
    assert_eq!(item("config.externalised"), Some("platform.containers"));
    assert_eq!(item("resilience.timeouts"), Some("resilience.timeouts"));
    assert_eq!(item("resilience.no-such-item"), None);
}

#[test]
fn data_from_an_edition_this_page_does_not_know_is_refused() {
    let checklist = real_checklist();
    let text = r#"{"version": 3, "edition": 9, "assessments": [{"name": "Future"}]}"#;
    let mut store = Store::parse(text)
        .expect("the format itself is readable")
        .store;
    let error = store.upgrade(&checklist).expect_err("edition 9 is unknown");
    assert!(error.to_string().contains("edition 9"), "{error}");
}

// ------------------------------------------------------------ the rules, small

/// Edition 1: alpha.a, alpha.b, alpha.c, beta.d. Edition 2 merges alpha.b
/// into alpha.a, splits beta.e off beta.d, and adds alpha.f.
fn small_history() -> Checklist {
    let mut text = String::from("edition = 2\n");
    text.push_str(&toml_with_items(&[
        ("alpha.a", "foundation", 2),
        ("alpha.c", "growth", 1),
        ("alpha.f", "growth", 1),
        ("beta.d", "foundation", 3),
        ("beta.e", "foundation", 2),
    ]));
    text = text.replace(
        "id = \"beta.e\"\n",
        "id = \"beta.e\"\nsplit_from = \"beta.d\"\n",
    );
    text.push_str(
        r#"
[[editions]]
edition = 1
items = ["alpha.a", "alpha.b", "alpha.c", "beta.d"]

[[retired]]
id = "alpha.b"
title = "Old B"
merged_into = "alpha.a"
"#,
    );
    Checklist::from_toml_str(&text).unwrap_or_else(|error| panic!("{error}"))
}

fn answers(list: &[(&str, Option<Answer>)]) -> Answers {
    let mut answers = Answers::new();
    for (id, answer) in list {
        answers.set_answer(id, *answer);
    }
    answers
}

fn merged(a: Option<Answer>, b: Option<Answer>) -> Option<Answer> {
    let checklist = small_history();
    let old = answers(&[("alpha.a", a), ("alpha.b", b)]);
    let new = upgrade(&checklist, 1, &old).expect("edition 1 is known");
    assert!(new.get("alpha.b").is_none(), "the retired id is gone");
    new.answer("alpha.a")
}

#[test]
fn a_merged_item_is_yes_or_no_only_when_every_answered_part_agrees() {
    use Answer::{No, NotApplicable as Na, Partly, Yes};
    let cases = [
        (Some(Yes), Some(Yes), Some(Yes)),
        (Some(No), Some(No), Some(No)),
        (Some(Yes), Some(No), Some(Partly)),
        (Some(Partly), Some(Partly), Some(Partly)),
        (Some(Yes), Some(Partly), Some(Partly)),
        (Some(Yes), None, Some(Yes)),
        (None, Some(No), Some(No)),
        (Some(Na), Some(Yes), Some(Yes)),
        (Some(No), Some(Na), Some(No)),
        (Some(Na), Some(Na), Some(Na)),
        (Some(Na), None, Some(Na)),
        (None, None, None),
    ];
    for (a, b, expected) in cases {
        assert_eq!(merged(a, b), expected, "merging {a:?} and {b:?}");
    }
}

#[test]
fn merged_notes_and_reasons_are_kept() {
    let checklist = small_history();
    let mut old = Answers::new();
    old.set_answer("alpha.a", Some(Answer::NotApplicable));
    old.set_note("alpha.a", "Own note.");
    old.set_answer("alpha.b", Some(Answer::NotApplicable));
    old.set_reason("alpha.b", "No such traffic.");
    old.set_note("alpha.b", "Retired note.");
    let new = upgrade(&checklist, 1, &old).expect("known");
    let response = new.get("alpha.a").expect("answered");
    assert_eq!(response.na_reason(), Some("No such traffic."));
    assert_eq!(response.note(), Some("Own note.\nOld B: Retired note."));
}

#[test]
fn a_split_part_takes_the_old_answer_unless_it_has_its_own() {
    let checklist = small_history();
    for answer in Answer::ALL {
        let old = answers(&[("beta.d", Some(answer))]);
        let new = upgrade(&checklist, 1, &old).expect("known");
        assert_eq!(new.answer("beta.d"), Some(answer));
        assert_eq!(
            new.answer("beta.e"),
            Some(answer),
            "beta.e inherits {answer:?}"
        );
    }
    // Data that already answers the part (saved again after the revision by
    // an older page, say) keeps that answer.
    let old = answers(&[("beta.d", Some(Answer::No)), ("beta.e", Some(Answer::Yes))]);
    let new = upgrade(&checklist, 1, &old).expect("known");
    assert_eq!(new.answer("beta.e"), Some(Answer::Yes));
    // Nothing to inherit: the part stays unanswered, as does the added item.
    let new = upgrade(&checklist, 1, &Answers::new()).expect("known");
    assert!(new.is_empty());
}

#[test]
fn changes_on_the_small_checklist() {
    let checklist = small_history();
    let changes = changes_since(&checklist, 1)
        .expect("known")
        .expect("differs");
    assert_eq!(ids(&changes.added), vec!["alpha.f"]);
    assert_eq!(changes.merged.len(), 1);
    assert_eq!(ids(&changes.merged[0].retired), vec!["alpha.b"]);
    assert_eq!(changes.merged[0].retired[0].title, "Old B");
    assert_eq!(changes.merged[0].into.id, "alpha.a");
    assert_eq!(changes.split.len(), 1);
    assert_eq!(changes.split[0].from.id, "beta.d");
    assert_eq!(ids(&changes.split[0].parts), vec!["beta.e"]);
    assert_eq!(changes_since(&checklist, 2), Ok(None));
    assert!(changes_since(&checklist, 3).is_err());
}

#[test]
fn an_empty_store_is_carried_over_without_a_note() {
    let checklist = small_history();
    let text = r#"{"version": 2, "assessments": [{"name": "Blank"}]}"#;
    let mut store = Store::parse(text).expect("readable").store;
    assert_eq!(store.upgrade(&checklist), Ok(None));
    assert_eq!(store.edition(), 2);
    let fresh = Store::new(&checklist);
    assert_eq!(fresh.edition(), 2);
    assert_eq!(fresh.active(), &Assessment::named("My assessment"));
}

// ------------------------------------------------------------ history checks

fn history_error(edit: impl Fn(String) -> String) -> String {
    let base = {
        let mut text = String::from("edition = 2\n");
        text.push_str(&toml_with_items(&[
            ("alpha.a", "foundation", 2),
            ("beta.d", "foundation", 3),
            ("beta.e", "foundation", 2),
        ]));
        text.push_str(
            "\n[[editions]]\nedition = 1\nitems = [\"alpha.a\", \"alpha.b\", \"beta.d\"]\n\n[[retired]]\nid = \"alpha.b\"\ntitle = \"Old B\"\nmerged_into = \"alpha.a\"\n",
        );
        text
    };
    assert!(Checklist::from_toml_str(&base).is_ok(), "the base is valid");
    match Checklist::from_toml_str(&edit(base)) {
        Ok(_) => panic!("accepted"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_history_that_does_not_hold_together_is_refused_with_the_reason() {
    type Edit = Box<dyn Fn(String) -> String>;
    let cases: [(&str, Edit); 7] = [
        (
            "editions 1 to 2",
            Box::new(|t| t.replacen("edition = 2\n", "edition = 3\n", 1)),
        ),
        (
            "neither a current item nor in `retired`",
            Box::new(|t| {
                t.replace(
                    "\"alpha.b\", \"beta.d\"]",
                    "\"alpha.b\", \"beta.d\", \"beta.z\"]",
                )
            }),
        ),
        (
            "is not a current item",
            Box::new(|t| t.replace("merged_into = \"alpha.a\"", "merged_into = \"alpha.zz\"")),
        ),
        (
            "but is still an item",
            Box::new(|t| t.replace("id = \"alpha.b\"\ntitle", "id = \"beta.d\"\ntitle")),
        ),
        (
            "which no earlier edition asked without it",
            Box::new(|t| {
                t.replace(
                    "id = \"beta.e\"\n",
                    "id = \"beta.e\"\nsplit_from = \"alpha.zz\"\n",
                )
            }),
        ),
        (
            "the same item list as edition 2",
            Box::new(|t| {
                t.replace(
                    "items = [\"alpha.a\", \"alpha.b\", \"beta.d\"]",
                    "items = [\"alpha.a\", \"beta.d\", \"beta.e\"]",
                )
                .replace(
                    "[[retired]]\nid = \"alpha.b\"\ntitle = \"Old B\"\nmerged_into = \"alpha.a\"\n",
                    "",
                )
            }),
        ),
        (
            "lists \"alpha.a\" twice",
            Box::new(|t| {
                t.replace(
                    "[\"alpha.a\", \"alpha.b\"",
                    "[\"alpha.a\", \"alpha.a\", \"alpha.b\"",
                )
            }),
        ),
    ];
    for (expected, edit) in cases {
        let message = history_error(edit);
        assert!(
            message.contains(expected),
            "{message:?} should say {expected:?}"
        );
    }
}

#[test]
fn read_more_is_the_first_article_entry_with_its_section() {
    let checklist = real_checklist();
    for item in checklist.items() {
        let read_more = item.read_more().expect("every item has one");
        assert!(
            read_more.anchor.is_some(),
            "{} must lead to a section, not a whole article",
            item.id
        );
    }
    let item = checklist.item("security.edge-rate-limits").expect("exists");
    let read_more = item.read_more().expect("has one");
    assert_eq!(read_more.slug, "security-and-service-networking");
    assert_eq!(
        read_more.anchor,
        Some("authentication-and-authorisation-at-the-edge")
    );
}
