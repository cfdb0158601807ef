//! Workshop mode for the room: presenter mode (large type, the flow picture and the current
//! step's explanation, a fresh-start link, placeholders for account ids and names) and the
//! handout (print, copy as Markdown, copy as AWS CLI). The Markdown, the script and the
//! placeholders come from the workshop worker (omen-core's `workshop::{world_markdown,
//! lesson_markdown, aws_cli_script, with_placeholders}`), asked through an [`Ask`].

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::bridge;
use super::strings::words;
use super::view::{link_to, Route};
use crate::i18n::Lang;

/// What is done with a reply from the worker.
pub type Reply = Box<dyn FnOnce(Value)>;

/// Sends a message to the workshop worker and hands its reply to the function given.
#[derive(Clone)]
pub struct Ask(pub Rc<dyn Fn(Value, Reply)>);

impl PartialEq for Ask {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Ask {
    /// Asks the worker `op` about `world` (in `lang`, for `lesson` if given); `reply` gets the answer.
    pub fn world(
        &self,
        op: &str,
        world: &Value,
        lang: Lang,
        lesson: Option<&str>,
        reply: impl FnOnce(Value) + 'static,
    ) {
        let mut message = serde_json::Map::new();
        message.insert("op".into(), op.into());
        message.insert("world".into(), world.clone());
        message.insert("lang".into(), lang.tag().into());
        if let Some(lesson) = lesson {
            message.insert("lesson".into(), lesson.into());
        }
        (self.0)(Value::Object(message), Box::new(reply));
    }
}

/// What a handout button produced: which one, the text, and whether the clipboard took it.
#[derive(Clone, Debug, PartialEq)]
struct Produced {
    what: &'static str,
    text: String,
    copied: Option<bool>,
}

/// Properties of [`Handout`].
#[derive(Properties, PartialEq)]
pub struct HandoutProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world.
    pub world: Value,
    /// The lesson the handout is for (its title, text and sources come first), if any.
    #[prop_or_default]
    pub lesson: Option<String>,
    /// The interface language (the handout's language).
    pub lang: Lang,
}

/// The handout: print the page (with the print stylesheet in web/workshop.css), or copy the
/// world with its verdicts as Markdown, or the AWS CLI commands that rebuild it. What was copied
/// is shown too, to select by hand where the browser refuses the clipboard.
#[component]
pub fn Handout(props: &HandoutProps) -> Html {
    let w = words(props.lang);
    let produced = use_state(|| None::<Produced>);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let produce = |op: &'static str| {
        let ask = props.ask.clone();
        let world = props.world.clone();
        let lang = props.lang;
        let lesson = props.lesson.clone();
        let produced = produced.clone();
        Callback::from(move |_: MouseEvent| {
            let produced = produced.clone();
            ask.world(op, &world, lang, lesson.as_deref(), move |reply| {
                let text = reply.get("text").and_then(Value::as_str).unwrap_or_default().to_owned();
                produced.set(Some(Produced { what: op, text: text.clone(), copied: None }));
                let shown = text.clone();
                crate::browser::copy(text, move |copied| {
                    produced.set(Some(Produced { what: op, text: shown, copied: Some(copied) }));
                });
            });
        })
    };
    html! {
        <section class="ws-handout" aria-labelledby="ws-handout-heading" data-testid="handout">
            <h3 id="ws-handout-heading">{ w.handout }</h3>
            <p class="ws-note">{ w.handout_note }</p>
            <div class="ws-actions">
                <button type="button" class="small" onclick={print} data-testid="print">{ w.print }</button>
                <button type="button" class="small" onclick={produce("handout")} data-testid="copy-markdown">{ w.copy_markdown }</button>
                <button type="button" class="small" onclick={produce("cli")} data-testid="copy-cli">{ w.copy_cli }</button>
            </div>
            if let Some(produced) = &*produced {
                <div class="ws-produced">
                    <p class="ws-meta" role="status">
                        { match produced.copied {
                            Some(true) => w.copied_text,
                            Some(false) => w.copy_refused,
                            None => "",
                        } }
                    </p>
                    <pre class="mono ws-produced-text" tabindex="0" data-testid="produced" data-what={produced.what}
                        aria-label={if produced.what == "cli" { w.copy_cli } else { w.copy_markdown }}>{ produced.text.clone() }</pre>
                </div>
            }
        </section>
    }
}

/// Properties of [`Presenter`].
#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world.
    pub world: Value,
    /// Whether this page was opened on the fresh-start link (it shows nothing autosaved).
    pub fresh: bool,
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// Presenter mode's controls. While it is open, the page shows the flow picture and the results
/// in large type (`html[data-presenter]` in web/workshop.css) and hides the editors.
#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let w = words(props.lang);
    let copied = use_state(|| None::<String>);
    let replaced = use_state(|| false);
    let leave = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    let copy_fresh = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let link = link_to(&Route::Present);
            let copied = copied.clone();
            let shown = link.clone();
            crate::browser::copy(link, move |_| copied.set(Some(shown)));
        })
    };
    let placeholders = {
        let ask = props.ask.clone();
        let world = props.world.clone();
        let lang = props.lang;
        let replaced = replaced.clone();
        Callback::from(move |_: MouseEvent| {
            let replaced = replaced.clone();
            ask.world("placeholders", &world, lang, None, move |reply| {
                if let Some(world) = reply.get("world").filter(|world| world.is_object()) {
                    let mut start = serde_json::Map::new();
                    start.insert("world".into(), world.clone());
                    bridge::load_world(&Value::Object(start));
                    replaced.set(true);
                }
            });
        })
    };
    html! {
        <article class="ws-presenter" data-testid="presenter">
            <a class="ws-back" href="#workshop" onclick={leave} data-testid="leave-presenter">{ w.leave_presenter }</a>
            <h2 id="ws-heading" tabindex="-1">{ w.presenter }</h2>
            <p class="ws-note">{ w.presenter_intro }</p>
            <p class="ws-note" data-testid="fresh-note">{ if props.fresh { w.fresh_now } else { w.not_fresh } }</p>
            <div class="ws-actions">
                <button type="button" class="small" onclick={placeholders} data-testid="placeholders">{ w.placeholders }</button>
                <button type="button" class="small" onclick={copy_fresh} data-testid="copy-fresh">{ w.copy_fresh }</button>
            </div>
            if *replaced { <p class="ws-meta" role="status" data-testid="placeholders-done">{ w.placeholders_done }</p> }
            if let Some(link) = &*copied {
                <p class="ws-copied" role="status">{ w.copied }{ " " }<code class="mono" data-testid="fresh-link">{ link.clone() }</code></p>
            }
        </article>
    }
}
