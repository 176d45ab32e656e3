//! The `sim` command as a user meets it: exit status 0 for a good run, 1 for
//! a scenario that is missing or wrong, 2 for a command line it does not
//! understand, and messages that name the file, the line and the field.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

use cli::{assert_status, stderr, stdout};

/// Runs `sim` from the repository root.
fn sim(args: &[&str]) -> Output {
    cli::run(env!("CARGO_BIN_EXE_sim"), args)
}

/// Writes `text` to a file of its own under the target dir.
fn scenario_file(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_sim");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write scenario");
    path
}

/// A small valid scenario, one field a line, so tests can break a known line.
const GOOD: &str = r#"{
  "name": "cli",
  "seed": 1,
  "duration_s": 20,
  "load": { "rate_rps": 50 },
  "entry": "api",
  "services": [
    {
      "name": "api",
      "workers": 2,
      "service_time": { "dist": "exponential", "mean_ms": 5 }
    }
  ]
}
"#;

#[test]
fn a_good_scenario_runs_and_prints_json_with_the_seed_asked_for() {
    let path = scenario_file("good.json", GOOD);
    let out = sim(&["run", &path.to_string_lossy(), "--json", "--seed", "9"]);
    assert_status(&out, 0);
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON summary");
    assert_eq!(summary["seed"], 9);
    assert_eq!(summary["name"], "cli");
    assert!(
        summary["requests"]["offered"].as_u64() > Some(500),
        "{summary}"
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let out = sim(&["validate", &path.to_string_lossy(), "circuit-breaker"]);
    assert_status(&out, 0);
    assert!(stdout(&out).contains("good.json: ok (cli, 1 services)"));
    assert!(stdout(&out).contains("circuit-breaker: ok"));
}

#[test]
fn broken_json_is_reported_with_file_line_and_column() {
    // Line 4 ends with a second comma.
    let text = GOOD.replace(r#""duration_s": 20,"#, r#""duration_s": 20,,"#);
    let path = scenario_file("syntax.json", &text);
    let out = sim(&["run", &path.to_string_lossy()]);
    assert_status(&out, 1);
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("{}:4:", path.display())),
        "file:line first: {err}"
    );
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_field_is_named_by_its_path_and_line() {
    let text = GOOD.replace(r#""workers": 2"#, r#""workerz": 2"#);
    let path = scenario_file("unknown-field.json", &text);
    let out = sim(&["run", &path.to_string_lossy()]);
    assert_status(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:10:15: services[0].workerz: unknown field `workerz`",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn out_of_range_values_are_named_by_their_field() {
    let text = GOOD
        .replace(r#""workers": 2"#, r#""workers": 0"#)
        .replace(r#""rate_rps": 50"#, r#""rate_rps": -5"#);
    let path = scenario_file("out-of-range.json", &text);
    let out = sim(&["validate", &path.to_string_lossy()]);
    assert_status(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: invalid scenario:", path.display())),
        "{err}"
    );
    assert!(err.contains("\n  services[0].workers: "), "{err}");
    assert!(err.contains("\n  load.rate_rps: "), "{err}");
    assert!(err.contains("1 of 1 invalid"), "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let out = sim(&["run", "no/such/scenario.json"]);
    assert_status(&out, 1);
    assert!(
        stderr(&out).contains("no/such/scenario.json: no such file or preset"),
        "{}",
        stderr(&out)
    );
    // validate goes on past a missing file and counts it.
    let good = scenario_file("good-too.json", GOOD);
    let out = sim(&["validate", "missing.json", &good.to_string_lossy()]);
    assert_status(&out, 1);
    assert!(stderr(&out).contains("missing.json: no such file or preset"));
    assert!(stdout(&out).contains("good-too.json: ok"));
    assert!(stderr(&out).contains("1 of 2 invalid"));
}

#[test]
fn a_command_line_it_does_not_understand_exits_2_with_the_usage() {
    let cases: [(&[&str], &str); 7] = [
        (&[], "no command given"),
        (&["frobnicate"], "unknown command `frobnicate`"),
        (
            &["run", "circuit-breaker", "--bogus"],
            "unknown option `--bogus`",
        ),
        (
            &["run", "circuit-breaker", "--seed", "x"],
            "--seed: not a whole number: `x`",
        ),
        (
            &["run", "circuit-breaker", "--seed"],
            "--seed needs a number",
        ),
        (&["run"], "run needs a scenario file or preset id"),
        (
            &["run", "circuit-breaker", "ten-services"],
            "run takes one scenario, got `circuit-breaker` and `ten-services`",
        ),
    ];
    for (args, message) in cases {
        let out = sim(args);
        assert_status(&out, 2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("sim: {message}\n")),
            "{args:?}: {err}"
        );
        assert!(err.contains("usage:"), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    let out = sim(&["validate"]);
    assert_status(&out, 2);
    assert!(stderr(&out).starts_with("sim: validate needs at least one file"));
}

#[test]
fn a_reader_that_has_gone_ends_the_run_quietly() {
    use std::process::{Command, Stdio};
    // `sim run … --json | true`: the reader closes the pipe before sim has
    // written anything (the read end is dropped right after the start, while
    // sim is still simulating), so every write fails with a broken pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sim"))
        .args(["run", "ten-services", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sim starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("sim ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {stderr}",
        output.status
    );
}
