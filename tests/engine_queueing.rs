//! The engine against queueing theory (formulas in the reference's
//! `queueing.md`). Each test runs independent replications and compares the
//! mean with the closed form inside a 99.9 % confidence interval computed
//! from the replications themselves, and requires that interval to be
//! narrow: at most ±2 % of the theoretical value for means and ±5 % for
//! the 99th percentile ([`common::MEAN_TOLERANCE`], [`common::TAIL_TOLERANCE`]).
//!
//! The replication counts and lengths below are sized from the spread the
//! replications show (printed with `--nocapture`): the relative half-width
//! shrinks as 1/√(replications × duration). The heavier the load, the more
//! correlated successive requests are, and the more simulated time the same
//! precision costs (the variance of an M/M/1 mean grows as 1/(1 − ρ)⁴).

#[path = "common/engine.rs"]
mod common;

use common::{assert_matches, replicate, single, MEAN_TOLERANCE, TAIL_TOLERANCE};

const EXP_1MS: &str = r#"{ "dist": "exponential", "mean_ms": 1.0 }"#;

/// `reps` replications of `duration` s each (after a 20 s warm-up, over fifty
/// relaxation times 1/(μ(1 − √ρ)²) even at ρ = 0.9).
fn mm1(rho: f64, reps: u64, duration: f64) {
    // μ = 1 per ms; λ = ρ per ms.
    let lambda = rho * 1000.0;
    let runs = replicate(&single(lambda, 1, None, EXP_1MS, duration, 20.0), reps);
    let w = 1.0 / (1.0 - rho); // ms
    let label = |what: &str| format!("M/M/1 rho={rho} {what}");
    let resp: Vec<f64> = runs.iter().map(|s| s.latency_ms.mean).collect();
    assert_matches(&label("mean response"), &resp, w, 0.0, MEAN_TOLERANCE);
    // Response time is exponential with rate μ − λ.
    let p50: Vec<f64> = runs.iter().map(|s| s.latency_ms.p50).collect();
    assert_matches(
        &label("median"),
        &p50,
        std::f64::consts::LN_2 * w,
        0.002,
        MEAN_TOLERANCE,
    );
    let p99: Vec<f64> = runs.iter().map(|s| s.latency_ms.p99).collect();
    assert_matches(&label("p99"), &p99, 100f64.ln() * w, 0.002, TAIL_TOLERANCE);
    let util: Vec<f64> = runs.iter().map(|s| s.services[0].utilization).collect();
    assert_matches(&label("utilisation"), &util, rho, 0.0, MEAN_TOLERANCE);
    let lq: Vec<f64> = runs
        .iter()
        .map(|s| s.services[0].mean_queue_length)
        .collect();
    assert_matches(
        &label("mean queue length"),
        &lq,
        rho * rho / (1.0 - rho),
        0.0,
        MEAN_TOLERANCE,
    );
}

#[test]
fn mm1_at_half_load() {
    mm1(0.5, 30, 250.0);
}

#[test]
fn mm1_at_eighty_percent() {
    mm1(0.8, 30, 300.0);
}

#[test]
fn mm1_at_ninety_percent() {
    // 50 × 800 s, about 36 million requests: the mean queue length's
    // interval comes to about ±1.4 % and the p99's to about ±2.7 %.
    mm1(0.9, 50, 800.0);
}

/// Erlang C: probability of waiting in an M/M/c with offered load `a`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / c as f64;
    let mut sum = 0.0;
    let mut term = 1.0; // a^k / k!
    for k in 0..c {
        if k > 0 {
            term *= a / k as f64;
        }
        sum += term;
    }
    let last = term * a / c as f64; // a^c / c!
    let tail = last / (1.0 - rho);
    tail / (sum + tail)
}

