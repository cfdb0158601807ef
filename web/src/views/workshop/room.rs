//! Workshop mode for the room: presenter mode (large type, the flow picture and the current
//! step's explanation, a fresh-start link, placeholders for account ids and names) and the
//! handout (print, copy as Markdown, copy as AWS CLI). The Markdown, the script and the
//! placeholders come from the workshop worker (omen-core's `workshop::{world_markdown,
//! lesson_markdown, aws_cli_script, with_placeholders}`), asked through an [`Ask`].

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::bridge;
use super::material::{list, text, Item, Library};
use super::strings::words;
use super::view::{link_to, Route};
use super::wrap::rich;
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
    /// The lessons and challenges, for the running order's blocks.
    pub library: Rc<Library>,
    /// Loads a lesson's (false) or challenge's (true) starting world into the playground.
    pub load: Callback<(Rc<Item>, bool)>,
    /// The interface language.
    pub lang: Lang,
}

/// Minutes as the running order shows them: `1:05`.
fn clock(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Properties of [`RunningOrder`].
#[derive(Properties, PartialEq)]
struct RunningOrderProps {
    library: Rc<Library>,
    load: Callback<(Rc<Item>, bool)>,
    lang: Lang,
}

/// The 90-minute running order (workshop/running-order.json, omen-core's
/// `workshop::RUNNING_ORDER`), one block at a time: its time, title and the point to land in
/// large type, its lessons and challenges each shown on the projector with one press, and the
/// blocks before and after.
#[component]
fn RunningOrder(props: &RunningOrderProps) -> Html {
    let w = words(props.lang);
    let lang = props.lang;
    let order =
        use_memo((), |()| serde_json::from_str::<Value>(omen_core::workshop::RUNNING_ORDER).unwrap_or_default());
    let at = use_state(|| 0usize);
    let loaded = use_state(|| None::<String>);
    let blocks = list(&order, "/blocks");
    let total = blocks.len();
    let Some(block) = blocks.get(*at) else {
        return Html::default();
    };
    let number = |key: &str| block.get(key).and_then(Value::as_u64).unwrap_or_default();
    let (start, end) = (number("start"), number("start") + number("minutes"));
    let step = |to: usize| {
        let at = at.clone();
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| {
            at.set(to);
            loaded.set(None);
        })
    };
    let items: Vec<(String, bool, Option<Rc<Item>>)> = list(block, "/items")
        .iter()
        .filter_map(Value::as_str)
        .map(|item| match item.split_once(':') {
            Some(("challenge", id)) => (item.to_owned(), true, props.library.challenge(id)),
            Some((_, id)) => (item.to_owned(), false, props.library.lesson(id)),
            None => (item.to_owned(), false, None),
        })
        .collect();
    html! {
        <section class="ws-order" data-testid="running-order" aria-labelledby="ws-order-title">
            <h3 id="ws-order-title">{ text(&order, "/title", lang) }</h3>
            <div class="ws-block" data-testid="block" data-block={at.to_string()} aria-live="polite">
                <p class="ws-meta">
                    <span class="ws-clock">{ format!("{}–{}", clock(start), clock(end)) }</span>{ " · " }
                    { w.block_of.replace("{n}", &(*at + 1).to_string()).replace("{total}", &total.to_string()) }
                </p>
                <h4 data-testid="block-title">{ text(block, "/title", lang) }</h4>
                <p class="ws-point" data-testid="block-point">{ rich(&text(block, "/point", lang)) }</p>
                if !items.is_empty() {
                    <ul class="ws-block-items">
                        { for items.into_iter().map(|(key, challenge, item)| {
                            let Some(item) = item else { return Html::default() };
                            let id = item.id.clone();
                            let onclick = {
                                let load = props.load.clone();
                                let loaded = loaded.clone();
                                let item = item.clone();
                                let key = key.clone();
                                Callback::from(move |_: MouseEvent| {
                                    load.emit((item.clone(), challenge));
                                    loaded.set(Some(key.clone()));
                                })
                            };
                            html! {
                                <li>
                                    <span class="ws-meta">{ if challenge { w.a_challenge } else { w.a_lesson } }{ ": " }</span>
                                    <strong>{ item.text("/title", lang) }</strong>{ " " }
                                    <button type="button" class="small" {onclick} data-testid={format!("project-{id}")}>{ w.load_on_projector }</button>
                                    if loaded.as_deref() == Some(key.as_str()) {
                                        <span class="ws-meta" role="status" data-testid="projected">{ " " }{ w.loaded_on_projector }</span>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                }
                <div class="ws-actions">
                    <button type="button" class="small" onclick={step(at.saturating_sub(1))} disabled={*at == 0} data-testid="block-prev">{ w.block_prev }</button>
                    <button type="button" class="small" onclick={step((*at + 1).min(total.saturating_sub(1)))} disabled={*at + 1 >= total} data-testid="block-next">{ w.block_next }</button>
                </div>
            </div>
            <details class="ws-all-blocks">
                <summary>{ w.all_blocks }</summary>
                <ol>
                    { for blocks.iter().enumerate().map(|(index, b)| {
                        let start = b.get("start").and_then(Value::as_u64).unwrap_or_default();
                        let current = index == *at;
                        html! {
                            <li>
                                <button type="button" class="link" onclick={step(index)} aria-current={current.then_some("step")} data-testid={format!("block-{index}")}>
                                    { format!("{} {}", clock(start), text(b, "/title", lang)) }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </details>
        </section>
    }
}

/// Presenter mode's controls. While it is open, the page shows the flow picture and the results
/// in large type (`html[data-presenter]` in web/workshop.css) and hides the editors.
#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let w = words(props.lang);
    let copied = use_state(|| None::<String>);
    let replaced = use_state(|| false);
    let stepping = use_state(|| false);
    let toggle_steps = {
        let stepping = stepping.clone();
        Callback::from(move |_: MouseEvent| stepping.set(!*stepping))
    };
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
                <button type="button" class="small" onclick={toggle_steps} aria-expanded={stepping.to_string()} data-testid="present-steps">{ w.step_through }</button>
            </div>
            if *replaced { <p class="ws-meta" role="status" data-testid="placeholders-done">{ w.placeholders_done }</p> }
            if let Some(link) = &*copied {
                <p class="ws-copied" role="status">{ w.copied }{ " " }<code class="mono" data-testid="fresh-link">{ super::wrap::arn(link) }</code></p>
            }
            if *stepping {
                <StepThrough ask={props.ask.clone()} world={props.world.clone()} go={props.go.clone()} lang={props.lang} embedded=true />
            }
            <RunningOrder library={props.library.clone()} load={props.load.clone()} lang={props.lang} />
        </article>
    }
}

/// Properties of [`StepThrough`].
#[derive(Properties, PartialEq)]
pub struct StepThroughProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world.
    pub world: Value,
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
    /// Shown inside presenter mode (no back link; a section rather than a page).
    #[prop_or_default]
    pub embedded: bool,
}

/// The words for a policy's result at a gate.
fn result_words(result: &str, lang: Lang) -> &'static str {
    match (result, lang) {
        ("allow", Lang::En) => "allows",
        ("deny", Lang::En) => "denies",
        ("noMatch", Lang::En) => "no statement applies",
        ("allow", Lang::Ja) => "許可",
        ("deny", Lang::Ja) => "拒否",
        ("noMatch", Lang::Ja) => "該当するステートメントなし",
        (_, Lang::En) => "does not apply",
        (_, Lang::Ja) => "対象外",
    }
}

/// "Step through the evaluation": one step of the playground's flow (the failed one first),
/// walked gate by gate in the order of AWS's policy evaluation logic — explicit deny,
/// Organizations, the resource or trust policy, identity-based policies, the permissions
/// boundary, the session policy — each with the policies it read and what they said.
#[component]
pub fn StepThrough(props: &StepThroughProps) -> Html {
    let w = words(props.lang);
    let walked = use_state(|| None::<Value>);
    let chosen = use_state(|| None::<String>);
    {
        let walked = walked.clone();
        let ask = props.ask.clone();
        use_effect_with((props.world.clone(), props.lang), move |(world, lang)| {
            ask.world("walk", world, *lang, None, move |reply| walked.set(Some(reply)));
        });
    }
    let back = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    let steps = walked.as_ref().map(|walked| super::material::list(walked, "/steps").to_vec()).unwrap_or_default();
    let failed = walked.as_ref().and_then(|walked| walked.get("failed")).and_then(Value::as_str).map(str::to_owned);
    let shown = chosen
        .as_ref()
        .filter(|id| steps.iter().any(|step| step.get("id").and_then(Value::as_str) == Some(id.as_str())))
        .cloned()
        .or(failed)
        .or_else(|| steps.first().and_then(|step| step.get("id")).and_then(Value::as_str).map(str::to_owned));
    let step = steps.iter().find(|step| step.get("id").and_then(Value::as_str) == shown.as_deref());
    let str_at = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    html! {
        <article class="ws-steps" data-testid="step-through">
            if props.embedded {
                <h3>{ w.step_through }</h3>
            } else {
                <a class="ws-back" href="#workshop" onclick={back}>{ w.back }</a>
                <h2 id="ws-heading" tabindex="-1">{ w.step_through }</h2>
                <p class="ws-note">{ w.step_through_intro }</p>
            }
            if walked.is_none() {
                <p class="ws-loading" role="status">{ w.loading }</p>
            } else if steps.is_empty() {
                <p class="ws-note" role="status">{ w.no_steps }</p>
            }
            <div class="ws-step-pick" role="group" aria-label={w.which_step}>
                { for steps.iter().map(|step| {
                    let id = str_at(step, "id");
                    let pressed = shown.as_deref() == Some(id.as_str());
                    let onclick = {
                        let chosen = chosen.clone();
                        let id = id.clone();
                        Callback::from(move |_: MouseEvent| chosen.set(Some(id.clone())))
                    };
                    html! {
                        <button type="button" class={classes!("small", pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                            {onclick} data-testid={format!("walk-step-{id}")}>
                            { str_at(step, "mark") }{ " " }{ rich(&str_at(step, "title")) }
                        </button>
                    }
                }) }
            </div>
            if let Some(step) = step {
                <ol class="ws-gates" data-testid="gates" data-step={str_at(step, "id")}>
                    { for super::material::list(step, "/gates").iter().map(|gate| {
                        let status = str_at(gate, "status");
                        html! {
                            <li class={classes!("ws-gate", status.clone())} data-testid={format!("gate-{}", str_at(gate, "kind"))} data-status={status.clone()}>
                                <p class="ws-gate-head"><strong>{ str_at(gate, "title") }</strong>{ " — " }<span class="ws-gate-status">{ str_at(gate, "statusWords") }</span></p>
                                <p>{ rich(&str_at(gate, "said")) }</p>
                                if !super::material::list(gate, "/policies").is_empty() {
                                    <ul class="ws-gate-policies">
                                        { for super::material::list(gate, "/policies").iter().map(|policy| html! {
                                            <li>
                                                <code>{ super::wrap::arn(&str_at(policy, "name")) }</code>{ ": " }{ result_words(&str_at(policy, "result"), props.lang) }
                                                <ul>
                                                    { for super::material::list(policy, "/statements").iter().filter(|s| s.get("applies").and_then(Value::as_bool) == Some(true)).map(|statement| html! {
                                                        <li>{ format!("{} ({}): ", str_at(statement, "name"), str_at(statement, "effect")) }{ rich(&str_at(statement, "said")) }</li>
                                                    }) }
                                                </ul>
                                            </li>
                                        }) }
                                    </ul>
                                }
                                if !super::material::list(gate, "/cites").is_empty() {
                                    <p class="ws-meta">{ super::material::list(gate, "/cites").iter().filter_map(Value::as_str).map(|cite| format!("[{cite}]")).collect::<Vec<_>>().join(" ") }</p>
                                }
                            </li>
                        }
                    }) }
                </ol>
                <p class="ws-decision" data-testid="walk-decision">{ format!("{}: {} {}", w.decision, str_at(step, "mark"), str_at(step, "verdictWords")) }</p>
            }
        </article>
    }
}
