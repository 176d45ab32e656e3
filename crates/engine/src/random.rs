//! Seeded random numbers and the distributions the engine samples.
//!
//! Determinism across platforms is the point of this file: the generator is
//! xoshiro256++ (integer arithmetic only) and every transcendental function
//! comes from `libm`, a pure-Rust port of musl's math library, so the same
//! seed gives bit-identical samples natively and in wasm32 (the platform
//! `f64::ln` may differ in the last bit between libcs).

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::scenario::Dist;
use super::time::{ms_to_ns, Nanos};

/// One independent stream of random numbers.
#[derive(Clone)]
pub struct Stream {
    rng: Xoshiro256PlusPlus,
}

impl Stream {
    /// A stream for `(seed, purpose)`. Separate purposes (arrivals, one per
    /// service, decisions) get separate streams so that changing one part of
    /// a scenario leaves the random numbers of the others unchanged: two
    /// variants compared on one seed see the very same arrivals.
    pub fn new(seed: u64, purpose: u64) -> Stream {
        let mixed = splitmix(seed ^ splitmix(purpose.wrapping_add(0x9E37_79B9_7F4A_7C15)));
        Stream {
            rng: Xoshiro256PlusPlus::seed_from_u64(mixed),
        }
    }

    /// Uniform in [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    #[inline]
    fn uniform_open0(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Exponential with the given mean, by inversion.
    #[inline]
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * libm::log(self.uniform_open0())
    }

    /// Standard normal by Box–Muller (one value per call keeps the stream's
    /// position independent of how samples are interleaved).
    pub fn standard_normal(&mut self) -> f64 {
        let u1 = self.uniform_open0();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// True with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        p >= 1.0 || (p > 0.0 && self.uniform() < p)
    }

    /// Uniform integer in `0..n` (n > 0).
    pub fn below(&mut self, n: u32) -> u32 {
        (((self.rng.next_u64() >> 32) * n as u64) >> 32) as u32
    }
}

