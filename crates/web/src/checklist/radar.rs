//! The radar chart of area scores. Geometry and the text alternative come
//! from `checklist::chart`; this only draws them. Each label carries the
//! area's score in words, and the scores table gives the same values.

use leptos::prelude::*;

use super::session::use_session;
use faultline_checklist::chart::{axis_label, radar, Radar};

/// The chart's centre (it is laid out in a 400 × 400 square).
const CENTRE: f64 = 200.0;
const RADIUS: f64 = 118.0;
const LABEL_GAP: f64 = 12.0;
const LINE_HEIGHT: f64 = 15.0;
/// Labels wrap at this many characters so side labels stay narrow.
const LABEL_CHARS: usize = 16;
/// Room around the square for labels: side labels reach about 120 units
/// beyond the spokes.
const VIEW_BOX: &str = "-60 0 520 400";

/// The radar chart.
#[component]
pub fn RadarChart() -> impl IntoView {
    let session = use_session();
    let chart = Memo::new(move |_| {
        session
            .report
            .with(|report| radar(&report.scores, CENTRE, RADIUS, LABEL_GAP))
    });
    view! {
        <figure class="chart radar-chart">
            {move || chart.with(draw)}
            <figcaption>
                "Each spoke is an area; the further out the point, the higher the score (the outer ring is 100 %)."
            </figcaption>
        </figure>
    }
}

fn draw(chart: &Radar) -> impl IntoView {
    let rings = chart
        .rings
        .iter()
        .map(|points| view! { <polygon class="radar-ring" points=points.clone()/> })
        .collect_view();
    let spokes = chart
        .axes
        .iter()
        .map(|axis| {
            view! {
                <line
                    class="radar-spoke"
                    x1=CENTRE
                    y1=CENTRE
                    x2=axis.end.0
                    y2=axis.end.1
                />
            }
        })
        .collect_view();
    let points = chart
        .axes
        .iter()
        .map(|axis| {
            view! { <circle class="radar-point" cx=axis.point.0 cy=axis.point.1 r="4"/> }
        })
        .collect_view();
    let labels = chart
        .axes
        .iter()
        .map(|axis| {
            let spans = axis_label(axis, CENTRE, LABEL_CHARS, LINE_HEIGHT)
                .into_iter()
                .map(|line| {
                    let gap = if line.text.is_empty() { "" } else { " " };
                    let value = line.value.map(|value| {
                        view! { <tspan class="radar-value">{gap}{value}</tspan> }
                    });
                    view! { <tspan x=line.x y=line.y>{line.text}{value}</tspan> }
                })
                .collect_view();
            view! { <text class="radar-label" text-anchor=axis.label_anchor>{spans}</text> }
        })
        .collect_view();
    view! {
        <svg
            class="radar"
            viewBox=VIEW_BOX
            role="img"
            aria-label=format!("Radar chart. {}", chart.text_alternative)
        >
            <g>{rings}</g>
            <g>{spokes}</g>
            <polygon class="radar-area" points=chart.polygon.clone()/>
            <g>{points}</g>
            <g>{labels}</g>
        </svg>
    }
}
