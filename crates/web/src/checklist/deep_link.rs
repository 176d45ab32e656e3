//! Addresses that point into the checklist: `checklist?item=ID` (from
//! articles, plans and item anchors) opens the item's area, scrolls to it,
//! highlights it and moves focus to its heading; `?view=results` or
//! `?view=compare` opens that view.

use crate::address::use_address;
use leptos::prelude::*;

use super::browser::reveal;
use super::item::item_element_id;
use super::session::{Feedback, Session, Tab};

/// Follows the query now and whenever it changes (links inside the page
/// navigate without reloading it).
pub fn follow(session: Session) {
    let address = use_address();
    let item = Memo::new(move |_| address.with(|address| address.query("item")));
    let view = Memo::new(move |_| address.with(|address| address.query("view")));
    Effect::new(move |_| {
        if let Some(tab) = view.get().as_deref().and_then(Tab::from_id) {
            session.tab.set(tab);
        }
    });
    Effect::new(move |_| {
        if let Some(item_id) = item.get() {
            go_to_item(session, &item_id);
        }
    });
}

fn go_to_item(session: Session, item_id: &str) {
    // An id merged into another item leads to that item.
    let found = session.with_checklist(|checklist| {
        checklist
            .current_item(item_id)
            .map(|item| (item.id.clone(), item.area.clone()))
    });
    let Some((item_id, area)) = found else {
        session.feedback.set(Some(Feedback::error(format!(
            "The link points to a question “{item_id}” that this checklist does not have; it may have been renamed."
        ))));
        return;
    };
    session.tab.set(Tab::Questions);
    session.open_area(&area);
    session.target_item.set(Some(item_id.clone()));
    session.last_item.set(Some(item_id.clone()));
    let element_id = item_element_id(&item_id);
    request_animation_frame(move || {
        reveal(&element_id, Some(".item-title"));
    });
}
