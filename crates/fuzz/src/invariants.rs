//! Invariants of a simulation run, checked on generated scenarios:
//!
//! - **Conservation**: over the whole run (warm-up included, from the
//!   time-series buckets) every client request that arrived has succeeded,
//!   failed, or is still in flight at the end; the summary's own counts
//!   never have more outcomes than arrivals.
//! - **Little's law** per service, `L = λW`, within the exact bound of a
//!   finite window: requests present at the window's edges are counted in
//!   `L` but not fully in `W`, so `|L − λW| ≤ (n₀ + n₁ + 1)(1 + (W + w)/T)`,
//!   where `n₀`, `n₁` are the requests present at the start and end of the
//!   measured period, `w` the warm-up and `T` the measured time.
//! - **Finite, non-negative metrics** everywhere in the summary and buckets.
//! - **Slicing**: the same result whether the run goes in one call, in
//!   `run_until` steps, or in `run_events` slices.
//! - **Memory**: the most requests ever held is bounded by the requests seen
//!   in flight (sampled every few events) plus what those few events could
//!   have created.

use faultline_engine::{Live, Scenario, Simulation, Summary};
use serde_json::Value;

use crate::gen::Gen;

/// Events per `run_events` slice in the sampled run.
const SAMPLE_EVERY: u64 = 32;
/// The most tasks one event can create: a request fanning out to every
/// call of a service (the validator's limit), plus its own.
const TASKS_PER_EVENT: usize = 17;

/// Requests held anywhere right now: at services (served, waiting for a
/// worker, or holding a worker while they wait on a call), in brokers, and
/// client requests between attempts.
fn held(live: &Live) -> usize {
    let at_services: i64 = live.services.iter().map(|s| s.busy + s.queue).sum();
    let in_brokers: i64 = live.edges.iter().map(|e| e.queue_depth).sum();
    (at_services + in_brokers + live.client_in_flight).max(0) as usize
}

/// Every number in a JSON tree is finite and non-negative; a `null` is a
/// NaN or an infinity serde_json could not write.
fn check_numbers(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Null => Err(format!("{path} is NaN or infinite")),
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.is_finite() && x >= 0.0 => Ok(()),
            _ => Err(format!("{path} = {n}")),
        },
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_numbers(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .try_for_each(|(k, v)| check_numbers(v, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

/// The observable result of a run, for comparing runs bit for bit.
fn fingerprint(sim: &Simulation) -> String {
    let summary = serde_json::to_string(&sim.summary()).unwrap_or_default();
    let buckets = serde_json::to_string(sim.buckets()).unwrap_or_default();
    format!("{summary}\n{buckets}")
}

fn conservation(sim: &Simulation, summary: &Summary) -> Result<(), String> {
    let r = &summary.requests;
    if r.succeeded + r.failed > r.offered {
        return Err(format!(
            "more outcomes than requests: {} succeeded + {} failed > {} offered",
            r.succeeded, r.failed, r.offered
        ));
    }
    let arrivals: u64 = sim.buckets().iter().map(|b| b.client.arrivals).sum();
    let succeeded: u64 = sim.buckets().iter().map(|b| b.client.succeeded).sum();
    let failed: u64 = sim.buckets().iter().map(|b| b.client.failed.total()).sum();
    let in_flight = sim.live().client_in_flight;
    if in_flight < 0 || arrivals != succeeded + failed + in_flight as u64 {
        return Err(format!(
            "over the run {arrivals} arrived but {succeeded} succeeded + {failed} failed + {in_flight} in flight"
        ));
    }
    if summary.warmup_s == 0.0 && r.in_flight != in_flight as u64 {
        return Err(format!(
            "summary says {} in flight, the live view {in_flight}",
            r.in_flight
        ));
    }
    Ok(())
}

fn littles_law(summary: &Summary, at_start: &Live, at_end: &Live) -> Result<(), String> {
    let t = summary.measured_s;
    if t <= 0.0 || summary.stopped_early.is_some() {
        return Ok(());
    }
    for (i, s) in summary.services.iter().enumerate() {
        let present = |live: &Live| {
            live.services
                .get(i)
                .map_or(0, |x| (x.busy + x.queue).max(0))
        };
        let edges = (present(at_start) + present(at_end) + 1) as f64;
        let w = s.mean_sojourn_ms / 1000.0;
        let bound = edges * (1.0 + (w + summary.warmup_s) / t);
        let l = s.mean_in_system;
        let lambda_w = s.admitted_rps * w;
        if (l - lambda_w).abs() > bound {
            return Err(format!(
                "Little's law at {}: L = {l:.4} but λW = {:.4} × {w:.6} = {lambda_w:.4} (bound {bound:.4})",
                s.name, s.admitted_rps
            ));
        }
    }
    Ok(())
}

/// Runs `scenario` three ways and checks every invariant. `g` chooses the
/// slicing.
pub fn check_run(scenario: &Scenario, g: &mut Gen) -> Result<(), String> {
    let start = |what: &str| {
        Simulation::new(scenario)
            .map_err(|e| format!("{what}: a generated scenario was refused: {e}"))
    };

    // One go.
    let mut whole = start("whole")?;
    whole.run_to_end();
    let summary = whole.summary();

    // Steps of simulated time, stopping at the warm-up to see who is there.
    let mut stepped = start("stepped")?;
    let warmup = scenario.warmup_s;
    stepped.run_until(warmup);
    let at_start = if warmup > 0.0 {
        stepped.live()
    } else {
        Live {
            services: Vec::new(),
            ..stepped.live()
        }
    };
    let mut t = warmup;
    while !stepped.run_until(t) {
        t += g.float(0.001, 1.0);
    }

    // Bounded event slices, sampling what is held.
    let mut sliced = start("sliced")?;
    let mut most_held = 0;
    while !sliced.run_events(SAMPLE_EVERY) {
        most_held = most_held.max(held(&sliced.live()));
    }

    let expected = fingerprint(&whole);
    if fingerprint(&stepped) != expected {
        return Err("run_until in steps differs from one run".to_string());
    }
    if fingerprint(&sliced) != expected {
        return Err("run_events slices differ from one run".to_string());
    }

    let summary_json = serde_json::to_value(&summary).unwrap_or(Value::Null);
    check_numbers(&summary_json, "summary")?;
    let buckets_json = serde_json::to_value(whole.buckets()).unwrap_or(Value::Null);
    check_numbers(&buckets_json, "buckets")?;

    conservation(&whole, &summary)?;
    littles_law(&summary, &at_start, &whole.live())?;

    let bound = most_held + TASKS_PER_EVENT * SAMPLE_EVERY as usize + 1;
    if whole.peak_tasks() > bound {
        return Err(format!(
            "{} requests held at the peak, but at most {most_held} were seen in flight (bound {bound})",
            whole.peak_tasks()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_numbers;
    use serde_json::json;

    #[test]
    fn numbers_must_be_finite_and_non_negative() {
        assert!(check_numbers(&json!({"a": [0, 1.5, {"b": 2}], "c": "text"}), "x").is_ok());
        // serde_json writes NaN and infinities as null.
        assert_eq!(
            check_numbers(&json!({"a": [0, {"b": null}]}), "x"),
            Err("x.a[1].b is NaN or infinite".to_string())
        );
        assert_eq!(
            check_numbers(&json!({"a": -0.5}), "x"),
            Err("x.a = -0.5".to_string())
        );
    }
}
