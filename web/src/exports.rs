//! What the page's lazily loaded modules (AWS's vocabulary, the world builder) ask of the page:
//! the exports of `omen-web` (web/src/main.rs) that web/loader.js hands them as `window.omenApp`
//! — the world, a value set in it, an AWS managed policy filled in, a whole edit. Plain strings
//! across: the modules share no memory with the page.

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// Calls the page's export `name` with `args`.
fn call_page(name: &str, args: &[&str]) -> Option<JsValue> {
    let window = web_sys::window()?;
    let app = js_sys::Reflect::get(&window, &JsValue::from_str("omenApp")).ok()?;
    let function = js_sys::Reflect::get(&app, &JsValue::from_str(name)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let args: js_sys::Array = args.iter().map(|arg| JsValue::from_str(arg)).collect();
    function.apply(&JsValue::NULL, &args).ok()
}

/// The page's world, as it is now.
pub fn world() -> Option<Value> {
    let text = call_page("omenWorld", &[])?.as_string()?;
    serde_json::from_str::<Value>(&text).ok().filter(Value::is_object)
}

/// Sets the value at `pointer` of the page's world (an edit of the page's own: undoable).
pub fn set_value(pointer: &str, value: &Value) {
    call_page("omenSetValue", &[pointer, &value.to_string()]);
}

/// Hands the page the AWS managed policy attached by reference at `pointer`, filled in (`null`:
/// it could not be).
pub fn resolved(pointer: &str, reference: &str, policy: &Value) {
    call_page("omenResolve", &[pointer, reference, &policy.to_string()]);
}

/// Hands the page the world an edit made (`None`: refused, the world stays) and the notice it
/// calls for (`None`: none), by the notice's [code](crate::state::Notice::code).
pub fn edited(world: Option<&Value>, notice: Option<crate::state::Notice>) {
    let world = world.map_or_else(String::new, Value::to_string);
    let notice = notice.map(crate::state::Notice::code).unwrap_or_default();
    call_page("omenEdit", &[&world, &notice]);
}
