//! Fetching site data at runtime.
//!
//! The native content build writes JSON into `generated/data/`, the site build
//! copies it to `dist/data/`, and islands load what they need when they need
//! it. Paths are relative to the data folder:
//! `fetch_json::<Vec<ArticleSummary>>("articles/index.json")` loads
//! `<base>data/articles/index.json`.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The URL of a file in the site data folder, honouring the base path.
pub fn data_url(path: &str) -> String {
    super::base::href(&format!("data/{}", path.trim_start_matches('/')))
}

/// Loads and parses one JSON file from the site data folder. Every error names
/// the file and says what went wrong (network, HTTP status, or invalid JSON).
pub async fn fetch_json<T: DeserializeOwned>(path: &str) -> Result<T, String> {
    let url = data_url(path);
    let text = fetch_text(&url).await?;
    serde_json::from_str(&text).map_err(|error| format!("{url} is not valid site data: {error}"))
}

/// Loads one file from the site data folder as text (errors as [`fetch_json`]).
pub async fn fetch_data_text(path: &str) -> Result<String, String> {
    fetch_text(&data_url(path)).await
}

/// Loads a URL as text; errors name the URL.
async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or_else(|| format!("cannot load {url}: no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|error| format!("cannot load {url}: {}", js_error_text(&error)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("cannot load {url}: the browser returned no response"))?;
    if !response.ok() {
        return Err(format!(
            "cannot load {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response
        .text()
        .map_err(|error| format!("cannot read {url}: {}", js_error_text(&error)))?;
    JsFuture::from(body)
        .await
        .map_err(|error| format!("cannot read {url}: {}", js_error_text(&error)))?
        .as_string()
        .ok_or_else(|| format!("cannot read {url}: the body is not text"))
}

/// The message of a JavaScript error value, for error text shown to people.
fn js_error_text(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown network error".to_string())
}
