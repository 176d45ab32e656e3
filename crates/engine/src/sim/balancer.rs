//! Which replica gets a request: the service's balancer for sync requests,
//! and the next idle consumer for a message that just arrived in a broker.
//! Down replicas are never picked.

use super::super::keys::{ReplicaId, ServiceId};
use super::super::scenario::Balancer;
use super::Simulation;

impl Simulation {
    /// The replica of service `s` that gets the next sync request, or
    /// `None` when every replica is down.
    pub(super) fn pick_replica(&mut self, s: ServiceId) -> Option<ReplicaId> {
        let svc = &self.m.services[s.ix()];
        let first = svc.first_replica;
        let n = svc.replicas;
        let replica = |k: u32| ReplicaId::new(first + k as usize);
        if n == 1 {
            return self.replicas[replica(0)].is_up().then_some(replica(0));
        }
        let up = (0..n)
            .filter(|&k| self.replicas[replica(k)].is_up())
            .count() as u32;
        if up == 0 {
            return None;
        }
        let rt = &mut self.services[s];
        match svc.balancer {
            Balancer::RoundRobin => {
                for k in 0..n {
                    let i = (rt.rr + k) % n;
                    if self.replicas[replica(i)].is_up() {
                        rt.rr = (i + 1) % n;
                        return Some(replica(i));
                    }
                }
                None
            }
            Balancer::LeastOutstanding => {
                let start = rt.rr;
                rt.rr = (rt.rr + 1) % n;
                (0..n)
                    .map(|k| replica((start + k) % n))
                    .filter(|&r| self.replicas[r].is_up())
                    .min_by_key(|&r| self.replicas[r].busy as usize + self.replicas[r].queue.len())
            }
            Balancer::Random => {
                let mut pick = self.rng_decisions.below(up);
                for k in 0..n {
                    if self.replicas[replica(k)].is_up() {
                        if pick == 0 {
                            return Some(replica(k));
                        }
                        pick -= 1;
                    }
                }
                None
            }
        }
    }

    /// An up replica of service `s` with a free worker, scanning round
    /// robin (and moving the round-robin position past it), for a message
    /// that just arrived.
    pub(super) fn idle_consumer(&mut self, s: ServiceId) -> Option<ReplicaId> {
        let svc = &self.m.services[s.ix()];
        let n = svc.replicas;
        let start = self.services[s].rr;
        for k in 0..n {
            let r = ReplicaId::new(svc.first_replica + ((start + k) % n) as usize);
            let rep = &self.replicas[r];
            if rep.is_up() && rep.busy < svc.workers {
                self.services[s].rr = (start + k + 1) % n;
                return Some(r);
            }
        }
        None
    }
}
