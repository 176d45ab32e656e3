//! Scenario files as the command-line tools read them (`sim` and the content
//! build): the same checks as [`Scenario::from_json_str`], but an error in
//! the JSON names its line, column and the path of the field it is in
//! (`services[0].workerz`), so whoever edits the file can go straight there.
//!
//! For the command-line tools only: the web app does not call it (the
//! simulator page's editor reports problems by field already), so the path
//! tracking adds nothing to the page bundles.

use std::fmt;

use crate::{validate, Scenario, ScenarioError};

/// Why a scenario file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioFileError {
    /// The text is not JSON, or not JSON of a scenario's shape.
    Json {
        /// 1-based line and column, as serde_json reports them.
        line: usize,
        column: usize,
        /// Where in the document, e.g. `services[0].workerz` (empty at the top).
        field: String,
        message: String,
    },
    /// Well-formed, but some values are out of range or inconsistent: each
    /// error carries its field path.
    Invalid(ScenarioError),
}

impl ScenarioFileError {
    /// The line the problem is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ScenarioFileError::Json { line, .. } => Some(*line),
            ScenarioFileError::Invalid(_) => None,
        }
    }
}

impl ScenarioFileError {
    /// The message without the line, for a report that puts `file:line:` in
    /// front itself: `services[0].workerz: unknown field … (column 15)`.
    pub fn detail(&self) -> String {
        match self {
            ScenarioFileError::Json {
                column,
                field,
                message,
                ..
            } if field.is_empty() => format!("{message} (column {column})"),
            ScenarioFileError::Json {
                column,
                field,
                message,
                ..
            } => format!("{field}: {message} (column {column})"),
            ScenarioFileError::Invalid(error) => error.to_string(),
        }
    }
}

impl fmt::Display for ScenarioFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioFileError::Json {
                line,
                column,
                field,
                message,
            } => {
                write!(f, "line {line} column {column}: ")?;
                if !field.is_empty() {
                    write!(f, "{field}: ")?;
                }
                f.write_str(message)
            }
            ScenarioFileError::Invalid(error) => write!(f, "{error}"),
        }
    }
}

/// Parses and validates a scenario file's text.
pub fn parse(text: &str) -> Result<Scenario, ScenarioFileError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let scenario: Scenario =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let field = field_path(&error.path().to_string());
            let inner = error.into_inner();
            ScenarioFileError::Json {
                line: inner.line(),
                column: inner.column(),
                field,
                message: without_position(&inner),
            }
        })?;
    // Trailing characters after the document are an error too, as in
    // serde_json::from_str.
    deserializer
        .end()
        .map_err(|inner| ScenarioFileError::Json {
            line: inner.line(),
            column: inner.column(),
            field: String::new(),
            message: without_position(&inner),
        })?;
    validate(&scenario).map_err(ScenarioFileError::Invalid)?;
    Ok(scenario)
}

/// serde_path_to_error writes the document root as `.` and a place it could
/// not name (inside broken syntax) as `?`; the engine's paths leave both out.
fn field_path(path: &str) -> String {
    let known = path.trim_end_matches('?').trim_end_matches('.');
    known.to_string()
}

/// serde_json's message without its trailing "at line L column C", which
/// [`ScenarioFileError`] reports in front; syntax errors say so.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("not valid JSON: {message}")
        }
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_unknown_field_is_named_by_its_path_and_line() {
        let text = "{ \"name\": \"x\", \"duration_s\": 10, \"load\": { \"rate_rps\": 1 },\n  \"entry\": \"a\",\n  \"services\": [ { \"name\": \"a\", \"workerz\": 1,\n    \"service_time\": { \"dist\": \"constant\", \"mean_ms\": 1 } } ] }";
        let error = parse(text).expect_err("unknown field");
        assert_eq!(error.line(), Some(3), "{error}");
        let shown = error.to_string();
        assert!(shown.starts_with("line 3 column "), "{shown}");
        assert!(
            shown.contains("services[0].workerz: unknown field `workerz`"),
            "{shown}"
        );
    }

    #[test]
    fn syntax_errors_and_trailing_text_name_their_line() {
        let error = parse("{\n  \"name\": \"x\",,\n}").expect_err("bad JSON");
        assert_eq!(error.line(), Some(2), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("line 2 column 15: not valid JSON"),
            "{error}"
        );
        let good = "{ \"name\": \"x\", \"duration_s\": 10, \"load\": { \"rate_rps\": 1 }, \"entry\": \"a\", \"services\": [ { \"name\": \"a\", \"workers\": 1, \"service_time\": { \"dist\": \"constant\", \"mean_ms\": 1 } } ] }";
        assert!(parse(good).is_ok());
        let error = parse(&format!("{good}\n}}")).expect_err("trailing text");
        assert_eq!(error.line(), Some(2), "{error}");
    }

    #[test]
    fn out_of_range_values_keep_the_engine_field_paths() {
        let text = "{ \"name\": \"x\", \"duration_s\": 10, \"load\": { \"rate_rps\": 1 }, \"entry\": \"a\", \"services\": [ { \"name\": \"a\", \"workers\": 0, \"service_time\": { \"dist\": \"constant\", \"mean_ms\": 1 } } ] }";
        let error = parse(text).expect_err("no workers");
        assert!(
            error.to_string().starts_with("services[0].workers: "),
            "{error}"
        );
        assert_eq!(error.line(), None);
    }
}
