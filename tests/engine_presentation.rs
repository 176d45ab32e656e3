//! The simulator page's plain-Rust helpers against the real presets: share
//! codes round-trip every preset, and the figures the page prints tell the
//! story each preset is meant to show.

use std::fs;

use faultline::engine::figures::{headline, service_rows, Figure};
use faultline::engine::series::{chart, Metric, RunShape, Scope};
use faultline::engine::{graph_layout, share_code, Scenario, Simulation};

fn presets() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir("content/scenarios")
        .expect("content/scenarios exists")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "json").then(|| {
                let id = path.file_stem()?.to_str()?.to_string();
                Some((id, fs::read_to_string(&path).ok()?))
            })?
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "expected the shipped presets");
    out
}

fn run(id: &str) -> Simulation {
    let text = fs::read_to_string(format!("content/scenarios/{id}.json")).expect("preset exists");
    let scenario = Scenario::from_json_str(&text).expect("preset is valid");
    let mut sim = Simulation::new(&scenario).expect("valid");
    sim.run_to_end();
    sim
}

fn value(figures: &[Figure], key: &str) -> f64 {
    figures
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.value)
        .expect("figure exists")
}

#[test]
fn every_preset_round_trips_through_a_share_code() {
    for (id, text) in presets() {
        let scenario = Scenario::from_json_str(&text).expect("preset is valid");
        let code = share_code::encode(&scenario);
        assert_eq!(share_code::decode(&code).as_ref(), Ok(&scenario), "{id}");
        // Short enough for any browser's address bar and any chat message.
        assert!(code.len() < 2500, "{id}: {} characters", code.len());
        // Cut anywhere, it is refused rather than half-read.
        for cut in [code.len() / 2, code.len() - 1] {
            assert!(
                share_code::decode(&code[..cut]).is_err(),
                "{id} cut at {cut}"
            );
        }
    }
}

#[test]
fn every_preset_lays_out_without_overlaps() {
    for (id, text) in presets() {
        let scenario = Scenario::from_json_str(&text).expect("preset is valid");
        let shape = RunShape::of_scenario(&scenario);
        let layout = graph_layout::layout(&shape, &graph_layout::Metrics::default());
        assert_eq!(layout.services.len(), scenario.services.len(), "{id}");
        assert_eq!(layout.edges.len(), shape.edges.len(), "{id}");
        for (i, a) in layout.services.iter().enumerate() {
            for b in &layout.services[i + 1..] {
                let apart =
                    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                assert!(apart, "{id}: {a:?} overlaps {b:?}");
            }
        }
    }
}

#[test]
fn the_slow_dependency_saturates_pools_and_timeouts_bound_the_errors() {
    let slow = run("slow-dependency");
    let fixed = run("slow-dependency-timeouts");
    let slow_rows = service_rows(&slow.summary(), slow.buckets());
    let orders = slow_rows
        .iter()
        .find(|r| r.name == "orders")
        .expect("orders");
    let api = slow_rows.iter().find(|r| r.name == "api").expect("api");
    assert!(
        orders.peak_utilization_pct > 99.0,
        "{}",
        orders.peak_utilization_pct
    );
    assert!(
        api.peak_utilization_pct > 99.0,
        "{}",
        api.peak_utilization_pct
    );

    let slow_figures = headline(&slow.summary(), slow.buckets());
    let fixed_figures = headline(&fixed.summary(), fixed.buckets());
    // With no timeouts nearly every request fails while the pools are full;
    // with them, only the 30 % that need payments do.
    assert!(value(&slow_figures, "peak_errors") > 80.0);
    assert!(value(&fixed_figures, "peak_errors") < 50.0);
    assert!(value(&fixed_figures, "failed") < value(&slow_figures, "failed"));

    // The error chart shows the same: the slow run's worst second is far
    // above the timeouts run's.
    let worst = |sim: &Simulation| {
        let data = chart(
            Metric::Errors,
            Scope::EndToEnd,
            &RunShape::of(sim),
            sim.buckets(),
        );
        data.series[0]
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    };
    assert!(worst(&slow) > worst(&fixed) + 30.0);
}
