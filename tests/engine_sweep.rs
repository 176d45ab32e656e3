//! Sweeps against queueing theory (formulas in the reference's
//! `queueing.md`), hysteresis in the metastable-retries preset, the capacity
//! finder against closed forms, and the sweep checks and determinism.
//!
//! Tolerances: each point's theory value must lie inside the point's own
//! 95 % Student-t interval across seeds, or within 3 % of the theory (the
//! runs are long, so 3 % is tight; it covers the interval's 5 % misses and
//! the histogram's quantisation of percentiles).

use faultline::engine::sweep::{
    run_all, Axis, CapacityPlan, CapacitySpec, Estimate, GridPlan, HysteresisPlan,
    HysteresisResult, HysteresisSpec, PointStats, Range, Scale, SweepSpec,
};
use faultline::engine::Scenario;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json_str(json).expect("test scenario is valid")
}

/// One service with `workers` workers, exponential service time and the
/// given waiting room (`null` for unbounded).
fn station(workers: u32, queue: &str, mean_ms: f64, duration_s: f64, warmup_s: f64) -> Scenario {
    scenario(&format!(
        r#"{{ "name": "station", "seed": 11, "duration_s": {duration_s}, "warmup_s": {warmup_s},
            "load": {{ "rate_rps": 1 }}, "entry": "s",
            "services": [ {{ "name": "s", "workers": {workers}, "queue_capacity": {queue},
              "service_time": {{ "dist": "exponential", "mean_ms": {mean_ms} }} }} ] }}"#
    ))
}

fn load_sweep(values: Vec<f64>, seeds: u32) -> SweepSpec {
    SweepSpec {
        param: Axis {
            path: "load.rate_rps".into(),
            values: Some(values),
            range: None,
        },
        param2: None,
        seeds,
    }
}

fn assert_theory(what: &str, e: &Estimate, theory: f64) {
    let rel = (e.mean - theory).abs() / theory.abs().max(1e-12);
    assert!(
        e.contains(theory) || rel <= 0.03,
        "{what}: simulated {:.5} ± {:.5} (n = {}), theory {theory:.5} ({:.1} % off)",
        e.mean,
        e.ci95.unwrap_or(0.0),
        e.n,
        rel * 100.0
    );
}

/// Erlang C: probability of waiting in an M/M/c with offered load `a`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / c as f64;
    let (mut sum, mut term) = (0.0, 1.0);
    for k in 0..c {
        if k > 0 {
            term *= a / k as f64;
        }
        sum += term;
    }
    let tail = term * a / c as f64 / (1.0 - rho);
    tail / (sum + tail)
}

/// P(T > t) for the M/M/c sojourn time T = W_q + S: W_q is 0 with
/// probability 1 − C, else exponential with rate α = cμ − λ.
fn mmc_sojourn_tail(c: u32, lambda: f64, mu: f64, t: f64) -> f64 {
    let wait = erlang_c(c, lambda / mu);
    let alpha = c as f64 * mu - lambda;
    let both = (alpha * (-mu * t).exp() - mu * (-alpha * t).exp()) / (alpha - mu);
    (1.0 - wait) * (-mu * t).exp() + wait * both
}

