//! Share links: the assessment packed into the URL fragment (`#share=…`,
//! encoded by `checklist::share_link`), which browsers never send to a
//! server. Opening one shows that assessment read-only; a link that cannot
//! be read says why and leaves the page working on the saved assessments.

use leptos::prelude::*;

use super::browser::{copy_text, fragment, page_url_with_fragment};
use super::session::{use_session, Session, Tab};
use faultline_checklist::share_link;

/// Reads a share link from the address now, and again whenever the fragment
/// changes (a link pasted into the address bar of the open page).
pub fn open_link_in_address(session: Session) {
    read_fragment(session);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| read_fragment(session));
    on_cleanup(move || handle.remove());
}

fn read_fragment(session: Session) {
    let fragment = fragment();
    let Some(token) = share_link::token_in_fragment(&fragment) else {
        return;
    };
    let decoded =
        session.with_checklist(|checklist| share_link::decode_with_changes(checklist, token));
    match decoded {
        Ok(decoded) => {
            session.link_error.set(None);
            session.changes.set(decoded.changes);
            session.shared.set(Some(decoded.assessment));
            session.generation.update(|generation| *generation += 1);
            session.tab.set(Tab::Results);
        }
        Err(error) => {
            session.link_error.set(Some(error.to_string()));
            if session.shared.get_untracked().is_some() {
                session.close_shared();
            }
        }
    }
}

/// The share link of the assessment on show, with a copy button.
#[component]
pub fn SharePanel() -> impl IntoView {
    let session = use_session();
    let link = Memo::new(move |_| {
        session.viewed.with(|assessment| {
            let token =
                session.with_checklist(|checklist| share_link::encode(checklist, assessment));
            page_url_with_fragment(&share_link::fragment(&token))
        })
    });
    let has_texts = Memo::new(move |_| {
        session.viewed.with(|assessment| {
            assessment
                .answers
                .iter()
                .any(|(_, response)| response.note().is_some() || response.na_reason().is_some())
        })
    });
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let text = link.get_untracked();
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let message = match copy_text(&text).await {
                Ok(()) => "Link copied.".to_string(),
                Err(reason) => format!("Not copied: {reason}."),
            };
            let _ = status.try_set(message);
        });
    };
    view! {
        <div class="share-panel">
            <h4>"Share link"</h4>
            <p>
                "Anyone with this link sees these results, read-only, and can save a copy. The answers travel in the part after "
                <code>"#"</code> ", which browsers never send to a server."
                {move || has_texts.get().then_some(" Your notes and reasons are included.")}
            </p>
            <div class="share-row">
                <label for="share-link" class="visually-hidden">"Share link"</label>
                <input
                    id="share-link"
                    class="share-link"
                    type="text"
                    readonly
                    prop:value=move || link.get()
                    on:focus=|event| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    }
                />
                <button type="button" class="button" on:click=copy>"Copy link"</button>
            </div>
            <p class="action-status" role="status">{move || status.get()}</p>
        </div>
    }
}
