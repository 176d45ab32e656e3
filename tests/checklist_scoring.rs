//! Weighted scores: yes full, partly half, no nothing, N/A excluded,
//! unanswered counted as nothing.

mod checklist_support;

use checklist_support::{all, assessment, real_checklist, small_checklist};
use faultline::checklist::scoring::Scores;
use faultline::checklist::Answer::{No, NotApplicable, Partly, Yes};
use faultline::checklist::{Answer, Report};

fn percent(scores: &Scores, area: &str) -> Option<f64> {
    scores.area(area).and_then(|a| a.score.percent)
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a score");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn uniform_answers_score_zero_half_and_full() {
    let checklist = small_checklist();
    for (answer, expected) in [(Yes, 100.0), (Partly, 50.0), (No, 0.0)] {
        let scores = Scores::compute(&checklist, &all(&checklist, answer).answers);
        close(scores.overall.percent, expected);
        close(percent(&scores, "alpha"), expected);
        close(percent(&scores, "beta"), expected);
    }
}

#[test]
fn weights_decide_how_much_an_item_counts() {
    let checklist = small_checklist();
    // alpha: f-heavy (3), f-light (1), g-one (2): 6 weight in all.
    let heavy = Scores::compute(
        &checklist,
        &assessment(&[
            ("alpha.f-heavy", Yes),
            ("alpha.f-light", No),
            ("alpha.g-one", No),
        ])
        .answers,
    );
    close(percent(&heavy, "alpha"), 50.0);
    let light = Scores::compute(
        &checklist,
        &assessment(&[
            ("alpha.f-heavy", No),
            ("alpha.f-light", Yes),
            ("alpha.g-one", No),
        ])
        .answers,
    );
    close(percent(&light, "alpha"), 100.0 / 6.0);
    assert_eq!(light.area("alpha").map(|a| a.score.earned_halves), Some(2));
    assert_eq!(
        light.area("alpha").map(|a| a.score.possible_halves),
        Some(12)
    );
}

#[test]
fn partly_earns_half_the_weight() {
    let checklist = small_checklist();
    let scores = Scores::compute(
        &checklist,
        &assessment(&[
            ("alpha.f-heavy", Yes),
            ("alpha.f-light", Yes),
            ("alpha.g-one", Partly),
        ])
        .answers,
    );
    close(percent(&scores, "alpha"), 500.0 / 6.0);
}

#[test]
fn not_applicable_leaves_both_numerator_and_denominator() {
    let checklist = small_checklist();
    let scores = Scores::compute(
        &checklist,
        &assessment(&[
            ("alpha.f-heavy", NotApplicable),
            ("alpha.f-light", Yes),
            ("alpha.g-one", No),
        ])
        .answers,
    );
    // 1 of the remaining 3 weight.
    close(percent(&scores, "alpha"), 100.0 / 3.0);
    let alpha = scores.area("alpha").expect("alpha");
    assert_eq!(alpha.counts.not_applicable, 1);
    assert_eq!(alpha.score.possible_halves, 6);
    // Overall: beta unanswered (6 weight, 0 earned) + alpha's 3 applicable.
    close(scores.overall.percent, 100.0 / 9.0);
}

#[test]
fn an_area_where_nothing_applies_has_no_score() {
    let checklist = small_checklist();
    let scores = Scores::compute(
        &checklist,
        &assessment(&[
            ("beta.f-mid", NotApplicable),
            ("beta.g-two", NotApplicable),
            ("beta.a-one", NotApplicable),
            ("alpha.f-heavy", Yes),
            ("alpha.f-light", Yes),
            ("alpha.g-one", Yes),
        ])
        .answers,
    );
    assert_eq!(percent(&scores, "beta"), None);
    assert_eq!(
        scores.area("beta").map(|a| a.score.label()),
        Some("n/a".to_string())
    );
    close(scores.overall.percent, 100.0);
    let everything_na = Scores::compute(&checklist, &all(&checklist, NotApplicable).answers);
    assert_eq!(everything_na.overall.percent, None);
    assert_eq!(everything_na.overall.whole_percent(), None);
}

