//! The banner over a shared assessment: it is read-only, and can be saved
//! as a copy among the user's own assessments or closed.

use leptos::prelude::*;

use super::browser::clear_fragment;
use super::session::{use_session, Feedback};

/// The shared-assessment banner.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let session = use_session();
    let name = move || {
        session
            .shared
            .with(|shared| shared.as_ref().map(|a| a.name.clone()).unwrap_or_default())
    };
    let save_copy = move |_| {
        let Some(shared) = session.shared.get_untracked() else {
            return;
        };
        session.shared.set(None);
        clear_fragment();
        if let Some(saved_as) = session.restructure(|store| store.adopt(&shared)) {
            session.feedback.set(Some(Feedback::info(format!(
                "Saved a copy as “{saved_as}”. It is yours to change; the link still shows the original."
            ))));
        }
    };
    let close = move |_| {
        clear_fragment();
        session.close_shared();
    };
    view! {
        <section class="shared-banner no-print" aria-labelledby="shared-heading">
            <h2 id="shared-heading" class="shared-heading">
                "Shared assessment: " <span class="shared-name">{name}</span>
            </h2>
            <p>
                "You are looking at answers someone shared in a link. They are read-only and have not been saved in this browser."
            </p>
            <div class="button-row">
                <button type="button" class="button button-primary" on:click=save_copy>"Save a copy"</button>
                <button type="button" class="button" on:click=close>"Close and show my assessments"</button>
            </div>
        </section>
    }
}
