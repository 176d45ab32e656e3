//! Editing a retry policy (a call's, or the client's): attempts, backoff
//! and jitter, and an optional retry budget.

use leptos::prelude::*;

use super::fields::{
    check_field, number_field, optional_number_field, select_field, FieldSpec, NumKind,
};
use super::lens::Lens;
use crate::simulator::workbench::{Side, Workbench};
use faultline_engine::scenario::{BackoffKind, BackoffSpec, RetryBudgetSpec, RetrySpec};

const BACKOFFS: [(BackoffKind, &str, &str); 6] = [
    (BackoffKind::None, "none", "None: retry at once"),
    (
        BackoffKind::Constant,
        "constant",
        "Constant: wait the base time",
    ),
    (
        BackoffKind::Exponential,
        "exponential",
        "Exponential: double the wait each time",
    ),
    (
        BackoffKind::FullJitter,
        "full_jitter",
        "Full jitter: random up to the exponential wait",
    ),
    (
        BackoffKind::EqualJitter,
        "equal_jitter",
        "Equal jitter: half fixed, half random",
    ),
    (
        BackoffKind::DecorrelatedJitter,
        "decorrelated_jitter",
        "Decorrelated jitter",
    ),
];

fn backoff_id(kind: BackoffKind) -> &'static str {
    BACKOFFS
        .iter()
        .find(|b| b.0 == kind)
        .map_or("none", |b| b.1)
}

fn backoff_from_id(id: &str) -> BackoffKind {
    BACKOFFS
        .iter()
        .find(|b| b.1 == id)
        .map_or(BackoffKind::None, |b| b.0)
}

/// A small Memo: does the draft have a value at this optional place?
pub fn present<T: 'static>(wb: Workbench, side: Side, lens: &Lens<Option<T>>) -> Memo<bool> {
    let draft = wb.drafts[side];
    let lens = lens.clone();
    Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .and_then(|s| lens.view(s, Option::is_some))
                .unwrap_or(false)
        })
    })
}

pub fn retry_editor(
    wb: Workbench,
    side: Side,
    path: String,
    label: &'static str,
    lens: Lens<Option<RetrySpec>>,
) -> impl IntoView {
    let on = present(wb, side, &lens);
    let toggle = check_field(
        FieldSpec::new(wb, side, path.clone(), label),
        lens.get(Option::is_some),
        lens.set(|r: &mut Option<RetrySpec>, enable: bool| {
            *r = enable.then_some(RetrySpec {
                max_attempts: 3,
                backoff: BackoffSpec {
                    kind: BackoffKind::Exponential,
                    base_ms: 50.0,
                    cap_ms: Some(1000.0),
                },
                budget: None,
            });
        }),
    );
    let details = move || {
        on.get().then(|| {
            let retry = lens.some();
            let backoff = retry.then(|r| &r.backoff, |r| &mut r.backoff);
            let budget = retry.then(|r| &r.budget, |r| &mut r.budget);
            let budget_on = present(wb, side, &budget);
            let p = |field: &str| format!("{path}.{field}");
            let budget_fields = {
                let budget = budget.clone();
                let path = path.clone();
                move || {
                    budget_on.get().then(|| {
                        let b = budget.some();
                        view! {
                            {number_field(
                                FieldSpec::new(wb, side, format!("{path}.budget.ratio"), "Retries per request")
                                    .hint("0.1 lets retries add at most about 10 % to the traffic."),
                                NumKind::Real,
                                b.get(|b| b.ratio),
                                b.set(|b: &mut RetryBudgetSpec, v: f64| b.ratio = v),
                            )}
                            {number_field(
                                FieldSpec::new(wb, side, format!("{path}.budget.max_tokens"), "Saved-up retries at most"),
                                NumKind::Real,
                                b.get(|b| b.max_tokens),
                                b.set(|b: &mut RetryBudgetSpec, v: f64| b.max_tokens = v),
                            )}
                        }
                    })
                }
            };
            view! {
                <div class="field-group nested">
                    {number_field(
                        FieldSpec::new(wb, side, p("max_attempts"), "Attempts in all").hint("The first attempt included: 3 means up to 2 retries."),
                        NumKind::Whole,
                        retry.get(|r| f64::from(r.max_attempts)),
                        retry.set(|r: &mut RetrySpec, v: f64| r.max_attempts = v as u32),
                    )}
                    {select_field(
                        FieldSpec::new(wb, side, p("backoff.kind"), "Wait between attempts"),
                        BACKOFFS.iter().map(|b| (b.1.to_string(), b.2.to_string())).collect(),
                        backoff.get(|b| backoff_id(b.kind).to_string()),
                        backoff.set(|b: &mut BackoffSpec, id: String| b.kind = backoff_from_id(&id)),
                    )}
                    {number_field(
                        FieldSpec::new(wb, side, p("backoff.base_ms"), "Base wait").unit("ms"),
                        NumKind::Real,
                        backoff.get(|b| b.base_ms),
                        backoff.set(|b: &mut BackoffSpec, v: f64| b.base_ms = v),
                    )}
                    {optional_number_field(
                        FieldSpec::new(wb, side, p("backoff.cap_ms"), "Longest wait").unit("ms").hint("Empty: no cap."),
                        NumKind::Real,
                        backoff.get(|b| b.cap_ms),
                        backoff.set(|b: &mut BackoffSpec, v: Option<f64>| b.cap_ms = v),
                    )}
                    {check_field(
                        FieldSpec::new(wb, side, p("budget"), "Retry budget").hint("Caps retries to a share of requests, so they cannot multiply an overload."),
                        budget.get(Option::is_some),
                        budget.set(|b: &mut Option<RetryBudgetSpec>, on: bool| {
                            *b = on.then_some(RetryBudgetSpec { ratio: 0.1, max_tokens: 10.0 });
                        }),
                    )}
                    {budget_fields}
                </div>
            }
        })
    };
    view! {
        {toggle}
        {details}
    }
}
