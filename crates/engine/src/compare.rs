//! Two runs side by side: the differences between their headline figures,
//! and a sentence that says what changed.

use super::figures::{Better, Figure};

/// How variant B fares against variant A on one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
    /// Within 2 % of each other (or nothing to judge).
    Same,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::Same => "about the same",
        }
    }
}

/// One row of the comparison table.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub key: &'static str,
    pub label: &'static str,
    pub a: String,
    pub b: String,
    /// B relative to A: `+12.5 points`, `−40 %`, `×3.2`.
    pub change: String,
    pub verdict: Verdict,
}

/// Below this relative change, two figures count as the same.
const SAME: f64 = 0.02;

/// Compares the figures of A and B (matched by key; figures missing from
/// either side are left out).
pub fn differences(a: &[Figure], b: &[Figure]) -> Vec<Difference> {
    a.iter()
        .filter_map(|fa| {
            let fb = b.iter().find(|f| f.key == fa.key)?;
            Some(Difference {
                key: fa.key,
                label: fa.label,
                a: fa.text(),
                b: fb.text(),
                change: change(fa, fb.value),
                verdict: verdict(fa.better, fa.value, fb.value),
            })
        })
        .collect()
}

fn relative(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (b - a) / scale
    }
}

fn verdict(better: Better, a: f64, b: f64) -> Verdict {
    if !a.is_finite() || !b.is_finite() || relative(a, b).abs() < SAME {
        return Verdict::Same;
    }
    match (better, b > a) {
        (Better::Neither, _) => Verdict::Same,
        (Better::Higher, true) | (Better::Lower, false) => Verdict::Better,
        _ => Verdict::Worse,
    }
}

/// The change from A to B in words a reader scans quickly: percentage
/// points for percentages, a factor for large ratios, a percentage otherwise.
fn change(a: &Figure, b: f64) -> String {
    use super::units::{number, Unit, NONE};
    let av = a.value;
    if !av.is_finite() || !b.is_finite() {
        return NONE.to_string();
    }
    if relative(av, b).abs() < SAME {
        return "same".to_string();
    }
    if a.unit == Unit::Percent {
        let points = b - av;
        let sign = if points > 0.0 { "+" } else { "−" };
        return format!("{sign}{} points", number(points.abs()));
    }
    if av == 0.0 {
        return format!("from 0 to {}", a.unit.format(b));
    }
    let ratio = b / av;
    if ratio >= 2.0 {
        format!("×{}", number(ratio))
    } else {
        let pct = (ratio - 1.0) * 100.0;
        let sign = if pct > 0.0 { "+" } else { "−" };
        format!("{sign}{} %", number(pct.abs().round()))
    }
}

/// One sentence on the figures that matter most (failures and tail
/// latency), naming the variants.
pub fn sentence(a_name: &str, b_name: &str, a: &[Figure], b: &[Figure]) -> String {
    let find =
        |figures: &[Figure], key: &str| figures.iter().find(|f| f.key == key).map(Figure::text);
    let failed = (find(a, "failed"), find(b, "failed"));
    let p99 = (find(a, "p99"), find(b, "p99"));
    match (failed, p99) {
        ((Some(fa), Some(fb)), (Some(la), Some(lb))) => format!(
            "{b_name} fails {fb} of requests against {fa} for {a_name}; its p99 latency is {lb} against {la}."
        ),
        _ => format!("{b_name} and {a_name} have no figures to compare yet."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit;

    fn fig(key: &'static str, value: f64, unit: Unit, better: Better) -> Figure {
        Figure {
            key,
            label: key,
            value,
            unit,
            better,
        }
    }

    #[test]
    fn verdicts_follow_the_good_direction() {
        let a = [
            fig("failed", 30.0, Unit::Percent, Better::Lower),
            fig("goodput", 30.0, Unit::PerSecond, Better::Higher),
            fig("p99", 2000.0, Unit::Milliseconds, Better::Lower),
            fig("offered", 100.0, Unit::Count, Better::Neither),
            fig("retries", 0.0, Unit::Count, Better::Lower),
        ];
        let b = [
            fig("failed", 10.0, Unit::Percent, Better::Lower),
            fig("goodput", 29.9, Unit::PerSecond, Better::Higher),
            fig("p99", 500.0, Unit::Milliseconds, Better::Lower),
            fig("offered", 200.0, Unit::Count, Better::Neither),
            fig("retries", 40.0, Unit::Count, Better::Lower),
        ];
        let d = differences(&a, &b);
        assert_eq!(d.len(), 5);
        assert_eq!(
            (d[0].verdict, d[0].change.as_str()),
            (Verdict::Better, "−20 points")
        );
        assert_eq!(
            (d[1].verdict, d[1].change.as_str()),
            (Verdict::Same, "same")
        );
        assert_eq!(
            (d[2].verdict, d[2].change.as_str()),
            (Verdict::Better, "−75 %")
        );
        assert_eq!((d[3].verdict, d[3].change.as_str()), (Verdict::Same, "×2"));
        assert_eq!(
            (d[4].verdict, d[4].change.as_str()),
            (Verdict::Worse, "from 0 to 40")
        );
    }

    #[test]
    fn missing_values_are_not_judged() {
        let a = [fig("p99", f64::NAN, Unit::Milliseconds, Better::Lower)];
        let b = [fig("p99", 100.0, Unit::Milliseconds, Better::Lower)];
        let d = differences(&a, &b);
        assert_eq!((d[0].verdict, d[0].change.as_str()), (Verdict::Same, "–"));
        assert!(differences(&a, &[]).is_empty());
    }

    #[test]
    fn the_sentence_names_both_variants() {
        let a = [
            fig("failed", 26.6, Unit::Percent, Better::Lower),
            fig("p99", 1784.0, Unit::Milliseconds, Better::Lower),
        ];
        let b = [
            fig("failed", 10.3, Unit::Percent, Better::Lower),
            fig("p99", 90.0, Unit::Milliseconds, Better::Lower),
        ];
        assert_eq!(
            sentence("A", "B", &a, &b),
            "B fails 10.3 % of requests against 26.6 % for A; its p99 latency is 90 ms against 1784 ms."
        );
        assert!(sentence("A", "B", &[], &b).contains("no figures"));
    }
}
