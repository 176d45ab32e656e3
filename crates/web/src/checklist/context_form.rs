//! The team-context questions: how many teams ship the system, how many
//! services it has, and DORA's four keys. They change the verdict as much as
//! the checklist answers do. Each DORA answer shows at once which cluster of
//! the 2024 bands it falls in (classified by the core).

use leptos::prelude::*;

use super::session::use_session;
use faultline_checklist::dora::{
    DeployFrequency, DoraKey, FailureRate, LeadTime, RecoveryTime, BANDS_NAME,
};
use faultline_checklist::progress::{context_answered, CONTEXT_QUESTIONS};
use faultline_checklist::{Assessment, TeamContext};

const SECTION_ID: &str = "area-context";
const BODY_ID: &str = "area-body-context";
pub const TOGGLE_ID: &str = "area-toggle-context";

/// The team-context section.
#[component]
pub fn ContextForm() -> impl IntoView {
    let session = use_session();
    let answered = Memo::new(move |_| session.viewed.with(|a| context_answered(&a.context)));
    let expanded = move || session.context_open.get();
    let progress = move || {
        let answered = answered.get();
        let mark = if answered == CONTEXT_QUESTIONS {
            "✓ "
        } else {
            ""
        };
        format!("{mark}{answered} of {CONTEXT_QUESTIONS} answered")
    };
    let context = session.viewed.with_untracked(|a| a.context);
    let dora = context.dora;

    view! {
        <section class="area context-section" id=SECTION_ID class:is-open=expanded>
            <h3 class="area-heading">
                <button
                    type="button"
                    class="area-toggle"
                    id=TOGGLE_ID
                    aria-expanded=move || expanded().to_string()
                    aria-controls=BODY_ID
                    on:click=move |_| session.context_open.update(|open| *open = !*open)
                >
                    <span class="area-chevron" aria-hidden="true"></span>
                    <span class="area-title">"Your team and delivery"</span>
                    <span class="area-progress">{progress}</span>
                </button>
            </h3>
            <div class="area-body" id=BODY_ID hidden=move || !expanded()>
                <p class="area-summary">
                    "How many teams ship the system and how fast changes reach production change the verdict as much as the checklist does. Leave blank what you do not know."
                </p>
                <div class="context-counts">
                    <CountField
                        id="context-teams"
                        label=TeamContext::TEAMS_QUESTION
                        initial=context.teams
                        apply=|assessment, value| assessment.context.teams = value
                    />
                    <CountField
                        id="context-services"
                        label=TeamContext::SERVICES_QUESTION
                        initial=context.services
                        apply=|assessment, value| assessment.context.services = value
                    />
                </div>
                <fieldset class="dora-fields">
                    <legend>"Delivery performance: DORA’s four keys"</legend>
                    <p class="field-hint">
                        "Each answer is placed in a cluster of the 2024 State of DevOps report ("
                        {BANDS_NAME} ")."
                    </p>
                    <ChoiceField
                        key=DoraKey::DeploymentFrequency
                        choices=DeployFrequency::ALL.iter().map(|c| (c.id(), c.label())).collect()
                        initial=dora.deployment_frequency.map(|c| c.id())
                        apply=|assessment, id| {
                            assessment.context.dora.deployment_frequency = id.and_then(DeployFrequency::from_id)
                        }
                    />
                    <ChoiceField
                        key=DoraKey::LeadTime
                        choices=LeadTime::ALL.iter().map(|c| (c.id(), c.label())).collect()
                        initial=dora.lead_time.map(|c| c.id())
                        apply=|assessment, id| {
                            assessment.context.dora.lead_time = id.and_then(LeadTime::from_id)
                        }
                    />
                    <RateField initial=dora.change_failure_rate/>
                    <ChoiceField
                        key=DoraKey::RecoveryTime
                        choices=RecoveryTime::ALL.iter().map(|c| (c.id(), c.label())).collect()
                        initial=dora.recovery_time.map(|c| c.id())
                        apply=|assessment, id| {
                            assessment.context.dora.recovery_time = id.and_then(RecoveryTime::from_id)
                        }
                    />
                </fieldset>
            </div>
        </section>
    }
}

