//! The page address (path, query, fragment) as a signal, for the page
//! bundles.
//!
//! Bundles are separate wasm modules (see [`super::page_bundle`]): they run
//! outside the shell's router, so they cannot use its hooks. After each
//! router navigation the shell publishes the router's address in a global
//! (`window.__faultlineAddress`) and announces it with a window event; a
//! bundle reads the global, and follows the event and the browser's
//! `hashchange`. The router's own address, not `window.location`: the router
//! updates the browser's address only after it has rendered the new route,
//! by when a bundle may already have read a stale one.

use js_sys::{Object, Reflect};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsValue;

/// The window event the shell dispatches after each router navigation.
const ADDRESS_CHANGED: &str = "faultline:address";

/// The global that holds the router's address (`{pathname, search, hash}`).
const ADDRESS_GLOBAL: &str = "__faultlineAddress";

const FIELDS: [&str; 3] = ["pathname", "search", "hash"];

/// Where the page is now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// `/articles/timeouts` (with the deployment base, if any).
    pub pathname: String,
    /// `?item=obs-tracing`, or empty.
    pub search: String,
    /// `#retry-budgets`, or empty.
    pub hash: String,
}

impl Address {
    /// The router's address, as the shell last published it; the browser's
    /// if there is none yet.
    pub fn current() -> Self {
        Self::published().unwrap_or_else(Self::from_window)
    }

    fn published() -> Option<Self> {
        let global = Reflect::get(&js_sys::global(), &JsValue::from_str(ADDRESS_GLOBAL)).ok()?;
        if !global.is_object() {
            return None;
        }
        let [pathname, search, hash] = FIELDS.map(|field| {
            Reflect::get(&global, &JsValue::from_str(field))
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default()
        });
        Some(Self {
            pathname,
            search,
            hash,
        })
    }

    fn publish(&self) {
        let object = Object::new();
        for (field, value) in FIELDS
            .iter()
            .zip([&self.pathname, &self.search, &self.hash])
        {
            let _ = Reflect::set(
                &object,
                &JsValue::from_str(field),
                &JsValue::from_str(value),
            );
        }
        let _ = Reflect::set(
            &js_sys::global(),
            &JsValue::from_str(ADDRESS_GLOBAL),
            &object,
        );
    }

    /// Reads `window.location`.
    fn from_window() -> Self {
        let Some(location) = web_sys::window().map(|window| window.location()) else {
            return Self::default();
        };
        Self {
            pathname: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }

    /// The decoded value of query parameter `key`, if present.
    pub fn query(&self, key: &str) -> Option<String> {
        let params = web_sys::UrlSearchParams::new_with_str(&self.search).ok()?;
        params.get(key)
    }
}

/// Shell side: announces each navigation of the router to the bundles.
pub fn announce_navigations() {
    let location = use_location();
    Effect::new(move |_| {
        let search = location.search.get();
        let hash = location.hash.get();
        Address {
            pathname: location.pathname.get(),
            search: if search.is_empty() || search.starts_with('?') {
                search
            } else {
                format!("?{search}")
            },
            hash: if hash.is_empty() || hash.starts_with('#') {
                hash
            } else {
                format!("#{hash}")
            },
        }
        .publish();
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new(ADDRESS_CHANGED) {
                let _ = window.dispatch_event(&event);
            }
        }
    });
}

/// Bundle side: the address, kept current for as long as the calling
/// component lives.
pub fn use_address() -> ReadSignal<Address> {
    // Prerendering: no window, no navigation; effects that read the
    // address do not run there either.
    if cfg!(feature = "ssr") {
        return signal(Address::default()).0;
    }
    let (address, set_address) = signal(Address::current());
    let update = move |now: Address| {
        if address.with_untracked(|shown| *shown != now) {
            set_address.set(now);
        }
    };
    let navigated = window_event_listener_untyped(ADDRESS_CHANGED, move |_| {
        update(Address::current());
    });
    // A fragment link the browser followed itself (the router leaves some).
    let fragment = window_event_listener_untyped("hashchange", move |_| {
        update(Address::from_window());
    });
    on_cleanup(move || {
        navigated.remove();
        fragment.remove();
    });
    address
}
