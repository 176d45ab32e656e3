//! The headline figures of a run and its per-service table: what the
//! simulator page prints as numbers, and what a comparison sets side by side.
//!
//! Everything covers the measured period (after the warm-up), like the
//! [`Summary`] it is read from; peaks come from the buckets of that period.

use super::report::{Bucket, Summary};
use super::units::Unit;

/// Which direction of a figure is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// Context, not a score (e.g. the load offered).
    Neither,
}

/// One headline number.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable name (tests and exports read figures by it).
    pub key: &'static str,
    pub label: &'static str,
    pub value: f64,
    pub unit: Unit,
    pub better: Better,
}

impl Figure {
    pub fn text(&self) -> String {
        self.unit.format(self.value)
    }
}

/// The buckets that lie in the measured period.
fn measured<'a>(summary: &Summary, buckets: &'a [Bucket]) -> impl Iterator<Item = &'a Bucket> {
    let from = summary.warmup_s;
    buckets
        .iter()
        .filter(move |b| b.t_s - b.width_s >= from - 1e-9)
}

/// The highest failed share of finished client requests in any measured
/// bucket, in percent (`NaN` when no bucket finished anything).
pub fn peak_error_percent(summary: &Summary, buckets: &[Bucket]) -> f64 {
    measured(summary, buckets)
        .filter_map(|b| {
            let failed = b.client.failed.total();
            let finished = b.client.succeeded + failed;
            (finished > 0).then(|| failed as f64 * 100.0 / finished as f64)
        })
        .fold(f64::NAN, f64::max)
}

/// The run's headline figures, in display order.
pub fn headline(summary: &Summary, buckets: &[Bucket]) -> Vec<Figure> {
    let r = &summary.requests;
    let finished = r.succeeded + r.failed;
    let share = |n: u64| {
        if finished == 0 {
            f64::NAN
        } else {
            n as f64 * 100.0 / finished as f64
        }
    };
    let latency = |ms: f64| if r.succeeded == 0 { f64::NAN } else { ms };
    let figure = |key, label, value, unit, better| Figure {
        key,
        label,
        value,
        unit,
        better,
    };
    vec![
        figure(
            "offered",
            "Requests offered",
            r.offered as f64,
            Unit::Count,
            Better::Neither,
        ),
        figure(
            "failed",
            "Failed",
            share(r.failed),
            Unit::Percent,
            Better::Lower,
        ),
        figure(
            "peak_errors",
            "Worst second",
            peak_error_percent(summary, buckets),
            Unit::Percent,
            Better::Lower,
        ),
        figure(
            "throughput",
            "Throughput",
            summary.throughput_rps,
            Unit::PerSecond,
            Better::Higher,
        ),
        figure(
            "goodput",
            "Goodput",
            summary.goodput_rps,
            Unit::PerSecond,
            Better::Higher,
        ),
        figure(
            "p50",
            "Latency p50",
            latency(summary.latency_ms.p50),
            Unit::Milliseconds,
            Better::Lower,
        ),
        figure(
            "p99",
            "Latency p99",
            latency(summary.latency_ms.p99),
            Unit::Milliseconds,
            Better::Lower,
        ),
        figure(
            "retries",
            "Retries",
            summary.retries as f64 + service_retries(summary),
            Unit::Count,
            Better::Lower,
        ),
        figure(
            "wasted",
            "Wasted work",
            summary.wasted_work_s,
            Unit::Seconds,
            Better::Lower,
        ),
    ]
}

/// Retries sent by services (the client's are counted separately).
fn service_retries(summary: &Summary) -> f64 {
    summary.services.iter().map(|s| s.retries_sent as f64).sum()
}

/// One row of the per-service table.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub name: String,
    /// Mean and highest one-bucket mean of busy workers, in percent.
    pub utilization_pct: f64,
    pub peak_utilization_pct: f64,
    pub mean_queue: f64,
    /// Most requests waiting at once.
    pub peak_queue: f64,
    pub p99_ms: f64,
    pub throughput_rps: f64,
    /// Attempts that failed here, for any cause.
    pub failed: u64,
    /// Attempts whose caller gave up waiting.
    pub timed_out: u64,
    pub wasted_work_s: f64,
}

