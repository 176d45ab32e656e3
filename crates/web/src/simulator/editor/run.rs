//! Editing the run as a whole: its length, the load (open or closed loop,
//! and its shape over time), the entry service, and how the users behave
//! (timeout, deadline, retries).

use leptos::prelude::*;

use super::fields::{
    number_field, optional_number_field, same_options, select_field, text_field, FieldSpec, NumKind,
};
use super::lens::Lens;
use super::retry::retry_editor;
use crate::simulator::workbench::{Side, Workbench, B};
use faultline_engine::scenario::{ClientSpec, LoadSpec, Profile, RateStep};
use faultline_engine::Scenario;

fn profile_id(p: &Profile) -> &'static str {
    match p {
        Profile::Constant => "constant",
        Profile::Steps { .. } => "steps",
        Profile::Ramp { .. } => "ramp",
        Profile::Spike { .. } => "spike",
    }
}

/// A profile of another shape, with defaults scaled to the run.
fn reshape(load: &LoadSpec, duration_s: f64, shape: &str) -> Profile {
    let third = (duration_s / 3.0).round();
    let rate = load.rate_rps.max(1.0);
    match shape {
        "steps" => Profile::Steps {
            steps: vec![RateStep {
                at_s: third,
                rate_rps: rate * 2.0,
            }],
        },
        "ramp" => Profile::Ramp {
            from_s: third,
            to_s: third * 2.0,
            to_rps: rate * 2.0,
        },
        "spike" => Profile::Spike {
            at_s: third,
            duration_s: 10.0_f64.min(third.max(1.0)),
            rate_rps: rate * 3.0,
        },
        _ => Profile::Constant,
    }
}

/// A change to the steps of a step profile.
type StepsEdit = Box<dyn FnOnce(&mut Vec<RateStep>)>;

fn steps_editor(wb: Workbench, side: Side) -> impl IntoView {
    let draft = wb.drafts[side];
    let count = Memo::new(move |_| {
        draft.with(|d| match d.as_ref().map(|s| &s.load.profile) {
            Some(Profile::Steps { steps }) => steps.len(),
            _ => 0,
        })
    });
    let steps = move |s: &Scenario| match &s.load.profile {
        Profile::Steps { steps } => Some(steps.clone()),
        _ => None,
    };
    let edit_steps = move |f: StepsEdit| {
        wb.edit_side(side, move |s| {
            if let Profile::Steps { steps } = &mut s.load.profile {
                f(steps);
            }
        });
    };
    view! {
        <fieldset class="steps">
            <legend>"Steps"</legend>
            {move || (0..count.get()).map(|k| {
                let at = move |s: &Scenario| steps(s).and_then(|v| v.get(k).map(|x| x.at_s));
                let rate = move |s: &Scenario| steps(s).and_then(|v| v.get(k).map(|x| x.rate_rps));
                let set_at = move |s: &mut Scenario, v: f64| {
                    if let Profile::Steps { steps } = &mut s.load.profile {
                        if let Some(x) = steps.get_mut(k) { x.at_s = v; }
                    }
                };
                let set_rate = move |s: &mut Scenario, v: f64| {
                    if let Profile::Steps { steps } = &mut s.load.profile {
                        if let Some(x) = steps.get_mut(k) { x.rate_rps = v; }
                    }
                };
                view! {
                    <div class="field-row step-row">
                        {number_field(FieldSpec::new(wb, side, format!("load.profile.steps[{k}].at_s"), "At").unit("s"), NumKind::Real, at, set_at)}
                        {number_field(FieldSpec::new(wb, side, format!("load.profile.steps[{k}].rate_rps"), "Rate").unit("requests/s"), NumKind::Real, rate, set_rate)}
                        <button type="button" class="small" aria-label=format!("Remove step {}", k + 1)
                            on:click=move |_| edit_steps(Box::new(move |v| { if v.len() > 1 && k < v.len() { v.remove(k); } }))
                            disabled=move || count.get() <= 1>
                            "Remove"
                        </button>
                    </div>
                }
            }).collect_view()}
            <button type="button" class="small" on:click=move |_| edit_steps(Box::new(|v| {
                let last = v.last().map_or((0.0, 10.0), |x| (x.at_s, x.rate_rps));
                v.push(RateStep { at_s: last.0 + 10.0, rate_rps: last.1 });
            }))>"Add a step"</button>
        </fieldset>
    }
}

