//! Each editor's findings: asked of the worker once typing pauses (and whenever an editor's text
//! or the page's language changed some other way: Format, a story, undo), then underlined and
//! listed. The page's editors are found in the document (`section.editor[data-pointer]`), not
//! through its components: a `MutationObserver` says when the page has drawn something, and the
//! editors whose text differs from the one linted are linted again. The underlines are drawn in a
//! layer of their own (`pre.findings-layer`) laid out exactly as the editor's coloured text, in
//! the same grid cell, under it; the list of findings (the worker's items, with their "go to"
//! buttons and quick fixes) takes the place of the page's list of diagnostics, whose underlines
//! are then hidden (the findings hold the same save-time errors and warnings, each once, with
//! their codes). While the text differs from the one linted, the underlines and the items of
//! the text kept follow it, and the others are left out until the next answer.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement, MutationObserver, MutationObserverInit};

use super::{apply, by_id, channel, document, element, escape, moved, number, page_lang, policy_kind, tr, Edit};
use crate::highlight::{lines, Mark};
use crate::i18n::Lang;

/// The worker's answer about one text: underlines, the list's items, the quick fixes.
#[derive(Debug, PartialEq)]
pub struct Linted {
    /// The text linted.
    pub text: String,
    /// The language of the words.
    pub lang: Lang,
    /// The underlines (bytes of `text`), one a finding.
    pub marks: Vec<Mark>,
    /// The list's items, one a finding (as `marks`), written by the worker (every text escaped
    /// there).
    pub items: Vec<String>,
    /// The quick fixes, by their `data-fix` number.
    pub fixes: Vec<Vec<Edit>>,
}

/// The CSS classes a finding's underline may have (the worker names one of them).
const CLASSES: [&str; 4] = ["diag-error", "diag-security", "diag-warning", "diag-suggestion"];

impl Linted {
    /// A lint answer (`{"marks": [[start, end, class, title]…], "items": [html…], "fixes": [[[start, end, text]…]…]}`).
    pub fn read(text: String, lang: Lang, answer: &Value) -> Self {
        let list = |key: &str| answer.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
        let items = list("items");
        // An underline and its item, or neither.
        let (marks, items) = list("marks")
            .iter()
            .zip(items.iter().filter_map(Value::as_str))
            .filter_map(|(mark, item)| {
                let class = mark.get(2)?.as_str()?;
                let mark = Mark {
                    start: number(mark.get(0)?)?,
                    end: number(mark.get(1)?)?,
                    class: CLASSES.into_iter().find(|c| *c == class)?,
                    title: mark.get(3)?.as_str().map(str::to_owned),
                };
                Some((mark, item.to_owned()))
            })
            .unzip();
        let fixes = list("fixes")
            .iter()
            .map(|fix| {
                let edits = fix.as_array().map(Vec::as_slice).unwrap_or_default();
                edits
                    .iter()
                    .filter_map(|e| Some((number(e.get(0)?)?, number(e.get(1)?)?, e.get(2)?.as_str()?.to_owned())))
                    .collect()
            })
            .collect();
        Self { text, lang, marks, items, fixes }
    }

    /// The underlines and the indices of the items that still hold for `text`: all of them for
    /// the text linted; for another, those whose text is unchanged, moved to where it is now.
    pub fn kept(&self, text: &str) -> Vec<(usize, Mark)> {
        if self.text == text {
            self.marks.iter().cloned().enumerate().collect()
        } else {
            moved(&self.text, text, &self.marks)
        }
    }
}

/// The underline layer's lines for `text`: one `span.line` a logical line, as the editor's
/// coloured layer draws it (so that both wrap alike), its text escaped, each underlined range a
/// span with the finding's class and message.
pub fn overlay_lines(text: &str, marks: &[Mark]) -> Vec<String> {
    lines(text, marks)
        .into_iter()
        .map(|line| {
            let content = text.get(line.start..line.end).unwrap_or_default();
            let mut out = String::with_capacity(content.len() + 32);
            out.push_str("<span class=\"line\">");
            // Where an underline starts or ends, the span changes.
            let mut cuts: Vec<usize> = vec![0, content.len()];
            for mark in &line.marks {
                cuts.extend([mark.start.min(content.len()), mark.end.min(content.len())]);
            }
            cuts.sort_unstable();
            cuts.dedup();
            for pair in cuts.windows(2) {
                let [from, to] = pair else { continue };
                let Some(piece) = content.get(*from..*to) else { continue };
                let over: Vec<&Mark> = line.marks.iter().filter(|m| m.start <= *from && *to <= m.end).collect();
                if over.is_empty() {
                    out.push_str(&escape(piece));
                    continue;
                }
                let classes: Vec<&str> = over.iter().map(|m| m.class).collect();
                let _ = write!(out, "<span class=\"{}\"", classes.join(" "));
                if let Some(title) = over.iter().find_map(|m| m.title.as_deref()) {
                    let _ = write!(out, " title=\"{}\"", escape(title));
                }
                let _ = write!(out, ">{}</span>", escape(piece));
            }
            out.push_str("</span>");
            out
        })
        .collect()
}

