//! Keyboard access to wide tables and code blocks.
//!
//! On a narrow screen a table or a code block can be wider than the column
//! and scroll sideways. A mouse or a finger can scroll it; a keyboard can only
//! if the box can take focus. So each box that actually overflows gets
//! `tabindex="0"` (and loses it again when the window grows), checked when the
//! body appears and after each resize.

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Boxes in an article body that scroll sideways when too wide: tables
/// (wrapped by the content build) and code blocks.
const TABLE_WRAP_CLASS: &str = "table-wrap";
const CODE_BLOCK_TAG: &str = "pre";

/// Keeps `tabindex` on the overflowing boxes of `body` up to date while the
/// component lives.
pub fn focus_overflowing_boxes(body: NodeRef<Div>) {
    if cfg!(feature = "ssr") {
        return;
    }
    // Runs a frame after it is asked for, when the article may have gone.
    let update = move || {
        if let Some(body) = body.try_get_untracked().flatten() {
            mark_overflowing(&body);
        }
    };
    Effect::new(move |_| {
        if body.get().is_some() {
            request_animation_frame(update);
        }
    });
    let scheduled = Rc::new(Cell::new(false));
    let handle = window_event_listener(ev::resize, move |_| {
        if scheduled.replace(true) {
            return;
        }
        let scheduled = Rc::clone(&scheduled);
        request_animation_frame(move || {
            scheduled.set(false);
            update();
        });
    });
    on_cleanup(move || handle.remove());
}

fn mark_overflowing(body: &web_sys::Element) {
    let collections = [
        body.get_elements_by_class_name(TABLE_WRAP_CLASS),
        body.get_elements_by_tag_name(CODE_BLOCK_TAG),
    ];
    for boxes in collections {
        for index in 0..boxes.length() {
            let Some(element) = boxes.item(index) else {
                continue;
            };
            if element.scroll_width() > element.client_width() {
                let _ = element.set_attribute("tabindex", "0");
            } else {
                let _ = element.remove_attribute("tabindex");
            }
        }
    }
}
