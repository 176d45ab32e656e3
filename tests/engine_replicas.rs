//! Per-replica metrics: the per-instance view names a bad replica that the
//! service's aggregate hides. The observability article says so in these
//! words, which `the_per_replica_view_names_the_bad_replica_across_seeds`
//! checks: "replica 2 is over 90 % busy with a p99 more than five times any
//! other replica's, while the other three are under 30 % busy".
//! The replicas' figures also add up to their service's.

use faultline::engine::report::{ReplicaSummary, ServiceSummary};
use faultline::engine::{Balancer, Scenario, Summary};

fn preset(id: &str) -> Scenario {
    let text =
        std::fs::read_to_string(format!("content/scenarios/{id}.json")).expect("preset exists");
    Scenario::from_json_str(&text).expect("valid")
}

fn service<'a>(summary: &'a Summary, name: &str) -> &'a ServiceSummary {
    summary
        .services
        .iter()
        .find(|s| s.name == name)
        .expect("service in summary")
}

/// Failed here or given up on by the caller: what an error panel counts.
fn errors(r: &ReplicaSummary) -> u64 {
    r.failed.total() + r.timed_out
}

/// The preset's fault: which catalog replica is slow.
fn bad_replica(s: &Scenario) -> u32 {
    let fault = s.faults.first().expect("the preset has one fault");
    assert_eq!(fault.service, "catalog");
    fault.replica.expect("the fault names one replica")
}

#[test]
fn the_per_replica_view_names_the_bad_replica_across_seeds() {
    let base = preset("bad-replica");
    let bad = bad_replica(&base);
    for seed in [42, 1, 2, 3, 4, 5] {
        let mut s = base.clone();
        s.seed = seed;
        let summary = faultline::engine::run(&s).expect("runs");
        let replicas = &service(&summary, "catalog").replicas;
        assert_eq!(replicas.len(), 4, "seed {seed}");
        let culprit = &replicas[bad as usize];
        assert_eq!(culprit.replica, bad);
        for other in replicas.iter().filter(|r| r.replica != bad) {
            // Ten times slower work: its p99 stands out by far more than
            // the noise between healthy replicas.
            assert!(
                culprit.p99_response_ms > 5.0 * other.p99_response_ms,
                "seed {seed}: p99 {} vs replica {} {}",
                culprit.p99_response_ms,
                other.replica,
                other.p99_response_ms
            );
            assert!(
                culprit.utilization > 0.9 && other.utilization < 0.3,
                "seed {seed}: utilisation {} vs {}",
                culprit.utilization,
                other.utilization
            );
        }
        let others: u64 = replicas
            .iter()
            .filter(|r| r.replica != bad)
            .map(errors)
            .sum();
        assert!(
            errors(culprit) > 100 && errors(culprit) > 10 * others,
            "seed {seed}: errors {} vs the others' {others}",
            errors(culprit)
        );
    }
}

#[test]
fn replica_figures_add_up_to_their_service() {
    let summary = faultline::engine::run(&preset("bad-replica")).expect("runs");
    let catalog = service(&summary, "catalog");
    let r = &catalog.replicas;
    let sum = |f: fn(&ReplicaSummary) -> u64| r.iter().map(f).sum::<u64>();
    assert_eq!(sum(|r| r.succeeded), catalog.succeeded);
    assert_eq!(sum(|r| r.failed.total()), catalog.failed.total());
    assert_eq!(sum(|r| r.timed_out), catalog.timed_out);
    // Equal workers per replica: the service's utilisation is the mean.
    let mean_util = r.iter().map(|r| r.utilization).sum::<f64>() / r.len() as f64;
    assert!(
        (mean_util - catalog.utilization).abs() < 1e-9,
        "{mean_util} vs {}",
        catalog.utilization
    );
    // The mean response over all successes is the success-weighted mean.
    let weighted = r
        .iter()
        .map(|r| r.mean_response_ms * r.succeeded as f64)
        .sum::<f64>()
        / catalog.succeeded as f64;
    assert!((weighted - catalog.mean_response_ms).abs() < 1e-6);
}

#[test]
fn least_outstanding_sends_little_to_the_bad_replica() {
    let mut s = preset("bad-replica");
    let bad = bad_replica(&s) as usize;
    let catalog = s
        .services
        .iter_mut()
        .find(|svc| svc.name == "catalog")
        .expect("catalog");
    catalog.balancer = Balancer::LeastOutstanding;
    let summary = faultline::engine::run(&s).expect("runs");
    let r = &service(&summary, "catalog").replicas;
    let healthy_mean = r
        .iter()
        .map(|r| r.admitted)
        .sum::<u64>()
        .saturating_sub(r[bad].admitted) as f64
        / 3.0;
    assert!(
        (r[bad].admitted as f64) < healthy_mean / 4.0,
        "bad {} vs healthy mean {healthy_mean}",
        r[bad].admitted
    );
}

#[test]
fn a_single_replica_reports_its_service() {
    let summary = faultline::engine::run(&preset("ten-services")).expect("runs");
    for svc in &summary.services {
        assert_eq!(svc.replicas.len(), 1, "{}", svc.name);
        let r = &svc.replicas[0];
        assert_eq!(r.succeeded, svc.succeeded);
        assert_eq!(r.failed, svc.failed);
        assert_eq!(r.timed_out, svc.timed_out);
        assert_eq!(r.p99_response_ms, svc.p99_response_ms);
        assert_eq!(r.mean_response_ms, svc.mean_response_ms);
        assert!((r.utilization - svc.utilization).abs() < 1e-12);
    }
}
