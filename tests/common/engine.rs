//! Helpers for the engine's statistical tests: independent replications and
//! confidence intervals derived from them.

#![allow(dead_code)]

use faultline::engine::{Scenario, Simulation, Summary};

/// Student's t quantile for a two-sided 99.9 % interval, by degrees of
/// freedom (1..=30), from standard tables.
pub fn t_999(df: usize) -> f64 {
    const T: [f64; 30] = [
        636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318,
        4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725,
        3.707, 3.690, 3.674, 3.659, 3.646,
    ];
    T[df.clamp(1, 30) - 1]
}

/// Runs `reps` independent replications (seeds 1..=reps) of a scenario.
pub fn replicate(json: &str, reps: u64) -> Vec<Summary> {
    let base = Scenario::from_json_str(json).expect("test scenario is valid");
    replicate_scenario(&base, reps)
}

/// Runs `reps` independent replications of an already parsed scenario (a
/// preset, or a preset with one setting changed), each with its own seed.
pub fn replicate_scenario(base: &Scenario, reps: u64) -> Vec<Summary> {
    (1..=reps)
        .map(|seed| {
            let mut s = base.clone();
            s.seed = seed * 7919;
            let mut sim = Simulation::new(&s).expect("valid");
            sim.run_to_end();
            let summary = sim.summary();
            assert!(
                summary.stopped_early.is_none(),
                "{:?}",
                summary.stopped_early
            );
            summary
        })
        .collect()
}

/// Mean of the replications and the half-width of its 99.9 % confidence
/// interval: the tolerance comes from the run's own variability, so a longer
/// run gets a tighter test.
pub fn mean_ci(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, t_999(values.len() - 1) * (var / n).sqrt())
}

/// Asserts that the replications' mean of `metric` matches `expected`
/// within the 99.9 % interval, widened by `resolution` for quantities read
/// from a histogram (HdrHistogram with 3 significant digits: 0.1 %).
pub fn assert_matches(label: &str, values: &[f64], expected: f64, resolution: f64) {
    let (mean, half) = mean_ci(values);
    let tolerance = half + resolution * expected.abs();
    assert!(
        (mean - expected).abs() <= tolerance,
        "{label}: simulated {mean:.5} ± {half:.5} (99.9 % CI) but theory says {expected:.5}"
    );
    eprintln!("{label}: simulated {mean:.5} ± {half:.5}, theory {expected:.5}");
}

/// A single-service scenario.
pub fn single(
    rate_rps: f64,
    workers: u32,
    queue: Option<u32>,
    dist: &str,
    duration_s: f64,
    warmup_s: f64,
) -> String {
    let queue = queue.map_or("null".to_string(), |q| q.to_string());
    format!(
        r#"{{ "name": "closed form", "seed": 1, "duration_s": {duration_s}, "warmup_s": {warmup_s},
            "load": {{ "rate_rps": {rate_rps} }}, "entry": "server",
            "metrics": {{ "bucket_s": 10, "traces": 0 }},
            "services": [ {{ "name": "server", "workers": {workers}, "queue_capacity": {queue},
                            "service_time": {dist} }} ] }}"#
    )
}
