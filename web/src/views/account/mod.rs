//! The Account view: import what the AWS CLI prints about IAM and ask the account-wide questions
//! of issue 13 — who can wear a mask, what a principal can reach — then play any answer in the
//! playground. Only the bar ([`AccountEntry`], a `<details>` with no state of its own) is in the
//! page's first load; opening it makes web/loader.js load the interface (`view.rs`), a separate
//! wasm module (`omen-account-ui`) that renders into the bar's body and hands worlds to the page
//! through workshop mode's [`bridge`](super::workshop::bridge) (`omen-load-world`). The files are
//! read by omen-core's `import` and answered by its `reach`, in the page: nothing leaves it.

pub mod analysis;
pub mod answer;
pub mod catalogue;
pub mod channel;
pub mod graph;
pub mod strings;
pub mod view;
pub mod whole;
pub mod worker;

use yew::prelude::*;

use crate::context::use_playground;

/// The id of the element the interface renders into.
pub const ROOT_ID: &str = "omen-account";

/// How many subtree ids the interface skips before it renders: apart from the page's and from
/// workshop mode's (256), so that no app runs a handler for another app's elements (see
/// `views::workshop`'s `SUBTREE_ID_OFFSET`).
const SUBTREE_ID_OFFSET: usize = 1024;

/// The bar: a disclosure whose first opening loads the interface (web/loader.js listens for its
/// `toggle`), and the element the interface renders into.
#[component]
pub fn AccountEntry() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    let (name, invite) = strings::bar(state.lang);
    html! {
        <details class="workshop" id="omen-account-bar" data-testid="account">
            <summary class="ws-bar"><strong>{ name }</strong><span class="ws-invite">{ invite }</span></summary>
            <div id={ROOT_ID}></div>
        </details>
    }
}

/// Starts the interface in the bar's body (the `omen-account-ui` binary), once its stylesheet
/// has loaded (or failed to: the interface still works unstyled).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.get_element_by_id(ROOT_ID) else { return };
    super::skip_subtree_ids(&document, SUBTREE_ID_OFFSET);
    super::render_after_stylesheet(&document, "account", move || {
        yew::Renderer::<view::AccountApp>::with_root(root).render();
    });
}
