//! The router and the route table.
//!
//! To add a route: add a page module under `pages/`, a `<Route>` here, its
//! title and description in `routes.json`, and (for static hosting) nothing
//! else: `scripts/postbuild.mjs` writes a folder for every path in
//! `routes.json`.

use super::base::router_base;
use super::layout::RoutedLayout;
use super::pages::{Article, Articles, Checklist, Home, NotFound, Simulator};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app: a router (based at the deployment base path) around the
/// shared layout.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router base=router_base()>
            <RoutedLayout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/articles") view=Articles/>
                    <Route path=path!("/articles/:slug") view=Article/>
                    <Route path=path!("/checklist") view=Checklist/>
                    <Route path=path!("/simulator") view=Simulator/>
                </Routes>
            </RoutedLayout>
        </Router>
    }
}