/// The underline layer's HTML for `text` (its lines, one after the other).
pub fn overlay_html(text: &str, marks: &[Mark]) -> String {
    overlay_lines(text, marks).concat()
}

/// How the children of a layer drawn as `old` become `new`: how many lines at the start and at
/// the end stay, the lines between are replaced.
pub fn unchanged_ends(old: &[String], new: &[String]) -> (usize, usize) {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let most = old.len().min(new.len()) - start;
    let end = old.iter().rev().zip(new.iter().rev()).take(most).take_while(|(a, b)| a == b).count();
    (start, end)
}

/// How long the page must be still before the editors are linted again, in milliseconds: a
/// keystroke waits only for the verdict.
const LINT_DELAY_MS: u32 = 120;

/// Longer texts are not linted (the editor's coloured-text limit): AWS's largest policy is
/// 20,480 characters.
const LINT_UP_TO: usize = 64 * 1024;

/// What was drawn for one editor.
struct Drawn {
    /// The textarea it was drawn for (a new one is drawn for anew).
    area: HtmlTextAreaElement,
    /// The text and language last asked for.
    asked: Option<(String, Lang)>,
    /// The last answer.
    linted: Option<Rc<Linted>>,
}

/// What is in an editor's layer and list, so that an edit rewrites only the lines it changed.
#[derive(Default)]
struct Shown {
    lines: Vec<String>,
    list: String,
}

thread_local! {
    /// By textarea id.
    static EDITORS: RefCell<Vec<(String, Drawn)>> = const { RefCell::new(Vec::new()) };
    /// What each editor's layer and list show, by textarea id.
    static SHOWN: RefCell<Vec<(String, Shown)>> = const { RefCell::new(Vec::new()) };
    /// The editors edited since the last frame, by textarea.
    static EDITED: RefCell<Vec<HtmlTextAreaElement>> = const { RefCell::new(Vec::new()) };
    /// The pending look at the editors.
    static PENDING: RefCell<Option<gloo::timers::callback::Timeout>> = const { RefCell::new(None) };
}

/// The answer for the editor `id`, if any.
pub fn linted(id: &str) -> Option<Rc<Linted>> {
    EDITORS.with(|e| e.borrow().iter().find(|(key, _)| key == id).and_then(|(_, drawn)| drawn.linted.clone()))
}

/// Looks at the editors once the page has been still for a moment, and at once.
pub fn watch() {
    let observed = Closure::<dyn FnMut()>::new(schedule);
    if let (Ok(observer), Some(body)) =
        (MutationObserver::new(observed.as_ref().unchecked_ref()), document().and_then(|d| d.body()))
    {
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_character_data(true);
        let _ = observer.observe_with_options(&body, &options);
    }
    // The observer lives as long as the page.
    observed.forget();
    scan();
}

fn schedule() {
    let timeout = gloo::timers::callback::Timeout::new(LINT_DELAY_MS, scan);
    PENDING.with(|p| *p.borrow_mut() = Some(timeout));
}

/// Every editor: linted again where its text or the language changed; the "about" line in the
/// page's language; the AWS managed policies the page waits for, asked for.
fn scan() {
    super::about::refresh();
    super::resolve::scan();
    let Some(sections) = document().and_then(|d| d.query_selector_all("section.editor[data-pointer]").ok()) else {
        return;
    };
    let lang = page_lang();
    for index in 0..sections.length() {
        if let Some(section) = sections.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
            look_at(&section, lang);
        }
    }
}

