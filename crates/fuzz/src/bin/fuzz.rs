//! `make fuzz`: runs every target for many seeded cases and prints, per
//! target, the cases run, the failures and the time. Exits non-zero on any
//! failure, printing each failing input (and the command to replay it).
//!
//! Usage: `fuzz [--cases N] [--engine-cases N] [--seed S] [--jobs J]
//! [--only NAME] [--bound-ms MS] [--print-case N]`; `--print-case N` with
//! `--only NAME` prints that case's input (to keep it as a regression
//! fixture) and checks it.

use std::process::ExitCode;
use std::time::Duration;

use faultline_fuzz::runner::{case_of, check_case, run, Outcome, Plan};
use faultline_fuzz::targets::engine_run::EngineRun;
use faultline_fuzz::{input_targets, Target};

struct Options {
    cases: u64,
    engine_cases: u64,
    seed: u64,
    jobs: usize,
    only: Option<String>,
    bound: Duration,
    print_case: Option<u64>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        cases: 1_000_000,
        engine_cases: 20_000,
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        only: None,
        bound: Duration::from_secs(2),
        print_case: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| {
            text.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{flag}: {text:?} is not a whole number"))
        };
        match flag.as_str() {
            "--cases" => options.cases = number(value()?)?,
            "--engine-cases" => options.engine_cases = number(value()?)?,
            "--seed" => options.seed = number(value()?)?,
            "--jobs" => options.jobs = number(value()?)? as usize,
            "--bound-ms" => options.bound = Duration::from_millis(number(value()?)?),
            "--only" => options.only = Some(value()?),
            "--print-case" => options.print_case = Some(number(value()?)?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn print(outcome: &Outcome) {
    println!(
        "{:<14} {:>9} cases  {:>3} failures  {:>8.1} s  slowest case {:.1} ms",
        outcome.target,
        outcome.cases,
        outcome.failures.len(),
        outcome.elapsed.as_secs_f64(),
        outcome.slowest.as_secs_f64() * 1000.0
    );
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    let mut targets: Vec<(Box<dyn Target>, u64)> = match input_targets() {
        Ok(targets) => targets.into_iter().map(|t| (t, options.cases)).collect(),
        Err(message) => {
            eprintln!("fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    targets.push((Box::new(EngineRun), options.engine_cases));
    if let Some(only) = &options.only {
        targets.retain(|(t, _)| t.name() == only);
    }
    if let Some(case) = options.print_case {
        for (target, _) in &targets {
            let input = case_of(target.as_ref(), options.seed, case);
            print!("{}", input.input);
            let verdict = check_case(target.as_ref(), &input, options.bound);
            eprintln!(
                "\n{}: {}",
                target.name(),
                verdict.unwrap_or_else(|| "passes".to_string())
            );
        }
        return ExitCode::SUCCESS;
    }
    println!(
        "seed {}, {} worker thread(s), {:?} per case at most",
        options.seed, options.jobs, options.bound
    );
    let mut failed = 0;
    for (target, cases) in &targets {
        let plan = Plan {
            seed: options.seed,
            cases: *cases,
            jobs: options.jobs,
            case_bound: options.bound,
            hang_limit: options.bound * 10,
        };
        let outcome = run(target.as_ref(), plan);
        print(&outcome);
        for failure in outcome.failures.iter().take(5) {
            println!(
                "  case {} ({}): {}\n  input: {:?}",
                failure.case,
                target.name(),
                failure.problem,
                failure.input.chars().take(2000).collect::<String>()
            );
        }
        failed += outcome.failures.len();
    }
    if failed > 0 {
        println!("{failed} failures; keep each failing input in tests/fixtures/fuzz/<target>/");
        ExitCode::FAILURE
    } else {
        println!("no failures");
        ExitCode::SUCCESS
    }
}
