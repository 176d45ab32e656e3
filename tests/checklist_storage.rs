//! The saved format: round trips, migration from version 1, clear errors for
//! unreadable data, and the store's edits with undo.

mod checklist_support;

use checklist_support::{all, small_checklist, teams};
use faultline::checklist::dora::{DoraAnswers, LeadTime};
use faultline::checklist::storage::{
    Loaded, StorageError, StoreError, CURRENT_VERSION, DEFAULT_NAME, MIGRATED_NAME,
};
use faultline::checklist::{Answer, Assessment, Store};

fn parse(text: &str) -> Loaded {
    Store::parse(text).unwrap_or_else(|error| panic!("{error}"))
}

fn parse_error(text: &str) -> StorageError {
    match Store::parse(text) {
        Ok(loaded) => panic!("accepted: {loaded:?}"),
        Err(error) => error,
    }
}

fn sample_store() -> Store {
    let checklist = small_checklist();
    let mut store = Store::new(&small_checklist());
    *store.active_mut() = Assessment {
        name: DEFAULT_NAME.to_string(),
        updated: Some("2026-06-30T09:00:00Z".to_string()),
        ..all(&checklist, Answer::Partly)
    };
    store
        .active_mut()
        .answers
        .set_note("alpha.g-one", "with a \"quote\" and\nnewline");
    store.create("Q3").expect("new name");
    store
        .active_mut()
        .answers
        .set_answer("beta.a-one", Some(Answer::NotApplicable));
    store
        .active_mut()
        .answers
        .set_reason("beta.a-one", "No queues");
    store.active_mut().context = teams(4);
    store.active_mut().context.dora = DoraAnswers {
        lead_time: Some(LeadTime::DayToWeek),
        ..DoraAnswers::default()
    };
    store
}

#[test]
fn current_version_round_trips() {
    let store = sample_store();
    let json = store.to_json();
    assert!(
        json.starts_with(&format!("{{\"version\":{CURRENT_VERSION},")),
        "{json}"
    );
    let loaded = parse(&json);
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(loaded.store, store);
    assert_eq!(loaded.store.active().name, "Q3");
    assert_eq!(loaded.store.names(), [DEFAULT_NAME, "Q3"]);
}

#[test]
fn version_one_migrates_to_one_named_assessment() {
    let v1 = r#"{"version": 1, "updated": "2025-12-01",
        "answers": {"alpha.f-heavy": "yes", "beta.a-one": "na", "alpha.g-one": "partly"},
        "notes": {"alpha.g-one": "half done", "beta.g-two": "nobody knows"},
        "reasons": {"beta.a-one": "not relevant", "alpha.f-heavy": "dropped: not n/a"},
        "teams": 3, "services": 2}"#;
    let loaded = parse(v1);
    assert_eq!(loaded.migrated_from, Some(1));
    let store = loaded.store;
    assert_eq!(store.names(), [MIGRATED_NAME]);
    let a = store.active();
    assert_eq!(a.updated.as_deref(), Some("2025-12-01"));
    assert_eq!(a.answers.answer("alpha.f-heavy"), Some(Answer::Yes));
    assert_eq!(a.answers.answer("alpha.g-one"), Some(Answer::Partly));
    assert_eq!(
        a.answers.get("alpha.g-one").and_then(|r| r.note()),
        Some("half done")
    );
    assert_eq!(
        a.answers.get("beta.g-two").and_then(|r| r.note()),
        Some("nobody knows")
    );
    assert_eq!(a.answers.answer("beta.g-two"), None);
    assert_eq!(
        a.answers.get("beta.a-one").and_then(|r| r.na_reason()),
        Some("not relevant")
    );
    assert_eq!(
        a.answers.get("alpha.f-heavy").map(|r| r.reason.as_str()),
        Some("")
    );
    assert_eq!((a.context.teams, a.context.services), (Some(3), Some(2)));
    // Saving writes the current version, which then loads without migration.
    let again = parse(&store.to_json());
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.store, store);
}

