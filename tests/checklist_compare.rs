//! Comparing two assessments, and the chart data the results page draws.

mod checklist_support;

use checklist_support::{all, assessment, real_checklist, small_checklist, teams};
use faultline::checklist::chart::{bars, radar, text_alternative};
use faultline::checklist::compare::{compare, Direction};
use faultline::checklist::scoring::Scores;
use faultline::checklist::verdict::VerdictKind;
use faultline::checklist::Answer::{No, NotApplicable, Partly, Yes};
use faultline::checklist::{ItemStatus, Level};

#[test]
fn comparison_gives_area_deltas_and_changed_items_worst_first() {
    let checklist = small_checklist();
    let mut before = all(&checklist, No);
    before.name = "Last quarter".into();
    before.context = teams(3);
    let mut after = before.clone();
    after.name = "Now".into();
    after.answers.set_answer("alpha.f-heavy", Some(Yes)); // better
    after.answers.set_answer("beta.f-mid", Some(Partly)); // better
    after.answers.set_answer("alpha.f-light", None); // no → unanswered: other
    after.answers.set_answer("beta.a-one", Some(NotApplicable)); // other
    before.answers.set_answer("beta.g-two", Some(Yes));
    // beta.g-two: yes → no, worse.

    let c = compare(&checklist, &before, &after);
    assert_eq!(
        (c.before_name.as_str(), c.after_name.as_str()),
        ("Last quarter", "Now")
    );
    let changes: Vec<(&str, Direction)> = c
        .changes
        .iter()
        .map(|ch| (ch.item_id.as_str(), ch.direction))
        .collect();
    assert_eq!(
        changes,
        [
            ("beta.g-two", Direction::Worse),
            ("alpha.f-heavy", Direction::Better),
            ("beta.f-mid", Direction::Better),
            ("alpha.f-light", Direction::Other),
            ("beta.a-one", Direction::Other),
        ]
    );
    let worse = &c.changes[0];
    assert_eq!(
        (worse.before, worse.after),
        (ItemStatus::Yes, ItemStatus::No)
    );

    // alpha: 0 of 6 → 3 of 6 (f-light unanswered still counts as possible).
    let alpha = &c.areas[0].delta;
    assert_eq!((alpha.before, alpha.after), (Some(0.0), Some(50.0)));
    assert_eq!(alpha.label(), "+50 points");
    // beta: 3 of 6 → 1 of 5 (a-one no longer counts).
    let beta = &c.areas[1].delta;
    assert_eq!(beta.before, Some(50.0));
    assert_eq!(beta.after, Some(20.0));
    assert_eq!(beta.label(), "−30 points");
    assert_eq!(c.verdict_before, VerdictKind::StayMonolith);
}

#[test]
fn identical_assessments_have_no_changes() {
    let checklist = real_checklist();
    let a = all(&checklist, Partly);
    let c = compare(&checklist, &a, &a);
    assert!(c.changes.is_empty());
    assert_eq!(c.overall.label(), "no change");
    assert!(c.areas.iter().all(|area| area.delta.points == Some(0.0)));
    assert_eq!(c.areas.len(), checklist.areas().len());
}

#[test]
fn comparison_shows_level_and_verdict_moving() {
    let checklist = small_checklist();
    let mut before = assessment(&[]);
    before.context = teams(5);
    let mut after = all(&checklist, Yes);
    after.context = teams(5);
    after.context.dora = faultline::checklist::dora::DoraAnswers {
        deployment_frequency: Some(faultline::checklist::dora::DeployFrequency::OnDemand),
        lead_time: Some(faultline::checklist::dora::LeadTime::UnderDay),
        change_failure_rate: faultline::checklist::dora::FailureRate::new(3),
        recovery_time: Some(faultline::checklist::dora::RecoveryTime::UnderHour),
    };
    let c = compare(&checklist, &before, &after);
    assert_eq!(
        (c.level_before, c.level_after),
        (None, Some(Level::Advanced))
    );
    assert_eq!(
        (c.verdict_before, c.verdict_after),
        (VerdictKind::StayMonolith, VerdictKind::ScaleOut)
    );
    assert!(c.changes.iter().all(|ch| ch.direction == Direction::Better));
    assert_eq!(c.overall.label(), "+100 points");
    // An area where nothing applies afterwards has no delta.
    let mut na = all(&checklist, NotApplicable);
    na.context = teams(5);
    let c = compare(&checklist, &before, &na);
    assert_eq!(c.overall.points, None);
    assert_eq!(c.overall.label(), "n/a");
}

