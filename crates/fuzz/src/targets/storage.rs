//! Saved assessments (local storage): the current format and the version-1
//! format that migrates on read. Seeds are stores built through the store's
//! own API and version-1 documents; edits are structure-aware (a field
//! retyped, removed, pushed to an extreme) or textual. The oracle: saved data
//! reads back as the same store; anything accepted saves and reads back
//! unchanged; a refusal says what is wrong.

use faultline::checklist::storage::StorageError;
use faultline::checklist::{Checklist, Store};
use serde_json::{json, Map, Value};

use crate::assessment::{assessment, real_checklist};
use crate::gen::Gen;
use crate::mutate::{mutate_json, mutate_text_repeatedly};
use crate::target::{clear_message, Case, Expect, Target};

/// Saved data read back by `Store::parse`.
pub struct Storage {
    checklist: Checklist,
}

impl Storage {
    pub fn real() -> Result<Storage, String> {
        real_checklist().map(|checklist| Storage { checklist })
    }

    /// A store with one to four assessments, as the page saves it.
    fn saved_store(&self, g: &mut Gen) -> String {
        let mut store = Store::new(&self.checklist);
        for _ in 0..g.below(4) {
            let generated = assessment(g, &self.checklist);
            store.save_copy(&generated);
        }
        let first = assessment(g, &self.checklist);
        store.replace_active(first);
        store.to_json()
    }

    /// A version-1 document (one unnamed assessment).
    fn version_one(&self, g: &mut Gen) -> String {
        let a = assessment(g, &self.checklist);
        let mut answers = Map::new();
        let mut notes = Map::new();
        let mut reasons = Map::new();
        for (id, response) in a.answers.iter() {
            if let Some(answer) = response.answer {
                answers.insert(id.to_string(), json!(answer.id()));
            }
            if let Some(note) = response.note() {
                notes.insert(id.to_string(), json!(note));
            }
            if let Some(reason) = response.na_reason() {
                reasons.insert(id.to_string(), json!(reason));
            }
        }
        let mut doc = json!({
            "version": 1,
            "answers": answers,
            "notes": notes,
            "reasons": reasons,
        });
        if let Some(teams) = a.context.teams {
            doc["teams"] = json!(teams);
        }
        if let Some(updated) = a.updated {
            doc["updated"] = json!(updated);
        }
        doc.to_string()
    }
}

impl Target for Storage {
    fn name(&self) -> &'static str {
        "storage"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        let text = if g.one_in(3) {
            self.version_one(g)
        } else {
            self.saved_store(g)
        };
        match g.below(8) {
            0 => Case::valid(text),
            1..=4 => match serde_json::from_str::<Value>(&text) {
                Ok(mut doc) => {
                    let edit = mutate_json(g, &mut doc);
                    Case::mutated(doc.to_string(), Some(edit.path))
                }
                Err(_) => Case::mutated(text, None),
            },
            _ => Case::mutated(mutate_text_repeatedly(g, &text), None),
        }
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        match Store::parse(&case.input) {
            Ok(loaded) => {
                let saved = loaded.store.to_json();
                let again = Store::parse(&saved)
                    .map_err(|e| format!("an accepted store does not read back: {e}"))?;
                if again.store != loaded.store || again.migrated_from.is_some() {
                    return Err("an accepted store changes when saved and read back".to_string());
                }
                if case.expect == Expect::Valid
                    && case.input.contains("\"version\":2")
                    && saved != case.input
                {
                    return Err("saved data does not save back byte for byte".to_string());
                }
                Ok(())
            }
            Err(error) => {
                if case.expect == Expect::Valid {
                    return Err(format!("saved data was refused: {error}"));
                }
                let detail = match &error {
                    StorageError::NotJson { message } | StorageError::Invalid { message } => {
                        message.clone()
                    }
                    other => other.to_string(),
                };
                clear_message(&detail)
            }
        }
    }
}
