//! Going to the element a URL fragment names (`#retry-budgets`, `#fn-3`).
//!
//! The browser scrolls to a fragment when the page loads and when an in-page
//! link is followed; the reading island replaces the article's markup after
//! that (once its data is fetched), so the article calls [`go_to_fragment`]
//! once its own body is in place.
//! Focus follows the scroll, so that keyboard and screen-reader users carry
//! on reading from the section they jumped to, as after a native jump.

use wasm_bindgen::JsCast;

/// Marks the element last jumped to (CSS highlights it briefly). `:target`
/// cannot be used: it does not follow `history.pushState`.
const TARGET_CLASS: &str = "is-target";

/// Scrolls to and focuses the element with the fragment's id. Returns false
/// if there is no such element.
pub fn go_to_fragment(fragment: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return false;
    };
    let id = decode_fragment(fragment);
    if id.is_empty() {
        return false;
    }
    let Some(target) = document.get_element_by_id(&id) else {
        return false;
    };
    while let Ok(Some(previous)) = document.query_selector(&format!(".{TARGET_CLASS}")) {
        if previous.class_list().remove_1(TARGET_CLASS).is_err() {
            break;
        }
    }
    // scroll-margin-top in the stylesheet keeps the heading clear of the edge.
    target.scroll_into_view();
    let _ = target.class_list().add_1(TARGET_CLASS);
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        // Headings are not focusable by default; -1 makes them focusable
        // without adding them to the tab order.
        if target.get_attribute("tabindex").is_none() {
            let _ = target.set_attribute("tabindex", "-1");
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
    true
}

/// `#fn-3` → `fn-3`, with percent-escapes decoded (ids are ASCII, but a
/// hand-typed link may escape them anyway).
fn decode_fragment(fragment: &str) -> String {
    let raw = fragment.trim_start_matches('#');
    js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or_else(|| raw.to_string())
}
