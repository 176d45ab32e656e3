//! The verdict rules with the team context, rule by rule and at each boundary.

mod checklist_support;

use checklist_support::{all, small_checklist, yes_up_to};
use faultline::checklist::dora::{
    DeployFrequency, DoraAnswers, DoraProfile, FailureRate, LeadTime, RecoveryTime,
};
use faultline::checklist::levels::Levels;
use faultline::checklist::verdict::{
    decide, Verdict, VerdictFacts, VerdictKind, VerdictRule, DORA_KEYS_AT_HIGH, MANY_SERVICES,
    RULES, SCALE_OUT_MIN_TEAMS,
};
use faultline::checklist::{Answer, Assessment, Level, Report, TeamContext};

/// DORA answers with the first `high` keys at High and the others Low.
fn dora_high(high: usize) -> DoraAnswers {
    DoraAnswers {
        deployment_frequency: Some(if high > 0 {
            DeployFrequency::DailyToWeekly
        } else {
            DeployFrequency::MonthlyToSixMonths
        }),
        lead_time: Some(if high > 1 {
            LeadTime::DayToWeek
        } else {
            LeadTime::MonthToSixMonths
        }),
        change_failure_rate: FailureRate::new(if high > 2 { 20 } else { 40 }),
        recovery_time: Some(if high > 3 {
            RecoveryTime::UnderDay
        } else {
            RecoveryTime::WeekToMonth
        }),
    }
}

fn context(teams: Option<u32>, services: Option<u32>, high: usize) -> TeamContext {
    TeamContext {
        teams,
        services,
        dora: dora_high(high),
    }
}

fn verdict_for(mut assessment: Assessment, context: TeamContext) -> Verdict {
    assessment.context = context;
    Report::build(&small_checklist(), &assessment).verdict
}

fn everything_yes() -> Assessment {
    all(&small_checklist(), Answer::Yes)
}

fn foundation_only() -> Assessment {
    yes_up_to(&small_checklist(), &[Level::Foundation])
}

fn foundation_gap() -> Assessment {
    let mut a = everything_yes();
    a.answers.set_answer("beta.f-mid", Some(Answer::No));
    a
}

/// Fails unless some reason contains `needle`.
fn assert_reason(v: &Verdict, needle: &str) {
    assert!(
        v.reasons.iter().any(|r| r.contains(needle)),
        "no reason contains {needle:?}: {v:?}"
    );
}

/// Fails unless some reason starts with `prefix`.
fn assert_reason_starting(v: &Verdict, prefix: &str) {
    assert!(
        v.reasons.iter().any(|r| r.starts_with(prefix)),
        "no reason starts with {prefix:?}: {v:?}"
    );
}

/// Fails if any reason contains `needle`.
fn assert_no_reason(v: &Verdict, needle: &str) {
    assert!(
        !v.reasons.iter().any(|r| r.contains(needle)),
        "a reason contains {needle:?}: {v:?}"
    );
}

#[test]
fn one_team_is_told_to_stay_a_monolith_whatever_its_score() {
    let v = verdict_for(everything_yes(), context(Some(1), Some(1), 4));
    assert_eq!(
        (v.rule, v.kind),
        (VerdictRule::OneTeam, VerdictKind::StayMonolith)
    );
    assert!(
        v.reasons[0].starts_with("One team ships the whole system"),
        "{v:?}"
    );
    assert_reason(&v, "foundation items are all met");
    // Even with its foundations missing, the one-team reason comes first.
    let v = verdict_for(foundation_gap(), context(Some(1), None, 0));
    assert_eq!(v.rule, VerdictRule::OneTeam);
    assert_reason(
        &v,
        "1 of 3 foundation items is still open (Title of beta.f-mid)",
    );
}

#[test]
fn one_team_running_several_services_hears_about_consolidating() {
    let v = verdict_for(everything_yes(), context(Some(1), Some(6), 4));
    assert_reason(&v, "You already run 6 services with one team");
    let v = verdict_for(everything_yes(), context(Some(1), Some(1), 4));
    assert_no_reason(&v, "already run");
}

