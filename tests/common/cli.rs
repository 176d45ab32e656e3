//! Helpers for the command-line tests: run one of the package's binaries from
//! the repository root and read what it printed.

#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs the binary at `exe` (an `env!("CARGO_BIN_EXE_…")` path) with `args`,
/// from the repository root so relative paths in messages are stable.
pub fn run(exe: &str, args: &[&str]) -> Output {
    Command::new(exe)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary starts")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit status, showing both outputs when it differs.
pub fn assert_status(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}
