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
//! drift from). Tokens are text nodes: nothing the user types is ever parsed as HTML.

use std::rc::Rc;

use omen_core::diagnostics::LineIndex;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::highlight::{format_json, line_count, lines, pieces, Mark};
use crate::i18n::Lang;

/// Above this many bytes an editor shows plain text: no colours, no line numbers, no second
/// layer. Four times AWS's largest policy quota (10,240 characters for a role's inline
/// policies, "IAM and AWS STS quotas") pretty-printed, so every policy AWS accepts is coloured.
pub const PLAIN_TEXT_ABOVE: usize = 64 * 1024;

/// At most this many diagnostics are listed under an editor (all of them are still counted).
pub const LISTED_DIAGNOSTICS: usize = 50;

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
    let text: &str = &props.value;
    let count = line_count(text);
    let plain = text.len() > PLAIN_TEXT_ABOVE;
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
    html! {
        <section class={classes!("editor", decided.then_some("decided"))} data-pointer={props.pointer.clone()}>
            <div class="editor-head">
                <label class="editor-label" for={props.id.clone()}>{ props.label.clone() }</label>
                <span class="editor-lines">{ format!("{count} {}", t.lines) }</span>
                <button type="button" class="small" onclick={on_format} aria-label={format!("{} — {}", t.format, props.label)}>
                    { t.format }
                </button>
                if plain { <p class="hint plain-note" data-testid="plain-text">{ t.plain_text }</p> }
            </div>
            // The same elements in both modes, so that crossing the threshold (a long paste)
            // keeps the textarea, its focus and its undo history.
            <div class={classes!("editor-scroll", plain.then_some("plain"))}>
                <div class="editor-code" data-digits={digits(count).to_string()}>
                    <pre class="highlight mono" aria-hidden="true" hidden={plain}>
                        { for highlighted }
                        // Room for one more line: the textarea never needs to scroll.
                        <span class="line slack">{ " " }</span>
                    </pre>
                    <textarea
                        id={props.id.clone()}
                        class="mono"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="soft"
                        aria-describedby={diag_id.clone()}
                        aria-invalid={invalid.then_some("true")}
                        value={props.value.clone()}
                        {oninput}
                        onscroll={(!plain).then_some(onscroll)}
                    />
                </div>
            </div>
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
    fn the_gutter_fits_the_largest_line_number() {
        assert_eq!([1, 9, 10, 99, 100, 12_345, 9_999_999].map(digits), [2, 2, 2, 2, 3, 5, 6]);
    }
}
