//! Memory over a long run: a run twenty times longer holds no more than a
//! short one in any part that should be bounded (request and call pools,
//! event heap, queues, traces); only the time series grows, one bucket per
//! `bucket_s`. A leak (a slot never reused, a stale event never dropped, a
//! queue that keeps its dead entries, every trace kept) grows with the number
//! of requests, twenty-fold here, and fails.

use faultline::engine::{Footprint, Scenario, Simulation};

fn preset(id: &str) -> Scenario {
    let text =
        std::fs::read_to_string(format!("content/scenarios/{id}.json")).expect("preset exists");
    Scenario::from_json_str(&text).expect("preset is valid")
}

fn footprint(s: &Scenario) -> Footprint {
    let mut sim = Simulation::new(s).expect("valid");
    sim.run_to_end();
    assert!(sim.summary().stopped_early.is_none(), "{}", s.name);
    sim.footprint()
}

/// The bounded parts, by name.
fn bounded(f: &Footprint) -> [(&'static str, usize); 5] {
    [
        ("task slots", f.task_slots),
        ("call slots", f.call_slots),
        ("event slots", f.event_slots),
        ("queue slots", f.queue_slots),
        ("trace spans", f.trace_spans),
    ]
}

#[test]
fn a_twenty_times_longer_run_holds_no_more_memory() {
    // Between them these exercise sync chains with timeouts and retries
    // (stale timeout events, wasted work), a breaker, an async broker, and a
    // metastable overload that never recovers (a full queue for 170 s).
    for id in [
        "ten-services",
        "slow-dependency-timeouts",
        "circuit-breaker",
        "cqrs-read-lag",
        "metastable-retries",
    ] {
        let short = preset(id);
        let mut long = short.clone();
        long.duration_s = 20.0 * short.duration_s;
        let (a, b) = (footprint(&short), footprint(&long));
        eprintln!("{id}: {a:?}\n{id} x20: {b:?}");
        for ((part, short_n), (_, long_n)) in bounded(&a).into_iter().zip(bounded(&b)) {
            // The longer run meets a few rarer peaks (the largest queue over
            // a run grows with the log of its length), and a growable
            // buffer doubles when full: so allow twice the short run's
            // high-water mark, far below the twenty-fold of a leak.
            assert!(
                long_n <= 2 * short_n.max(8),
                "{id}: {part} {short_n} in {} s but {long_n} in {} s",
                short.duration_s,
                long.duration_s
            );
        }
        // The time series is the one part that grows, and exactly by design.
        let bucket_s = short.metrics.bucket_s;
        assert_eq!(
            a.buckets as f64,
            (short.duration_s / bucket_s).ceil(),
            "{id}"
        );
        assert_eq!(
            b.buckets as f64,
            (long.duration_s / bucket_s).ceil(),
            "{id}"
        );
    }
}
