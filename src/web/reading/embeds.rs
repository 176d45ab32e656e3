//! The live simulator figures inside an article.
//!
//! The content build writes each figure as a placeholder (`<figure
//! class="sim-embed" data-preset="ID">` with a plain link to the simulator and
//! a caption); the simulator's embed module turns each into a compact running
//! simulator. Readers without WebAssembly keep the link.

use crate::web::simulator::embed::{mount_embeds, MountedEmbeds};
use leptos::html::Div;
use leptos::prelude::*;

/// Mounts the figures of `body` once it is in the page; they are removed
/// (their runs stopped) when the article goes, as the stored handle is
/// dropped with the component.
pub fn mount_simulator_figures(body: NodeRef<Div>) {
    let mounted = StoredValue::new_local(None::<MountedEmbeds>);
    Effect::new(move |_| {
        if let Some(body) = body.get() {
            mounted.set_value(Some(mount_embeds(&body)));
        }
    });
}
