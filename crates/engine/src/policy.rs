//! Resilience policies as small state machines: backoff, retry budget,
//! circuit breaker, and the token bucket behind rate limits.
//!
//! Each is independent of the engine loop so it can be tested on its own.

use serde::{Deserialize, Serialize};

use super::random::Stream;
use super::scenario::{BackoffKind, BackoffSpec, BreakerSpec, RetryBudgetSpec};
use super::time::{ms_to_ns, Nanos, NS_PER_S};
use super::validate::limits;

/// The wait before retry number `retry` (1 for the first retry), in ms.
///
/// Formulas from the AWS Architecture Blog, "Exponential Backoff and Jitter"
/// (Marc Brooker, 2015): exponential `min(cap, base·2ⁿ)`; full jitter
/// `uniform(0, that)`; equal jitter `v/2 + uniform(0, v/2)`; decorrelated
/// `min(cap, uniform(base, 3·previous))`. `previous_ms` is the last sleep
/// (0 before the first retry).
pub fn backoff_ms(spec: &BackoffSpec, retry: u32, previous_ms: f64, rng: &mut Stream) -> f64 {
    let cap = spec.cap_ms.unwrap_or(limits::MAX_DELAY_MS);
    let base = spec.base_ms;
    let exp = || (base * libm::pow(2.0, retry.saturating_sub(1) as f64)).min(cap);
    match spec.kind {
        BackoffKind::None => 0.0,
        BackoffKind::Constant => base.min(cap),
        BackoffKind::Exponential => exp(),
        BackoffKind::FullJitter => rng.uniform() * exp(),
        BackoffKind::EqualJitter => {
            let v = exp();
            v / 2.0 + rng.uniform() * v / 2.0
        }
        BackoffKind::DecorrelatedJitter => {
            let prev = if previous_ms > 0.0 { previous_ms } else { base };
            let high = (3.0 * prev).max(base);
            (base + rng.uniform() * (high - base)).min(cap)
        }
    }
}

/// Retry budget as a token bucket: each first attempt earns `ratio` tokens
/// (up to `max_tokens`), each retry costs one (the Finagle-style budget; with
/// ratio 0.1 retries stay near 10 % of requests, Google SRE's advice).
#[derive(Debug, Clone)]
pub struct RetryBudget {
    // Fixed point (millionths of a token): adding 0.1 ten times must make
    // exactly one token, which floating point does not guarantee.
    ratio: i64,
    max: i64,
    tokens: i64,
}

const TOKEN: i64 = 1_000_000;

impl RetryBudget {
    pub fn new(spec: &RetryBudgetSpec) -> RetryBudget {
        let max = libm::round(spec.max_tokens * TOKEN as f64) as i64;
        RetryBudget {
            ratio: libm::round(spec.ratio * TOKEN as f64) as i64,
            max,
            // Start full: a fresh client may retry its first failures.
            tokens: max,
        }
    }

    pub fn on_first_attempt(&mut self) {
        self.tokens = (self.tokens + self.ratio).min(self.max);
    }

