//! DORA classification against the 2024 bands, at every edge.

use faultline::checklist::dora::{
    Cluster, DeployFrequency, DoraAnswers, DoraKey, DoraProfile, FailureRate, LeadTime,
    RecoveryTime, BANDS_NAME, BANDS_YEAR,
};

#[test]
fn deployment_frequency_bands() {
    use DeployFrequency::*;
    let expected = [
        (OnDemand, Cluster::Elite),
        (DailyToWeekly, Cluster::High),
        (WeeklyToMonthly, Cluster::Medium),
        (MonthlyToSixMonths, Cluster::Low),
        (LessOften, Cluster::Low),
    ];
    assert_eq!(DeployFrequency::ALL.len(), expected.len());
    for (choice, cluster) in expected {
        assert_eq!(choice.cluster(), cluster, "{choice:?}");
    }
    assert!(
        LessOften.note().is_some(),
        "answers below every band say so"
    );
    assert!(OnDemand.note().is_none());
}

#[test]
fn lead_time_bands() {
    use LeadTime::*;
    let expected = [
        (UnderDay, Cluster::Elite),
        (DayToWeek, Cluster::High),
        (WeekToMonth, Cluster::Medium),
        (MonthToSixMonths, Cluster::Low),
        (OverSixMonths, Cluster::Low),
    ];
    assert_eq!(LeadTime::ALL.len(), expected.len());
    for (choice, cluster) in expected {
        assert_eq!(choice.cluster(), cluster, "{choice:?}");
    }
}

#[test]
fn recovery_time_bands_including_the_gap_between_medium_and_low() {
    use RecoveryTime::*;
    let expected = [
        (UnderHour, Cluster::Elite),
        // High and Medium share "less than a day" in 2024.
        (UnderDay, Cluster::High),
        // Between Medium (< 1 day) and Low (1 week – 1 month): not Medium.
        (DayToWeek, Cluster::Low),
        (WeekToMonth, Cluster::Low),
        (OverMonth, Cluster::Low),
    ];
    assert_eq!(RecoveryTime::ALL.len(), expected.len());
    for (choice, cluster) in expected {
        assert_eq!(choice.cluster(), cluster, "{choice:?}");
    }
    assert!(UnderDay
        .note()
        .is_some_and(|n| n.contains("High and Medium")));
    assert!(DayToWeek.note().is_some());
}

#[test]
fn change_failure_rate_edges_follow_the_nearest_typical_rate() {
    // Typical 2024 rates: Elite 5, Medium 10, High 20, Low 40. Midpoints 7.5,
    // 15 (a tie, to the lower rate) and 30 (a tie, to the lower rate).
    let edges = [
        (0, Cluster::Elite),
        (5, Cluster::Elite),
        (7, Cluster::Elite),
        (8, Cluster::Medium),
        (10, Cluster::Medium),
        (15, Cluster::Medium),
        (16, Cluster::High),
        (20, Cluster::High),
        (30, Cluster::High),
        (31, Cluster::Low),
        (40, Cluster::Low),
        (100, Cluster::Low),
    ];
    for (percent, cluster) in edges {
        let rate = FailureRate::new(percent).expect("0..=100 is valid");
        assert_eq!(rate.cluster(), cluster, "{percent} %");
    }
    assert_eq!(FailureRate::new(101), None);
    assert_eq!(FailureRate::new(255), None);
}

#[test]
fn every_failure_rate_is_classified_monotonically_except_the_2024_swap() {
    // Walking 0 → 100 % visits Elite, Medium, High, Low in that order, never back.
    let order = [Cluster::Elite, Cluster::Medium, Cluster::High, Cluster::Low];
    let mut stage = 0;
    for percent in 0..=100 {
        let cluster = FailureRate::new(percent).map(FailureRate::cluster);
        let position = order
            .iter()
            .position(|&c| Some(c) == cluster)
            .expect("classified");
        assert!(position >= stage, "{percent} % went back to {cluster:?}");
        stage = position;
    }
    assert_eq!(stage, 3);
}

