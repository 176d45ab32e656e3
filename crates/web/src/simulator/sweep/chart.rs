//! A sweep's curve: the chosen metric's mean at each value of the swept
//! parameter, its 95 % confidence interval as a band, points that show
//! their numbers on hover or keyboard focus, and a table of every point as
//! the chart's text alternative. Drawn at a fixed size in SVG user units
//! and scaled by CSS, so the build can prerender it exactly as the browser
//! draws it (guide figures).

use leptos::prelude::*;

use faultline_engine::plot::{line_path, ticks, Scale};
use faultline_engine::sweep::{Estimate, SweepMetric, SweepResult};
use faultline_engine::units::{number, Unit};

use crate::simulator::dom_id::unique_id;

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// One point of the curve: the parameter value and the metric there.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: f64,
    y: Estimate,
}

fn points(result: &SweepResult, metric: SweepMetric) -> Vec<Point> {
    result
        .points
        .iter()
        .filter_map(|p| {
            Some(Point {
                x: *p.values.first()?,
                y: metric.of(p),
            })
        })
        .collect()
}

/// The x position of a parameter value: linear, or logarithmic when the
/// sweep's values were spread that way (and all are above 0).
struct XAxis {
    log: bool,
    scale: Scale,
}

impl XAxis {
    fn new(xs: &[f64], log: bool) -> XAxis {
        let log = log && xs.iter().all(|x| *x > 0.0);
        let t = |x: f64| if log { x.ln() } else { x };
        let lo = xs.iter().copied().map(t).fold(f64::INFINITY, f64::min);
        let hi = xs.iter().copied().map(t).fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (lo - 1.0, lo + 1.0)
        };
        XAxis {
            log,
            scale: Scale::new((lo, hi), (LEFT, W - RIGHT)),
        }
    }

    fn map(&self, x: f64) -> f64 {
        self.scale.map(if self.log { x.ln() } else { x })
    }
}

/// "38 ms (95 % interval 31–45 ms, 5 runs)".
fn describe(e: &Estimate, unit: Unit) -> String {
    match e.ci95 {
        Some(ci) => format!(
            "{} (95 % interval {}–{}, {} runs)",
            unit.format(e.mean),
            number(e.mean - ci),
            unit.format(e.mean + ci),
            e.n
        ),
        None => format!("{} ({} run)", unit.format(e.mean), e.n),
    }
}