/// Where a decreasing tail function falls to `1 − q` (the `q` quantile), by bisection.
fn quantile(tail: impl Fn(f64) -> f64, q: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 1.0);
    while tail(hi) > 1.0 - q {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if tail(mid) > 1.0 - q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[test]
fn mmc_load_sweep_matches_erlang_c_at_every_point() {
    // c = 4, E[S] = 4 ms (μ = 250/s per worker): ρ = 0.4, 0.6, 0.8.
    let (c, mu) = (4u32, 250.0);
    let base = station(c, "null", 4.0, 300.0, 30.0);
    let plan = GridPlan::new(&base, &load_sweep(vec![400.0, 600.0, 800.0], 8)).expect("valid");
    let result = run_all(&plan).expect("runs");
    assert_eq!(result.points.len(), 3);
    for p in &result.points {
        let lambda = p.values[0];
        let at = |m: &str| format!("M/M/4 at {lambda} rps: {m}");
        let wait = erlang_c(c, lambda / mu);
        let w_ms = 1000.0 * (wait / (c as f64 * mu - lambda) + 1.0 / mu);
        assert_theory(&at("mean response"), &p.mean_ms, w_ms);
        let tail = |t: f64| mmc_sojourn_tail(c, lambda, mu, t);
        assert_theory(&at("p50"), &p.p50_ms, 1000.0 * quantile(tail, 0.5));
        assert_theory(&at("p99"), &p.p99_ms, 1000.0 * quantile(tail, 0.99));
        assert_theory(
            &at("utilisation"),
            &p.busiest_utilization,
            lambda / (c as f64 * mu),
        );
        assert_theory(&at("throughput"), &p.throughput_rps, lambda);
        assert_eq!(p.failure_share.mean, 0.0, "{}", at("nothing fails"));
    }
}

#[test]
fn mm1k_load_sweep_matches_the_blocking_formula_at_every_point() {
    // M/M/1/5 (one in service, four waiting), E[S] = 1 ms, ρ from 0.5 to 1.5:
    // the blocking formula holds in overload too.
    let k = 5;
    let base = station(1, "4", 1.0, 200.0, 20.0);
    let plan = GridPlan::new(&base, &load_sweep(vec![500.0, 1000.0, 1500.0], 8)).expect("valid");
    let result = run_all(&plan).expect("runs");
    for p in &result.points {
        let lambda = p.values[0];
        let rho = lambda / 1000.0;
        let p_k = if (rho - 1.0).abs() < 1e-12 {
            1.0 / (k as f64 + 1.0)
        } else {
            (1.0 - rho) * rho.powi(k) / (1.0 - rho.powi(k + 1))
        };
        let at = |m: &str| format!("M/M/1/{k} at {lambda} rps: {m}");
        assert_theory(&at("blocking"), &p.failure_share_by_cause.rejected, p_k);
        assert_theory(&at("throughput"), &p.throughput_rps, lambda * (1.0 - p_k));
        assert_theory(
            &at("utilisation"),
            &p.busiest_utilization,
            rho * (1.0 - p_k),
        );
    }
}

fn metastable(attempts: u32) -> Scenario {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/scenarios/metastable-retries.json"
    ))
    .expect("preset exists");
    let mut s = scenario(&text);
    // The load itself is the trigger here: no injected hang.
    s.faults.clear();
    if let Some(retry) = s.client.retry.as_mut() {
        retry.max_attempts = attempts;
    }
    s
}

const LOADS: [f64; 7] = [100.0, 150.0, 200.0, 250.0, 280.0, 330.0, 380.0];

fn hysteresis(attempts: u32) -> HysteresisResult {
    let spec = HysteresisSpec {
        load: Axis {
            path: "load.rate_rps".into(),
            values: Some(LOADS.to_vec()),
            range: None,
        },
        hold_s: 60.0,
        settle_s: 30.0,
        seeds: 4,
    };
    let plan = HysteresisPlan::new(&metastable(attempts), &spec).expect("valid");
    run_all(&plan).expect("runs")
}

fn goodput_at(curve: &[PointStats], load: f64) -> &Estimate {
    &curve
        .iter()
        .find(|p| p.values[0] == load)
        .expect("load in the sweep")
        .goodput_rps
}

/// The upper and lower ends of the 95 % interval.
fn upper(e: &Estimate) -> f64 {
    e.mean + e.ci95.unwrap_or(0.0)
}
fn lower(e: &Estimate) -> f64 {
    e.mean - e.ci95.unwrap_or(0.0)
}

