//! Form fields bound to one value of a draft scenario.
//!
//! Each field reads its value through a getter and writes it through a
//! setter on the draft (committed on `change`, so typing does not restart
//! the run at every keystroke). A field knows its scenario path
//! (`services[1].calls[0].timeout_ms`): the validation message for that
//! path appears right under it, linked with `aria-describedby`. Text that is
//! not a number never reaches the draft; the field shows why and, while it
//! does, the run cannot start.

use std::sync::Arc;

use leptos::prelude::*;

use crate::simulator::dom_id::field_id;
use crate::simulator::workbench::{Side, Workbench};
use faultline_engine::Scenario;

/// Reads a value from the draft (None: the item is gone).
pub type Getter<T> = Arc<dyn Fn(&Scenario) -> Option<T> + Send + Sync>;
/// Writes a value into the draft.
pub type Setter<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

/// What a number field accepts before validation has its say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumKind {
    /// Any finite number.
    Real,
    /// A whole number from 0 up (counts: workers, attempts, …).
    Whole,
}

/// The shared parts of a field: where it writes, what it is called.
#[derive(Clone)]
pub struct FieldSpec {
    pub wb: Workbench,
    pub side: Side,
    pub path: String,
    pub label: &'static str,
    pub unit: Option<&'static str>,
    pub hint: Option<&'static str>,
}

impl FieldSpec {
    pub fn new(
        wb: Workbench,
        side: Side,
        path: impl Into<String>,
        label: &'static str,
    ) -> FieldSpec {
        FieldSpec {
            wb,
            side,
            path: path.into(),
            label,
            unit: None,
            hint: None,
        }
    }

    pub fn unit(mut self, unit: &'static str) -> FieldSpec {
        self.unit = Some(unit);
        self
    }

    pub fn hint(mut self, hint: &'static str) -> FieldSpec {
        self.hint = Some(hint);
        self
    }

    fn id(&self) -> String {
        field_id(self.side, &self.path)
    }

    /// The validation messages for this exact path.
    fn messages(&self) -> Memo<Vec<String>> {
        let problems = self.wb.problems[self.side];
        let path = self.path.clone();
        Memo::new(move |_| {
            problems.with(|p| {
                p.iter()
                    .filter(|e| e.path == path)
                    .map(|e| e.message.clone())
                    .collect()
            })
        })
    }

    fn set_parse_error(&self, message: Option<String>) {
        let key = (self.side, self.path.clone());
        self.wb.parse_errors.update(|errors| match message {
            Some(m) => {
                errors.insert(key, m);
            }
            None => {
                errors.remove(&key);
            }
        });
    }

    /// Forget this field's unparsed text when it leaves the page: the draft
    /// still holds its last good value.
    fn clear_on_cleanup(&self) {
        let wb = self.wb;
        let key = (self.side, self.path.clone());
        on_cleanup(move || {
            let _ = wb.parse_errors.try_update(|errors| errors.remove(&key));
        });
    }

    fn write<T: 'static>(&self, set: &Setter<T>, value: T) {
        let set = set.clone();
        self.wb
            .edit_side(self.side, move |scenario| set(scenario, value));
    }

    fn read<T: Send + Sync + PartialEq + Clone + 'static>(
        &self,
        get: Getter<T>,
    ) -> Memo<Option<T>> {
        let draft = self.wb.drafts[self.side];
        Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|s| get(s))))
    }
}

/// The label, the control, the hint and the messages around a control.
fn frame(spec: &FieldSpec, control: AnyView, messages: Memo<Vec<String>>) -> impl IntoView {
    let id = spec.id();
    let hint = spec
        .hint
        .map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{h}</p> });
    let unit = spec
        .unit
        .map(|u| view! { <span class="field-unit">{format!(" ({u})")}</span> });
    view! {
        <div class="field" class:field-invalid=move || messages.with(|m| !m.is_empty())>
            <label for=id.clone()>{spec.label}{unit}</label>
            {control}
            {hint}
            <p class="field-error" id=format!("{id}-error") hidden=move || messages.with(Vec::is_empty)>
                {move || messages.get().join("; ")}
            </p>
        </div>
    }
}

