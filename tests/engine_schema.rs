//! The JSON Schema shipped for scenario files (content/scenario.schema.json)
//! agrees with the engine: it accepts every preset and the documented
//! example, and rejects what the engine rejects for shape reasons.

use boon::{Compiler, Schemas};
use serde_json::Value;

fn compile() -> (Schemas, boon::SchemaIndex) {
    let text = std::fs::read_to_string("content/scenario.schema.json").expect("schema exists");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let mut schemas = Schemas::new();
    let mut compiler = Compiler::new();
    compiler
        .add_resource("scenario.schema.json", schema)
        .expect("resource");
    let index = compiler
        .compile("scenario.schema.json", &mut schemas)
        .expect("schema compiles");
    (schemas, index)
}

fn presets() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("content/scenarios")
        .expect("presets")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_preset_and_its_round_trip_match_the_schema() {
    let (schemas, index) = compile();
    for (path, text) in presets() {
        let value: Value = serde_json::from_str(&text).expect("json");
        if let Err(e) = schemas.validate(&value, index) {
            panic!("{path}: {e}");
        }
        // What the engine writes back (exports, share links) fits too.
        let scenario = faultline::engine::Scenario::from_json_str(&text).expect("valid");
        let again: Value = serde_json::from_str(&scenario.to_json_pretty()).expect("json");
        if let Err(e) = schemas.validate(&again, index) {
            panic!("{path} after a round trip: {e}");
        }
    }
}

/// A change that makes a valid scenario invalid.
type Mutation = Box<dyn Fn(&mut Value)>;

#[test]
fn the_schema_rejects_what_the_engine_rejects_by_shape() {
    let (schemas, index) = compile();
    let (_, text) = presets().into_iter().next().expect("a preset");
    let base: Value = serde_json::from_str(&text).expect("json");
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "unknown top-level field",
            Box::new(|v| v["colour"] = Value::from("red")),
        ),
        (
            "unknown service field",
            Box::new(|v| v["services"][0]["workerz"] = Value::from(3)),
        ),
        (
            "zero workers",
            Box::new(|v| v["services"][0]["workers"] = Value::from(0)),
        ),
        (
            "unknown distribution",
            Box::new(|v| v["services"][0]["service_time"]["dist"] = Value::from("pareto")),
        ),
        (
            "negative rate",
            Box::new(|v| v["load"]["rate_rps"] = Value::from(-1.0)),
        ),
        (
            "bad call mode",
            Box::new(|v| {
                v["services"][0]["calls"] = serde_json::json!([{"to": "x", "mode": "maybe"}])
            }),
        ),
        (
            "missing entry",
            Box::new(|v| {
                if let Some(o) = v.as_object_mut() {
                    o.remove("entry");
                }
            }),
        ),
    ];
    for (label, mutate) in mutations {
        let mut v = base.clone();
        mutate(&mut v);
        assert!(
            schemas.validate(&v, index).is_err(),
            "schema accepted: {label}"
        );
        assert!(
            faultline::engine::Scenario::from_json_str(&v.to_string()).is_err(),
            "engine accepted: {label}"
        );
    }
}
