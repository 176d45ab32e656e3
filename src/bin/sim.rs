//! `sim`: run, check and benchmark simulation scenarios from the command line.
//!
//! ```text
//! sim run FILE|PRESET [--json] [--seed N]   run a scenario, print a summary
//! sim validate FILE...                      check scenario files
//! sim presets                               list the shipped presets
//! sim bench                                 simulated requests per second
//! sim sweep FILE|PRESET --param PATH ...     parameter sweeps (see sim/sweep.rs)
//! ```
//!
//! Exit status: 0 on success, 1 when a scenario is missing, malformed or
//! invalid (the message names the file, and the line and field when it has
//! them), 2 for a command line it does not understand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use faultline::engine::scenario_file::{self, ScenarioFileError};
use faultline::engine::{Scenario, Simulation, Summary};
use stdout::{out, outln};

#[path = "sim/parallel.rs"]
mod parallel;
#[path = "sim/stdout.rs"]
mod stdout;
#[path = "sim/sweep.rs"]
mod sweep;

const USAGE: &str = "usage:
  sim run FILE|PRESET [--json] [--seed N]   run a scenario and print its summary
  sim validate FILE...                      check scenario files
  sim presets                               list the presets in content/scenarios
  sim bench                                 measure simulated requests per second
  sim sweep ...                             parameter sweeps (sim sweep --help)";

/// Why a command failed: its exit status follows the kind.
enum Failure {
    /// The command line is wrong (exit status 2, with the usage).
    Usage(String),
    /// A scenario is missing or wrong, or a run could not be made (status 1).
    Input(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Input(message)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("validate") => cmd_validate(&args[1..]),
        Some("presets") => cmd_presets().map_err(Failure::from),
        Some("bench") => cmd_bench(&args[1..]).map_err(Failure::from),
        Some("sweep") if args.get(1).is_some_and(|a| a == "--help" || a == "-h") => {
            outln!("usage:\n{}", sweep::USAGE);
            Ok(())
        }
        Some("sweep") => sweep::cmd_sweep(&args[1..]).map_err(Failure::from),
        Some("-h" | "--help" | "help") => {
            outln!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command `{other}`"))),
        None => Err(Failure::Usage("no command given".to_string())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
        Err(Failure::Usage(message)) => {
            eprintln!("sim: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `content/scenarios`, found from the working directory or the source tree.
fn presets_dir() -> PathBuf {
    let local = Path::new("content/scenarios");
    if local.is_dir() {
        local.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/scenarios")
    }
}

/// Loads a scenario from a file path, or by preset id.
fn load(arg: &str) -> Result<Scenario, String> {
    let path = if Path::new(arg).is_file() {
        PathBuf::from(arg)
    } else {
        let preset = presets_dir().join(format!("{arg}.json"));
        if !preset.is_file() {
            return Err(format!("{arg}: no such file or preset (see `sim presets`)"));
        }
        preset
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    scenario_file::parse(&text).map_err(|e| located(&path, &e))
}

/// An error in `path` as editors and terminals link it: `file:line:column:
/// field: message` for JSON problems, one `field: message` line per invalid
/// value otherwise.
fn located(path: &Path, error: &ScenarioFileError) -> String {
    let file = path.display();
    match error {
        ScenarioFileError::Json {
            line,
            column,
            field,
            message,
        } if field.is_empty() => format!("{file}:{line}:{column}: {message}"),
        ScenarioFileError::Json {
            line,
            column,
            field,
            message,
        } => format!("{file}:{line}:{column}: {field}: {message}"),
        ScenarioFileError::Invalid(invalid) => {
            let mut out = format!("{file}: invalid scenario:");
            for field_error in &invalid.errors {
                out += &format!("\n  {field_error}");
            }
            out
        }
    }
}

fn cmd_run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut json = false;
    let mut seed = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--seed" => {
                let value = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--seed needs a number".to_string()))?;
                seed = Some(value.parse::<u64>().map_err(|_| {
                    Failure::Usage(format!("--seed: not a whole number: `{value}`"))
                })?);
            }
            other if other.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option `{other}`")))
            }
            other => {
                if let Some(first) = &file {
                    return Err(Failure::Usage(format!(
                        "run takes one scenario, got `{first}` and `{other}`"
                    )));
                }
                file = Some(other.to_string());
            }
        }
    }
    let file =
        file.ok_or_else(|| Failure::Usage("run needs a scenario file or preset id".to_string()))?;
    let mut scenario = load(&file)?;
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    let mut sim = Simulation::new(&scenario).map_err(|e| format!("{file}: {e}"))?;
    sim.run_to_end();
    let summary = sim.summary();
    if json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
        outln!("{text}");
    } else {
        out!("{}", table(&summary));
    }
    Ok(())
}

fn cmd_validate(args: &[String]) -> Result<(), Failure> {
    if args.is_empty() {
        return Err(Failure::Usage(
            "validate needs at least one file".to_string(),
        ));
    }
    let mut failed = 0;
    for arg in args {
        match load(arg) {
            Ok(s) => outln!("{arg}: ok ({}, {} services)", s.name, s.services.len()),
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        Err(Failure::Input(format!(
            "{failed} of {} invalid",
            args.len()
        )))
    } else {
        Ok(())
    }
}

fn cmd_presets() -> Result<(), String> {
    let dir = presets_dir();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Scenario::from_json_str(&t).map_err(|e| e.to_string()))
        {
            Ok(s) => outln!("{id:<26} {}", s.name),
            Err(e) => outln!("{id:<26} INVALID: {e}"),
        }
    }
    Ok(())
}