fn look_at(section: &Element, lang: Lang) {
    let area = section.query_selector(".editor-code textarea").ok().flatten();
    // A text too long to edit is shown without a textarea: the page's list again.
    let Some(area) = area.and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok()) else {
        clear(section, None);
        return;
    };
    let id = area.id();
    let text = area.value();
    if id.is_empty() {
        return;
    }
    super::editor::parts(&area);
    if text.len() > LINT_UP_TO {
        clear(section, Some(&area));
        forget(&id);
        return;
    }
    let (same_area, asked) = EDITORS.with(|e| {
        let editors = e.borrow();
        let drawn = editors.iter().find(|(key, _)| *key == id).map(|(_, drawn)| drawn);
        (drawn.is_some_and(|d| d.area == area), drawn.and_then(|d| d.asked.clone()))
    });
    if !same_area {
        // A new textarea (the page drew the editor anew): whatever was drawn went with the old one.
        forget(&id);
        EDITORS.with(|e| e.borrow_mut().push((id.clone(), Drawn { area: area.clone(), asked: None, linted: None })));
    }
    if same_area && asked.as_ref() == Some(&(text.clone(), lang)) {
        return;
    }
    let kind = section.get_attribute("data-pointer").map_or("identity", |pointer| policy_kind(&pointer));
    EDITORS.with(|e| {
        if let Some((_, drawn)) = e.borrow_mut().iter_mut().find(|(key, _)| *key == id) {
            drawn.asked = Some((text.clone(), lang));
        }
    });
    let request = json!({"op": "lint", "text": &text, "kind": kind, "lang": lang.tag()});
    channel::ask(request, move |answer| {
        let linted = Rc::new(Linted::read(text, lang, &answer));
        let current = EDITORS.with(|e| {
            let mut editors = e.borrow_mut();
            let (_, drawn) = editors.iter_mut().find(|(key, _)| *key == id)?;
            if drawn.area != area {
                return None;
            }
            drawn.linted = Some(linted.clone());
            Some(drawn.area.clone())
        });
        if let Some(area) = current {
            draw(&area, &linted);
        }
    });
}

fn forget(id: &str) {
    EDITORS.with(|e| e.borrow_mut().retain(|(key, _)| key != id));
    SHOWN.with(|s| s.borrow_mut().retain(|(key, _)| key != id));
}

/// The id of the findings list of the editor whose textarea is `id`.
fn list_id(id: &str) -> String {
    format!("{id}-findings")
}

/// The id of the underline layer of the editor whose textarea is `id`.
fn layer_id(id: &str) -> String {
    format!("{id}-findings-layer")
}

/// The page's own list of diagnostics under the editor of `area`.
fn page_list(area: &HtmlTextAreaElement) -> Option<Element> {
    document()?.get_element_by_id(&format!("{}-diagnostics", area.id()))
}

