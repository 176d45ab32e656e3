//! The not-found page, for any path no route matches.

use crate::base::{base_path, href};
use crate::components::RoutePageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The not-found page: says which address failed and offers the ways in.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    // Show the path as the visitor typed it, relative to the site.
    let path = move || {
        let full = location.pathname.get();
        let base = base_path();
        match full.strip_prefix(base.trim_end_matches('/')) {
            Some(rest) if !rest.is_empty() => rest.to_string(),
            _ => full,
        }
    };
    view! { <NotFoundView path=Some(Signal::derive(path))/> }
}

/// The not-found page's content. `path` is the address that failed, when it
/// is known (in the browser); the prerendered `404.html` serves every unknown
/// address, so it names none.
#[component]
pub fn NotFoundView(path: Option<Signal<String>>) -> impl IntoView {
    let where_ = match path {
        Some(path) => {
            view! { "There is no page at " <code class="path">{path}</code> "." }.into_any()
        }
        None => view! { "There is no page at this address." }.into_any(),
    };
    view! {
        <RoutePageMeta route="404"/>
        <header class="page-intro">
            <h1>"Page not found"</h1>
            <p class="lead">
                {where_}
                " The link may be mistyped, or the page may have moved."
            </p>
        </header>
        <h2 class="section-title">"Try one of these"</h2>
        <ul class="link-list">
            <li><a href=href("/")>"The home page"</a></li>
            <li><a href=href("/articles")>"The guide"</a></li>
            <li><a href=href("/checklist")>"The readiness checklist"</a></li>
            <li><a href=href("/simulator")>"The failure simulator"</a></li>
        </ul>
    }
}
