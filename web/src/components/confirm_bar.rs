//! The question a replacement asks before it discards edits (another story, Reset, an import, a
//! link in the address): replace them, keep them, or export them first. Undo brings replaced
//! worlds back, and the bar says so. The keyboard focus moves to it when it appears.

use yew::prelude::*;

use crate::context::use_playground;
use crate::hooks::use_export;
use crate::state::{Action, Replacement};

/// The pending replacement's question, if one is pending.
#[component]
pub fn ConfirmBar() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let keep_button = use_node_ref();
    let reason = state.pending.as_ref().map(|pending| pending.reason);
    {
        let keep_button = keep_button.clone();
        use_effect_with(reason, move |reason| {
            if reason.is_some() {
                if let Some(button) = keep_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let on_export = use_export(&state);
    let Some(reason) = reason else {
        return Html::default();
    };
    let t = state.lang.strings();
    let question = match reason {
        Replacement::Preset => t.ask_preset,
        Replacement::Import | Replacement::ChangedImport => t.ask_import,
        Replacement::Link => t.ask_link,
        Replacement::Reset | Replacement::Fix | Replacement::Removal => t.ask_reset,
    };
    let confirm = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Confirm))
    };
    let decline = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Decline))
    };
    html! {
        <div class="notice confirm" role="alertdialog" aria-labelledby="confirm-question" aria-describedby="confirm-hint" data-testid="confirm">
            <p>
                <strong id="confirm-question">{ question }</strong>
                { " " }
                <span id="confirm-hint">{ t.ask_undo_hint }</span>
            </p>
            <div class="buttons">
                <button type="button" class="small" onclick={confirm} data-testid="confirm-replace">{ t.replace_mine }</button>
                <button type="button" class="small" ref={keep_button} onclick={decline} data-testid="confirm-keep">{ t.keep_mine }</button>
                <button type="button" class="small" onclick={on_export} data-testid="confirm-export">{ t.export_mine }</button>
            </div>
        </div>
    }
}
