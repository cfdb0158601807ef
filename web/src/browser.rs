//! The page's ties to the browser: the starting state (share link, then autosave, then the first
//! preset), autosave to localStorage, the share link in the address, and JSON export / import.

use gloo::storage::{LocalStorage, Storage};
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::share::{fingerprint, link_payload, payload, read_json, ShareError, Shared, MAX_DECODED, MAX_PAYLOAD};
use crate::state::{is_world, Action, Notice, Playground};

/// The localStorage key of the autosave.
pub const AUTOSAVE_KEY: &str = "omen.autosave.v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The fragment of the address, without `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Where an autosave that no longer reads is kept aside (never overwritten by the autosave).
pub const UNREAD_AUTOSAVE_KEY: &str = "omen.autosave.v1.unread";

/// The fragment of workshop mode's fresh-start link (presenter mode): a page opened on it starts
/// from the first preset, and neither reads nor writes the autosave for as long as it stays open,
/// so that screen sharing shows nothing saved in this browser and presenting overwrites nothing.
pub const FRESH_START: &str = "#present";

thread_local! {
    static FRESH: bool = fragment() == FRESH_START;
}

/// Whether this page was opened on the fresh-start link (decided once, when it starts).
pub fn fresh_start() -> bool {
    FRESH.with(|fresh| *fresh)
}

/// The state the page starts in: the autosave (the person's own work, never replaced by a link
/// without their say), else the first preset. A share link in the address is offered right after
/// ([`open_link`]). An autosave that no longer reads is kept aside, and the person is told.
pub fn initial_state(browser_lang: Lang) -> Playground {
    let start = Playground::new(browser_lang);
    if fresh_start() {
        return start;
    }
    let Ok(Some(raw)) = LocalStorage::raw().get_item(AUTOSAVE_KEY) else {
        return start;
    };
    match serde_json::from_str::<Shared>(&raw) {
        Ok(saved) if is_world(&saved.world) => start.apply(Action::Restore(saved)),
        _ => {
            let _ = LocalStorage::raw().set_item(UNREAD_AUTOSAVE_KEY, &raw);
            let _ = LocalStorage::raw().remove_item(AUTOSAVE_KEY);
            Playground { notice: Some(Notice::AutosaveKeptAside), ..start }
        }
    }
}

/// Offers the share link in the address, if there is one: the browser inflates it
/// (`omenInflate` in web/loader.js, at most [`MAX_DECODED`] bytes: the deflate-bomb guard), then
/// `dispatch` gets the action that offers it (the reducer opens it, asks first, or keeps the work
/// done on this very link), or a notice. Called at start and on every `hashchange`.
pub fn open_link(dispatch: impl Fn(Action) + 'static) {
    let payload = match link_payload(&fragment()) {
        Ok(payload) => payload.to_owned(),
        Err(ShareError::NotALink) => return,
        Err(ShareError::TooLarge) => return dispatch(Action::SetNotice(Some(Notice::LinkTooLarge))),
        Err(ShareError::UnknownVersion) => return dispatch(Action::SetNotice(Some(Notice::LinkUnknownVersion))),
        Err(ShareError::Unreadable) => return dispatch(Action::SetNotice(Some(Notice::LinkUnreadable))),
    };
    let link = fingerprint(&payload);
    wasm_bindgen_futures::spawn_local(async move {
        let inflated = async {
            let window = window()?;
            let function: js_sys::Function =
                js_sys::Reflect::get(&window, &"omenInflate".into()).ok()?.dyn_into().ok()?;
            let limit = wasm_bindgen::JsValue::from_f64(MAX_DECODED as f64);
            let promise: js_sys::Promise =
                function.call2(&wasm_bindgen::JsValue::NULL, &payload.into(), &limit).ok()?.dyn_into().ok()?;
            wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
        };
        let action = match inflated.await.as_deref() {
            Some("error:tooLarge") => Action::SetNotice(Some(Notice::LinkTooLarge)),
            None | Some("error:unreadable") => Action::SetNotice(Some(Notice::LinkUnreadable)),
            Some(json) => match read_json(json) {
                Ok(shared) => Action::OfferLink { shared, link },
                Err(ShareError::TooLarge) => Action::SetNotice(Some(Notice::LinkTooLarge)),
                Err(_) => Action::SetNotice(Some(Notice::LinkUnreadable)),
            },
        };
        dispatch(action);
    });
}

