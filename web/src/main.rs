//! Starts the playground: installs the crash notice, then renders the app into `<body>`. Also
//! what AWS's vocabulary and the world builder (wasm modules of their own, `omen-vocab-ui` and
//! `omen-builder-ui`) ask of the page: web/loader.js hands them these exports as `window.omenApp`.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    omen_web::crash::install_panic_hook();
    yew::Renderer::<omen_web::App>::new().render();
}

/// The playground's world as JSON, for the vocabulary module (completion, the picker).
#[wasm_bindgen(js_name = omenWorld)]
pub fn world() -> String {
    omen_web::vocabulary::page::world_json()
}

/// Sets the value (JSON) at `pointer` of the playground's world: the picker attaching a policy.
#[wasm_bindgen(js_name = omenSetValue)]
pub fn set_value(pointer: String, value: &str) {
    omen_web::vocabulary::page::set_value(pointer, value);
}

/// The AWS managed policy the world attaches by reference (`reference`) at `pointer`, filled in
/// by the vocabulary module from the managed-policy catalogue (`policy`: JSON, `null` when it
/// could not be).
#[wasm_bindgen(js_name = omenResolve)]
pub fn resolve(pointer: String, reference: String, policy: &str) {
    omen_web::vocabulary::page::resolve(pointer, reference, policy);
}

/// The world an edit of the world builder (a wasm module of its own, `omen-builder-ui`) made
/// (JSON; empty: refused) and the notice it calls for (its code; empty: none).
#[wasm_bindgen(js_name = omenEdit)]
pub fn edit(world: &str, notice: &str) {
    omen_web::views::builder::edited(world, notice);
}
