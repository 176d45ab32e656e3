//! A seeded generator of test data: numbers (ordinary and extreme), text
//! (ASCII, multi-byte, control characters, very long) and choices. Every case
//! is reproducible from its seed, so a failure printed by `make fuzz` can be
//! replayed exactly.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Numbers at the edges of what parsers and validators handle: zero and
/// negative zero, integer type limits, the largest and smallest doubles,
/// and the point where doubles stop holding every integer.
pub const EXTREME_NUMBERS: [f64; 16] = [
    0.0,
    -0.0,
    -1.0,
    1.0,
    0.5,
    255.0,
    256.0,
    65_536.0,
    4_294_967_295.0,
    4_294_967_296.0,
    9_007_199_254_740_993.0,
    1.8e19,
    1e300,
    f64::MAX,
    f64::MIN_POSITIVE,
    -1e300,
];

/// Number spellings JSON parsers may choke on (out of range, odd exponents,
/// many digits), used verbatim in text.
pub const EXTREME_NUMBER_TEXTS: [&str; 10] = [
    "1e999",
    "-1e999",
    "18446744073709551616",
    "-9223372036854775809",
    "0.0000000000000000000000000000000000000001",
    "123456789012345678901234567890123456789012345678901234567890",
    "1E+2",
    "-0",
    "4.9e-324",
    "2.2250738585072011e-308",
];

/// Characters that tend to break text handling: multi-byte, combining,
/// right-to-left, zero-width, NUL and other control characters, a lone
/// surrogate's replacement, and characters with special meaning in JSON,
/// TOML, Markdown, HTML and URLs.
const TRICKY_CHARS: [char; 28] = [
    'é', '✓', '😀', '中', '\u{0301}', '\u{202e}', '\u{200b}', '\u{feff}', '\0', '\u{1}', '\u{7f}',
    '\t', '\r', '\n', '\u{fffd}', '"', '\\', '\'', '<', '>', '&', '#', '[', ']', '{', '}', '%',
    '=',
];

/// The seeded source of every random choice in a case.
pub struct Gen {
    rng: Xoshiro256PlusPlus,
}

impl Gen {
    /// A generator for one case: the target's seed and the case number give
    /// independent, reproducible streams.
    pub fn for_case(seed: u64, case: u64) -> Gen {
        let mixed = seed ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Gen {
            rng: Xoshiro256PlusPlus::seed_from_u64(mixed),
        }
    }

    pub fn u64(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.u64() % bound.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.u64() % (high - low + 1)
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A float in `[low, high)`.
    pub fn float(&mut self, low: f64, high: f64) -> f64 {
        let unit = (self.u64() >> 11) as f64 / (1u64 << 53) as f64;
        low + (high - low) * unit
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number that is usually plain and sometimes extreme.
    pub fn number(&mut self) -> f64 {
        if self.one_in(2) {
            *self.pick(&EXTREME_NUMBERS)
        } else {
            self.float(-1000.0, 1000.0)
        }
    }

    /// One character: mostly ASCII letters, sometimes tricky.
    pub fn char(&mut self) -> char {
        match self.below(4) {
            0 => *self.pick(&TRICKY_CHARS),
            1 => char::from_u32(self.between(0x80, 0x2fff) as u32).unwrap_or('?'),
            _ => char::from(b' ' + self.below(95) as u8),
        }
    }

    /// Text of `0..=max_chars` characters from [`Gen::char`].
    pub fn text(&mut self, max_chars: usize) -> String {
        let len = self.below(max_chars + 1);
        (0..len).map(|_| self.char()).collect()
    }

    /// Plain words (for names and prose that should stay valid).
    pub fn words(&mut self, max_words: usize) -> String {
        const WORDS: [&str; 12] = [
            "alpha", "queue", "retry", "Zürich", "team", "payments", "ok", "42", "latency",
            "naïve", "service", "β",
        ];
        let count = 1 + self.below(max_words.max(1));
        let words: Vec<&str> = (0..count).map(|_| *self.pick(&WORDS)).collect();
        words.join(" ")
    }

    /// Random bytes, read as text the way a browser would decode them.
    pub fn garbage(&mut self, max_bytes: usize) -> String {
        let len = self.below(max_bytes + 1);
        let bytes: Vec<u8> = (0..len).map(|_| self.u64() as u8).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
