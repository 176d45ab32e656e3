//! Editing a time distribution (a service's work, a call's network delay):
//! its shape, then the parameters that shape takes. Changing the shape
//! keeps the mean, so the load on the system stays comparable.

use leptos::prelude::*;

use super::fields::{number_field, select_field, FieldSpec, NumKind};
use super::lens::Lens;
use crate::simulator::workbench::{Side, Workbench};
use faultline_engine::scenario::Dist;

const KINDS: [(&str, &str); 5] = [
    ("exponential", "Exponential (random, memoryless)"),
    ("constant", "Constant (always the mean)"),
    ("lognormal", "Lognormal (a long tail)"),
    ("uniform", "Uniform (between two values)"),
    ("erlang", "Erlang (less variable than exponential)"),
];

fn kind_of(d: &Dist) -> &'static str {
    match d {
        Dist::Exponential { .. } => "exponential",
        Dist::Constant { .. } => "constant",
        Dist::Lognormal { .. } => "lognormal",
        Dist::Uniform { .. } => "uniform",
        Dist::Erlang { .. } => "erlang",
    }
}

/// The distribution of `kind` with the same mean as `d`.
fn reshape(d: &Dist, kind: &str) -> Dist {
    let mean = d.mean_ms();
    match kind {
        "constant" => Dist::Constant { mean_ms: mean },
        "lognormal" => Dist::Lognormal {
            mean_ms: mean.max(0.1),
            stddev_ms: mean / 2.0,
        },
        "uniform" => Dist::Uniform {
            min_ms: mean / 2.0,
            max_ms: mean * 1.5,
        },
        "erlang" => Dist::Erlang {
            mean_ms: mean,
            k: 4,
        },
        _ => Dist::Exponential { mean_ms: mean },
    }
}

fn kind_options(with_none: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if with_none {
        out.push(("none".to_string(), "None".to_string()));
    }
    out.extend(KINDS.iter().map(|(v, l)| (v.to_string(), l.to_string())));
    out
}

/// The parameter fields of the distribution at `lens` (for its current shape).
fn params(wb: Workbench, side: Side, path: String, lens: Lens<Dist>) -> impl IntoView {
    let draft = wb.drafts[side];
    let reader = lens.clone();
    let kind = Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|s| reader.view(s, kind_of))));
    move || {
        let p = |field: &str| format!("{path}.{field}");
        let mean = || {
            number_field(
                FieldSpec::new(wb, side, p("mean_ms"), "Mean").unit("ms"),
                NumKind::Real,
                lens.get(Dist::mean_ms),
                lens.set(|d: &mut Dist, v: f64| match d {
                    Dist::Exponential { mean_ms }
                    | Dist::Constant { mean_ms }
                    | Dist::Lognormal { mean_ms, .. }
                    | Dist::Erlang { mean_ms, .. } => *mean_ms = v,
                    Dist::Uniform { .. } => {}
                }),
            )
            .into_any()
        };
        match kind.get() {
            Some("lognormal") => view! {
                {mean()}
                {number_field(
                    FieldSpec::new(wb, side, p("stddev_ms"), "Standard deviation").unit("ms"),
                    NumKind::Real,
                    lens.get(|d| if let Dist::Lognormal { stddev_ms, .. } = d { *stddev_ms } else { f64::NAN }),
                    lens.set(|d: &mut Dist, v: f64| if let Dist::Lognormal { stddev_ms, .. } = d { *stddev_ms = v }),
                )}
            }
            .into_any(),
            Some("uniform") => view! {
                {number_field(
                    FieldSpec::new(wb, side, p("min_ms"), "Shortest").unit("ms"),
                    NumKind::Real,
                    lens.get(|d| if let Dist::Uniform { min_ms, .. } = d { *min_ms } else { f64::NAN }),
                    lens.set(|d: &mut Dist, v: f64| if let Dist::Uniform { min_ms, .. } = d { *min_ms = v }),
                )}
                {number_field(
                    FieldSpec::new(wb, side, p("max_ms"), "Longest").unit("ms"),
                    NumKind::Real,
                    lens.get(|d| if let Dist::Uniform { max_ms, .. } = d { *max_ms } else { f64::NAN }),
                    lens.set(|d: &mut Dist, v: f64| if let Dist::Uniform { max_ms, .. } = d { *max_ms = v }),
                )}
            }
            .into_any(),
            Some("erlang") => view! {
                {mean()}
                {number_field(
                    FieldSpec::new(wb, side, p("k"), "Phases (k)").hint("More phases: less variable."),
                    NumKind::Whole,
                    lens.get(|d| if let Dist::Erlang { k, .. } = d { f64::from(*k) } else { f64::NAN }),
                    lens.set(|d: &mut Dist, v: f64| if let Dist::Erlang { k, .. } = d { *k = v as u32 }),
                )}
            }
            .into_any(),
            Some(_) => mean(),
            None => ().into_any(),
        }
    }
}

/// A required distribution (a service's own work).
pub fn dist_editor(
    wb: Workbench,
    side: Side,
    path: String,
    label: &'static str,
    lens: Lens<Dist>,
) -> impl IntoView {
    let shape = select_field(
        FieldSpec::new(wb, side, format!("{path}.dist"), label),
        kind_options(false),
        lens.get(|d| kind_of(d).to_string()),
        lens.set(|d: &mut Dist, kind: String| *d = reshape(d, &kind)),
    );
    view! {
        <div class="field-group">
            {shape}
            {params(wb, side, path, lens)}
        </div>
    }
}

/// An optional distribution (a call's network delay): "None" removes it.
pub fn optional_dist_editor(
    wb: Workbench,
    side: Side,
    path: String,
    label: &'static str,
    lens: Lens<Option<Dist>>,
) -> impl IntoView {
    let shape = select_field(
        FieldSpec::new(wb, side, format!("{path}.dist"), label),
        kind_options(true),
        lens.get(|d| d.as_ref().map_or("none", kind_of).to_string()),
        lens.set(|d: &mut Option<Dist>, kind: String| {
            *d = match (kind.as_str(), d.as_ref()) {
                ("none", _) => None,
                (kind, Some(old)) => Some(reshape(old, kind)),
                (kind, None) => Some(reshape(&Dist::Constant { mean_ms: 1.0 }, kind)),
            };
        }),
    );
    view! {
        <div class="field-group">
            {shape}
            {params(wb, side, path, lens.some())}
        </div>
    }
}
