//! Imported assessment files (the checklist's JSON export). Seeds are exports
//! of random assessments; edits are structure-aware or textual. The oracle:
//! an export imports as the same assessment; an accepted file exports and
//! imports again unchanged; a refusal says what is wrong.

use faultline::checklist::export::{import_json, to_json};
use faultline::checklist::Checklist;
use serde_json::Value;

use crate::assessment::{assessment, real_checklist};
use crate::gen::Gen;
use crate::mutate::{mutate_json, mutate_text_repeatedly};
use crate::target::{clear_message, Case, Expect, Target};

/// Exports made in advance: an export carries a whole report, and building
/// one per case would spend the time on the export, not on the importer.
const POOL: u64 = 256;
/// One in this many accepted cases also goes through a full export and
/// import again (the slow part of a case).
const FULL_ROUND_TRIP_EVERY: usize = 8;

/// `export::import_json` on the real checklist.
pub struct Import {
    checklist: Checklist,
    /// (text, parsed, whether it is a whole export as `to_json` writes it)
    exports: Vec<(String, Value, bool)>,
}

impl Import {
    pub fn real() -> Result<Import, String> {
        let checklist = real_checklist()?;
        let exports = (0..POOL)
            .map(|n| {
                let text = to_json(
                    &checklist,
                    &assessment(&mut Gen::for_case(0x1_0ad, n), &checklist),
                );
                let mut doc: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                // Three in four without the results section: the importer
                // ignores it, and parsing it would take most of each case.
                if n % 4 != 0 {
                    if let Some(map) = doc.as_object_mut() {
                        map.remove("results");
                    }
                    return (doc.to_string(), doc, false);
                }
                (text, doc, true)
            })
            .collect();
        Ok(Import { checklist, exports })
    }
}

impl Target for Import {
    fn name(&self) -> &'static str {
        "import"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        let (text, doc, whole) = g.pick(&self.exports);
        match g.below(8) {
            0 if *whole => Case::valid(text.clone()),
            0 => Case::mutated(text.clone(), None),
            1..=4 => {
                let mut doc = doc.clone();
                // Mostly inside the assessment: the results section beside it
                // is large, and the importer only checks that it is JSON.
                let path = match doc.get_mut("assessment") {
                    Some(section) if !g.one_in(4) => {
                        let edit = mutate_json(g, section);
                        format!("assessment.{}", edit.path)
                            .trim_end_matches('.')
                            .to_string()
                    }
                    _ => mutate_json(g, &mut doc).path,
                };
                Case::mutated(doc.to_string(), Some(path))
            }
            _ => Case::mutated(mutate_text_repeatedly(g, text), None),
        }
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        match import_json(&self.checklist, &case.input) {
            Ok(imported) => {
                let full = case.expect == Expect::Valid
                    || case.input.len().is_multiple_of(FULL_ROUND_TRIP_EVERY);
                if !full {
                    return Ok(());
                }
                let exported = to_json(&self.checklist, &imported.assessment);
                let again = import_json(&self.checklist, &exported)
                    .map_err(|e| format!("an imported assessment does not export: {e}"))?;
                if again.assessment != imported.assessment || again.checklist_changed {
                    return Err("an imported assessment changes when exported again".to_string());
                }
                if case.expect == Expect::Valid && exported != case.input {
                    return Err("an export does not import and export byte for byte".to_string());
                }
                Ok(())
            }
            Err(error) => {
                if case.expect == Expect::Valid {
                    return Err(format!("an export was refused: {error}"));
                }
                clear_message(&error.to_string())
            }
        }
    }
}
