//! A sweep's curve: the chosen metric's mean at each value of the swept
//! parameter, its 95 % confidence interval as a band, points that show
//! their numbers on hover or keyboard focus, and a table of every point as
//! the chart's text alternative. Drawn at a fixed size in SVG user units
//! and scaled by CSS, so the build can prerender it exactly as the browser
//! draws it (guide figures).

use leptos::prelude::*;

use faultline_engine::plot::{line_path, ticks, Scale};
use faultline_engine::sweep::{Estimate, HysteresisResult, PointStats, SweepMetric, SweepResult};
use faultline_engine::units::{number, Unit};

use crate::simulator::charts::palette::{colour_class, dash};
use crate::simulator::dom_id::unique_id;

const W: f64 = 640.0;
const H: f64 = 280.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// One curve: a label (empty when the chart has one) and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub label: String,
    pub points: Vec<PointStats>,
}

impl Curve {
    /// A grid sweep's one curve.
    pub fn of_sweep(result: &SweepResult) -> Vec<Curve> {
        vec![Curve {
            label: String::new(),
            points: result.points.clone(),
        }]
    }

    /// A hysteresis study's two curves: the way up and the way down.
    pub fn of_hysteresis(result: &HysteresisResult) -> Vec<Curve> {
        vec![
            Curve {
                label: "Load rising".into(),
                points: result.up.clone(),
            },
            Curve {
                label: "Load falling".into(),
                points: result.down.clone(),
            },
        ]
    }
}

/// One point of a curve: the parameter value and the metric there.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: f64,
    y: Estimate,
}

