//! What the simulation keeps about each object in flight (tasks and calls)
//! and about each part of the topology (replicas, services, edges, the
//! client) while it runs.

use std::collections::VecDeque;

use super::super::keys::{CallKey, EdgeId, ReplicaId, ServiceId, TaskKey};
use super::super::metrics::{
    Cause, ClientCounters, EdgeCounters, Latency, Level, ReplicaMetrics, ServiceCounters, Tally,
};
use super::super::policy::{Breaker, RetryBudget, TokenBucket};
use super::super::random::Stream;
use super::super::time::Nanos;
use super::super::trace::TraceRef;

/// One attempt being handled by a service, or one async message.
#[derive(Debug, Clone)]
pub(super) struct Task {
    /// The client request this work is for (sequence number).
    pub request: u64,
    pub service: ServiceId,
    /// Who gets the reply.
    pub parent: Parent,
    /// When it reached its service (a message: when it was published or
    /// taken from the broker); response and sojourn times count from here.
    pub arrived: Nanos,
    pub stage: Stage,
    /// The first failure among its calls: the task fails with it.
    pub failure: Option<Cause>,
    /// The caller stopped waiting: whatever this task still does is wasted.
    pub abandoned: bool,
    pub trace: TraceRef,
}

/// Where a task is in its life. Tasks move forward only:
/// `InNetwork → Queued? → Serving` for a sync attempt and
/// `Brokered → Serving` for a message; a failure can end any stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stage {
    /// Crossing the network to its service (a sync attempt).
    InNetwork,
    /// Waiting in a broker queue (an async message).
    Brokered,
    /// Admitted at `replica`, waiting for one of its workers.
    Queued { replica: ReplicaId },
    /// Holding a worker of its replica.
    Serving(Serving),
}

/// A task that holds a worker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Serving {
    pub replica: ReplicaId,
    /// When the worker took it (wasted work counts from here).
    pub started: Nanos,
    /// The replica's epoch when the work began: a replica that has gone
    /// down since has a newer one, and the work fails.
    pub epoch: u32,
    /// Own work still to do after its calls return.
    pub post_work: Nanos,
    pub step: Step,
}

/// What a serving task is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Its own work before the calls.
    Work,
    /// Waiting for its calls: `next_call` is the next of the service's
    /// call list to consider (sequential order), `outstanding` how many
    /// are out.
    Calls { next_call: u16, outstanding: u16 },
    /// Its own work after the calls.
    PostWork,
}

impl Stage {
    /// Got past admission (queued or serving): counts in the service's
    /// sojourn time and in-system level.
    pub fn admitted(&self) -> bool {
        matches!(self, Stage::Queued { .. } | Stage::Serving(_))
    }

