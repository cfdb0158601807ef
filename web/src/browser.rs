//! The page's ties to the browser: the starting state (share link, then autosave, then the first
//! preset), autosave to localStorage, the share link in the address, and JSON export / import.

use gloo::storage::{LocalStorage, Storage};
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::share::{link_payload, payload, read_json, ShareError, Shared, MAX_DECODED};
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

/// The state the page starts in: the autosave, else the first preset. A share link in the
/// address is opened right after ([`open_link`]); one that is too long is refused here.
pub fn initial_state(browser_lang: Lang) -> Playground {
    let start = Playground::new(browser_lang);
    match link_payload(&fragment()) {
        Err(ShareError::TooLarge) => return Playground { notice: Some(Notice::LinkTooLarge), ..start },
        Ok(_) | Err(ShareError::Unreadable) => return start,
        Err(ShareError::NotALink) => {}
    }
    match LocalStorage::get::<Shared>(AUTOSAVE_KEY) {
        Ok(saved) if is_world(&saved.world) => start.apply(Action::Open(saved)),
        _ => start,
    }
}

/// Opens the share link in the address, if there is one: the browser inflates it
/// (`omenInflate` in web/loader.js, at most [`MAX_DECODED`] bytes), then `dispatch` gets the
/// action that opens it, or a notice.
pub fn open_link(dispatch: impl Fn(Action) + 'static) {
    let Ok(payload) = link_payload(&fragment()).map(str::to_owned) else { return };
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
                Ok(shared) => Action::Open(shared),
                Err(ShareError::TooLarge) => Action::SetNotice(Some(Notice::LinkTooLarge)),
                Err(_) => Action::SetNotice(Some(Notice::LinkUnreadable)),
            },
        };
        dispatch(action);
    });
}

/// What a state shares and saves.
pub fn shared_of(state: &Playground) -> Shared {
    Shared { lang: Some(state.lang.tag().to_owned()), preset: state.preset.clone(), world: state.world.clone() }
}

/// Saves the state to localStorage (quietly: a full or disabled storage loses only the autosave).
/// Never after a crash: the autosave then keeps the last world that played without one.
pub fn autosave(state: &Playground) {
    if crate::crash::crashed() {
        return;
    }
    let _ = LocalStorage::set(AUTOSAVE_KEY, shared_of(state));
}

/// Puts the share link in the address (without a history entry) and hands the whole URL to
/// `done`. The browser deflates and encodes (`omenDeflate` in web/loader.js).
pub fn share(state: &Playground, done: impl FnOnce(String) + 'static) {
    let json = payload(&shared_of(state));
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = window() else { return };
        let Some(encoded) = deflate(&window, json).await else { return };
        let fragment = format!("#{}{encoded}", crate::share::V1);
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment));
        }
        done(window.location().href().unwrap_or_default());
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
