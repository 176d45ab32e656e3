//! The metric a sweep's chart plots against the swept parameter, and how
//! each is read from a point and shown.

use serde::{Deserialize, Serialize};

use super::{Estimate, PointStats};
use crate::units::Unit;

/// One curve of a sweep: a metric's mean and interval at every point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SweepMetric {
    P99Ms,
    P50Ms,
    GoodputRps,
    ThroughputRps,
    FailureShare,
    BusiestUtilization,
}

impl SweepMetric {
    pub const ALL: [SweepMetric; 6] = [
        SweepMetric::P99Ms,
        SweepMetric::P50Ms,
        SweepMetric::GoodputRps,
        SweepMetric::ThroughputRps,
        SweepMetric::FailureShare,
        SweepMetric::BusiestUtilization,
    ];

    /// The name in JSON, links and the picker's values (`p99_ms`).
    pub fn id(self) -> &'static str {
        match self {
            SweepMetric::P99Ms => "p99_ms",
            SweepMetric::P50Ms => "p50_ms",
            SweepMetric::GoodputRps => "goodput_rps",
            SweepMetric::ThroughputRps => "throughput_rps",
            SweepMetric::FailureShare => "failure_share",
            SweepMetric::BusiestUtilization => "busiest_utilization",
        }
    }

    pub fn from_id(id: &str) -> Option<SweepMetric> {
        SweepMetric::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            SweepMetric::P99Ms => "p99 latency",
            SweepMetric::P50Ms => "Median latency",
            SweepMetric::GoodputRps => "Goodput",
            SweepMetric::ThroughputRps => "Throughput",
            SweepMetric::FailureShare => "Failed requests",
            SweepMetric::BusiestUtilization => "Busiest service's utilisation",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            SweepMetric::P99Ms | SweepMetric::P50Ms => Unit::Milliseconds,
            SweepMetric::GoodputRps | SweepMetric::ThroughputRps => Unit::PerSecond,
            SweepMetric::FailureShare | SweepMetric::BusiestUtilization => Unit::Percent,
        }
    }

    /// The metric's estimate at a point, in the unit's scale (shares as
    /// percentages).
    pub fn of(self, p: &PointStats) -> Estimate {
        let (e, scale) = match self {
            SweepMetric::P99Ms => (p.p99_ms, 1.0),
            SweepMetric::P50Ms => (p.p50_ms, 1.0),
            SweepMetric::GoodputRps => (p.goodput_rps, 1.0),
            SweepMetric::ThroughputRps => (p.throughput_rps, 1.0),
            SweepMetric::FailureShare => (p.failure_share, 100.0),
            SweepMetric::BusiestUtilization => (p.busiest_utilization, 100.0),
        };
        Estimate {
            mean: e.mean * scale,
            ci95: e.ci95.map(|ci| ci * scale),
            n: e.n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_the_json_names() {
        for m in SweepMetric::ALL {
            assert_eq!(SweepMetric::from_id(m.id()), Some(m));
            assert_eq!(
                serde_json::to_value(m).ok(),
                Some(serde_json::Value::from(m.id()))
            );
        }
        assert_eq!(SweepMetric::from_id("p98"), None);
    }
}
