//! What the page does when the app crashes: a notice over the page instead of a blank one, and
//! the last good world kept.
//!
//! A panic goes through the hook installed with Yew's own [`yew::set_custom_panic_hook`] (Yew's
//! renderer replaces any hook set with `std::panic::set_hook`); a trap that no hook sees (out of
//! memory) is caught where it reaches the window. The notice is plain JavaScript
//! (`web/src/crash.js`), since the wasm app cannot run any more. After a crash the autosave is
//! never written again, so it keeps the last world the page played without crashing, and the
//! notice says how to reopen it or download it.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/crash.js")]
extern "C" {
    #[wasm_bindgen(js_name = showCrashNotice)]
    fn show_crash_notice_js(details: &str);

    #[wasm_bindgen(js_name = guardTraps)]
    fn guard_traps();
}

/// Id of the notice element.
pub const CRASH_ID: &str = "omen-crash";

static CRASHED: AtomicBool = AtomicBool::new(false);

/// Whether the app has crashed — a panic, or a trap the notice was shown for — so that nothing
/// may overwrite the last good autosave any more.
pub fn crashed() -> bool {
    CRASHED.load(Ordering::Relaxed)
        || web_sys::window().and_then(|window| window.document()).and_then(|d| d.get_element_by_id(CRASH_ID)).is_some()
}

/// Installs the panic hook (through Yew, so that its renderer keeps it) and the trap guard.
/// Call it before rendering the app.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        CRASHED.store(true, Ordering::Relaxed);
        let details = info.to_string();
        gloo::console::error!(format!("omen-web panicked: {details}"));
        show_crash_notice(&details);
    }));
    guard_traps();
}

/// Puts the crash notice, with `details` as text, at the top of the page, once.
fn show_crash_notice(details: &str) {
    show_crash_notice_js(details);
}
