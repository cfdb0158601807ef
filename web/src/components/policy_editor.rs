//! A policy editor: a monospace textarea with line numbers beside it.

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`PolicyEditor`].
#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    /// Element id of the textarea, also the heading's label target.
    pub id: AttrValue,
    /// The editor's heading.
    pub label: AttrValue,
    /// One line saying what the policy is.
    pub hint: AttrValue,
    /// The policy text.
    pub value: AttrValue,
    /// Called with the new text on every edit.
    pub on_input: Callback<String>,
}

/// The numbers `1` to the line count of `text`, one a line, for the gutter.
pub fn line_numbers(text: &str) -> String {
    let lines = text.split('\n').count();
    (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n")
}

/// A policy editor. The gutter follows the textarea's scrolling; lines never wrap so that the
/// numbers stay beside their lines.
#[component]
pub fn PolicyEditor(props: &PolicyEditorProps) -> Html {
    let gutter = use_node_ref();
    let oninput =
        props.on_input.reform(|event: InputEvent| event.target_unchecked_into::<HtmlTextAreaElement>().value());
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |event: Event| {
            let area = event.target_unchecked_into::<HtmlElement>();
            if let Some(gutter) = gutter.cast::<HtmlElement>() {
                gutter.set_scroll_top(area.scroll_top());
            }
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <section class="editor">
            <label class="editor-label" for={props.id.clone()}>{ props.label.clone() }</label>
            <p class="hint" id={hint_id.clone()}>{ props.hint.clone() }</p>
            <div class="editor-body">
                <pre class="gutter mono" aria-hidden="true" ref={gutter}>
                    { line_numbers(&props.value) }
                </pre>
                <textarea
                    id={props.id.clone()}
                    class="mono"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    rows="14"
                    aria-describedby={hint_id}
                    value={props.value.clone()}
                    {oninput}
                    {onscroll}
                />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::line_numbers;

    #[test]
    fn one_number_per_line() {
        assert_eq!(line_numbers(""), "1");
        assert_eq!(line_numbers("{}"), "1");
        assert_eq!(line_numbers("{\n}"), "1\n2");
        assert_eq!(line_numbers("{\n}\n"), "1\n2\n3", "a final newline starts a line");
    }
}
