//! Share links: round trips over every answer combination, and hostile input
//! (garbage, truncation, tampering, forged checksums) that must never panic.

mod checklist_support;

use checklist_support::{
    all, base64url, real_checklist, sealed_token, small_checklist, unbase64url, Rng,
};
use faultline::checklist::dora::{
    DeployFrequency, DoraAnswers, FailureRate, LeadTime, RecoveryTime,
};
use faultline::checklist::share_link::{decode, encode, ShareLinkError, DEFAULT_SHARED_NAME};
use faultline::checklist::{Answer, Assessment, Checklist, TeamContext};

const STATES: [Option<Answer>; 5] = [
    None,
    Some(Answer::Yes),
    Some(Answer::Partly),
    Some(Answer::No),
    Some(Answer::NotApplicable),
];

fn round_trip(checklist: &Checklist, assessment: &Assessment) -> Assessment {
    let token = encode(checklist, assessment);
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "not URL-safe: {token}"
    );
    decode(checklist, &token).unwrap_or_else(|error| panic!("{error}: {token}"))
}

#[test]
fn every_answer_combination_of_the_small_checklist_round_trips() {
    let checklist = small_checklist();
    let ids: Vec<String> = checklist.item_ids().map(str::to_string).collect();
    let combinations = STATES.len().pow(ids.len() as u32);
    for mut n in 0..combinations {
        let mut a = Assessment::named("Combination");
        for id in &ids {
            a.answers.set_answer(id, STATES[n % STATES.len()]);
            n /= STATES.len();
        }
        assert_eq!(round_trip(&checklist, &a), a);
    }
}

#[test]
fn every_item_in_every_state_round_trips_on_the_real_checklist() {
    let checklist = real_checklist();
    for item in checklist.items() {
        for state in STATES {
            for background in STATES {
                let mut a = Assessment::named("Real");
                for id in checklist.item_ids() {
                    a.answers.set_answer(id, background);
                }
                a.answers.set_answer(&item.id, state);
                assert_eq!(round_trip(&checklist, &a), a, "{} = {state:?}", item.id);
            }
        }
    }
}

