//! Workshop mode: lessons and challenges beside the playground. Only the bar and its panel
//! (`panel.rs`) are in the page's first load; the interface (`view.rs`) is a second wasm module
//! (`omen-workshop-ui`) loaded when workshop mode opens, talking to the page through a
//! [`bridge`]; the lessons are fetched from the page's own origin then (`material.rs`), and a
//! Web Worker (`worker.rs`, the `omen-workshop` binary) checks them with omen-core's workshop
//! module. The attendee's progress is remembered in this browser (`progress.rs`); presenter mode
//! and the handout are in `room.rs`, a teacher's challenges by link in `linked.rs`, "who must allow?"
//! and "what changed?" in `tools.rs`.

pub mod bridge;
pub mod linked;
pub mod material;
pub mod panel;
pub mod progress;
pub mod room;
pub mod strings;
pub mod tools;
pub mod view;
pub mod worker;
pub mod wrap;

pub use panel::WorkshopPanel;

/// How many subtree ids the interface skips before it renders. Yew brands the DOM elements it
/// renders with a subtree id (`__yew_subtree_id`) counted from 1 in each wasm module, and an
/// app ignores events on elements branded with another app's id: numbered apart from the page's
/// ids, the page never runs a handler of its own for a click or a change inside the interface.
const SUBTREE_ID_OFFSET: usize = 256;

/// Starts the interface in the panel the page keeps for it (the `omen-workshop-ui` binary), once
/// its stylesheet (web/workshop.css) has loaded (or failed to: the interface still works unstyled).
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.get_element_by_id(panel::ROOT_ID) else { return };
    super::skip_subtree_ids(&document, SUBTREE_ID_OFFSET);
    super::render_after_stylesheet(&document, "workshop", move || {
        yew::Renderer::<view::WorkshopApp>::with_root(root).render();
    });
}
