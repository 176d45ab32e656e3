//! Every live figure in the articles, as a test. Each ```simulator block has
//! a caption that tells the reader what the figure shows; the test below
//! named after it runs the figure's preset (over several seeds where the
//! claim is statistical) and asserts exactly that claim, quoted in the
//! test's comment. A caption that the engine stops supporting fails here.

#[path = "common/engine.rs"]
mod common;

use common::{mean_ci, replicate_scenario};
use faultline::engine::{BreakerState, Bucket, CallMode, CallOrder, Scenario, Simulation, Summary};

/// Replications per statistical claim: enough for a Student's t interval
/// that is a small fraction of the effects asserted.
const REPS: u64 = 4;

fn preset(id: &str) -> Scenario {
    let path = format!("content/scenarios/{id}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Seeds a figure's claim is checked with: the preset's own (what the
/// reader sees first) and three more, so that a claim true only by luck of
/// one seed fails.
fn seeds(s: &Scenario) -> [u64; 4] {
    [s.seed, s.seed + 1, s.seed + 7919, s.seed + 104_729]
}

/// Runs the preset with `seed` and returns its time series and summary.
fn run_with_seed(s: &Scenario, seed: u64) -> (Vec<Bucket>, Summary) {
    let mut s = s.clone();
    s.seed = seed;
    let mut sim = Simulation::new(&s).expect("preset is valid");
    sim.run_to_end();
    (sim.buckets().to_vec(), sim.summary())
}

/// Checks `claim` on every seed of [`seeds`].
fn on_every_seed(s: &Scenario, claim: impl Fn(u64, &[Bucket], &Summary)) {
    for seed in seeds(s) {
        let (buckets, summary) = run_with_seed(s, seed);
        claim(seed, &buckets, &summary);
    }
}

/// Buckets whose end lies in (from, to].
fn window(buckets: &[Bucket], from: f64, to: f64) -> impl Iterator<Item = &Bucket> {
    buckets.iter().filter(move |b| b.t_s > from && b.t_s <= to)
}

fn service_index(s: &Scenario, name: &str) -> usize {
    s.services
        .iter()
        .position(|x| x.name == name)
        .unwrap_or_else(|| panic!("preset has no service {name}"))
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

/// Caption (mesh-sidecar-hops): "Five services in a synchronous chain;
/// every call crosses a sidecar pair that adds about 2.5 ms. The services'
/// own work is about 25 ms per request, and the four hops add about 10 ms
/// more: roughly 40 % on top of the mean response time, paid on every
/// request."
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
    // The preset's description adds: "Pools have plenty of spare workers,
    // so almost nothing queues."
    for run in replicate_scenario(&mesh, 2) {
        for svc in &run.services {
            assert!(svc.utilization < 0.2, "{} has spare workers", svc.name);
            assert!(svc.mean_queue_length < 0.05, "{} queues", svc.name);
        }
    }
}

// ---------------------------------------------------------------------------
// testing-and-delivery
// ---------------------------------------------------------------------------

/// Caption (canary-bad-version): "One replica of ten runs a new version
/// that fails 30 % of the requests it serves. The service-wide failure rate
/// settles near 3 %, and latency does not move: averaged over all replicas,
/// a canary this bad looks like a small blip."
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

/// Caption (chatty-boundary, finding-service-boundaries): "A page needs
/// product, price and stock data, each from its own service, called one
/// after another. The four services' own work is about 12 ms per page, and
/// each of the three calls adds a hop of about 3 ms (network,
/// serialisation, proxies), so a page takes about 21 ms on average: over 40
/// % of the time goes on travelling between services."
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
    // The preset's description adds: "Set page's call_order to parallel and
    // the page comes back to about 12 ms: the calls still pay their hops,
    // but at the same time instead of one after another."
    let mut fan_out = chatty.clone();
    fan_out.services[service_index(&chatty, "page")].call_order = CallOrder::Parallel;
    let (parallel, _) = mean_ci(&mean_latencies(&replicate_scenario(&fan_out, REPS)));
    eprintln!("in parallel {parallel:.2} ms");
    assert!((parallel - 12.0).abs() < 1.5, "about 12 ms: {parallel:.2}");
}

/// Sum of a counter over the buckets in (from, to].
fn sum_over(buckets: &[Bucket], from: f64, to: f64, f: impl Fn(&Bucket) -> u64) -> u64 {
    window(buckets, from, to).map(f).sum()
}

/// Mean of a per-bucket quantity over (from, to].
fn mean_over(buckets: &[Bucket], from: f64, to: f64, f: impl Fn(&Bucket) -> f64) -> f64 {
    let values: Vec<f64> = window(buckets, from, to).map(f).collect();
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

/// Highest per-bucket value over (from, to].
fn max_over(buckets: &[Bucket], from: f64, to: f64, f: impl Fn(&Bucket) -> f64) -> f64 {
    window(buckets, from, to).map(f).fold(0.0, f64::max)
}

/// End of the first bucket in (from, to] where `svc` had all workers busy.
fn first_full(buckets: &[Bucket], svc: usize, from: f64, to: f64) -> Option<f64> {
    window(buckets, from, to)
        .find(|b| b.services[svc].utilization > 0.97)
        .map(|b| b.t_s)
}

fn edge_index(summary: &Summary, from: &str, to: &str) -> usize {
    summary
        .edges
        .iter()
        .position(|e| e.from == from && e.to == to)
        .unwrap_or_else(|| panic!("no edge {from} → {to}"))
}

fn async_edge(summary: &Summary) -> usize {
    summary
        .edges
        .iter()
        .position(|x| x.mode == CallMode::Async)
        .expect("the preset publishes messages")
}

// ---------------------------------------------------------------------------
// do-you-need-microservices
// ---------------------------------------------------------------------------

/// Caption (chatty-boundary, do-you-need-microservices): "A page built by
/// calling three services one after another. Nothing queues and nothing
/// fails, yet over 40 % of each page's time goes on the hops between the
/// services rather than on their work."
#[test]
fn a_page_built_from_three_services_spends_over_forty_percent_on_hops() {
    let chatty = preset("chatty-boundary");
    let runs = replicate_scenario(&chatty, REPS);
    let bare = replicate_scenario(&without_network(&chatty), REPS);
    for run in &runs {
        assert_eq!(run.requests.failed, 0, "nothing fails");
        for svc in &run.services {
            assert!(svc.mean_queue_length < 0.05, "{} queues", svc.name);
        }
    }
    let (with, _) = mean_ci(&mean_latencies(&runs));
    let (work, _) = mean_ci(&mean_latencies(&bare));
    let on_hops = (with - work) / with;
    assert!(on_hops > 0.40, "share on hops: {on_hops:.3}");
}

// ---------------------------------------------------------------------------
// breakers-bulkheads-shedding
// ---------------------------------------------------------------------------

/// Caption (circuit-breaker): "A dependency starts failing. Watch the
/// breaker open, calls reaching the dependency fall to a trickle of trial
/// calls, and the caller's latency stay low; once the dependency recovers,
/// successful trials close the breaker again."
#[test]
fn the_breaker_opens_cuts_calls_to_a_trickle_keeps_latency_low_and_closes() {
    let s = preset("circuit-breaker");
    let recs = service_index(&s, "recommendations");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = edge_index(summary, "api", "recommendations");
        assert!(summary.edges[e].breaker_opened >= 1, "seed {seed}: opened");
        // Recommendations hangs from 40 s to 90 s.
        let before = mean_over(buckets, 15.0, 40.0, |b| b.services[recs].arrivals as f64);
        let open = mean_over(buckets, 50.0, 90.0, |b| b.services[recs].arrivals as f64);
        assert!(
            open < 0.1 * before,
            "seed {seed}: a trickle: {open:.2} vs {before:.1} per bucket"
        );
        // The median page is no slower during the fault than before
        // (recommendations is optional; refused calls return at once).
        let p50_before = mean_over(buckets, 15.0, 40.0, |b| b.client.p50_ms);
        let p50_open = mean_over(buckets, 50.0, 90.0, |b| b.client.p50_ms);
        assert!(
            p50_open <= p50_before,
            "seed {seed}: latency low: {p50_open:.1} vs {p50_before:.1} ms"
        );
        let closed = |from, to| {
            window(buckets, from, to).all(|b| b.edges[e].breaker == BreakerState::Closed)
        };
        assert!(closed(0.0, 39.0), "seed {seed}: closed before the fault");
        assert!(closed(110.0, 150.0), "seed {seed}: closed after recovery");
    });
}