#[test]
fn metastable_retries_show_hysteresis_and_no_retries_do_not() {
    // The database serves 300 rps; clients time out after 1 s and retry once.
    let with = hysteresis(2);
    for load in [100.0, 150.0, 200.0, 250.0, 280.0] {
        let up = goodput_at(&with.up, load);
        assert!(
            lower(up) > 0.95 * load,
            "below capacity on the way up, goodput keeps up with {load} rps: {up:?}"
        );
    }
    // Past capacity it collapses: far less than the 300 rps it could serve.
    for load in [330.0, 380.0] {
        let top = goodput_at(&with.up, load);
        assert!(upper(top) < 100.0, "collapse at {load} rps: {top:?}");
    }
    // On the way down it stays collapsed well below where it broke
    // (280 rps was fine on the way up)...
    for load in [280.0, 250.0, 200.0] {
        let down = goodput_at(&with.down, load);
        let up = goodput_at(&with.up, load);
        assert!(
            upper(down) < 0.5 * lower(up),
            "at {load} rps the way down stays collapsed: up {up:?}, down {down:?}"
        );
    }
    // ...and recovers only far below it.
    let low = goodput_at(&with.down, 100.0);
    assert!(lower(low) > 0.95 * 100.0, "recovered at 100 rps: {low:?}");

    // Without retries the same timeline heals as soon as load is below
    // capacity: the two curves meet at every load below 300 rps.
    let without = hysteresis(1);
    for load in [100.0, 150.0, 200.0, 250.0, 280.0] {
        let (up, down) = (
            goodput_at(&without.up, load),
            goodput_at(&without.down, load),
        );
        assert!(
            (up.mean - down.mean).abs() <= 0.05 * load,
            "without retries the curves meet at {load} rps: up {up:?}, down {down:?}"
        );
    }
}

/// Erlang B blocking of c servers with offered load a, by the stable recursion.
fn erlang_b(c: u32, a: f64) -> f64 {
    (1..=c).fold(1.0, |b, k| a * b / (k as f64 + a * b))
}

fn capacity(base: &Scenario, spec: CapacitySpec) -> Estimate {
    let plan = CapacityPlan::new(base, &spec).expect("valid");
    let result = run_all(&plan).expect("runs");
    for s in &result.per_seed {
        assert!(s.capacity_rps.is_some(), "in range: {s:?}");
    }
    result.capacity_rps
}

#[test]
fn capacity_of_an_mm1_under_a_p99_target_matches_the_closed_form() {
    // Response time is exponential with rate μ − λ: p99 = ln(100)/(μ − λ),
    // so p99 < 10 ms holds up to λ = μ − ln(100)/0.010 ≈ 539.5 rps.
    let theory = 1000.0 - 100f64.ln() / 0.010;
    let got = capacity(
        &station(1, "null", 1.0, 200.0, 20.0),
        CapacitySpec {
            p99_ms: 10.0,
            goodput_share: 0.95,
            from_rps: 200.0,
            to_rps: 950.0,
            tolerance_rps: 2.0,
            seeds: 6,
        },
    );
    assert_theory("M/M/1 capacity for p99 < 10 ms", &got, theory);
}

#[test]
fn capacity_of_an_erlang_loss_system_matches_erlang_b() {
    // M/M/10/10, E[S] = 100 ms: goodput ≥ 95 % of offered means blocking
    // ≤ 5 %, which Erlang B puts at a ≈ 5.53 erlangs (≈ 55.3 rps).
    // 1 − B falls as the load a rises: its "0.05 quantile" is where B = 5 %.
    let theory = quantile(|a| 1.0 - erlang_b(10, a), 0.05) * 10.0; // erlangs × μ
    let got = capacity(
        &station(10, "0", 100.0, 2000.0, 50.0),
        CapacitySpec {
            p99_ms: 10_000.0,
            goodput_share: 0.95,
            from_rps: 20.0,
            to_rps: 100.0,
            tolerance_rps: 0.1,
            seeds: 6,
        },
    );
    assert_theory("Erlang B capacity for 5 % blocking", &got, theory);
}

