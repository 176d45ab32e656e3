//! Setting one number in a scenario by its JSON path (`load.rate_rps`,
//! `services[1].workers`, `services[0].calls[0].retry.budget.ratio`), the
//! same paths the validator uses in its errors.
//!
//! The scenario goes through its JSON form: the path is walked in the JSON
//! tree, the number set there, and the tree read back with the scenario's
//! own serde rules, so an unknown field, a fraction where a whole number is
//! needed, or an index past the end is an error that names the field.
//! Missing objects on the way (`client.retry` when the client does not
//! retry yet) are created; missing array elements are not.

use serde_json::{Map, Number, Value};

use super::SweepError;
use crate::scenario::Scenario;

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Splits `a.b[2].c` into its steps; `field` names the spec field for errors.
fn parse(path: &str, field: &str) -> Result<Vec<Step>, SweepError> {
    let bad = |why: &str| SweepError::new(field, format!("\"{path}\": {why}"));
    if path.trim().is_empty() {
        return Err(bad("the path is empty"));
    }
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if key.is_empty() && steps.is_empty() {
            return Err(bad("a path starts with a field name"));
        }
        if !key.is_empty() {
            if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(bad(&format!("\"{key}\" is not a field name")));
            }
            steps.push(Step::Key(key.to_string()));
        } else if part.is_empty() {
            return Err(bad("empty field name between dots"));
        }
        while !rest.is_empty() {
            let inner = rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .ok_or_else(|| bad("an index is written [N]"))?;
            let index = inner
                .0
                .parse::<usize>()
                .map_err(|_| bad(&format!("\"[{}]\" is not an index", inner.0)))?;
            steps.push(Step::Index(index));
            rest = inner.1;
        }
    }
    Ok(steps)
}

/// The path as the validator writes it, up to and including `steps[..n]`.
fn prefix(steps: &[Step], n: usize) -> String {
    let mut out = String::new();
    for step in &steps[..n] {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A parameter path checked for shape: where a sweep sets its values.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamPath {
    text: String,
    steps: Vec<Step>,
}

impl ParamPath {
    /// Parses `path`; errors name `field` (the spec field holding the path).
    pub fn parse(path: &str, field: &str) -> Result<ParamPath, SweepError> {
        Ok(ParamPath {
            text: path.to_string(),
            steps: parse(path, field)?,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `base` with the number at this path set to `value` (whole numbers are
    /// written as integers, so `workers` accepts `4.0`). The result is only
    /// parsed, not validated: the caller validates it.
    pub fn apply(&self, base: &Scenario, value: f64, field: &str) -> Result<Scenario, SweepError> {
        let at = |why: String| SweepError::new(field, format!("{}: {why}", self.text));
        if !value.is_finite() {
            return Err(at(format!("{value} is not a finite number")));
        }
        let mut tree = serde_json::to_value(base).map_err(|e| at(e.to_string()))?;
        let mut node = &mut tree;
        let last = self.steps.len() - 1;
        for (i, step) in self.steps.iter().enumerate() {
            let here = prefix(&self.steps, i);
            let place = if here.is_empty() {
                "the scenario".to_string()
            } else {
                here
            };
            node = match step {
                Step::Key(key) => {
                    if node.is_null() {
                        *node = Value::Object(Map::new());
                    }
                    let Value::Object(map) = node else {
                        return Err(at(format!("{place} is not an object")));
                    };
                    if i < last {
                        map.entry(key.clone()).or_insert(Value::Null)
                    } else {
                        map.insert(key.clone(), number(value));
                        break;
                    }
                }
                Step::Index(index) => {
                    let Value::Array(items) = node else {
                        return Err(at(format!("{place} is not a list")));
                    };
                    let len = items.len();
                    let Some(item) = items.get_mut(*index) else {
                        return Err(at(format!(
                            "{place} has {len} entr{}, so there is no [{index}]",
                            if len == 1 { "y" } else { "ies" }
                        )));
                    };
                    if i == last {
                        *item = number(value);
                        break;
                    }
                    item
                }
            };
        }
        serde_json::from_value(tree).map_err(|e| at(format!("with the value {value}: {e}")))
    }
}

/// `value` as JSON: an integer when it is whole, so integer fields accept it.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        if value >= 0.0 {
            return Value::Number(Number::from(value as u64));
        }
        return Value::Number(Number::from(value as i64));
    }
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Scenario {
        Scenario::from_json_str(
            r#"{ "name": "n", "duration_s": 10, "load": { "rate_rps": 5 }, "entry": "api",
                "services": [
                  { "name": "api", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 1 },
                    "calls": [ { "to": "db", "mode": "sync" } ] },
                  { "name": "db", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 1 } } ] }"#,
        )
        .expect("valid")
    }

    fn set(path: &str, value: f64) -> Result<Scenario, SweepError> {
        ParamPath::parse(path, "param.path")?.apply(&base(), value, "param.path")
    }

    #[test]
    fn sets_numbers_at_paths() {
        assert_eq!(set("load.rate_rps", 7.5).map(|s| s.load.rate_rps), Ok(7.5));
        assert_eq!(
            set("services[1].workers", 4.0).map(|s| s.services[1].workers),
            Ok(4)
        );
        let s = set("services[0].calls[0].timeout_ms", 250.0).expect("settable");
        assert_eq!(s.services[0].calls[0].timeout_ms, Some(250.0));
        // Missing objects on the way are created.
        let s = set("client.retry.max_attempts", 3.0).expect("settable");
        assert_eq!(s.client.retry.map(|r| r.max_attempts), Some(3));
    }

    #[test]
    fn errors_name_the_field() {
        let err = |path: &str, v: f64| set(path, v).expect_err(path).to_string();
        let e = err("services[5].workers", 2.0);
        assert!(
            e.starts_with("param.path: services[5].workers: services has 2 entries"),
            "{e}"
        );
        let e = err("services[1].wokers", 2.0);
        assert!(e.contains("unknown field `wokers`"), "{e}");
        let e = err("services[1].workers", 2.5);
        assert!(
            e.contains("services[1].workers") && e.contains("2.5"),
            "{e}"
        );
        let e = err("load.rate_rps[0]", 2.0);
        assert!(e.contains("load.rate_rps is not a list"), "{e}");
        for bad in [
            "",
            "services[x].workers",
            "load..rate_rps",
            "[0].x",
            "load.ra-te",
        ] {
            assert!(set(bad, 1.0).is_err(), "{bad}");
        }
    }
}