/// A whole-number field (teams, services). The field keeps what is typed;
/// only a valid number (or blank) is saved, and a wrong entry says why.
#[component]
fn CountField(
    id: &'static str,
    label: &'static str,
    initial: Option<u32>,
    apply: fn(&mut Assessment, Option<u32>),
) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let error_id = format!("{id}-error");
    let on_input = move |event| {
        let text = event_target_value(&event);
        match TeamContext::parse_count(&text) {
            Ok(value) => {
                error.set(None);
                session.edit(|assessment| apply(assessment, value));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <div class="context-field">
            <label for=id>{label}</label>
            <input
                type="text"
                inputmode="numeric"
                autocomplete="off"
                class="count-input"
                id=id
                prop:value=initial.map(|n| n.to_string()).unwrap_or_default()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                disabled=move || session.is_read_only()
                on:input=on_input
            />
            <FieldError id=format!("{id}-error") error/>
        </div>
    }
}

/// A choice among a DORA key's bands, with the cluster it falls in.
#[component]
fn ChoiceField(
    key: DoraKey,
    choices: Vec<(&'static str, &'static str)>,
    initial: Option<&'static str>,
    apply: fn(&mut Assessment, Option<&str>),
) -> impl IntoView {
    let session = use_session();
    let id = format!("dora-{}", dora_field_id(key));
    let on_change = move |event| {
        let value = event_target_value(&event);
        let chosen = (!value.is_empty()).then_some(value.as_str());
        session.edit(|assessment| apply(assessment, chosen));
    };
    view! {
        <div class="context-field">
            <label for=id.clone()>{key.question()}</label>
            <select
                id=id.clone()
                aria-describedby=format!("{id}-cluster")
                disabled=move || session.is_read_only()
                on:change=on_change
            >
                <option value="" selected=initial.is_none()>"Not answered"</option>
                {choices
                    .into_iter()
                    .map(|(value, label)| {
                        view! { <option value=value selected=initial == Some(value)>{label}</option> }
                    })
                    .collect_view()}
            </select>
            <ClusterHint id=format!("{id}-cluster") key/>
        </div>
    }
}

/// The change failure rate, a whole percentage.
#[component]
fn RateField(initial: Option<FailureRate>) -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let key = DoraKey::ChangeFailureRate;
    let id = format!("dora-{}", dora_field_id(key));
    let described_by = {
        let id = id.clone();
        move || {
            let mut ids = format!("{id}-cluster");
            if error.with(Option::is_some) {
                ids.push_str(&format!(" {id}-error"));
            }
            ids
        }
    };
    let on_input = move |event| {
        let text = event_target_value(&event);
        match FailureRate::parse(&text) {
            Ok(rate) => {
                error.set(None);
                session.edit(|assessment| assessment.context.dora.change_failure_rate = rate);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <div class="context-field">
            <label for=id.clone()>{key.question()} " (a whole percentage)"</label>
            <span class="rate-input">
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    class="count-input"
                    id=id.clone()
                    prop:value=initial.map(|rate| rate.percent().to_string()).unwrap_or_default()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    disabled=move || session.is_read_only()
                    on:input=on_input
                />
                <span aria-hidden="true">"%"</span>
            </span>
            <FieldError id=format!("{id}-error") error/>
            <ClusterHint id=format!("{id}-cluster") key/>
        </div>
    }
}

/// Where a key's answer falls, as the core classifies it.
#[component]
fn ClusterHint(id: String, key: DoraKey) -> impl IntoView {
    let session = use_session();
    let text = move || {
        session.report.with(|report| {
            let result = report.dora.key(key)?;
            let cluster = result.cluster?;
            let band = result
                .band
                .map(|band| format!(" ({band})"))
                .unwrap_or_default();
            let note = result
                .note
                .map(|note| format!(" {note}"))
                .unwrap_or_default();
            Some(format!("DORA 2024 cluster: {cluster}{band}.{note}"))
        })
    };
    view! { <p class="field-hint" id=id>{move || text().unwrap_or_else(|| "Not answered yet.".to_string())}</p> }
}

/// A field's error, announced when it appears.
#[component]
fn FieldError(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" hidden=move || error.with(Option::is_none)>
            {move || error.get().map(|message| format!("Not saved: {message}."))}
        </p>
    }
}

fn dora_field_id(key: DoraKey) -> &'static str {
    match key {
        DoraKey::DeploymentFrequency => "deployment-frequency",
        DoraKey::LeadTime => "lead-time",
        DoraKey::ChangeFailureRate => "change-failure-rate",
        DoraKey::RecoveryTime => "recovery-time",
    }
}
