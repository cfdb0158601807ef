//! What the page shows when the app panics: a notice over the page instead of a blank one.
//!
//! A panic in wasm stops the app for good, so the notice is built with plain DOM calls and its
//! reload button calls the browser's own `location.reload`, never back into wasm.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// Id of the notice, so that a second panic does not add a second one.
pub const CRASH_ID: &str = "omen-crash";

const NOTICE_EN: &str = "Omen stopped because of an internal error. What you typed is still on \
    the page: copy what you need, then reload.";
const NOTICE_JA: &str = "内部エラーのため Omen が停止しました。入力した内容はページに残っています。\
    必要なものをコピーしてから再読み込みしてください。";
const RELOAD: &str = "Reload / 再読み込み";

/// Installs a panic hook that logs the panic and shows the crash notice.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let details = info.to_string();
        gloo::console::error!(format!("omen-web panicked: {details}"));
        show_crash_notice(&details);
    }));
}

/// Puts the crash notice, with `details`, at the top of the page. Does nothing outside a browser
/// or when the notice is already shown.
pub fn show_crash_notice(details: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    // Ignore failures: this runs while the app is already failing.
    let _ = build_notice(&document, details);
}

fn build_notice(document: &Document, details: &str) -> Result<(), JsValue> {
    let body = document.body().ok_or_else(|| JsValue::from_str("no <body>"))?;
    let notice = element(document, "div", "crash", None)?;
    notice.set_id(CRASH_ID);
    notice.set_attribute("role", "alert")?;
    let english = element(document, "p", "crash-text", Some(NOTICE_EN))?;
    english.set_attribute("lang", "en")?;
    let japanese = element(document, "p", "crash-text", Some(NOTICE_JA))?;
    japanese.set_attribute("lang", "ja")?;
    let pre = element(document, "pre", "crash-details mono", Some(details))?;
    let button = element(document, "button", "crash-reload", Some(RELOAD))?;
    button.set_attribute("type", "button")?;
    if let Some(location) = web_sys::window().map(|window| window.location()) {
        let reload: js_sys::Function = js_sys::Reflect::get(&location, &"reload".into())?.dyn_into()?;
        let bound = reload.bind0(&location);
        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
            button.set_onclick(Some(&bound));
        }
    }
    for child in [&english, &japanese, &pre, &button] {
        notice.append_child(child)?;
    }
    body.insert_before(&notice, body.first_child().as_ref())?;
    Ok(())
}

fn element(document: &Document, tag: &str, class: &str, text: Option<&str>) -> Result<Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_class_name(class);
    element.set_text_content(text);
    Ok(element)
}
