//! Style values set from code (a bar's height, a progress bar's width).
//!
//! In the browser Leptos sets them through the element's style object,
//! which the Content-Security-Policy (`style-src 'self'`) allows. Rendered
//! at build time they would become `style="…"` attributes, which it
//! forbids, so the build leaves them out: an element that needs one is
//! either hidden until its island has mounted or falls back to its
//! stylesheet size.

/// `value` in the browser; nothing in prerendered markup.
pub fn runtime_style(value: String) -> Option<String> {
    (!cfg!(feature = "ssr")).then_some(value)
}
