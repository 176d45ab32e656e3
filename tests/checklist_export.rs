//! Markdown and JSON reports, and importing JSON back.

mod checklist_support;

use checklist_support::{all, real_checklist, small_checklist, teams};
use faultline::checklist::export::{import_json, to_json, to_markdown, ImportError};
use faultline::checklist::{Answer, Assessment, LinkKind};

fn no_links(_: LinkKind, _: &str) -> Option<String> {
    None
}

fn sample() -> Assessment {
    let checklist = real_checklist();
    let mut a = all(&checklist, Answer::Yes);
    a.name = "Spring *review*".to_string();
    a.updated = Some("2026-03-31".to_string());
    a.context = teams(4);
    a.answers
        .set_answer("resilience.timeouts", Some(Answer::No));
    a.answers
        .set_note("resilience.timeouts", "owner | [Ana] #2\nnext sprint");
    a.answers
        .set_answer("messaging.dead-letters", Some(Answer::NotApplicable));
    a.answers
        .set_reason("messaging.dead-letters", "no queues yet");
    a.answers
        .set_answer("delivery.progressive-delivery", Some(Answer::Partly));
    a.answers.set_answer("operability.decision-log", None);
    a
}

#[test]
fn json_export_imports_back_to_the_same_assessment() {
    let checklist = real_checklist();
    let a = sample();
    let json = to_json(&checklist, &a);
    let imported = import_json(&checklist, &json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.assessment, a);
    assert!(!imported.checklist_changed);
    assert!(imported.unknown_ids.is_empty());
}

#[test]
fn json_export_carries_the_results() {
    let checklist = real_checklist();
    let json = to_json(&checklist, &sample());
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["format"], "faultline-assessment");
    assert_eq!(value["format_version"], 1);
    assert_eq!(
        value["checklist_fingerprint"],
        format!("{:08x}", checklist.fingerprint())
    );
    let results = &value["results"];
    assert_eq!(results["verdict"]["kind"], "stay-monolith");
    assert_eq!(results["verdict"]["rule"], "foundation-gap");
    assert_eq!(results["levels"]["held"], serde_json::Value::Null);
    assert_eq!(results["plan"][0]["item_id"], "resilience.timeouts");
    assert_eq!(results["plan"][0]["status"], "no");
    assert_eq!(results["dora"]["year"], 2024);
    assert_eq!(
        results["completeness"]["answered"],
        checklist.items().len() - 1
    );
    assert!(results["scores"]["overall"]["percent"].as_f64().is_some());
}

#[test]
fn import_ignores_edited_results_and_recomputes() {
    let checklist = small_checklist();
    let a = all(&checklist, Answer::No);
    let json = to_json(&checklist, &a).replace("\"stay-monolith\"", "\"scale-out\"");
    let imported = import_json(&checklist, &json).expect("valid");
    assert_eq!(imported.assessment, a);
}

#[test]
fn import_reports_a_different_checklist_and_unknown_items() {
    let small = small_checklist();
    let real = real_checklist();
    let json = to_json(&small, &all(&small, Answer::Yes));
    let imported = import_json(&real, &json).expect("readable");
    assert!(imported.checklist_changed);
    assert_eq!(imported.unknown_ids.len(), small.items().len());
}

#[test]
fn import_errors_say_what_is_wrong() {
    let checklist = small_checklist();
    let valid = to_json(&checklist, &all(&checklist, Answer::Yes));
    let cases = [
        ("nonsense", "not valid JSON"),
        (
            "{\"format\": \"something-else\"}",
            "not a Faultline assessment export",
        ),
        (
            "{\"format\": \"faultline-assessment\", \"format_version\": 7}",
            "export version 7",
        ),
        (
            "{\"format\": \"faultline-assessment\"}",
            "export version (missing)",
        ),
        (
            "{\"format\": \"faultline-assessment\", \"format_version\": 1}",
            "no \"assessment\" section",
        ),
    ];
    for (text, expected) in cases {
        let error = import_json(&checklist, text).expect_err(text);
        let message = error.to_string();
        assert!(
            message.starts_with("The file could not be imported: "),
            "{message}"
        );
        assert!(message.contains(expected), "{text}: {message}");
    }
    let bad_answer = valid.replacen("\"answer\": \"yes\"", "\"answer\": \"sometimes\"", 1);
    assert!(matches!(
        import_json(&checklist, &bad_answer),
        Err(ImportError::Invalid { .. })
    ));
    let bad_name = valid.replacen("\"name\": \"Test\"", "\"name\": \"\"", 1);
    let error = import_json(&checklist, &bad_name).expect_err("blank name");
    assert!(error.to_string().contains("needs a name"), "{error}");
}

#[test]
fn markdown_report_has_every_section_in_order() {
    let checklist = real_checklist();
    let md = to_markdown(&checklist, &sample(), &no_links);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Verdict: Stay a modular monolith",
            "## Level: None yet",
            "## Scores",
            "## Delivery performance (DORA 2024 bands)",
            "## Plan",
            "## Answers",
        ]
    );
    assert!(
        md.starts_with("# Readiness assessment: Spring \\*review\\*\n"),
        "{md}"
    );
    assert!(
        md.contains("Updated 2026-03-31. 76 of 77 items answered."),
        "{md}"
    );
    assert!(md.contains("> 1 unanswered items count as not met"), "{md}");
    assert!(
        md.contains("| Foundation | 30 of 32 met | ✗ not met |"),
        "{md}"
    );
}

