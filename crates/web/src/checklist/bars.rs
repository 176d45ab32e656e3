//! The bar view of area scores, weakest first (failures first), each bar
//! with its value written at its end. Bar order, lengths and words come
//! from `checklist::chart::bars`.
//!
//! Drawn without a viewBox so text keeps its size on a phone: widths are
//! percentages of the chart's width and each row has a fixed height.

use leptos::prelude::*;

use crate::components::runtime_style;

use super::session::use_session;
use faultline_checklist::chart::{bars, text_alternative, Bar};

const ROW: f64 = 46.0;
const BAR_TOP: f64 = 24.0;
const BAR_HEIGHT: f64 = 12.0;

/// The bar chart.
#[component]
pub fn BarChart() -> impl IntoView {
    let session = use_session();
    let chart = Memo::new(move |_| {
        session
            .report
            .with(|report| (bars(&report.scores), text_alternative(&report.scores)))
    });
    view! {
        <figure class="chart bar-chart">
            {move || chart.with(|(bars, text)| draw(bars, text))}
            <figcaption>"Weakest area first. The table below lists each area’s answers."</figcaption>
        </figure>
    }
}

fn draw(bars: &[Bar], text: &str) -> impl IntoView {
    let height = bars.len() as f64 * ROW;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(index, bar)| {
            let top = index as f64 * ROW;
            let width = format!("{:.1}%", bar.fraction * 100.0);
            view! {
                <g class="bar-row">
                    <text class="bar-title" x="0" y=top + 16.0>{bar.title.clone()}</text>
                    <text class="bar-value" x="100%" y=top + 16.0 text-anchor="end">
                        {bar.value_label.clone()}
                    </text>
                    <rect
                        class="bar-track"
                        x="0"
                        y=top + BAR_TOP
                        width="100%"
                        height=BAR_HEIGHT
                        rx="3"
                    />
                    <rect
                        class="bar-fill"
                        x="0"
                        y=top + BAR_TOP
                        width=width
                        height=BAR_HEIGHT
                        rx="3"
                    />
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="bars"
            width="100%"
            height=height
            style:height=runtime_style(format!("{height}px"))
            role="img"
            aria-label=format!("Bar chart. {text}")
        >
            {rows}
        </svg>
    }
}