fn described_by(spec: &FieldSpec) -> String {
    let id = spec.id();
    match spec.hint {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-error"),
    }
}

/// Reads typed text as a number of the given kind.
pub fn parse_number(text: &str, kind: NumKind) -> Result<f64, String> {
    faultline_engine::units::parse_number(text, kind == NumKind::Whole)
}

/// A number as a field shows it (no grouping, no rounding).
pub fn show_number(value: f64) -> String {
    format!("{value}")
}

fn number_input(
    spec: FieldSpec,
    kind: NumKind,
    optional: bool,
    value: Memo<Option<Option<f64>>>,
    commit: impl Fn(Option<f64>) + 'static,
) -> impl IntoView {
    let messages = spec.messages();
    spec.clear_on_cleanup();
    let on_change = {
        let spec = spec.clone();
        move |e: leptos::ev::Event| {
            let text = event_target_value(&e);
            if optional && text.trim().is_empty() {
                spec.set_parse_error(None);
                commit(None);
                return;
            }
            match parse_number(&text, kind) {
                Ok(v) => {
                    spec.set_parse_error(None);
                    commit(Some(v));
                }
                Err(message) => spec.set_parse_error(Some(message)),
            }
        }
    };
    let control = view! {
        <input
            id=spec.id()
            type="text"
            inputmode=if kind == NumKind::Whole { "numeric" } else { "decimal" }
            autocomplete="off"
            spellcheck="false"
            placeholder=if optional { "none" } else { "" }
            // The attribute is for the prerendered page (and the field's
            // default); the property follows the draft.
            value=value.get_untracked().flatten().map(show_number).unwrap_or_default()
            prop:value=move || value.get().flatten().map(show_number).unwrap_or_default()
            aria-invalid=move || if messages.with(Vec::is_empty) { "false" } else { "true" }
            aria-describedby=described_by(&spec)
            on:change=on_change
        />
    }
    .into_any();
    frame(&spec, control, messages)
}

/// A required number.
pub fn number_field(
    spec: FieldSpec,
    kind: NumKind,
    get: impl Fn(&Scenario) -> Option<f64> + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, f64) + Send + Sync + 'static,
) -> impl IntoView {
    let value = spec.read::<Option<f64>>(Arc::new(move |s| get(s).map(Some)));
    let set: Setter<f64> = Arc::new(set);
    let writer = spec.clone();
    number_input(spec, kind, false, value, move |v| {
        if let Some(v) = v {
            writer.write(&set, v);
        }
    })
}

/// A number that may be left empty (then it is `None`: no timeout, no
/// limit); the hint should say what empty means.
pub fn optional_number_field(
    spec: FieldSpec,
    kind: NumKind,
    get: impl Fn(&Scenario) -> Option<Option<f64>> + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, Option<f64>) + Send + Sync + 'static,
) -> impl IntoView {
    let value = spec.read::<Option<f64>>(Arc::new(get));
    let set: Setter<Option<f64>> = Arc::new(set);
    let writer = spec.clone();
    number_input(spec, kind, true, value, move |v| writer.write(&set, v))
}

/// Select options whose value is also their label (service names).
pub fn same_options(names: Vec<String>) -> Vec<(String, String)> {
    names.into_iter().map(|n| (n.clone(), n)).collect()
}