/// Calls `changed` whenever the address's fragment changes (a second link pasted into an open
/// tab); the returned guard stops listening when dropped.
pub fn on_hash_change(changed: impl Fn() + 'static) -> Option<impl Drop> {
    struct Listener {
        closure: wasm_bindgen::closure::Closure<dyn Fn()>,
    }
    impl Drop for Listener {
        fn drop(&mut self) {
            if let Some(window) = window() {
                let _ = window.remove_event_listener_with_callback("hashchange", self.closure.as_ref().unchecked_ref());
            }
        }
    }
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(changed);
    window()?.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref()).ok()?;
    Some(Listener { closure })
}

/// What the autosave keeps: the world, its language, its preset and story, whether it was
/// edited, and the link it was opened from.
pub fn shared_of(state: &Playground) -> Shared {
    Shared {
        lang: Some(state.lang.tag().to_owned()),
        preset: state.preset.clone(),
        world: state.world.clone(),
        pin_lang: false,
        edited: state.edited,
        story: state.story.clone(),
        link: state.link.clone(),
    }
}

/// What a share link carries: the world and its preset; the language only when the sharer pins
/// it (a link otherwise opens in the viewer's language).
pub fn link_of(state: &Playground, pin_lang: bool) -> Shared {
    Shared {
        lang: pin_lang.then(|| state.lang.tag().to_owned()),
        preset: state.preset.clone(),
        world: state.world.clone(),
        pin_lang,
        ..Shared::default()
    }
}

/// Saves the state to localStorage; `false` when the browser refused (storage full or disabled).
/// Never after a crash (the autosave then keeps the last world that played without one), nor in
/// a page opened on the fresh-start link ([`FRESH_START`]).
pub fn autosave(state: &Playground) -> bool {
    if crate::crash::crashed() || fresh_start() {
        return true;
    }
    LocalStorage::set(AUTOSAVE_KEY, shared_of(state)).is_ok()
}

/// What came of making a share link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The whole URL (now also in the address) and the link's fingerprint.
    Made {
        /// The URL.
        url: String,
        /// The fingerprint of its payload.
        link: String,
    },
    /// The world is too large for a link that can be opened: none was made.
    TooLarge,
}

/// Puts the share link in the address (without a history entry, so no `hashchange`) and hands
/// it to `done` — or, for a world too large for a link that could be opened (over
/// [`MAX_DECODED`] of JSON, or an address past Chromium's), says so and makes none. The browser
/// deflates and encodes (`omenDeflate` in web/loader.js).
pub fn share(state: &Playground, pin_lang: bool, done: impl FnOnce(ShareOutcome) + 'static) {
    let json = payload(&link_of(state, pin_lang));
    if json.len() > MAX_DECODED {
        return done(ShareOutcome::TooLarge);
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = window() else { return };
        let Some(encoded) = deflate(&window, json).await else { return };
        if encoded.len() > MAX_PAYLOAD {
            return done(ShareOutcome::TooLarge);
        }
        let link = fingerprint(&encoded);
        let fragment = format!("#{}{encoded}", crate::share::V1);
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
        }
        done(ShareOutcome::Made { url: window.location().href().unwrap_or_default(), link });
    });
}

async fn deflate(window: &web_sys::Window, json: String) -> Option<String> {
    let function: js_sys::Function = js_sys::Reflect::get(window, &"omenDeflate".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = function.call1(&wasm_bindgen::JsValue::NULL, &json.into()).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// Offers the world as a JSON file download, through a Blob URL.
pub fn export(world: &Value, name: &str) {
    let text = serde_json::to_string_pretty(world).unwrap_or_default();
    let _ = download(&text, name);
}

fn download(text: &str, name: &str) -> Option<()> {
    let document = window()?.document()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Reads the chosen file as text and hands it to `done`.
pub fn read_file(file: web_sys::File, done: impl FnOnce(Option<String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|value| value.as_string());
        done(text);
    });
}

/// Writes `<html lang>` and `<html data-theme>`.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

/// Scrolls the element `id` into view and moves the keyboard focus to it.
pub fn reveal(id: &str) {
    let Some(element) = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`) and tells `done` whether it
/// was copied; quietly `false` where the browser has no clipboard API or refuses.
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let copied = async {
            let clipboard = js_sys::Reflect::get(&window()?.navigator(), &"clipboard".into()).ok()?;
            let write: js_sys::Function =
                js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into().ok()?;
            let promise: js_sys::Promise = write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()?;
            wasm_bindgen_futures::JsFuture::from(promise).await.ok().map(|_| ())
        };
        done(copied.await.is_some());
    });
}
