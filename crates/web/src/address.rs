//! The page address (path, query, fragment) as a signal, for the islands.
//!
//! Every page is its own document, so the path and query only change when
//! an island rewrites them itself (`history.replaceState`); what changes
//! under an island is the fragment, when the reader follows an in-page link
//! (a footnote, a heading, the contents) or goes back and forward through
//! such links.

use leptos::prelude::*;

/// Where the page is now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// `/articles/timeouts/` (with the deployment base, if any).
    pub pathname: String,
    /// `?item=obs-tracing`, or empty.
    pub search: String,
    /// `#retry-budgets`, or empty.
    pub hash: String,
}

impl Address {
    /// The browser's address (`window.location`).
    pub fn current() -> Self {
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

/// The address, kept current for as long as the calling component lives.
pub fn use_address() -> ReadSignal<Address> {
    // Prerendering: no window, no navigation; effects that read the
    // address do not run there either.
    if cfg!(feature = "ssr") {
        return signal(Address::default()).0;
    }
    let (address, set_address) = signal(Address::current());
    let update = move || {
        let now = Address::current();
        if address.with_untracked(|shown| *shown != now) {
            set_address.set(now);
        }
    };
    // An in-page link the browser followed, and back or forward between
    // such entries (both fire `popstate`; `hashchange` only when the
    // fragment differs).
    let fragment = window_event_listener_untyped("hashchange", move |_| update());
    let history = window_event_listener_untyped("popstate", move |_| update());
    on_cleanup(move || {
        fragment.remove();
        history.remove();
    });
    address
}
