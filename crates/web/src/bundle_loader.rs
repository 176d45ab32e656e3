//! Loading one island's bundle from another's (the reading island loads the
//! simulator bundle for an article's figures): a thin binding over the
//! loader `assets/boot.js` provides, which imports a bundle's JS module and
//! starts its wasm once per page.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `assets/boot.js` defines it before any island starts; `catch` turns
    /// its absence (a page without that script) into an error.
    #[wasm_bindgen(js_name = __faultlineLoadBundle, catch)]
    fn load_bundle_promise(name: &str) -> Result<Promise, JsValue>;
}

/// The bundles one island loads from another (scripts/build-bundles.mjs
/// builds them all; `assets/boot.js` loads a page's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The simulator page and the figures embedded in articles.
    Simulator,
}

impl Bundle {
    /// The name in the build's `<meta name="faultline-bundle-NAME">` tag.
    pub fn name(self) -> &'static str {
        match self {
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
    let promise = load_bundle_promise(bundle.name()).map_err(|error| describe(&error))?;
    let module = JsFuture::from(promise)
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
