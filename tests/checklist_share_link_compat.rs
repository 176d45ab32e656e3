//! Share links made before the codec moved to the `base64` and `crc32fast`
//! crates must still open: these tokens were produced by the earlier
//! hand-written base64url and CRC-32 code (commit 33189ae) and are pinned
//! here byte for byte.

mod checklist_support;

use checklist_support::small_checklist;
use faultline::checklist::dora::{
    DeployFrequency, DoraAnswers, FailureRate, LeadTime, RecoveryTime,
};
use faultline::checklist::share_link::{decode, encode, DEFAULT_SHARED_NAME};
use faultline::checklist::{Answer, Assessment, TeamContext};

/// Every field the format carries: answers of each kind, context, a name
/// with non-ASCII text, a note and a not-applicable reason.
fn full_assessment() -> Assessment {
    let mut a = Assessment::named("Équipe paiements — Q3");
    a.answers.set_answer("alpha.f-heavy", Some(Answer::Yes));
    a.answers.set_answer("alpha.f-light", Some(Answer::Partly));
    a.answers.set_answer("alpha.g-one", Some(Answer::No));
    a.answers
        .set_answer("beta.f-mid", Some(Answer::NotApplicable));
    a.answers.set_reason("beta.f-mid", "No shared database.");
    a.answers.set_note("alpha.f-heavy", "Runbooks since May ✓");
    a.context = TeamContext {
        teams: Some(4),
        services: Some(300),
        dora: DoraAnswers {
            deployment_frequency: Some(DeployFrequency::DailyToWeekly),
            lead_time: Some(LeadTime::WeekToMonth),
            change_failure_rate: FailureRate::new(15),
            recovery_time: Some(RecoveryTime::UnderHour),
        },
    };
    a
}

/// Produced by the old encoder for [`full_assessment`].
const OLD_FULL_TOKEN: &str = "AaqkDHQGKcAABKwCIwEPAxjDiXF1aXBlIHBhaWVtZW50cyDigJQgUTMCABZSdW5ib29rcyBzaW5jZSBNYXkg4pyTBxNObyBzaGFyZWQgZGF0YWJhc2UugmDyiA";

/// Produced by the old encoder for an unnamed, unanswered assessment.
const OLD_BLANK_TOKEN: &str = "AaqkDHQGAAAAAAAAAP8A9G5wHw";

#[test]
fn a_full_link_made_by_the_old_codec_still_decodes() {
    let checklist = small_checklist();
    let expected = full_assessment();
    assert_eq!(encode(&checklist, &expected), OLD_FULL_TOKEN);
    assert_eq!(decode(&checklist, OLD_FULL_TOKEN), Ok(expected.clone()));
}

#[test]
fn a_blank_link_made_by_the_old_codec_still_decodes() {
    let checklist = small_checklist();
    let mut blank = Assessment::named("");
    assert_eq!(encode(&checklist, &blank), OLD_BLANK_TOKEN);
    blank.name = DEFAULT_SHARED_NAME.to_string();
    assert_eq!(decode(&checklist, OLD_BLANK_TOKEN), Ok(blank));
}
