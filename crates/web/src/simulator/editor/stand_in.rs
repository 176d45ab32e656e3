//! The editor's prerendered forms, kept as a stand-in while the live forms'
//! code loads, and what the reader entered into them meanwhile.
//!
//! The build draws the default preset's "Run and load" form into the page,
//! and the island opens with exactly that scenario and part, so until the
//! reader changes something the prerendered controls are the right ones to
//! show. They are the page's own nodes, moved out of the way before the
//! island replaces the page and put back in the island's editor body:
//! whatever the reader typed, ticked or focused stays in them. A link to
//! another preset gets that preset's forms, which the build draws too
//! (`data/editor-forms/ID.html`). When the live forms arrive, [`Entered`]
//! carries over what was entered, as if entered again (the same ids: one
//! component renders both).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The id of the editor's body, in the prerendered page and in the island.
pub const BODY_ID: &str = "sim-editor-body";

/// The prerendered forms of one preset, in an element of their own, out of
/// the page until the editor body puts them in.
#[derive(Clone)]
pub struct StandIn {
    holder: SendWrapper<Element>,
    /// The preset they were drawn for (opened, unedited, its "Run and
    /// load" part in view).
    pub preset: String,
}

impl StandIn {
    fn new(preset: &str) -> Option<StandIn> {
        let holder = document().create_element("div").ok()?;
        holder.set_class_name("editor-stand-in");
        Some(StandIn {
            holder: SendWrapper::new(holder),
            preset: preset.to_string(),
        })
    }

    /// Takes the editor body's prerendered content (preset `preset`'s
    /// forms) out of `host`, the simulator island's place, before the
    /// island empties it.
    pub fn take(host: &Element, preset: &str) -> Option<StandIn> {
        let body = host.query_selector(&format!("#{BODY_ID}")).ok()??;
        let stand_in = StandIn::new(preset)?;
        while let Some(child) = body.first_child() {
            stand_in.holder.append_child(&child).ok()?;
        }
        Some(stand_in)
    }

    /// Preset `preset`'s forms as the build drew them; None if there is no
    /// such preset or they cannot be loaded (the live forms are then
    /// fetched at once).
    pub async fn fetch(preset: &str) -> Option<StandIn> {
        // The index is kept for the visit, and the page needs it anyway; a
        // link to a preset that does not exist asks for no forms file.
        let presets = crate::simulator::presets::index().await.ok()?;
        if !presets.iter().any(|p| p.id == preset) {
            return None;
        }
        let path = faultline_site_data::editor_forms_path(preset);
        // The page opens the preset next; fetching it alongside (it is kept
        // for the visit) means the forms cost the link no extra round trip.
        // Its errors are the page's to report when it opens it.
        let (html, _) = futures::join!(
            crate::data::fetch_data_text(&path),
            crate::simulator::presets::scenario(preset)
        );
        let html = html.ok()?;
        let stand_in = StandIn::new(preset)?;
        // The build's own markup for this preset (no scripts: the
        // Content-Security-Policy would not run them anyway).
        stand_in.holder.set_inner_html(&html);
        Some(stand_in)
    }

    /// The element that holds the prerendered forms.
    pub fn element(&self) -> &Element {
        &self.holder
    }

    /// What the reader entered into the stand-in: the controls whose value
    /// differs from what the build drew, the focused control and the
    /// button last pressed.
    pub fn entered(&self) -> Entered {
        let mut entered = Entered::default();
        for control in elements(&self.holder, "input, select, textarea") {
            if let Some(value) = changed_value(&control) {
                if !control.id().is_empty() {
                    entered.values.push((control.id(), value));
                }
            }
        }
        entered.focus = document()
            .active_element()
            .filter(|active| self.holder.contains(Some(active)) && !active.id().is_empty())
            .map(|active| {
                let caret = active.dyn_ref::<HtmlInputElement>().and_then(|input| {
                    Some((input.selection_start().ok()??, input.selection_end().ok()??))
                });
                (active.id(), caret)
            });
        entered.pressed = self
            .holder
            .get_attribute(PRESSED)
            .and_then(|n| n.parse().ok());
        entered
    }

