//! Structure-aware mutation: small edits to valid inputs, at the level of
//! text (truncation, insertion, bit flips, deep nesting) and at the level of
//! a JSON document (a field removed, retyped, pushed to an extreme, or an
//! unknown field added). A JSON mutation reports the path it changed, in the
//! validator's notation (`services[1].calls[0].to`), so a test can check
//! that the rejection names that field.

use serde_json::{Map, Value};

use crate::gen::{Gen, EXTREME_NUMBER_TEXTS};

/// Fragments that change how a parser reads what follows.
const SPLICES: [&str; 14] = [
    "{", "}", "[", "]", "\"", ",", ":", "\\u0000", "\\ud800", "null", "+++", "\n", "%", "=",
];

/// Integers at the edges of the unsigned types fields use.
const EXTREME_INTEGERS: [u64; 9] = [
    0,
    1,
    2,
    255,
    65_535,
    4_294_967_295,
    10_000_001,
    1_000_000_000,
    u32::MAX as u64 + 1,
];

/// How deep a text mutation nests brackets: far past serde_json's
/// recursion limit (128) and any recursive descent's comfort.
pub const DEEP: usize = 5_000;

/// The character boundaries of `text` (including its end).
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn boundary(g: &mut Gen, text: &str) -> usize {
    *g.pick(&boundaries(text))
}

/// One random text-level edit of `text`.
pub fn mutate_text(g: &mut Gen, text: &str) -> String {
    let mut out = text.to_string();
    match g.below(10) {
        // Cut off, as a link copied short.
        0 => out.truncate(boundary(g, text)),
        // Lose a stretch in the middle.
        1 => {
            let a = boundary(g, text);
            let b = boundary(g, text);
            out.replace_range(a.min(b)..a.max(b), "");
        }
        // Type something in.
        2 => {
            let at = boundary(g, text);
            let insert = g.text(8);
            out.insert_str(at, &insert);
        }
        // A syntax fragment or an extreme number spelled out.
        3 => {
            let at = boundary(g, text);
            let splice = if g.one_in(2) {
                *g.pick(&SPLICES)
            } else {
                *g.pick(&EXTREME_NUMBER_TEXTS)
            };
            out.insert_str(at, splice);
        }
        // Flip one bit of one byte (read back as a browser would).
        4 => {
            let mut bytes = out.into_bytes();
            if !bytes.is_empty() {
                let i = g.below(bytes.len());
                bytes[i] ^= 1 << g.below(8);
            }
            out = String::from_utf8_lossy(&bytes).into_owned();
        }
        // Repeat a stretch (a paste gone twice).
        5 => {
            let a = boundary(g, text);
            let b = boundary(g, text);
            let piece = text[a.min(b)..a.max(b)].to_string();
            out.insert_str(a.max(b), &piece);
        }
        // Replace one character.
        6 => {
            let at = boundary(g, text);
            if let Some(c) = text[at..].chars().next() {
                let replacement = g.char().to_string();
                out.replace_range(at..at + c.len_utf8(), &replacement);
            }
        }
        // Deep nesting at a random point.
        7 => {
            let at = boundary(g, text);
            let depth = g.between(100, DEEP as u64) as usize;
            out.insert_str(at, &"[".repeat(depth));
        }
        // Whitespace and a byte-order mark around it.
        8 => out = format!("\u{feff} {out}\n\t"),
        // Nothing left of it: random bytes.
        _ => out = g.garbage(64),
    }
    out
}

/// A text mutation applied one to three times.
pub fn mutate_text_repeatedly(g: &mut Gen, text: &str) -> String {
    let mut out = mutate_text(g, text);
    for _ in 0..g.below(3) {
        out = mutate_text(g, &out);
    }
    out
}

/// `value` wrapped in `depth` arrays.
pub fn nest(value: Value, depth: usize) -> Value {
    let mut out = value;
    for _ in 0..depth {
        out = Value::Array(vec![out]);
    }
    out
}

/// A step into a JSON document.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// A JSON path in the validator's notation.
pub fn path_text(steps: &[(bool, String)]) -> String {
    let mut out = String::new();
    for (is_index, step) in steps {
        if *is_index {
            out.push_str(&format!("[{step}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(step);
        }
    }
    out
}

fn render_path(steps: &[Step]) -> String {
    let steps: Vec<(bool, String)> = steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => (false, k.clone()),
            Step::Index(i) => (true, i.to_string()),
        })
        .collect();
    path_text(&steps)
}

