//! A teacher's own challenges, handed out by link: the challenge file travels in the address
//! (`#challenge-link=` + base64url(raw deflate(JSON)), deflated and inflated by the browser through
//! web/loader.js's `omenDeflate` / `omenInflate`, as share links are), the workshop worker reads
//! and validates it (`custom`), then grades it like any challenge. The teacher writes one in the
//! page ([`WriteChallenge`]), starting from the playground's world (its AWS managed policies
//! attached by ARN, as in the hand-written challenges), or pastes a file.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::room::Ask;
use super::strings::words;
use super::view::{link_to, Route};
use crate::i18n::Lang;
use omen_core::Text;

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

/// A challenge to start from: `world` (the playground's, as the worker's `challenge-world`
/// writes it: AWS managed policies by ARN), with one check of each kind for the
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

/// The problems the worker found in a teacher's challenge (`problems`, `problemsJa`), each in
/// English and Japanese: a problem with the world itself is said in Japanese on the Japanese page,
/// the rest (the file's own, for its author) as the worker wrote them.
pub fn problems_of(reply: &Value) -> Vec<Text> {
    let ja = super::material::list(reply, "/problemsJa");
    super::material::list(reply, "/problems")
        .iter()
        .enumerate()
        .filter_map(|(i, en)| {
            let en = en.as_str()?;
            Some(Text::new(en, ja.get(i).and_then(Value::as_str).unwrap_or(en)))
        })
        .collect()
}

/// What checking the teacher's text came to.
#[derive(Clone, Debug, PartialEq)]
enum Made {
    /// The worker found problems.
    Problems(Vec<Text>),
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

/// Asks the worker for the world a challenge starts from — the playground's, its AWS managed
/// policies attached by ARN as the hand-written challenges attach them — and puts the template
/// written from it into `text`, unless the teacher has typed something meanwhile (`typed`).
fn start_from(ask: &Ask, world: &Value, text: UseStateHandle<Option<String>>, typed: Rc<RefCell<bool>>) {
    typed.replace(false);
    (ask.0)(
        json!({"op": "challenge-world", "world": world}),
        Box::new(move |reply: Value| {
            if !*typed.borrow() {
                text.set(Some(template(reply.get("world").unwrap_or(&Value::Null))));
            }
        }),
    );
}

/// Where a teacher writes a challenge (or pastes a file), has the worker check it and gets the
/// link that hands it out.
#[component]
pub fn WriteChallenge(props: &WriteChallengeProps) -> Html {
    let w = words(props.lang);
    // `None` until the worker has written the playground's world as a challenge's.
    let text = use_state(|| None::<String>);
    let typed = use_mut_ref(|| false);
    let made = use_state(|| None::<Made>);
    {
        let (ask, world, text, typed) = (props.ask.clone(), props.world.clone(), text.clone(), typed.clone());
        use_effect_with((), move |()| start_from(&ask, &world, text, typed));
    }
    let oninput = {
        let text = text.clone();
        let typed = typed.clone();
        let made = made.clone();
        Callback::from(move |event: InputEvent| {
            typed.replace(true);
            text.set(Some(event.target_unchecked_into::<HtmlTextAreaElement>().value()));
            made.set(None);
        })
    };
    let restart = {
        let (ask, world, text, typed) = (props.ask.clone(), props.world.clone(), text.clone(), typed.clone());
        let made = made.clone();
        Callback::from(move |_: MouseEvent| {
            text.set(None);
            start_from(&ask, &world, text.clone(), typed.clone());
            made.set(None);
        })
    };
    let make = {
        let ask = props.ask.clone();
        let text = text.clone();
        let made = made.clone();
        Callback::from(move |_: MouseEvent| {
            let made = made.clone();
            let file = (*text).clone().unwrap_or_default();
            (ask.0)(
                json!({"op": "custom", "text": file}),
                Box::new(move |reply: Value| {
                    if reply.get("key").is_none() {
                        return made.set(Some(Made::Problems(problems_of(&reply))));
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
                value={(*text).clone().unwrap_or_default()} aria-busy={text.is_none().to_string()}
                {oninput} data-testid="challenge-text" />
            <div class="ws-actions">
                <button type="button" class="primary" onclick={make} disabled={text.is_none()} data-testid="make-link">{ w.make_link }</button>
                <button type="button" class="small" onclick={restart}>{ w.from_world }</button>
            </div>
            { match &*made {
                None => Html::default(),
                Some(Made::Problems(problems)) => html! {
                    <div class="ws-problem" role="alert" data-testid="challenge-problems">
                        <p>{ w.not_a_challenge }</p>
                        <ul>{ for problems.iter().map(|problem| html! { <li><code>{ problem.get(props.lang.core()).to_owned() }</code></li> }) }</ul>
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
