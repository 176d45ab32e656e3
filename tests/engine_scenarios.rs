//! Scenario validation: every bad input gets an error naming the field and
//! the reason, and nothing panics or runs away, whatever the input.

use faultline::engine::{Scenario, ScenarioError, Simulation};

const GOOD: &str = r#"{ "name": "checkout", "seed": 42, "duration_s": 600, "warmup_s": 60,
  "load": { "rate_rps": 15.0 },
  "entry": "api",
  "services": [
    { "name": "api", "workers": 2, "queue_capacity": null,
      "service_time": { "dist": "exponential", "mean_ms": 100 },
      "calls": [ { "to": "db", "mode": "sync", "timeout_ms": 1000 } ] },
    { "name": "db", "workers": 4, "queue_capacity": 10,
      "service_time": { "dist": "lognormal", "mean_ms": 20, "stddev_ms": 10 } } ] }"#;

fn errors(json: &str) -> ScenarioError {
    match Scenario::from_json_str(json) {
        Ok(_) => panic!("expected an error for {json}"),
        Err(e) => e,
    }
}

fn has(e: &ScenarioError, path: &str, words: &str) -> bool {
    e.errors
        .iter()
        .any(|f| f.path == path && f.message.contains(words))
}

#[test]
fn the_issue_example_is_valid_and_runs() {
    let s = Scenario::from_json_str(GOOD).expect("valid");
    let summary = faultline::engine::run(&s).expect("runs");
    assert!(summary.requests.offered > 7000);
    assert_eq!(summary.services.len(), 2);
}