#[test]
fn mmc_matches_erlang_c() {
    // c = 4 workers, E[S] = 4 ms, λ = 800/s: a = 3.2, ρ = 0.8.
    let (c, mean_s_ms, lambda) = (4u32, 4.0, 800.0);
    let a = lambda / 1000.0 * mean_s_ms;
    let runs = replicate(
        &single(
            lambda,
            c,
            None,
            r#"{ "dist": "exponential", "mean_ms": 4.0 }"#,
            400.0,
            20.0,
        ),
        40,
    );
    let pw = erlang_c(c, a);
    let mu = 1.0 / mean_s_ms; // per ms
    let wq = pw / (c as f64 * mu - lambda / 1000.0);
    let resp: Vec<f64> = runs.iter().map(|s| s.latency_ms.mean).collect();
    assert_matches(
        "M/M/4 mean response",
        &resp,
        wq + mean_s_ms,
        0.0,
        MEAN_TOLERANCE,
    );
    let lq: Vec<f64> = runs
        .iter()
        .map(|s| s.services[0].mean_queue_length)
        .collect();
    assert_matches(
        "M/M/4 mean queue length",
        &lq,
        pw * (a / c as f64) / (1.0 - a / c as f64),
        0.0,
        MEAN_TOLERANCE,
    );
    let util: Vec<f64> = runs.iter().map(|s| s.services[0].utilization).collect();
    assert_matches(
        "M/M/4 utilisation",
        &util,
        a / c as f64,
        0.0,
        MEAN_TOLERANCE,
    );
}

/// Pollaczek–Khinchine: W = E[S] + λ·E[S²] / (2(1 − ρ)).
fn pk_response(lambda_per_ms: f64, mean: f64, var: f64) -> f64 {
    let rho = lambda_per_ms * mean;
    mean + lambda_per_ms * (var + mean * mean) / (2.0 * (1.0 - rho))
}

#[test]
fn md1_matches_pollaczek_khinchine() {
    let runs = replicate(
        &single(
            800.0,
            1,
            None,
            r#"{ "dist": "constant", "mean_ms": 1.0 }"#,
            150.0,
            20.0,
        ),
        20,
    );
    let resp: Vec<f64> = runs.iter().map(|s| s.latency_ms.mean).collect();
    // Half the M/M/1 wait: W_q = 2 ms, W = 3 ms.
    assert_matches(
        "M/D/1 mean response",
        &resp,
        pk_response(0.8, 1.0, 0.0),
        0.0,
        MEAN_TOLERANCE,
    );
}

#[test]
fn lognormal_mg1_matches_pollaczek_khinchine() {
    // ρ = 0.7, E[S] = 1 ms, sd 1.5 ms (C² = 2.25): W = 1 + 0.7·3.25/0.6.
    let runs = replicate(
        &single(
            700.0,
            1,
            None,
            r#"{ "dist": "lognormal", "mean_ms": 1.0, "stddev_ms": 1.5 }"#,
            300.0,
            20.0,
        ),
        30,
    );
    let resp: Vec<f64> = runs.iter().map(|s| s.latency_ms.mean).collect();
    assert_matches(
        "M/G/1 lognormal mean response",
        &resp,
        pk_response(0.7, 1.0, 2.25),
        0.0,
        MEAN_TOLERANCE,
    );
}

/// M/M/c/K: probability that an arrival finds all K places taken.
fn mmck_block(c: u32, k: u32, a: f64) -> f64 {
    let mut p = Vec::with_capacity(k as usize + 1);
    let mut term = 1.0;
    p.push(1.0);
    for n in 1..=k {
        // p_n / p_0 = a^n / n! for n ≤ c, a^n / (c! c^(n−c)) beyond.
        term *= a / (n.min(c) as f64);
        p.push(term);
    }
    let total: f64 = p.iter().sum();
    p[k as usize] / total
}

