//! The managed-policy picker ("AWS managed policies"): a modal dialog the vocabulary worker
//! writes (search by name, preview, where to attach), and the attaching itself. The page's
//! button (`page::picker_button`) makes web/loader.js load this module and fire `omen-picker`.
//! The managed-policy catalogue, the list, the preview, the world's users, groups and roles to
//! attach to and every word live in the worker (the catalogue is fetched when the picker first
//! opens); here only the dialog (a native `<dialog>` shown modal: the rest of the page is inert;
//! Tab and Shift+Tab go round inside it; Escape closes it and gives the focus back to the
//! button), the listeners (by event delegation on `data-pick`, `data-attach` and `data-picker`)
//! and the change to the world: the policy, filled in by the worker from its ARN with its current
//! default version, appended to the chosen user's, group's or role's `policies`, or set as its
//! `permissionsBoundary`.

use std::cell::RefCell;

use serde_json::{json, Value};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use super::channel::ask;
use super::{by_id, document, element, page_lang};
use crate::exports::{set_value, world};

thread_local! {
    /// The dialog, once opened (its listeners live as long as the page).
    static DIALOG: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// Opens the picker on every `omen-picker` event (web/loader.js fires it when the page's button
/// is clicked).
pub fn listen() {
    let Some(window) = web_sys::window() else { return };
    gloo::events::EventListener::new(&window, "omen-picker", |_| open()).forget();
}

fn html_of(answer: &Value) -> &str {
    answer.get("html").and_then(Value::as_str).unwrap_or_default()
}

fn focus(element: Option<Element>) {
    if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Calls the dialog's method `name` (`showModal`, `close`).
fn call(dialog: &Element, name: &str) {
    let method = js_sys::Reflect::get(dialog, &JsValue::from_str(name)).ok();
    if let Some(method) = method.and_then(|m| m.dyn_into::<js_sys::Function>().ok()) {
        let _ = method.call0(dialog);
    }
}

/// Opens the dialog, written anew (the world's users and roles may have changed), with the
/// focus in its search field.
fn open() {
    let (Some(dialog), Some(world)) = (dialog(), world()) else { return };
    let lang = page_lang().tag();
    let _ = dialog.set_attribute("lang", lang);
    ask(json!({"op": "managed", "form": true, "world": world, "lang": lang}), move |answer| {
        dialog.set_inner_html(html_of(&answer));
        if !dialog.has_attribute("open") {
            call(&dialog, "showModal");
        }
        focus(by_id("picker-search"));
    });
}

fn close(dialog: &Element) {
    call(dialog, "close");
    focus(by_id("omen-open-picker"));
}

/// The dialog's elements that take the focus, in order.
fn focusable(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(found) =
        dialog.query_selector_all("button:not([disabled]), input, select, a[href], [tabindex]:not([tabindex=\"-1\"])")
    else {
        return Vec::new();
    };
    (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// A key in the dialog: Escape closes it; Tab from its last element goes to its first, and
/// Shift+Tab from its first to its last.
fn key(dialog: &Element, event: &KeyboardEvent) {
    match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            close(dialog);
        }
        "Tab" => {
            let elements = focusable(dialog);
            let active = document().and_then(|d| d.active_element());
            let (Some(first), Some(last)) = (elements.first(), elements.last()) else { return };
            let at_edge = |element: &HtmlElement| active.as_ref().is_some_and(|a| a == element.as_ref() as &Element);
            let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
            if event.shift_key() && (at_edge(first) || !inside) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && (at_edge(last) || !inside) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    }
}

/// The dialog's element, made (with its listeners) the first time.
fn dialog() -> Option<Element> {
    if let Some(dialog) = DIALOG.with(|d| d.borrow().clone()) {
        return Some(dialog);
    }
    let dialog = element(
        "dialog",
        &[
            ("id", "managed-picker"),
            ("class", "picker"),
            ("aria-labelledby", "picker-title"),
            ("data-testid", "picker"),
        ],
    )?;
    document()?.body()?.append_child(&dialog).ok()?;
    let lang = {
        let dialog = dialog.clone();
        move || dialog.get_attribute("lang").unwrap_or_default()
    };
    let on_input = {
        let lang = lang.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(search) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let query = search.value();
            ask(json!({"op": "managed", "query": query, "lang": lang()}), move |answer| {
                // Only the answer to what the field still holds is shown.
                if search.value() == query {
                    if let Some(results) = by_id::<Element>("picker-results") {
                        results.set_inner_html(html_of(&answer));
                    }
                }
            });
        })
    };
    let on_click = {
        let dialog = dialog.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let Ok(Some(button)) = target.closest("[data-pick], [data-attach], [data-picker]") else { return };
            if let Some(name) = button.get_attribute("data-pick") {
                ask(json!({"op": "preview", "name": name, "lang": lang()}), |answer| {
                    if let Some(preview) = by_id::<Element>("picker-preview") {
                        preview.set_inner_html(html_of(&answer));
                    }
                });
            } else if let Some(arn) = button.get_attribute("data-arn") {
                attach(arn, button.get_attribute("data-attach").as_deref() == Some("boundary"), lang());
            } else {
                close(&dialog);
            }
        })
    };
    let on_key = {
        let dialog = dialog.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                key(&dialog, event);
            }
        })
    };
    // The browser's own close (Escape, when the key did not reach the dialog first): the focus
    // goes back to the button.
    let on_cancel = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        focus(by_id("omen-open-picker"));
    });
    for (name, listener) in [("input", on_input), ("click", on_click), ("keydown", on_key), ("close", on_cancel)] {
        let _ = dialog.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        // The dialog lives as long as the page, and so do its listeners.
        listener.forget();
    }
    DIALOG.with(|d| *d.borrow_mut() = Some(dialog.clone()));
    Some(dialog)
}

/// Attaches the AWS managed policy of ARN `arn` to the user, group or role chosen in the
/// dialog: appended to its `policies`, or as its permissions boundary; the worker says how it went.
fn attach(arn: String, boundary: bool, lang: String) {
    let Some(owner) = by_id::<HtmlSelectElement>("picker-target").map(|s| s.value()) else { return };
    let Some(now) = world() else { return };
    let request = json!({"op": "attach", "arn": arn, "owner": owner, "boundary": boundary, "world": now, "lang": lang});
    ask(request, move |answer| {
        if let Some(status) = by_id::<Element>("picker-status") {
            status.set_text_content(answer.get("said").and_then(Value::as_str));
        }
        let (Some(policy), Some(world)) = (answer.get("policy").cloned(), world()) else { return };
        let (pointer, value) = if boundary {
            (format!("{owner}/permissionsBoundary"), policy)
        } else {
            let at = format!("{owner}/policies");
            let mut policies = world.pointer(&at).and_then(Value::as_array).cloned().unwrap_or_default();
            policies.push(policy);
            (at, Value::Array(policies))
        };
        set_value(&pointer, &value);
    });
}
