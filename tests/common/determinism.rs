//! Shared by the native and the wasm32 determinism tests: the same presets,
//! the same fingerprint of everything a run produces.

#![allow(dead_code)]

use faultline::engine::{Scenario, Simulation};

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

/// The committed fingerprints (`id hash` per line).
pub const GOLDEN: &str = include_str!("../golden/determinism.txt");

/// FNV-1a over the JSON of the summary, every bucket and every trace.
pub fn fingerprint(json: &str) -> String {
    let scenario = Scenario::from_json_str(json).expect("preset is valid");
    let mut sim = Simulation::new(&scenario).expect("valid");
    sim.run_to_end();
    let text =
        serde_json::to_string(&(sim.summary(), sim.buckets(), sim.traces())).expect("serialisable");
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

pub fn golden(id: &str) -> Option<&'static str> {
    GOLDEN
        .lines()
        .filter_map(|l| l.split_once(' '))
        .find(|(name, _)| *name == id)
        .map(|(_, hash)| hash.trim())
}