fn load_editor(wb: Workbench, side: Side) -> impl IntoView {
    let load: Lens<LoadSpec> = Lens::root().then(|s| &s.load, |s| &mut s.load);
    let draft = wb.drafts[side];
    let closed =
        Memo::new(move |_| draft.with(|d| d.as_ref().is_some_and(|s| s.load.users.is_some())));
    let shape = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .map_or("constant", |s| profile_id(&s.load.profile))
        })
    });
    let open_fields = {
        let load = load.clone();
        move || {
            if closed.get() {
                return view! {
                    {number_field(
                        FieldSpec::new(wb, side, "load.users", "Users").hint("Each sends a request, waits for the answer, thinks, and sends the next."),
                        NumKind::Whole,
                        load.get(|l| l.users.map_or(0.0, f64::from)),
                        load.set(|l: &mut LoadSpec, v: f64| l.users = Some(v as u32)),
                    )}
                    {optional_number_field(
                        FieldSpec::new(wb, side, "load.think_ms", "Think time").unit("ms").hint("Mean pause between a user's requests. Empty: none."),
                        NumKind::Real,
                        load.get(|l| l.think_ms),
                        load.set(|l: &mut LoadSpec, v: Option<f64>| l.think_ms = v),
                    )}
                }
                .into_any();
            }
            let params = {
                let load = load.clone();
                move || {
                    let profile = load.then(|l| &l.profile, |l| &mut l.profile);
                    match shape.get() {
                        "steps" => steps_editor(wb, side).into_any(),
                        "ramp" => view! {
                            <div class="field-row">
                                {number_field(FieldSpec::new(wb, side, "load.profile.from_s", "Ramp from").unit("s"), NumKind::Real,
                                    profile.get(|p| if let Profile::Ramp { from_s, .. } = p { *from_s } else { f64::NAN }),
                                    profile.set(|p: &mut Profile, v: f64| if let Profile::Ramp { from_s, .. } = p { *from_s = v }))}
                                {number_field(FieldSpec::new(wb, side, "load.profile.to_s", "Ramp until").unit("s"), NumKind::Real,
                                    profile.get(|p| if let Profile::Ramp { to_s, .. } = p { *to_s } else { f64::NAN }),
                                    profile.set(|p: &mut Profile, v: f64| if let Profile::Ramp { to_s, .. } = p { *to_s = v }))}
                            </div>
                            {number_field(FieldSpec::new(wb, side, "load.profile.to_rps", "Rate at the end of the ramp").unit("requests/s"), NumKind::Real,
                                profile.get(|p| if let Profile::Ramp { to_rps, .. } = p { *to_rps } else { f64::NAN }),
                                profile.set(|p: &mut Profile, v: f64| if let Profile::Ramp { to_rps, .. } = p { *to_rps = v }))}
                        }
                        .into_any(),
                        "spike" => view! {
                            <div class="field-row">
                                {number_field(FieldSpec::new(wb, side, "load.profile.at_s", "Spike at").unit("s"), NumKind::Real,
                                    profile.get(|p| if let Profile::Spike { at_s, .. } = p { *at_s } else { f64::NAN }),
                                    profile.set(|p: &mut Profile, v: f64| if let Profile::Spike { at_s, .. } = p { *at_s = v }))}
                                {number_field(FieldSpec::new(wb, side, "load.profile.duration_s", "Lasting").unit("s"), NumKind::Real,
                                    profile.get(|p| if let Profile::Spike { duration_s, .. } = p { *duration_s } else { f64::NAN }),
                                    profile.set(|p: &mut Profile, v: f64| if let Profile::Spike { duration_s, .. } = p { *duration_s = v }))}
                            </div>
                            {number_field(FieldSpec::new(wb, side, "load.profile.rate_rps", "Rate during the spike").unit("requests/s"), NumKind::Real,
                                profile.get(|p| if let Profile::Spike { rate_rps, .. } = p { *rate_rps } else { f64::NAN }),
                                profile.set(|p: &mut Profile, v: f64| if let Profile::Spike { rate_rps, .. } = p { *rate_rps = v }))}
                        }
                        .into_any(),
                        _ => ().into_any(),
                    }
                }
            };
            view! {
                {number_field(
                    FieldSpec::new(wb, side, "load.rate_rps", "Arrival rate").unit("requests/s").hint("Random (Poisson) arrivals, whether or not earlier requests are done."),
                    NumKind::Real,
                    load.get(|l| l.rate_rps),
                    load.set(|l: &mut LoadSpec, v: f64| l.rate_rps = v),
                )}
                {select_field(
                    FieldSpec::new(wb, side, "load.profile", "Over time"),
                    [("constant", "Constant"), ("steps", "Steps"), ("ramp", "Ramp"), ("spike", "Spike")]
                        .iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(),
                    |s: &Scenario| Some(profile_id(&s.load.profile).to_string()),
                    |s: &mut Scenario, v: String| s.load.profile = reshape(&s.load, s.duration_s, &v),
                )}
                {params}
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="editor-fieldset">
            <legend>"Load"</legend>
            {select_field(
                FieldSpec::new(wb, side, "load.users.mode", "Arrivals"),
                vec![
                    ("open".to_string(), "Open: requests arrive at a rate".to_string()),
                    ("closed".to_string(), "Closed: a fixed number of users".to_string()),
                ],
                |s: &Scenario| Some(if s.load.users.is_some() { "closed" } else { "open" }.to_string()),
                |s: &mut Scenario, v: String| {
                    if v == "closed" {
                        s.load.users = Some(100);
                        s.load.think_ms = Some(1000.0);
                        s.load.profile = Profile::Constant;
                    } else {
                        s.load.users = None;
                        s.load.think_ms = None;
                        if s.load.rate_rps <= 0.0 {
                            s.load.rate_rps = 50.0;
                        }
                    }
                },
            )}
            {open_fields}
        </fieldset>
    }
}

fn client_editor(wb: Workbench, side: Side) -> impl IntoView {
    let client: Lens<ClientSpec> = Lens::root().then(|s| &s.client, |s| &mut s.client);
    view! {
        <fieldset class="editor-fieldset">
            <legend>"Users (the client)"</legend>
            {optional_number_field(
                FieldSpec::new(wb, side, "client.timeout_ms", "Gives up after").unit("ms").hint("Empty: users wait forever."),
                NumKind::Real,
                client.get(|c| c.timeout_ms),
                client.set(|c: &mut ClientSpec, v: Option<f64>| c.timeout_ms = v),
            )}
            {optional_number_field(
                FieldSpec::new(wb, side, "client.deadline_ms", "Useful only within").unit("ms").hint("Slower successes do not count as goodput. Empty: the timeout."),
                NumKind::Real,
                client.get(|c| c.deadline_ms),
                client.set(|c: &mut ClientSpec, v: Option<f64>| c.deadline_ms = v),
            )}
            {retry_editor(wb, side, "client.retry".to_string(), "Users retry failed requests", client.then(|c| &c.retry, |c| &mut c.retry))}
        </fieldset>
    }
}

pub fn run_editor(wb: Workbench, side: Side) -> impl IntoView {
    let services = wb.service_names(side);
    let shared = (side == B).then(|| {
        view! {
            <p class="notice-inline">
                "Variant B runs with A's seed, load, duration and warm-up, so both see exactly the same arrivals. Change those on A."
            </p>
        }
    });
    let timing = (side != B).then(|| {
        view! {
            <div class="field-row">
                {number_field(
                    FieldSpec::new(wb, side, "duration_s", "Duration").unit("s"),
                    NumKind::Real,
                    |s: &Scenario| Some(s.duration_s),
                    |s: &mut Scenario, v: f64| s.duration_s = v,
                )}
                {number_field(
                    FieldSpec::new(wb, side, "warmup_s", "Warm-up").unit("s").hint("Left out of the figures."),
                    NumKind::Real,
                    |s: &Scenario| Some(s.warmup_s),
                    |s: &mut Scenario, v: f64| s.warmup_s = v,
                )}
            </div>
        }
    });
    view! {
        <div class="editor-form">
            {text_field(
                FieldSpec::new(wb, side, "name", "Scenario name"),
                |s: &Scenario| Some(s.name.clone()),
                |_: &Scenario, _: &str| None,
                |s: &mut Scenario, v: String| s.name = v,
            )}
            {shared}
            {timing}
            {move || select_field(
                FieldSpec::new(wb, side, "entry", "Entry service").hint("The service the users call."),
                same_options(services.get()),
                |s: &Scenario| Some(s.entry.clone()),
                |s: &mut Scenario, v: String| s.entry = v,
            )}
            {(side != B).then(|| load_editor(wb, side))}
            {client_editor(wb, side)}
        </div>
    }
}
