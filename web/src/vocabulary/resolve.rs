//! AWS managed policies a world attaches by reference, filled in: a seed story attaches
//! `ReadOnlyAccess` by ARN (about 91 KB, too large for the first load), and a world of one's own
//! may attach any by ARN or name. On each `omen-references` event (web/loader.js fires it when
//! the page, which plays no world with such a reference, fires `omen-resolve`), every attachment
//! of the page's world is asked of the worker — which fetches the managed-policy catalogue the
//! first time — and handed back to the page (`omenResolve`) with its document, or as not loaded.

use std::cell::RefCell;

use omen_core::vocabulary::references_in;
use serde_json::{json, Value};

use super::channel::{ask, resolved, world};

thread_local! {
    /// The attachments asked of the worker and not answered yet (pointer, reference).
    static ASKED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Fills in the world's attachments by reference on every `omen-references` event.
pub fn listen() {
    let Some(window) = web_sys::window() else { return };
    gloo::events::EventListener::new(&window, "omen-references", |_| resolve_all()).forget();
}

fn resolve_all() {
    let Some(now) = world() else { return };
    for asked in references_in(&now) {
        let new = ASKED.with(|a| {
            let mut a = a.borrow_mut();
            let new = !a.contains(&asked);
            if new {
                a.push(asked.clone());
            }
            new
        });
        if !new {
            continue;
        }
        ask(json!({"op": "resolve", "reference": asked.1}), move |answer| {
            ASKED.with(|a| a.borrow_mut().retain(|x| *x != asked));
            let (pointer, reference) = asked;
            resolved(&pointer, &reference, answer.get("policy").filter(|p| p.is_object()).unwrap_or(&Value::Null));
        });
    }
}
