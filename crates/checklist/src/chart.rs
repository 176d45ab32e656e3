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
    /// "63 %" or "n/a", for the end of the bar.
    pub value_label: String,
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
            value_label: area.score.label(),
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

/// One line of a radar axis label, with its own baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelLine {
    /// Part of the area's title (empty on a line holding only the score).
    pub text: String,
    /// The score ("63 %"), on the last line, after the text.
    pub value: Option<String>,
    pub x: f64,
    pub y: f64,
}

impl LabelLine {
    /// The line as read: text and score separated by a space.
    pub fn full_text(&self) -> String {
        match (&self.value, self.text.is_empty()) {
            (Some(value), true) => value.clone(),
            (Some(value), false) => format!("{} {value}", self.text),
            (None, _) => self.text.clone(),
        }
    }
}

/// Breaks text into lines of at most `max_chars` characters at spaces; a
/// single word longer than that gets a line of its own.
pub fn wrap_words(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max_chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The label of one radar axis as lines: the area's title wrapped at
/// `max_chars`, with the score after the last line when it fits there
/// (within `max_chars` + 6 characters) and on a line of its own otherwise.
/// The block grows away from the chart: centred on the label point for
/// spokes within about 27° of horizontal, upwards above the centre and
/// downwards below it otherwise. `line_height` is in the chart's units.
pub fn axis_label(
    axis: &RadarAxis,
    centre: f64,
    max_chars: usize,
    line_height: f64,
) -> Vec<LabelLine> {
    let mut texts: Vec<(String, Option<String>)> = wrap_words(&axis.title, max_chars)
        .into_iter()
        .map(|text| (text, None))
        .collect();
    let value = axis.value_label.clone();
    match texts.last_mut() {
        Some((text, slot)) if text.chars().count() + 1 + value.chars().count() <= max_chars + 6 => {
            *slot = Some(value);
        }
        _ => texts.push((String::new(), Some(value))),
    }
    let (x, y) = axis.label_at;
    let (dx, dy) = (x - centre, y - centre);
    let count = texts.len() as f64;
    // Baselines sit near the bottom of a line: a first baseline 0.8 of a
    // line below the top keeps a downward block clear of the spoke's end.
    let first_baseline = if dy.abs() <= dx.abs() * 0.5 {
        y - (count - 1.0) * line_height / 2.0 + 0.3 * line_height
    } else if dy < 0.0 {
        y - (count - 1.0) * line_height
    } else {
        y + 0.8 * line_height
    };
    texts
        .into_iter()
        .enumerate()
        .map(|(index, (text, value))| LabelLine {
            text,
            value,
            x,
            y: round1(first_baseline + index as f64 * line_height),
        })
        .collect()
}
