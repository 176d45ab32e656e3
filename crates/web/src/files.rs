//! Files in and out of the browser, for every page: offering text as a
//! download, and reading a file the reader picked. Nothing is uploaded
//! anywhere. Built on gloo-file (blobs, object URLs that are revoked when
//! dropped, file reading as a future) and gloo-timers.

use gloo_file::{Blob, File, ObjectUrl};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;

/// How long a download's object URL stays valid: some browsers read the URL
/// after the click that starts the download has returned.
const KEEP_URL_MS: u32 = 30_000;

/// Offers `text` as a file called `file_name`. The error says what the
/// browser refused.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = |what: &str| format!("the browser could not {what}");
    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| failed("start the download"))?;
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Dropping the URL revokes it: a while after the download has started.
    Timeout::new(KEEP_URL_MS, move || drop(url)).forget();
    Ok(())
}

/// The text of `file`, refused with a reason when it is larger than
/// `max_bytes` (`what` says what such a file should be, for that message)
/// or cannot be read.
pub async fn read_text(file: web_sys::File, max_bytes: f64, what: &str) -> Result<String, String> {
    let file = File::from(file);
    let name = file.name();
    let size = file.size() as f64;
    if size > max_bytes {
        return Err(format!(
            "{name} is {:.1} MB, far larger than {what}",
            size / 1_000_000.0
        ));
    }
    gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|error| format!("the browser could not read {name} ({error})"))
}