/// Caption (load-shedding): "Offered load rises past capacity. Watch
/// goodput, the requests answered before their deadline: shedding keeps it
/// near capacity by rejecting the excess quickly instead of letting it age
/// in the queue."
#[test]
fn shedding_keeps_goodput_near_capacity_by_rejecting_the_excess() {
    let s = preset("load-shedding");
    let search = service_index(&s, "search");
    // Capacity: 8 workers / 50 ms = 160 requests per second.
    let capacity = 8.0 / 0.050;
    let mut plain = s.clone();
    plain.services[search].shed_after_ms = None;
    for seed in seeds(&s) {
        let good = |b: &[Bucket]| sum_over(b, 100.0, 150.0, |x| x.client.good) as f64 / 50.0;
        let (with, summary) = run_with_seed(&s, seed);
        let (without, _) = run_with_seed(&plain, seed);
        let (g_with, g_without) = (good(&with), good(&without));
        assert!(
            g_with > 0.8 * capacity,
            "seed {seed}: near capacity: {g_with:.1}/s"
        );
        assert!(
            summary.services[search].shed > 1000,
            "seed {seed}: excess shed"
        );
        assert!(
            g_without < 0.5 * g_with,
            "seed {seed}: the plain queue collapses: {g_without:.1}/s"
        );
    }
}

