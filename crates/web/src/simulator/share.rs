//! Reading and writing the simulator's address in the browser (its format
//! is `engine::sim_link`). The page keeps the address in step with what it shows (replacing the
//! history entry, so editing does not flood the back button), so copying
//! the address bar shares exactly the current run.

use faultline_engine::sim_link::{address, parse, LinkRequest};
use faultline_engine::Scenario;

use super::presets::DEFAULT_PRESET;

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
///
/// A bare `/simulator` showing the default preset, untouched and alone, is
/// left bare: the address means the same, and a visit does not turn the
/// link someone followed into another one. The returned URL (for the share
/// box) names the preset all the same.
pub fn write_location(
    preset: Option<&str>,
    a: &Scenario,
    b: Option<&Scenario>,
    sweep: Option<&str>,
) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let path = location.pathname().ok()?;
    let url = address(&path, preset, a, b, sweep);
    let query_and_fragment = format!(
        "{}{}",
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if query_and_fragment.is_empty()
        && preset == Some(DEFAULT_PRESET)
        && b.is_none()
        && sweep.is_none()
    {
        return Some(format!("{}{}", location.origin().ok()?, url));
    }
    if format!("{path}{query_and_fragment}") != url {
        let _ = window.history().ok()?.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&url),
        );
    }
    window.location().href().ok()
}
