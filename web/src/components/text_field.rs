//! A labelled one-line text input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id, also the label's target.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The current text.
    pub value: AttrValue,
    /// Called with the new text on every edit.
    pub on_input: Callback<String>,
}

/// A labelled one-line text input, in monospace, with no spell checking.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = props.on_input.reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type="text"
                class="mono"
                spellcheck="false"
                autocomplete="off"
                value={props.value.clone()}
                {oninput}
            />
        </div>
    }
}
