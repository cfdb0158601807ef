//! AWS managed policies a world attaches by reference, filled in: a seed story attaches
//! `ReadOnlyAccess` by ARN (about 91 KB, too large for the first load), and a world of one's own
//! may attach any by ARN or name. The page plays no world with such a reference: it says so in
//! its summary (`data-loading`). Whenever the page has drawn (the findings' watch), if it says so,
//! every attachment of its world is asked of the worker — which fetches the managed-policy
//! catalogue the first time — and handed back to the page (`omenResolve`) with its document, or
//! as not loaded.

use std::cell::RefCell;

use omen_core::vocabulary::references_in;
use serde_json::{json, Value};

use super::channel::ask;
use crate::exports::{resolved, world};

thread_local! {
    /// The attachments asked of the worker and not answered yet (pointer, reference).
    static ASKED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Fills in the world's attachments by reference, if the page waits for any.
pub fn scan() {
    let waiting =
        super::document().and_then(|d| d.query_selector("[data-testid=summary][data-loading]").ok().flatten());
    let Some(now) = waiting.and_then(|_| world()) else { return };
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
