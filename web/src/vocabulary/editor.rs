//! Completion and explanation in the policy editors, by listeners on the document (the editors
//! are the page's; a keystroke re-renders nothing here). After a character is typed inside a
//! JSON string, the worker says what may be typed there and writes the options of a list that
//! opens under the caret: arrows move, Enter or Tab inserts, Escape closes; the focus never
//! leaves the textarea, and nothing happens while an input method composes (Japanese IME). The
//! list is an ARIA listbox the textarea points at. When the caret rests on an action, a wildcard
//! or `*`, the worker says what it is, in a line under the editor that is announced politely (the
//! keyboard reaches it as the mouse does: a click puts the caret there). An inserted completion
//! (or a quick fix) goes to the page as typing does: the textarea's text, then an `input` event.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Element, HtmlElement, HtmlTextAreaElement, InputEvent, KeyboardEvent};

use super::{by_id, channel, document, element, page_lang, tr};
use crate::highlight::byte_offset;

/// The element id of an editor's completion list.
fn list_id(editor_id: &str) -> String {
    format!("{editor_id}-completions")
}

/// The element id of an editor's explanation line.
pub fn info_id(editor_id: &str) -> String {
    format!("{editor_id}-info")
}

/// Makes the (empty, hidden) completion list and explanation line of the editor of `area`, if
/// it has none yet: the list in the editor's grid (placed under the caret when shown), the line
/// after the page's list of diagnostics.
pub fn parts(area: &HtmlTextAreaElement) {
    let id = area.id();
    let label = tr(page_lang(), "Completions", "入力候補");
    if let Some(list) = by_id::<Element>(&list_id(&id)) {
        // In the page's language, which may have changed.
        if list.get_attribute("aria-label").as_deref() != Some(label) {
            let _ = list.set_attribute("aria-label", label);
        }
    } else {
        let list = element(
            "ul",
            &[
                ("class", "completions"),
                ("role", "listbox"),
                ("id", &list_id(&id)),
                ("data-testid", "completions"),
                ("hidden", ""),
                ("aria-label", label),
            ],
        );
        if let (Some(list), Some(code)) = (list, area.parent_element()) {
            let _ = code.append_child(&list);
        }
    }
    if by_id::<Element>(&info_id(&id)).is_none() {
        let info = element(
            "p",
            &[
                ("class", "action-info"),
                ("id", &info_id(&id)),
                ("role", "status"),
                ("aria-live", "polite"),
                ("data-testid", "action-info"),
                ("hidden", ""),
            ],
        );
        let page_list = document().and_then(|d| d.get_element_by_id(&format!("{id}-diagnostics")));
        if let (Some(info), Some(page_list)) = (info, page_list) {
            let _ = page_list.insert_adjacent_element("afterend", &info);
        }
    }
    let _ = area.set_attribute("aria-autocomplete", "list");
}

/// `text` with bytes `from..to` replaced by `label`, and the byte after the label.
pub fn inserted(text: &str, from: usize, to: usize, label: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + label.len());
    out.push_str(text.get(..from).unwrap_or(text));
    out.push_str(label);
    out.push_str(text.get(to..).unwrap_or_default());
    (out, from + label.len())
}

fn utf16(text: &str, at: usize) -> u32 {
    u32::try_from(text.get(..at).map_or(0, |t| t.encode_utf16().count())).unwrap_or(u32::MAX)
}

fn number(answer: &Value, key: &str) -> Option<usize> {
    answer.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok())
}

/// An open list: the text it was asked for, what it replaces, the texts offered, the one chosen.
struct Offer {
    text: String,
    from: usize,
    to: usize,
    labels: Vec<String>,
    selected: usize,
}

/// What the listeners of one editor share.
struct Editor {
    area: HtmlTextAreaElement,
    list: HtmlElement,
    info: HtmlElement,
    list_id: String,
    /// The ARNs of the world's users and roles (read when the editor gets the focus).
    arns: Vec<String>,
    offer: Option<Offer>,
    /// The string last explained (text, from, to), so that moving inside it asks nothing.
    explained: Option<(String, usize, usize)>,
    /// What the explanation line shows.
    info_html: String,
}

