//! The app in a real browser: rendering, typing, the language switch and the crash notice.
//! Runs with `cargo test -p omen-web --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use omen_web::crash::{show_crash_notice, CRASH_ID};
use omen_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().and_then(|window| window.document()).expect("a document")
}

/// A fresh element to mount the app in. The test harness has its own `#output`: tests only ever
/// query inside their mount root.
struct Mount(Element);

impl Mount {
    async fn app() -> Mount {
        let root = document().create_element("div").expect("a div");
        document().body().expect("a body").append_child(&root).expect("appended");
        yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mount(root)
    }

    fn find(&self, selector: &str) -> Element {
        self.0
            .query_selector(selector)
            .expect("a valid selector")
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    async fn click(&self, selector: &str) {
        self.find(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    async fn type_into(&self, selector: &str, text: &str) {
        let area: HtmlTextAreaElement = self.find(selector).unchecked_into();
        area.set_value(text);
        let init = EventInit::new();
        init.set_bubbles(true);
        let event = Event::new_with_event_init_dict("input", &init).expect("an event");
        area.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        self.0.remove();
    }
}

#[wasm_bindgen_test]
async fn renders_the_editors_the_request_and_a_verdict() {
    let page = Mount::app().await;
    assert!(page.text("h1").starts_with("Omen"));
    let identity: HtmlTextAreaElement = page.find("#identity-policy").unchecked_into();
    assert!(identity.value().contains("ec2:*"));
    assert!(page.find("#trust-policy").is_object());
    let action = page.find("#action").unchecked_into::<web_sys::HtmlInputElement>().value();
    assert_eq!(action, "iam:PassRole");
    let verdict = page.find("[data-testid=verdict]");
    assert!(verdict.get_attribute("data-decision").is_some());
    assert_ne!(verdict.get_attribute("data-decision").as_deref(), Some("allowed"));
}

#[wasm_bindgen_test]
async fn the_gutter_follows_the_text() {
    let page = Mount::app().await;
    page.type_into("#identity-policy", "{\n\n}").await;
    assert_eq!(page.text(".editor .gutter"), "1\n2\n3");
}

#[wasm_bindgen_test]
async fn user_text_is_never_html() {
    let page = Mount::app().await;
    page.type_into("#identity-policy", "<b id=\"injected\">x</b>").await;
    assert!(page.0.query_selector("#injected").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page() {
    let page = Mount::app().await;
    page.click("button[lang=ja]").await;
    assert_eq!(page.text("label[for=identity-policy]"), "アイデンティティベースのポリシー(ユーザー)");
    assert_eq!(document().document_element().and_then(|html| html.get_attribute("lang")).as_deref(), Some("ja"));
    assert_eq!(page.find("button[lang=ja]").get_attribute("aria-pressed").as_deref(), Some("true"));
    page.click("button[lang=en]").await;
    assert_eq!(page.text("label[for=identity-policy]"), "Identity policy (the user's)");
}

#[wasm_bindgen_test]
fn the_crash_notice_is_shown_once() {
    show_crash_notice("boom <b>not html</b>");
    show_crash_notice("second");
    let notices = document().query_selector_all(&format!("#{CRASH_ID}")).expect("a valid selector");
    assert_eq!(notices.length(), 1);
    let notice = document().get_element_by_id(CRASH_ID).expect("the notice");
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("boom <b>not html</b>"), "{text}");
    assert!(notice.query_selector("b").ok().flatten().is_none());
    assert!(notice.query_selector("button").ok().flatten().is_some());
    notice.remove();
}
