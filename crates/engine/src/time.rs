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
        round_to_u64(ns)
    }
}

/// `x.round() as u64` (half away from zero, saturating, NaN to 0), without
/// the call to `round` that x86-64's baseline instruction set needs: the
/// engine rounds twice per request. Bit-identical to the libm result: for
/// 0 ≤ x < 2⁵², `x - trunc(x)` is exact (Sterbenz), and above 2⁵² every
/// double is already an integer.
#[inline]
pub fn round_to_u64(x: f64) -> u64 {
    // NaN, negatives and [0, 0.5) all round to 0 as u64.
    if x.is_nan() || x < 0.5 {
        return 0;
    }
    if x >= 4_503_599_627_370_496.0 {
        return x as u64;
    }
    // 0.5 <= x < 2^52: the signed conversions are single instructions,
    // where the unsigned ones need a longer sequence on x86-64.
    let whole = x as i64;
    let frac = x - whole as f64;
    (whole + (frac >= 0.5) as i64) as u64
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_to_u64_matches_libm_round() {
        let mut cases = vec![
            0.0,
            -0.0,
            0.49999999999999994,
            0.5,
            1.5,
            2.5,
            -0.3,
            -0.7,
            -2.5,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            9_007_199_254_740_993.0,
            1e19,
            1e30,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Spread over many magnitudes, with exact halves among them.
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let scale = (1u64 << (x % 60)) as f64;
            cases.push(mantissa * scale);
            cases.push((x % 1_000_000) as f64 + 0.5);
        }
        for c in cases {
            assert_eq!(round_to_u64(c), libm::round(c) as u64, "{c:?}");
        }
    }
}