#[test]
fn bad_paths_and_values_name_the_field_before_anything_runs() {
    let base = station(2, "null", 1.0, 10.0, 0.0);
    let err = |path: &str, values: Vec<f64>| {
        let mut spec = load_sweep(values, 2);
        spec.param.path = path.into();
        GridPlan::new(&base, &spec).expect_err(path).to_string()
    };
    let e = err("services[3].workers", vec![1.0]);
    assert!(
        e.starts_with("param.values[0]: services[3].workers: services has 1 entry"),
        "{e}"
    );
    let e = err("services[0].wrkers", vec![1.0]);
    assert!(e.contains("unknown field `wrkers`"), "{e}");
    let e = err("services[0].workers", vec![2.0, 0.0]);
    assert!(
        e.starts_with("param.values[1]: services[0].workers = 0 gives an invalid scenario")
            && e.contains("services[0].workers: must be"),
        "{e}"
    );
    let e = err("services[0].workers", vec![1.5]);
    assert!(e.starts_with("param.values[0]: services[0].workers"), "{e}");
    let e = err("seed", vec![1.0]);
    assert!(
        e.starts_with("param.path: the seed is not a parameter"),
        "{e}"
    );
    let e = err("load..rate_rps", vec![1.0]);
    assert!(e.starts_with("param.path:"), "{e}");
    // A second axis and a range are checked the same way.
    let mut spec = load_sweep(vec![1.0], 2);
    spec.param2 = Some(Axis {
        path: "client.timeout_ms".into(),
        values: None,
        range: Some(Range {
            from: -5.0,
            to: 10.0,
            steps: 3,
            scale: Scale::Linear,
        }),
    });
    let e = GridPlan::new(&base, &spec)
        .expect_err("negative timeout")
        .to_string();
    assert!(
        e.starts_with("param2.values[0]: client.timeout_ms = -5"),
        "{e}"
    );
    // Too much work in all: each run is allowed, the sweep is not.
    let heavy = station(2, "null", 1.0, 1000.0, 0.0);
    let e = GridPlan::new(&heavy, &load_sweep(vec![900_000.0; 20], 5))
        .expect_err("too much work")
        .to_string();
    assert!(e.starts_with("seeds: the whole study could need"), "{e}");
    assert!(GridPlan::new(&base, &load_sweep(vec![1.0], 0)).is_err());
}

#[test]
fn bad_hysteresis_and_capacity_specs_name_the_field() {
    let base = station(2, "null", 1.0, 10.0, 0.0);
    let hysteresis = |values: Vec<f64>, hold_s: f64, settle_s: f64| {
        let spec = HysteresisSpec {
            load: Axis {
                path: "load.rate_rps".into(),
                values: Some(values),
                range: None,
            },
            hold_s,
            settle_s,
            seeds: 2,
        };
        HysteresisPlan::new(&base, &spec)
            .map(|_| ())
            .map_err(|e| e.field)
    };
    assert_eq!(hysteresis(vec![10.0, 20.0], 20.0, 10.0), Ok(()));
    assert_eq!(
        hysteresis(vec![10.0, 20.0], 30.0, 10.0),
        Err("settle_s".into())
    );
    assert_eq!(
        hysteresis(vec![10.0, 20.0], 20.0, 20.0),
        Err("settle_s".into())
    );
    assert_eq!(
        hysteresis(vec![20.0, 10.0], 20.0, 10.0),
        Err("load.values[1]".into())
    );
    assert_eq!(hysteresis(vec![10.0, 20.0], 0.0, 0.0), Err("hold_s".into()));
    assert_eq!(
        hysteresis(vec![10.0], 50_000.0, 25_000.0),
        Err("hold_s".into())
    );

    let capacity = |p99_ms: f64, goodput_share: f64, from_rps: f64, to_rps: f64| {
        let spec = CapacitySpec {
            p99_ms,
            goodput_share,
            from_rps,
            to_rps,
            tolerance_rps: 1.0,
            seeds: 2,
        };
        CapacityPlan::new(&base, &spec)
            .map(|_| ())
            .map_err(|e| e.field)
    };
    assert_eq!(capacity(10.0, 0.9, 10.0, 100.0), Ok(()));
    assert_eq!(capacity(0.0, 0.9, 10.0, 100.0), Err("p99_ms".into()));
    assert_eq!(
        capacity(10.0, 1.5, 10.0, 100.0),
        Err("goodput_share".into())
    );
    assert_eq!(capacity(10.0, 0.9, 100.0, 10.0), Err("to_rps".into()));
    assert_eq!(capacity(10.0, 0.9, 10.0, 5.0e6), Err("to_rps".into()));
}