fn all_paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(Step::Key(k.clone()));
                all_paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                all_paths(v, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(value: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    let mut here = value;
    for step in steps {
        here = match (step, here) {
            (Step::Key(k), Value::Object(map)) => map.get(k)?,
            (Step::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(here)
}

fn at_mut<'a>(value: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    let mut here = value;
    for step in steps {
        here = match (step, here) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(here)
}

/// What a JSON mutation did, and where.
#[derive(Debug, Clone)]
pub struct JsonEdit {
    /// The path of the changed value (for a removed or added field, the
    /// path of that field).
    pub path: String,
    pub what: &'static str,
}

/// A value of another kind than JSON documents usually hold there.
fn odd_value(g: &mut Gen) -> Value {
    match g.below(9) {
        0 => Value::Null,
        1 => Value::Bool(g.one_in(2)),
        2 => Value::String(g.text(12)),
        3 => Value::Array(vec![]),
        4 => Value::Object(Map::new()),
        5 => serde_json::Number::from_f64(g.number()).map_or(Value::Null, Value::Number),
        6 => Value::from(g.u64()),
        7 => Value::from(-(g.below(1_000_000) as i64) - 1),
        _ => Value::String("x".repeat(g.between(1_000, 100_000) as usize)),
    }
}

/// `replacement`, or another extreme when it equals `current` (an edit
/// must change something).
fn changed(current: &Value, replacement: Value) -> Value {
    if *current != replacement {
        replacement
    } else if current.as_f64() == Some(-1.0) {
        Value::from(u64::from(u32::MAX) + 1)
    } else {
        Value::from(-1)
    }
}

/// One structure-aware edit of a JSON document.
pub fn mutate_json(g: &mut Gen, doc: &mut Value) -> JsonEdit {
    let mut paths = Vec::new();
    all_paths(doc, &mut Vec::new(), &mut paths);
    // A third of the edits go to a number and keep it a number, so that they
    // pass the parser and reach the validator's range checks.
    let numbers: Vec<&Vec<Step>> = paths
        .iter()
        .filter(|steps| at(doc, steps).is_some_and(Value::is_number))
        .collect();
    if !numbers.is_empty() && g.one_in(3) {
        let steps = (*g.pick(&numbers)).clone();
        let path = render_path(&steps);
        let integer = at(doc, &steps).is_some_and(|v| v.is_u64() || v.is_i64());
        let replacement = if integer {
            Value::from(*g.pick(&EXTREME_INTEGERS))
        } else {
            serde_json::Number::from_f64(g.number()).map_or(Value::Null, Value::Number)
        };
        if let Some(target) = at_mut(doc, &steps) {
            *target = changed(target, replacement);
        }
        return JsonEdit {
            path,
            what: "number in range of its type",
        };
    }
    let steps = g.pick(&paths).clone();
    let path = render_path(&steps);
    let Some(target) = at_mut(doc, &steps) else {
        return JsonEdit { path, what: "none" };
    };
    match g.below(8) {
        0 | 1 => {
            *target = odd_value(g);
            JsonEdit {
                path,
                what: "retyped",
            }
        }
        2 => {
            // A number pushed to an extreme, or its sign flipped.
            let replacement = match target.as_f64() {
                Some(n) if g.one_in(2) => -n - 1.0,
                _ => g.number(),
            };
            let replacement =
                serde_json::Number::from_f64(replacement).map_or(Value::Null, Value::Number);
            *target = changed(target, replacement);
            JsonEdit {
                path,
                what: "extreme number",
            }
        }
        3 => match target {
            Value::Object(map) if !map.is_empty() => {
                let keys: Vec<String> = map.keys().cloned().collect();
                let key = g.pick(&keys).clone();
                map.remove(&key);
                let mut steps = steps.clone();
                steps.push(Step::Key(key));
                JsonEdit {
                    path: render_path(&steps),
                    what: "removed field",
                }
            }
            _ => {
                *target = Value::Null;
                JsonEdit {
                    path,
                    what: "nulled",
                }
            }
        },
        4 => match target {
            Value::Object(map) => {
                let key = format!("unknown_{}", g.below(100));
                map.insert(key.clone(), odd_value(g));
                let mut steps = steps.clone();
                steps.push(Step::Key(key));
                JsonEdit {
                    path: render_path(&steps),
                    what: "unknown field",
                }
            }
            _ => {
                *target = Value::String(g.text(40));
                JsonEdit { path, what: "text" }
            }
        },
        5 => match target {
            // Many copies of one element (a list far beyond its limit).
            Value::Array(items) if !items.is_empty() => {
                let copy = items[g.below(items.len())].clone();
                let times = g.between(1, 200) as usize;
                items.extend(std::iter::repeat_n(copy, times));
                JsonEdit {
                    path,
                    what: "grown list",
                }
            }
            Value::Array(items) => {
                items.push(odd_value(g));
                JsonEdit {
                    path,
                    what: "grown list",
                }
            }
            _ => {
                *target = Value::Array(vec![target.clone()]);
                JsonEdit {
                    path,
                    what: "wrapped in a list",
                }
            }
        },
        6 => {
            // Just past serde_json's recursion limit: deeper nesting is
            // tried at the text level, where no tree has to hold it.
            let depth = g.between(100, 300) as usize;
            *target = nest(target.take(), depth);
            JsonEdit {
                path,
                what: "deep nesting",
            }
        }
        _ => {
            if let Value::String(text) = target {
                *text = mutate_text(g, text);
            } else {
                *target = Value::String(g.text(20));
            }
            JsonEdit {
                path,
                what: "text edit",
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_are_written_as_the_validator_writes_them() {
        let steps = [
            (false, "services".to_string()),
            (true, "1".to_string()),
            (false, "calls".to_string()),
            (true, "0".to_string()),
            (false, "to".to_string()),
        ];
        assert_eq!(path_text(&steps), "services[1].calls[0].to");
    }

    #[test]
    fn a_json_edit_changes_the_document_at_its_path() {
        for case in 0..200 {
            let mut g = Gen::for_case(5, case);
            let original = json!({"a": {"b": [1, 2.5, "x"]}, "c": true});
            let mut doc = original.clone();
            let edit = mutate_json(&mut g, &mut doc);
            assert!(
                edit.path.is_empty()
                    || edit.path.starts_with('a')
                    || edit.path.starts_with('c')
                    || edit.path.starts_with("unknown_"),
                "{edit:?}"
            );
            // Every edit but a text edit that happened to change nothing
            // leaves a different document.
            if edit.what != "text edit" {
                assert_ne!(doc, original, "{edit:?}");
            }
        }
    }
}