#[test]
fn markdown_plan_follows_the_plan_order_with_words_not_colours() {
    let checklist = real_checklist();
    let md = to_markdown(&checklist, &sample(), &no_links);
    let plan = md
        .split("## Plan")
        .nth(1)
        .and_then(|s| s.split("## Answers").next())
        .expect("plan");
    let first = plan
        .find("**Timeouts on every call**")
        .expect("first entry");
    // The decision log is a foundation item now, so it comes before the
    // canary item (growth) despite its lower weight.
    let second = plan.find("**Decision log**").expect("second");
    let third = plan
        .find("**Canary releases with automatic rollback**")
        .expect("third");
    assert!(first < second && second < third, "{plan}");
    assert!(plan.contains("1. **Timeouts on every call** (Resilience, foundation gate, weight 3): ✗ No. Put in place"), "{plan}");
    assert!(plan.contains("◐ Partly. Finish"), "{plan}");
    assert!(
        plan.contains("? Not answered. Answer, then fix if needed"),
        "{plan}"
    );
    // User text is escaped so it cannot break the document.
    assert!(
        plan.contains("Your note: owner \\| \\[Ana\\] \\#2 next sprint"),
        "{plan}"
    );
    assert!(
        plan.contains("read: `timeouts-retries-backoff#put-a-timeout-on-every-remote-call`"),
        "{plan}"
    );
}

#[test]
fn markdown_links_use_the_given_urls() {
    let checklist = real_checklist();
    let link = |kind: LinkKind, id: &str| {
        Some(match kind {
            LinkKind::Article => format!("https://example.org/guide/{id}"),
            LinkKind::Preset => format!("https://example.org/simulator/{id}"),
        })
    };
    let md = to_markdown(&checklist, &sample(), &link);
    assert!(md.contains(
        "[timeouts-retries-backoff#put-a-timeout-on-every-remote-call](https://example.org/guide/timeouts-retries-backoff#put-a-timeout-on-every-remote-call)"
    ));
    assert!(md.contains("see it in the simulator: [slow-dependency-timeouts](https://example.org/simulator/slow-dependency-timeouts)"));
}

#[test]
fn markdown_answers_list_reasons_and_notes() {
    let checklist = real_checklist();
    let md = to_markdown(&checklist, &sample(), &no_links);
    let answers = md.split("## Answers").nth(1).expect("answers");
    assert!(answers.contains("### Messaging"));
    assert!(answers.contains("- – Not applicable: "), "{answers}");
    assert!(
        answers.contains("(messaging.dead-letters) Reason: no queues yet."),
        "{answers}"
    );
    assert_eq!(answers.matches("\n- ").count(), checklist.items().len());
}

#[test]
fn a_complete_assessment_has_no_plan_and_no_completeness_warning() {
    let checklist = small_checklist();
    let md = to_markdown(&checklist, &all(&checklist, Answer::Yes), &no_links);
    assert!(md.contains("Every applicable item is met."));
    assert!(!md.contains("unanswered items count"));
}

#[test]
fn download_file_names_are_safe_and_say_which_assessment() {
    use faultline::checklist::export::file_name;
    for (name, extension, expected) in [
        ("Q3 review", "md", "faultline-q3-review.md"),
        (
            "  Spring *review* / 2026 ",
            "json",
            "faultline-spring-review-2026.json",
        ),
        ("../../etc/passwd", "md", "faultline-etc-passwd.md"),
        ("Équipe Zürich", "md", "faultline-équipe-zürich.md"),
        ("***", "json", "faultline-assessment.json"),
        ("", "md", "faultline-assessment.md"),
    ] {
        assert_eq!(file_name(name, extension), expected, "{name:?}");
    }
    let long = file_name(&"a".repeat(200), "md");
    assert_eq!(long, format!("faultline-{}.md", "a".repeat(60)));
    let cut_at_a_dash = file_name(&format!("{} tail", "b".repeat(59)), "md");
    assert_eq!(cut_at_a_dash, format!("faultline-{}.md", "b".repeat(59)));
}

#[test]
fn markdown_labels_linked_sections_with_their_headings_when_known() {
    let mut checklist = real_checklist();
    let entry = "timeouts-retries-backoff#put-a-timeout-on-every-remote-call";
    checklist.set_section_titles(
        [(
            entry.to_string(),
            "Put a timeout on every remote call".to_string(),
        )]
        .into(),
    );
    let link = |_: LinkKind, id: &str| Some(format!("https://example.org/guide/{id}"));
    let md = to_markdown(&checklist, &sample(), &link);
    assert!(
        md.contains(&format!(
            "read: [Put a timeout on every remote call](https://example.org/guide/{entry}), [cascading-and-metastable-failures#stopping-a-cascade]("
        )),
        "{md}"
    );
    let plain = to_markdown(&checklist, &sample(), &no_links);
    assert!(
        plain.contains(&format!(
            "read: Put a timeout on every remote call (`{entry}`)"
        )),
        "{plain}"
    );
}