fn table(s: &Summary) -> String {
    let mut out = String::new();
    let r = &s.requests;
    out += &format!(
        "{} (seed {}, {:.0} s, warm-up {:.0} s)\n",
        s.name, s.seed, s.duration_s, s.warmup_s
    );
    if let Some(reason) = &s.stopped_early {
        out += &format!("STOPPED EARLY: {reason}\n");
    }
    out += &format!(
        "requests: {} offered, {} succeeded, {} failed, {} in flight at the end\n",
        r.offered, r.succeeded, r.failed, r.in_flight
    );
    let f = &r.failed_by_cause;
    if r.failed > 0 {
        out += &format!(
            "failures: timeout {}, rejected {}, shed {}, circuit open {}, bulkhead full {}, error {}, downstream {}\n",
            f.timeout, f.rejected, f.shed, f.circuit_open, f.bulkhead_full, f.error, f.downstream
        );
    }
    let l = &s.latency_ms;
    out += &format!(
        "latency ms: mean {:.1}, p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}\n",
        l.mean, l.p50, l.p90, l.p99, l.max
    );
    out += &format!(
        "throughput {:.2} rps, goodput {:.2} rps, client retries {}, wasted work {:.1} s, {} events\n\n",
        s.throughput_rps, s.goodput_rps, s.retries, s.wasted_work_s, s.events
    );
    out += &format!(
        "{:<16} {:>6} {:>8} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}\n",
        "service",
        "util",
        "queue",
        "resp ms",
        "p99 ms",
        "tput rps",
        "attempts",
        "rejected",
        "timedout"
    );
    for svc in &s.services {
        out += &format!(
            "{:<16} {:>5.1}% {:>8.2} {:>9.1} {:>9.1} {:>9.2} {:>9} {:>8} {:>8}\n",
            svc.name,
            svc.utilization * 100.0,
            svc.mean_queue_length,
            svc.mean_response_ms,
            svc.p99_response_ms,
            svc.throughput_rps,
            svc.attempts,
            svc.rejected,
            svc.timed_out
        );
    }
    out += &replica_table(s);
    out += &format!(
        "\n{:<34} {:>6} {:>8} {:>8} {:>8} {:>8} {:>10} {:>10}\n",
        "call", "mode", "attempts", "retries", "timeouts", "breaker", "lag ms", "dead/full"
    );
    for e in &s.edges {
        let mode = match e.mode {
            faultline::engine::CallMode::Sync => "sync",
            faultline::engine::CallMode::Async => "async",
        };
        out += &format!(
            "{:<34} {:>6} {:>8} {:>8} {:>8} {:>8} {:>10.1} {:>10}\n",
            format!("{} → {}", e.from, e.to),
            mode,
            e.attempts,
            e.retries,
            e.timeouts,
            e.circuit_open,
            e.mean_lag_ms,
            e.dead_letters + e.publish_failed
        );
    }
    out
}

