//! The frame around every page: skip link, header with navigation, the main
//! region and the footer.
//!
//! The frame itself knows nothing of the router, so the prerenderer renders
//! it as it is (with the page's path); [`RoutedLayout`] is the browser's
//! version, which follows the router and moves focus after a navigation.

use super::base::href;
use super::components::Logo;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// The id of the `<main>` element (the skip link's and focus target).
const MAIN_ID: &str = "main";

/// The site's sections, in navigation order: (route, label).
const SECTIONS: [(&str, &str); 3] = [
    ("/articles", "Guide"),
    ("/checklist", "Checklist"),
    ("/simulator", "Simulator"),
];

/// The layout inside the router: the frame, marking the section of the
/// current address, plus what follows each navigation (focus, and telling
/// the page bundles the new address).
#[component]
pub fn RoutedLayout(children: Children) -> impl IntoView {
    focus_main_after_navigation();
    crate::address::announce_navigations();
    let location = use_location();
    let path = Signal::derive(move || location.pathname.get());
    view! { <Layout path>{children()}</Layout> }
}

/// Whether the section at `route` holds the page at `path` (a full URL path,
/// base included): `/articles` holds `/articles/timeouts`.
fn in_section(path: &str, route: &str) -> bool {
    let section = href(route);
    let path = path.trim_end_matches('/');
    path == section || path.starts_with(&format!("{section}/"))
}

/// The shared layout: skip link, header, `<main>` around `children`, footer.
#[component]
pub fn Layout(
    /// The page's URL path (base included), to mark its section in the navigation.
    #[prop(into)]
    path: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        // With `<base href>`, a bare `#main` would point at the site's root:
        // the link names the page itself, so it also works without scripts.
        <a class="skip-link" href=move || format!("{}#{MAIN_ID}", path.get()) on:click=skip_to_main>
            "Skip to content"
        </a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href=href("/")>
                    <Logo/>
                    <span>"Faultline"</span>
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        {SECTIONS
                            .map(|(route, label)| {
                                let current = move || path.with(|path| in_section(path, route)).then_some("page");
                                view! { <li><a href=href(route) aria-current=current>{label}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
        <main id=MAIN_ID tabindex="-1" class="wrap">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap footer-inner">
                <p>
                    "Faultline runs entirely in your browser: no accounts, no tracking, "
                    "and nothing you enter leaves this device."
                </p>
                <nav aria-label="Footer">
                    <ul>
                        <li><a href=href("/")>"Home"</a></li>
                        {SECTIONS
                            .map(|(route, label)| view! { <li><a href=href(route)>{label}</a></li> })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// The skip link moves focus to `<main>` itself: with a `<base href>` in the
/// page, a bare `#main` would resolve against the base and navigate away.
fn skip_to_main(event: web_sys::MouseEvent) {
    event.prevent_default();
    focus_main();
}

/// After a client-side navigation, focus moves to `<main>` so keyboard and
/// screen-reader users start at the new content, as after a page load. The
/// first load is left alone (the browser starts at the top).
fn focus_main_after_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            focus_main();
        }
        path
    });
}

fn focus_main() {
    let main = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(MAIN_ID))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        // The router already scrolls to the top; focusing must not scroll again.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}
