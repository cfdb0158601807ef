//! Workshop mode's views that explain a verdict by changing one thing: "who must allow?" (the
//! principal switch on a trust or resource-based policy, with the table of the policies that then
//! have to allow) and "what changed?" (the playground's world against an earlier one, with the
//! statements that caused each change). Both come from the workshop worker (omen-core's
//! `workshop::{principal_switch, what_changed}`), asked through an [`Ask`]; the links to them
//! and to the step-through are [`LookCloser`].

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::bridge;
use super::material::{list, text};
use super::room::Ask;
use super::strings::words;
use super::view::Route;
use super::wrap::{arn, rich};
use crate::i18n::Lang;

fn str_at(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// Properties of [`LookCloser`].
#[derive(Properties, PartialEq)]
pub struct LookCloserProps {
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// The links to the views that explain the playground's verdicts: step through the evaluation,
/// who must allow, what changed.
#[component]
pub fn LookCloser(props: &LookCloserProps) -> Html {
    let w = words(props.lang);
    let link = |route: Route, label: &'static str, testid: &'static str| {
        let href = route.fragment().unwrap_or_default();
        let onclick = props.go.reform(move |event: MouseEvent| {
            event.prevent_default();
            route.clone()
        });
        html! { <li><a {href} {onclick} data-testid={testid}>{ label }</a></li> }
    };
    html! {
        <nav class="ws-closer" aria-label={w.look_closer}>
            <h3>{ w.look_closer }</h3>
            <ul>
                { link(Route::Steps, w.step_through, "open-steps") }
                { link(Route::WhoMustAllow, w.who_must_allow, "open-who") }
                { link(Route::Changes, w.what_changed, "open-changes") }
            </ul>
        </nav>
    }
}

/// Properties of [`WhoMustAllow`].
#[derive(Properties, PartialEq)]
pub struct WhoMustAllowProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world.
    pub world: Value,
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// "Who must allow?": for a step decided by a trust or resource-based policy that names its
/// caller, each way the policy can name it (the user's ARN, the account root, the role's ARN, the
/// session's ARN), the policies that then have to allow ("Policy evaluation logic",
/// "Cross-account policy evaluation logic", "Session policies") and the step's verdict with the
/// policy rewritten; one button puts the rewritten policy in the playground.
#[component]
pub fn WhoMustAllow(props: &WhoMustAllowProps) -> Html {
    let w = words(props.lang);
    let reply = use_state(|| None::<Value>);
    let chosen_step = use_state(|| None::<String>);
    let chosen_form = use_state(|| None::<String>);
    let applied = use_state(|| false);
    {
        let reply = reply.clone();
        let ask = props.ask.clone();
        use_effect_with((props.world.clone(), props.lang), move |(world, lang)| {
            ask.world("switch", world, *lang, None, move |answer| reply.set(Some(answer)));
        });
    }
    let back = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    let switches = reply.as_ref().map(|reply| list(reply, "/switches").to_vec()).unwrap_or_default();
    let allowers = reply.as_ref().map(|reply| list(reply, "/allowers").to_vec()).unwrap_or_default();
    let why: Vec<String> = reply
        .as_ref()
        .map(|reply| list(reply, "/why").iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let switch = switches
        .iter()
        .find(|s| chosen_step.as_deref() == Some(str_at(s, "step").as_str()))
        .or_else(|| switches.first())
        .cloned();
    let options = switch.as_ref().map(|s| list(s, "/options").to_vec()).unwrap_or_default();
    let option = options
        .iter()
        .find(|o| chosen_form.as_deref() == Some(str_at(o, "form").as_str()))
        .or_else(|| options.iter().find(|o| o.get("current").and_then(Value::as_bool) == Some(true)))
        .or_else(|| options.first())
        .cloned();
    let step_id = switch.as_ref().map(|s| str_at(s, "step")).unwrap_or_default();
    let apply = {
        let world = option.as_ref().and_then(|o| o.get("world")).cloned();
        let applied = applied.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(world) = world.clone().filter(Value::is_object) {
                let mut start = serde_json::Map::new();
                start.insert("world".into(), world);
                bridge::load_world(&Value::Object(start));
                applied.set(true);
            }
        })
    };
    let must: Vec<Value> = option.as_ref().map(|o| list(o, "/mustAllow").to_vec()).unwrap_or_default();
    html! {
        <article class="ws-who" data-testid="who-must-allow">
            <a class="ws-back" href="#workshop" onclick={back} data-testid="ws-back">{ w.back }</a>
            <h2 id="ws-heading" tabindex="-1">{ w.who_must_allow }</h2>
            <p class="ws-note">{ w.who_intro }</p>
            if reply.is_none() {
                <p class="ws-loading" role="status">{ w.loading }</p>
            } else if switches.is_empty() {
                <div class="ws-note" role="status" data-testid="no-switch">
                    <p>{ w.no_switch }</p>
                    <ul>{ for why.iter().map(|reason| html! { <li>{ rich(reason) }</li> }) }</ul>
                </div>
            }
            if switches.len() > 1 {
                <div class="ws-step-pick" role="group" aria-label={w.which_step}>
                    { for switches.iter().map(|s| {
                        let id = str_at(s, "step");
                        let pressed = id == step_id;
                        let onclick = {
                            let chosen_step = chosen_step.clone();
                            let chosen_form = chosen_form.clone();
                            let applied = applied.clone();
                            let id = id.clone();
                            Callback::from(move |_: MouseEvent| {
                                chosen_step.set(Some(id.clone()));
                                chosen_form.set(None);
                                applied.set(false);
                            })
                        };
                        html! {
                            <button type="button" class={classes!("small", pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                                {onclick} data-testid={format!("who-step-{id}")}>
                                <span class="ws-mark">{ str_at(s, "mark") }</span>{ " " }{ rich(&str_at(s, "title")) }
                            </button>
                        }
                    }) }
                </div>
            }
            if let (Some(switch), Some(option)) = (&switch, &option) {
                <section class="ws-switch" data-testid="switch" data-step={step_id.clone()}>
                    <h3>{ rich(&str_at(switch, "title")) }</h3>
                    <p class="ws-meta">
                        <code class="mono">{ arn(&str_at(switch, "caller")) }</code>{ " · " }
                        { if switch.get("sameAccount").and_then(Value::as_bool) == Some(true) { w.same_account } else { w.cross_account } }
                        { " · " }<code class="mono">{ str_at(switch, "pointer") }</code>
                    </p>
                    <fieldset class="ws-forms">
                        <legend>{ w.names_caller }</legend>
                        { for options.iter().map(|o| {
                            let form = str_at(o, "form");
                            let id = format!("ws-form-{}-{form}", step_id.replace('.', "-"));
                            let onchange = {
                                let chosen_form = chosen_form.clone();
                                let applied = applied.clone();
                                let form = form.clone();
                                Callback::from(move |event: Event| {
                                    if event.target_unchecked_into::<HtmlInputElement>().checked() {
                                        chosen_form.set(Some(form.clone()));
                                        applied.set(false);
                                    }
                                })
                            };
                            let checked = str_at(option, "form") == form;
                            html! {
                                <label class="radio" for={id.clone()} data-testid={format!("form-{form}")}>
                                    <input type="radio" id={id.clone()} name={format!("ws-forms-{step_id}")} value={form.clone()} {checked} {onchange} />
                                    <span>
                                        { str_at(o, "formWords") }
                                        if o.get("current").and_then(Value::as_bool) == Some(true) { { " " }<em>{ w.current_form }</em> }
                                        <br /><code class="mono">{ arn(&str_at(o, "principal")) }</code>
                                    </span>
                                </label>
                            }
                        }) }
                    </fieldset>
                    <table class="ws-rule-table" data-testid="rule-table" data-form={str_at(option, "form")}>
                        <thead><tr><th scope="col">{ w.policy_kind }</th><th scope="col">{ w.must_allow }</th></tr></thead>
                        <tbody>
                            { for allowers.iter().map(|allower| {
                                let kind = allower.get("kind").cloned().unwrap_or_default();
                                let needed = must.contains(&kind);
                                let kind = kind.as_str().unwrap_or_default().to_owned();
                                html! {
                                    <tr class={classes!(needed.then_some("must"))} data-testid={format!("allower-{kind}")} data-must={needed.to_string()}>
                                        <th scope="row">{ str_at(allower, "words") }</th>
                                        <td>{ if needed { format!("✓ {}", w.yes_must) } else { format!("— {}", w.no_need) } }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <p>{ rich(&str_at(option, "said")) }</p>
                    <p class="ws-decision" role="status" data-testid="who-verdict" data-verdict={str_at(option, "verdict")}>
                        { format!("{}: {} {}", w.step_would_be, str_at(option, "mark"), str_at(option, "verdictWords")) }
                    </p>
                    if option.get("current").and_then(Value::as_bool) != Some(true) {
                        <button type="button" class="small" onclick={apply} data-testid="apply-principal">{ w.apply_principal }</button>
                    }
                    if *applied { <p class="ws-meta" role="status" data-testid="principal-applied">{ w.applied }</p> }
                </section>
            }
        </article>
    }
}

/// Where the world "what changed?" compares against came from.
#[derive(Debug, Clone, PartialEq)]
pub enum BaselineFrom {
    /// The first world workshop mode saw.
    Opened,
    /// The world when the attendee pressed "compare from the world now".
    Marked,
    /// A lesson's starting world, loaded: its `{"en", "ja"}` title.
    Lesson(Value),
    /// A challenge's starting world, loaded: its `{"en", "ja"}` title.
    Challenge(Value),
}

/// The world "what changed?" compares the playground's world against, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// What loads it, as [`super::material::Item::start`] gives it: `{"world": …}` or
    /// `{"preset": id}` (the worker reads the seed story).
    pub start: Value,
    /// Where it came from.
    pub from: BaselineFrom,
}

impl Baseline {
    /// The world the playground holds now.
    pub fn of_world(world: &Value, from: BaselineFrom) -> Option<Self> {
        world.is_object().then(|| Self { start: serde_json::json!({ "world": world }), from })
    }

    /// What it is, in words: "the starting world of the lesson “…”".
    pub fn words(&self, lang: Lang) -> String {
        let w = words(lang);
        let titled = |what: &str, title: &Value| match lang {
            Lang::En => format!("{what} “{}”", text(title, "", lang)),
            Lang::Ja => format!("{what}「{}」", text(title, "", lang)),
        };
        match &self.from {
            BaselineFrom::Opened => w.since_opened.to_owned(),
            BaselineFrom::Marked => w.since_marked.to_owned(),
            BaselineFrom::Lesson(title) => titled(w.since_lesson, title),
            BaselineFrom::Challenge(title) => titled(w.since_challenge, title),
        }
    }
}

/// Properties of [`WhatChanged`].
#[derive(Properties, PartialEq)]
pub struct WhatChangedProps {
    /// Asks the worker.
    pub ask: Ask,
    /// The playground's world.
    pub world: Value,
    /// What is compared against (none until workshop mode has seen a world): the first world
    /// workshop mode saw, the last lesson or challenge loaded, or the world when the attendee
    /// pressed "compare from the world now", whichever came last.
    pub baseline: Option<Baseline>,
    /// Makes the playground's world the one compared against.
    pub rebase: Callback<()>,
    /// Goes elsewhere in workshop mode.
    pub go: Callback<Route>,
    /// The interface language.
    pub lang: Lang,
}

/// "What changed?": the playground's world against the baseline — the flow's outcome, every step
/// and every "what the mask can do" request whose verdict changed, before → after, new access
/// marked, and for a step evaluated on both sides the gates whose outcome changed and the
/// statements that apply on one side only.
#[component]
pub fn WhatChanged(props: &WhatChangedProps) -> Html {
    let w = words(props.lang);
    let reply = use_state(|| None::<Value>);
    {
        let reply = reply.clone();
        let ask = props.ask.clone();
        use_effect_with((props.baseline.clone(), props.world.clone(), props.lang), move |(baseline, world, lang)| {
            if let Some(baseline) = baseline {
                let mut message = serde_json::Map::new();
                message.insert("op".into(), "changes".into());
                message.insert("beforeStart".into(), baseline.start.clone());
                message.insert("world".into(), world.clone());
                message.insert("lang".into(), lang.tag().into());
                (ask.0)(Value::Object(message), Box::new(move |answer| reply.set(Some(answer))));
            }
        });
    }
    let back = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    let rebase = props.rebase.reform(|_: MouseEvent| ());
    let changes = reply.as_ref().map(|reply| list(reply, "/changes").to_vec()).unwrap_or_default();
    let flow = |key: &str| {
        let succeeded = reply.as_ref().and_then(|reply| reply.get(key)).and_then(Value::as_bool) == Some(true);
        if succeeded {
            format!("✓ {}", w.succeeds)
        } else {
            format!("✗ {}", w.fails)
        }
    };
    let flow_changed = reply.as_ref().is_some_and(|reply| reply.get("succeededBefore") != reply.get("succeededAfter"));
    html! {
        <article class="ws-changes" data-testid="what-changed">
            <a class="ws-back" href="#workshop" onclick={back} data-testid="ws-back">{ w.back }</a>
            <h2 id="ws-heading" tabindex="-1">{ w.what_changed }</h2>
            <p class="ws-note">{ w.changes_intro }</p>
            if let Some(baseline) = &props.baseline {
                <p class="ws-meta ws-baseline" data-testid="compared-with">
                    <strong>{ w.compared_with }</strong>{ ": " }{ baseline.words(props.lang) }
                </p>
            }
            <div class="ws-actions">
                <button type="button" class="small" onclick={rebase} data-testid="compare-from-here">{ w.compare_from_here }</button>
            </div>
            if reply.is_none() {
                <p class="ws-loading" role="status">{ w.loading }</p>
            } else {
                <p class={classes!("ws-flow-change", flow_changed.then_some("changed"))} data-testid="flow-change">
                    <strong>{ w.the_flow }</strong>{ ": " }{ flow("succeededBefore") }{ " → " }{ flow("succeededAfter") }
                </p>
                if changes.is_empty() {
                    <p class="ws-note" role="status" data-testid="no-changes">{ w.no_changes }</p>
                } else {
                    <ul class="ws-change-list" data-testid="changes" role="status">
                        { for changes.iter().map(|change| {
                            let new_access = change.get("newAccess").and_then(Value::as_bool) == Some(true);
                            let causes = list(change, "/causes");
                            html! {
                                <li class={classes!("ws-change", str_at(change, "kind"), new_access.then_some("new-access"))}
                                    data-testid={format!("change-{}", str_at(change, "id"))} data-new-access={new_access.to_string()}>
                                    <p class="ws-change-head">
                                        { rich(&str_at(change, "title")) }
                                        if new_access { { " " }<span class="ws-new-access">{ w.new_access }</span> }
                                    </p>
                                    <p class="ws-before-after">
                                        <span>{ str_at(change, "beforeWords") }</span>{ " → " }<strong>{ str_at(change, "afterWords") }</strong>
                                    </p>
                                    if !list(change, "/gates").is_empty() {
                                        <ul class="ws-causes ws-gate-changes">
                                            { for list(change, "/gates").iter().map(|gate| html! {
                                                <li data-gate={str_at(gate, "kind")}>
                                                    <strong>{ str_at(gate, "title") }</strong>{ format!(": {} → {}", str_at(gate, "before"), str_at(gate, "after")) }
                                                </li>
                                            }) }
                                        </ul>
                                    }
                                    if !causes.is_empty() {
                                        <ul class="ws-causes">
                                            { for causes.iter().map(|cause| {
                                                let now = cause.get("nowApplies").and_then(Value::as_bool) == Some(true);
                                                html! {
                                                    <li data-now={now.to_string()}>
                                                        <code>{ arn(&str_at(cause, "policy")) }</code>{ " · " }<code>{ arn(&str_at(cause, "statement")) }</code>
                                                        { format!(" ({}): {}", str_at(cause, "effect"), if now { w.now_applies } else { w.no_longer_applies }) }
                                                    </li>
                                                }
                                            }) }
                                        </ul>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                }
            }
        </article>
    }
}
