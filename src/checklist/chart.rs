//! Geometry and text for the area charts (a radar and a bar view), so the web
//! layer only copies numbers into SVG attributes. Every chart has a text
//! alternative listing the same values, weakest first.

use serde::Serialize;

use super::scoring::{AreaScore, Scores};

/// Fractions of the radius where the radar draws its reference rings.
pub const RING_FRACTIONS: [f64; 4] = [0.25, 0.5, 0.75, 1.0];

/// One spoke of the radar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarAxis {
    pub area_id: String,
    pub title: String,
    /// The score, `None` when nothing in the area applies (drawn at the centre).
    pub percent: Option<f64>,
    /// "63 %" or "n/a".
    pub value_label: String,
    /// End of the spoke at 100 %.
    pub end: (f64, f64),
    /// The plotted score.
    pub point: (f64, f64),
    /// Where the area's label goes, a little outside the spoke's end.
    pub label_at: (f64, f64),
    /// SVG `text-anchor` for the label: "start", "middle" or "end".
    pub label_anchor: &'static str,
}

/// A radar chart laid out in a square of side `2 × centre`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Radar {
    pub axes: Vec<RadarAxis>,
    /// The score polygon as an SVG `points` attribute.
    pub polygon: String,
    /// Reference rings (25, 50, 75, 100 %) as SVG `points` attributes.
    pub rings: Vec<String>,
    /// The same values in words.
    pub text_alternative: String,
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn points_attribute(points: impl Iterator<Item = (f64, f64)>) -> String {
    points
        .map(|(x, y)| format!("{},{}", round1(x), round1(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lays out the radar: spokes clockwise from the top in checklist order,
/// centred at (`centre`, `centre`), spokes `radius` long, labels `label_gap`
/// beyond their ends.
pub fn radar(scores: &Scores, centre: f64, radius: f64, label_gap: f64) -> Radar {
    let count = scores.areas.len().max(1);
    let direction = |index: usize| {
        let angle =
            -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count as f64;
        (angle.cos(), angle.sin())
    };
    let at = |index: usize, distance: f64| {
        let (dx, dy) = direction(index);
        (centre + dx * distance, centre + dy * distance)
    };
    let axes: Vec<RadarAxis> = scores
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| {
            let fraction = area.score.percent.unwrap_or(0.0) / 100.0;
            let (dx, _) = direction(index);
            let label_anchor = if dx > 0.1 {
                "start"
            } else if dx < -0.1 {
                "end"
            } else {
                "middle"
            };
            let end = at(index, radius);
            let point = at(index, radius * fraction);
            let label_at = at(index, radius + label_gap);
            RadarAxis {
                area_id: area.area_id.clone(),
                title: area.title.clone(),
                percent: area.score.percent,
                value_label: area.score.label(),
                end: (round1(end.0), round1(end.1)),
                point: (round1(point.0), round1(point.1)),
                label_at: (round1(label_at.0), round1(label_at.1)),
                label_anchor,
            }
        })
        .collect();
    let polygon = points_attribute(axes.iter().map(|axis| axis.point));
    let rings = RING_FRACTIONS
        .iter()
        .map(|fraction| points_attribute((0..axes.len()).map(|i| at(i, radius * fraction))))
        .collect();
    Radar {
        axes,
        polygon,
        rings,
        text_alternative: text_alternative(scores),
    }
}

/// One bar of the bar view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub area_id: String,
    pub title: String,
    pub percent: Option<f64>,
    /// 0.0 to 1.0 of the full bar width.
    pub fraction: f64,
    /// "63 % (5 yes, 2 partly, 1 no, 1 not answered)": the value in words.
    pub label: String,
}

/// Bars weakest first (failures first), areas where nothing applies last.
pub fn bars(scores: &Scores) -> Vec<Bar> {
    scores
        .weakest_first()
        .into_iter()
        .map(|area| Bar {
            area_id: area.area_id.clone(),
            title: area.title.clone(),
            percent: area.score.percent,
            fraction: area.score.percent.unwrap_or(0.0) / 100.0,
            label: bar_label(area),
        })
        .collect()
}

fn bar_label(area: &AreaScore) -> String {
    let c = area.counts;
    let mut parts = Vec::new();
    for (count, word) in [
        (c.yes, "yes"),
        (c.partly, "partly"),
        (c.no, "no"),
        (c.not_applicable, "not applicable"),
        (c.unanswered, "not answered"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {word}"));
        }
    }
    format!("{} ({})", area.score.label(), parts.join(", "))
}

/// "Scores by area, weakest first: Resilience 20 %, Data 35 %, … Overall 58 %."
pub fn text_alternative(scores: &Scores) -> String {
    let areas: Vec<String> = scores
        .weakest_first()
        .into_iter()
        .map(|area| format!("{} {}", area.title, area.score.label()))
        .collect();
    format!(
        "Scores by area, weakest first: {}. Overall {}.",
        areas.join(", "),
        scores.overall.label()
    )
}
