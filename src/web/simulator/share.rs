//! Reading and writing the simulator's address in the browser (its format
//! is `engine::sim_link`). The page keeps the address in step with what it shows (replacing the
//! history entry, so editing does not flood the back button), so copying
//! the address bar shares exactly the current run.

use crate::engine::sim_link::{address, parse, LinkRequest};
use crate::engine::Scenario;

/// The current address's query and fragment.
pub fn read_location() -> LinkRequest {
    let location = web_sys::window().map(|w| w.location());
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let hash = location
        .as_ref()
        .and_then(|l| l.hash().ok())
        .unwrap_or_default();
    parse(&search, &hash)
}

/// Replaces the address (no new history entry). Returns the full URL.
pub fn write_location(preset: Option<&str>, a: &Scenario, b: Option<&Scenario>) -> Option<String> {
    let window = web_sys::window()?;
    let path = window.location().pathname().ok()?;
    let url = address(&path, preset, a, b);
    let current = format!(
        "{}{}{}",
        path,
        window.location().search().unwrap_or_default(),
        window.location().hash().unwrap_or_default()
    );
    if current != url {
        let _ = window.history().ok()?.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&url),
        );
    }
    window.location().href().ok()
}
