//! Loading a page bundle from Rust: a thin binding over
//! `crates/web/js/bundle-loader.js`, which imports the bundle's JS module and
//! starts its wasm once per page.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/bundle-loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadBundle)]
    fn load_bundle_promise(name: &str) -> Promise;
}

/// The page bundles the build produces (scripts/build-bundles.mjs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The article index, the article reader and search.
    Reading,
    /// The readiness checklist.
    Checklist,
    /// The simulator page and the figures embedded in articles.
    Simulator,
}

impl Bundle {
    /// The name in the build's `<meta name="faultline-bundle-NAME">` tag.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Reading => "reading",
            Bundle::Checklist => "checklist",
            Bundle::Simulator => "simulator",
        }
    }
}

/// A started bundle: its exported functions.
pub struct LoadedBundle(Object);

impl LoadedBundle {
    /// Calls the bundle's export `name` with `args`; returns what it returns.
    pub fn call(&self, name: &str, args: &[&JsValue]) -> Result<JsValue, String> {
        let export = Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.dyn_into::<Function>().ok())
            .ok_or_else(|| format!("the bundle has no function {name}"))?;
        let arguments = args.iter().copied().collect::<js_sys::Array>();
        export
            .apply(&JsValue::NULL, &arguments)
            .map_err(|error| describe(&error))
    }
}

/// Fetches and starts `bundle` (once per page; later calls reuse it).
pub async fn load(bundle: Bundle) -> Result<LoadedBundle, String> {
    let module = JsFuture::from(load_bundle_promise(bundle.name()))
        .await
        .map_err(|error| describe(&error))?;
    // A module namespace has no prototype, so `instanceof Object` (what
    // `dyn_into` checks) is false for it: check that it is an object instead.
    if module.is_object() {
        Ok(LoadedBundle(module.unchecked_into()))
    } else {
        Err("the bundle did not load as a module".to_string())
    }
}

/// A JS error's message, or its string form.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Runs an unmount function a bundle returned, when dropped: the owner of
/// the drop (a component's stored value) decides how long the bundle's view
/// lives.
pub struct Unmount(Function);

impl Unmount {
    /// Wraps what a bundle's `mount` returned.
    pub fn from_js(value: JsValue) -> Result<Self, String> {
        value
            .dyn_into::<Function>()
            .map(Unmount)
            .map_err(|_| "the bundle's mount returned no unmount function".to_string())
    }
}

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::NULL);
    }
}