    /// The replica it was admitted at, if any.
    pub fn replica(&self) -> Option<ReplicaId> {
        match *self {
            Stage::Queued { replica } => Some(replica),
            Stage::Serving(s) => Some(s.replica),
            Stage::InNetwork | Stage::Brokered => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Parent {
    /// An attempt of a call; the reply goes to the call if it still waits
    /// for this attempt.
    Call { call: CallKey, attempt: u32 },
    /// An async message on `edge`, first published at `published`.
    Message {
        edge: EdgeId,
        published: Nanos,
        delivery: u32,
        prev_sleep_ms: f64,
    },
}

impl Task {
    /// A sync attempt of `call`, leaving for `service` now.
    pub fn attempt(
        request: u64,
        service: ServiceId,
        call: CallKey,
        attempt: u32,
        now: Nanos,
        trace: TraceRef,
    ) -> Task {
        Task {
            request,
            service,
            parent: Parent::Call { call, attempt },
            arrived: now,
            stage: Stage::InNetwork,
            failure: None,
            abandoned: false,
            trace,
        }
    }

    /// Delivery number `delivery` of a message on `edge` (first published
    /// at `published`), bound for the broker.
    #[allow(clippy::too_many_arguments)]
    pub fn message(
        request: u64,
        service: ServiceId,
        edge: EdgeId,
        published: Nanos,
        delivery: u32,
        prev_sleep_ms: f64,
        arrived: Nanos,
        trace: TraceRef,
    ) -> Task {
        Task {
            request,
            service,
            parent: Parent::Message {
                edge,
                published,
                delivery,
                prev_sleep_ms,
            },
            arrived,
            stage: Stage::Brokered,
            failure: None,
            abandoned: false,
            trace,
        }
    }
}

/// Who made a call, and so gets its result.
#[derive(Debug, Clone, Copy)]
pub(super) enum Caller {
    /// A client request; `user` is the closed-loop user who sent it.
    Client {
        arrived: Nanos,
        user: Option<u32>,
        measured: bool,
    },
    /// A task calling a dependency.
    Task(TaskKey),
}

/// One logical call along an edge, with its attempts.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub request: u64,
    pub edge: EdgeId,
    pub caller: Caller,
    /// Attempts sent so far (the current one's number).
    pub attempt: u32,
    /// The task of the current attempt while the caller waits for it (or
    /// for a blocked publish to go through); `None` between attempts.
    pub waiting_for: Option<TaskKey>,
    /// The current attempt is a half-open breaker's trial.
    pub trial: bool,
    pub prev_sleep_ms: f64,
    pub trace: TraceRef,
}

impl Call {
    /// A call about to send its first attempt.
    pub fn new(request: u64, edge: EdgeId, caller: Caller, trace: TraceRef) -> Call {
        Call {
            request,
            edge,
            caller,
            attempt: 0,
            waiting_for: None,
            trial: false,
            prev_sleep_ms: 0.0,
            trace,
        }
    }
}

/// One instance of a service: its workers, its queue and the faults on it.
pub(super) struct Replica {
    pub busy: u32,
    pub queue: VecDeque<TaskKey>,
    /// Active `down` faults covering this replica.
    pub down: u32,
    /// Bumped when the replica goes down: work begun before fails.
    pub epoch: u32,
    pub slow_factor: f64,
    pub error_rate: f64,
    pub hang_until: Nanos,
    /// Per-replica accumulators, for replicas of services that have more
    /// than one (a single replica's figures are its service's).
    pub metrics: Option<Box<ReplicaMetrics>>,
}

impl Replica {
    /// A replica with no fault on it; `observed` when its service has
    /// several replicas and so records per-replica metrics.
    pub fn healthy(observed: bool) -> Replica {
        Replica {
            metrics: observed.then(|| Box::new(ReplicaMetrics::new())),
            busy: 0,
            queue: VecDeque::new(),
            down: 0,
            epoch: 0,
            slow_factor: 1.0,
            error_rate: 0.0,
            hang_until: 0,
        }
    }

    pub fn is_up(&self) -> bool {
        self.down == 0
    }
}

/// A service's accumulators and per-service state.
pub(super) struct ServiceRt {
    pub counts: Tally<ServiceCounters>,
    pub busy: Level,
    pub queue: Level,
    pub in_system: Level,
    pub latency: Latency,
    /// Round-robin position (also the start of least-outstanding's scan).
    pub rr: u32,
    pub limiter: Option<TokenBucket>,
    /// Service-time samples (and nothing else).
    pub rng: Stream,
    /// The next task's service time, drawn one task ahead: the same
    /// numbers in the same order, but a task's `WorkDone` finds its place
    /// in the heap without waiting for the sample's logarithm.
    pub next_work: Nanos,
}

/// An edge's accumulators, policies and (async) broker.
pub(super) struct EdgeRt {
    pub counts: Tally<EdgeCounters>,
    pub breaker: Option<Breaker>,
    pub budget: Option<RetryBudget>,
    /// Sync attempts out now (for the bulkhead).
    pub in_flight: u32,
    pub broker: VecDeque<TaskKey>,
    pub depth: Level,
    /// Calls whose publish waits for room in the broker.
    pub blocked: VecDeque<CallKey>,
}

/// The client's accumulators.
pub(super) struct ClientRt {
    pub counts: Tally<ClientCounters>,
    pub in_flight: Level,
    pub latency: Latency,
    /// Sequence number of the next client request.
    pub seq: u64,
}
