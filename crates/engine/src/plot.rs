//! Chart geometry for the simulator's line charts: scales, "nice" axis
//! ticks, SVG path data with gaps, and the bucket under a pointer. Plain
//! numbers in, plain numbers and strings out; the page only draws them.

use super::series::ChartData;
use super::units::Unit;

/// A linear map from a data interval to a pixel interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    pub fn map(&self, value: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 {
            return self.r0;
        }
        self.r0 + (value - self.d0) / span * (self.r1 - self.r0)
    }

    pub fn invert(&self, pixel: f64) -> f64 {
        let span = self.r1 - self.r0;
        if span == 0.0 {
            return self.d0;
        }
        self.d0 + (pixel - self.r0) / span * (self.d1 - self.d0)
    }
}

/// Round tick values from 0 (or `min`) up to a round maximum at or above
/// `max`: steps of 1, 2 or 5 times a power of ten, about `target` of them.
pub fn ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || max <= min || target == 0 {
        return vec![min.min(0.0), 1.0];
    }
    let raw = (max - min) / target as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let first = (min / step).floor() * step;
    let count = ((max - first) / step).ceil() as usize;
    (0..=count.min(1000))
        .map(|i| {
            let v = first + step * i as f64;
            // Snap away float noise (0.30000000000000004).
            (v / step).round() * step
        })
        .collect()
}

/// The value axis of a chart (or of two charts drawn on the same axes):
/// percentages always span 0–100; everything else runs from 0 to a round
/// value above the largest one (at least 1).
pub fn value_ticks(unit: Unit, charts: &[&ChartData]) -> Vec<f64> {
    if unit == Unit::Percent {
        return vec![0.0, 25.0, 50.0, 75.0, 100.0];
    }
    let max = charts.iter().map(|c| c.max_value()).fold(0.0, f64::max);
    ticks(0.0, max.max(1.0), 4)
}

/// The time axis: from 0 to the run's duration.
pub fn time_ticks(duration_s: f64) -> Vec<f64> {
    ticks(0.0, duration_s.max(1.0), 6)
        .into_iter()
        .filter(|t| *t <= duration_s.max(1.0) + 1e-9)
        .collect()
}

/// SVG path data (`M x y L x y …`) through the points, breaking the line
/// wherever a value is missing (`NaN`). Coordinates have one decimal.
///
/// The page redraws every line of its charts as a run goes, so this is on
/// its main thread's hot path: coordinates are written as whole tenths
/// (integer formatting), not through `{:.1}`, which is several times slower
/// in wasm.
pub fn line_path(times: &[f64], values: &[f64], x: &Scale, y: &Scale) -> String {
    let mut out = String::with_capacity(times.len().min(values.len()) * 14);
    let mut pen_down = false;
    for (t, v) in times.iter().zip(values) {
        let (px, py) = (x.map(*t), y.map(*v));
        if !px.is_finite() || !py.is_finite() {
            pen_down = false;
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(if pen_down { 'L' } else { 'M' });
        push_tenths(&mut out, px);
        out.push(' ');
        push_tenths(&mut out, py);
        pen_down = true;
    }
    out
}

/// `v` rounded to one decimal ("-12.3", "0.0").
fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write;
    // Drawing coordinates: far inside i64 (the cast saturates anyway).
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let tenths = tenths.unsigned_abs();
    // Writing to a String cannot fail.
    let _ = write!(out, "{}.{}", tenths / 10, tenths % 10);
}

/// The index of the bucket whose end time is nearest to `t` (None when
/// there are no buckets).
pub fn nearest(times: &[f64], t: f64) -> Option<usize> {
    if times.is_empty() || !t.is_finite() {
        return None;
    }
    let after = times.partition_point(|x| *x < t);
    match (after.checked_sub(1), times.get(after)) {
        (None, _) => Some(0),
        (Some(before), None) => Some(before),
        (Some(before), Some(next)) => {
            if t - times[before] <= next - t {
                Some(before)
            } else {
                Some(after)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_map_and_invert() {
        let s = Scale::new((0.0, 100.0), (40.0, 640.0));
        assert_eq!(s.map(50.0), 340.0);
        assert_eq!(s.invert(340.0), 50.0);
        let flipped = Scale::new((0.0, 10.0), (200.0, 0.0));
        assert_eq!(flipped.map(10.0), 0.0);
        assert_eq!(Scale::new((1.0, 1.0), (0.0, 9.0)).map(5.0), 0.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 150.0, 6), vec![0.0, 50.0, 100.0, 150.0]);
        assert_eq!(ticks(0.0, 37.0, 4), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        let small = ticks(0.0, 0.7, 4);
        assert_eq!(small.len(), 5);
        assert!((small[3] - 0.6).abs() < 1e-12 && (small[4] - 0.8).abs() < 1e-12);
        let t = ticks(0.0, 1234.0, 4);
        assert_eq!(t.first(), Some(&0.0));
        assert!(*t.last().expect("ticks") >= 1234.0);
        assert!(t.len() <= 8);
        assert_eq!(ticks(5.0, 5.0, 4), vec![0.0, 1.0]);
        assert_eq!(ticks(0.0, f64::NAN, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn time_ticks_stay_within_the_run() {
        assert_eq!(time_ticks(150.0), vec![0.0, 50.0, 100.0, 150.0]);
        assert_eq!(time_ticks(90.0), vec![0.0, 20.0, 40.0, 60.0, 80.0]);
    }

    #[test]
    fn paths_break_at_missing_values() {
        let x = Scale::new((0.0, 4.0), (0.0, 40.0));
        let y = Scale::new((0.0, 10.0), (100.0, 0.0));
        let path = line_path(&[1.0, 2.0, 3.0, 4.0], &[0.0, 10.0, f64::NAN, 5.0], &x, &y);
        assert_eq!(path, "M10.0 100.0 L20.0 0.0 M40.0 50.0");
        assert_eq!(line_path(&[], &[], &x, &y), "");
        // One decimal, rounded; negatives (a line above the drawing) keep their sign.
        let path = line_path(&[0.26, -0.44], &[5.0, 5.0], &x, &y);
        assert_eq!(
            path,
            format!(
                "M{:.1} {:.1} L{:.1} {:.1}",
                x.map(0.26),
                y.map(5.0),
                x.map(-0.44),
                y.map(5.0)
            )
        );
    }

    #[test]
    fn nearest_bucket_under_the_pointer() {
        let times = [1.0, 2.0, 3.0];
        assert_eq!(nearest(&times, -5.0), Some(0));
        assert_eq!(nearest(&times, 1.4), Some(0));
        assert_eq!(nearest(&times, 1.6), Some(1));
        assert_eq!(nearest(&times, 99.0), Some(2));
        assert_eq!(nearest(&[], 1.0), None);
    }
}