#[test]
fn every_team_context_combination_round_trips() {
    let checklist = small_checklist();
    let counts = [None, Some(1), Some(2), Some(127), Some(128), Some(10_000)];
    let rates = [None, Some(0), Some(7), Some(8), Some(100)];
    let mut checked = 0;
    for teams in counts {
        for services in counts {
            for frequency in
                std::iter::once(None).chain(DeployFrequency::ALL.iter().copied().map(Some))
            {
                for lead_time in
                    std::iter::once(None).chain(LeadTime::ALL.iter().copied().map(Some))
                {
                    for recovery_time in
                        std::iter::once(None).chain(RecoveryTime::ALL.iter().copied().map(Some))
                    {
                        for rate in rates {
                            let mut a = all(&checklist, Answer::Partly);
                            a.context = TeamContext {
                                teams,
                                services,
                                dora: DoraAnswers {
                                    deployment_frequency: frequency,
                                    lead_time,
                                    change_failure_rate: rate.and_then(FailureRate::new),
                                    recovery_time,
                                },
                            };
                            assert_eq!(round_trip(&checklist, &a), a);
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 6 * 6 * 6 * 6 * 6 * 5);
}

#[test]
fn notes_reasons_and_name_round_trip_including_unicode() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Answer::Yes);
    a.name = "Q3 review – Zürich 🚀".to_string();
    a.answers
        .set_answer("messaging.dead-letters", Some(Answer::NotApplicable));
    a.answers.set_reason(
        "messaging.dead-letters",
        "We send no messages yet; 非同期なし",
    );
    a.answers.set_note(
        "resilience.timeouts",
        "Payments client: 2 s; search: none!\nFix by Q4.",
    );
    a.answers.set_answer("data.sagas", None);
    a.answers.set_note("data.sagas", "Ask the orders team");
    a.answers
        .set_note("operability.decision-log", &"long note ".repeat(500));
    let back = round_trip(&checklist, &a);
    assert_eq!(back, a);
    assert_eq!(
        back.answers
            .get("messaging.dead-letters")
            .and_then(|r| r.na_reason()),
        Some("We send no messages yet; 非同期なし")
    );
}

#[test]
fn a_link_without_a_name_gets_the_default_name_and_no_update_time() {
    let checklist = small_checklist();
    let mut a = all(&checklist, Answer::Yes);
    a.name = String::new();
    a.updated = Some("2026-01-01T00:00:00Z".to_string());
    let back = decode(&checklist, &encode(&checklist, &a)).expect("valid");
    assert_eq!(back.name, DEFAULT_SHARED_NAME);
    assert_eq!(back.updated, None, "the update time is not shared");
    assert_eq!(back.answers, a.answers);
}

#[test]
fn links_are_short_without_notes() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Answer::Partly);
    a.name = "Now".to_string();
    a.context = TeamContext {
        teams: Some(4),
        services: Some(3),
        dora: DoraAnswers {
            deployment_frequency: Some(DeployFrequency::DailyToWeekly),
            lead_time: Some(LeadTime::DayToWeek),
            change_failure_rate: FailureRate::new(15),
            recovery_time: Some(RecoveryTime::UnderDay),
        },
    };
    let token = encode(&checklist, &a);
    // 77 items × 3 bits = 29 bytes; with the header (6), context (5), flags,
    // name (4) and checksum (4), 49 bytes: 66 base64 characters.
    assert!(token.len() <= 66, "{} characters: {token}", token.len());
}

#[test]
fn surrounding_whitespace_and_a_leading_hash_are_accepted() {
    let checklist = small_checklist();
    let a = all(&checklist, Answer::No);
    let token = encode(&checklist, &a);
    assert_eq!(
        decode(&checklist, &format!("  #{token}\n")).map(|b| b.answers),
        Ok(a.answers)
    );
}

#[test]
fn every_truncation_of_a_valid_link_is_rejected() {
    let checklist = real_checklist();
    let mut a = all(&checklist, Answer::Partly);
    a.answers.set_note("teams.single-owner", "note");
    let token = encode(&checklist, &a);
    for len in 0..token.len() {
        let result = decode(&checklist, &token[..len]);
        assert!(result.is_err(), "prefix of {len} characters was accepted");
        if len == 0 {
            assert_eq!(result, Err(ShareLinkError::Empty));
        }
    }
}

#[test]
fn every_single_character_change_is_detected() {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let checklist = small_checklist();
    let mut a = all(&checklist, Answer::Yes);
    a.context.teams = Some(3);
    a.answers.set_note("alpha.g-one", "ok");
    let token = encode(&checklist, &a);
    for position in 0..token.len() {
        for &replacement in ALPHABET {
            let mut bytes = token.clone().into_bytes();
            if bytes[position] == replacement {
                continue;
            }
            bytes[position] = replacement;
            let altered = String::from_utf8(bytes).expect("ASCII");
            assert!(
                decode(&checklist, &altered).is_err(),
                "change at {position} to {} went unnoticed",
                char::from(replacement)
            );
        }
    }
}

#[test]
fn garbage_never_panics() {
    let checklist = real_checklist();
    let mut rng = Rng::new(0x5eed);
    let pool: Vec<char> = "AZaz09-_+/=#?&%. é🚀\u{0}\n".chars().collect();
    for _ in 0..20_000 {
        let len = rng.below(120);
        let text: String = (0..len).map(|_| pool[rng.below(pool.len())]).collect();
        let _ = decode(&checklist, &text);
    }
    for _ in 0..20_000 {
        let len = rng.below(90);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        assert!(decode(&checklist, &base64url(&bytes)).is_err() || len >= 10);
    }
}

#[test]
fn forged_links_with_valid_checksums_never_panic() {
    // Right version, fingerprint and count, then random content sealed with a
    // correct CRC: this reaches every parser behind the checksum.
    for checklist in [small_checklist(), real_checklist()] {
        let mut rng = Rng::new(42);
        let mut header = vec![1u8];
        header.extend_from_slice(&checklist.fingerprint().to_be_bytes());
        header.push(checklist.items().len() as u8);
        let answer_bytes = (checklist.items().len() * 3).div_ceil(8);
        let mut decoded = 0;
        for round in 0..30_000 {
            let mut body = header.clone();
            // Half the time keep valid answers so the later fields get exercised.
            if round % 2 == 0 {
                body.extend(std::iter::repeat_n(0u8, answer_bytes));
            }
            let len = rng.below(40);
            body.extend((0..len).map(|_| {
                let r = rng.next_u64();
                // Favour small values, which most fields accept.
                if r.is_multiple_of(3) {
                    (r >> 8) as u8
                } else {
                    (r >> 8) as u8 % 6
                }
            }));
            if let Ok(assessment) = decode(&checklist, &sealed_token(&body)) {
                decoded += 1;
                // Whatever decodes must re-encode to something that decodes the same.
                let again =
                    decode(&checklist, &encode(&checklist, &assessment)).expect("re-encodes");
                assert_eq!(again.answers, assessment.answers);
                assert_eq!(again.context, assessment.context);
            }
        }
        assert!(
            decoded > 0,
            "the forging never reached a valid link; the test proves little"
        );
    }
}

/// The body of a valid link for the small checklist up to (not including)
/// the context, with all answers blank.
fn small_header(checklist: &Checklist) -> Vec<u8> {
    let mut body = vec![1u8];
    body.extend_from_slice(&checklist.fingerprint().to_be_bytes());
    body.push(6);
    body.extend_from_slice(&[0, 0, 0]); // 18 bits of answers, rounded up
    body
}

fn malformed(checklist: &Checklist, body: &[u8]) -> String {
    match decode(checklist, &sealed_token(body)) {
        Err(ShareLinkError::Malformed { what }) => what,
        other => panic!("expected a malformed-link error, got {other:?}"),
    }
}

#[test]
fn impossible_fields_behind_a_valid_checksum_are_named() {
    let checklist = small_checklist();
    let context = [0u8, 0, 0, 0, 255];
    let ok = [small_header(&checklist), context.to_vec(), vec![0]].concat();
    assert!(
        decode(&checklist, &sealed_token(&ok)).is_ok(),
        "the baseline is valid"
    );

    let mut bad_answer = ok.clone();
    bad_answer[6] = 0b1110_0000; // first item: code 7
    assert!(
        malformed(&checklist, &bad_answer).contains("alpha.f-heavy has an unknown answer code 7")
    );

    let mut rate = ok.clone();
    rate[13] = 101;
    assert!(malformed(&checklist, &rate).contains("101 %"));

    let mut lead = ok.clone();
    lead[11] = 0x09;
    assert!(malformed(&checklist, &lead).contains("lead time"));

    let mut flags = ok.clone();
    flags[14] = 0x80;
    assert!(malformed(&checklist, &flags).contains("unknown flags"));

    let trailing = [ok.clone(), vec![0]].concat();
    assert!(malformed(&checklist, &trailing).contains("1 unexpected bytes"));

    let too_many_teams = [small_header(&checklist), vec![0x91, 0x4e, 0, 0, 0, 255, 0]].concat(); // 10_001
    assert!(malformed(&checklist, &too_many_teams).contains("teams is 10001"));

    let short = [small_header(&checklist), vec![0, 0]].concat();
    assert!(malformed(&checklist, &short).contains("ends in the middle"));

    let texts = |entries: &[u8]| {
        [
            small_header(&checklist),
            context.to_vec(),
            vec![2],
            entries.to_vec(),
        ]
        .concat()
    };
    assert!(malformed(&checklist, &texts(&[9, 2, 1, b'x'])).contains("too short"));
    assert!(malformed(&checklist, &texts(&[1, 40, 1, b'x'])).contains("item 21 of 6"));
    assert!(malformed(&checklist, &texts(&[1, 1, 1, b'x']))
        .contains("not-applicable reason but another answer"));
    assert!(malformed(&checklist, &texts(&[1, 0, 2, 0xff, 0xfe])).contains("not valid text"));

    let named = [small_header(&checklist), context.to_vec(), vec![1, 0]].concat();
    assert!(malformed(&checklist, &named).contains("needs a name"));
}

#[test]
fn links_for_another_checklist_or_version_say_so() {
    let small = small_checklist();
    let real = real_checklist();
    let token = encode(&small, &all(&small, Answer::Yes));
    assert_eq!(
        decode(&real, &token),
        Err(ShareLinkError::ChecklistChanged {
            link_items: 6,
            current_items: real.items().len()
        })
    );
    let mut bytes = unbase64url(&token);
    bytes.truncate(bytes.len() - 4);
    bytes[0] = 2;
    assert_eq!(
        decode(&small, &sealed_token(&bytes)),
        Err(ShareLinkError::UnsupportedVersion { version: 2 })
    );
    bytes[0] = 1;
    bytes[1] ^= 0xff;
    assert!(matches!(
        decode(&small, &sealed_token(&bytes)),
        Err(ShareLinkError::ChecklistChanged { .. })
    ));
}

#[test]
fn errors_explain_themselves() {
    let checklist = small_checklist();
    let token = encode(&checklist, &all(&checklist, Answer::Yes));
    let cut = decode(&checklist, &token[..token.len() - 3]).expect_err("cut");
    assert!(cut.to_string().contains("cut off"), "{cut}");
    let odd = decode(&checklist, "abc+def").expect_err("bad character");
    assert_eq!(
        odd,
        ShareLinkError::BadCharacter {
            index: 3,
            found: '+'
        }
    );
    assert!(odd.to_string().contains("position 4"), "{odd}");
    let changed = ShareLinkError::ChecklistChanged {
        link_items: 50,
        current_items: 62,
    };
    assert!(changed.to_string().contains("JSON export"), "{changed}");
}

#[test]
fn a_token_travels_in_a_prefixed_fragment_and_comes_back_out() {
    use faultline::checklist::share_link::{fragment, token_in_fragment, FRAGMENT_PREFIX};
    let checklist = small_checklist();
    let token = encode(&checklist, &all(&checklist, Answer::Partly));
    let fragment = fragment(&token);
    assert_eq!(fragment, format!("{FRAGMENT_PREFIX}{token}"));
    assert_eq!(token_in_fragment(&fragment), Some(token.as_str()));
    assert_eq!(
        token_in_fragment(&format!("#{fragment}")),
        Some(token.as_str())
    );
    let read = token_in_fragment(&format!("#{fragment}")).map(|token| decode(&checklist, token));
    assert_eq!(
        read,
        Some(Ok(all(&checklist, Answer::Partly).with_shared_name()))
    );
}

#[test]
fn ordinary_anchors_are_not_share_links_but_an_empty_share_is_reported() {
    use faultline::checklist::share_link::token_in_fragment;
    for fragment in [
        "",
        "#",
        "#main",
        "#item-resilience.timeouts",
        "#Share=abc",
        "share",
    ] {
        assert_eq!(token_in_fragment(fragment), None, "{fragment:?}");
    }
    let checklist = small_checklist();
    let empty = token_in_fragment("#share=").map(|token| decode(&checklist, token));
    assert_eq!(empty, Some(Err(ShareLinkError::Empty)));
}

/// What a shared copy of an assessment looks like after decoding: links
/// carry the name but not the update time.
trait SharedName {
    fn with_shared_name(self) -> Assessment;
}

impl SharedName for Assessment {
    fn with_shared_name(self) -> Assessment {
        Assessment {
            updated: None,
            ..self
        }
    }
}
