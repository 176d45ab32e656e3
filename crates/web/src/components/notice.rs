//! A short boxed message: a status note, or an error that says what went wrong.

use leptos::prelude::*;

/// What a notice is about; it sets the colour and the ARIA role.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Tone {
    /// Neutral information ("coming soon", "nothing saved yet").
    #[default]
    Info,
    /// Something failed; announced to screen readers at once.
    Error,
}

/// A boxed message.
#[component]
pub fn Notice(
    /// Info (default) or Error.
    #[prop(optional)]
    tone: Tone,
    children: Children,
) -> impl IntoView {
    let (class, role) = match tone {
        Tone::Info => ("notice", "status"),
        Tone::Error => ("notice notice-error", "alert"),
    };
    view! { <div class=class role=role>{children()}</div> }
}
