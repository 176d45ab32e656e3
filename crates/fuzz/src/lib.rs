//! Fuzzing of every input Faultline takes from strangers, and generated
//! scenarios run through the engine with invariant checks.
//!
//! Each [`Target`] generates structure-aware cases from a seeded [`Gen`]
//! (valid inputs made by the project's own encoders, then edited at the
//! level of text, bytes or JSON structure) and checks one case against an
//! oracle: no panic, a bounded time, valid inputs accepted and stable,
//! refusals that say what is wrong and name the field.
//!
//! `cargo test` runs a few thousand cases per target (`tests/`); `make fuzz`
//! runs the `fuzz` binary, a million per target. Inputs that once failed
//! are kept in `tests/fixtures/fuzz/<target>/` and replayed by the tests.

pub mod assessment;
pub mod gen;
pub mod invariants;
pub mod mutate;
pub mod runner;
pub mod target;
pub mod targets;
pub mod topology;

pub use gen::Gen;
pub use target::{Case, Expect, Target};

/// Every input target, ready to run (the engine-run target is separate: its
/// cases are whole simulations, a thousand times slower).
pub fn input_targets() -> Result<Vec<Box<dyn Target>>, String> {
    Ok(vec![
        Box::new(targets::scenario_json::ScenarioJson::new()),
        Box::new(targets::share_code::ShareCode::new()),
        Box::new(targets::share_link::ShareLink::real()?),
        Box::new(targets::storage::Storage::real()?),
        Box::new(targets::import::Import::real()?),
        Box::new(targets::article::Article::new()),
    ])
}

/// The text files of `dir` (relative to the repository root) whose names
/// end in `extension` (any, when empty), sorted by name, as (file stem, text).
/// A missing directory gives none.
pub fn repo_files(dir: &str, extension: &str) -> Vec<(String, String)> {
    let dir = format!("{}/../../{dir}", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|path| extension.is_empty() || path.extension().is_some_and(|e| e == extension))
        .filter_map(|path| {
            let stem = path.file_stem()?.to_str()?.to_string();
            Some((stem, std::fs::read_to_string(&path).ok()?))
        })
        .collect()
}

/// Regression inputs of `target` (`tests/fixtures/fuzz/<target>/*`), each
/// an input that once failed, as (file stem, input).
pub fn regression_inputs(target: &str) -> Vec<(String, String)> {
    repo_files(&format!("tests/fixtures/fuzz/{target}"), "")
}