#[test]
fn open_foundation_items_keep_several_teams_in_the_monolith() {
    for teams in [Some(2), Some(3), Some(40), None] {
        let v = verdict_for(foundation_gap(), context(teams, None, 4));
        assert_eq!(
            (v.rule, v.kind),
            (VerdictRule::FoundationGap, VerdictKind::StayMonolith),
            "{teams:?}"
        );
        assert!(
            v.reasons[0]
                .starts_with("1 of 3 foundation items is not met yet: Title of beta.f-mid."),
            "{v:?}"
        );
    }
    let v = verdict_for(foundation_gap(), context(Some(4), Some(9), 4));
    assert_reason(&v, "With 4 teams");
    assert_reason(&v, "You already run 9 services without these foundations");
}

#[test]
fn reasons_list_the_actual_gaps_and_unanswered_items() {
    let mut a = everything_yes();
    a.answers.set_answer("alpha.f-heavy", Some(Answer::Partly));
    a.answers.set_answer("alpha.f-light", None);
    let v = verdict_for(a, context(Some(3), None, 4));
    assert!(
        v.reasons[0].starts_with("2 of 3 foundation items are not met yet: Title of alpha.f-heavy and Title of alpha.f-light."),
        "{v:?}"
    );
    assert_reason_starting(&v, "1 foundation item is not answered yet");
}

#[test]
fn unknown_team_count_is_asked_for_once_foundations_are_met() {
    let v = verdict_for(everything_yes(), context(None, None, 4));
    assert_eq!(
        (v.rule, v.kind),
        (VerdictRule::TeamCountUnknown, VerdictKind::NeedsTeamCount)
    );
}

#[test]
fn open_growth_items_mean_a_first_few_services() {
    let v = verdict_for(foundation_only(), context(Some(5), Some(4), 4));
    assert_eq!(
        (v.rule, v.kind),
        (VerdictRule::GrowthGap, VerdictKind::ExtractFew)
    );
    assert!(
        v.reasons[0].contains("Foundation met with 5 teams"),
        "{v:?}"
    );
    assert!(
        v.reasons[1].starts_with(
            "2 of 2 growth items are still open (Title of alpha.g-one and Title of beta.g-two)"
        ),
        "{v:?}"
    );
    assert_no_reason(&v, "already run");
    let v = verdict_for(foundation_only(), context(Some(5), Some(MANY_SERVICES), 4));
    assert_reason(&v, &format!("You already run {MANY_SERVICES} services"));
}

#[test]
fn team_count_boundary_for_scaling_out() {
    assert_eq!(SCALE_OUT_MIN_TEAMS, 3);
    let v = verdict_for(everything_yes(), context(Some(2), None, 4));
    assert_eq!(
        (v.rule, v.kind),
        (VerdictRule::FewTeams, VerdictKind::ExtractFew)
    );
    assert!(
        v.reasons[0].contains("but 2 teams ship the system"),
        "{v:?}"
    );
    let v = verdict_for(everything_yes(), context(Some(3), None, 4));
    assert_eq!(
        (v.rule, v.kind),
        (VerdictRule::Ready, VerdictKind::ScaleOut)
    );
}

#[test]
fn dora_boundary_for_scaling_out() {
    assert_eq!(DORA_KEYS_AT_HIGH, 3);
    for high in 0..=4 {
        let v = verdict_for(everything_yes(), context(Some(6), None, high));
        if high >= DORA_KEYS_AT_HIGH {
            assert_eq!(v.kind, VerdictKind::ScaleOut, "{high} keys at High");
            assert!(
                v.reasons[0].contains(&format!("{high} of 4 delivery keys")),
                "{v:?}"
            );
        } else {
            assert_eq!(
                (v.rule, v.kind),
                (VerdictRule::DeliveryBelowHigh, VerdictKind::ExtractFew),
                "{high}"
            );
            assert!(
                v.reasons[0].contains(&format!("only {high} of 4 delivery keys")),
                "{v:?}"
            );
            assert!(v.reasons[0].contains("DORA 2024 bands"), "{v:?}");
        }
    }
}