#[test]
fn radar_places_spokes_clockwise_from_the_top() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Yes);
    for item in checklist.items_in_area("delivery") {
        a.answers.set_answer(&item.id, Some(No));
    }
    let scores = Scores::compute(&checklist, &a.answers);
    let chart = radar(&scores, 200.0, 150.0, 12.0);
    assert_eq!(chart.axes.len(), 14);
    let first = &chart.axes[0];
    assert_eq!(first.area_id, "teams");
    assert_eq!(first.end, (200.0, 50.0), "first spoke points straight up");
    assert_eq!(first.point, (200.0, 50.0), "100 % sits on the rim");
    assert_eq!(first.label_at, (200.0, 38.0));
    assert_eq!(first.label_anchor, "middle");
    let second = &chart.axes[1];
    assert_eq!(second.area_id, "delivery");
    assert_eq!(second.point, (200.0, 200.0), "0 % sits at the centre");
    assert_eq!(
        second.label_anchor, "start",
        "right-hand labels grow rightwards"
    );
    assert_eq!(chart.axes[10].label_anchor, "end");
    assert_eq!(chart.rings.len(), 4);
    assert_eq!(chart.polygon.split(' ').count(), 14);
    assert!(
        chart.polygon.starts_with("200,50 200,200 "),
        "{}",
        chart.polygon
    );
    assert!(chart
        .text_alternative
        .starts_with("Scores by area, weakest first: Delivery 0 %, "));
}

#[test]
fn bars_list_failures_first_with_values_in_words() {
    let checklist = small_checklist();
    let a = assessment(&[
        ("alpha.f-heavy", Yes),
        ("alpha.f-light", Partly),
        ("beta.f-mid", No),
        ("beta.g-two", NotApplicable),
    ]);
    let scores = Scores::compute(&checklist, &a.answers);
    let bars = bars(&scores);
    assert_eq!(bars[0].area_id, "beta");
    assert_eq!(bars[0].fraction, 0.0);
    assert_eq!(
        bars[0].label,
        "0 % (1 no, 1 not applicable, 1 not answered)"
    );
    assert_eq!(bars[1].label, "58 % (1 yes, 1 partly, 1 not answered)");
    assert_eq!(
        text_alternative(&scores),
        "Scores by area, weakest first: Beta 0 %, Alpha 58 %. Overall 39 %."
    );
}

#[test]
fn deltas_carry_both_scores_for_display() {
    let checklist = small_checklist();
    let before = all(&checklist, Partly);
    let mut after = all(&checklist, Yes);
    after.answers.set_answer("beta.a-one", Some(NotApplicable));
    let c = compare(&checklist, &before, &after);
    assert_eq!(c.overall.before_score.label(), "50 %");
    assert_eq!(c.overall.after_score.label(), "100 %");
    assert_eq!(c.overall.label(), "+50 points");
    let beta = c.areas.iter().find(|area| area.area_id == "beta");
    let beta = beta.map(|area| {
        (
            area.delta.before_score.label(),
            area.delta.after_score.label(),
        )
    });
    assert_eq!(beta, Some(("50 %".to_string(), "100 %".to_string())));

    let nothing_applies = all(&checklist, NotApplicable);
    let c = compare(&checklist, &nothing_applies, &after);
    assert_eq!(c.overall.before_score.label(), "n/a");
    assert_eq!(c.overall.label(), "n/a");
}