/// Where the caret (UTF-16 offset `units`) is drawn, in the viewport: from the highlighted layer
/// under the textarea, which lays out the same text the same way. `None` in plain mode.
fn caret_point(area: &HtmlTextAreaElement, units: u32) -> Option<(f64, f64)> {
    let layer = area.parent_element()?.query_selector("pre.highlight").ok()??;
    if layer.has_attribute("hidden") {
        return None;
    }
    let document = web_sys::window()?.document()?;
    let walker = document.create_tree_walker_with_what_to_show(&layer, 4).ok()?;
    let mut left = units;
    while let Some(node) = walker.next_node().ok()? {
        let length = u32::try_from(node.text_content().unwrap_or_default().encode_utf16().count()).ok()?;
        if left <= length {
            let range = document.create_range().ok()?;
            range.set_start(&node, left).ok()?;
            range.set_end(&node, left).ok()?;
            let rect = range.get_bounding_client_rect();
            return Some((rect.left(), rect.bottom()));
        }
        left -= length;
    }
    None
}

/// A whole number of pixels, written by JavaScript (Rust's float formatting would cost the
/// bundle 11 KB).
fn px(value: f64) -> String {
    let number = js_sys::Number::from(value.round()).to_string_with_radix(10).map(String::from).unwrap_or_default();
    format!("{number}px")
}

impl Editor {
    fn show_selected(&self) {
        let Some(offer) = &self.offer else { return };
        let _ = self.area.set_attribute("aria-activedescendant", &format!("{}-{}", self.list_id, offer.selected));
        let options = self.list.children();
        for index in 0..options.length() {
            if let Some(option) = options.item(index) {
                let selected = index as usize == offer.selected;
                let _ = option.set_attribute("aria-selected", if selected { "true" } else { "false" });
                let _ = option
                    .set_attribute("class", if selected { "completion-item selected" } else { "completion-item" });
                if selected {
                    option.scroll_into_view_with_bool(false);
                }
            }
        }
    }

    /// Closes the list; whether it was open.
    fn close(&mut self) -> bool {
        // No `aria-expanded`: ARIA allows it on a combobox, not on a textbox; the active option
        // (aria-activedescendant) and the list it is in (aria-controls) say it instead.
        let _ = self.area.remove_attribute("aria-activedescendant");
        let _ = self.list.set_attribute("hidden", "");
        self.list.set_inner_html("");
        self.offer.take().is_some()
    }

    /// Closes the list and says what option `index` makes of the text (and where the caret
    /// goes), for the caller to put in once the editor is no longer borrowed.
    fn accept(&mut self, index: usize) -> Option<Inserted> {
        let offer = self.offer.take()?;
        self.close();
        let label = offer.labels.get(index)?;
        if self.area.value() != offer.text {
            return None;
        }
        let (text, caret) = inserted(&offer.text, offer.from, offer.to, label);
        Some((self.area.clone(), text, caret))
    }
}

/// A completion accepted: the textarea, its new text, the caret (bytes).
type Inserted = (HtmlTextAreaElement, String, usize);

/// Puts `text` in the textarea `area` (the caret at byte `caret`, if given) and tells the page,
/// as typing does: an `input` event (the page's editor reads the textarea's text).
pub fn replace_text(area: &HtmlTextAreaElement, text: &str, caret: Option<usize>) {
    area.set_value(text);
    if let Some(caret) = caret {
        let at = utf16(text, caret);
        let _ = area.set_selection_range(at, at);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = area.dispatch_event(&event);
    }
}

fn insert(inserted: Option<Inserted>) {
    if let Some((area, text, caret)) = inserted {
        replace_text(&area, &text, Some(caret));
    }
}

type Shared = Rc<RefCell<Editor>>;

