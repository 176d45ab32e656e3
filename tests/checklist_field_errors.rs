//! Saved assessments and imported files come from strangers (another tab, an
//! old version, a hand-edited file): when a field has the wrong type, the
//! message names that field, not only the type that was expected.

mod checklist_support;

use checklist_support::{all, real_checklist};
use faultline::checklist::export::{import_json, to_json, ImportError};
use faultline::checklist::storage::StorageError;
use faultline::checklist::{Answer, Store};
use serde_json::{json, Value};

#[test]
fn saved_data_with_a_wrong_type_names_the_field() {
    let checklist = real_checklist();
    let mut saved: Value =
        serde_json::from_str(&Store::new(&checklist).to_json()).expect("the store writes JSON");
    saved["assessments"][0]["name"] = json!(7);
    let error = Store::parse(&saved.to_string()).expect_err("a number is not a name");
    match &error {
        StorageError::Invalid { message } => assert!(
            message.starts_with("assessments[0].name: invalid type: integer `7`"),
            "{message}"
        ),
        other => panic!("expected an invalid-data error, got {other:?}"),
    }
}

#[test]
fn an_import_with_a_wrong_type_names_the_field() {
    let checklist = real_checklist();
    let mut exported: Value =
        serde_json::from_str(&to_json(&checklist, &all(&checklist, Answer::Yes)))
            .expect("the export is JSON");
    exported["assessment"]["name"] = json!(["not", "a", "name"]);
    match import_json(&checklist, &exported.to_string()) {
        Err(ImportError::Invalid { message }) => assert!(
            message.contains("name: invalid type: sequence"),
            "{message}"
        ),
        other => panic!("expected an invalid-assessment error, got {other:?}"),
    }
}
