//! Same scenario and seed ⇒ identical results, whatever the step size, and
//! identical to the committed fingerprints (which the wasm32 test checks
//! too: see crates/bundles/engine/tests/wasm_determinism.rs). After an intended change to the
//! engine's behaviour, refresh them with
//! `FAULTLINE_BLESS=1 cargo test --test engine_determinism`.

#[path = "common/determinism.rs"]
mod determinism;

use faultline::engine::{Scenario, Simulation};

fn preset(id: &str) -> Scenario {
    let text =
        std::fs::read_to_string(format!("content/scenarios/{id}.json")).expect("preset exists");
    Scenario::from_json_str(&text).expect("valid")
}

fn everything(sim: &Simulation) -> String {
    serde_json::to_string(&(sim.summary(), sim.buckets(), sim.traces())).expect("serialisable")
}

#[test]
fn same_seed_same_json() {
    let s = preset("ten-services");
    let a = faultline::engine::run(&s).expect("runs");
    let b = faultline::engine::run(&s).expect("runs");
    assert_eq!(
        serde_json::to_string(&a).ok(),
        serde_json::to_string(&b).ok()
    );
    let mut other = s.clone();
    other.seed += 1;
    let c = faultline::engine::run(&other).expect("runs");
    assert_ne!(
        serde_json::to_string(&a).ok(),
        serde_json::to_string(&c).ok(),
        "the seed matters"
    );
}

#[test]
fn results_do_not_depend_on_the_step_size() {
    for id in ["ten-services", "circuit-breaker", "async-overload"] {
        let s = preset(id);
        let mut whole = Simulation::new(&s).expect("valid");
        whole.run_to_end();
        let reference = everything(&whole);

        let mut stepped = Simulation::new(&s).expect("valid");
        let mut t = 0.0;
        while !stepped.run_until(t) {
            t += 0.37;
        }
        assert_eq!(everything(&stepped), reference, "{id}: time steps");

        let mut sliced = Simulation::new(&s).expect("valid");
        while !sliced.run_events(997) {}
        assert_eq!(everything(&sliced), reference, "{id}: event slices");
    }
}

#[test]
fn fingerprints_match_the_committed_ones() {
    let bless = std::env::var_os("FAULTLINE_BLESS").is_some();
    let mut lines = Vec::new();
    for (id, json) in determinism::PRESETS {
        let got = determinism::fingerprint(json);
        if !bless {
            assert_eq!(
                determinism::golden(id),
                Some(got.as_str()),
                "{id}: fingerprint changed"
            );
        }
        lines.push(format!("{id} {got}"));
    }
    for (id, scenario, spec) in determinism::STUDIES {
        let got = determinism::study_fingerprint(scenario, spec);
        if !bless {
            assert_eq!(
                determinism::golden(id),
                Some(got.as_str()),
                "{id}: fingerprint changed"
            );
        }
        lines.push(format!("{id} {got}"));
    }
    if bless {
        std::fs::write("tests/golden/determinism.txt", lines.join("\n") + "\n")
            .expect("write golden");
    }
}

#[test]
fn memory_is_bounded_by_requests_in_flight_not_run_length() {
    let json = |d: f64| {
        format!(
            r#"{{ "name": "mm1", "duration_s": {d}, "load": {{ "rate_rps": 800 }}, "entry": "s",
                "services": [ {{ "name": "s", "workers": 1, "service_time": {{ "dist": "exponential", "mean_ms": 1 }} }} ] }}"#
        )
    };
    let peak = |d: f64| {
        let mut sim =
            Simulation::new(&Scenario::from_json_str(&json(d)).expect("valid")).expect("valid");
        sim.run_to_end();
        sim.peak_tasks()
    };
    let (short, long) = (peak(50.0), peak(1000.0));
    // 20 times the requests; the peak is set by the longest queue, not the count.
    assert!(
        long < 200 && short < 200,
        "peak requests in memory: {short} vs {long}"
    );
}