#[test]
fn unreadable_data_gets_a_clear_error() {
    let cases: [(&str, &str); 9] = [
        ("", "not valid JSON"),
        ("{\"version\": 2, \"assessments\": [", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ("{\"assessments\": []}", "no \"version\" field"),
        ("{\"version\": 4, \"assessments\": []}", "format version 4"),
        ("{\"version\": \"2\"}", "format version \"2\""),
        (
            r#"{"version": 2, "assessments": [{"name": "A", "answers": {"x.y": {"answer": "maybe"}}}]}"#,
            "unknown variant `maybe`",
        ),
        (
            r#"{"version": 2, "assessments": [{"name": "A"}, {"name": "A"}]}"#,
            "two assessments are named \"A\"",
        ),
        (
            r#"{"version": 2, "assessments": [{"name": "A", "context": {"teams": 0}}]}"#,
            "assessment 1: assessment \"A\": teams must be at least 1",
        ),
    ];
    for (text, expected) in cases {
        let error = parse_error(text);
        let message = error.to_string();
        assert!(
            message.starts_with("Saved assessments could not be read: "),
            "{message}"
        );
        assert!(message.contains(expected), "{text:?} gave {message:?}");
    }
    assert_eq!(parse_error("{}"), StorageError::MissingVersion);
    let blank_name = parse_error(r#"{"version": 2, "assessments": [{"name": "  "}]}"#);
    assert!(
        blank_name.to_string().contains("needs a name"),
        "{blank_name}"
    );
    let bad_rate = parse_error(
        r#"{"version": 2, "assessments": [{"name": "A", "context": {"dora": {"change_failure_rate": 140}}}]}"#,
    );
    assert!(bad_rate.to_string().contains("above 100"), "{bad_rate}");
}

#[test]
fn harmless_oddities_are_accepted() {
    // Nothing saved: a fresh store loses nothing.
    let empty = parse(r#"{"version": 2, "assessments": []}"#).store;
    assert_eq!(empty, Store::new(&small_checklist()));
    // An active name that does not exist falls back to the first assessment.
    let store =
        parse(r#"{"version": 2, "active": "gone", "assessments": [{"name": "A"}, {"name": "B"}]}"#)
            .store;
    assert_eq!(store.active().name, "A");
    // Empty responses and stray reasons are normalised away.
    let store = parse(
        r#"{"version": 2, "assessments": [{"name": "A", "answers": {"x.y": {}, "x.z": {"answer": "no", "reason": "r"}}}]}"#,
    )
    .store;
    assert!(store.active().answers.get("x.y").is_none());
    assert_eq!(
        store.active().answers.get("x.z").map(|r| r.reason.as_str()),
        Some("")
    );
}

#[test]
fn create_rename_and_select_keep_names_unique() {
    let mut store = Store::new(&small_checklist());
    assert_eq!(store.create(" Q1 "), Ok(()));
    assert_eq!(store.active().name, "Q1");
    assert_eq!(store.create("Q1"), Err(StoreError::NameTaken("Q1".into())));
    assert!(matches!(store.create("   "), Err(StoreError::BadName(_))));
    assert!(matches!(
        store.create(&"x".repeat(81)),
        Err(StoreError::BadName(_))
    ));
    assert_eq!(
        store.rename("Q1", DEFAULT_NAME),
        Err(StoreError::NameTaken(DEFAULT_NAME.into()))
    );
    assert_eq!(store.rename("Q1", "Q1"), Ok(()));
    assert_eq!(store.rename("Q1", "Spring"), Ok(()));
    assert_eq!(
        store.select("Q1"),
        Err(StoreError::NoSuchAssessment("Q1".into()))
    );
    assert_eq!(store.select(DEFAULT_NAME), Ok(()));
    assert_eq!(store.active().name, DEFAULT_NAME);
    assert_eq!(store.names(), [DEFAULT_NAME, "Spring"]);
}

#[test]
fn remove_and_restore_is_an_undo() {
    let mut store = sample_store();
    store.create("Third").expect("new");
    store.select("Q3").expect("exists");
    let before = store.clone();
    let removed = store.remove("Q3").expect("exists");
    assert_eq!(store.names(), [DEFAULT_NAME, "Third"]);
    assert_eq!(store.active().name, "Third", "the next one opens");
    assert_eq!(store.restore(removed), "Q3");
    assert_eq!(store, before);

    // Removing one that is not open keeps the open one open.
    let removed = store.remove(DEFAULT_NAME).expect("exists");
    assert_eq!(store.active().name, "Q3");
    store.restore(removed);
    assert_eq!(store, before);
}

#[test]
fn removing_the_last_assessment_leaves_a_fresh_one() {
    let mut store = Store::new(&small_checklist());
    store
        .active_mut()
        .answers
        .set_answer("alpha.f-heavy", Some(Answer::Yes));
    let removed = store.remove(DEFAULT_NAME).expect("exists");
    assert_eq!(store.assessments().len(), 1);
    assert!(store.active().answers.is_empty());
    // Undo brings it back beside the fresh one, under a free name.
    let name = store.restore(removed);
    assert_eq!(name, format!("{DEFAULT_NAME} (2)"));
    assert_eq!(store.active().name, name);
    assert_eq!(
        store.active().answers.answer("alpha.f-heavy"),
        Some(Answer::Yes)
    );
}

#[test]
fn reset_can_be_undone() {
    let mut store = sample_store();
    let before = store.clone();
    let previous = store.reset_active(Some("2026-07-01".into()));
    assert!(store.active().answers.is_empty());
    assert_eq!(store.active().context, Default::default());
    assert_eq!(store.active().name, "Q3");
    store.replace_active(previous);
    assert_eq!(store, before);
}

#[test]
fn saving_a_copy_of_a_shared_assessment_picks_a_free_name() {
    let mut store = sample_store();
    let shared = Assessment::named("Q3");
    assert_eq!(store.save_copy(&shared), "Q3 (2)");
    assert_eq!(store.save_copy(&shared), "Q3 (3)");
    assert_eq!(store.active().name, "Q3 (3)");
    let nameless = Assessment::default();
    assert_eq!(
        store.save_copy(&nameless),
        DEFAULT_NAME.to_string() + " (2)"
    );
    // Long names are shortened so the suffix still fits the limit.
    let long = Assessment::named(&"y".repeat(80));
    store.save_copy(&long);
    let name = store.save_copy(&long);
    assert_eq!(name.chars().count(), 80);
    assert!(name.ends_with(" (2)"), "{name}");
}

#[test]
fn unreadable_data_goes_to_a_free_set_aside_slot_and_never_over_other_data() {
    use faultline::checklist::storage::{
        set_aside_key, set_aside_slot, SetAsideSlot, SET_ASIDE_KEY, SET_ASIDE_SLOTS,
    };
    use std::collections::HashMap;

    assert_eq!(set_aside_key(0), SET_ASIDE_KEY);
    assert_eq!(set_aside_key(1), format!("{SET_ASIDE_KEY}.2"));
    let keys: Vec<String> = (0..SET_ASIDE_SLOTS).map(set_aside_key).collect();
    // A set, not dedup(): dedup only drops adjacent repeats, so unsorted
    // keys with a repeat further apart would pass.
    let unique: std::collections::HashSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), SET_ASIDE_SLOTS, "{keys:?}");

    let mut kept: HashMap<String, String> = HashMap::new();
    let choose = |kept: &HashMap<String, String>, raw: &str| {
        set_aside_slot(raw, |key| kept.get(key).cloned())
    };
    assert_eq!(
        choose(&kept, "{broken"),
        SetAsideSlot::Free(keys[0].clone())
    );
    kept.insert(keys[0].clone(), "{broken".to_string());
    assert_eq!(
        choose(&kept, "{broken"),
        SetAsideSlot::AlreadyKept(keys[0].clone()),
        "the same text is not kept twice"
    );
    assert_eq!(choose(&kept, "other"), SetAsideSlot::Free(keys[1].clone()));

    // A gap left by a deleted slot is reused before later slots.
    kept.insert(keys[2].clone(), "third".to_string());
    assert_eq!(choose(&kept, "other"), SetAsideSlot::Free(keys[1].clone()));

    for (index, key) in keys.iter().enumerate() {
        kept.insert(key.clone(), format!("piece {index}"));
    }
    assert_eq!(choose(&kept, "yet another"), SetAsideSlot::Full);
    assert_eq!(
        choose(&kept, "piece 4"),
        SetAsideSlot::AlreadyKept(keys[4].clone())
    );
}

#[test]
fn an_arriving_assessment_replaces_a_blank_first_visit_store_only() {
    let checklist = small_checklist();
    let mut arriving = all(&checklist, Answer::Yes);
    arriving.name = "Shared review".to_string();

    // A first visit: the one blank assessment makes way.
    let mut store = Store::new(&small_checklist());
    assert!(store.active().is_blank());
    assert_eq!(store.adopt(&arriving), "Shared review");
    assert_eq!(store.names(), ["Shared review"]);
    assert_eq!(store.active().answers, arriving.answers);

    // Anything recorded, even only a name change's edit time, is kept.
    let mut store = Store::new(&small_checklist());
    store.active_mut().updated = Some("2026-01-01T00:00:00Z".to_string());
    assert_eq!(store.adopt(&arriving), "Shared review");
    assert_eq!(store.names(), [DEFAULT_NAME, "Shared review"]);
    assert_eq!(store.active().name, "Shared review");

    // With a name clash, a free variant is used, as for any copy.
    assert_eq!(store.adopt(&arriving), "Shared review (2)");
    let mut store = Store::new(&small_checklist());
    store.active_mut().answers.set_note("alpha.g-one", "a note");
    store.adopt(&arriving);
    assert_eq!(store.names().len(), 2);

    // A nameless arrival gets the default name.
    let mut nameless = arriving.clone();
    nameless.name = "   ".to_string();
    let mut store = Store::new(&small_checklist());
    assert_eq!(store.adopt(&nameless), DEFAULT_NAME);
    assert!(Store::parse(&store.to_json()).is_ok());
}