/// Caption (bulkhead, breakers-bulkheads-shedding): "From 40 s reviews runs
/// fifty times slower. The bulkhead lets at most 4 of api's 12 workers wait
/// on it; calls beyond that are refused at once and pages go out without
/// reviews, so api keeps free workers and almost every request still
/// succeeds." It also backs the article text: "The slow-dependency preset
/// shows the first outcome and the bulkhead preset the second."
#[test]
fn a_bulkhead_keeps_the_pool_serving_while_its_dependency_is_slow() {
    let s = preset("bulkhead");
    let api = service_index(&s, "api");
    let mut open_pool = s.clone();
    for call in &mut open_pool.services[api].calls {
        call.bulkhead = None;
    }
    for seed in seeds(&s) {
        // reviews is fifty times slower from 40 s to 100 s.
        let (buckets, summary) = run_with_seed(&s, seed);
        let e = edge_index(&summary, "api", "reviews");
        let busy = max_over(&buckets, 50.0, 100.0, |b| b.services[api].utilization);
        let rejected = sum_over(&buckets, 40.0, 100.0, |b| b.edges[e].bulkhead_full);
        let arrived = sum_over(&buckets, 40.0, 100.0, |b| b.client.arrivals) as f64;
        let failed = sum_over(&buckets, 40.0, 100.0, |b| b.client.failed.total()) as f64;
        assert!(
            busy < 0.97,
            "seed {seed}: api keeps free workers: {busy:.2}"
        );
        assert!(
            rejected > 100,
            "seed {seed}: excess calls rejected: {rejected}"
        );
        // Pages go out without reviews; only the few requests that did get
        // a slot and then waited on a very slow review can miss the
        // client's 2 s deadline.
        assert!(
            failed < 0.01 * arrived,
            "seed {seed}: {failed} of {arrived} failed"
        );
        let (buckets, _) = run_with_seed(&open_pool, seed);
        let busy = max_over(&buckets, 50.0, 100.0, |b| b.services[api].utilization);
        let failed_open = sum_over(&buckets, 40.0, 100.0, |b| b.client.failed.total()) as f64;
        assert!(
            busy > 0.97,
            "seed {seed}: without it the pool fills: {busy:.2}"
        );
        assert!(
            failed_open > 10.0 * failed.max(1.0),
            "seed {seed}: and far more requests fail: {failed_open} vs {failed}"
        );
    }
}

// ---------------------------------------------------------------------------
// cascading-and-metastable-failures
// ---------------------------------------------------------------------------