#[component]
pub fn SweepChart(
    #[prop(into)] result: Signal<SweepResult>,
    #[prop(into)] metric: Signal<SweepMetric>,
    /// A readable name for the swept parameter (the axis title).
    #[prop(into)]
    param_label: Signal<String>,
) -> impl IntoView {
    let title_id = unique_id("sweep-chart");
    let readout = RwSignal::new(None::<String>);
    let drawn = Memo::new(move |_| {
        let metric = metric.get();
        let result = result.get();
        let pts = points(&result, metric);
        let log = result
            .spec
            .param
            .range
            .as_ref()
            .is_some_and(|r| r.scale == faultline_engine::sweep::Scale::Log);
        let xs: Vec<f64> = pts.iter().map(|p| p.x).collect();
        let x = XAxis::new(&xs, log);
        let top = pts
            .iter()
            .map(|p| p.y.mean + p.y.ci95.unwrap_or(0.0))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let y_ticks = if metric.unit() == Unit::Percent && top <= 100.0 {
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        } else {
            ticks(0.0, top.max(1.0), 4)
        };
        let y = Scale::new(
            (0.0, y_ticks.last().copied().unwrap_or(1.0)),
            (H - BOTTOM, TOP),
        );
        // The band: the upper edge left to right, the lower edge back.
        let known: Vec<&Point> = pts.iter().filter(|p| p.y.mean.is_finite()).collect();
        let band = if known.iter().all(|p| p.y.ci95.is_some()) && known.len() > 1 {
            let upper = known.iter().map(|p| {
                format!(
                    "{:.1},{:.1}",
                    x.map(p.x),
                    y.map(p.y.mean + p.y.ci95.unwrap_or(0.0))
                )
            });
            let lower = known.iter().rev().map(|p| {
                format!(
                    "{:.1},{:.1}",
                    x.map(p.x),
                    y.map((p.y.mean - p.y.ci95.unwrap_or(0.0)).max(0.0))
                )
            });
            upper.chain(lower).collect::<Vec<_>>().join(" ")
        } else {
            String::new()
        };
        let mapped: Vec<f64> = pts.iter().map(|p| p.x).collect();
        let means: Vec<f64> = pts.iter().map(|p| p.y.mean).collect();
        let identity = Scale::new((0.0, 1.0), (0.0, 1.0));
        let xs_px: Vec<f64> = mapped.iter().map(|v| x.map(*v)).collect();
        let line = line_path(&xs_px, &means, &identity, &y);
        let x_ticks: Vec<(f64, String)> = {
            let n = pts.len();
            let stride = n.div_ceil(7).max(1);
            pts.iter()
                .enumerate()
                .filter(|(i, _)| i % stride == 0 || *i + 1 == n)
                .map(|(_, p)| (x.map(p.x), number(p.x)))
                .collect()
        };
        let y_ticks: Vec<(f64, String)> = y_ticks.iter().map(|v| (y.map(*v), number(*v))).collect();
        let dots: Vec<(f64, f64, String)> = pts
            .iter()
            .filter(|p| p.y.mean.is_finite())
            .map(|p| {
                (
                    x.map(p.x),
                    y.map(p.y.mean),
                    format!("At {}: {}", number(p.x), describe(&p.y, metric.unit())),
                )
            })
            .collect();
        (band, line, x_ticks, y_ticks, dots, pts, metric)
    });
    let svg = move || {
        let (band, line, x_ticks, y_ticks, dots, _, metric) = drawn.get();
        view! {
            <path class="sweep-band" d=if band.is_empty() { String::new() } else { format!("M{band}Z") }/>
            {y_ticks.into_iter().map(|(py, label)| view! {
                <line class="chart-gridline" x1=LEFT x2=W - RIGHT y1=format!("{py:.1}") y2=format!("{py:.1}")/>
                <text class="chart-tick" x=LEFT - 6.0 y=format!("{:.1}", py + 4.0) text-anchor="end">{label}</text>
            }).collect_view()}
            {x_ticks.into_iter().map(|(px, label)| view! {
                <text class="chart-tick" x=format!("{px:.1}") y=H - BOTTOM + 16.0 text-anchor="middle">{label}</text>
            }).collect_view()}
            <line class="chart-axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM/>
            <text class="chart-tick sweep-axis-title" x=(LEFT + W - RIGHT) / 2.0 y=H - 6.0 text-anchor="middle">{move || param_label.get()}</text>
            <text class="chart-tick sweep-axis-title" x=6.0 y=12.0>{format!("{} ({})", metric.label(), metric.unit().label())}</text>
            <path class="sweep-line" d=line/>
            {dots.into_iter().map(|(cx, cy, text)| {
                let label = text.clone();
                let shown = text.clone();
                view! {
                    <circle
                        class="sweep-point"
                        cx=format!("{cx:.1}")
                        cy=format!("{cy:.1}")
                        r="5"
                        tabindex="0"
                        role="img"
                        aria-label=label
                        on:pointerenter=move |_| readout.set(Some(shown.clone()))
                        on:focus={
                            let shown = text.clone();
                            move |_| readout.set(Some(shown.clone()))
                        }
                    >
                        <title>{text.clone()}</title>
                    </circle>
                }
            }).collect_view()}
        }
    };
    let table = move || {
        let (_, _, _, _, _, pts, metric) = drawn.get();
        let unit = metric.unit();
        view! {
            <table class="data-table sweep-table">
                <caption>{move || format!("{} at each value of {} (mean of the seeds and its 95 % interval)", metric.label(), param_label.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || param_label.get()}</th>
                        <th scope="col">{format!("{} ({})", metric.label(), unit.label())}</th>
                        <th scope="col">"95 % interval"</th>
                        <th scope="col">"Runs"</th>
                    </tr>
                </thead>
                <tbody>
                    {pts.into_iter().map(|p| view! {
                        <tr>
                            <th scope="row">{number(p.x)}</th>
                            <td>{number(p.y.mean)}</td>
                            <td>{p.y.ci95.map_or_else(|| "–".to_string(), |ci| format!("{} – {}", number(p.y.mean - ci), number(p.y.mean + ci)))}</td>
                            <td>{p.y.n}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <div class="sweep-chart">
            <div class="sweep-plot">
            <svg class="sweep-svg" viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=title_id.clone()>
                <title id=title_id.clone()>{move || {
                    let (_, _, _, _, _, pts, metric) = drawn.get();
                    format!("{} against {}, {} points with 95 % intervals; the table below lists them", metric.label(), param_label.get(), pts.len())
                }}</title>
                {svg}
            </svg>
            </div>
            <p class="chart-readout sweep-readout" aria-live="polite">
                {move || readout.get().unwrap_or_else(|| "Point at or tab to a point for its numbers.".to_string())}
            </p>
            <div class="sweep-table-wrap" tabindex="0" role="region" aria-label="The sweep's points as a table">{table}</div>
        </div>
    }
}
