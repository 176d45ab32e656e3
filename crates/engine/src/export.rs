//! Run results as files: the time series as CSV (one row per bucket, for a
//! spreadsheet) and everything as JSON (scenario, summary, buckets, traces).

use serde::Serialize;

use super::metrics::{Cause, Causes};
use super::report::{Bucket, Summary, Trace};
use super::scenario::Scenario;
use super::series::{cause_key, RunShape};

/// The `format` field of a JSON export.
pub const RESULTS_FORMAT: &str = "faultline-run";
pub const RESULTS_VERSION: u32 = 1;

/// The JSON export.
#[derive(Serialize)]
struct Results<'a> {
    format: &'static str,
    version: u32,
    scenario: &'a Scenario,
    summary: &'a Summary,
    buckets: &'a [Bucket],
    traces: &'a [Trace],
}

/// Everything about a run, as pretty JSON.
pub fn results_json(
    scenario: &Scenario,
    summary: &Summary,
    buckets: &[Bucket],
    traces: &[Trace],
) -> String {
    let results = Results {
        format: RESULTS_FORMAT,
        version: RESULTS_VERSION,
        scenario,
        summary,
        buckets,
        traces,
    };
    // Plain data with string keys; non-finite floats become null.
    serde_json::to_string_pretty(&results).unwrap_or_default()
}

/// A file name stem from a scenario name: lower-case ASCII letters and
/// digits joined by dashes, at most 60 characters, `scenario` if nothing
/// is left.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if out.len() >= 60 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "scenario".to_string()
    } else {
        out.to_string()
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A number as CSV writes it: plain, full precision, empty when missing.
fn num(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        String::new()
    }
}

fn cause_columns(prefix: &str, header: &mut Vec<String>) {
    for cause in Cause::ALL {
        header.push(format!("{prefix}failed_{}", cause_key(cause)));
    }
}

fn cause_values(causes: &Causes, row: &mut Vec<String>) {
    for cause in Cause::ALL {
        row.push(causes.get(cause).to_string());
    }
}

/// The buckets as CSV: time, then the client's columns, then each
/// service's (prefixed `NAME.`), then each call's (prefixed `FROM->TO.`).
/// Counts are per bucket, not per second; times in seconds, latencies in ms.
pub fn buckets_csv(shape: &RunShape, buckets: &[Bucket]) -> String {
    let mut header: Vec<String> = ["t_s", "width_s"].map(String::from).to_vec();
    for col in ["arrivals", "succeeded", "good"] {
        header.push(format!("client.{col}"));
    }
    cause_columns("client.", &mut header);
    for col in ["retries", "p50_ms", "p95_ms", "p99_ms", "in_flight"] {
        header.push(format!("client.{col}"));
    }
    for name in &shape.services {
        let p = format!("{name}.");
        for col in ["arrivals", "succeeded"] {
            header.push(format!("{p}{col}"));
        }
        cause_columns(&p, &mut header);
        for col in [
            "utilization",
            "queue",
            "max_queue",
            "in_system",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "retries",
            "timed_out",
            "wasted_s",
            "replicas_up",
        ] {
            header.push(format!("{p}{col}"));
        }
    }
    for (from, to, _) in &shape.edges {
        let p = format!("{from}->{to}.");
        for col in [
            "attempts",
            "retries",
            "timeouts",
            "circuit_open",
            "bulkhead_full",
            "breaker",
            "queue_depth",
            "max_queue_depth",
            "oldest_age_ms",
            "published",
            "publish_failed",
            "dead_letters",
            "lag_mean_ms",
            "lag_max_ms",
        ] {
            header.push(format!("{p}{col}"));
        }
    }
    let mut out = String::new();
    push_row(&mut out, header.iter().map(|h| field(h)));
    for b in buckets {
        let c = &b.client;
        let mut row = vec![num(b.t_s), num(b.width_s)];
        row.extend([c.arrivals, c.succeeded, c.good].map(|n| n.to_string()));
        cause_values(&c.failed, &mut row);
        row.push(c.retries.to_string());
        row.extend([c.p50_ms, c.p95_ms, c.p99_ms, c.in_flight].map(num));
        for i in 0..shape.services.len() {
            let Some(s) = b.services.get(i) else {
                row.extend((0..20).map(|_| String::new()));
                continue;
            };
            row.extend([s.arrivals, s.succeeded].map(|n| n.to_string()));
            cause_values(&s.failed, &mut row);
            row.extend([s.utilization, s.queue].map(num));
            row.push(s.max_queue.to_string());
            row.extend([s.in_system, s.p50_ms, s.p95_ms, s.p99_ms].map(num));
            row.extend([s.retries, s.timed_out].map(|n| n.to_string()));
            row.push(num(s.wasted_s));
            row.push(s.replicas_up.to_string());
        }
        for e in 0..shape.edges.len() {
            let Some(e) = b.edges.get(e) else {
                row.extend((0..14).map(|_| String::new()));
                continue;
            };
            row.extend(
                [
                    e.attempts,
                    e.retries,
                    e.timeouts,
                    e.circuit_open,
                    e.bulkhead_full,
                ]
                .map(|n| n.to_string()),
            );
            row.push(breaker_name(e.breaker).to_string());
            row.push(num(e.queue_depth));
            row.push(e.max_queue_depth.to_string());
            row.push(num(e.oldest_age_ms));
            row.extend([e.published, e.publish_failed, e.dead_letters].map(|n| n.to_string()));
            row.extend([e.lag_mean_ms, e.lag_max_ms].map(num));
        }
        push_row(&mut out, row.into_iter());
    }
    out
}