/// Caption (metastable-retries): "A short outage hits a service running
/// close to capacity with clients that retry. Watch the trigger end while
/// the attempts reaching the backend stay near twice the offered load and
/// goodput stays near zero: the outage is now sustained by the retries."
#[test]
fn after_the_trigger_attempts_stay_near_twice_the_load_and_goodput_near_zero() {
    let s = preset("metastable-retries");
    let db = service_index(&s, "database");
    on_every_seed(&s, |seed, buckets, _| {
        // The trigger (a hang) ends at 70 s; look well after it.
        let arrivals = sum_over(buckets, 150.0, 240.0, |b| b.client.arrivals) as f64;
        let attempts = sum_over(buckets, 150.0, 240.0, |b| b.services[db].arrivals) as f64;
        let good = sum_over(buckets, 150.0, 240.0, |b| b.client.good) as f64;
        let ratio = attempts / arrivals;
        // At most two attempts per request; a request that arrived just
        // before the window can add its second attempt inside it.
        assert!(
            (1.8..=2.05).contains(&ratio),
            "seed {seed}: near twice: {ratio:.3}"
        );
        assert!(good / arrivals < 0.05, "seed {seed}: goodput near zero");
    });
}

// ---------------------------------------------------------------------------
// cqrs-and-eventual-consistency, data-ownership
// ---------------------------------------------------------------------------

/// Caption (cqrs-read-lag, cqrs-and-eventual-consistency): "Writes land in
/// the owning service at once; the read model applies them later. Watch the
/// lag between the two grow when the projection cannot keep up."
#[test]
fn read_model_lag_grows_while_the_projection_cannot_keep_up() {
    let s = preset("cqrs-read-lag");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = async_edge(summary);
        let before = max_over(buckets, 10.0, 60.0, |b| b.edges[e].lag_max_ms);
        let during = max_over(buckets, 60.0, 110.0, |b| b.edges[e].lag_max_ms);
        assert!(before < 500.0, "seed {seed}: applied soon after: {before}");
        assert!(during > 5_000.0, "seed {seed}: lag grows: {during}");
        // Writes themselves succeed at once throughout.
        assert_eq!(summary.requests.failed, 0, "seed {seed}");
        assert!(summary.latency_ms.p99 < 200.0, "seed {seed}");
    });
}

/// Caption (cqrs-read-lag, data-ownership): "A copy of another service's
/// data, kept up to date from its events, runs a little behind the owner:
/// well under a second normally, many seconds while its consumer is slow,
/// and back to under a second once the consumer has caught up."
#[test]
fn a_copy_kept_from_events_lags_under_load_and_catches_up() {
    let s = preset("cqrs-read-lag");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = async_edge(summary);
        let lag = |from, to| max_over(buckets, from, to, |b| b.edges[e].lag_max_ms);
        assert!(
            lag(10.0, 60.0) < 1_000.0,
            "seed {seed}: normally well under 1 s"
        );
        assert!(lag(60.0, 110.0) > 5_000.0, "seed {seed}: many seconds");
        assert!(lag(140.0, 150.0) < 1_000.0, "seed {seed}: caught up");
    });
}

// ---------------------------------------------------------------------------
// queues-and-backpressure, start-with-a-monolith
// ---------------------------------------------------------------------------

/// Caption (async-burst, queues-and-backpressure): "A short burst above
/// consumer capacity. Watch the queue depth and the age of the oldest
/// message rise during the burst and fall back to zero afterwards: a queue
/// absorbing a burst it can pay back."
#[test]
fn a_burst_fills_the_queue_which_drains_back_to_zero() {
    let s = preset("async-burst");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = edge_index(summary, "api", "fulfilment");
        // 250/s for 10 s against 5 consumers × 25/s = 125/s: about 1,250
        // queued at the end of the burst.
        let peak = max_over(buckets, 30.0, 45.0, |b| b.edges[e].max_queue_depth as f64);
        let peak_age = max_over(buckets, 30.0, 60.0, |b| b.edges[e].oldest_age_ms);
        assert!(peak > 800.0, "seed {seed}: the queue rose: {peak}");
        assert!(peak_age > 5_000.0, "seed {seed}: messages aged: {peak_age}");
        // It drains at about 125 − 60 = 65/s: gone within half a minute.
        let depth = max_over(buckets, 100.0, 150.0, |b| b.edges[e].max_queue_depth as f64);
        let age = max_over(buckets, 100.0, 150.0, |b| b.edges[e].oldest_age_ms);
        assert!(depth < 15.0, "seed {seed}: back to (near) zero: {depth}");
        assert!(age < 1_000.0, "seed {seed}: fresh again: {age}");
    });
}

