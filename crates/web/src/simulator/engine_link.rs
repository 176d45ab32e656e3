//! The page's side of the engine worker (`crates/bundles/engine`): the
//! engine runs in a module Web Worker, and the page only renders what it
//! posts. [`EngineLink::shared`] is the page's one worker for runs (the
//! simulator and the article figures); a sweep spawns a pool of its own
//! ([`EngineLink::spawn`]) and terminates it to cancel.
//!
//! Each run or study talks through a [`Channel`] with an id of its own.
//! Dropping the channel (its owner's cleanup: leaving the page, a reset, a
//! new run) tells the worker to forget the id and removes the handler
//! first, so a message that was already on its way reaches nothing: no
//! signal is touched after its owner is gone.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use faultline_worker::protocol::{FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `<meta>` tag that holds the worker script's address (written by
/// scripts/build-bundles.mjs).
const WORKER_META: &str = "meta[name=\"faultline-bundle-engine\"]";

type Handler = Rc<dyn Fn(FromWorker)>;

/// One worker and the channels open on it.
struct Link {
    worker: Option<web_sys::Worker>,
    /// The worker has said it reads messages; until then they wait here.
    ready: bool,
    queue: Vec<String>,
    handlers: HashMap<u32, Handler>,
    /// Why the worker cannot run anything (it failed to load or start).
    failed: Option<String>,
    /// The worker's event handlers, kept alive as long as it is.
    _listeners: Vec<Closure<dyn Fn(JsValue)>>,
}

/// A handle on one engine worker.
#[derive(Clone)]
pub struct EngineLink(Rc<RefCell<Link>>);

thread_local! {
    static SHARED: RefCell<Option<EngineLink>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Ids are unique on the page, across workers (0 means "every channel").
fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    })
}

/// The worker script's address, from the page's `<meta>` tag.
fn worker_url() -> Result<String, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let content = document
        .query_selector(WORKER_META)
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or("this page names no engine worker")?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(&content, &base)
        .map(|url| url.href())
        .map_err(|_| format!("the engine worker's address is not valid: {content}"))
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<web_sys::ErrorEvent>()
        .map(|e| e.message())
        .filter(|m| !m.is_empty())
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "it did not load".to_string())
}

impl EngineLink {
    /// The page's worker for runs, started on first use.
    pub fn shared() -> EngineLink {
        SHARED.with(|shared| {
            shared
                .borrow_mut()
                .get_or_insert_with(EngineLink::spawn)
                .clone()
        })
    }

    /// A new worker (it loads its wasm in the background; messages sent
    /// meanwhile wait for it).
    pub fn spawn() -> EngineLink {
        let link = EngineLink(Rc::new(RefCell::new(Link {
            worker: None,
            ready: false,
            queue: Vec::new(),
            handlers: HashMap::new(),
            failed: None,
            _listeners: Vec::new(),
        })));
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = worker_url().and_then(|url| {
            web_sys::Worker::new_with_options(&url, &options).map_err(|e| describe(&e))
        });
        match worker {
            Ok(worker) => {
                let weak = Rc::downgrade(&link.0);
                let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                    let Some(link) = weak.upgrade().map(EngineLink) else {
                        return;
                    };
                    let text = event
                        .dyn_ref::<web_sys::MessageEvent>()
                        .and_then(|e| e.data().as_string());
                    match text.as_deref().map(FromWorker::from_json) {
                        Some(Ok(message)) => link.receive(message),
                        Some(Err(error)) => link.fail(error),
                        None => link.fail("the engine worker sent something unreadable".into()),
                    }
                });
                let weak = Rc::downgrade(&link.0);
                let on_error = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                    if let Some(link) = weak.upgrade().map(EngineLink) {
                        link.fail(format!("the engine worker stopped: {}", describe(&event)));
                    }
                });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                let mut state = link.0.borrow_mut();
                state.worker = Some(worker);
                state._listeners = vec![on_message, on_error];
            }
            Err(error) => {
                link.0.borrow_mut().failed =
                    Some(format!("the engine worker could not be started: {error}"));
            }
        }
        link
    }

    /// Opens a channel: what the worker says about its id goes to `handler`.
    pub fn open(&self, handler: impl Fn(FromWorker) + 'static) -> Channel {
        let id = next_id();
        let failed = {
            let mut state = self.0.borrow_mut();
            state.handlers.insert(id, Rc::new(handler));
            state.failed.clone()
        };
        if let Some(message) = failed {
            // Told later, never inside the caller's own update.
            let link = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                link.deliver(FromWorker::Failed { id, message });
            });
        }
        Channel {
            link: self.clone(),
            id,
        }
    }

    fn post(&self, message: &ToWorker) {
        let mut state = self.0.borrow_mut();
        if state.failed.is_some() {
            return;
        }
        let text = message.to_json();
        match (&state.worker, state.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message(&JsValue::from_str(&text));
            }
            _ => state.queue.push(text),
        }
    }

    fn receive(&self, message: FromWorker) {
        match message {
            FromWorker::Ready => {
                let mut state = self.0.borrow_mut();
                state.ready = true;
                let queue = std::mem::take(&mut state.queue);
                if let Some(worker) = &state.worker {
                    for text in queue {
                        let _ = worker.post_message(&JsValue::from_str(&text));
                    }
                }
            }
            FromWorker::Failed { id: 0, message } => self.fail(message),
            other => self.deliver(other),
        }
    }

    /// Hands a message to its channel's handler (with no borrow held: the
    /// handler may send, open or close channels).
    fn deliver(&self, message: FromWorker) {
        let id = match &message {
            FromWorker::Slice { id, .. }
            | FromWorker::JobDone { id, .. }
            | FromWorker::Failed { id, .. } => *id,
            FromWorker::Ready => return,
        };
        let handler = self.0.borrow().handlers.get(&id).cloned();
        if let Some(handler) = handler {
            handler(message);
        }
    }

    /// The worker cannot run anything: every open channel is told why.
    fn fail(&self, message: String) {
        let ids: Vec<u32> = {
            let mut state = self.0.borrow_mut();
            if state.failed.is_some() {
                return;
            }
            state.failed = Some(message.clone());
            state.queue.clear();
            if let Some(worker) = state.worker.take() {
                worker.terminate();
            }
            state.handlers.keys().copied().collect()
        };
        for id in ids {
            self.deliver(FromWorker::Failed {
                id,
                message: message.clone(),
            });
        }
    }

    /// Stops the worker at once, whatever it is doing (a sweep's cancel).
    /// Its channels hear nothing more.
    pub fn terminate(&self) {
        let mut state = self.0.borrow_mut();
        state.handlers.clear();
        state.queue.clear();
        state.failed = Some("the worker was stopped".into());
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
    }
}

/// One run's or study's line to a worker; dropping it closes the line.
pub struct Channel {
    link: EngineLink,
    id: u32,
}

impl Channel {
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn send(&self, message: ToWorker) {
        self.link.post(&message);
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        // Borrowed only if the worker is being told something right now
        // (a handler that drops its own channel): then try_borrow fails and
        // the handler stays until the page goes, which is harmless.
        if let Ok(mut state) = self.link.0.try_borrow_mut() {
            state.handlers.remove(&self.id);
        }
        self.link.post(&ToWorker::Drop { id: self.id });
    }
}
