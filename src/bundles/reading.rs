//! The reading bundle: the article index, the article reader and search, as
//! a wasm module of its own that the shell loads on /articles pages
//! (scripts/build-bundles.mjs builds it; `web::page_bundle` mounts it).

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts `view` (`index` or `article:SLUG`) into `host`; returns the
    /// function that unmounts it.
    #[wasm_bindgen]
    pub fn mount(host: web_sys::HtmlElement, view: String) -> JsValue {
        faultline_web::reading::mount(host, &view)
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "This is a page bundle of the Faultline site: `make dist` builds it for the browser."
    );
}
