//! The bridge between the page (the playground) and workshop mode's interface, which is a second
//! wasm module loaded only when workshop mode opens: the page publishes its world and language
//! as JSON in `window.omenState` and fires `omen-state`; the interface asks for a starting world
//! by putting it in `window.omenLoadWorld` and firing `omen-load-world`. Plain events and strings:
//! the two modules share no memory.

use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// The event the page fires when its world or language changed.
pub const STATE_EVENT: &str = "omen-state";
/// The event the interface fires to load a starting world.
pub const LOAD_EVENT: &str = "omen-load-world";
const STATE_KEY: &str = "omenState";
const LOAD_KEY: &str = "omenLoadWorld";

fn set(key: &str, text: &str, event: &str) {
    let Some(window) = web_sys::window() else { return };
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str(key), &JsValue::from_str(text));
    if let Ok(event) = web_sys::Event::new(event) {
        let _ = window.dispatch_event(&event);
    }
}

fn get(key: &str) -> Option<Value> {
    let window = web_sys::window()?;
    let text = js_sys::Reflect::get(&window, &JsValue::from_str(key)).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// The page's side: publishes `world` and `lang`, and whether the page was opened on the
/// fresh-start link.
pub fn publish(world: &Value, lang: Lang) {
    let mut state = serde_json::Map::new();
    state.insert("lang".into(), lang.tag().into());
    state.insert("world".into(), world.clone());
    state.insert("fresh".into(), crate::browser::fresh_start().into());
    set(STATE_KEY, &Value::Object(state).to_string(), STATE_EVENT);
}

/// The interface's side: the page's world and language, as last published.
pub fn state() -> (Value, Lang) {
    let state = get(STATE_KEY).unwrap_or_default();
    let lang = Lang::from_tag(state.get("lang").and_then(Value::as_str).unwrap_or("en"));
    (state.get("world").cloned().unwrap_or_default(), lang)
}

/// The interface's side: whether the page was opened on the fresh-start link (it shows and
/// changes nothing autosaved).
pub fn fresh() -> bool {
    get(STATE_KEY).and_then(|state| state.get("fresh").and_then(Value::as_bool)).unwrap_or_default()
}

/// The interface's side: asks the page to load a starting world into the playground: `{"world": …}`,
/// or `{"preset": id}` for a seed story (see `material::starting_world`); `"changes": {"en":
/// [text…], "ja": [text…]}` beside a world says it holds changes its files do not (the Account
/// view's edge rests on them), and the page names them (rich text: `code` in backticks).
pub fn load_world(world: &Value) {
    set(LOAD_KEY, &world.to_string(), LOAD_EVENT);
}

/// The page's side: the world asked for.
pub fn world_asked() -> Option<Value> {
    get(LOAD_KEY).filter(Value::is_object)
}

/// Calls `handler` on every `event` fired on the window, until the returned listener is dropped
/// (`None` outside a browser).
pub fn listen(event: &'static str, handler: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, event, move |_| handler()))
}
