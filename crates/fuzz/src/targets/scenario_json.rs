//! Scenario JSON, as a file, a paste or a preset, through the parser and the
//! validator. Seeds are the shipped presets and generated topologies; the
//! oracle: a valid scenario is accepted and survives its own serialisation;
//! a refusal names the field (the JSON path of a structure-aware edit, or a
//! line and column for broken syntax).

use faultline_engine::{Scenario, ScenarioError};
use serde_json::Value;

use crate::gen::Gen;
use crate::mutate::{mutate_json, mutate_text_repeatedly};
use crate::target::{clear_message, Case, Expect, Target};
use crate::topology;

/// The shipped presets, as text.
pub fn presets() -> Vec<String> {
    crate::repo_files("content/scenarios", "json")
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// A valid scenario as JSON: a preset or a generated topology.
pub fn valid_scenario_text(g: &mut Gen, presets: &[String]) -> String {
    if !presets.is_empty() && g.one_in(3) {
        g.pick(presets).clone()
    } else {
        let scenario = topology::scenario(g);
        if g.one_in(2) {
            scenario.to_json_pretty()
        } else {
            serde_json::to_string(&scenario).unwrap_or_default()
        }
    }
}

/// A valid scenario text, edited at the JSON or the text level.
pub fn generate_scenario_case(g: &mut Gen, presets: &[String]) -> Case {
    let text = valid_scenario_text(g, presets);
    match g.below(8) {
        0 => Case::valid(text),
        1..=4 => {
            let Ok(mut doc) = serde_json::from_str::<Value>(&text) else {
                return Case::mutated(text, None);
            };
            let edit = mutate_json(g, &mut doc);
            let mut path = Some(edit.path);
            for _ in 0..g.below(3) {
                mutate_json(g, &mut doc);
                path = None;
            }
            Case::mutated(doc.to_string(), path)
        }
        _ => Case::mutated(mutate_text_repeatedly(g, &text), None),
    }
}

/// `a` is `b` or one of its ancestors or descendants, as JSON paths.
fn related(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short)
        && (long.len() == short.len()
            || short.is_empty()
            || long[short.len()..].starts_with(['.', '[']))
}

/// The last field name of a path (`services[0].calls` → `calls`).
fn last_field(path: &str) -> &str {
    let end = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[');
    end.rsplit('.').next().unwrap_or(end)
}

/// Checks that a refusal of `json` names what is wrong. `edited` is the
/// path of a structure-aware edit, when known.
pub fn check_scenario_error(
    json: &str,
    edited: Option<&str>,
    error: &ScenarioError,
) -> Result<(), String> {
    if error.errors.is_empty() {
        return Err("refused with no error at all".to_string());
    }
    for e in &error.errors {
        clear_message(&e.message)?;
    }
    let shape_error = serde_json::from_str::<Scenario>(json).is_err();
    if !shape_error {
        // The validator's own checks always name their field.
        if let Some(e) = error.errors.iter().find(|e| e.path.is_empty()) {
            return Err(format!("validator error without a field: {e}"));
        }
        return Ok(());
    }
    let first = &error.errors[0];
    let syntax = first.message.starts_with("not valid JSON");
    if syntax || first.message.contains("recursion limit") {
        if !first.message.contains("line") {
            return Err(format!("syntax error without a position: {first}"));
        }
        return Ok(());
    }
    match edited {
        Some(edited) if !edited.is_empty() => {
            let names_it = !first.path.is_empty() || first.message.contains(last_field(edited));
            if !related(&first.path, edited) || !names_it {
                return Err(format!(
                    "the edit at {edited:?} was refused as {:?}: {}",
                    first.path, first.message
                ));
            }
        }
        // The document itself was replaced: refused as a whole.
        Some(_) if first.message.contains("expected struct Scenario") => {}
        _ => {
            let whole = first.message.contains("expected struct Scenario");
            if first.path.is_empty() && !first.message.contains('`') && !whole {
                return Err(format!("shape error naming no field: {first}"));
            }
        }
    }
    Ok(())
}

/// Checks what the parser made of `json`.
pub fn check_scenario_text(json: &str, expect: &Expect) -> Result<(), String> {
    match Scenario::from_json_str(json) {
        Ok(scenario) => {
            let again = Scenario::from_json_str(&scenario.to_json_pretty())
                .map_err(|e| format!("an accepted scenario does not read back: {e}"))?;
            if again != scenario {
                return Err("an accepted scenario changes when written and read back".to_string());
            }
            Ok(())
        }
        Err(error) => match expect {
            Expect::Valid => Err(format!("a valid scenario was refused: {error}")),
            Expect::Mutated { path } => check_scenario_error(json, path.as_deref(), &error),
        },
    }
}

/// The scenario parser and validator.
pub struct ScenarioJson {
    presets: Vec<String>,
}

impl ScenarioJson {
    pub fn new() -> ScenarioJson {
        ScenarioJson { presets: presets() }
    }
}

impl Default for ScenarioJson {
    fn default() -> Self {
        ScenarioJson::new()
    }
}

impl Target for ScenarioJson {
    fn name(&self) -> &'static str {
        "scenario-json"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        generate_scenario_case(g, &self.presets)
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        check_scenario_text(&case.input, &case.expect)
    }
}

#[cfg(test)]
mod tests {
    use super::{last_field, related};

    #[test]
    fn paths_relate_only_along_one_branch() {
        assert!(related("services[0]", "services[0].workers"));
        assert!(related("services[0].workers", "services[0]"));
        assert!(related("", "load"));
        assert!(related("load", "load"));
        assert!(!related("services[1]", "services[10]"));
        assert!(!related("load.rate", "load.rate_rps"));
        assert!(!related("entry", "services"));
    }

    #[test]
    fn the_last_field_skips_indices() {
        assert_eq!(last_field("services[0].calls[2]"), "calls");
        assert_eq!(last_field("duration_s"), "duration_s");
    }
}