#[test]
fn errors_name_the_field_and_the_reason() {
    let e = errors(&GOOD.replace(r#""to": "db""#, r#""to": "dbb""#));
    assert!(
        has(&e, "services[0].calls[0].to", "unknown service \"dbb\""),
        "{e}"
    );

    let e = errors(&GOOD.replace(r#""rate_rps": 15.0"#, r#""rate_rps": -3"#));
    assert!(has(&e, "load.rate_rps", "between 0"), "{e}");

    let e = errors(&GOOD.replace(r#""workers": 4"#, r#""workers": 0"#));
    assert!(has(&e, "services[1].workers", "between 1"), "{e}");

    let e = errors(&GOOD.replace(r#""entry": "api""#, r#""entry": "web""#));
    assert!(has(&e, "entry", "unknown service \"web\""), "{e}");

    let e = errors(&GOOD.replace(r#""warmup_s": 60"#, r#""warmup_s": 700"#));
    assert!(has(&e, "warmup_s", "shorter than duration_s"), "{e}");

    let e = errors(&GOOD.replace(r#""timeout_ms": 1000"#, r#""timeout_ms": 0"#));
    assert!(
        has(&e, "services[0].calls[0].timeout_ms", "greater than 0"),
        "{e}"
    );

    let dup = GOOD.replace(r#""name": "db""#, r#""name": "api""#);
    let e = errors(&dup);
    assert!(has(&e, "services[1].name", "duplicate"), "{e}");
}

#[test]
fn several_errors_are_reported_at_once() {
    let bad = GOOD
        .replace(r#""workers": 2"#, r#""workers": 0"#)
        .replace(r#""mean_ms": 20"#, r#""mean_ms": -1"#);
    let e = errors(&bad);
    assert!(e.errors.len() >= 2, "{e}");
}

#[test]
fn a_cycle_of_calls_is_refused() {
    let cyc = GOOD.replace(
        r#""queue_capacity": 10,"#,
        r#""queue_capacity": 10, "calls": [ { "to": "api", "mode": "sync" } ],"#,
    );
    let e = errors(&cyc);
    assert!(
        e.errors
            .iter()
            .any(|f| f.message.contains("cycle") && f.message.contains("api → db → api")),
        "{e}"
    );
}

#[test]
fn json_problems_are_reported_not_panicked() {
    let e = errors("{ not json");
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    let e = errors(&GOOD.replace(r#""workers": 2"#, r#""workerz": 2"#));
    assert!(e.to_string().contains("workerz"), "{e}");
    let e = errors(&GOOD.replace(r#""dist": "exponential""#, r#""dist": "pareto""#));
    assert!(e.to_string().contains("pareto"), "{e}");
    let e = errors(r#"{ "name": "x" }"#);
    assert!(e.to_string().contains("missing field"), "{e}");
}

#[test]
fn json_shape_errors_are_reported_at_their_field() {
    // A wrong type deep inside: the path says where, not only the column.
    let e = errors(&GOOD.replace(r#""workers": 4"#, r#""workers": "four""#));
    assert!(has(&e, "services[1].workers", "invalid type"), "{e}");
    let e = errors(&GOOD.replace(r#""timeout_ms": 1000"#, r#""timeout_ms": -1e999"#));
    assert_eq!(e.errors[0].path, "", "{e}");
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    // A missing field is reported at the object that lacks it, an unknown
    // one at its own path.
    let e = errors(&GOOD.replace(r#""workers": 2,"#, ""));
    assert!(has(&e, "services[0]", "missing field `workers`"), "{e}");
    let e = errors(&GOOD.replace(r#""mode": "sync""#, r#""mode": "sync", "retries": 3"#));
    assert!(
        has(
            &e,
            "services[0].calls[0].retries",
            "unknown field `retries`"
        ),
        "{e}"
    );
    // Trailing text after the document is a syntax error, as before.
    let e = errors(&format!("{GOOD} 1"));
    assert!(e.to_string().contains("not valid JSON"), "{e}");
}

#[test]
fn long_decimals_read_back_bit_for_bit() {
    // Found by `make fuzz`: serde_json's default fast float parser can be one
    // ulp off on long decimals, so a scenario written to a share code or an
    // export and read again was a slightly different scenario.
    let json = GOOD.replace(r#""mean_ms": 20"#, r#""mean_ms": 3.6460635460635403430164"#);
    let scenario = Scenario::from_json_str(&json).expect("valid");
    let again = Scenario::from_json_str(&scenario.to_json_pretty()).expect("valid");
    assert_eq!(again, scenario);
    let mean = match scenario.services[1].service_time {
        faultline::engine::Dist::Lognormal { mean_ms, .. } => mean_ms,
        ref other => panic!("unexpected {other:?}"),
    };
    // The correctly rounded double nearest to the decimal.
    assert_eq!(mean.to_bits(), 3.646_063_546_063_540_4_f64.to_bits());
}

#[test]
fn absurd_work_is_refused_before_running() {
    let huge = GOOD
        .replace(r#""rate_rps": 15.0"#, r#""rate_rps": 900000"#)
        .replace(r#""duration_s": 600"#, r#""duration_s": 3000"#);
    let e = errors(&huge);
    assert!(has(&e, "load", "service visits"), "{e}");
    let e = errors(&GOOD.replace(r#""duration_s": 600"#, r#""duration_s": 1e300"#));
    assert!(has(&e, "duration_s", "at most"), "{e}");
    let e = errors(&GOOD.replace(
        r#""duration_s": 600, "warmup_s": 60"#,
        r#""duration_s": 6000, "metrics": { "bucket_s": 0.01 }"#,
    ));
    assert!(has(&e, "metrics.bucket_s", "buckets"), "{e}");
}

#[test]
fn unbounded_growth_stops_with_a_message_instead_of_exhausting_memory() {
    // A heavily overloaded service with an unbounded queue: the backlog would
    // grow by ~900 000 requests a second.
    let json = r#"{ "name": "flood", "duration_s": 100, "load": { "rate_rps": 1000000 }, "entry": "s",
        "services": [ { "name": "s", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 10 } } ] }"#;
    let s = Scenario::from_json_str(json).expect("within the work limit");
    let mut sim = Simulation::new(&s).expect("valid");
    sim.run_to_end();
    let reason = sim.stopped_early().expect("stopped early");
    assert!(reason.contains("in the system at once"), "{reason}");
    assert!(sim.is_finished());
    assert!(sim.summary().stopped_early.is_some());
}

/// A small deterministic generator for the mutation test.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn mutated_presets_never_panic_and_never_hang() {
    let replacements = [
        "-1",
        "0",
        "1e308",
        "-1e308",
        "0.000001",
        "null",
        "\"x\"",
        "[]",
        "{}",
        "true",
        "4294967296",
        "1e-300",
    ];
    let mut rng = Lcg(12345);
    let presets: Vec<String> = std::fs::read_dir("content/scenarios")
        .expect("presets")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let mut accepted = 0;
    for round in 0..600 {
        let text = &presets[round % presets.len()];
        // Replace one number in the file with something hostile.
        let numbers: Vec<(usize, usize)> = {
            let bytes = text.as_bytes();
            let mut spans = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit()
                    && i > 0
                    && (bytes[i - 1] == b' ' || bytes[i - 1] == b':')
                {
                    let start = i;
                    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                        i += 1;
                    }
                    spans.push((start, i));
                } else {
                    i += 1;
                }
            }
            spans
        };
        let (a, b) = numbers[rng.next() as usize % numbers.len()];
        let with = replacements[rng.next() as usize % replacements.len()];
        let mutated = format!("{}{}{}", &text[..a], with, &text[b..]);
        // Also truncate some inputs, as a damaged share link would be.
        let mutated = if round % 7 == 0 {
            mutated[..mutated.len() * (rng.next() as usize % 100) / 100].to_string()
        } else {
            mutated
        };
        if let Ok(s) = Scenario::from_json_str(&mutated) {
            accepted += 1;
            let mut sim = Simulation::new(&s).expect("validated");
            // Bounded slices: run_events always returns, so returning proves
            // nothing. A stuck loop (events that reschedule themselves at the
            // same instant) shows as a slice after which simulated time has
            // not moved and the run is not over: each slice of 50 000 events
            // must either finish the run or advance the clock.
            for slice in 0..3 {
                let before = sim.now_s();
                let finished = sim.run_events(50_000);
                assert!(
                    finished || sim.now_s() > before,
                    "round {round}, slice {slice}: simulated time stuck at {before} s \
                     after {} events",
                    sim.events_processed()
                );
                if finished {
                    break;
                }
            }
            let _ = sim.summary();
        }
    }
    assert!(
        accepted > 50,
        "some mutations stay valid and run: {accepted}"
    );
}