#[test]
fn unanswered_dora_keys_do_not_count_as_high() {
    let v = verdict_for(
        everything_yes(),
        TeamContext {
            teams: Some(6),
            services: None,
            dora: DoraAnswers {
                deployment_frequency: Some(DeployFrequency::OnDemand),
                lead_time: Some(LeadTime::UnderDay),
                ..DoraAnswers::default()
            },
        },
    );
    assert_eq!(v.rule, VerdictRule::DeliveryBelowHigh);
    assert!(
        v.reasons[1].contains("Change failure rate (not answered)"),
        "{v:?}"
    );
    assert!(
        v.reasons[1].contains("Failed deployment recovery time (not answered)"),
        "{v:?}"
    );
}

#[test]
fn ready_teams_still_hear_about_open_advanced_items() {
    let checklist = small_checklist();
    let a = yes_up_to(&checklist, &[Level::Foundation, Level::Growth]);
    let v = verdict_for(a, context(Some(4), Some(12), 4));
    assert_eq!(v.kind, VerdictKind::ScaleOut);
    assert_reason_starting(
        &v,
        "1 of 1 advanced item is still open (Title of beta.a-one)",
    );
    let v = verdict_for(everything_yes(), context(Some(4), Some(12), 4));
    assert_no_reason(&v, "advanced");
}

/// The rules restated as plain conditionals, to check the table against.
fn expected(f: &VerdictFacts) -> VerdictKind {
    if f.teams == Some(1) || !f.foundation_met {
        return VerdictKind::StayMonolith;
    }
    let Some(teams) = f.teams else {
        return VerdictKind::NeedsTeamCount;
    };
    if f.growth_met && teams >= 3 && f.dora_keys_at_high >= 3 {
        VerdictKind::ScaleOut
    } else {
        VerdictKind::ExtractFew
    }
}

#[test]
fn rule_table_agrees_with_the_rules_over_every_combination() {
    for teams in [None, Some(1), Some(2), Some(3), Some(4), Some(50)] {
        for services in [None, Some(1), Some(4), Some(5), Some(30)] {
            for foundation_met in [false, true] {
                for growth_met in [false, true] {
                    for dora_keys_at_high in 0..=4 {
                        let facts = VerdictFacts {
                            teams,
                            services,
                            foundation_met,
                            growth_met,
                            dora_keys_at_high,
                        };
                        assert_eq!(decide(&facts).1, expected(&facts), "{facts:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn rule_table_order_is_documented_order() {
    let order: Vec<VerdictRule> = RULES.iter().map(|r| r.rule).collect();
    assert_eq!(
        order,
        [
            VerdictRule::OneTeam,
            VerdictRule::FoundationGap,
            VerdictRule::TeamCountUnknown,
            VerdictRule::GrowthGap,
            VerdictRule::FewTeams,
            VerdictRule::DeliveryBelowHigh,
            VerdictRule::Ready,
        ]
    );
}

#[test]
fn verdict_reads_gates_not_scores() {
    // A high score with one foundation "partly" still stays in the monolith.
    let checklist = small_checklist();
    let mut a = everything_yes();
    a.answers.set_answer("alpha.f-light", Some(Answer::Partly));
    let levels = Levels::assess(&checklist, &a.answers);
    let ctx = context(Some(8), Some(3), 4);
    let v = Verdict::derive(&checklist, &levels, &ctx, &DoraProfile::classify(&ctx.dora));
    assert_eq!(v.kind, VerdictKind::StayMonolith);
    assert_eq!(v.title, "Stay a modular monolith");
}
