//! The checklist bundle: the readiness checklist as a wasm module of its
//! own that assets/boot.js loads on /checklist (scripts/build-bundles.mjs builds
//! it).

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts the checklist into `host` (there is one view, `page`) once
    /// its data has loaded; the promise rejects, and the prerendered form
    /// stays, if it cannot load.
    #[wasm_bindgen]
    pub fn mount(host: web_sys::HtmlElement, _view: String) -> js_sys::Promise {
        faultline_web::checklist::mount(host)
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "This is a page bundle of the Faultline site: `make dist` builds it for the browser."
    );
}