/// Redraws the underlines and the list of the editor of `area` after an edit (the underlines of
/// the text kept follow it), if it has been linted: in the next frame, so that a keystroke waits
/// for none of it, and several keystrokes in one frame are drawn once.
pub fn edited(area: &HtmlTextAreaElement) {
    if linted(&area.id()).is_none() {
        return;
    }
    let first = EDITED.with(|e| {
        let mut edited = e.borrow_mut();
        let first = edited.is_empty();
        if !edited.contains(area) {
            edited.push(area.clone());
        }
        first
    });
    if first {
        let frame = Closure::once_into_js(|| {
            for area in EDITED.with(|e| std::mem::take(&mut *e.borrow_mut())) {
                if let Some(linted) = linted(&area.id()) {
                    draw(&area, &linted);
                }
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(frame.unchecked_ref());
        }
    }
}

/// Rewrites the lines of `layer` that differ between `old` (what it shows, if its children are
/// those lines) and `new`.
fn patch(layer: &Element, old: &[String], new: &[String]) {
    if usize::try_from(layer.child_element_count()).ok() != Some(old.len()) {
        layer.set_inner_html(&new.concat());
        return;
    }
    let (start, end) = unchanged_ends(old, new);
    let children = layer.children();
    for _ in start..old.len() - end {
        if let Some(child) = u32::try_from(start).ok().and_then(|at| children.item(at)) {
            child.remove();
        }
    }
    let Some(inserted) = new.get(start..new.len() - end) else { return };
    if inserted.is_empty() {
        return;
    }
    let before = start.checked_sub(1).and_then(|at| u32::try_from(at).ok()).and_then(|at| children.item(at));
    let _ = match before {
        Some(before) => before.insert_adjacent_html("afterend", &inserted.concat()),
        None => layer.insert_adjacent_html("afterbegin", &inserted.concat()),
    };
}

/// Draws `linted` for the editor of `area`: the underlines in their layer, the items in the
/// list that takes the page's list's place.
fn draw(area: &HtmlTextAreaElement, linted: &Linted) {
    let id = area.id();
    let text = area.value();
    let Some(code) = area.parent_element() else { return };
    super::editor::parts(area);
    let kept = linted.kept(&text);
    let marks: Vec<Mark> = kept.iter().map(|(_, mark)| mark.clone()).collect();
    let mut shown = SHOWN.with(|s| {
        let mut shown = s.borrow_mut();
        let at = shown.iter().position(|(key, _)| *key == id);
        at.map(|at| shown.swap_remove(at).1).unwrap_or_default()
    });
    let layer = by_id::<Element>(&layer_id(&id)).or_else(|| {
        let layer =
            element("pre", &[("id", &layer_id(&id)), ("class", "findings-layer mono"), ("aria-hidden", "true")])?;
        // Over the coloured text (its own text is transparent), under the textarea.
        area.insert_adjacent_element("beforebegin", &layer).ok()?;
        Some(layer)
    });
    if let Some(layer) = layer {
        let lines = if marks.is_empty() { Vec::new() } else { overlay_lines(&text, &marks) };
        patch(&layer, &shown.lines, &lines);
        shown.lines = lines;
    }
    let _ = code.set_attribute("data-linted", "");
    let list = draw_list(area, linted, &kept, &mut shown.list);
    SHOWN.with(|s| s.borrow_mut().push((id, shown)));
    if list.is_some() {
        // The page's list steps aside (its testid goes with it), and the textarea is described by this one.
        if let Some(page_list) = page_list(area) {
            let _ = page_list.set_attribute("hidden", "");
            let _ = page_list.set_attribute("data-testid", "page-diagnostics");
        }
        let _ = area.set_attribute("aria-describedby", &list_id(&area.id()));
    }
}

/// The list of the findings `kept` (`shown`: what it shows), after the page's list and the
/// explanation line.
fn draw_list(
    area: &HtmlTextAreaElement,
    linted: &Linted,
    kept: &[(usize, Mark)],
    shown: &mut String,
) -> Option<Element> {
    let id = area.id();
    let page_list = page_list(area)?;
    let mut fresh = false;
    let list = by_id::<Element>(&list_id(&id)).or_else(|| {
        let list = element(
            "ul",
            &[
                ("id", &list_id(&id)),
                ("class", "diag-list findings"),
                ("data-testid", "diagnostics"),
                ("aria-live", "polite"),
            ],
        )?;
        // After the explanation line, which follows the page's list.
        let before = by_id::<Element>(&super::editor::info_id(&id)).unwrap_or_else(|| page_list.clone());
        before.insert_adjacent_element("afterend", &list).ok()?;
        fresh = true;
        Some(list)
    })?;
    let label = tr(linted.lang, "Errors and findings", "エラーと指摘");
    if list.get_attribute("aria-label").as_deref() != Some(label) {
        let _ = list.set_attribute("aria-label", label);
    }
    let items: String = kept.iter().filter_map(|(index, _)| linted.items.get(*index).map(String::as_str)).collect();
    if fresh || items != *shown {
        list.set_inner_html(&items);
        *shown = items;
    }
    Some(list)
}

/// Takes away the findings drawn in the editor `section` (its text is too long to lint, or to
/// edit: then it has no textarea, and no explanation line either): the page's list and
/// underlines again.
fn clear(section: &Element, area: Option<&HtmlTextAreaElement>) {
    let drawn =
        if area.is_some() { ".findings-layer, ul.findings" } else { ".findings-layer, ul.findings, p.action-info" };
    if let Ok(found) = section.query_selector_all(drawn) {
        for index in 0..found.length() {
            if let Some(element) = found.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                element.remove();
            }
        }
    }
    if let Ok(Some(code)) = section.query_selector(".editor-code[data-linted]") {
        let _ = code.remove_attribute("data-linted");
    }
    if let Ok(Some(page_list)) = section.query_selector("ul.diag-list[data-testid=page-diagnostics]") {
        let _ = page_list.remove_attribute("hidden");
        let _ = page_list.set_attribute("data-testid", "diagnostics");
        if let Some(area) = area {
            let _ = area.set_attribute("aria-describedby", &page_list.id());
        }
    }
}

/// A click in a findings list: a place selects its text in the editor, a quick fix makes its
/// edits (only while the text is the one linted).
pub fn clicked(target: &Element) {
    let Ok(Some(button)) = target.closest(".findings [data-go], .findings [data-fix]") else { return };
    let Some(list) = button.closest(".findings").ok().flatten() else { return };
    let id = list.id().trim_end_matches("-findings").to_owned();
    let Some(area) = by_id::<HtmlTextAreaElement>(&id) else { return };
    if let Some(fix) = button.get_attribute("data-fix") {
        let Some(linted) = linted(&id) else { return };
        let edits = fix.parse::<usize>().ok().and_then(|n| linted.fixes.get(n));
        if let (Some(edits), true) = (edits, area.value() == linted.text) {
            let fixed = apply(&linted.text, edits);
            super::editor::replace_text(&area, &fixed, None);
        }
    } else if let Some(go) = button.get_attribute("data-go") {
        let mut range = go.split(' ').filter_map(|n| n.parse::<u32>().ok());
        if let (Some(start), Some(end)) = (range.next(), range.next()) {
            let _ = area.unchecked_ref::<HtmlElement>().focus();
            let _ = area.set_selection_range(start, end);
        }
    }
}