#[test]
fn unanswered_items_count_as_nothing_and_are_counted() {
    let checklist = small_checklist();
    let a = assessment(&[("alpha.f-heavy", Yes)]);
    let scores = Scores::compute(&checklist, &a.answers);
    close(percent(&scores, "alpha"), 50.0);
    close(scores.overall.percent, 25.0);
    assert_eq!(scores.counts.unanswered, 5);
    assert_eq!(scores.counts.answered(), 1);
    let report = Report::build(&checklist, &a);
    assert_eq!(report.completeness.answered, 1);
    assert_eq!(report.completeness.total, 6);
    assert_eq!(report.completeness.label(), "1 of 6 items answered");
    assert!(!report.completeness.is_complete());
}

#[test]
fn whole_percent_rounds_half_up_in_integers() {
    let checklist = small_checklist();
    // 6 + 4 + 4 + 1 = 15 of 24 half-points: 62.5 %.
    let scores = Scores::compute(
        &checklist,
        &assessment(&[
            ("alpha.f-heavy", Yes),
            ("alpha.g-one", Yes),
            ("beta.f-mid", Yes),
            ("alpha.f-light", Partly),
            ("beta.g-two", No),
            ("beta.a-one", No),
        ])
        .answers,
    );
    close(scores.overall.percent, 62.5);
    assert_eq!(scores.overall.whole_percent(), Some(63));
    assert_eq!(scores.overall.label(), "63 %");
    // 100/6 = 16.67 → 17; 100/3 = 33.3 → 33.
    let light = Scores::compute(&checklist, &assessment(&[("alpha.f-light", Yes)]).answers);
    assert_eq!(
        light.area("alpha").and_then(|a| a.score.whole_percent()),
        Some(17)
    );
}

#[test]
fn answers_to_unknown_items_are_ignored_but_reported() {
    let checklist = small_checklist();
    let mut a = assessment(&[("alpha.f-heavy", Yes)]);
    let before = Scores::compute(&checklist, &a.answers);
    a.answers.set_answer("alpha.retired-item", Some(No));
    let after = Scores::compute(&checklist, &a.answers);
    assert_eq!(before, after);
    let report = Report::build(&checklist, &a);
    assert_eq!(report.unknown_answer_ids, ["alpha.retired-item"]);
}

#[test]
fn weakest_first_orders_by_score_with_unscored_areas_last() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Yes);
    for item in checklist.items_in_area("data") {
        a.answers.set_answer(&item.id, Some(No));
    }
    for item in checklist.items_in_area("testing") {
        a.answers.set_answer(&item.id, Some(Partly));
    }
    for item in checklist.items_in_area("messaging") {
        a.answers.set_answer(&item.id, Some(NotApplicable));
    }
    let scores = Scores::compute(&checklist, &a.answers);
    let order: Vec<&str> = scores
        .weakest_first()
        .iter()
        .map(|a| a.area_id.as_str())
        .collect();
    assert_eq!(order[0], "data");
    assert_eq!(order[1], "testing");
    assert_eq!(order.last().copied(), Some("messaging"));
    // The full-score areas in between keep checklist order.
    assert_eq!(order[2], "teams");
    assert_eq!(order[3], "delivery");
}

#[test]
fn each_answer_moves_the_overall_score_by_its_weight() {
    // Exhaustive over the real checklist: from all "no", one item at a time.
    let checklist = real_checklist();
    let base = all(&checklist, No);
    let total: u32 = checklist
        .items()
        .iter()
        .map(|i| 2 * u32::from(i.weight))
        .sum();
    for item in checklist.items() {
        for (answer, earned) in [
            (Yes, 2 * u32::from(item.weight)),
            (Partly, u32::from(item.weight)),
        ] {
            let mut a = base.clone();
            a.answers.set_answer(&item.id, Some(answer));
            let scores = Scores::compute(&checklist, &a.answers);
            assert_eq!(scores.overall.earned_halves, earned, "{} {answer}", item.id);
            assert_eq!(scores.overall.possible_halves, total);
        }
        let mut a = base.clone();
        a.answers.set_answer(&item.id, Some(Answer::NotApplicable));
        let scores = Scores::compute(&checklist, &a.answers);
        assert_eq!(
            scores.overall.possible_halves,
            total - 2 * u32::from(item.weight)
        );
    }
}