fn check_rejections(label: &str, lambda: f64, c: u32, k: u32, mean_ms: f64) {
    let dist = format!(r#"{{ "dist": "exponential", "mean_ms": {mean_ms} }}"#);
    let runs = replicate(&single(lambda, c, Some(k - c), &dist, 200.0, 10.0), 30);
    let share: Vec<f64> = runs
        .iter()
        .map(|s| s.services[0].rejected as f64 / s.services[0].attempts as f64)
        .collect();
    let a = lambda / 1000.0 * mean_ms;
    assert_matches(label, &share, mmck_block(c, k, a), 0.0, MEAN_TOLERANCE);
}

#[test]
fn mmck_rejection_probability_stable() {
    // c = 2, K = 5, ρ = 0.7.
    check_rejections("M/M/2/5 rejection share", 700.0, 2, 5, 2.0);
}

#[test]
fn mm1k_rejection_probability_overloaded() {
    // ρ = 1.5: the finite queue keeps the system stable; p_K = (1 − ρ)ρ^K / (1 − ρ^(K+1)).
    check_rejections("M/M/1/4 (rho 1.5) rejection share", 1500.0, 1, 4, 1.0);
    let rho: f64 = 1.5;
    let closed = (1.0 - rho) * rho.powi(4) / (1.0 - rho.powi(5));
    assert!((mmck_block(1, 4, 1.5) - closed).abs() < 1e-12);
}

#[test]
fn tandem_of_mm1_nodes_adds_up() {
    // Three exponential servers in series (async hand-offs, so each is an
    // independent M/M/1 by Burke's theorem): μ = 1.25, 2, 1.6 per ms, λ = 0.8.
    let json = r#"{ "name": "tandem", "seed": 1, "duration_s": 150, "warmup_s": 20,
        "load": { "rate_rps": 800 }, "entry": "a", "metrics": { "bucket_s": 10, "traces": 0 },
        "services": [
          { "name": "a", "workers": 1, "service_time": { "dist": "exponential", "mean_ms": 0.8 },
            "calls": [ { "to": "b", "mode": "async" } ] },
          { "name": "b", "workers": 1, "service_time": { "dist": "exponential", "mean_ms": 0.5 },
            "calls": [ { "to": "c", "mode": "async" } ] },
          { "name": "c", "workers": 1, "service_time": { "dist": "exponential", "mean_ms": 0.625 } } ] }"#;
    let runs = replicate(json, 20);
    let w = |mu: f64| 1.0 / (mu - 0.8);
    let a: Vec<f64> = runs.iter().map(|s| s.latency_ms.mean).collect();
    assert_matches("tandem node a", &a, w(1.25), 0.0, MEAN_TOLERANCE);
    // Publish to processed at b and c: the broker wait plus service, that
    // node's response time.
    let b: Vec<f64> = runs.iter().map(|s| s.edges[1].mean_lag_ms).collect();
    assert_matches("tandem node b", &b, w(2.0), 0.0, MEAN_TOLERANCE);
    let c: Vec<f64> = runs.iter().map(|s| s.edges[2].mean_lag_ms).collect();
    assert_matches("tandem node c", &c, w(1.6), 0.0, MEAN_TOLERANCE);
    let total: Vec<f64> = runs
        .iter()
        .map(|s| s.latency_ms.mean + s.edges[1].mean_lag_ms + s.edges[2].mean_lag_ms)
        .collect();
    assert_matches(
        "tandem end to end",
        &total,
        w(1.25) + w(2.0) + w(1.6),
        0.0,
        MEAN_TOLERANCE,
    );
}

#[test]
fn littles_law_holds_on_every_service_of_a_complex_run() {
    let text =
        std::fs::read_to_string("content/scenarios/ten-services.json").expect("preset exists");
    let mut scenario = faultline::engine::Scenario::from_json_str(&text).expect("valid preset");
    scenario.duration_s = 400.0;
    let summary = faultline::engine::run(&scenario).expect("runs");
    for s in &summary.services {
        let l = s.mean_in_system;
        let lambda_w = s.admitted_rps * s.mean_sojourn_ms / 1000.0;
        // Only requests straddling the start or end of the measured window
        // break the identity; over 390 s that is a small fraction.
        assert!(
            (l - lambda_w).abs() <= 0.01 * l + 0.005,
            "{}: L = {l:.4} but λW = {lambda_w:.4}",
            s.name
        );
    }
}
