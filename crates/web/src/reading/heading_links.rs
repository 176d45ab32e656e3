//! The `#` link beside each heading: a click goes to the section (the browser
//! follows it, like any in-page link) and also copies the section's address,
//! and a short status says whether the copy worked.

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long the status stays on screen.
const STATUS_MS: u32 = 2500;

/// The anchors the content build puts in headings.
const HEADING_ANCHOR_SELECTOR: &str = "a.anchor";

/// The text of the copy status; empty when nothing is to be shown. Provided
/// by the article body, shown by [`CopyStatus`].
#[derive(Clone, Copy)]
pub struct CopyStatusText(RwSignal<String>);

impl Default for CopyStatusText {
    fn default() -> CopyStatusText {
        CopyStatusText(RwSignal::new(String::new()))
    }
}

impl CopyStatusText {
    fn show(self, text: &str) {
        self.0.set(text.to_string());
        // Clear only the status this call set: a later copy keeps its own.
        let shown = text.to_string();
        // The reader may have left the article meanwhile: then the status
        // is gone and there is nothing to clear.
        gloo_timers::callback::Timeout::new(STATUS_MS, move || {
            if self.0.try_get_untracked().is_some_and(|now| now == shown) {
                self.0.set(String::new());
            }
        })
        .forget();
    }
}

/// If `event` is a click on a heading anchor, copies the anchor's absolute
/// address. The click itself is left alone, so the browser still goes to
/// the section and the address bar shows the link too.
pub fn copy_if_heading_anchor(event: &web_sys::MouseEvent, status: CopyStatusText) {
    let anchor = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(HEADING_ANCHOR_SELECTOR).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(anchor) = anchor else {
        return;
    };
    // Modified clicks open tabs or windows; copying would be a surprise.
    if event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let url = anchor.href();
    let Some(clipboard) = clipboard() else {
        status.show("Link to this section is in the address bar");
        return;
    };
    let pending = JsFuture::from(clipboard.write_text(&url));
    spawn_local_scoped_with_cancellation(async move {
        match pending.await {
            Ok(_) => status.show("Link copied"),
            Err(_) => status.show("Could not copy; the link is in the address bar"),
        }
    });
}

/// The async clipboard, which browsers only offer on secure origins (https
/// or localhost); `None` elsewhere.
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    Some(navigator.clipboard())
}

/// The live region that announces the copy; always in the page, so screen
/// readers pick up changes to it.
#[component]
pub fn CopyStatus(status: CopyStatusText) -> impl IntoView {
    let text = status.0;
    view! {
        <p class="copy-status" class:visible=move || !text.with(String::is_empty) role="status">
            {move || text.get()}
        </p>
    }
}