#[test]
fn failure_rate_serde_rejects_values_above_100() {
    let ok: DoraAnswers = serde_json::from_str(r#"{"change_failure_rate": 100}"#).expect("valid");
    assert_eq!(ok.change_failure_rate.map(FailureRate::percent), Some(100));
    let error = serde_json::from_str::<DoraAnswers>(r#"{"change_failure_rate": 101}"#)
        .expect_err("101 % is impossible");
    assert!(error.to_string().contains("above 100"), "{error}");
}

#[test]
fn choice_ids_round_trip_and_are_unique() {
    for choice in DeployFrequency::ALL {
        assert_eq!(DeployFrequency::from_id(choice.id()), Some(*choice));
    }
    for choice in LeadTime::ALL {
        assert_eq!(LeadTime::from_id(choice.id()), Some(*choice));
    }
    for choice in RecoveryTime::ALL {
        assert_eq!(RecoveryTime::from_id(choice.id()), Some(*choice));
    }
    assert_eq!(LeadTime::from_id("yesterday"), None);
}

fn profile(answers: DoraAnswers) -> DoraProfile {
    DoraProfile::classify(&answers)
}

#[test]
fn at_least_high_counts_medium_failure_rate_as_better_than_high() {
    let answers = DoraAnswers {
        deployment_frequency: Some(DeployFrequency::WeeklyToMonthly),
        lead_time: Some(LeadTime::DayToWeek),
        change_failure_rate: FailureRate::new(10),
        recovery_time: Some(RecoveryTime::UnderDay),
    };
    let p = profile(answers);
    let df = p.key(DoraKey::DeploymentFrequency).expect("key");
    assert_eq!(df.cluster, Some(Cluster::Medium));
    assert!(
        !df.at_least_high,
        "Medium deployment frequency is below High"
    );
    let cfr = p.key(DoraKey::ChangeFailureRate).expect("key");
    assert_eq!(cfr.cluster, Some(Cluster::Medium));
    assert!(cfr.at_least_high, "10 % fails less often than High's 20 %");
    assert_eq!(p.at_least_high(), 3);
    assert_eq!(p.answered(), 4);
}

#[test]
fn profile_reports_bands_year_and_blank_keys() {
    let p = profile(DoraAnswers {
        lead_time: Some(LeadTime::WeekToMonth),
        ..DoraAnswers::default()
    });
    assert_eq!(p.year, BANDS_YEAR);
    assert_eq!(BANDS_YEAR, 2024);
    assert_eq!(p.keys.len(), 4);
    assert_eq!(p.answered(), 1);
    let lead = p.key(DoraKey::LeadTime).expect("key");
    assert_eq!(lead.band, Some("a week to a month"));
    assert_eq!(lead.answer.as_deref(), Some("Between a week and a month"));
    let blank = p.key(DoraKey::RecoveryTime).expect("key");
    assert_eq!(blank.cluster, None);
    assert!(!blank.at_least_high, "a blank key never counts as High");
    assert!(p.summary().contains(BANDS_NAME));
    assert!(BANDS_NAME.contains("2024"));
    assert_eq!(
        profile(DoraAnswers::default()).summary(),
        format!("Delivery performance not answered ({BANDS_NAME}).")
    );
}

#[test]
fn band_table_matches_the_2024_report() {
    assert_eq!(DoraKey::ChangeFailureRate.band(Cluster::High), "20 %");
    assert_eq!(DoraKey::ChangeFailureRate.band(Cluster::Medium), "10 %");
    assert_eq!(
        DoraKey::RecoveryTime.band(Cluster::Medium),
        "less than a day"
    );
    assert_eq!(
        DoraKey::RecoveryTime.band(Cluster::Low),
        "a week to a month"
    );
    assert_eq!(
        DoraKey::DeploymentFrequency.band(Cluster::Elite),
        "on demand, several times a day"
    );
    assert_eq!(DoraKey::LeadTime.band(Cluster::Low), "one to six months");
}

#[test]
fn failure_rates_typed_into_the_form_parse_or_say_what_is_wrong() {
    for (text, expected) in [
        ("", None),
        ("   ", None),
        ("0", Some(0)),
        ("15", Some(15)),
        (" 15 ", Some(15)),
        ("15%", Some(15)),
        ("15 %", Some(15)),
        ("100", Some(100)),
    ] {
        assert_eq!(
            FailureRate::parse(text).map(|rate| rate.map(FailureRate::percent)),
            Ok(expected),
            "{text:?}"
        );
    }
    for text in ["101", "255", "256", "-1", "12.5", "ten", "%", "1 5"] {
        let error = FailureRate::parse(text).expect_err(text);
        assert!(error.contains(&format!("{:?}", text.trim())), "{error}");
        assert!(error.contains("0 to 100"), "{error}");
    }
}
