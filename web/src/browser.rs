//! The page's ties to the browser: the starting state (share link, then autosave, then the first
//! preset), autosave to localStorage, the share link in the address, and JSON export / import.

use gloo::storage::{LocalStorage, Storage};
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;
use crate::share::{decode, fragment_of, payload, ShareError, Shared};
use crate::state::{is_world, normalise, preset_world, Notice, Playground};

/// The localStorage key of the autosave.
pub const AUTOSAVE_KEY: &str = "omen.autosave.v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The fragment of the address, without `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The state the page starts in: a share link wins, then the autosave, then the first preset.
pub fn initial_state(browser_lang: Lang) -> Playground {
    let start = Playground::new(browser_lang);
    let from_shared = |shared: Shared, start: Playground| {
        let lang = shared.lang.as_deref().map_or(start.lang, Lang::from_tag);
        if !is_world(&shared.world) {
            return Playground { notice: Some(Notice::LinkUnreadable), ..start };
        }
        let preset = shared.preset.filter(|id| preset_world(id).as_ref() == Some(&normalise(shared.world.clone())));
        Playground { lang, preset, world: normalise(shared.world), ..start }
    };
    match decode(&fragment()) {
        Ok(shared) => return from_shared(shared, start),
        Err(ShareError::TooLarge) => return Playground { notice: Some(Notice::LinkTooLarge), ..start },
        Err(ShareError::Unreadable) => return Playground { notice: Some(Notice::LinkUnreadable), ..start },
        Err(ShareError::NotALink) => {}
    }
    match LocalStorage::get::<Shared>(AUTOSAVE_KEY) {
        Ok(saved) if is_world(&saved.world) => from_shared(saved, start),
        _ => start,
    }
}

/// What a state shares and saves.
pub fn shared_of(state: &Playground) -> Shared {
    Shared { lang: Some(state.lang.tag().to_owned()), preset: state.preset.clone(), world: state.world.clone() }
}

/// Saves the state to localStorage (quietly: a full or disabled storage loses only the autosave).
pub fn autosave(state: &Playground) {
    let _ = LocalStorage::set(AUTOSAVE_KEY, shared_of(state));
}

/// Puts the share link in the address (without a history entry) and hands the whole URL to
/// `done`. The browser deflates (`omenDeflate` in web/loader.js, over `CompressionStream`).
pub fn share(state: &Playground, done: impl FnOnce(String) + 'static) {
    let bytes = js_sys::Uint8Array::from(payload(&shared_of(state)).as_slice());
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = window() else { return };
        let Some(deflated) = deflate(&window, bytes).await else { return };
        let fragment = fragment_of(&deflated);
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
        }
        done(window.location().href().unwrap_or_default());
    });
}

async fn deflate(window: &web_sys::Window, bytes: js_sys::Uint8Array) -> Option<Vec<u8>> {
    let function: js_sys::Function = js_sys::Reflect::get(window, &"omenDeflate".into()).ok()?.dyn_into().ok()?;
    let promise: js_sys::Promise = function.call1(&wasm_bindgen::JsValue::NULL, &bytes).ok()?.dyn_into().ok()?;
    let result = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(js_sys::Uint8Array::new(&result).to_vec())
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
