//! Strict gating: a level is held only when every applicable item at it and
//! below is "yes".

mod checklist_support;

use checklist_support::{all, assessment, real_checklist, small_checklist, yes_up_to};
use faultline::checklist::levels::Levels;
use faultline::checklist::Answer::{No, NotApplicable, Partly, Yes};
use faultline::checklist::{Answer, Level};

fn held(answers: &[(&str, Answer)]) -> Option<Level> {
    let checklist = small_checklist();
    Levels::assess(&checklist, &assessment(answers).answers).held
}

const FOUNDATION_YES: [(&str, Answer); 3] = [
    ("alpha.f-heavy", Yes),
    ("alpha.f-light", Yes),
    ("beta.f-mid", Yes),
];

#[test]
fn nothing_answered_holds_no_level() {
    let checklist = small_checklist();
    let levels = Levels::assess(&checklist, &assessment(&[]).answers);
    assert_eq!(levels.held, None);
    assert_eq!(levels.next, Some(Level::Foundation));
    let foundation = levels.gate(Level::Foundation);
    assert_eq!(foundation.applicable, 3);
    assert_eq!(foundation.met, 0);
    assert_eq!(foundation.unanswered, 3);
    assert_eq!(levels.held_label(), "None yet");
}

#[test]
fn each_level_is_held_exactly_when_its_gate_and_those_below_are_met() {
    let checklist = small_checklist();
    let cases = [
        (vec![], None),
        (vec![Level::Foundation], Some(Level::Foundation)),
        (vec![Level::Foundation, Level::Growth], Some(Level::Growth)),
        (Level::ALL.to_vec(), Some(Level::Advanced)),
        // Gates above a missing one do not count.
        (vec![Level::Growth], None),
        (vec![Level::Growth, Level::Advanced], None),
        (
            vec![Level::Foundation, Level::Advanced],
            Some(Level::Foundation),
        ),
    ];
    for (levels_yes, expected) in cases {
        let a = yes_up_to(&checklist, &levels_yes);
        let levels = Levels::assess(&checklist, &a.answers);
        assert_eq!(levels.held, expected, "yes at {levels_yes:?}");
        for level in Level::ALL {
            assert_eq!(levels.gate(level).is_met(), levels_yes.contains(&level));
        }
    }
    let top = Levels::assess(&checklist, &all(&checklist, Yes).answers);
    assert_eq!(top.next, None);
    assert!(top.holds(Level::Growth));
}

#[test]
fn partly_does_not_meet_a_gate() {
    let mut answers = FOUNDATION_YES.to_vec();
    answers[1] = ("alpha.f-light", Partly);
    assert_eq!(held(&answers), None);
}

#[test]
fn unanswered_does_not_meet_a_gate() {
    assert_eq!(held(&FOUNDATION_YES[..2]), None);
    assert_eq!(held(&FOUNDATION_YES), Some(Level::Foundation));
}

#[test]
fn not_applicable_items_are_left_out_of_gates() {
    let mut answers = FOUNDATION_YES.to_vec();
    answers[0] = ("alpha.f-heavy", NotApplicable);
    assert_eq!(held(&answers), Some(Level::Foundation));
    let checklist = small_checklist();
    let levels = Levels::assess(&checklist, &assessment(&answers).answers);
    assert_eq!(levels.gate(Level::Foundation).applicable, 2);
}

#[test]
fn a_gate_whose_items_all_do_not_apply_is_met() {
    let answers = [
        ("alpha.f-heavy", NotApplicable),
        ("alpha.f-light", NotApplicable),
        ("beta.f-mid", NotApplicable),
        ("alpha.g-one", No),
    ];
    assert_eq!(held(&answers), Some(Level::Foundation));
}

#[test]
fn every_single_unmet_item_drops_the_level_below_its_own() {
    // Exhaustive boundary check on the real checklist: everything "yes" but one
    // item, answered partly, no or left blank.
    let checklist = real_checklist();
    let everything = all(&checklist, Yes);
    assert_eq!(
        Levels::assess(&checklist, &everything.answers).held,
        Some(Level::Advanced)
    );
    for item in checklist.items() {
        let expected = match item.level {
            Level::Foundation => None,
            Level::Growth => Some(Level::Foundation),
            Level::Advanced => Some(Level::Growth),
        };
        for answer in [Some(Partly), Some(No), None] {
            let mut a = everything.clone();
            a.answers.set_answer(&item.id, answer);
            let levels = Levels::assess(&checklist, &a.answers);
            assert_eq!(levels.held, expected, "{} answered {answer:?}", item.id);
            assert_eq!(
                levels.gate(item.level).unmet,
                std::slice::from_ref(&item.id)
            );
        }
        let mut a = everything.clone();
        a.answers.set_answer(&item.id, Some(NotApplicable));
        assert_eq!(
            Levels::assess(&checklist, &a.answers).held,
            Some(Level::Advanced)
        );
    }
}

#[test]
fn explanation_says_why_and_what_reaches_the_next_level() {
    let checklist = small_checklist();
    let a = assessment(&[
        ("alpha.f-heavy", Yes),
        ("alpha.f-light", Yes),
        ("beta.f-mid", Yes),
        ("alpha.g-one", No),
    ]);
    let levels = Levels::assess(&checklist, &a.answers);
    let text = levels.explanation(&checklist);
    assert!(text.starts_with("Foundation level held"), "{text}");
    assert!(
        text.contains("To reach Growth, 2 growth items still need a \"yes\": Title of alpha.g-one and Title of beta.g-two."),
        "{text}"
    );
    assert!(text.contains("1 of them is not answered yet."), "{text}");
    let top = Levels::assess(&checklist, &all(&checklist, Yes).answers).explanation(&checklist);
    assert!(top.contains("highest level"), "{top}");
}

#[test]
fn gate_progress_counts_met_items() {
    let checklist = small_checklist();
    let a = assessment(&[
        ("alpha.f-heavy", Yes),
        ("alpha.f-light", Partly),
        ("beta.f-mid", No),
    ]);
    let levels = Levels::assess(&checklist, &a.answers);
    let gate = levels.gate(Level::Foundation);
    assert_eq!(gate.progress_label(), "1 of 3 met");
    assert_eq!(gate.unmet, ["alpha.f-light", "beta.f-mid"]);
    assert_eq!(gate.unanswered, 0);
}
