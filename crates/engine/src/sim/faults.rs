//! Faults: scheduled slow, error, hang and down faults on some replicas of
//! a service. Their effects are recomputed from the set of active faults
//! whenever one starts or ends, so overlapping faults combine.

use super::super::keys::{ReplicaId, ServiceId};
use super::super::metrics::Cause;
use super::super::scenario::FaultKind;
use super::Simulation;

impl Simulation {
    /// Handles [`super::Event::FaultStart`] and [`super::Event::FaultEnd`].
    /// Calls inline: [`Simulation::apply_faults`].
    pub(super) fn fault_changed(&mut self, fault: u32, active: bool) {
        self.faults_active[fault as usize] = active;
        self.apply_faults(ServiceId::new(self.m.faults[fault as usize].service));
    }

    /// Recomputes the fault effects on every replica of service `s` from the
    /// faults active now. A replica that goes down fails the requests in
    /// its queue now (and its work in progress when that work next ends);
    /// one that comes back takes work. Calls inline:
    /// [`Simulation::finish_task`], [`Simulation::dispatch`].
    fn apply_faults(&mut self, s: ServiceId) {
        let svc = &self.m.services[s.ix()];
        let first = svc.first_replica;
        let n = svc.replicas;
        for k in 0..n {
            let mut slow = 1.0;
            let mut ok_share = 1.0;
            let mut hang_until = 0;
            let mut down = 0;
            for (f, fault) in self.m.faults.iter().enumerate() {
                if !self.faults_active[f] || fault.service != s.ix() || !fault.replicas.contains(&k)
                {
                    continue;
                }
                match fault.kind {
                    FaultKind::Slow => slow *= fault.factor,
                    FaultKind::Error => ok_share *= 1.0 - fault.rate,
                    FaultKind::Hang => hang_until = hang_until.max(fault.to),
                    FaultKind::Down => down += 1,
                }
            }
            let r = ReplicaId::new(first + k as usize);
            let rep = &mut self.replicas[r];
            let was_down = !rep.is_up();
            rep.slow_factor = slow;
            rep.error_rate = 1.0 - ok_share;
            rep.hang_until = hang_until;
            rep.down = down;
            if down > 0 && !was_down {
                rep.epoch = rep.epoch.wrapping_add(1);
                // Requests waiting at a replica that goes away fail now.
                while let Some(task) = self.replicas[r].queue.pop_front() {
                    self.services[s].queue.change(self.now, -1);
                    self.finish_task(task, Err(Cause::Error));
                }
            } else if down == 0 && was_down {
                self.dispatch(r, s);
            }
        }
    }
}
