//! The crash notice reached through a real panic in a rendered Yew app, as in the page: the hook
//! installed before rendering survives Yew's renderer, the notice appears, and the last good
//! autosave is kept. Its own test binary: after a panic this wasm instance is done for.
//! Runs with `cargo test -p omen-web --target wasm32-unknown-unknown` (headless Chromium).
#![cfg(target_arch = "wasm32")]

use gloo::storage::{LocalStorage, Storage};
use omen_web::browser::{autosave, AUTOSAVE_KEY};
use omen_web::crash::{crashed, install_panic_hook, CRASH_ID};
use omen_web::i18n::Lang;
use omen_web::state::Playground;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the playground, then panics while rendering once a timer fires: the panic happens in
/// a browser task of its own, as a bug hit while someone types would.
#[component]
fn Crashing() -> Html {
    let armed = use_state(|| false);
    {
        let armed = armed.clone();
        use_effect_with((), move |()| {
            gloo::timers::callback::Timeout::new(20, move || armed.set(true)).forget();
        });
    }
    if *armed {
        panic!("a bug while rendering <b>not html</b>");
    }
    html! { <omen_web::App /> }
}

async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn a_panic_while_rendering_shows_the_notice_and_keeps_the_last_good_world() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    // The last good world, as the autosave holds it.
    let last_good = Playground::new(Lang::En).apply(omen_web::state::Action::LoadPreset("external-id".into()));
    LocalStorage::set(AUTOSAVE_KEY, omen_web::browser::shared_of(&last_good)).expect("saved");
    let saved = LocalStorage::raw().get_item(AUTOSAVE_KEY).ok().flatten();

    // As main.rs does: the hook first, then Yew's renderer (which would replace a std hook).
    install_panic_hook();
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("appended");
    yew::Renderer::<Crashing>::with_root(root).render();

    let mut notice = None;
    for _ in 0..200 {
        notice = document.get_element_by_id(CRASH_ID);
        if notice.is_some() {
            break;
        }
        pause(10).await;
    }
    let notice = notice.expect("the crash notice appeared after the panic");
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("a bug while rendering <b>not html</b>"), "{text}");
    assert!(notice.query_selector("b").ok().flatten().is_none(), "details are text, not HTML");
    assert!(text.contains("Reload") && text.contains("再読み込み"), "{text}");
    // The last saved world can be downloaded from the notice, without the wasm app.
    let download = notice.query_selector("a[download]").ok().flatten().expect("a download link");
    assert!(download.get_attribute("href").is_some_and(|href| href.starts_with("blob:")));
    assert_eq!(document.query_selector_all(&format!("#{CRASH_ID}")).map(|list| list.length()).ok(), Some(1));

    // Nothing overwrites the last good world any more.
    assert!(crashed());
    autosave(&Playground::new(Lang::Ja));
    assert_eq!(LocalStorage::raw().get_item(AUTOSAVE_KEY).ok().flatten(), saved);
}
