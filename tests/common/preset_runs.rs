//! Runs of the shipped presets (or of variants of them) over a fixed set of
//! seeds, and the per-window sums that the presets' descriptions talk about
//! ("during the fault", "after the trigger"). Used by tests/preset_claims.rs.

#![allow(dead_code)]

use faultline::engine::{Bucket, Scenario, Simulation, Summary, Trace};

/// The seeds every preset claim is checked on: the preset's own (42) and
/// four more. The same set for every preset, chosen before looking at any
/// result, so that no claim is tested on seeds picked to suit it.
pub const SEEDS: [u64; 5] = [42, 1, 2, 3, 4];

/// A shipped preset, parsed and validated.
pub fn preset(id: &str) -> Scenario {
    let path = format!("content/scenarios/{id}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::from_json_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Everything one run produced.
pub struct Run {
    pub seed: u64,
    pub summary: Summary,
    pub buckets: Vec<Bucket>,
    pub traces: Vec<Trace>,
}

/// Runs a scenario to its end with the given seed.
pub fn run(scenario: &Scenario, seed: u64) -> Run {
    let mut s = scenario.clone();
    s.seed = seed;
    let mut sim = Simulation::new(&s).unwrap_or_else(|e| panic!("{}: {e}", s.name));
    sim.run_to_end();
    let summary = sim.summary();
    assert!(
        summary.stopped_early.is_none(),
        "{}: {:?}",
        s.name,
        summary.stopped_early
    );
    Run {
        seed,
        summary,
        buckets: sim.buckets().to_vec(),
        traces: sim.traces().to_vec(),
    }
}

/// One run per seed in [`SEEDS`].
pub fn runs(scenario: &Scenario) -> Vec<Run> {
    SEEDS.iter().map(|&seed| run(scenario, seed)).collect()
}

impl Run {
    /// Buckets whose end lies in (from, to].
    pub fn window(&self, from: f64, to: f64) -> impl Iterator<Item = &Bucket> {
        self.buckets
            .iter()
            .filter(move |b| b.t_s > from && b.t_s <= to)
    }

    pub fn service(&self, name: &str) -> usize {
        self.summary
            .services
            .iter()
            .position(|s| s.name == name)
            .unwrap_or_else(|| panic!("no service {name}"))
    }

    pub fn edge(&self, from: &str, to: &str) -> usize {
        self.summary
            .edges
            .iter()
            .position(|e| e.from == from && e.to == to)
            .unwrap_or_else(|| panic!("no call {from} → {to}"))
    }

    /// Sum of a per-bucket count over a window.
    pub fn sum(&self, from: f64, to: f64, f: impl Fn(&Bucket) -> u64) -> u64 {
        self.window(from, to).map(f).sum()
    }

    /// Time average of a per-bucket level over a window (buckets are equal).
    pub fn mean(&self, from: f64, to: f64, f: impl Fn(&Bucket) -> f64) -> f64 {
        let values: Vec<f64> = self.window(from, to).map(f).collect();
        assert!(!values.is_empty(), "empty window ({from}, {to}]");
        values.iter().sum::<f64>() / values.len() as f64
    }

    pub fn max(&self, from: f64, to: f64, f: impl Fn(&Bucket) -> f64) -> f64 {
        self.window(from, to)
            .map(f)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    pub fn min(&self, from: f64, to: f64, f: impl Fn(&Bucket) -> f64) -> f64 {
        self.window(from, to).map(f).fold(f64::INFINITY, f64::min)
    }

    /// Client requests arriving in the window.
    pub fn arrivals(&self, from: f64, to: f64) -> u64 {
        self.sum(from, to, |b| b.client.arrivals)
    }

    /// Client requests that failed in the window, as a share of arrivals.
    pub fn failed_share(&self, from: f64, to: f64) -> f64 {
        self.sum(from, to, |b| b.client.failed.total()) as f64 / self.arrivals(from, to) as f64
    }

    /// Answers within the client's deadline in the window, as a share of arrivals.
    pub fn good_share(&self, from: f64, to: f64) -> f64 {
        self.sum(from, to, |b| b.client.good) as f64 / self.arrivals(from, to) as f64
    }

    /// Answers within the deadline per second over the window.
    pub fn goodput(&self, from: f64, to: f64) -> f64 {
        self.sum(from, to, |b| b.client.good) as f64 / (to - from)
    }

    /// End time of the first bucket after `after` that satisfies `pred`.
    pub fn first(&self, after: f64, pred: impl Fn(&Bucket) -> bool) -> Option<f64> {
        self.buckets
            .iter()
            .find(|b| b.t_s > after && pred(b))
            .map(|b| b.t_s)
    }
}

/// Applies `f` to every run, prints the values (so `--nocapture` shows the
/// spread a margin was chosen from) and returns them.
pub fn per_seed(label: &str, runs: &[Run], f: impl Fn(&Run) -> f64) -> Vec<f64> {
    let values: Vec<f64> = runs.iter().map(f).collect();
    let shown: Vec<String> = runs
        .iter()
        .zip(&values)
        .map(|(r, v)| format!("seed {}: {v:.4}", r.seed))
        .collect();
    eprintln!("{label}: {}", shown.join(", "));
    values
}

pub fn mean_of(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}
