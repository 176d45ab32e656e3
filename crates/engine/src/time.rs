//! Virtual time. The engine counts integer nanoseconds so that event order is
//! exact and platform-independent; scenario files speak milliseconds and
//! seconds.

/// A point in (or span of) simulated time, in nanoseconds.
pub type Nanos = u64;

pub const NS_PER_MS: f64 = 1e6;
pub const NS_PER_S: f64 = 1e9;

/// Milliseconds to nanoseconds, rounded; negative or NaN become 0 and huge
/// values saturate (validation keeps real inputs far from both).
#[inline]
pub fn ms_to_ns(ms: f64) -> Nanos {
    let ns = ms * NS_PER_MS;
    if ns.is_nan() || ns <= 0.0 {
        0
    } else if ns >= u64::MAX as f64 {
        u64::MAX
    } else {
        libm::round(ns) as Nanos
    }
}

#[inline]
pub fn s_to_ns(s: f64) -> Nanos {
    ms_to_ns(s * 1000.0)
}

#[inline]
pub fn ns_to_ms(ns: Nanos) -> f64 {
    ns as f64 / NS_PER_MS
}

#[inline]
pub fn ns_to_s(ns: Nanos) -> f64 {
    ns as f64 / NS_PER_S
}
