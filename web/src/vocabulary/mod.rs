//! AWS's vocabulary in the page: each policy editor's findings (underlined and listed, with
//! their quick fixes), completion and the explanation of the action under the caret, the "about"
//! line, the managed-policy picker and the AWS managed policies a world attaches by reference,
//! filled in. Only [`page`] is in the page's first load (a button, an
//! empty "about" line and two functions the rest calls); the rest is a wasm module of its own
//! (`omen-vocab-ui`, Trunk builds it into `dist/vocab/`) that web/loader.js loads once the first
//! verdict is on screen, or at once when the picker is opened, and that [`start`] starts. It
//! works on the page's elements as the browser has them — never through the page's components:
//! it finds the editors in the document, listens to them, draws its underlines in a layer of its
//! own under each editor's text and its lists beside the page's. A Web Worker of its own
//! (`crates/omen-vocab-worker`) holds the catalogues, checks the policies and writes its answers'
//! words and layout (escaped HTML, English or Japanese): neither the catalogues, nor the checks,
//! nor those words weigh on the first load or on a keystroke.

mod about;
mod channel;
mod editor;
mod findings;
pub mod page;
mod picker;
mod resolve;

use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::highlight::Mark;
use crate::i18n::Lang;

pub use about::source_words;
pub use editor::inserted;
pub use findings::{overlay_html, overlay_lines, unchanged_ends, Linted};

/// One replacement of a quick fix: bytes `start..end` become the text.
pub type Edit = (usize, usize, String);

/// Starts AWS's vocabulary in the page (the `omen-vocab-ui` module's `main`): the worker, the
/// "about" line, the editors' listeners, the picker's. Once per page.
pub fn start() {
    channel::start_worker();
    findings::watch();
    editor::listen();
    picker::listen();
}

/// `text` with `edits` (in text order, not overlapping) made.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (start, end, new) in edits {
        out.push_str(text.get(cursor..*start).unwrap_or_default());
        out.push_str(new);
        cursor = (*end).max(cursor);
    }
    out.push_str(text.get(cursor..).unwrap_or_default());
    out
}

/// The kind of the policy at `pointer` in a world, as the worker names it
/// (`/roles/0/trustPolicy` → `trust`).
pub fn policy_kind(pointer: &str) -> &'static str {
    if pointer.ends_with("/trustPolicy") {
        "trust"
    } else if pointer.contains("/permissionsBoundary") {
        "boundary"
    } else if pointer.contains("/sessionPolicy") {
        "session"
    } else if pointer.contains("/scps/") {
        "scp"
    } else if pointer.contains("/rcps/") {
        "rcp"
    } else if pointer.starts_with("/resources") || pointer.contains("resourcePolicy") {
        "resource"
    } else {
        "identity"
    }
}

/// `marks` of `old` moved to where their text is in `new`, with their index: the same common
/// start and end are kept, marks that touch the changed middle are left out.
pub fn moved(old: &str, new: &str, marks: &[Mark]) -> Vec<(usize, Mark)> {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let changed_end = old.len() - suffix;
    marks
        .iter()
        .enumerate()
        .filter_map(|(index, mark)| {
            if mark.end <= prefix {
                Some((index, mark.clone()))
            } else if mark.start >= changed_end {
                let mut shifted = mark.clone();
                shifted.start = mark.start + new.len() - old.len();
                shifted.end = mark.end + new.len() - old.len();
                Some((index, shifted))
            } else {
                None
            }
        })
        .collect()
}

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// English or Japanese.
fn tr(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The page's language, as `<html lang>` says (the page keeps it in step with its state).
fn page_lang() -> Lang {
    let tag = document().and_then(|d| d.document_element()).and_then(|root| root.get_attribute("lang"));
    Lang::from_tag(tag.as_deref().unwrap_or("en"))
}

/// A new element `tag` with `attributes`.
fn element(tag: &str, attributes: &[(&str, &str)]) -> Option<Element> {
    let element = document()?.create_element(tag).ok()?;
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    Some(element)
}

fn number(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

#[cfg(test)]
mod tests;
