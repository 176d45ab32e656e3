//! The frame around every page: skip link, header with navigation, the main
//! region and the footer. Static HTML from the build (every link is a plain
//! link to another prerendered page); islands mount inside `<main>`.

use super::base::href;
use super::components::Logo;
use leptos::prelude::*;

/// The id of the `<main>` element (the skip link's and focus target).
const MAIN_ID: &str = "main";

/// The site's sections, in navigation order: (route, label).
const SECTIONS: [(&str, &str); 3] = [
    ("/articles", "Guide"),
    ("/checklist", "Checklist"),
    ("/simulator", "Simulator"),
];

/// Whether the section at `route` holds the page at `path` (a full URL path,
/// base included): `/articles` holds `/articles/timeouts`.
fn in_section(path: &str, route: &str) -> bool {
    let section = href(route);
    let section = section.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    path == section || path.starts_with(&format!("{section}/"))
}

/// The shared layout: skip link, header, `<main>` around `children`, footer.
#[component]
pub fn Layout(
    /// The page's URL path (base included), to mark its section in the navigation.
    path: String,
    children: Children,
) -> impl IntoView {
    view! {
        // With `<base href>`, a bare `#main` would point at the site's root:
        // the link names the page itself, so the browser scrolls to `<main>`
        // and focuses it (it has a tabindex).
        <a class="skip-link" href=format!("{path}#{MAIN_ID}")>
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
                                let current = in_section(&path, route).then_some("page");
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
