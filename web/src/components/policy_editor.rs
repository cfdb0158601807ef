//! A policy editor that feels like a code editor: line numbers, JSON colours, diagnostics
//! underlined with their message on hover and listed below, the deciding statements highlighted,
//! and a Format button. A transparent `<textarea>` lies over a highlighted `<pre>` of the same
//! size; both scroll together inside one box, so they never drift apart. Tokens are text nodes:
//! nothing the user types is ever parsed as HTML.

use std::rc::Rc;

use omen_core::diagnostics::LineIndex;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::highlight::{format_json, line_count, pieces, Mark};
use crate::i18n::Lang;

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

/// Properties of [`Line`].
#[derive(Properties, PartialEq)]
struct LineProps {
    /// The line, with its line break.
    text: AttrValue,
    /// The marks over it, in bytes from the line's start.
    marks: Rc<Vec<Mark>>,
}

/// One highlighted line: JSON tokens as text nodes in coloured spans, marks on top.
#[component]
fn Line(props: &LineProps) -> Html {
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
    html! { <>{ for spans }</> }
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
    let lines = line_count(text);
    let gutter: String = (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");
    // One component a line: a keystroke re-renders the line it changed, not the whole policy.
    let mut offset = 0;
    let highlighted: Vec<Html> = text
        .split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            let marks: Vec<Mark> = props
                .marks
                .iter()
                .filter(|mark| mark.start < offset && mark.end > start)
                .map(|mark| Mark {
                    start: mark.start.saturating_sub(start),
                    end: mark.end.saturating_sub(start).min(line.len()),
                    ..mark.clone()
                })
                .collect();
            html! { <Line text={AttrValue::from(line.to_owned())} marks={Rc::new(marks)} /> }
        })
        .collect();
    let index = LineIndex::new(text);
    let diagnostics: Vec<Html> = props
        .marks
        .iter()
        .filter(|mark| mark.class.starts_with("diag"))
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
    let diag_id = format!("{}-diagnostics", props.id);
    let decided = props.marks.iter().any(|mark| mark.class.starts_with("decide"));
    html! {
        <section class={classes!("editor", decided.then_some("decided"))} data-pointer={props.pointer.clone()}>
            <div class="editor-head">
                <label class="editor-label" for={props.id.clone()}>{ props.label.clone() }</label>
                <span class="editor-lines">{ format!("{lines} {}", t.lines) }</span>
                <button type="button" class="small" onclick={on_format} aria-label={format!("{} — {}", t.format, props.label)}>
                    { t.format }
                </button>
            </div>
            <div class="editor-scroll">
                <pre class="gutter mono" aria-hidden="true">{ gutter }</pre>
                <div class="editor-code">
                    <pre class="highlight mono" aria-hidden="true">{ for highlighted }{ "\n " }</pre>
                    <textarea
                        id={props.id.clone()}
                        class="mono"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        aria-describedby={diag_id.clone()}
                        value={props.value.clone()}
                        {oninput}
                    />
                </div>
            </div>
            <ul class="diag-list" id={diag_id} data-testid="diagnostics" aria-label={t.diagnostics}>
                { for diagnostics }
            </ul>
        </section>
    }
}