/// Per-replica rows for the services that have more than one replica: the
/// per-instance view that names a bad replica the service's row hides.
fn replica_table(s: &Summary) -> String {
    let mut out = String::new();
    for svc in s.services.iter().filter(|svc| svc.replicas.len() > 1) {
        out += &format!(
            "\n{:<16} {:>6} {:>9} {:>9} {:>8} {:>8} {:>9} {:>9} {:>9}\n",
            format!("{} replica", svc.name),
            "util",
            "admitted",
            "succeeded",
            "failed",
            "timedout",
            "resp ms",
            "p50 ms",
            "p99 ms"
        );
        for r in &svc.replicas {
            out += &format!(
                "{:<16} {:>5.1}% {:>9} {:>9} {:>8} {:>8} {:>9.1} {:>9.1} {:>9.1}\n",
                format!("#{}", r.replica),
                r.utilization * 100.0,
                r.admitted,
                r.succeeded,
                r.failed.total(),
                r.timed_out,
                r.mean_response_ms,
                r.p50_response_ms,
                r.p99_response_ms
            );
        }
    }
    out
}

/// A benchmark (not a test): wall-clock speed of the engine on this machine.
fn cmd_bench(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let mm1 = format!(
        r#"{{ "name": "M/M/1 at 80 % load", "seed": 7, "duration_s": {},
            "load": {{ "rate_rps": 800 }}, "entry": "server",
            "services": [ {{ "name": "server", "workers": 1, "queue_capacity": null,
                             "service_time": {{ "dist": "exponential", "mean_ms": 1.0 }} }} ] }}"#,
        if quick { 500 } else { 5000 }
    );
    let mm1 = Scenario::from_json_str(&mm1).map_err(|e| e.to_string())?;
    outln!("engine benchmark (wall clock, this machine; best of 3 runs)");
    bench_one("M/M/1, rho = 0.8", &mm1)?;
    let ten = load("ten-services")?;
    bench_one(&format!("ten-services preset ({})", ten.name), &ten)?;
    Ok(())
}

fn bench_one(label: &str, scenario: &Scenario) -> Result<(), String> {
    let mut best: Option<(f64, u64, u64, usize, f64)> = None;
    for _ in 0..3 {
        let mut sim = Simulation::new(scenario).map_err(|e| e.to_string())?;
        let start = Instant::now();
        sim.run_to_end();
        let secs = start.elapsed().as_secs_f64();
        let summary = sim.summary();
        // Client requests over the whole run (arrivals), not just the measured part.
        let requests: u64 = sim.buckets().iter().map(|b| b.client.arrivals).sum();
        if best.is_none_or(|b| secs < b.0) {
            best = Some((
                secs,
                requests,
                summary.events,
                sim.peak_tasks(),
                sim.duration_s(),
            ));
        }
    }
    let Some((secs, requests, events, peak, simulated)) = best else {
        return Ok(());
    };
    outln!("{label}");
    outln!(
        "  {requests} requests, {events} events, {simulated:.0} simulated s in {secs:.3} s wall: \
         {:.2} M requests/s, {:.2} M events/s, {:.0} simulated s per wall s; peak {peak} requests in memory",
        requests as f64 / secs / 1e6,
        events as f64 / secs / 1e6,
        simulated / secs
    );
    Ok(())
}