    /// Spends a token if one is left.
    pub fn try_retry(&mut self) -> bool {
        if self.tokens >= TOKEN {
            self.tokens -= TOKEN;
            true
        } else {
            false
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    #[default]
    Closed,
    Open,
    HalfOpen,
}

/// A circuit breaker over a sliding time window of one-second buckets (as
/// Hystrix's rolling window). Closed: count outcomes; open once at least
/// `min_calls` fell in the window and the failure share reaches
/// `failure_rate`. Open: refuse calls for `open_ms`. Half-open: let
/// `half_open_calls` trial calls through; all succeed → closed, any fails →
/// open again.
#[derive(Debug, Clone)]
pub struct Breaker {
    failure_rate: f64,
    min_calls: u32,
    open_ns: Nanos,
    half_open_calls: u32,
    /// (second, successes, failures) per slot.
    window: Vec<(u64, u32, u32)>,
    state: BreakerState,
    open_until: Nanos,
    trials_started: u32,
    trials_succeeded: u32,
    /// How many times it opened.
    pub opened: u64,
}

/// What the breaker says about a call about to be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    Yes,
    /// A half-open trial call.
    Trial,
    No,
}

impl Breaker {
    pub fn new(spec: &BreakerSpec) -> Breaker {
        let slots = libm::ceil(spec.window_s).max(1.0) as usize;
        Breaker {
            failure_rate: spec.failure_rate,
            min_calls: spec.min_calls,
            open_ns: ms_to_ns(spec.open_ms),
            half_open_calls: spec.half_open_calls,
            window: vec![(u64::MAX, 0, 0); slots],
            state: BreakerState::Closed,
            open_until: 0,
            trials_started: 0,
            trials_succeeded: 0,
            opened: 0,
        }
    }

    /// The state now (an expired open period reads as half-open).
    pub fn state(&self, now: Nanos) -> BreakerState {
        if self.state == BreakerState::Open && now >= self.open_until {
            BreakerState::HalfOpen
        } else {
            self.state
        }
    }

    pub fn admit(&mut self, now: Nanos) -> Admit {
        if self.state == BreakerState::Open && now >= self.open_until {
            self.state = BreakerState::HalfOpen;
            self.trials_started = 0;
            self.trials_succeeded = 0;
        }
        match self.state {
            BreakerState::Closed => Admit::Yes,
            BreakerState::Open => Admit::No,
            BreakerState::HalfOpen => {
                if self.trials_started < self.half_open_calls {
                    self.trials_started += 1;
                    Admit::Trial
                } else {
                    Admit::No
                }
            }
        }
    }

    /// Records the outcome of a call that was admitted (`trial` as returned
    /// by [`Breaker::admit`]).
    pub fn record(&mut self, now: Nanos, success: bool, trial: bool) {
        match self.state {
            BreakerState::HalfOpen if trial => {
                if success {
                    self.trials_succeeded += 1;
                    if self.trials_succeeded >= self.half_open_calls {
                        self.state = BreakerState::Closed;
                        for slot in &mut self.window {
                            *slot = (u64::MAX, 0, 0);
                        }
                    }
                } else {
                    self.trip(now);
                }
            }
            BreakerState::Closed => {
                let second = (now as f64 / NS_PER_S) as u64;
                let n = self.window.len();
                let slot = &mut self.window[(second % n as u64) as usize];
                if slot.0 != second {
                    *slot = (second, 0, 0);
                }
                if success {
                    slot.1 += 1;
                } else {
                    slot.2 += 1;
                }
                let oldest = second.saturating_sub(n as u64 - 1);
                let (ok, failed) = self
                    .window
                    .iter()
                    .filter(|s| s.0 != u64::MAX && s.0 >= oldest && s.0 <= second)
                    .fold((0u32, 0u32), |(a, b), s| (a + s.1, b + s.2));
                let total = ok + failed;
                if total >= self.min_calls && failed as f64 >= self.failure_rate * total as f64 {
                    self.trip(now);
                }
            }
            // Late results of calls admitted before the breaker opened (or
            // non-trial calls in half-open) do not move it.
            _ => {}
        }
    }

    fn trip(&mut self, now: Nanos) {
        self.state = BreakerState::Open;
        self.open_until = now + self.open_ns;
        self.opened += 1;
    }
}

/// A token bucket refilled continuously: `rate` tokens per second up to `burst`.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    rate_per_ns: f64,
    burst: f64,
    tokens: f64,
    last: Nanos,
}

impl TokenBucket {
    pub fn new(rate_rps: f64, burst: f64) -> TokenBucket {
        TokenBucket {
            rate_per_ns: rate_rps / NS_PER_S,
            burst,
            tokens: burst,
            last: 0,
        }
    }

