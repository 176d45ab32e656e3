//! Plan ordering: gate first, then weight, then no before partly before
//! unanswered, then checklist order.

mod checklist_support;

use checklist_support::{all, assessment, real_checklist, small_checklist};
use faultline::checklist::levels::Levels;
use faultline::checklist::plan::build_plan;
use faultline::checklist::Answer::{No, NotApplicable, Partly, Yes};
use faultline::checklist::{Assessment, Checklist, ItemStatus, Level, Report};

fn plan_ids(checklist: &Checklist, a: &Assessment) -> Vec<String> {
    let levels = Levels::assess(checklist, &a.answers);
    build_plan(checklist, &a.answers, &levels)
        .into_iter()
        .map(|entry| entry.item_id)
        .collect()
}

#[test]
fn gate_comes_before_weight() {
    let checklist = small_checklist();
    let a = all(&checklist, No);
    // Foundation: f-heavy 3, f-mid 2, f-light 1; growth: g-two 3, g-one 2; advanced.
    assert_eq!(
        plan_ids(&checklist, &a),
        [
            "alpha.f-heavy",
            "beta.f-mid",
            "alpha.f-light",
            "beta.g-two",
            "alpha.g-one",
            "beta.a-one"
        ]
    );
}

#[test]
fn at_equal_gate_and_weight_no_comes_before_partly_before_unanswered() {
    let text = checklist_support::toml_with_items(&[
        ("alpha.one", "growth", 2),
        ("alpha.two", "growth", 2),
        ("alpha.three", "growth", 2),
        ("beta.four", "growth", 2),
    ]);
    let checklist = Checklist::from_toml_str(&text).expect("valid");
    let a = assessment(&[
        ("alpha.one", Partly),
        ("alpha.three", No),
        ("beta.four", Partly),
    ]);
    assert_eq!(
        plan_ids(&checklist, &a),
        ["alpha.three", "alpha.one", "beta.four", "alpha.two"],
        "no, then partly in checklist order, then unanswered"
    );
}

#[test]
fn met_and_not_applicable_items_never_appear() {
    let checklist = small_checklist();
    let a = assessment(&[
        ("alpha.f-heavy", Yes),
        ("alpha.f-light", NotApplicable),
        ("beta.f-mid", Partly),
        ("alpha.g-one", Yes),
        ("beta.g-two", NotApplicable),
        ("beta.a-one", No),
    ]);
    assert_eq!(plan_ids(&checklist, &a), ["beta.f-mid", "beta.a-one"]);
    assert!(plan_ids(&checklist, &all(&checklist, Yes)).is_empty());
    assert!(plan_ids(&checklist, &all(&checklist, NotApplicable)).is_empty());
}

#[test]
fn entries_carry_why_links_note_rank_and_gate() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Yes);
    a.answers.set_answer("resilience.timeouts", Some(Partly));
    a.answers
        .set_note("resilience.timeouts", "  payments client still has none  ");
    a.answers.set_answer("resilience.game-days", Some(No));
    let report = Report::build(&checklist, &a);
    assert_eq!(report.plan.len(), 2);
    let first = &report.plan[0];
    assert_eq!(first.rank, 1);
    assert_eq!(first.item_id, "resilience.timeouts");
    assert_eq!(first.level, Level::Foundation);
    assert_eq!(first.status, ItemStatus::Partly);
    assert_eq!(first.action(), "Finish");
    assert!(
        first.blocks_next_level,
        "the foundation gate is the next one"
    );
    assert_eq!(first.area_title, "Resilience");
    assert_eq!(
        first.articles,
        [
            "timeouts-retries-backoff#put-a-timeout-on-every-remote-call",
            "cascading-and-metastable-failures#stopping-a-cascade"
        ]
    );
    assert_eq!(
        first.presets,
        ["slow-dependency-timeouts", "slow-dependency"]
    );
    assert_eq!(
        first.note.as_deref(),
        Some("payments client still has none")
    );
    let item = checklist.item("resilience.timeouts").expect("item");
    assert_eq!(first.why, item.why);
    assert_eq!(first.yes_looks_like, item.yes_looks_like);
    let second = &report.plan[1];
    assert_eq!((second.rank, second.level), (2, Level::Advanced));
    assert!(!second.blocks_next_level);
    assert_eq!(second.action(), "Put in place");
    assert_eq!(report.next_steps().count(), 1);
}

#[test]
fn plan_follows_the_answers_not_a_fixed_list() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Yes);
    a.answers.set_answer("data.no-shared-tables", Some(No));
    let mut b = all(&checklist, Yes);
    b.answers
        .set_answer("security.service-authentication", Some(No));
    assert_eq!(plan_ids(&checklist, &a), ["data.no-shared-tables"]);
    assert_eq!(
        plan_ids(&checklist, &b),
        ["security.service-authentication"]
    );
}

#[test]
fn full_plan_of_the_real_checklist_is_sorted_by_every_key() {
    let checklist = real_checklist();
    let mut a = Assessment::named("Mixed");
    for (index, item) in checklist.items().iter().enumerate() {
        let answer = [Some(No), Some(Partly), None, Some(Yes)][index % 4];
        a.answers.set_answer(&item.id, answer);
    }
    let report = Report::build(&checklist, &a);
    let rank = |status: ItemStatus| match status {
        ItemStatus::No => 0,
        ItemStatus::Partly => 1,
        _ => 2,
    };
    let keys: Vec<_> = report
        .plan
        .iter()
        .map(|e| {
            (
                e.level,
                std::cmp::Reverse(e.weight),
                rank(e.status),
                checklist.position(&e.item_id).expect("known"),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let answered_yes = (0..checklist.items().len()).filter(|i| i % 4 == 3).count();
    let expected_len = checklist.items().len() - answered_yes;
    assert_eq!(report.plan.len(), expected_len);
    let ranks: Vec<usize> = report.plan.iter().map(|e| e.rank).collect();
    assert_eq!(ranks, (1..=report.plan.len()).collect::<Vec<_>>());
}