/// A choice from a fixed list of (value, label) pairs.
pub fn select_field(
    spec: FieldSpec,
    options: Vec<(String, String)>,
    get: impl Fn(&Scenario) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, String) + Send + Sync + 'static,
) -> impl IntoView {
    let messages = spec.messages();
    let value = spec.read::<String>(Arc::new(get));
    let set = Arc::new(set);
    let wb = spec.wb;
    let side = spec.side;
    let options = options
        .into_iter()
        .map(|(v, label)| {
            let initially = value.get_untracked().as_deref() == Some(v.as_str());
            let selected = {
                let v = v.clone();
                move || value.get().as_deref() == Some(v.as_str())
            };
            view! { <option value=v selected=initially prop:selected=selected>{label}</option> }
        })
        .collect_view();
    let control = view! {
        <select
            id=spec.id()
            aria-invalid=move || if messages.with(Vec::is_empty) { "false" } else { "true" }
            aria-describedby=described_by(&spec)
            on:change=move |e| {
                let v = event_target_value(&e);
                let set = set.clone();
                wb.edit_side(side, move |s| set(s, v));
            }
        >
            {options}
        </select>
    }
    .into_any();
    frame(&spec, control, messages)
}

/// A yes/no setting.
pub fn check_field(
    spec: FieldSpec,
    get: impl Fn(&Scenario) -> Option<bool> + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, bool) + Send + Sync + 'static,
) -> impl IntoView {
    let messages = spec.messages();
    let value = spec.read::<bool>(Arc::new(get));
    let set = Arc::new(set);
    let wb = spec.wb;
    let side = spec.side;
    let id = spec.id();
    let hint = spec
        .hint
        .map(|h| view! { <p class="field-hint" id=format!("{id}-hint")>{h}</p> });
    view! {
        <div class="field field-check" class:field-invalid=move || messages.with(|m| !m.is_empty())>
            <input
                id=id.clone()
                type="checkbox"
                checked=value.get_untracked().unwrap_or(false)
                prop:checked=move || value.get().unwrap_or(false)
                aria-describedby=described_by(&spec)
                on:change=move |e| {
                    let on = event_target_checked(&e);
                    let set = set.clone();
                    wb.edit_side(side, move |s| set(s, on));
                }
            />
            <label for=id.clone()>{spec.label}</label>
            {hint}
            <p class="field-error" id=format!("{id}-error") hidden=move || messages.with(Vec::is_empty)>
                {move || messages.get().join("; ")}
            </p>
        </div>
    }
}

/// A line of text (names). `check` may refuse a text before it reaches
/// the draft (say, a name another service has), with a message.
pub fn text_field(
    spec: FieldSpec,
    get: impl Fn(&Scenario) -> Option<String> + Send + Sync + 'static,
    check: impl Fn(&Scenario, &str) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, String) + Send + Sync + 'static,
) -> impl IntoView {
    let messages = spec.messages();
    spec.clear_on_cleanup();
    let value = spec.read::<String>(Arc::new(get));
    let set = Arc::new(set);
    let draft = spec.wb.drafts[spec.side];
    let writer = spec.clone();
    let control = view! {
        <input
            id=spec.id()
            type="text"
            autocomplete="off"
            spellcheck="false"
            value=value.get_untracked().unwrap_or_default()
            prop:value=move || value.get().unwrap_or_default()
            aria-invalid=move || if messages.with(Vec::is_empty) { "false" } else { "true" }
            aria-describedby=described_by(&spec)
            on:change=move |e| {
                let text = event_target_value(&e);
                let refused = draft.with_untracked(|d| d.as_ref().and_then(|s| check(s, &text)));
                writer.set_parse_error(refused.clone());
                if refused.is_none() {
                    let set = set.clone();
                    writer.wb.edit_side(writer.side, move |s| set(s, text));
                }
            }
        />
    }
    .into_any();
    frame(&spec, control, messages)
}

/// Messages for a path that has no field of its own (a whole section, such
/// as "an async call cannot have a breaker").
pub fn section_messages(wb: Workbench, side: Side, path: String) -> impl IntoView {
    let problems = wb.problems[side];
    let messages = Memo::new(move |_| {
        problems.with(|p| {
            p.iter()
                .filter(|e| e.path == path)
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        })
    });
    move || {
        let m = messages.get();
        (!m.is_empty()).then(|| view! { <p class="field-error section-error">{m.join("; ")}</p> })
    }
}
