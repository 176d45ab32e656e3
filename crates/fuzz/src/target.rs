//! What a fuzz target is: a generator of inputs that knows what it changed,
//! and a check that runs one input through the code under test.

use crate::gen::Gen;

/// What is known about a generated input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Produced by the project's own encoder from valid data: it must be
    /// accepted, and reading it back must give the same thing.
    Valid,
    /// A valid input after random edits: it may be accepted or refused, but a
    /// refusal must say clearly what is wrong. `path` is the JSON path of a
    /// structure-aware edit, when there was one.
    Mutated { path: Option<String> },
}

/// One generated input.
#[derive(Debug, Clone)]
pub struct Case {
    pub input: String,
    pub expect: Expect,
}

impl Case {
    pub fn valid(input: String) -> Case {
        Case {
            input,
            expect: Expect::Valid,
        }
    }

    pub fn mutated(input: String, path: Option<String>) -> Case {
        Case {
            input,
            expect: Expect::Mutated { path },
        }
    }
}

/// One untrusted input of the project, fuzzed.
pub trait Target: Send + Sync {
    /// Short name (`make fuzz` prints it; regression inputs live in
    /// `tests/fixtures/fuzz/<name>/`).
    fn name(&self) -> &'static str;

    /// Generates one input from the case's generator.
    fn generate(&self, g: &mut Gen) -> Case;

    /// Runs the input through the code under test. `Err` says which property
    /// failed (a panic is caught by the runner and counted too).
    fn check(&self, case: &Case) -> Result<(), String>;
}

/// A refusal message must be a real sentence, not empty or a bare code.
pub fn clear_message(message: &str) -> Result<(), String> {
    if message.trim().chars().count() < 8 {
        return Err(format!("unclear error message {message:?}"));
    }
    Ok(())
}
