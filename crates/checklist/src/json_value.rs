//! Reading typed data out of JSON someone else wrote (saved data, imported
//! files): an error names the field it is about, so the person who sees it
//! knows what is wrong (`assessments[0].context.teams: invalid type: string
//! "x", expected u32`), not only that something is.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// `value` as a `T`; the error puts the path of the failing field first
/// (nothing in front when the document itself has the wrong shape).
pub(crate) fn from_json_value<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        if path == "." {
            error.inner().to_string()
        } else {
            format!("{path}: {}", error.inner())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::from_json_value;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Outer {
        #[allow(dead_code)]
        items: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        count: u32,
    }

    #[test]
    fn an_error_names_the_field_it_is_about() {
        let value = serde_json::json!({ "items": [{ "count": 1 }, { "count": -3 }] });
        let error = from_json_value::<Outer>(value).unwrap_err();
        assert!(
            error.starts_with("items[1].count: invalid value"),
            "{error}"
        );
    }

    #[test]
    fn a_document_of_the_wrong_shape_gets_the_message_alone() {
        let error = from_json_value::<Outer>(serde_json::json!("text")).unwrap_err();
        assert!(error.starts_with("invalid type: string"), "{error}");
    }
}
