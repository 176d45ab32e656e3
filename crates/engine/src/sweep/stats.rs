//! Means and 95 % confidence intervals across independent runs (seeds).
//!
//! Runs with different seeds are independent replications, so the mean of
//! a metric over them has a Student-t interval with `n − 1` degrees of
//! freedom. Plain arithmetic only (no transcendental functions), so the
//! numbers are identical natively and in wasm32.

use serde::{Deserialize, Serialize};

/// Two-sided 95 % Student-t quantiles `t(0.975, df)` for df = 1..=30, from
/// standard tables.
const T_975: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// `t(0.975, df)`: the table up to 30 degrees of freedom, then the table's
/// 40, 60 and 120 rows, then the normal quantile 1.960.
pub fn t_975(df: usize) -> f64 {
    match df {
        0 => f64::INFINITY,
        1..=30 => T_975[df - 1],
        31..=40 => 2.021,
        41..=60 => 2.000,
        61..=120 => 1.980,
        _ => 1.960,
    }
}

/// A metric across seeds: its mean and the half-width of the 95 %
/// confidence interval of that mean (`mean ± ci95`). With one seed the
/// interval is unknown and `ci95` is `null` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    #[serde(deserialize_with = "null_as_nan")]
    pub mean: f64,
    #[serde(default)]
    pub ci95: Option<f64>,
    /// Runs the estimate is made of.
    pub n: u32,
}

impl Estimate {
    /// Mean and Student-t interval of `samples`. Non-finite samples (a
    /// percentile of a run that finished no request) are left out and
    /// lower `n`; with none left the mean is NaN (`null` in JSON).
    pub fn of(samples: impl IntoIterator<Item = f64>) -> Estimate {
        let xs: Vec<f64> = samples.into_iter().filter(|x| x.is_finite()).collect();
        let n = xs.len();
        if n == 0 {
            return Estimate {
                mean: f64::NAN,
                ci95: None,
                n: 0,
            };
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        let ci95 = (n > 1).then(|| {
            let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
            t_975(n - 1) * (var / n as f64).sqrt()
        });
        Estimate {
            mean,
            ci95,
            n: n as u32,
        }
    }

    /// Whether `value` lies inside the interval (the mean itself when there
    /// is no interval).
    pub fn contains(&self, value: f64) -> bool {
        let half = self.ci95.unwrap_or(0.0);
        (value - self.mean).abs() <= half
    }
}

/// JSON has no NaN: serde_json writes it as `null`; read `null` back as NaN.
pub(crate) fn null_as_nan<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_known_samples() {
        // Mean 3, sample variance 2.5, n = 5: half-width t(4) · √(2.5/5).
        let e = Estimate::of([1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(e.mean, 3.0);
        assert_eq!(e.n, 5);
        let expected = 2.776 * (0.5f64).sqrt();
        assert!((e.ci95.unwrap_or(0.0) - expected).abs() < 1e-12);
        assert!(e.contains(4.9) && !e.contains(5.0));
    }

    #[test]
    fn one_sample_has_no_interval_and_nan_is_left_out() {
        let e = Estimate::of([7.0, f64::NAN]);
        assert_eq!((e.mean, e.ci95, e.n), (7.0, None, 1));
        assert_eq!(Estimate::of([]).n, 0);
        assert!(t_975(200) < t_975(100) && t_975(100) < t_975(30));
    }
}
