//! The app in a real browser: rendering, typing, the editors' layers and the language switch.
//! (The crash notice, reached through a real panic, is tested in `crash.rs`.)
//! Runs with `cargo test -p omen-web --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

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
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.clear();
        }
        // The page's own stylesheet, so that layout is as on the page.
        if document().get_element_by_id("omen-style").is_none() {
            let style = document().create_element("style").expect("a style");
            style.set_id("omen-style");
            style.set_text_content(Some(include_str!("../style.css")));
            document().head().expect("a head").append_child(&style).expect("appended");
        }
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
        // Each test starts from the first story, not from another test's autosave.
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.clear();
        }
    }
}

/// Waits (without sleeping) until `ready` holds, flushing Yew's scheduler and yielding to the
/// browser between tries; fails after many tries.
async fn until(page: &Mount, what: &str, ready: impl Fn(&Mount) -> bool) {
    for _ in 0..200 {
        yew::scheduler::flush().await;
        if ready(page) {
            return;
        }
        let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
    }
    panic!("never happened: {what}");
}

const USER_POLICY: &str = "#ed-users-0-policies-0-document";
const TRUST_POLICY: &str = "#ed-roles-0-trustPolicy";

fn decision(page: &Mount, step: &str) -> Option<String> {
    page.0
        .query_selector(&format!("li.step[data-step='{step}']"))
        .ok()
        .flatten()
        .and_then(|li| li.get_attribute("data-decision"))
}

#[wasm_bindgen_test]
async fn renders_the_first_story_with_its_verdict() {
    let page = Mount::app().await;
    assert!(page.text("h1").starts_with("Omen"));
    let identity: HtmlTextAreaElement = page.find(USER_POLICY).unchecked_into();
    assert!(identity.value().contains("ec2:*"));
    let trust: HtmlTextAreaElement = page.find("#ed-roles-0-trustPolicy").unchecked_into();
    assert!(trust.value().contains("\"Service\": \"ec2.amazonaws.com\""), "{}", trust.value());
    assert_eq!(
        page.find("label[for=ed-roles-0-trustPolicy]").text_content().as_deref(),
        Some("EC2-roles-for-XYZ — Trust policy")
    );
    let verdict = page.find("[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-failed-step").as_deref(), Some("passRole"));
    assert_eq!(decision(&page, "passRole").as_deref(), Some("implicitDeny"));
    assert_eq!(decision(&page, "serviceAssumeRole").as_deref(), Some("allowed"));
    let svg = page.find("svg[data-testid=flow-picture]");
    assert!(svg.query_selector("title").ok().flatten().is_some());
    assert_eq!(svg.query_selector_all(".hop").map(|list| list.length()).unwrap_or_default(), 2);
}

#[wasm_bindgen_test]
async fn typing_a_passrole_allow_turns_the_step_green() {
    let page = Mount::app().await;
    let policy = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:*", "iam:PassRole"], "Resource": "*"}]}"#;
    page.type_into(USER_POLICY, policy).await;
    until(&page, "PassRole allowed", |page| decision(page, "passRole").as_deref() == Some("allowed")).await;
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-succeeded").as_deref(), Some("true"));
    let editor = page.find("[data-pointer='/users/0/policies/0/document']");
    assert!(editor.query_selector(".decide-allow").ok().flatten().is_some(), "the deciding statement is marked");
}

#[wasm_bindgen_test]
async fn the_line_numbers_and_the_colours_follow_the_text() {
    let page = Mount::app().await;
    let text = "{\n\"Effect\": \"Allow\"\n}";
    page.type_into(USER_POLICY, text).await;
    let editor = "[data-pointer='/users/0/policies/0/document']";
    let numbered = page.0.query_selector_all(&format!("{editor} .highlight .line[data-n]")).expect("a valid selector");
    let numbers: Vec<String> = (0..numbered.length())
        .filter_map(|i| numbered.get(i))
        .filter_map(|node| node.unchecked_into::<Element>().get_attribute("data-n"))
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    // The highlighted layer holds exactly the text (and one blank line of room to grow).
    assert_eq!(page.text(&format!("{editor} .highlight")), format!("{text} "));
    assert_eq!(page.text(&format!("{editor} .tk-key")), "\"Effect\"");
    assert_eq!(page.text(&format!("{editor} .tk-str")), "\"Allow\"");
}