/// Caption (async-burst, start-with-a-monolith): "The extracted service sits
/// behind a queue. A burst arrives faster than it can work: its backlog
/// rises and drains again, while the request path stays fast and no
/// request fails."
#[test]
fn behind_a_queue_a_burst_never_reaches_the_request_path() {
    let s = preset("async-burst");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = edge_index(summary, "api", "fulfilment");
        let peak = max_over(buckets, 30.0, 45.0, |b| b.edges[e].max_queue_depth as f64);
        let after = max_over(buckets, 100.0, 150.0, |b| b.edges[e].max_queue_depth as f64);
        assert!(
            peak > 800.0 && after < 15.0,
            "seed {seed}: {peak} then {after}"
        );
        let p99_burst = max_over(buckets, 30.0, 45.0, |b| b.client.p99_ms);
        assert!(
            p99_burst < 100.0,
            "seed {seed}: request path fast: {p99_burst}"
        );
        assert_eq!(summary.requests.failed, 0, "seed {seed}: nothing fails");
    });
}

/// Caption (async-overload): "Arrivals stay above what the consumers can
/// process. Watch the backlog and the message age climb steadily with no
/// sign of levelling off: the queue only postpones the failure."
#[test]
fn under_sustained_overload_backlog_and_age_climb_without_levelling_off() {
    let s = preset("async-overload");
    on_every_seed(&s, |seed, buckets, summary| {
        let e = async_edge(summary);
        let depth = |from, to| mean_over(buckets, from, to, |b| b.edges[e].queue_depth);
        let age = |from, to| mean_over(buckets, from, to, |b| b.edges[e].oldest_age_ms);
        let (d1, d2, d3) = (depth(50.0, 70.0), depth(110.0, 130.0), depth(170.0, 190.0));
        let (a1, a2, a3) = (age(50.0, 70.0), age(110.0, 130.0), age(170.0, 190.0));
        assert!(d1 < d2 && d2 < d3, "seed {seed}: backlog climbs");
        assert!(a1 < a2 && a2 < a3, "seed {seed}: age climbs");
        // No levelling off: the second minute adds at least 80 % of what
        // the first one added.
        assert!(d3 - d2 > 0.8 * (d2 - d1), "seed {seed}: steady growth");
    });
}

// ---------------------------------------------------------------------------
// sync-vs-async, observability, do-you-need-microservices
// ---------------------------------------------------------------------------

/// Caption (slow-dependency, sync-vs-async): "A slow service deep in a
/// synchronous chain fills its callers' worker pools in turn; watch latency
/// and errors climb at the entry service."
#[test]
fn a_slow_dependency_fills_its_callers_pools_in_turn() {
    let s = preset("slow-dependency");
    let (orders, api) = (service_index(&s, "orders"), service_index(&s, "api"));
    on_every_seed(&s, |seed, buckets, _| {
        let orders_full = first_full(buckets, orders, 40.0, 90.0);
        let api_full = first_full(buckets, api, 40.0, 90.0);
        let (Some(orders_full), Some(api_full)) = (orders_full, api_full) else {
            panic!("seed {seed}: pools fill: orders {orders_full:?}, api {api_full:?}");
        };
        assert!(orders_full <= api_full, "seed {seed}: from the bottom up");
        // Latency of the requests that still succeed climbs as the pools
        // fill (from 40 s); soon nothing succeeds and errors take over.
        let p99_before = mean_over(buckets, 15.0, 40.0, |b| b.client.p99_ms);
        let p99_filling = max_over(buckets, 40.0, 60.0, |b| b.client.p99_ms);
        assert!(
            p99_filling > 10.0 * p99_before,
            "seed {seed}: latency climbs"
        );
        assert_eq!(
            sum_over(buckets, 15.0, 40.0, |b| b.client.failed.total()),
            0
        );
        let failed = sum_over(buckets, 60.0, 90.0, |b| b.client.failed.total());
        assert!(failed > 500, "seed {seed}: errors climb: {failed}");
    });
}

