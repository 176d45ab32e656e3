//! The few browser calls the checklist page makes besides storage and
//! downloads: the clock, the URL fragment, focus and scrolling, the clipboard.
//! Each one fails quietly (returns nothing) when the browser lacks the API,
//! because none of them is worth breaking the page for.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The current time as ISO 8601 (UTC), for an assessment's `updated` field.
/// The checklist core never reads a clock, so the page stamps edits.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// An ISO 8601 time shown in the reader's own locale ("21/11/2026, 14:03");
/// the text as given when the browser cannot read it.
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_string("default", &options))
}

/// The URL fragment with its `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// The full URL of this page with `fragment` (without `#`) in place of the
/// current one, and no query: what a share link points to.
pub fn page_url_with_fragment(fragment: &str) -> String {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return format!("#{fragment}");
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}#{fragment}")
}

/// This site's origin and base path (`https://host/faultline/`), for links
/// in files that leave the browser (a downloaded Markdown report).
pub fn site_root() -> String {
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", crate::base::base_path())
}

/// Removes the fragment from the address bar without a navigation, keeping
/// the path and query.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
}

/// Scrolls the element with this id into view (centred when it fits) and
/// moves focus to it, or to its first focusable descendant matching
/// `focus_selector`. Returns false when there is no such element.
pub fn reveal(id: &str, focus_selector: Option<&str>) -> bool {
    let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
    else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    let target = focus_selector
        .and_then(|selector| element.query_selector(selector).ok().flatten())
        .unwrap_or(element);
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = target.focus_with_options(&focus);
    }
    true
}

/// Moves focus to the element with this id (after the next frame, so an
/// element that is being shown has been drawn).
pub fn focus_later(id: String) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id))
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// Copies text to the clipboard; the error says why it could not.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| {
        "the browser did not allow copying; select the link and copy it by hand".to_string()
    })
}

/// Opens the browser's print dialog (the print stylesheet shapes the report).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
