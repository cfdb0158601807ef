//! The page's part of AWS's vocabulary, the only part in its first load: the button that opens
//! the managed-policy picker (web/loader.js loads the vocabulary module on its first click and
//! then opens the picker), the empty "about" line the module fills in, and what the module asks
//! of the page through the `omenWorld`, `omenSetValue` and `omenResolve` exports of `omen-web`
//! (web/src/main.rs): the world, a value set in it, and an AWS managed policy attached by
//! reference filled in (the world builder's `omenEdit` comes here too, through [`dispatch`]).
//! Plain strings across: the modules share no memory.

use std::cell::RefCell;

use yew::prelude::*;

use crate::context::PlaygroundContext;
use crate::i18n::Lang;
use crate::state::Action;

thread_local! {
    /// The playground's state as last rendered.
    static STATE: RefCell<Option<PlaygroundContext>> = const { RefCell::new(None) };
}

/// Keeps the playground's state for the vocabulary module (called on every render of the page).
pub fn remember(state: &PlaygroundContext) {
    STATE.with(|s| *s.borrow_mut() = Some(state.clone()));
}

/// The world as JSON (`null` before the first render).
pub fn world_json() -> String {
    STATE.with(|s| s.borrow().as_ref().map(|state| state.world.to_string())).unwrap_or_else(|| "null".to_owned())
}

/// Sets the value at `pointer` of the world to `value` (JSON; unreadable JSON changes nothing),
/// as any edit of the page does (undoable, autosaved).
pub fn set_value(pointer: String, value: &str) {
    if let Ok(value) = serde_json::from_str(value) {
        dispatch(Action::SetValue { pointer, value });
    }
}

/// Makes `action` on the playground's state as last rendered (nothing before the first render).
pub fn dispatch(action: Action) {
    if let Some(state) = STATE.with(|s| s.borrow().clone()) {
        state.dispatch(action);
    }
}

/// Fills in the AWS managed policy attached by reference (`reference`) at `pointer` with
/// `policy` (JSON; `null` or unreadable: it could not be loaded, and the page says so). Not an
/// edit: the story stays the story it was.
pub fn resolve(pointer: String, reference: String, policy: &str) {
    let policy = serde_json::from_str::<serde_json::Value>(policy).ok().filter(serde_json::Value::is_object);
    dispatch(Action::Resolve { pointer, reference, policy });
}

/// The button that opens the managed-policy picker (web/loader.js listens for its clicks).
pub fn picker_button(lang: Lang) -> Html {
    html! {
        <button type="button" class="small" id="omen-open-picker" data-testid="open-picker" aria-haspopup="dialog">
            { match lang { Lang::En => "+ AWS managed policy…", Lang::Ja => "+ AWS 管理ポリシー…" } }
        </button>
    }
}

/// The "about" line, empty until the vocabulary module says where AWS's vocabulary comes from.
pub fn about_line() -> Html {
    html! { <footer class="about" id="omen-about" data-testid="about" data-catalogue="loading"></footer> }
}
