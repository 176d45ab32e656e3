//! Shared by the native and the wasm32 determinism tests: the same presets,
//! the same fingerprint of everything a run produces.

#![allow(dead_code)]

use faultline_engine::{Scenario, Simulation};

/// Presets whose runs are fingerprinted, embedded so the wasm32 test needs
/// no file system.
pub const PRESETS: [(&str, &str); 4] = [
    (
        "ten-services",
        include_str!("../../content/scenarios/ten-services.json"),
    ),
    (
        "metastable-retries",
        include_str!("../../content/scenarios/metastable-retries.json"),
    ),
    (
        "async-burst",
        include_str!("../../content/scenarios/async-burst.json"),
    ),
    (
        "bad-replica",
        include_str!("../../content/scenarios/bad-replica.json"),
    ),
];

/// Studies whose results are fingerprinted: id, base scenario, study spec.
/// The browser runs them on a pool of workers, each job on any worker; the
/// reduced result must not depend on the platform.
pub const STUDIES: [(&str, &str, &str); 2] = [
    (
        "sweep-healthy-chain-load",
        include_str!("../../content/scenarios/healthy-chain.json"),
        r#"{"kind":"sweep","param":{"path":"load.rate_rps","range":{"from":50,"to":350,"steps":3}},"seeds":2}"#,
    ),
    (
        "hysteresis-metastable-retries",
        include_str!("../../content/scenarios/metastable-retries.json"),
        r#"{"kind":"hysteresis","load":{"path":"load.rate_rps","values":[100,250,330]},"hold_s":20,"settle_s":10,"seeds":2}"#,
    ),
];

/// FNV-1a over the JSON of a study's result, run job by job through the
/// JSON the workers send back.
pub fn study_fingerprint(scenario: &str, spec: &str) -> String {
    use faultline_engine::sweep::{Study, StudySpec};
    let scenario = Scenario::from_json_str(scenario).expect("preset is valid");
    let spec = StudySpec::from_json_str(spec).expect("spec is valid");
    let study = Study::new(&scenario, &spec).expect("study is valid");
    let runs: Vec<String> = (0..study.len()).map(|job| study.run_json(job)).collect();
    let result = study.finish_json(&runs).expect("reduces");
    fnv(&serde_json::to_string(&result).expect("serialisable"))
}

fn fnv(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The committed fingerprints (`id hash` per line).
pub const GOLDEN: &str = include_str!("../golden/determinism.txt");

/// FNV-1a over the JSON of the summary, every bucket and every trace.
pub fn fingerprint(json: &str) -> String {
    let scenario = Scenario::from_json_str(json).expect("preset is valid");
    let mut sim = Simulation::new(&scenario).expect("valid");
    sim.run_to_end();
    let text =
        serde_json::to_string(&(sim.summary(), sim.buckets(), sim.traces())).expect("serialisable");
    fnv(&text)
}

pub fn golden(id: &str) -> Option<&'static str> {
    GOLDEN
        .lines()
        .filter_map(|l| l.split_once(' '))
        .find(|(name, _)| *name == id)
        .map(|(_, hash)| hash.trim())
}