    pub fn try_take(&mut self, now: Nanos) -> bool {
        let elapsed = now.saturating_sub(self.last) as f64;
        self.tokens = (self.tokens + elapsed * self.rate_per_ns).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: BackoffKind) -> BackoffSpec {
        BackoffSpec {
            kind,
            base_ms: 100.0,
            cap_ms: Some(1000.0),
        }
    }

    #[test]
    fn exponential_doubles_up_to_the_cap() {
        let mut rng = Stream::new(1, 1);
        let s = spec(BackoffKind::Exponential);
        let waits: Vec<f64> = (1..=6).map(|n| backoff_ms(&s, n, 0.0, &mut rng)).collect();
        assert_eq!(waits, vec![100.0, 200.0, 400.0, 800.0, 1000.0, 1000.0]);
    }

    #[test]
    fn jitter_stays_within_its_range() {
        let mut rng = Stream::new(2, 2);
        for n in 1..=5 {
            let v = (100.0 * 2f64.powi(n as i32 - 1)).min(1000.0);
            let full = backoff_ms(&spec(BackoffKind::FullJitter), n, 0.0, &mut rng);
            assert!((0.0..=v).contains(&full));
            let equal = backoff_ms(&spec(BackoffKind::EqualJitter), n, 0.0, &mut rng);
            assert!((v / 2.0..=v).contains(&equal));
        }
        let mut prev = 0.0;
        for n in 1..=20 {
            let d = backoff_ms(&spec(BackoffKind::DecorrelatedJitter), n, prev, &mut rng);
            assert!((100.0..=1000.0).contains(&d), "{d}");
            prev = d;
        }
    }

