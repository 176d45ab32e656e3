//! Study results as CSV, for `sim sweep --csv` and the simulator page's
//! export: one row per point (or per seed, for a capacity search), each
//! metric's mean and 95 % half-width in columns named as in the JSON. An
//! unknown value (a latency when nothing succeeded, an interval from one
//! seed) is an empty cell, never a made-up 0.

use super::{CapacityResult, Estimate, HysteresisResult, PointStats, StudyResult, SweepResult};
use crate::Cause;

/// The metrics of a point, named as in the JSON, for CSV columns.
fn metrics(p: &PointStats) -> Vec<(String, &Estimate)> {
    let mut out = vec![
        ("offered_rps".to_string(), &p.offered_rps),
        ("goodput_rps".to_string(), &p.goodput_rps),
        ("throughput_rps".to_string(), &p.throughput_rps),
        ("failure_share".to_string(), &p.failure_share),
    ];
    for cause in Cause::ALL {
        let name = serde_json::to_value(cause)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push((
            format!("failure_share_{name}"),
            p.failure_share_by_cause.get(cause),
        ));
    }
    out.extend([
        ("mean_ms".to_string(), &p.mean_ms),
        ("p50_ms".to_string(), &p.p50_ms),
        ("p99_ms".to_string(), &p.p99_ms),
        ("busiest_utilization".to_string(), &p.busiest_utilization),
    ]);
    out
}

/// A number as CSV writes it: shortest round-trip form, empty when unknown.
fn cell(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// CSV of points: the leading columns, then each metric's mean and interval.
fn points_csv(lead: &[String], rows: &[(Vec<String>, &PointStats)]) -> String {
    let Some((_, first)) = rows.first() else {
        return String::new();
    };
    let mut head: Vec<String> = lead.to_vec();
    for (name, _) in metrics(first) {
        head.push(format!("{name}_mean"));
        head.push(format!("{name}_ci95"));
    }
    head.push("busiest_service".into());
    let mut out = head.join(",") + "\n";
    for (cells, p) in rows {
        let mut row = cells.clone();
        for (_, e) in metrics(p) {
            row.push(cell(e.mean));
            row.push(e.ci95.map_or_else(String::new, cell));
        }
        row.push(p.busiest_service.clone());
        out += &(row.join(",") + "\n");
    }
    out
}

impl SweepResult {
    /// One row per point: the parameter values, then the metrics.
    pub fn to_csv(&self) -> String {
        let mut lead = vec![self.spec.param.path.clone()];
        if let Some(p2) = &self.spec.param2 {
            lead.push(p2.path.clone());
        }
        let rows: Vec<(Vec<String>, &PointStats)> = self
            .points
            .iter()
            .map(|p| (p.values.iter().map(|v| format!("{v}")).collect(), p))
            .collect();
        points_csv(&lead, &rows)
    }
}

impl HysteresisResult {
    /// One row per window, the way up first: direction, load, the metrics.
    pub fn to_csv(&self) -> String {
        let rows: Vec<(Vec<String>, &PointStats)> = [("up", &self.up), ("down", &self.down)]
            .into_iter()
            .flat_map(|(dir, curve)| {
                curve
                    .iter()
                    .map(move |p| (vec![dir.to_string(), format!("{}", p.values[0])], p))
            })
            .collect();
        points_csv(&["direction".into(), "load_rps".into()], &rows)
    }
}

impl CapacityResult {
    /// One row per seed: the capacity found and how the search went.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "seed,capacity_rps,passed_rps,failed_rps,below_range,above_range,probes\n",
        );
        for s in &self.per_seed {
            out += &format!(
                "{},{},{},{},{},{},{}\n",
                s.seed,
                s.capacity_rps.map_or_else(String::new, |c| format!("{c}")),
                s.passed_rps,
                s.failed_rps,
                s.below_range,
                s.above_range,
                s.probes
            );
        }
        out
    }
}

impl StudyResult {
    pub fn to_csv(&self) -> String {
        match self {
            StudyResult::Sweep(r) => r.to_csv(),
            StudyResult::Hysteresis(r) => r.to_csv(),
            StudyResult::Capacity(r) => r.to_csv(),
        }
    }
}
