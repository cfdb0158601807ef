//! A policy editor that feels like a code editor: line numbers, JSON colours, soft-wrapped long
//! lines, diagnostics underlined with their message on hover and listed below, the deciding
//! statements highlighted, and a Format button.
//!
//! The transparent `<textarea>` and the highlighted `<pre>` are stacked in one CSS grid cell, so
//! the cell is as tall as the taller of the two: the textarea is always as tall as its whole text
//! and never scrolls on its own. One box around them scrolls both at once, and both lay out their
//! text with the same font, padding, line height, tab size, width and wrapping, so what is clicked
//! is what is shown, at any length, width or zoom. Line numbers are drawn per logical line in a
//! gutter column the textarea does not cover, so they follow wrapped lines. Text too long to
//! colour on every keystroke is edited in a plain, visible textarea instead (no second layer to
//! drift from); text too long for the browser's own textarea to edit briskly (a 1 MB paste) is
//! shown as a read-only head with its size, still checked and played, and a paste that would make
//! it so never goes through the textarea. Tokens are text nodes: nothing typed is ever HTML.
//! A paste of AWS CLI output (`aws iam get-role`, `get-policy-version`, `get-role-policy`,
//! `get-user-policy`) or of a URL-encoded document goes in as pasted, and the editor offers to
//! unwrap it to the policy document inside in one click (core `import::policy_from_paste`).

use std::rc::Rc;

use omen_core::LineIndex;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};
use yew::prelude::*;

use crate::highlight::{byte_offset, format_json, head, line_count, lines, pieces, Mark};
use crate::i18n::Lang;

/// An element id for the editor of `pointer`: `/users/0/policies/0/document` →
/// `ed-users-0-policies-0-document`.
pub fn editor_id(pointer: &str) -> String {
    let id: String = pointer.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("ed{id}")
}

/// Above this many bytes an editor shows plain text: no colours, no line numbers, no second
/// layer. Four times AWS's largest policy quota (10,240 characters for a role's inline
/// policies, "IAM and AWS STS quotas") pretty-printed, so every policy AWS accepts is coloured.
pub const PLAIN_TEXT_ABOVE: usize = 64 * 1024;

/// Above this many bytes a text is not edited in the page: Chromium's textarea takes tens of
/// milliseconds per keystroke past ~150 KB and seconds past 1 MB. Twelve times the largest
/// policy AWS accepts, pretty-printed.
pub const EDIT_TEXT_UP_TO: usize = 128 * 1024;

/// How many lines of a text too long to edit are shown.
pub const PREVIEW_LINES: usize = 200;

/// At most this many diagnostics are listed under an editor (all of them are still counted).
pub const LISTED_DIAGNOSTICS: usize = 50;

/// How an editor shows its text, by its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Coloured, numbered and edited in place (up to [`PLAIN_TEXT_ABOVE`] bytes).
    Highlighted,
    /// One plain textarea (up to [`EDIT_TEXT_UP_TO`] bytes).
    Plain,
    /// A read-only head of the text, with its size.
    TooLong,
}

impl Mode {
    /// The mode for a text of `bytes` bytes.
    pub fn of(bytes: usize) -> Mode {
        if bytes > EDIT_TEXT_UP_TO {
            Mode::TooLong
        } else if bytes > PLAIN_TEXT_ABOVE {
            Mode::Plain
        } else {
            Mode::Highlighted
        }
    }
}

/// The text after pasting `pasted` over the selection `start..end` (UTF-16 units, as the browser
/// counts) of `text`.
pub fn pasted_text(text: &str, start: usize, end: usize, pasted: &str) -> String {
    let (start, end) = (byte_offset(text, start), byte_offset(text, end.max(start)));
    let mut out = String::with_capacity(text.len() + pasted.len());
    out.push_str(text.get(..start).unwrap_or_default());
    out.push_str(pasted);
    out.push_str(text.get(end..).unwrap_or_default());
    out
}

/// Properties of [`PolicyEditor`].
#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    /// Element id of the textarea.
    pub id: AttrValue,
    /// The editor's heading.
    pub label: AttrValue,
    /// The JSON pointer of the document in the world.
    pub pointer: AttrValue,
    /// The policy text.
    pub value: AttrValue,
    /// Diagnostics and deciding statements to draw.
    #[prop_or_default]
    pub marks: Rc<Vec<Mark>>,
    /// The interface language.
    pub lang: Lang,
    /// Called with `(pointer, text)` on every edit.
    pub on_input: Callback<(String, String)>,
    /// Whether the document is an AWS managed policy: read-only, as AWS would refuse any change
    /// ("AWS managed policies": "You cannot change the permissions defined in AWS managed
    /// policies"). Its text can be selected and copied; typing says so once, with the offer to
    /// copy it to a customer managed policy one click away.
    #[prop_or_default]
    pub aws_managed: bool,
    /// Called with the editor's pointer to replace its AWS managed policy by a customer managed copy.
    #[prop_or_default]
    pub on_copy: Callback<String>,
    /// Called with the editor's pointer to remove its policy; no Remove button when absent (a
    /// trust policy cannot go).
    #[prop_or_default]
    pub on_remove: Option<Callback<String>>,
}

