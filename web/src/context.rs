//! The playground's state shared with every view and component: [`PlaygroundProvider`] holds the
//! reducer and the page-wide effects (the link in the address, the autosave, `lang` and theme);
//! [`use_playground`] reads it.

use yew::prelude::*;

use crate::browser;
use crate::hooks::{use_autosave, use_open_link, use_root_attributes};
use crate::i18n::browser_lang;
use crate::state::Playground;

/// The playground state as the sections see it: read it, or dispatch an
/// [`Action`](crate::state::Action).
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// Properties of [`PlaygroundProvider`].
#[derive(Properties, PartialEq)]
pub struct PlaygroundProviderProps {
    /// What reads the state.
    pub children: Html,
}

/// Holds the playground's state and shares it with its children.
#[component]
pub fn PlaygroundProvider(props: &PlaygroundProviderProps) -> Html {
    let state = use_reducer(|| browser::initial_state(browser_lang()));
    use_open_link(state.dispatcher());
    use_root_attributes(state.lang, state.theme);
    use_autosave(&state);
    html! {
        <ContextProvider<PlaygroundContext> context={state}>
            { props.children.clone() }
        </ContextProvider<PlaygroundContext>>
    }
}

/// The playground state, from the nearest [`PlaygroundProvider`] (`None` outside one).
#[hook]
pub fn use_playground() -> Option<PlaygroundContext> {
    use_context::<PlaygroundContext>()
}