/// A uniform number in [0, 1) that depends only on its inputs: used for
/// choices that belong to a request rather than to an attempt (whether this
/// request is a checkout that needs payments), so that a retry of the same
/// request makes the same choice.
pub fn keyed_uniform(seed: u64, request: u64, key: u64) -> f64 {
    let h = splitmix(seed ^ splitmix(request ^ splitmix(key)));
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// SplitMix64's finaliser: spreads nearby seeds far apart.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A distribution prepared for fast sampling (parameters precomputed).
#[derive(Debug, Clone, Copy)]
pub enum Sampler {
    Exponential { mean_ms: f64 },
    Constant { ns: Nanos },
    Lognormal { mu: f64, sigma: f64 },
    Uniform { min_ms: f64, span_ms: f64 },
    Erlang { phase_mean_ms: f64, k: u32 },
}

impl Sampler {
    pub fn new(dist: &Dist) -> Sampler {
        match *dist {
            Dist::Exponential { mean_ms } => Sampler::Exponential { mean_ms },
            Dist::Constant { mean_ms } => Sampler::Constant {
                ns: ms_to_ns(mean_ms),
            },
            Dist::Lognormal { mean_ms, stddev_ms } => {
                // Match the requested mean m and standard deviation s:
                // σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
                let sigma2 = libm::log(1.0 + (stddev_ms * stddev_ms) / (mean_ms * mean_ms));
                Sampler::Lognormal {
                    mu: libm::log(mean_ms) - sigma2 / 2.0,
                    sigma: libm::sqrt(sigma2),
                }
            }
            Dist::Uniform { min_ms, max_ms } => Sampler::Uniform {
                min_ms,
                span_ms: max_ms - min_ms,
            },
            Dist::Erlang { mean_ms, k } => Sampler::Erlang {
                phase_mean_ms: mean_ms / k as f64,
                k,
            },
        }
    }

    /// One sample, in milliseconds.
    #[inline]
    pub fn sample_ms(&self, s: &mut Stream) -> f64 {
        match *self {
            Sampler::Exponential { mean_ms } => s.exponential(mean_ms),
            Sampler::Constant { ns } => ns as f64 / 1e6,
            Sampler::Lognormal { mu, sigma } => libm::exp(mu + sigma * s.standard_normal()),
            Sampler::Uniform { min_ms, span_ms } => min_ms + span_ms * s.uniform(),
            Sampler::Erlang { phase_mean_ms, k } => {
                (0..k).map(|_| s.exponential(phase_mean_ms)).sum()
            }
        }
    }

    /// One sample, in nanoseconds. The exponential and constant cases are
    /// inlined into the caller; the others (which inline libm's exp and
    /// cos and need a large stack frame) stay out of line, so the common
    /// case does not pay for their frame.
    #[inline]
    pub fn sample_ns(&self, s: &mut Stream) -> Nanos {
        match *self {
            Sampler::Constant { ns } => ns,
            Sampler::Exponential { mean_ms } => ms_to_ns(s.exponential(mean_ms)),
            _ => ms_to_ns(self.sample_ms_out_of_line(s)),
        }
    }

    #[inline(never)]
    fn sample_ms_out_of_line(&self, s: &mut Stream) -> f64 {
        self.sample_ms(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_and_var(samples: &[f64]) -> (f64, f64) {
        let n = samples.len() as f64;
        let mean = samples.iter().sum::<f64>() / n;
        let var = samples.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
        (mean, var)
    }

    // The moment checks below allow Z standard errors, computed from the
    // distribution's own formulas: with hundreds of thousands of samples the
    // estimates are close to normal, and a correct sampler lands further out
    // with probability about 6e-5.
    const Z: f64 = 4.0;

    /// Standard error of the mean of `n` samples with standard deviation `sd`.
    fn se_mean(sd: f64, n: usize) -> f64 {
        sd / (n as f64).sqrt()
    }

    /// Standard error of the sample variance: Var(s²) ≈ σ⁴(κ − 1)/n, with κ
    /// the kurtosis E[(X − μ)⁴]/σ⁴ (9 for the exponential, 3 + 6/k for
    /// Erlang-k).
    fn se_var(var: f64, kurtosis: f64, n: usize) -> f64 {
        var * ((kurtosis - 1.0) / n as f64).sqrt()
    }

    #[test]
    fn same_seed_same_numbers_and_purposes_differ() {
        let a: Vec<u64> = (0..5).map(|_| Stream::new(7, 1).rng.next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Stream::new(7, 1).rng.next_u64(),
            Stream::new(7, 2).rng.next_u64()
        );
        assert_ne!(
            Stream::new(7, 1).rng.next_u64(),
            Stream::new(8, 1).rng.next_u64()
        );
    }

    #[test]
    fn lognormal_matches_requested_mean_and_stddev() {
        let sampler = Sampler::new(&Dist::Lognormal {
            mean_ms: 20.0,
            stddev_ms: 10.0,
        });
        let mut s = Stream::new(3, 3);
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| sampler.sample_ms(&mut s)).collect();
        let (mean, var) = mean_and_var(&xs);
        // Mean: 4 × 10/√400000 ≈ 0.063 ms.
        assert!((mean - 20.0).abs() < Z * se_mean(10.0, n), "mean {mean}");
        // Log-normal kurtosis with w = exp(σ_ln²) = 1 + (10/20)²:
        // w⁴ + 2w³ + 3w² − 3 ≈ 8.04. The standard deviation's standard error
        // is that of the variance over 2σ: 4 × 0.021 ≈ 0.084 ms.
        let w: f64 = 1.25;
        let kurtosis = w.powi(4) + 2.0 * w.powi(3) + 3.0 * w.powi(2) - 3.0;
        let se_sd = se_var(100.0, kurtosis, n) / (2.0 * 10.0);
        assert!(
            (var.sqrt() - 10.0).abs() < Z * se_sd,
            "stddev {}",
            var.sqrt()
        );
    }

    #[test]
    fn exponential_and_erlang_moments() {
        let mut s = Stream::new(5, 9);
        // Exponential, mean 4 ms: variance 16, kurtosis 9. Bounds 4 × 0.0063
        // ms on the mean and 4 × 0.072 ms² on the variance.
        let exp = Sampler::new(&Dist::Exponential { mean_ms: 4.0 });
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| exp.sample_ms(&mut s)).collect();
        let (mean, var) = mean_and_var(&xs);
        assert!((mean - 4.0).abs() < Z * se_mean(4.0, n), "mean {mean}");
        assert!((var - 16.0).abs() < Z * se_var(16.0, 9.0, n), "var {var}");
        // Erlang-4, mean 4 ms: four phases of 1 ms, variance 4, kurtosis
        // 3 + 6/4. Bounds 4 × 0.0045 ms and 4 × 0.017 ms².
        let erl = Sampler::new(&Dist::Erlang { mean_ms: 4.0, k: 4 });
        let n = 200_000;
        let ys: Vec<f64> = (0..n).map(|_| erl.sample_ms(&mut s)).collect();
        let (mean, var) = mean_and_var(&ys);
        assert!((mean - 4.0).abs() < Z * se_mean(2.0, n), "mean {mean}");
        assert!((var - 4.0).abs() < Z * se_var(4.0, 4.5, n), "var {var}");
    }

    #[test]
    fn below_stays_in_range() {
        let mut s = Stream::new(1, 1);
        let mut seen = [0u32; 3];
        for _ in 0..30_000 {
            seen[s.below(3) as usize] += 1;
        }
        // Each count is binomial(30000, 1/3): 10000 ± √(30000 · 1/3 · 2/3) ≈ 82.
        let sd = (30_000.0_f64 / 3.0 * 2.0 / 3.0).sqrt();
        assert!(
            seen.iter().all(|&c| (c as f64 - 10_000.0).abs() < Z * sd),
            "{seen:?}"
        );
    }
}
