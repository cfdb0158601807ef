//! The Account view's import and analysis in a Web Worker (the `omen-account-worker` binary,
//! which Trunk builds into `dist/account/` and the view starts when it first opens): [`Analysis`]
//! answers the page's messages, working out one thing per turn of the worker's event loop, so
//! that a newer question that arrives meanwhile replaces an older one before it is worked on; the
//! managed-policy catalogue is fetched here when the page asks for it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use super::analysis::Analysis;
use super::catalogue;

/// How long a slice of the whole graph lasts before the worker reports progress and looks at
/// its messages again, in milliseconds.
pub const SLICE_MS: f64 = 100.0;

/// Starts answering the page's messages; says `{"op":"up"}` once it listens.
pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let analysis = Rc::new(RefCell::new(Analysis::default()));
    let scheduled = Rc::new(Cell::new(false));
    let post = {
        let scope = scope.clone();
        Rc::new(move |message: Value| {
            let _ = scope.post_message(&JsValue::from_str(&message.to_string()));
        })
    };
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Some(text) = event.data().as_string() else { return };
        let Ok(message) = serde_json::from_str::<Value>(&text) else { return };
        analysis.borrow_mut().receive(&message);
        let fetch = analysis.borrow_mut().take_fetch();
        if let Some(fetch) = fetch {
            let (analysis, scheduled, post) = (analysis.clone(), scheduled.clone(), post.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = catalogue::fetch(fetch.reference, fetch.policies).await;
                analysis.borrow_mut().catalogue_read(fetch.seq, read);
                schedule(analysis, scheduled, post);
            });
        }
        schedule(analysis.clone(), scheduled.clone(), post.clone());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    let _ = scope.post_message(&JsValue::from_str(r#"{"op":"up"}"#));
}

/// Works out the next thing after the messages already waiting have been taken in.
fn schedule(analysis: Rc<RefCell<Analysis>>, scheduled: Rc<Cell<bool>>, post: Rc<dyn Fn(Value)>) {
    if scheduled.replace(true) {
        return;
    }
    gloo::timers::callback::Timeout::new(0, move || {
        scheduled.set(false);
        let out = analysis.borrow_mut().work(&js_sys::Date::now, SLICE_MS);
        for message in out {
            post(message);
        }
        if analysis.borrow().busy() {
            schedule(analysis, scheduled, post);
        }
    })
    .forget();
}