/// Properties of [`CodeLine`].
#[derive(Properties, PartialEq)]
struct CodeLineProps {
    /// Its number, from 1.
    number: usize,
    /// The line, with its line break.
    text: AttrValue,
    /// The marks over it, in bytes from the line's start.
    marks: Rc<Vec<Mark>>,
}

/// One logical line: its number in the gutter (drawn by CSS from `data-n`, so it is not part of
/// the text), then JSON tokens as text nodes in coloured spans, marks on top.
#[component]
fn CodeLine(props: &CodeLineProps) -> Html {
    let text: &str = &props.text;
    let spans = pieces(text, &props.marks).into_iter().map(|piece| {
        let content = text.get(piece.start..piece.end).unwrap_or_default().to_owned();
        if piece.marks.is_empty() {
            return html! { <span class={piece.token.class()}>{ content }</span> };
        }
        let mut classes = classes!(piece.token.class());
        let mut title = None;
        for mark in piece.marks.iter().filter_map(|&index| props.marks.get(index)) {
            classes.push(mark.class);
            if title.is_none() {
                title.clone_from(&mark.title);
            }
        }
        html! { <span class={classes} {title}>{ content }</span> }
    });
    html! { <span class="line" data-n={props.number.to_string()}>{ for spans }</span> }
}

/// The `data-digits` of the gutter: how many digits the largest line number has (at least 2,
/// at most 6; the stylesheet sizes the gutter from it).
fn digits(lines: usize) -> usize {
    lines.to_string().len().clamp(2, 6)
}

