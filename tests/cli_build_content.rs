//! The `build-content` command as a user meets it: exit status 0 for good
//! content, 1 when content has problems (each named `file:line: what`) and
//! nothing is written, 2 for a command line it does not understand.

#[path = "common/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

use cli::{assert_status, stderr, stdout};

/// Runs `build-content` from the repository root.
fn build_content(args: &[&str]) -> Output {
    cli::run(env!("CARGO_BIN_EXE_build-content"), args)
}

/// A fresh output directory path under the target dir (not created).
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_build_content")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const GOOD: &str = "tests/fixtures/content/good";
const BROKEN: &str = "tests/fixtures/content/broken";

#[test]
fn good_content_checks_and_builds() {
    let out = build_content(&["--check", "--content", GOOD]);
    assert_status(&out, 0);
    assert!(
        stdout(&out).contains(&format!(
            "build-content: {GOOD} is valid (3 articles, 1 presets"
        )),
        "{}",
        stdout(&out)
    );

    let dir = out_dir("good");
    let out = build_content(&["--content", GOOD, "--out", &dir.to_string_lossy()]);
    assert_status(&out, 0);
    // The build records what it wrote in its manifest.
    assert!(dir.join("manifest.json").is_file(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&format!("→ {}", dir.display())),
        "{}",
        stdout(&out)
    );
}

#[test]
fn broken_content_names_file_and_line_of_every_problem_and_writes_nothing() {
    let dir = out_dir("broken");
    let out = build_content(&["--content", BROKEN, "--out", &dir.to_string_lossy()]);
    assert_status(&out, 1);
    let err = stderr(&out);
    for expected in [
        format!("{BROKEN}/articles/bad-links.md:13: no article `no-such-article`"),
        format!("{BROKEN}/articles/malformed-front-matter.md:2: front matter is not valid TOML"),
        format!("{BROKEN}/articles/missing-field.md:1: front matter field `summary` is missing"),
        format!(
            "{BROKEN}/scenarios/wrong-type.json:16: invalid scenario: services[1].workers: \
             invalid type: string \"four\", expected u32 (column 23)"
        ),
    ] {
        assert!(err.contains(&expected), "missing `{expected}` in:\n{err}");
    }
    assert!(
        err.contains(&format!(
            "build-content: 13 problems in {BROKEN}; nothing written"
        )),
        "{err}"
    );
    assert!(!dir.exists(), "nothing is written for broken content");
}

#[test]
fn a_missing_content_directory_is_named() {
    let out = build_content(&["--check", "--content", "no/such/content"]);
    assert_status(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("no/such/content/articles: "), "{err}");
    assert!(err.contains("no/such/content/checklist.toml: "), "{err}");
}

#[test]
fn a_command_line_it_does_not_understand_exits_2_with_the_usage() {
    let cases: [(&[&str], &str); 3] = [
        (&["--bogus"], "unknown argument `--bogus`"),
        (&["--content"], "--content needs a directory"),
        (&["--check", "--out"], "--out needs a directory"),
    ];
    for (args, message) in cases {
        let out = build_content(args);
        assert_status(&out, 2);
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("build-content: {message}\n")),
            "{args:?}: {err}"
        );
        assert!(err.contains("usage: build-content"), "{args:?}: {err}");
    }
    // Writing into the sources would overwrite them.
    let inside = format!("{GOOD}/generated");
    let out = build_content(&["--content", GOOD, "--out", &inside]);
    assert_status(&out, 2);
    assert!(
        stderr(&out).contains("is inside --content"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join(&inside).exists());
    // --check writes nothing, so where --out points does not matter.
    let out = build_content(&["--check", "--content", GOOD, "--out", &inside]);
    assert_status(&out, 0);
}