fn breaker_name(state: super::policy::BreakerState) -> &'static str {
    use super::policy::BreakerState;
    match state {
        BreakerState::Closed => "closed",
        BreakerState::Open => "open",
        BreakerState::HalfOpen => "half_open",
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&cell);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Simulation;

    const TWO: &str = r#"{ "name": "two", "seed": 2, "duration_s": 5,
        "load": { "rate_rps": 20 }, "entry": "front, \"quoted\"",
        "services": [
          { "name": "front, \"quoted\"", "workers": 2,
            "service_time": { "dist": "constant", "mean_ms": 10 },
            "calls": [ { "to": "back", "mode": "async" } ] },
          { "name": "back", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 5 } } ] }"#;

    fn run() -> (Scenario, Simulation) {
        let scenario = Scenario::from_json_str(TWO).expect("valid");
        let mut sim = Simulation::new(&scenario).expect("valid");
        sim.run_to_end();
        (scenario, sim)
    }

    /// Splits one CSV line, honouring quotes.
    fn cells(line: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().expect("a cell").push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(String::new()),
                c => out.last_mut().expect("a cell").push(c),
            }
        }
        out
    }

    #[test]
    fn csv_has_one_row_per_bucket_and_aligned_columns() {
        let (_, sim) = run();
        let csv = buckets_csv(&RunShape::of(&sim), sim.buckets());
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1 + sim.buckets().len());
        let header = cells(lines[0]);
        assert!(
            header.contains(&"front, \"quoted\".arrivals".to_string()),
            "{header:?}"
        );
        assert!(header.contains(&"front, \"quoted\"->back.published".to_string()));
        for line in &lines[1..] {
            assert_eq!(cells(line).len(), header.len(), "{line}");
        }
        let col = |name: &str| header.iter().position(|h| h == name).expect("column");
        let arrivals: u64 = lines[1..]
            .iter()
            .map(|l| {
                cells(l)[col("client.arrivals")]
                    .parse::<u64>()
                    .expect("count")
            })
            .sum();
        assert_eq!(
            arrivals,
            sim.buckets().iter().map(|b| b.client.arrivals).sum::<u64>()
        );
        assert_eq!(cells(lines[1])[col("t_s")], "1");
    }

    #[test]
    fn file_stems_are_safe_names() {
        assert_eq!(
            file_stem("One slow dependency: pools!"),
            "one-slow-dependency-pools"
        );
        assert_eq!(file_stem("  ***  "), "scenario");
        assert_eq!(file_stem("Ünïcode ça va"), "n-code-a-va");
        assert!(file_stem(&"x".repeat(500)).len() <= 60);
    }

    #[test]
    fn json_holds_scenario_summary_and_series() {
        let (scenario, sim) = run();
        let text = results_json(&scenario, &sim.summary(), sim.buckets(), sim.traces());
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["format"], RESULTS_FORMAT);
        assert_eq!(value["buckets"].as_array().map(Vec::len), Some(5));
        let back: Scenario = serde_json::from_value(value["scenario"].clone()).expect("a scenario");
        assert_eq!(back, scenario);
        assert_eq!(
            value["summary"]["requests"]["offered"].as_u64(),
            Some(sim.summary().requests.offered)
        );
    }
}
