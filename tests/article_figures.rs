//! Every live figure in the articles, as a test. Each ```simulator block has
//! a caption that tells the reader what the figure shows; the test below
//! named after it runs the figure's preset (over several seeds where the
//! claim is statistical) and asserts exactly that claim, quoted in the
//! test's comment. A caption that the engine stops supporting fails here.

#[path = "common/engine.rs"]
mod common;

use common::{mean_ci, replicate_scenario};
use faultline::engine::{Scenario, Summary};

/// Replications per statistical claim: enough for a Student's t interval
/// that is a small fraction of the effects asserted.
const REPS: u64 = 4;

fn preset(id: &str) -> Scenario {
    let path = format!("content/scenarios/{id}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Mean end-to-end latency of each replication.
fn mean_latencies(runs: &[Summary]) -> Vec<f64> {
    runs.iter().map(|r| r.latency_ms.mean).collect()
}

/// Share of offered client requests that failed, per replication.
fn failure_shares(runs: &[Summary]) -> Vec<f64> {
    runs.iter()
        .map(|r| r.requests.failed as f64 / r.requests.offered as f64)
        .collect()
}

/// The same preset with no network delay on any call.
fn without_network(s: &Scenario) -> Scenario {
    let mut bare = s.clone();
    for service in &mut bare.services {
        for call in &mut service.calls {
            call.network = None;
        }
    }
    bare
}

// ---------------------------------------------------------------------------
// security-and-service-networking
// ---------------------------------------------------------------------------

/// Caption (mesh-sidecar-hops): "The services' own work is about 25 ms per
/// request, and the four hops add about 10 ms more: roughly 40 % on top of
/// the mean response time, paid on every request."
#[test]
fn sidecar_hops_add_about_ten_ms_or_forty_percent_to_the_chain() {
    let mesh = preset("mesh-sidecar-hops");
    let with = mean_latencies(&replicate_scenario(&mesh, REPS));
    let bare = mean_latencies(&replicate_scenario(&without_network(&mesh), REPS));
    let (with, with_ci) = mean_ci(&with);
    let (bare, bare_ci) = mean_ci(&bare);
    eprintln!("mesh {with:.2} ± {with_ci:.2} ms, bare {bare:.2} ± {bare_ci:.2} ms");
    // Five services × 5 ms of own work; almost nothing queues.
    assert!((bare - 25.0).abs() < 1.5, "own work: {bare:.2} ms");
    // Four calls × 2.5 ms of proxy delay.
    let added = with - bare;
    assert!(
        (added - 10.0).abs() < 1.0,
        "added by the hops: {added:.2} ms"
    );
    let share = added / bare;
    assert!((0.35..=0.45).contains(&share), "on top: {share:.3}");
}

// ---------------------------------------------------------------------------
// testing-and-delivery
// ---------------------------------------------------------------------------

/// Caption (canary-bad-version): "One replica of ten runs a new version
/// that fails 30 % of the requests it serves. The service-wide failure rate
/// settles near 3 %, and latency does not move."
#[test]
fn a_bad_canary_on_one_replica_of_ten_fails_about_three_percent_overall() {
    let canary = preset("canary-bad-version");
    let runs = replicate_scenario(&canary, REPS);
    let (share, ci) = mean_ci(&failure_shares(&runs));
    eprintln!("failed share {share:.4} ± {ci:.4}");
    // Round robin sends the canary 1/10 of requests; 30 % of those fail.
    assert!((share - 0.03).abs() < 0.003, "failure share: {share:.4}");

    let mut healthy = canary.clone();
    healthy.faults.clear();
    let calm = replicate_scenario(&healthy, REPS);
    assert!(calm.iter().all(|r| r.requests.failed == 0));
    let (bad_mean, _) = mean_ci(&mean_latencies(&runs));
    let (calm_mean, _) = mean_ci(&mean_latencies(&calm));
    let shift = (bad_mean - calm_mean).abs() / calm_mean;
    assert!(
        shift < 0.02,
        "latency moved: {bad_mean:.2} vs {calm_mean:.2} ms"
    );
}

// ---------------------------------------------------------------------------
// finding-service-boundaries
// ---------------------------------------------------------------------------

/// Caption (chatty-boundary): "The four services' own work is about 12 ms
/// per page, and each of the three calls adds a hop of about 3 ms […], so a
/// page takes about 21 ms on average: over 40 % of the time goes on
/// travelling between services."
#[test]
fn a_chatty_boundary_spends_over_forty_percent_of_a_page_travelling() {
    let chatty = preset("chatty-boundary");
    let (with, _) = mean_ci(&mean_latencies(&replicate_scenario(&chatty, REPS)));
    let (bare, _) = mean_ci(&mean_latencies(&replicate_scenario(
        &without_network(&chatty),
        REPS,
    )));
    eprintln!("chatty {with:.2} ms, without hops {bare:.2} ms");
    assert!((bare - 12.0).abs() < 1.0, "own work: {bare:.2} ms");
    assert!((with - 21.0).abs() < 1.0, "page: {with:.2} ms");
    let travelling = (with - bare) / with;
    assert!(travelling > 0.40, "share travelling: {travelling:.3}");
}