/// Asks what may be typed at the caret, and opens (or closes) the list with the answer.
fn complete(shared: &Shared) {
    let (area, list_id) = {
        let editor = shared.borrow();
        (editor.area.clone(), editor.list_id.clone())
    };
    let text = area.value();
    let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) else { return };
    if start != end {
        shared.borrow_mut().close();
        return;
    }
    let at = byte_offset(&text, start as usize);
    let arns = shared.borrow().arns.clone();
    let request = serde_json::json!({"op": "complete", "text": &text, "at": at, "arns": arns, "list": list_id});
    let shared = shared.clone();
    channel::ask(request, move |answer| {
        let mut editor = shared.borrow_mut();
        // Only for the text and caret it was asked for.
        if editor.area.value() != text || editor.area.selection_start().ok().flatten() != Some(start) {
            return;
        }
        let labels: Vec<String> = answer
            .get("labels")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|label| label.as_str().map(str::to_owned))
            .collect();
        let (Some(from), Some(to)) = (number(&answer, "from"), number(&answer, "to")) else { return };
        if labels.is_empty() {
            editor.close();
            return;
        }
        let area_rect = editor.area.get_bounding_client_rect();
        let (left, top) = caret_point(&editor.area, start).unwrap_or((area_rect.left(), area_rect.top() + 24.0));
        editor.list.set_inner_html(answer.get("html").and_then(Value::as_str).unwrap_or_default());
        // Placed through the CSSOM: the page's Content-Security-Policy refuses inline styles.
        let style = editor.list.style();
        let _ = style.set_property("left", &px(left));
        let _ = style.set_property("top", &px(top + 2.0));
        let _ = editor.list.remove_attribute("hidden");
        let _ = editor.area.set_attribute("aria-controls", &editor.list_id);
        editor.offer = Some(Offer { text, from, to, labels, selected: 0 });
        editor.show_selected();
    });
}

/// Asks what the action pattern under the caret is, and shows (or hides) the explanation.
fn explain(shared: &Shared) {
    let area = shared.borrow().area.clone();
    let lang = page_lang();
    let text = area.value();
    let Ok(Some(start)) = area.selection_start() else { return };
    let at = byte_offset(&text, start as usize);
    if let Some((was, from, to)) = &shared.borrow().explained {
        if *was == text && *from <= at && at <= *to {
            return;
        }
    }
    let request = serde_json::json!({"op": "explain", "text": &text, "at": at, "lang": lang.tag()});
    let shared = shared.clone();
    channel::ask(request, move |answer| {
        let mut editor = shared.borrow_mut();
        let html = answer.get("html").and_then(Value::as_str).unwrap_or_default();
        editor.explained = match (html.is_empty(), number(&answer, "from"), number(&answer, "to")) {
            (false, Some(from), Some(to)) => Some((text, from, to)),
            _ => None,
        };
        editor.show_info(html);
    });
}

impl Editor {
    /// Shows `html` as the explanation (empty: hides it); written only when it changes, so that a
    /// keystroke that explains the same costs no layout.
    fn show_info(&mut self, html: &str) {
        if self.info_html == html {
            return;
        }
        html.clone_into(&mut self.info_html);
        self.info.set_inner_html(html);
        let _ =
            if html.is_empty() { self.info.set_attribute("hidden", "") } else { self.info.remove_attribute("hidden") };
    }
}

fn on_input(shared: &Shared, event: &web_sys::Event) {
    let area = shared.borrow().area.clone();
    super::findings::edited(&area);
    // Not typed (a completion or a quick fix put in): nothing to complete.
    let Some(event) = event.dyn_ref::<InputEvent>() else { return };
    if event.is_composing() {
        return;
    }
    let kind = event.input_type();
    let typing = kind == "insertText" || kind == "insertCompositionText";
    let open = shared.borrow().offer.is_some();
    if typing || (open && kind.starts_with("delete")) {
        complete(shared);
    } else {
        shared.borrow_mut().close();
    }
}

fn on_keydown(shared: &Shared, event: &web_sys::Event) {
    let Some(event) = event.dyn_ref::<KeyboardEvent>() else { return };
    // An input method is composing: its keys are its own.
    if event.is_composing() || event.key_code() == 229 {
        return;
    }
    let mut editor = shared.borrow_mut();
    let Some(count) = editor.offer.as_ref().map(|o| o.labels.len()) else { return };
    let key = event.key();
    let mut inserted = None;
    match key.as_str() {
        "ArrowDown" | "ArrowUp" => {
            if let Some(offer) = editor.offer.as_mut() {
                offer.selected = if key == "ArrowDown" {
                    (offer.selected + 1) % count
                } else {
                    (offer.selected + count - 1) % count
                };
            }
            editor.show_selected();
        }
        "Enter" | "Tab" => {
            let selected = editor.offer.as_ref().map_or(0, |o| o.selected);
            inserted = editor.accept(selected);
        }
        "Escape" => {
            editor.close();
        }
        _ => return,
    }
    drop(editor);
    event.prevent_default();
    event.stop_propagation();
    insert(inserted);
}

