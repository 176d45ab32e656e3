//! Progress through the questionnaire: the next unanswered item (in order,
//! wrapping round) and the count of answered team-context questions.

mod checklist_support;

use checklist_support::{all, assessment, small_checklist};
use faultline::checklist::dora::{DeployFrequency, DoraAnswers, FailureRate, RecoveryTime};
use faultline::checklist::progress::{context_answered, next_unanswered, CONTEXT_QUESTIONS};
use faultline::checklist::{Answer, Answers, TeamContext};

fn next_id(answers: &Answers, after: Option<&str>) -> Option<String> {
    next_unanswered(&small_checklist(), answers, after).map(|item| item.id.clone())
}

#[test]
fn with_nothing_answered_the_first_item_comes_first() {
    let answers = Answers::new();
    assert_eq!(next_id(&answers, None).as_deref(), Some("alpha.f-heavy"));
}

#[test]
fn the_search_starts_after_the_given_item_and_skips_answered_ones() {
    let answers = assessment(&[
        ("alpha.g-one", Answer::Yes),
        ("beta.f-mid", Answer::NotApplicable),
    ])
    .answers;
    assert_eq!(
        next_id(&answers, Some("alpha.f-light")).as_deref(),
        Some("beta.g-two"),
        "alpha.g-one (yes) and beta.f-mid (not applicable) count as answered"
    );
}

#[test]
fn the_search_wraps_round_to_the_start() {
    let answers = assessment(&[("beta.a-one", Answer::No)]).answers;
    assert_eq!(
        next_id(&answers, Some("beta.g-two")).as_deref(),
        Some("alpha.f-heavy")
    );
    assert_eq!(
        next_id(&answers, Some("beta.a-one")).as_deref(),
        Some("alpha.f-heavy")
    );
}

#[test]
fn the_given_item_itself_comes_last_when_it_is_the_only_one_left() {
    let checklist = small_checklist();
    let mut answers = all(&checklist, Answer::Partly).answers;
    answers.set_answer("alpha.g-one", None);
    assert_eq!(
        next_id(&answers, Some("alpha.g-one")).as_deref(),
        Some("alpha.g-one")
    );
}

#[test]
fn an_unknown_starting_id_starts_from_the_top() {
    let answers = assessment(&[("alpha.f-heavy", Answer::Yes)]).answers;
    assert_eq!(
        next_id(&answers, Some("gone.item")).as_deref(),
        Some("alpha.f-light")
    );
}

#[test]
fn nothing_is_next_when_everything_is_answered() {
    let checklist = small_checklist();
    let answers = all(&checklist, Answer::No).answers;
    assert_eq!(next_id(&answers, None), None);
    assert_eq!(next_id(&answers, Some("beta.f-mid")), None);
}

#[test]
fn notes_alone_do_not_count_as_answers() {
    let mut answers = Answers::new();
    answers.set_note("alpha.f-heavy", "Owner: platform team");
    assert_eq!(next_id(&answers, None).as_deref(), Some("alpha.f-heavy"));
}

#[test]
fn context_questions_are_counted_one_by_one() {
    let mut context = TeamContext::default();
    assert_eq!(context_answered(&context), 0);
    context.teams = Some(3);
    assert_eq!(context_answered(&context), 1);
    context.services = Some(1);
    context.dora = DoraAnswers {
        deployment_frequency: Some(DeployFrequency::OnDemand),
        change_failure_rate: FailureRate::new(0),
        ..DoraAnswers::default()
    };
    assert_eq!(
        context_answered(&context),
        4,
        "a 0 % failure rate is an answer"
    );
    context.dora.lead_time = Some(faultline::checklist::dora::LeadTime::UnderDay);
    context.dora.recovery_time = Some(RecoveryTime::UnderHour);
    assert_eq!(context_answered(&context), CONTEXT_QUESTIONS);
}
