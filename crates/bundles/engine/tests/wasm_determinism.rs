//! The engine in wasm32 gives the same fingerprints as natively, for runs
//! and for studies (sweeps, hysteresis) (run by
//! `make test-wasm` through wasm-bindgen-test-runner under Node; the
//! fingerprints and the code that computes them are the native test's,
//! tests/engine_determinism.rs).

#![cfg(target_arch = "wasm32")]

#[path = "../../../../tests/common/determinism.rs"]
mod determinism;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn wasm_fingerprints_match_native() {
    for (id, json) in determinism::PRESETS {
        let got = determinism::fingerprint(json);
        assert_eq!(
            determinism::golden(id),
            Some(got.as_str()),
            "{id}: wasm32 differs from native"
        );
    }
}

#[wasm_bindgen_test]
fn wasm_study_fingerprints_match_native() {
    for (id, scenario, spec) in determinism::STUDIES {
        let got = determinism::study_fingerprint(scenario, spec);
        assert_eq!(
            determinism::golden(id),
            Some(got.as_str()),
            "{id}: wasm32 differs from native"
        );
    }
}
