//! The world builder: the scenario pane's fields and buttons — the action (PassRole through a
//! catalogue API, AssumeRole with its hops, a federated call) and what the world holds (users,
//! roles, groups, accounts, SCP and RCP levels), changed through omen-core's `world_edit`. Only
//! [`BuilderEntry`] is in the page's first load: an element to render into, a line saying the
//! builder is loading, and the event that tells the builder the world changed. The rest is a
//! wasm module of its own (`omen-builder-ui`, Trunk builds it into `dist/builder/`) that
//! web/loader.js loads once the first verdict is on screen, or at once when the scenario pane is
//! clicked or focused, and that [`start`] renders there. It reads the page's world and hands its
//! edits back through the page's exports ([`crate::exports`]: a value set at a pointer, or a
//! whole world with its notice), so that undo, the autosave and share links see them as the
//! page's own.

mod app;
mod edit;
mod federated;
mod scenario;

use serde_json::Value;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::{Action, Notice};

pub use edit::{apply, Edit};

/// The id of the element the builder renders into.
pub const ROOT_ID: &str = "omen-builder";

/// The event the page fires on the window when its world or language changed.
pub const WORLD_EVENT: &str = "omen-world";

/// How many subtree ids the builder skips before it renders: apart from the page's, workshop
/// mode's (256) and the Account view's (1024), so that no app runs a handler for another app's
/// elements (see `views::workshop`'s `SUBTREE_ID_OFFSET`).
const SUBTREE_ID_OFFSET: usize = 512;

/// Properties of [`BuilderEntry`].
#[derive(Properties, PartialEq)]
pub struct BuilderEntryProps {
    /// The world the builder shows.
    pub world: Value,
    /// The interface language.
    pub lang: Lang,
}

/// The page's side: the element the builder renders into (its `lang` the page's), the line that
/// says it is loading (hidden by the stylesheet once the builder has drawn), and, after every
/// render — that is, whenever the world or the language changed — [`WORLD_EVENT`].
#[component]
pub fn BuilderEntry(props: &BuilderEntryProps) -> Html {
    use_effect(|| {
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(WORLD_EVENT)) {
            let _ = window.dispatch_event(&event);
        }
    });
    let loading = match props.lang {
        Lang::En => "Loading the world builder…",
        Lang::Ja => "ワールドビルダーを読み込んでいます…",
    };
    html! {
        <>
            <p class="builder-loading hint" role="status" data-testid="builder-loading">{ loading }</p>
            <div id={ROOT_ID} lang={props.lang.tag()}></div>
        </>
    }
}

/// English or Japanese: the builder's own words that the page's string table does not hold.
pub(super) fn say(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    if lang == Lang::Ja {
        ja
    } else {
        en
    }
}

/// The page's side of an edit the builder made: `world` (JSON; empty when the edit was refused)
/// replaces the page's, as any edit of the page does (autosaved, shared), and the notice of
/// `notice` (its [code](Notice::code); empty: none) is shown.
pub fn edited(world: &str, notice: &str) {
    let world = serde_json::from_str::<Value>(world).ok().filter(Value::is_object);
    crate::vocabulary::page::dispatch(Action::Edited { world, notice: Notice::from_code(notice) });
}

/// Starts the builder in its element (the `omen-builder-ui` binary's `main`).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.get_element_by_id(ROOT_ID) else { return };
    super::skip_subtree_ids(&document, SUBTREE_ID_OFFSET);
    yew::Renderer::<app::BuilderApp>::with_root(root).render();
}
