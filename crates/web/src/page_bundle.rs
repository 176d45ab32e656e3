//! The shell's placeholder for a page part that lives in a bundle.
//!
//! The reading pages, the checklist and the simulator are compiled into
//! separate wasm modules (`src/bundles/`), so that the first load carries
//! only the shell. A route renders `<PageBundle>`: it shows a loading line,
//! loads the bundle, asks it to mount its view into an empty element, and
//! unmounts that view when the route goes.

use super::bundle_loader::{load, Bundle, Unmount};
use super::components::{Notice, Tone};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Shown,
    Failed(String),
}

/// Mounts `view` of `bundle` here (`view` is the bundle's own route name,
/// such as `"index"` or `"article:timeouts"`).
#[component]
pub fn PageBundle(
    bundle: Bundle,
    #[prop(into)] view: String,
    /// What is loading, for the loading line ("the checklist").
    what: &'static str,
) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let status = RwSignal::new(Status::Loading);
    // Dropping the stored handle unmounts the bundle's view: that happens
    // when this component is disposed (the route changes).
    let mounted = StoredValue::new_local(None::<Unmount>);

    Effect::new(move |_| {
        let Some(element) = host.get() else { return };
        let view = view.clone();
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let outcome = match load(bundle).await {
                Ok(loaded) => loaded
                    .call("mount", &[&element.into(), &JsValue::from_str(&view)])
                    .and_then(Unmount::from_js),
                Err(error) => Err(error),
            };
            match outcome {
                // If the route went while the bundle loaded, the value comes
                // back and is dropped at once, which unmounts the view.
                Ok(unmount) => {
                    if mounted.try_set_value(Some(unmount)).is_none() {
                        status.set(Status::Shown);
                    }
                }
                Err(error) => {
                    let _ = status.try_set(Status::Failed(error));
                }
            }
        });
    });

    view! {
        {move || match status.get() {
            Status::Loading => Some(view! {
                <p class="loading" role="status">"Loading " {what} "…"</p>
            }.into_any()),
            Status::Shown => None,
            Status::Failed(error) => Some(view! {
                <Notice tone=Tone::Error>
                    <p>"This part of Faultline could not be loaded: " {error} "."</p>
                    <p>"Check the connection and reload the page to try again."</p>
                </Notice>
            }.into_any()),
        }}
        <div class="page-bundle" node_ref=host></div>
    }
}