#[test]
fn a_grid_sweep_varies_the_last_parameter_fastest() {
    let base = station(1, "null", 1.0, 20.0, 2.0);
    let mut spec = load_sweep(vec![100.0, 200.0], 2);
    spec.param2 = Some(Axis {
        path: "services[0].workers".into(),
        values: Some(vec![1.0, 2.0, 3.0]),
        range: None,
    });
    let result = run_all(&GridPlan::new(&base, &spec).expect("valid")).expect("runs");
    let values: Vec<Vec<f64>> = result.points.iter().map(|p| p.values.clone()).collect();
    assert_eq!(values.len(), 6);
    assert_eq!(values[1], vec![100.0, 2.0]);
    assert_eq!(values[3], vec![200.0, 1.0]);
    // More workers at the same load: lower utilisation per worker.
    assert!(result.points[2].busiest_utilization.mean < result.points[0].busiest_utilization.mean);
    // The result survives its JSON form (it travels to and from workers);
    // serde_json reads floats back to within an ulp or so.
    let text = serde_json::to_string(&result).expect("serialisable");
    let back: faultline::engine::sweep::SweepResult =
        serde_json::from_str(&text).expect("reads back");
    assert_eq!((&back.spec, &back.seeds), (&result.spec, &result.seeds));
    for (a, b) in back.points.iter().zip(&result.points) {
        assert_eq!(a.values, b.values);
        for (x, y) in [
            (&a.goodput_rps, &b.goodput_rps),
            (&a.p99_ms, &b.p99_ms),
            (&a.busiest_utilization, &b.busiest_utilization),
        ] {
            assert!(
                (x.mean - y.mean).abs() <= 1e-12 * y.mean.abs(),
                "{x:?} {y:?}"
            );
            assert_eq!(x.n, y.n);
        }
    }
}

/// `sim sweep ARGS` through the real command; its stdout.
fn sim_sweep(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sim"))
        .arg("sweep")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sim runs");
    assert!(
        out.status.success(),
        "sim sweep {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn sim_sweep_gives_identical_results_for_one_and_two_jobs() {
    let grid = [
        "metastable-retries",
        "--param",
        "load.rate_rps",
        "--values",
        "150,250",
        "--param2",
        "client.retry.max_attempts",
        "--values2",
        "1,2",
        "--seeds",
        "3",
        "--json",
    ];
    let capacity = [
        "healthy-chain",
        "--capacity",
        "1000:0.99:1:400:20",
        "--seeds",
        "3",
        "--json",
    ];
    let hysteresis = [
        "metastable-retries",
        "--hysteresis",
        "20:10",
        "--values",
        "200,330",
        "--seeds",
        "3",
        "--json",
    ];
    for args in [&grid[..], &capacity[..], &hysteresis[..]] {
        let one = sim_sweep(&[args, &["--jobs", "1"]].concat());
        let two = sim_sweep(&[args, &["--jobs", "2"]].concat());
        assert!(one.contains("\"seeds\""), "{one}");
        assert_eq!(one, two, "sim sweep {args:?}: --jobs 1 and --jobs 2 differ");
    }
}

#[test]
fn sim_sweep_refuses_a_bad_path_naming_the_field() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sim"))
        .args([
            "sweep",
            "metastable-retries",
            "--param",
            "services[0].wrkers",
        ])
        .args(["--values", "10,20", "--seeds", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sim runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("param.values[0]: services[0].wrkers") && !err.contains("sweep: "),
        "the error names the field and nothing ran: {err}"
    );
}

#[test]
fn sim_sweep_csv_has_a_row_per_point_and_a_mean_and_interval_per_metric() {
    let csv = sim_sweep(&[
        "healthy-chain",
        "--param",
        "services[0].workers",
        "--values",
        "2:6:3",
        "--seeds",
        "2",
        "--csv",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three points: {csv}");
    let head: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(head[0], "services[0].workers");
    for column in [
        "goodput_rps_mean",
        "goodput_rps_ci95",
        "p99_ms_mean",
        "failure_share_timeout_ci95",
    ] {
        assert!(head.contains(&column), "{column} in {head:?}");
    }
    for (line, workers) in lines[1..].iter().zip(["2", "4", "6"]) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), head.len(), "{line}");
        assert_eq!(cells[0], workers);
        assert_eq!(
            cells.last(),
            Some(&"api"),
            "the api's pool is the busiest: {line}"
        );
    }
}