/// A click (mouse down: the focus stays in the textarea) on an option inserts it.
fn on_pick(shared: &Shared, event: &web_sys::Event) {
    event.prevent_default();
    let option = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-index]").ok().flatten());
    let index = option.and_then(|o| o.get_attribute("data-index")).and_then(|i| i.parse::<usize>().ok());
    let inserted = index.and_then(|index| shared.borrow_mut().accept(index));
    insert(inserted);
}

thread_local! {
    /// The editors' shared state, by textarea id.
    static EDITORS: RefCell<Vec<(String, Shared)>> = const { RefCell::new(Vec::new()) };
}

/// The shared state of the editor whose textarea is `area` (made when first needed, and anew
/// for a new textarea of the same id).
fn editor_of(area: &HtmlTextAreaElement) -> Option<Shared> {
    let id = area.id();
    if id.is_empty() || !area.parent_element()?.matches(".editor-code").unwrap_or(false) {
        return None;
    }
    let known = EDITORS.with(|e| {
        let editors = e.borrow();
        editors.iter().find(|(key, shared)| *key == id && shared.borrow().area == *area).map(|(_, s)| s.clone())
    });
    if known.is_some() {
        return known;
    }
    parts(area);
    let shared = Rc::new(RefCell::new(Editor {
        area: area.clone(),
        list: by_id::<HtmlElement>(&list_id(&id))?,
        info: by_id::<HtmlElement>(&info_id(&id))?,
        list_id: list_id(&id),
        arns: channel::world_arns(),
        offer: None,
        explained: None,
        info_html: String::new(),
    }));
    EDITORS.with(|e| {
        let mut editors = e.borrow_mut();
        editors.retain(|(key, _)| *key != id);
        editors.push((id, shared.clone()));
    });
    Some(shared)
}

/// The editor whose textarea the event is for.
fn target_editor(event: &web_sys::Event) -> Option<Shared> {
    editor_of(event.target()?.dyn_ref::<HtmlTextAreaElement>()?)
}

/// Listens, on the document, to every policy editor, and to clicks in the findings lists.
pub fn listen() {
    let Some(document) = document() else { return };
    let on = |name: &str, capture: bool, run: fn(&web_sys::Event)| {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| run(&event));
        let options = AddEventListenerOptions::new();
        options.set_capture(capture);
        let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
            name,
            closure.as_ref().unchecked_ref(),
            &options,
        );
        // The listeners live as long as the page.
        closure.forget();
    };
    on("input", false, |event| {
        if let Some(shared) = target_editor(event) {
            on_input(&shared, event);
        }
    });
    // Before the page hears of the key: Enter, Tab, arrows and Escape are the list's while it is open.
    on("keydown", true, |event| {
        if let Some(shared) = target_editor(event) {
            on_keydown(&shared, event);
        }
    });
    // An input method starts composing: the list steps aside.
    on("compositionstart", true, |event| {
        if let Some(shared) = target_editor(event) {
            shared.borrow_mut().close();
        }
    });
    for name in ["keyup", "mouseup"] {
        on(name, false, |event| {
            if let Some(shared) = target_editor(event) {
                explain(&shared);
            }
        });
    }
    // Not on `input`: the keyup after it asks once (a keystroke sends one request, not two).
    on("focusin", false, |event| {
        if let Some(shared) = target_editor(event) {
            shared.borrow_mut().arns = channel::world_arns();
            explain(&shared);
        }
    });
    on("focusout", false, |event| {
        if let Some(shared) = target_editor(event) {
            let mut editor = shared.borrow_mut();
            editor.close();
            editor.explained = None;
            editor.show_info("");
        }
    });
    // A click (mouse down: the focus stays in the textarea) on an option inserts it.
    on("mousedown", true, |event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        let Some(option) = target.and_then(|t| t.closest(".completions [data-index]").ok().flatten()) else { return };
        let Some(list) = option.closest(".completions").ok().flatten() else { return };
        let id = list.id().trim_end_matches("-completions").to_owned();
        let Some(shared) = by_id::<HtmlTextAreaElement>(&id).as_ref().and_then(editor_of) else { return };
        on_pick(&shared, event);
    });
    on("click", false, |event| {
        if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            super::findings::clicked(&target);
        }
    });
}