#[wasm_bindgen_test]
async fn the_textarea_is_as_tall_as_its_text_and_lies_over_it() {
    let page = Mount::app().await;
    // Far longer than the editor's box, with a line that must wrap.
    let long_line = format!("\"Resource\": \"arn:aws:s3:::{}/*\",", "bucket-".repeat(40));
    let text = format!("{{\n{}\n}}", vec![long_line.as_str(); 80].join("\n"));
    page.type_into(USER_POLICY, &text).await;
    let editor = "[data-pointer='/users/0/policies/0/document']";
    let area: HtmlElement = page.find(USER_POLICY).unchecked_into();
    let pre: HtmlElement = page.find(&format!("{editor} .highlight")).unchecked_into();
    let scroll: HtmlElement = page.find(&format!("{editor} .editor-scroll")).unchecked_into();
    // The box scrolls; the textarea does not need to: it is as tall as the highlighted text.
    assert!(scroll.scroll_height() > scroll.client_height() * 3, "the policy is longer than its box");
    assert!(area.scroll_height() <= area.client_height(), "{} > {}", area.scroll_height(), area.client_height());
    assert_eq!(area.offset_height(), pre.offset_height());
    // Soft wrap: nothing scrolls sideways, and both layers end at the same right edge.
    assert!(scroll.scroll_width() <= scroll.client_width());
    let (a, p) = (area.get_bounding_client_rect(), pre.get_bounding_client_rect());
    assert!((a.right() - p.right()).abs() < 0.5 && (a.top() - p.top()).abs() < 0.5, "{a:?} {p:?}");
    // Numbers follow logical lines: line 2 wraps, so line 3 starts more than a row below it.
    let top = |n: usize| page.find(&format!("{editor} .line[data-n='{n}']")).get_bounding_client_rect().top();
    assert!(top(3) - top(2) > 30.0, "line 2 wraps onto more than one row");
}

#[wasm_bindgen_test]
async fn diagnostics_are_underlined_and_listed() {
    let page = Mount::app().await;
    page.type_into(USER_POLICY, "{\n  \"Statement\": 3\n}").await;
    let editor = "[data-pointer='/users/0/policies/0/document']";
    let underlined = page.find(&format!("{editor} .highlight .diag-error"));
    assert!(underlined.get_attribute("title").is_some_and(|title| !title.is_empty()));
    let listed = page.0.query_selector_all(&format!("{editor} .diag-list li")).expect("a valid selector");
    let lines: Vec<String> =
        (0..listed.length()).filter_map(|i| listed.get(i)).filter_map(|li| li.text_content()).collect();
    assert!(lines.iter().any(|line| line.starts_with("2:")), "{lines:?}");
}

#[wasm_bindgen_test]
async fn user_text_is_never_html() {
    let page = Mount::app().await;
    page.type_into(USER_POLICY, "<b id=\"injected\">x</b>").await;
    assert!(page.0.query_selector("#injected").ok().flatten().is_none());
    assert!(page.text("[data-pointer='/users/0/policies/0/document'] .highlight").contains("<b id="));
}

#[wasm_bindgen_test]
async fn format_pretty_prints_the_policy() {
    // The first story's user policy is AWS managed and read-only (no Format button); the role's
    // trust policy is the attendee's own.
    let page = Mount::app().await;
    page.type_into(TRUST_POLICY, r#"{"Version":"2012-10-17","Statement":[]}"#).await;
    page.click("[data-pointer='/roles/0/trustPolicy'] .editor-head button").await;
    let area: HtmlTextAreaElement = page.find(TRUST_POLICY).unchecked_into();
    assert_eq!(area.value(), "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": []\n}");
}

#[wasm_bindgen_test]
async fn apply_fix_makes_passrole_pass() {
    let page = Mount::app().await;
    // Fixes are looked for once typing pauses: wait for the button, never a fixed time.
    for _ in 0..100 {
        if page.0.query_selector("[data-testid=apply-fix]").ok().flatten().is_some() {
            break;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20));
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
        yew::scheduler::flush().await;
    }
    page.click("[data-testid=headline] [data-testid=apply-fix]").await;
    until(&page, "PassRole allowed", |page| decision(page, "passRole").as_deref() == Some("allowed")).await;
    assert_eq!(page.text("[data-testid=notice] span"), omen_web::i18n::Lang::En.strings().fix_applied);
}

#[wasm_bindgen_test]
async fn presets_replace_the_world() {
    let page = Mount::app().await;
    let select: web_sys::HtmlSelectElement = page.find("#preset").unchecked_into();
    assert_eq!(select.length() as usize, omen_core::flow::presets().len());
    select.set_value("role-chaining");
    let init = EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&Event::new_with_event_init_dict("change", &init).expect("an event")).expect("dispatched");
    until(&page, "the chain", |page| decision(page, "hop2.assumeRole").is_some()).await;
    assert!(page.find("[data-testid=session-arn]").text_content().unwrap_or_default().contains(":assumed-role/RoleB/"));
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page() {
    let page = Mount::app().await;
    page.click("button[lang=ja]").await;
    assert_eq!(page.text("#results-heading"), "結果");
    assert_eq!(document().document_element().and_then(|html| html.get_attribute("lang")).as_deref(), Some("ja"));
    assert_eq!(page.find("button[lang=ja]").get_attribute("aria-pressed").as_deref(), Some("true"));
    page.click("button[lang=en]").await;
    assert_eq!(page.text("#results-heading"), "Results");
}