/// A policy editor.
#[component]
pub fn PolicyEditor(props: &PolicyEditorProps) -> Html {
    let t = props.lang.strings();
    let pointer = props.pointer.to_string();
    let oninput = {
        let pointer = pointer.clone();
        props.on_input.reform(move |event: InputEvent| {
            (pointer.clone(), event.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    // The box around the layers scrolls; the textarea itself never should (it is as tall as its
    // text). Should a browser scroll it anyway (to reveal a caret), it is put back at once.
    let onscroll = Callback::from(|event: Event| {
        let area = event.target_unchecked_into::<HtmlTextAreaElement>();
        if area.scroll_top() != 0 || area.scroll_left() != 0 {
            area.set_scroll_top(0);
            area.set_scroll_left(0);
        }
    });
    // Whether someone tried to change a read-only AWS managed policy (said once, then kept shown).
    let refused = use_state(|| false);
    let refuse = {
        let refused = refused.clone();
        move || {
            if !*refused {
                refused.set(true);
            }
        }
    };
    let onkeydown = props.aws_managed.then(|| {
        let refuse = refuse.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let typing = key.chars().count() == 1 && !event.ctrl_key() && !event.meta_key() && !event.alt_key();
            if typing || matches!(key.as_str(), "Backspace" | "Delete" | "Enter") {
                refuse();
            }
        })
    });
    let oncut = props.aws_managed.then(|| {
        let refuse = refuse.clone();
        Callback::from(move |_: Event| refuse())
    });
    // The text from before a paste too long to edit, so that it can be put back.
    let before_paste = use_state(|| None::<AttrValue>);
    // The policy document inside a pasted CLI output, with the command that printed it.
    let unwrap_offer = use_state(|| None::<(AttrValue, &'static str)>);
    // A paste that would make the text too long to edit skips the textarea (Chromium takes
    // seconds to insert a megabyte): the page takes the pasted text and shows its head.
    let onpaste = {
        let pointer = pointer.clone();
        let on_input = props.on_input.clone();
        let before_paste = before_paste.clone();
        let unwrap_offer = unwrap_offer.clone();
        let aws_managed = props.aws_managed;
        Callback::from(move |event: Event| {
            if aws_managed {
                // Read-only: the browser inserts nothing; neither does the page.
                event.prevent_default();
                refuse();
                return;
            }
            let Some(pasted) = event
                .dyn_ref::<ClipboardEvent>()
                .and_then(ClipboardEvent::clipboard_data)
                .and_then(|data| data.get_data("text/plain").ok())
            else {
                return;
            };
            // CLI output is a few KB; a huge paste is not looked into.
            let found = (pasted.len() <= PLAIN_TEXT_ABOVE)
                .then(|| omen_core::import::policy_from_paste(&pasted))
                .flatten()
                .filter(|found| found.problem.is_none());
            unwrap_offer.set(found.map(|found| (AttrValue::from(found.document), found.shape.command())));
            let area = event.target_unchecked_into::<HtmlTextAreaElement>();
            let text = area.value();
            if text.len() + pasted.len() <= EDIT_TEXT_UP_TO {
                return;
            }
            let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
            let after = pasted_text(&text, start, end, &pasted);
            if Mode::of(after.len()) != Mode::TooLong {
                return;
            }
            event.prevent_default();
            before_paste.set(Some(AttrValue::from(text)));
            on_input.emit((pointer.clone(), after));
        })
    };
    let on_format = {
        let pointer = pointer.clone();
        let value = props.value.clone();
        let on_input = props.on_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(formatted) = format_json(&value) {
                on_input.emit((pointer.clone(), formatted));
            }
        })
    };
    let offer = (*unwrap_offer).clone().map(|(document, command)| {
        let on_unwrap = {
            let pointer = pointer.clone();
            let on_input = props.on_input.clone();
            let unwrap_offer = unwrap_offer.clone();
            let id = props.id.clone();
            Callback::from(move |_: MouseEvent| {
                unwrap_offer.set(None);
                on_input.emit((pointer.clone(), document.to_string()));
                // Back to the editor, whose text is now the document.
                let area = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
                if let Some(area) = area.and_then(|area| area.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = area.focus();
                }
            })
        };
        let on_keep = {
            let unwrap_offer = unwrap_offer.clone();
            Callback::from(move |_: MouseEvent| unwrap_offer.set(None))
        };
        html! {
            <div class="paste-offer" role="status" data-testid="paste-offer">
                <span>{ props.lang.pasted_cli_output(command) }</span>
                <button type="button" class="small" onclick={on_unwrap} data-testid="unwrap">{ t.unwrap_document }</button>
                <button type="button" class="small" onclick={on_keep}>{ t.keep_as_pasted }</button>
            </div>
        }
    });
    let text: &str = &props.value;
    let count = line_count(text);
    let mode = Mode::of(text.len());
    let plain = mode != Mode::Highlighted;
    let highlighted = (!plain).then(|| {
        // One component a line: a keystroke re-renders the lines it changed, not the policy.
        lines(text, &props.marks)
            .into_iter()
            .enumerate()
            .map(|(index, line)| {
                let content = text.get(line.start..line.end).unwrap_or_default();
                html! {
                    <CodeLine number={index + 1} text={AttrValue::from(content.to_owned())} marks={Rc::new(line.marks)} />
                }
            })
            .collect::<Html>()
    });
    let index = LineIndex::new(text);
    let diagnostics: Vec<&Mark> = props.marks.iter().filter(|mark| mark.class.starts_with("diag")).collect();
    let listed: Vec<Html> = diagnostics
        .iter()
        .take(LISTED_DIAGNOSTICS)
        .map(|mark| {
            let at = index.position(mark.start);
            let severity = if mark.class == "diag-error" { "error" } else { "warning" };
            html! {
                <li class={classes!("diag", mark.class)} data-severity={severity}>
                    <span class="mono">{ format!("{}:{}", at.line, at.column) }</span>
                    { " " }
                    { mark.title.clone().unwrap_or_default() }
                </li>
            }
        })
        .collect();
    let unlisted = diagnostics.len().saturating_sub(LISTED_DIAGNOSTICS);
    let invalid = diagnostics.iter().any(|mark| mark.class == "diag-error");
    let diag_id = format!("{}-diagnostics", props.id);
    let decided = props.marks.iter().any(|mark| mark.class.starts_with("decide"));
    let copy_button = |testid: &'static str| {
        let onclick = {
            let pointer = pointer.clone();
            props.on_copy.reform(move |_: MouseEvent| pointer.clone())
        };
        let label = format!("{} — {}", t.copy_to_customer_managed, props.label);
        html! {
            <button type="button" class="small" data-testid={testid} aria-label={label} {onclick}>{ t.copy_to_customer_managed }</button>
        }
    };
    let textarea = html! {
        <textarea
            id={props.id.clone()}
            class="mono"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            wrap="soft"
            aria-describedby={diag_id.clone()}
            aria-invalid={invalid.then_some("true")}
            readonly={props.aws_managed}
            value={props.value.clone()}
            {oninput}
            {onpaste}
            {onkeydown}
            {oncut}
            onscroll={(!plain).then_some(onscroll)}
        />
    };
    let body = if mode == Mode::TooLong {
        let shown = head(text, PREVIEW_LINES, PLAIN_TEXT_ABOVE);
        let on_clear = {
            let pointer = pointer.clone();
            props.on_input.reform(move |_: MouseEvent| (pointer.clone(), String::new()))
        };
        let on_put_back = before_paste.as_ref().map(|before| {
            let pointer = pointer.clone();
            let before = before.to_string();
            let before_paste = before_paste.clone();
            let on_input = props.on_input.clone();
            Callback::from(move |_: MouseEvent| {
                before_paste.set(None);
                on_input.emit((pointer.clone(), before.clone()));
            })
        });
        html! {
            <div class="editor-too-long" data-testid="too-long">
                <p class="hint" role="status">
                    { props.lang.too_long_to_edit(text.len().div_ceil(1024), count, line_count(shown).min(count)) }
                </p>
                <div class="buttons">
                    if let Some(onclick) = on_put_back {
                        <button type="button" class="small" {onclick} data-testid="put-back">{ t.put_back }</button>
                    }
                    <button type="button" class="small" onclick={on_clear} data-testid="clear-text">{ t.clear_text }</button>
                </div>
                <pre class="editor-preview mono" tabindex="0" aria-label={props.label.clone()}>{ shown }</pre>
            </div>
        }
    } else {
        // The same elements whether coloured or plain, so that crossing the threshold keeps the
        // textarea, its focus and its undo history.
        html! {
            <div class={classes!("editor-scroll", plain.then_some("plain"))}>
                <div class="editor-code" data-digits={digits(count).to_string()}>
                    <pre class="highlight mono" aria-hidden="true" hidden={plain}>
                        { for highlighted }
                        // Room for one more line: the textarea never needs to scroll.
                        <span class="line slack">{ " " }</span>
                    </pre>
                    { textarea }
                </div>
            </div>
        }
    };
    html! {
        <section class={classes!("editor", decided.then_some("decided"))} data-pointer={props.pointer.clone()}>
            <div class="editor-head">
                <label class="editor-label" for={props.id.clone()}>{ props.label.clone() }</label>
                <span class="editor-lines">{ format!("{count} {}", t.lines) }</span>
                if decided { <span class="decided-badge" data-testid="decided">{ t.deciding_policy }</span> }
                if invalid { <span class="invalid-badge">{ t.has_errors }</span> }
                if mode != Mode::TooLong && !props.aws_managed {
                    <button type="button" class="small" onclick={on_format} aria-label={format!("{} — {}", t.format, props.label)}>
                        { t.format }
                    </button>
                }
                if let Some(on_remove) = &props.on_remove {
                    <button type="button" class="small" data-testid="remove-editor" aria-label={format!("{} — {}", t.remove_policy, props.label)} onclick={
                        let pointer = pointer.clone();
                        on_remove.reform(move |_: MouseEvent| pointer.clone())
                    }>{ format!("− {}", t.remove_policy) }</button>
                }
                if props.aws_managed {
                    <span class="managed-badge" data-testid="aws-managed">{ t.aws_managed_read_only }</span>
                    { copy_button("copy-managed") }
                }
                if mode == Mode::Plain { <p class="hint plain-note" data-testid="plain-text">{ t.plain_text }</p> }
            </div>
            { for offer }
            if *refused && props.aws_managed {
                <div class="paste-offer" role="status" data-testid="read-only-said">
                    <span>{ t.aws_managed_not_editable }</span>
                    { copy_button("copy-managed-said") }
                </div>
            }
            { body }
            <ul class="diag-list" id={diag_id} data-testid="diagnostics" aria-label={t.diagnostics}>
                { for listed }
                if unlisted > 0 {
                    <li class="diag diag-more" data-testid="diagnostics-more">{ format!("+{unlisted} {}", t.more_diagnostics) }</li>
                }
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_ids_are_plain() {
        assert_eq!(editor_id("/users/0/policies/0/document"), "ed-users-0-policies-0-document");
    }

    #[test]
    fn modes_follow_the_length() {
        assert_eq!(Mode::of(0), Mode::Highlighted);
        assert_eq!(Mode::of(PLAIN_TEXT_ABOVE), Mode::Highlighted);
        assert_eq!(Mode::of(PLAIN_TEXT_ABOVE + 1), Mode::Plain);
        assert_eq!(Mode::of(EDIT_TEXT_UP_TO), Mode::Plain);
        assert_eq!(Mode::of(EDIT_TEXT_UP_TO + 1), Mode::TooLong);
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16() {
        // お is one UTF-16 unit and three bytes; 😀 is two units and four bytes.
        assert_eq!(pasted_text("aお😀b", 2, 4, "XY"), "aおXYb");
        assert_eq!(pasted_text("ab", 1, 1, "-"), "a-b");
        assert_eq!(pasted_text("ab", 5, 2, "!"), "ab!");
    }

    #[test]
    fn the_gutter_fits_the_largest_line_number() {
        assert_eq!([1, 9, 10, 99, 100, 12_345, 9_999_999].map(digits), [2, 2, 2, 2, 3, 5, 6]);
    }
}