    /// Remembers a press on one of the stand-in's buttons (which do
    /// nothing until the live forms are there), by its place among them.
    pub fn note_press(&self, target: Option<web_sys::EventTarget>) {
        let Some(button) = target
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("button").ok().flatten())
        else {
            return;
        };
        if let Some(index) = elements(&self.holder, "button")
            .iter()
            .position(|b| *b == button)
        {
            let _ = self.holder.set_attribute(PRESSED, &index.to_string());
        }
    }
}

/// The stand-in's attribute that remembers the pressed button.
const PRESSED: &str = "data-pressed";

/// A control's entered value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Checked(bool),
}

/// What the reader entered into the stand-in, by control id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entered {
    pub values: Vec<(String, Value)>,
    /// The focused control, and its caret (start, end) if it has one.
    pub focus: Option<(String, Option<(u32, u32)>)>,
    /// The pressed button's place among the form's buttons.
    pub pressed: Option<usize>,
}

impl Entered {
    /// True when the reader entered nothing and pressed nothing.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.pressed.is_none()
    }

    /// Gives the live forms inside `root` what was entered: boxes and
    /// choices first (they can change which fields the form shows), then,
    /// a frame later, the typed text, the focus and the press. Each value
    /// arrives as `input` and `change` events, which the forms' own
    /// handlers save. `done` runs after the last step.
    pub fn replay(self, root: Element, done: impl FnOnce() + 'static) {
        request_animation_frame(move || {
            for (id, value) in &self.values {
                if let Value::Checked(checked) = value {
                    if let Some(input) = control::<HtmlInputElement>(&root, id) {
                        input.set_checked(*checked);
                        announce(&input);
                    }
                } else if let (Value::Text(text), Some(select)) =
                    (value, control::<HtmlSelectElement>(&root, id))
                {
                    select.set_value(text);
                    announce(&select);
                }
            }
            request_animation_frame(move || {
                for (id, value) in &self.values {
                    let Value::Text(text) = value else { continue };
                    if let Some(input) = control::<HtmlInputElement>(&root, id) {
                        input.set_value(text);
                        announce(&input);
                    } else if let Some(area) = control::<HtmlTextAreaElement>(&root, id) {
                        area.set_value(text);
                        announce(&area);
                    }
                }
                if let Some(button) = self
                    .pressed
                    .and_then(|n| elements(&root, "button").into_iter().nth(n))
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    button.click();
                }
                if let Some((id, caret)) = &self.focus {
                    if let Some(element) = control::<HtmlElement>(&root, id) {
                        let _ = element.focus();
                        if let (Some((start, end)), Some(input)) =
                            (caret, element.dyn_ref::<HtmlInputElement>())
                        {
                            // Not every input type has a caret (a number field has none).
                            let _ = input.set_selection_range(*start, *end);
                        }
                    }
                }
                done();
            });
        });
    }
}

/// The value the reader gave `control`, if it is not the one it came with.
fn changed_value(control: &Element) -> Option<Value> {
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        let kind = input.type_();
        if kind == "checkbox" || kind == "radio" {
            return (input.checked() != input.default_checked())
                .then(|| Value::Checked(input.checked()));
        }
        if kind == "file" || input.read_only() {
            return None;
        }
        return (input.value() != input.default_value()).then(|| Value::Text(input.value()));
    }
    if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
        let options = select.options();
        let option = |i: u32| {
            options
                .item(i)
                .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
        };
        let initial = (0..options.length())
            .filter_map(option)
            .find(|o| o.default_selected())
            .or_else(|| option(0))
            .map(|o| o.value());
        return (Some(select.value()) != initial).then(|| Value::Text(select.value()));
    }
    let area = control.dyn_ref::<HtmlTextAreaElement>()?;
    let initial = area.default_value().unwrap_or_default();
    (area.value() != initial).then(|| Value::Text(area.value()))
}

/// The elements inside `root` that match `selector`, in document order.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// The control with `id` inside `root`, as a `T`, unless it is disabled.
fn control<T: JsCast>(root: &Element, id: &str) -> Option<T> {
    let element = document().get_element_by_id(id)?;
    if !root.contains(Some(&element)) || element.has_attribute("disabled") {
        return None;
    }
    element.dyn_into::<T>().ok()
}

/// Fires `input` and `change` on `target`, as typing and committing would.
fn announce(target: &web_sys::EventTarget) {
    for kind in ["input", "change"] {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
            let _ = target.dispatch_event(&event);
        }
    }
}