/// Caption (slow-dependency, observability): "From 40 s payments answers
/// thirty times slower. Orders' pool fills, then api's, and soon every
/// request fails at the entry, browsing included, while payments itself
/// reports no errors at all: the services showing the failure are its
/// victims, not its cause."
#[test]
fn the_services_that_fail_are_the_victims_not_the_slow_cause() {
    let s = preset("slow-dependency");
    let (orders, api) = (service_index(&s, "orders"), service_index(&s, "api"));
    let payments = service_index(&s, "payments");
    on_every_seed(&s, |seed, buckets, summary| {
        let orders_full = first_full(buckets, orders, 40.0, 90.0);
        let api_full = first_full(buckets, api, 40.0, 90.0);
        assert!(
            matches!((orders_full, api_full), (Some(o), Some(a)) if o <= a),
            "seed {seed}: orders then api: {orders_full:?} {api_full:?}"
        );
        // Only 30 % of requests are checkouts; a failed share near 100 %
        // means browsing fails too.
        let arrived = sum_over(buckets, 60.0, 90.0, |b| b.client.arrivals) as f64;
        let good = sum_over(buckets, 60.0, 90.0, |b| b.client.good) as f64;
        assert!(
            good / arrived < 0.05,
            "seed {seed}: almost nothing succeeds"
        );
        assert_eq!(summary.services[payments].failed.total(), 0, "seed {seed}");
        assert_eq!(summary.services[payments].rejected, 0, "seed {seed}");
    });
}

// ---------------------------------------------------------------------------
// timeouts-retries-backoff
// ---------------------------------------------------------------------------

/// Attempts payments receives per client request, during the fault (from
/// 40 s to 90 s).
fn payment_attempts_per_request(s: &Scenario, buckets: &[Bucket]) -> f64 {
    let payments = service_index(s, "payments");
    let attempts = sum_over(buckets, 45.0, 90.0, |b| b.services[payments].arrivals) as f64;
    attempts / sum_over(buckets, 45.0, 90.0, |b| b.client.arrivals) as f64
}

/// Caption (retry-storm): "Retries without backoff or budget. When a
/// downstream service starts failing, watch the attempts it receives climb
/// far above the requests entering the system while goodput falls. The
/// storm is a tipping point: run other seeds and most, not all, tip over."
#[test]
fn a_retry_storm_sends_the_failing_service_far_more_attempts_than_requests() {
    let s = preset("retry-storm");
    // 30 % of requests need payments: 0.3 attempts per request when
    // healthy. A storm is several attempts per request.
    let storms = |seed: u64| {
        let (buckets, _) = run_with_seed(&s, seed);
        let per_request = payment_attempts_per_request(&s, &buckets);
        let good_before = sum_over(&buckets, 15.0, 40.0, |b| b.client.good) as f64 / 25.0;
        let good_during = sum_over(&buckets, 45.0, 90.0, |b| b.client.good) as f64 / 45.0;
        eprintln!("seed {seed}: {per_request:.2} attempts per request, goodput {good_before:.1} → {good_during:.1}/s");
        per_request > 3.0 && good_during < 0.8 * good_before
    };
    assert!(storms(s.seed), "the figure's own seed storms");
    let stormed = (1..=10).filter(|&seed| storms(seed)).count();
    assert!(
        (6..=9).contains(&stormed),
        "most, not all, seeds tip over: {stormed} of 10"
    );
}

