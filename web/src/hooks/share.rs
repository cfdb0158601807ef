//! Share links (opened from the address at start, made on request and copied), JSON export and
//! import.

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::state::{is_world, Action, Notice, Playground};

/// Opens the share link in the address once, when the page starts.
#[hook]
pub fn use_open_link(dispatcher: UseReducerDispatcher<Playground>) {
    use_effect_with((), move |()| browser::open_link(move |action| dispatcher.dispatch(action)));
}

/// The share link made last, whether it was copied, and the callback that makes one.
pub struct ShareLink {
    /// The whole URL, empty until one is made.
    pub link: UseStateHandle<String>,
    /// Whether the link reached the clipboard.
    pub copied: UseStateHandle<bool>,
    /// Makes the link, puts it in the address and copies it.
    pub on_share: Callback<MouseEvent>,
}

/// Making a share link of the state.
#[hook]
pub fn use_share_link(state: &UseReducerHandle<Playground>) -> ShareLink {
    let link = use_state(String::new);
    let copied = use_state(|| false);
    let on_share = {
        let state = state.clone();
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let link = link.clone();
            let copied = copied.clone();
            copied.set(false);
            browser::share(&state, move |url| {
                link.set(url.clone());
                browser::copy(url, move |done| copied.set(done));
            });
        })
    };
    ShareLink { link, copied, on_share }
}

/// Downloading the world as JSON, named after its preset.
#[hook]
pub fn use_export(state: &UseReducerHandle<Playground>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        let name = format!("{}.json", state.preset.as_deref().unwrap_or("omen-world"));
        browser::export(&state.world, &name);
    })
}

/// Reading a chosen JSON file as the world; a file that is not a world changes nothing and says so.
#[hook]
pub fn use_import(dispatcher: UseReducerDispatcher<Playground>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let input = event.target_unchecked_into::<HtmlInputElement>();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        let dispatcher = dispatcher.clone();
        browser::read_file(file, move |text| {
            let world = text.and_then(|text| serde_json::from_str::<Value>(&text).ok());
            match world.filter(is_world) {
                Some(world) => dispatcher.dispatch(Action::ReplaceWorld(world, None)),
                None => dispatcher.dispatch(Action::SetNotice(Some(Notice::ImportFailed))),
            }
        });
        input.set_value("");
    })
}