fn points(curve: &Curve, metric: SweepMetric) -> Vec<Point> {
    curve
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

/// What one curve draws.
#[derive(Debug, Clone, PartialEq)]
struct Drawn {
    label: String,
    band: String,
    line: String,
    dots: Vec<(f64, f64, String)>,
    points: Vec<Point>,
}

#[component]
pub fn SweepChart(
    /// One curve, or two (a hysteresis study's way up and way down).
    #[prop(into)]
    curves: Signal<Vec<Curve>>,
    #[prop(into)] metric: Signal<SweepMetric>,
    /// A readable name for the swept parameter (the axis title).
    #[prop(into)]
    param_label: Signal<String>,
    /// Spread the parameter logarithmically.
    #[prop(into)]
    log_x: Signal<bool>,
) -> impl IntoView {
    let title_id = unique_id("sweep-chart");
    let readout = RwSignal::new(None::<String>);
    let drawn = Memo::new(move |_| {
        let metric = metric.get();
        let curves = curves.get();
        let all: Vec<Vec<Point>> = curves.iter().map(|c| points(c, metric)).collect();
        let xs: Vec<f64> = all.iter().flatten().map(|p| p.x).collect();
        let x = XAxis::new(&xs, log_x.get());
        let top = all
            .iter()
            .flatten()
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
        let identity = Scale::new((0.0, 1.0), (0.0, 1.0));
        let named = curves.len() > 1;
        let drawn: Vec<Drawn> = curves
            .iter()
            .zip(all)
            .map(|(curve, pts)| {
                // The band: the upper edge left to right, the lower edge back.
                let known: Vec<&Point> = pts.iter().filter(|p| p.y.mean.is_finite()).collect();
                let band = if known.len() > 1 && known.iter().all(|p| p.y.ci95.is_some()) {
                    let edge = |p: &&Point, sign: f64| {
                        let v = p.y.mean + sign * p.y.ci95.unwrap_or(0.0);
                        format!("{:.1},{:.1}", x.map(p.x), y.map(v.max(0.0)))
                    };
                    let upper = known.iter().map(|p| edge(p, 1.0));
                    let lower = known.iter().rev().map(|p| edge(p, -1.0));
                    format!("M{}Z", upper.chain(lower).collect::<Vec<_>>().join(" L"))
                } else {
                    String::new()
                };
                let xs_px: Vec<f64> = pts.iter().map(|p| x.map(p.x)).collect();
                let means: Vec<f64> = pts.iter().map(|p| p.y.mean).collect();
                let prefix = if named {
                    format!("{}, at ", curve.label)
                } else {
                    "At ".to_string()
                };
                let dots = known
                    .iter()
                    .map(|p| {
                        (
                            x.map(p.x),
                            y.map(p.y.mean),
                            format!("{prefix}{}: {}", number(p.x), describe(&p.y, metric.unit())),
                        )
                    })
                    .collect();
                Drawn {
                    label: curve.label.clone(),
                    band,
                    line: line_path(&xs_px, &means, &identity, &y),
                    dots,
                    points: pts,
                }
            })
            .collect();
        let x_ticks: Vec<(f64, String)> = {
            let mut values: Vec<f64> = xs.clone();
            values.sort_by(f64::total_cmp);
            values.dedup();
            let n = values.len();
            let stride = n.div_ceil(7).max(1);
            values
                .iter()
                .enumerate()
                .filter(|(i, _)| i % stride == 0 || *i + 1 == n)
                .map(|(_, v)| (x.map(*v), number(*v)))
                .collect()
        };
        let y_ticks: Vec<(f64, String)> = y_ticks.iter().map(|v| (y.map(*v), number(*v))).collect();
        (drawn, x_ticks, y_ticks, metric)
    });
    let svg = move || {
        let (curves, x_ticks, y_ticks, metric) = drawn.get();
        view! {
            {curves.iter().enumerate().map(|(i, c)| view! {
                <path class=format!("sweep-band {}", colour_class(i)) d=c.band.clone()/>
            }).collect_view()}
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
            {curves.into_iter().enumerate().map(|(i, c)| {
                let class = colour_class(i);
                view! {
                    <path class=format!("sweep-line {class}") stroke-dasharray=dash(0, i, 2) d=c.line/>
                    {c.dots.into_iter().map(|(cx, cy, text)| {
                        let on_enter = text.clone();
                        let on_focus = text.clone();
                        let label = text.clone();
                        view! {
                            <circle
                                class=format!("sweep-point {class}")
                                cx=format!("{cx:.1}")
                                cy=format!("{cy:.1}")
                                r="5"
                                tabindex="0"
                                role="img"
                                aria-label=label
                                on:pointerenter=move |_| readout.set(Some(on_enter.clone()))
                                on:focus=move |_| readout.set(Some(on_focus.clone()))
                            >
                                <title>{text}</title>
                            </circle>
                        }
                    }).collect_view()}
                }
            }).collect_view()}
        }
    };
    let legend = move || {
        let (curves, _, _, _) = drawn.get();
        (curves.len() > 1).then(|| {
            view! {
                <ul class="sweep-legend">
                    {curves.into_iter().enumerate().map(|(i, c)| view! {
                        <li><svg class="legend-swatch" viewBox="0 0 24 4" aria-hidden="true" focusable="false">
                            <line class=format!("sweep-line {}", colour_class(i)) stroke-dasharray=dash(0, i, 2) x1="0" x2="24" y1="2" y2="2"/>
                        </svg>{c.label}</li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    let table = move || {
        let (curves, _, _, metric) = drawn.get();
        let unit = metric.unit();
        let named = curves.len() > 1;
        let mut xs: Vec<f64> = curves
            .iter()
            .flat_map(|c| c.points.iter().map(|p| p.x))
            .collect();
        xs.dedup();
        if named {
            xs.sort_by(f64::total_cmp);
            xs.dedup();
        }
        let cell = |c: &Drawn, x: f64| {
            c.points.iter().find(|p| p.x == x).map_or_else(
                || ("–".to_string(), "–".to_string()),
                |p| {
                    (
                        number(p.y.mean),
                        p.y.ci95.map_or_else(
                            || "–".to_string(),
                            |ci| format!("{} – {}", number(p.y.mean - ci), number(p.y.mean + ci)),
                        ),
                    )
                },
            )
        };
        let runs = curves
            .first()
            .and_then(|c| c.points.first())
            .map_or(0, |p| p.y.n);
        view! {
            <table class="data-table sweep-table">
                <caption>{move || format!("{} ({}) at each value of {}: the mean of {runs} runs and its 95 % interval", metric.label(), unit.label(), param_label.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || param_label.get()}</th>
                        {curves.iter().map(|c| {
                            let name = if named { format!("{}: ", c.label) } else { String::new() };
                            view! {
                                <th scope="col">{format!("{name}{}", metric.label())}</th>
                                <th scope="col">{format!("{name}95 % interval")}</th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {xs.into_iter().map(|x| view! {
                        <tr>
                            <th scope="row">{number(x)}</th>
                            {curves.iter().map(|c| {
                                let (mean, interval) = cell(c, x);
                                view! { <td>{mean}</td><td>{interval}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <div class="sweep-chart">
            {legend}
            <div class="sweep-plot">
                <svg class="sweep-svg" viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=title_id.clone()>
                    <title id=title_id.clone()>{move || {
                        let (curves, _, _, metric) = drawn.get();
                        let n: usize = curves.iter().map(|c| c.points.len()).sum();
                        format!("{} against {}, {n} points with 95 % intervals; the table below lists them", metric.label(), param_label.get())
                    }}</title>
                    {svg}
                </svg>
            </div>
            <p class="chart-readout sweep-readout" aria-live="polite">
                {move || readout.get().unwrap_or_else(|| "Point at or tab to a point for its numbers.".to_string())}
            </p>
            <div class="sweep-table-wrap" tabindex="0" role="region" aria-label="The curve's points as a table">{table}</div>
        </div>
    }
}