/// Caption (retries-backoff-budget): "Retries at one layer only, with capped
/// exponential backoff, jitter and a retry budget. Compare attempts per
/// request with the retry-storm figure above: payments gets barely more
/// calls than when healthy, and goodput stays close to the offered load
/// through the fault."
#[test]
fn backoff_and_a_budget_keep_attempts_near_normal_and_goodput_up() {
    let s = preset("retries-backoff-budget");
    on_every_seed(&s, |seed, buckets, _| {
        // Healthy: 0.3 payment attempts per request.
        let per_request = payment_attempts_per_request(&s, buckets);
        assert!(
            per_request < 0.5,
            "seed {seed}: barely more: {per_request:.2}"
        );
        let arrived = sum_over(buckets, 45.0, 90.0, |b| b.client.arrivals) as f64;
        let good = sum_over(buckets, 45.0, 90.0, |b| b.client.good) as f64;
        assert!(good / arrived > 0.97, "seed {seed}: goodput stays up");
    });
    // Against the retry-storm figure as the reader sees it (its own seed).
    let storm = preset("retry-storm");
    let (storm_buckets, _) = run_with_seed(&storm, storm.seed);
    let (buckets, _) = run_with_seed(&s, s.seed);
    let calm = payment_attempts_per_request(&s, &buckets);
    let stormy = payment_attempts_per_request(&storm, &storm_buckets);
    assert!(calm < stormy / 5.0, "{calm:.2} vs {stormy:.2}");
}

// ---------------------------------------------------------------------------
// learning-microservices
// ---------------------------------------------------------------------------

/// Caption (healthy-chain): "The baseline: three services at 40 requests
/// per second. Every pool is mostly idle, queues stay near empty, and a
/// request takes about 34 ms on average: api's 5 ms, orders' 20 ms and, for
/// three requests in ten, payments' 30 ms, added up."
#[test]
fn the_healthy_chain_is_idle_and_its_latency_is_the_sum_of_its_hops() {
    let s = preset("healthy-chain");
    let runs = replicate_scenario(&s, REPS);
    let (mean, ci) = mean_ci(&mean_latencies(&runs));
    eprintln!("healthy chain mean {mean:.2} ± {ci:.2} ms");
    // 5 + 20 + 0.3 × 30 = 34 ms of work, plus almost no queueing.
    assert!((mean - 34.0).abs() < 2.0, "about 34 ms: {mean:.2}");
    for run in &runs {
        assert_eq!(run.requests.failed, 0);
        for svc in &run.services {
            assert!(svc.utilization < 0.2, "{} mostly idle", svc.name);
            assert!(
                svc.mean_queue_length < 0.05,
                "{} queue near empty",
                svc.name
            );
        }
    }
}

/// Experiment 1's prediction (learning-microservices, not a caption): "In
/// the simulator (ten-minute runs, six seeds), orders' mean wait grows only
/// about four times, from about 4 ms to about 15 ms; api's grows from under
/// a millisecond to about 19 ms; and the mean end-to-end response goes from
/// about 38 ms to about 68 ms." Erlang C for orders alone would say eight
/// times (5.9 → 47.9 ms); api's 20 workers cap what can queue at orders.
#[test]
fn near_capacity_the_healthy_chain_queues_at_orders_and_then_at_api() {
    let base = preset("healthy-chain");
    let (orders, api) = (service_index(&base, "orders"), service_index(&base, "api"));
    // Mean queueing wait at a service by Little's law: W_q = L_q / λ.
    let wait_ms = |summary: &Summary, svc: usize| {
        let s = &summary.services[svc];
        s.mean_queue_length / s.admitted_rps * 1000.0
    };
    let at = |rate: f64| {
        let mut s = base.clone();
        s.load.rate_rps = rate;
        s.duration_s = 600.0;
        s.warmup_s = 30.0;
        replicate_scenario(&s, 6)
    };
    let (low, high) = (at(276.0), at(328.0));
    let mean = |runs: &[Summary], f: &dyn Fn(&Summary) -> f64| {
        runs.iter().map(f).sum::<f64>() / runs.len() as f64
    };
    let orders_low = mean(&low, &|r| wait_ms(r, orders));
    let orders_high = mean(&high, &|r| wait_ms(r, orders));
    let api_low = mean(&low, &|r| wait_ms(r, api));
    let api_high = mean(&high, &|r| wait_ms(r, api));
    let (e2e_low, e2e_high) = (
        mean(&low, &|r| r.latency_ms.mean),
        mean(&high, &|r| r.latency_ms.mean),
    );
    eprintln!(
        "orders {orders_low:.1} → {orders_high:.1} ms, api {api_low:.1} → {api_high:.1} ms, \
         end to end {e2e_low:.1} → {e2e_high:.1} ms"
    );
    assert!((3.0..=5.0).contains(&orders_low), "about 4 ms");
    assert!((13.0..=17.0).contains(&orders_high), "about 15 ms");
    let growth = orders_high / orders_low;
    assert!(
        (3.0..=5.0).contains(&growth),
        "about four times: {growth:.2}"
    );
    assert!(api_low < 1.0, "under a millisecond");
    assert!((15.0..=23.0).contains(&api_high), "about 19 ms");
    assert!((36.0..=40.0).contains(&e2e_low), "about 38 ms");
    assert!((63.0..=73.0).contains(&e2e_high), "about 68 ms");
    assert!(low.iter().chain(&high).all(|r| r.requests.failed == 0));
}

