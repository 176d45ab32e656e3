//! The live simulator figures inside an article.
//!
//! The content build writes each figure as a placeholder (`<figure
//! class="sim-embed" data-preset="ID">` with a plain link to the simulator and
//! a caption), and the build puts the embed's run into it (charts as SVG, the
//! figures line). The simulator lives in its own bundle: when the reader comes
//! near a figure, that bundle is loaded and replaces each prerendered run with
//! a live embed showing the same, which can replay it. Readers without
//! WebAssembly, or when the bundle cannot load, keep the prerendered run.

use super::near_viewport::{when_near, NearViewport};
use crate::bundle_loader::{load, Bundle, Unmount};
use leptos::html::Div;
use leptos::prelude::*;

/// Mounts the figures of `body` once the reader comes near one; they are
/// removed (their runs stopped) when the article goes, as the stored
/// handles are dropped with the component.
pub fn mount_simulator_figures(body: NodeRef<Div>) {
    let mounted = StoredValue::new_local(None::<Unmount>);
    let watcher = StoredValue::new_local(None::<NearViewport>);
    Effect::new(move |_| {
        let Some(body) = body.get() else { return };
        let found = body.get_elements_by_class_name("sim-embed");
        let figures: Vec<web_sys::Element> =
            (0..found.length()).filter_map(|i| found.item(i)).collect();
        if figures.is_empty() {
            return;
        }
        let start = move || {
            // Called from the IntersectionObserver, outside any owner, so a
            // scoped task could not be cancelled anyway: everything after the
            // await below is written to survive the article going (try_*).
            #[allow(clippy::disallowed_methods)]
            leptos::task::spawn_local(async move {
                let outcome = match load(Bundle::Simulator).await {
                    Ok(simulator) => simulator
                        .call("mount_embeds", &[&body.into()])
                        .and_then(Unmount::from_js),
                    Err(error) => Err(error),
                };
                match outcome {
                    // Gone meanwhile: the returned value is dropped, unmounting.
                    Ok(unmount) => {
                        let _ = mounted.try_set_value(Some(unmount));
                    }
                    Err(error) => leptos::logging::warn!(
                        "The live figures could not start ({error}); their links to the simulator remain."
                    ),
                }
            });
        };
        watcher.set_value(when_near(&figures, start));
    });
}
