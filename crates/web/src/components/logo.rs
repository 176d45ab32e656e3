//! The Faultline mark: a crack running through a block.

use leptos::prelude::*;

/// The logo as inline SVG (decorative: the link around it carries the name).
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect x="2" y="2" width="28" height="28" rx="7" class="logo-block"/>
            <path d="M13 2 L17 11 L12 17 L19 23 L16 30" class="logo-crack"/>
        </svg>
    }
}
