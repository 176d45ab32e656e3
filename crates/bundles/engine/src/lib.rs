//! The engine worker bundle: a module Web Worker (scripts/build-bundles.mjs
//! writes its `worker.js`, which loads this wasm and calls `start`) that runs simulations
//! and sweep jobs for the page, so the page's main thread only renders.
//! All it does is in `faultline_worker::EngineWorker` (plain Rust); this is
//! the glue: messages in and out as JSON strings, a timer between slices,
//! and `performance.now()` as the clock (`std::time::Instant` panics on
//! wasm32).
//!
//! The crate is wasm32 only: natively it compiles to nothing, and its
//! dependencies are wasm32's (Cargo.toml).

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use faultline_worker::protocol::{FromWorker, ToWorker};
use faultline_worker::EngineWorker;
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The worker's state and its pending timer (dropping a `Timeout`
/// cancels it, so it is kept here until it fires).
struct Host {
    scope: DedicatedWorkerGlobalScope,
    engine: EngineWorker,
    timer: Option<Timeout>,
}

type Shared = Rc<RefCell<Host>>;

fn post(scope: &DedicatedWorkerGlobalScope, messages: Vec<FromWorker>) {
    for message in messages {
        // Posting a string cannot fail (it is always cloneable).
        let _ = scope.post_message(&JsValue::from_str(&message.to_json()));
    }
}

fn clock(scope: &DedicatedWorkerGlobalScope) -> impl FnMut() -> f64 {
    let performance = scope.performance();
    move || performance.as_ref().map_or(0.0, |p| p.now())
}

/// Sets the timer for the next slice, if anything runs and none is set.
fn schedule(host: &Shared) {
    let delay = {
        let state = host.borrow();
        if state.timer.is_some() {
            return;
        }
        match state.engine.next_tick_ms() {
            Some(ms) => ms,
            None => return,
        }
    };
    let next = Rc::clone(host);
    let timer = Timeout::new(delay.round() as u32, move || {
        let (scope, out) = {
            let mut state = next.borrow_mut();
            state.timer = None;
            let scope = state.scope.clone();
            let out = state.engine.tick(&mut clock(&scope));
            (scope, out)
        };
        post(&scope, out);
        schedule(&next);
    });
    host.borrow_mut().timer = Some(timer);
}

fn on_message(host: &Shared, event: MessageEvent) {
    let Some(text) = event.data().as_string() else {
        return;
    };
    let (scope, out) = {
        let mut state = host.borrow_mut();
        let out = match ToWorker::from_json(&text) {
            Ok(message) => state.engine.handle(message),
            Err(error) => {
                web_sys::console::error_1(&JsValue::from_str(&error));
                Vec::new()
            }
        };
        (state.scope.clone(), out)
    };
    post(&scope, out);
    schedule(host);
}

/// Starts answering the page; `worker.js` calls it once the wasm is in.
#[wasm_bindgen]
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let host: Shared = Rc::new(RefCell::new(Host {
        scope: scope.clone(),
        engine: EngineWorker::new(),
        timer: None,
    }));
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event| on_message(&host, event));
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    handler.forget();
    post(&scope, vec![FromWorker::Ready]);
}
