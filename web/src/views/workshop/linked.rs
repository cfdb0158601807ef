//! A teacher's own challenges, handed out by link: the challenge file travels in the address
//! (`#challenge-link=` + base64url(raw deflate(JSON)), deflated and inflated by the browser through
//! web/loader.js's `omenDeflate` / `omenInflate`, as share links are), the workshop worker reads
//! and validates it (`custom`), then grades it like any challenge. The teacher writes one in the
//! page ([`WriteChallenge`]), starting from the playground's world, or pastes a file.

use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::room::Ask;
use super::strings::words;
use super::view::{link_to, Route};
use crate::i18n::Lang;

/// The fragment's prefix of a challenge link.
pub const PREFIX: &str = "challenge-link=";

/// The largest challenge file a link may carry, in bytes once inflated.
const MAX_TEXT: usize = 200_000;

/// Only base64url's characters are kept from a link's payload.
pub fn clean_payload(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// A short name for a payload (FNV-1a, hex), to remember which linked challenge's world is loaded.
pub fn fingerprint(payload: &str) -> String {
    let hash = payload
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{:012x}", hash >> 16)
}

async fn call(function: &str, args: &[JsValue]) -> Option<String> {
    let window = web_sys::window()?;
    let function: js_sys::Function = js_sys::Reflect::get(&window, &function.into()).ok()?.dyn_into().ok()?;
    let promise = match args {
        [one] => function.call1(&JsValue::NULL, one),
        [one, two] => function.call2(&JsValue::NULL, one, two),
        _ => return None,
    };
    let promise: js_sys::Promise = promise.ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()
}

/// The challenge file a link's payload carries (`None` when it cannot be read or is too large).
pub async fn inflate(payload: &str) -> Option<String> {
    let limit = JsValue::from_f64(MAX_TEXT as f64);
    call("omenInflate", &[JsValue::from_str(payload), limit]).await.filter(|text| !text.starts_with("error:"))
}

/// The payload of a link carrying `text`.
pub async fn deflate(text: &str) -> Option<String> {
    call("omenDeflate", &[JsValue::from_str(text)]).await
}

/// A challenge to start from: the playground's world, with one check of each kind for the
/// teacher to rewrite (the flow must succeed; a request must be denied).
pub fn template(world: &Value) -> String {
    let challenge = json!({
        "id": "my-challenge",
        "title": {"en": "My challenge", "ja": "わたしの課題"},
        "goal": {"en": ["Say what must work and what must not."], "ja": ["何ができて何ができてはいけないかを書いてください。"]},
        "sources": [{
            "title": "Policy evaluation logic",
            "url": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"
        }],
        "world": world,
        "checks": [{
            "id": "flow-works",
            "say": {"en": "The flow succeeds.", "ja": "フローが成功する。"},
            "flow": "succeeds"
        }],
        "hints": [{"en": "Read the failed step first.", "ja": "まず失敗したステップを読んでください。"}]
    });
    serde_json::to_string_pretty(&challenge).unwrap_or_default()
}

/// What checking the teacher's text came to.
#[derive(Clone, Debug, PartialEq)]
enum Made {
    /// The worker found problems.
    Problems(Vec<String>),
    /// A link to hand out, and whether the clipboard took it.
    Link(String, Option<bool>),
    /// The browser could not make a link.
    Failed,
}

/// Properties of [`WriteChallenge`].
#[derive(Properties, PartialEq)]
pub struct WriteChallengeProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world (what a new challenge starts from).
    pub world: Value,
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// Where a teacher writes a challenge (or pastes a file), has the worker check it and gets the
/// link that hands it out.
#[component]
pub fn WriteChallenge(props: &WriteChallengeProps) -> Html {
    let w = words(props.lang);
    let text = use_state(|| template(&props.world));
    let made = use_state(|| None::<Made>);
    let oninput = {
        let text = text.clone();
        let made = made.clone();
        Callback::from(move |event: InputEvent| {
            text.set(event.target_unchecked_into::<HtmlTextAreaElement>().value());
            made.set(None);
        })
    };
    let restart = {
        let text = text.clone();
        let made = made.clone();
        let world = props.world.clone();
        Callback::from(move |_: MouseEvent| {
            text.set(template(&world));
            made.set(None);
        })
    };
    let make = {
        let ask = props.ask.clone();
        let text = text.clone();
        let made = made.clone();
        Callback::from(move |_: MouseEvent| {
            let made = made.clone();
            let file = (*text).clone();
            (ask.0)(
                json!({"op": "custom", "text": file}),
                Box::new(move |reply: Value| {
                    if reply.get("key").is_none() {
                        let problems = super::material::list(&reply, "/problems")
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect();
                        return made.set(Some(Made::Problems(problems)));
                    }
                    wasm_bindgen_futures::spawn_local(async move {
                        let Some(payload) = deflate(&file).await else {
                            return made.set(Some(Made::Failed));
                        };
                        let link = link_to(&Route::Linked(payload));
                        made.set(Some(Made::Link(link.clone(), None)));
                        let shown = link.clone();
                        crate::browser::copy(link, move |copied| made.set(Some(Made::Link(shown, Some(copied)))));
                    });
                }),
            );
        })
    };
    let back = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    html! {
        <article class="ws-write" data-testid="write-challenge">
            <a class="ws-back" href="#workshop" onclick={back}>{ w.back }</a>
            <h2 id="ws-heading" tabindex="-1">{ w.write_challenge }</h2>
            <p class="ws-note">{ w.write_intro }</p>
            <label class="ws-label" for="ws-write-text">{ w.challenge_file }</label>
            <textarea id="ws-write-text" class="mono ws-write-text" spellcheck="false" rows="16"
                value={(*text).clone()} {oninput} data-testid="challenge-text" />
            <div class="ws-actions">
                <button type="button" class="primary" onclick={make} data-testid="make-link">{ w.make_link }</button>
                <button type="button" class="small" onclick={restart}>{ w.from_world }</button>
            </div>
            { match &*made {
                None => Html::default(),
                Some(Made::Problems(problems)) => html! {
                    <div class="ws-problem" role="alert" data-testid="challenge-problems">
                        <p>{ w.not_a_challenge }</p>
                        <ul>{ for problems.iter().map(|problem| html! { <li><code>{ problem.clone() }</code></li> }) }</ul>
                    </div>
                },
                Some(Made::Failed) => html! { <p class="ws-problem" role="alert">{ w.link_failed }</p> },
                Some(Made::Link(link, copied)) => html! {
                    <div class="ws-made" role="status">
                        <p>{ if *copied == Some(true) { w.link_copied } else { w.link_ready } }</p>
                        <code class="mono ws-copied" data-testid="challenge-link">{ link.clone() }</code>
                    </div>
                },
            } }
        </article>
    }
}
