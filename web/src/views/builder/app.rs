//! The builder module's root: the world and language the page has, read again whenever the page
//! says they changed ([`WORLD_EVENT`](super::WORLD_EVENT)), shown by the scenario pane, whose
//! edits go back to the page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use serde_json::Value;
use yew::prelude::*;

use super::edit::{apply, Edit};
use super::scenario::Scenario;
use super::{ROOT_ID, WORLD_EVENT};
use crate::exports;
use crate::i18n::Lang;

/// The page's world and language (its builder element's `lang`), as they are now.
fn read() -> (Value, Lang) {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID))
        .and_then(|root| root.get_attribute("lang"));
    (exports::world().unwrap_or_default(), Lang::from_tag(lang.as_deref().unwrap_or("en")))
}

/// The scenario pane over the page's world.
#[component]
pub fn BuilderApp() -> Html {
    let state = use_state(read);
    {
        // Read once the page's own work for the change (a keystroke's) is done, and a burst of
        // changes once: each event puts off the read it finds waiting.
        let setter = state.setter();
        use_effect_with((), move |()| {
            let waiting = Rc::new(RefCell::new(None));
            let listening = setter.clone();
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, WORLD_EVENT, move |_| {
                    let setter = listening.clone();
                    *waiting.borrow_mut() = Some(Timeout::new(0, move || setter.set(read())));
                })
            });
            // A change the page made between the first read and this listener (a world imported
            // while the builder loaded) fired its event unheard: read once more.
            setter.set(read());
            move || drop(listener)
        });
    }
    let on_value = use_callback((), |(pointer, value): (String, Value), ()| exports::set_value(&pointer, &value));
    // Made on the world as the page has it at the click, not as last drawn.
    let on_action = use_callback((), |edit: Edit, ()| {
        if let Some(world) = exports::world() {
            let (world, notice) = apply(&world, edit);
            exports::edited(world.as_ref(), notice);
        }
    });
    let (world, lang) = (*state).clone();
    html! { <Scenario {world} {lang} {on_value} {on_action} /> }
}
