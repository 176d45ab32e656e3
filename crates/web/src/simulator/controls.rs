//! The run controls: play or pause, step, reset, speed and seed, with the
//! run's progress and how fast the engine worker runs.

use leptos::prelude::*;

use super::editor::fields::{parse_number, NumKind};
use super::runner::{Speed, Status};
use super::workbench::{Workbench, A};
use faultline_engine::units::number;

/// The largest seed a field round-trips exactly (JavaScript numbers).
const MAX_SEED: f64 = 9_007_199_254_740_991.0;

fn status_text(status: Status) -> &'static str {
    match status {
        Status::Ready => "Ready",
        Status::Running => "Running",
        Status::Paused => "Paused",
        Status::Finished => "Finished",
    }
}

#[component]
pub fn Controls(wb: Workbench) -> impl IntoView {
    let runner = wb.runner;
    let lane = runner.lanes[0];
    let valid = Memo::new(move |_| wb.is_valid());
    let status = runner.status;
    let running = move || status.get() == Status::Running;
    let toggle = move |_| {
        if running() {
            runner.pause();
        } else if valid.get_untracked() {
            runner.play();
        }
    };
    let seed = Memo::new(move |_| wb.drafts[A].with(|d| d.as_ref().map(|s| s.seed)));
    let seed_error = RwSignal::new(None::<String>);
    let set_seed = move |text: String| match parse_number(&text, NumKind::Whole) {
        Ok(v) if v <= MAX_SEED => {
            seed_error.set(None);
            wb.edit_side(A, |s| s.seed = v as u64);
        }
        Ok(_) => seed_error.set(Some(format!("at most {MAX_SEED}"))),
        Err(message) => seed_error.set(Some(message)),
    };
    let new_seed = move |_| {
        let seed = (js_sys::Math::random() * 1_000_000.0).floor() as u64 + 1;
        seed_error.set(None);
        wb.edit_side(A, |s| s.seed = seed);
    };
    let progress = move || {
        let d = lane.duration_s.get();
        let t = lane.now_s.get();
        if d > 0.0 {
            (t / d * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        }
    };
    let clock = move || {
        format!(
            "{} s of {} s",
            number((lane.now_s.get() * 10.0).floor() / 10.0),
            number(lane.duration_s.get())
        )
    };
    let stats = move || {
        let s = runner.stats.get();
        (s.sim_per_wall > 0.0).then(|| {
            view! {
                <p class="run-stats">
                    <span data-stat="sim-per-wall" data-value=format!("{}", s.sim_per_wall)>
                        {format!("{}× real time", number(s.sim_per_wall.round()))}
                    </span>
                    <span data-stat="events-per-s" data-value=format!("{}", s.events_per_s)>
                        {format!("engine {} M events/s", number(s.events_per_s / 1e6))}
                    </span>
                    <span data-stat="longest-slice" data-value=format!("{}", s.longest_slice_ms)>
                        {format!("longest engine slice {} ms (in a worker)", number(s.longest_slice_ms))}
                    </span>
                </p>
            }
        })
    };
    view! {
        <section class="sim-controls" aria-label="Run controls">
            <div class="controls-row">
                <button
                    type="button"
                    class="button-primary play"
                    id="sim-play"
                    disabled=move || !running() && !valid.get()
                    on:click=toggle
                >
                    <span aria-hidden="true" class="icon">{move || if running() { "❚❚" } else { "▶" }}</span>
                    {move || match status.get() {
                        Status::Running => "Pause",
                        Status::Finished => "Run again",
                        Status::Paused => "Resume",
                        Status::Ready => "Play",
                    }}
                </button>
                <button
                    type="button"
                    id="sim-step"
                    disabled=move || !valid.get() || status.get() == Status::Finished
                    on:click=move |_| runner.step()
                >
                    "Step 1 s"
                </button>
                <button type="button" id="sim-reset" disabled=move || !valid.get() on:click=move |_| runner.reset()>
                    "Reset"
                </button>
                <label class="inline-field">
                    <span>"Speed"</span>
                    <select
                        id="sim-speed"
                        on:change=move |e| {
                            if let Some(speed) = Speed::from_id(&event_target_value(&e)) {
                                runner.set_speed(speed);
                            }
                        }
                    >
                        {Speed::OPTIONS.into_iter().map(|s| {
                            view! { <option value=s.id() selected=runner.speed.get_untracked() == s prop:selected=move || runner.speed.get() == s>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <div class="inline-field seed-field">
                    <label for="sim-seed">"Seed"</label>
                    <input
                        id="sim-seed"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        size="8"
                        value=seed.get_untracked().map(|s| s.to_string()).unwrap_or_default()
                        prop:value=move || seed.get().map(|s| s.to_string()).unwrap_or_default()
                        aria-invalid=move || if seed_error.with(Option::is_some) { "true" } else { "false" }
                        aria-describedby="sim-seed-error"
                        on:change=move |e| set_seed(event_target_value(&e))
                    />
                    <button type="button" class="small" on:click=new_seed>"New seed"</button>
                    <p class="field-error" id="sim-seed-error" hidden=move || seed_error.with(Option::is_none)>
                        {move || seed_error.get().unwrap_or_default()}
                    </p>
                </div>
            </div>
            <div class="controls-row progress-row">
                <span class="run-status" data-status=move || status_text(status.get())>{move || status_text(status.get())}</span>
                <div class="progress" role="progressbar" aria-label="Simulated time"
                    aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=move || format!("{:.0}", progress())
                    aria-valuetext=clock
                >
                    // Drawn as an SVG rectangle (an attribute, not a style, so
                    // the prerendered page shows it under the strict CSP).
                    <svg class="progress-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect width=move || format!("{:.2}", progress()) height="1"/>
                    </svg>
                </div>
                <span class="run-clock" id="sim-clock">{clock}</span>
            </div>
            {stats}
            {move || runner.failure.get().map(|reason| view! {
                <p class="stopped-early" role="alert" id="sim-failure"><strong>"The simulation could not run: "</strong>{reason}</p>
            })}
            {move || lane.stopped_early.get().map(|reason| view! {
                <p class="stopped-early" role="alert"><strong>"The run stopped early: "</strong>{reason}</p>
            })}
        </section>
    }
}
