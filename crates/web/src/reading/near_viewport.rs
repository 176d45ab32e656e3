//! Running something once when any of some elements comes near the
//! viewport: the article's live figures load the simulator bundle only when
//! the reader gets close to one, so reading the start of an article never
//! pays for it.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far outside the viewport counts as near: about a screen ahead, so
/// the figure is usually live by the time it is seen.
const MARGIN: &str = "800px 0px";

/// Watches until the first element comes near; dropping it stops watching.
pub struct NearViewport {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
}

impl Drop for NearViewport {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `run` once, when the first of `elements` comes near the viewport
/// (at once if the browser cannot tell). Returns the watcher to keep.
pub fn when_near(
    elements: &[web_sys::Element],
    run: impl FnOnce() + 'static,
) -> Option<NearViewport> {
    let run = Rc::new(RefCell::new(Some(run)));
    let fire = {
        let run = run.clone();
        move || {
            if let Some(run) = run.borrow_mut().take() {
                run();
            }
        }
    };
    let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let near = entries.iter().any(|entry| {
                entry
                    .dyn_into::<IntersectionObserverEntry>()
                    .is_ok_and(|entry| entry.is_intersecting())
            });
            if near {
                observer.disconnect();
                fire();
            }
        },
    );
    let options = IntersectionObserverInit::new();
    options.set_root_margin(MARGIN);
    let Ok(observer) =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    else {
        if let Some(run) = run.borrow_mut().take() {
            run();
        }
        return None;
    };
    for element in elements {
        observer.observe(element);
    }
    Some(NearViewport {
        observer,
        _callback: callback,
    })
}
