//! Panics never go silent.
//!
//! A Rust panic in the browser would otherwise leave a page that looks alive
//! but no longer responds. The hook logs the panic to the console (with the
//! Rust message and location) and reveals the "Something broke" notice that
//! `index.html` ships hidden, so it exists even if the app never rendered.

use wasm_bindgen::prelude::wasm_bindgen;

/// The id of the hidden notice in `index.html`, and of its detail line.
const NOTICE_ID: &str = "crash";
const DETAIL_ID: &str = "crash-detail";

/// Installs the panic hook. Call it before anything else can panic.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice(&info.to_string());
    }));
}

/// Reveals the crash notice with a technical detail line.
pub fn show_crash_notice(detail: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(detail_element) = document.get_element_by_id(DETAIL_ID) {
        detail_element.set_text_content(Some(detail));
    }
    match document.get_element_by_id(NOTICE_ID) {
        Some(notice) => {
            let _ = notice.remove_attribute("hidden");
        }
        // index.html lost its notice: build a plain one rather than stay silent.
        None => {
            if let (Ok(notice), Some(body)) = (document.create_element("p"), document.body()) {
                notice.set_text_content(Some(&format!("Something broke: {detail}")));
                let _ = notice.set_attribute("role", "alert");
                let _ = body.prepend_with_node_1(&notice);
            }
        }
    }
}

/// A deliberate panic, so the crash path can be tested in a real browser and
/// seen by hand: run `wasmBindings.panic_drill()` in the developer console.
#[wasm_bindgen]
pub fn panic_drill() {
    panic!("panic drill: a deliberate panic to check the crash notice");
}