    /// Mean and variance of `n` draws of `draw`.
    fn moments(n: usize, mut draw: impl FnMut() -> f64) -> (f64, f64) {
        let xs: Vec<f64> = (0..n).map(|_| draw()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        (mean, var)
    }

    /// Asserts that `n` draws come from a uniform distribution of width
    /// `width` and mean `mean`: the sample mean within 4 standard errors
    /// (σ/√n, σ² = width²/12) and the sample variance within 4 of its own
    /// (σ²·√(0.8/n): a uniform's kurtosis is 1.8). A correct sampler lands
    /// further out with probability about 6e-5; one that always returns the
    /// same value, or the wrong end of the range, fails by far.
    fn assert_uniform(label: &str, n: usize, mean: f64, width: f64, draw: impl FnMut() -> f64) {
        let (m, v) = moments(n, draw);
        let var = width * width / 12.0;
        let se_mean = (var / n as f64).sqrt();
        let se_var = var * (0.8 / n as f64).sqrt();
        assert!(
            (m - mean).abs() < 4.0 * se_mean,
            "{label}: mean {m} but {mean} expected (± {})",
            4.0 * se_mean
        );
        assert!(
            (v - var).abs() < 4.0 * se_var,
            "{label}: variance {v} but {var} expected (± {})",
            4.0 * se_var
        );
    }

    #[test]
    fn jitter_has_the_mean_and_spread_of_its_formula() {
        let mut rng = Stream::new(3, 4);
        let n = 100_000;
        for retry in 1..=5 {
            // The exponential delay before jitter: 100, 200, 400, 800, then the 1000 ms cap.
            let v = (100.0 * 2f64.powi(retry as i32 - 1)).min(1000.0);
            // Full jitter: uniform on [0, v], mean v/2, variance v²/12.
            assert_uniform(
                &format!("full jitter, retry {retry}"),
                n,
                v / 2.0,
                v,
                || backoff_ms(&spec(BackoffKind::FullJitter), retry, 0.0, &mut rng),
            );
            // Equal jitter: v/2 + uniform on [0, v/2], mean 3v/4, variance v²/48.
            assert_uniform(
                &format!("equal jitter, retry {retry}"),
                n,
                0.75 * v,
                v / 2.0,
                || backoff_ms(&spec(BackoffKind::EqualJitter), retry, 0.0, &mut rng),
            );
        }
        // Decorrelated: uniform on [base, 3·previous] (previous = base at
        // first), below the cap here: [100, 300] first, [100, 600] after 200.
        let decorrelated = |prev: f64, rng: &mut Stream| {
            backoff_ms(&spec(BackoffKind::DecorrelatedJitter), 2, prev, rng)
        };
        assert_uniform("decorrelated, first", n, 200.0, 200.0, || {
            decorrelated(0.0, &mut rng)
        });
        assert_uniform("decorrelated, after 200", n, 350.0, 500.0, || {
            decorrelated(200.0, &mut rng)
        });
    }

    #[test]
    fn budget_limits_retries_to_the_ratio() {
        let mut b = RetryBudget::new(&RetryBudgetSpec {
            ratio: 0.1,
            max_tokens: 2.0,
        });
        let mut granted = 0;
        for _ in 0..1000 {
            b.on_first_attempt();
            if b.try_retry() {
                granted += 1;
            }
        }
        // The two starting tokens go on requests 1 and 2 (leaving the 0.1
        // earned by request 2); then a token is complete on requests 11, 21,
        // ..., 991: 2 + 99 retries for 1000 requests.
        assert_eq!(granted, 101);
    }

    fn breaker() -> Breaker {
        Breaker::new(&BreakerSpec {
            failure_rate: 0.5,
            window_s: 10.0,
            min_calls: 4,
            open_ms: 1000.0,
            half_open_calls: 2,
        })
    }

    #[test]
    fn breaker_needs_minimum_calls_then_opens_and_recovers() {
        let mut b = breaker();
        let s = 1_000_000_000;
        for _ in 0..3 {
            assert_eq!(b.admit(s), Admit::Yes);
            b.record(s, false, false);
        }
        assert_eq!(
            b.state(s),
            BreakerState::Closed,
            "3 calls are below the minimum"
        );
        b.record(s, true, false);
        assert_eq!(b.state(s), BreakerState::Open, "3 of 4 failed");
        assert_eq!(b.admit(s + 500_000_000), Admit::No);
        let later = s + 1_000_000_000;
        assert_eq!(b.state(later), BreakerState::HalfOpen);
        assert_eq!(b.admit(later), Admit::Trial);
        assert_eq!(b.admit(later), Admit::Trial);
        assert_eq!(b.admit(later), Admit::No, "only two trial calls");
        b.record(later, true, true);
        assert_eq!(b.state(later), BreakerState::HalfOpen);
        b.record(later, true, true);
        assert_eq!(b.state(later), BreakerState::Closed);
        assert_eq!(b.opened, 1);
    }

    #[test]
    fn failed_trial_reopens_and_old_failures_leave_the_window() {
        let mut b = breaker();
        let s = 1_000_000_000;
        for _ in 0..4 {
            b.admit(s);
            b.record(s, false, false);
        }
        let later = s + 1_000_000_000;
        assert_eq!(b.admit(later), Admit::Trial);
        b.record(later, false, true);
        assert_eq!(b.state(later), BreakerState::Open);
        assert_eq!(b.opened, 2);

        let mut b = breaker();
        for _ in 0..3 {
            b.record(s, false, false);
        }
        // Eleven seconds later those failures have left the 10 s window.
        let t = s + 11 * 1_000_000_000;
        b.record(t, false, false);
        assert_eq!(b.state(t), BreakerState::Closed);
    }

    #[test]
    fn token_bucket_refills_at_its_rate() {
        let mut tb = TokenBucket::new(10.0, 2.0);
        assert!(tb.try_take(0));
        assert!(tb.try_take(0));
        assert!(!tb.try_take(0));
        assert!(!tb.try_take(50_000_000), "half a token after 50 ms");
        assert!(tb.try_take(100_000_000));
    }
}