pub fn service_rows(summary: &Summary, buckets: &[Bucket]) -> Vec<ServiceRow> {
    summary
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let in_period = || measured(summary, buckets).filter_map(move |b| b.services.get(i));
            ServiceRow {
                name: s.name.clone(),
                utilization_pct: s.utilization * 100.0,
                peak_utilization_pct: in_period()
                    .map(|b| b.utilization * 100.0)
                    .fold(f64::NAN, f64::max),
                mean_queue: s.mean_queue_length,
                peak_queue: in_period()
                    .map(|b| b.max_queue as f64)
                    .fold(f64::NAN, f64::max),
                p99_ms: if s.succeeded == 0 {
                    f64::NAN
                } else {
                    s.p99_response_ms
                },
                throughput_rps: s.throughput_rps,
                failed: s.failed.total(),
                timed_out: s.timed_out,
                wasted_work_s: s.wasted_work_s,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Scenario, Simulation};

    const OVERLOAD: &str = r#"{ "name": "overload", "seed": 5, "duration_s": 30, "warmup_s": 5,
        "load": { "rate_rps": 50, "profile": { "shape": "spike", "at_s": 15, "duration_s": 5, "rate_rps": 400 } },
        "entry": "web", "client": { "timeout_ms": 500 },
        "services": [ { "name": "web", "workers": 4, "queue_capacity": 50,
                        "service_time": { "dist": "exponential", "mean_ms": 20 } } ] }"#;

    fn run() -> (Summary, Vec<Bucket>) {
        let scenario = Scenario::from_json_str(OVERLOAD).expect("valid");
        let mut sim = Simulation::new(&scenario).expect("valid");
        sim.run_to_end();
        (sim.summary(), sim.buckets().to_vec())
    }

    fn get<'a>(figures: &'a [Figure], key: &str) -> &'a Figure {
        figures
            .iter()
            .find(|f| f.key == key)
            .expect("figure exists")
    }

    #[test]
    fn headline_figures_agree_with_the_summary() {
        let (summary, buckets) = run();
        let figures = headline(&summary, &buckets);
        assert_eq!(
            get(&figures, "offered").value,
            summary.requests.offered as f64
        );
        let failed = get(&figures, "failed").value;
        let r = &summary.requests;
        assert!((failed - r.failed as f64 * 100.0 / (r.succeeded + r.failed) as f64).abs() < 1e-9);
        // The spike (8× the capacity of 200 rps) must fail requests, and its
        // worst second is worse than the run's average.
        assert!(failed > 1.0, "{failed}");
        assert!(get(&figures, "peak_errors").value > failed);
        assert_eq!(get(&figures, "throughput").value, summary.throughput_rps);
    }

    #[test]
    fn peaks_ignore_the_warm_up() {
        let (summary, mut buckets) = run();
        // A wild value inside the warm-up must not count.
        buckets[0].services[0].max_queue = 1_000_000;
        buckets[0].client.failed.timeout = 1_000_000;
        let rows = service_rows(&summary, &buckets);
        assert!(rows[0].peak_queue <= 50.0, "{}", rows[0].peak_queue);
        assert!(
            rows[0].peak_utilization_pct > 95.0,
            "the spike saturates web"
        );
        assert!(rows[0].peak_utilization_pct <= 100.0 + 1e-9);
        assert!(peak_error_percent(&summary, &buckets) < 100.0);
    }

    #[test]
    fn nothing_finished_reads_as_missing() {
        let (mut summary, buckets) = run();
        summary.requests.succeeded = 0;
        summary.requests.failed = 0;
        let figures = headline(&summary, &buckets[..0]);
        assert!(get(&figures, "failed").value.is_nan());
        assert!(get(&figures, "p99").value.is_nan());
        assert!(get(&figures, "peak_errors").value.is_nan());
        assert_eq!(get(&figures, "p99").text(), "–");
    }
}