// ---------------------------------------------------------------------------
// the-operational-bill
// ---------------------------------------------------------------------------

/// Caption (ten-services, the-operational-bill): "From 60 s to 90 s one of
/// ten services, inventory, runs twelve times slower. Cart's workers fill,
/// then gateway's, and for most of the fault no user request succeeds,
/// while catalog and search, which never touch inventory, keep spare
/// workers and their usual latency."
#[test]
fn one_slow_service_of_ten_takes_the_product_down_while_others_stay_healthy() {
    let s = preset("ten-services");
    let [cart, gateway, catalog, search] =
        ["cart", "gateway", "catalog", "search"].map(|n| service_index(&s, n));
    on_every_seed(&s, |seed, buckets, _| {
        let cart_full = first_full(buckets, cart, 60.0, 90.0);
        let gateway_full = first_full(buckets, gateway, 60.0, 90.0);
        assert!(
            matches!((cart_full, gateway_full), (Some(c), Some(g)) if c <= g),
            "seed {seed}: cart then gateway: {cart_full:?} {gateway_full:?}"
        );
        let arrived = sum_over(buckets, 70.0, 90.0, |b| b.client.arrivals) as f64;
        let good = sum_over(buckets, 70.0, 90.0, |b| b.client.good) as f64;
        assert!(good / arrived < 0.05, "seed {seed}: no request succeeds");
        for svc in [catalog, search] {
            let busy = max_over(buckets, 60.0, 90.0, |b| b.services[svc].utilization);
            assert!(busy < 0.5, "seed {seed}: spare workers: {busy:.2}");
            let p99_before = mean_over(buckets, 20.0, 60.0, |b| b.services[svc].p99_ms);
            let p99_during = mean_over(buckets, 60.0, 90.0, |b| b.services[svc].p99_ms);
            assert!(
                p99_during < 1.5 * p99_before,
                "seed {seed}: usual latency: {p99_during:.0} vs {p99_before:.0} ms"
            );
        }
    });
}

// ---------------------------------------------------------------------------
// Coverage: no caption without its test
// ---------------------------------------------------------------------------

/// The doc comments of this file, joined into one line with single spaces.
fn quoted_claims() -> String {
    let source = include_str!("article_figures.rs");
    let comments: Vec<&str> = source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .map(str::trim)
        .collect();
    comments.join(" ")
}

/// Every ```simulator caption in every article is quoted in full by the doc
/// comment of a test above, so a new figure cannot be published with a
/// claim nobody checks.
#[test]
fn every_figure_caption_is_quoted_by_a_test() {
    let quoted = quoted_claims();
    let mut missing = Vec::new();
    let mut captions = 0;
    let dir = std::fs::read_dir("content/articles").expect("articles dir");
    for entry in dir.filter_map(Result::ok) {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).expect("article is readable");
        let mut in_figure = false;
        for line in text.lines() {
            match line.trim() {
                "```simulator" => in_figure = true,
                "```" => in_figure = false,
                other if in_figure => {
                    if let Some(rest) = other.strip_prefix("caption = \"") {
                        let caption = rest.trim_end_matches('"').replace("\\\"", "\"");
                        captions += 1;
                        if !quoted.contains(&caption) {
                            missing.push(format!("{}: {caption}", path.display()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(captions >= 18, "found only {captions} captions");
    assert!(
        missing.is_empty(),
        "captions no test quotes:\n{}",
        missing.join("\n")
    );
}
