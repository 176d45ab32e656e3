//! The reading bundle: the article index, the article reader and search, as
//! a wasm module of its own that assets/boot.js loads on /articles pages
//! (scripts/build-bundles.mjs builds it).

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts `view` (`index` or `article:SLUG`) into `host` once its data
    /// has loaded; the promise rejects, and the prerendered page stays, if
    /// it cannot load.
    #[wasm_bindgen]
    pub fn mount(host: web_sys::HtmlElement, view: String) -> js_sys::Promise {
        faultline_web::reading::mount(host, view)
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "This is a page bundle of the Faultline site: `make dist` builds it for the browser."
    );
}
