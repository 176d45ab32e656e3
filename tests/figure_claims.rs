//! Every sweep figure in the guide says what its curve shows; each claim is
//! checked here by running the figure exactly as the article declares it
//! (its ```` ```sweep ```` block, read by the content build's own parser)
//! and as the build prerenders it.

use faultline::content::sweep_block;
use faultline::engine::sweep::{PointStats, StudyResult};
use faultline::engine::Scenario;

/// The sweep blocks of `article`, parsed.
fn figures(article: &str) -> Vec<sweep_block::SweepBlock> {
    let path = format!(
        "{}/content/articles/{article}.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the article exists");
    text.split("```sweep\n")
        .skip(1)
        .map(|rest| {
            let body = rest.split("```").next().unwrap_or_default();
            sweep_block::parse(body).unwrap_or_else(|e| panic!("{article}: {e}"))
        })
        .collect()
}

fn preset(id: &str) -> Scenario {
    let path = format!("{}/content/scenarios/{id}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("preset")).expect("parses")
}

/// The one figure of `article`, run.
fn run_figure(article: &str) -> StudyResult {
    let blocks = figures(article);
    assert_eq!(blocks.len(), 1, "{article} has one sweep figure");
    let figure = &blocks[0].figure;
    figure
        .run(&preset(&figure.preset))
        .expect("the figure runs")
}

fn at(points: &[PointStats], x: f64) -> &PointStats {
    points
        .iter()
        .find(|p| (p.values[0] - x).abs() < 1e-6 * x.abs().max(1.0))
        .unwrap_or_else(|| panic!("no point at {x}"))
}

fn upper(e: &faultline::engine::sweep::Estimate) -> f64 {
    e.mean + e.ci95.unwrap_or(0.0)
}
fn lower(e: &faultline::engine::sweep::Estimate) -> f64 {
    e.mean - e.ci95.unwrap_or(0.0)
}

#[test]
fn the_queues_figure_bends_before_the_wall() {
    let StudyResult::Sweep(r) = run_figure("queues-and-backpressure") else {
        panic!("a grid sweep");
    };
    let base = at(&r.points, 50.0);
    // "its busiest service saturates at about 340 requests a second"
    let u250 = at(&r.points, 250.0).busiest_utilization.mean;
    let capacity = 250.0 / u250;
    assert!((320.0..=360.0).contains(&capacity), "capacity {capacity}");
    // "Up to 250 requests a second p99 stays within a few milliseconds of its value at 50"
    for load in [100.0, 150.0, 200.0, 250.0] {
        let p99 = at(&r.points, load).p99_ms.mean;
        assert!(
            (p99 - base.p99_ms.mean).abs() < 5.0,
            "{load}: {p99} vs {}",
            base.p99_ms.mean
        );
    }
    // "at 350, past the busiest service's capacity, it is several times higher"
    let top = at(&r.points, 350.0);
    assert!(lower(&top.p99_ms) > 4.0 * upper(&base.p99_ms), "{top:?}");
    assert!(top.busiest_utilization.mean > 0.98);
    // "The bend comes before the wall": at 300 p99 has already risen clearly.
    assert!(lower(&at(&r.points, 300.0).p99_ms) > upper(&at(&r.points, 250.0).p99_ms));
}

#[test]
fn the_metastable_figure_shows_hysteresis() {
    let StudyResult::Hysteresis(r) = run_figure("cascading-and-metastable-failures") else {
        panic!("a hysteresis study");
    };
    // "Climbing, goodput keeps up with the load to 280 requests a second"
    for load in [100.0, 150.0, 200.0, 250.0, 280.0] {
        assert!(
            lower(&at(&r.up, load).goodput_rps) > 0.95 * load,
            "up at {load}"
        );
    }
    // "and collapses past the database's 300"
    for load in [330.0, 380.0] {
        assert!(upper(&at(&r.up, load).goodput_rps) < 100.0, "up at {load}");
    }
    // "Falling, it stays collapsed at 280, 250 and 200 requests a second"
    for load in [280.0, 250.0, 200.0] {
        assert!(
            upper(&at(&r.down, load).goodput_rps) < 0.5 * lower(&at(&r.up, load).goodput_rps),
            "down at {load}"
        );
    }
    // "it starts to recover only at 150, about half the load where it broke,
    // and is back to the full offered load at 100"
    let broke = 0.5 * (280.0 + 330.0);
    assert!((0.45..=0.55).contains(&(150.0 / broke)));
    assert!(at(&r.down, 150.0).goodput_rps.mean > 0.5 * 150.0);
    assert!(lower(&at(&r.down, 100.0).goodput_rps) > 0.95 * 100.0);
    // "Run with retries switched off, the same timeline gives two curves that meet."
    let blocks = figures("cascading-and-metastable-failures");
    let mut scenario = preset("metastable-retries");
    if let Some(retry) = scenario.client.retry.as_mut() {
        retry.max_attempts = 1;
    }
    let StudyResult::Hysteresis(off) = blocks[0].figure.run(&scenario).expect("runs") else {
        panic!("a hysteresis study");
    };
    for load in [100.0, 150.0, 200.0, 250.0, 280.0] {
        let (up, down) = (
            &at(&off.up, load).goodput_rps,
            &at(&off.down, load).goodput_rps,
        );
        assert!(
            (up.mean - down.mean).abs() <= 0.05 * load,
            "without retries at {load}"
        );
    }
}

#[test]
fn the_timeout_figure_has_a_cost_on_both_sides() {
    let StudyResult::Sweep(r) = run_figure("timeouts-retries-backoff") else {
        panic!("a grid sweep");
    };
    // "Between 100 and 400 ms about one request in nine fails"
    for timeout in [100.0, 200.0, 400.0] {
        let share = at(&r.points, timeout).failure_share.mean;
        assert!((0.10..=0.125).contains(&share), "{timeout} ms: {share}");
    }
    // "From 800 ms on ... 30 to 35 % of all requests fail"
    for timeout in [800.0, 1600.0, 3200.0] {
        let share = at(&r.points, timeout).failure_share.mean;
        assert!((0.28..=0.37).contains(&share), "{timeout} ms: {share}");
    }
    // "and from 1.6 s that is more than the 30 % of requests that call payments at all"
    let call = &preset("slow-dependency-timeouts").services[1].calls[0];
    assert_eq!((call.to.as_str(), call.probability), ("payments", 0.3));
    for timeout in [1600.0, 3200.0] {
        assert!(
            lower(&at(&r.points, timeout).failure_share) > 0.3,
            "{timeout} ms"
        );
    }
}
