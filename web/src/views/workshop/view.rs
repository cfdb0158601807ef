//! Workshop mode's panel: the list of lessons and challenges, a lesson (text, predictions that
//! hide the results until committed, tasks checked live against the playground's world, hint
//! ladders) and a challenge (goal, grading with "too loose" / "too strict", solved badge and
//! verification code). It reads the playground through its context and changes it only by
//! loading a starting world. Checks and grades come from the workshop worker (`worker.rs`).

use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::bridge;
use super::linked::{self, WriteChallenge};
use super::material::{self, list, text, Item, Library};
use super::progress::{self, Progress};
use super::room::{Ask, Handout, Presenter, Reply, StepThrough};
use super::strings::{words, Words};
use super::tools::{Baseline, BaselineFrom, LookCloser, WhatChanged, WhoMustAllow};
use super::wrap::rich;
use crate::i18n::Lang;

/// Where workshop mode is, as the address's fragment says (`#workshop`, `#lesson=<id>`,
/// `#challenge=<id>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Workshop mode is closed.
    Closed,
    /// The list of lessons and challenges.
    List,
    /// One lesson.
    Lesson(String),
    /// One challenge.
    Challenge(String),
    /// Presenter mode (its link is the fresh-start link: the page then shows nothing autosaved).
    Present,
    /// A teacher's challenge carried by the link (deflated, base64url).
    Linked(String),
    /// Where a teacher writes a challenge and gets its link.
    Write,
    /// Step through the evaluation of the playground's flow.
    Steps,
    /// "Who must allow?": the principal switch on a trust or resource-based policy.
    WhoMustAllow,
    /// "What changed?": the playground's world against an earlier one.
    Changes,
}

/// Ids are lowercase words joined by dashes: anything else in a link is dropped.
fn clean_id(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(80).collect()
}

impl Route {
    /// The route a fragment (with or without `#`) names; `Closed` for anything else (a share link).
    pub fn from_fragment(fragment: &str) -> Route {
        let fragment = fragment.trim_start_matches('#');
        if let Some(id) = fragment.strip_prefix("lesson=") {
            Route::Lesson(clean_id(id))
        } else if let Some(id) = fragment.strip_prefix("challenge=") {
            Route::Challenge(clean_id(id))
        } else if let Some(payload) = fragment.strip_prefix(linked::PREFIX) {
            Route::Linked(linked::clean_payload(payload))
        } else if fragment == "write-challenge" {
            Route::Write
        } else if fragment == "step-through" {
            Route::Steps
        } else if fragment == "who-must-allow" {
            Route::WhoMustAllow
        } else if fragment == "what-changed" {
            Route::Changes
        } else if fragment == "workshop" {
            Route::List
        } else if format!("#{fragment}") == crate::browser::FRESH_START {
            Route::Present
        } else {
            Route::Closed
        }
    }

    /// The fragment that links here (`None` when closed).
    pub fn fragment(&self) -> Option<String> {
        match self {
            Route::Closed => None,
            Route::List => Some("#workshop".into()),
            Route::Lesson(id) => Some(format!("#lesson={id}")),
            Route::Challenge(id) => Some(format!("#challenge={id}")),
            Route::Present => Some(crate::browser::FRESH_START.into()),
            Route::Linked(payload) => Some(format!("#{}{payload}", linked::PREFIX)),
            Route::Write => Some("#write-challenge".into()),
            Route::Steps => Some("#step-through".into()),
            Route::WhoMustAllow => Some("#who-must-allow".into()),
            Route::Changes => Some("#what-changed".into()),
        }
    }

    /// The key under which the progress remembers which world was loaded.
    pub fn key(&self) -> Option<String> {
        match self {
            Route::Lesson(id) => Some(format!("lesson:{id}")),
            Route::Challenge(id) => Some(format!("challenge:{id}")),
            Route::Linked(payload) => Some(format!("challenge-link:{}", linked::fingerprint(payload))),
            Route::Closed
            | Route::List
            | Route::Present
            | Route::Write
            | Route::Steps
            | Route::WhoMustAllow
            | Route::Changes => None,
        }
    }
}

/// A change to the remembered progress.
pub enum ProgressAction {
    /// These tasks of a lesson hold now.
    Complete(String, Vec<String>),
    /// A prediction committed: lesson, prediction, choice, right.
    Predict(String, String, String, bool),
    /// A challenge solved, with its code.
    Solved(String, String),
    /// A starting world was loaded (the route's key).
    Loaded(String),
    /// Take a lesson again.
    Forget(String),
}

/// The progress as a reducer state, saved after every change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remembered(pub Progress);

impl Reducible for Remembered {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let mut progress = self.0.clone();
        match action {
            ProgressAction::Complete(lesson, tasks) => {
                let mut news = false;
                for task in &tasks {
                    news |= progress.complete(&lesson, task);
                }
                if !news {
                    return self;
                }
            }
            ProgressAction::Predict(lesson, prediction, choice, right) => {
                progress.predict(&lesson, &prediction, &choice, right);
            }
            ProgressAction::Solved(challenge, code) => {
                if !progress.solve(&challenge, &code) {
                    return self;
                }
            }
            ProgressAction::Loaded(key) => progress.set_loaded(&key),
            ProgressAction::Forget(lesson) => progress.forget_lesson(&lesson),
        }
        progress::save(&progress);
        Rc::new(Remembered(progress))
    }
}

/// The worker's last check of one lesson's tasks.
#[derive(Debug, Default, PartialEq)]
pub struct Checked {
    seq: u64,
    lesson: String,
    /// (task id, done).
    tasks: Vec<(String, bool)>,
}

/// A challenge graded against one world.
#[derive(Debug, PartialEq)]
pub struct Graded {
    challenge: String,
    world: Value,
    /// omen-core's `Grade`, as JSON.
    grade: Value,
}

/// What the worker has said.
#[derive(Debug, Default, PartialEq)]
pub struct FromWorker {
    up: bool,
    ready: bool,
    /// lesson → prediction → the right choices.
    answers: Value,
    invalid: Vec<String>,
    checked: Option<Rc<Checked>>,
    /// The grade asked for last: (seq, challenge, world).
    pending: Option<(u64, String, Value)>,
    graded: Option<Rc<Graded>>,
}

/// A message from the worker, or a grade asked of it.
pub enum WorkerAction {
    /// A reply.
    Message(Value),
    /// A grade was asked for: (seq, challenge, world).
    GradeSent(u64, String, Value),
}

impl Reducible for FromWorker {
    type Action = WorkerAction;

    fn reduce(self: Rc<Self>, action: WorkerAction) -> Rc<Self> {
        let mut next = FromWorker {
            up: self.up,
            ready: self.ready,
            answers: self.answers.clone(),
            invalid: self.invalid.clone(),
            checked: self.checked.clone(),
            pending: self.pending.clone(),
            graded: self.graded.clone(),
        };
        match action {
            WorkerAction::GradeSent(seq, challenge, world) => next.pending = Some((seq, challenge, world)),
            WorkerAction::Message(message) => {
                let seq = message.get("seq").and_then(Value::as_u64).unwrap_or_default();
                match message.get("op").and_then(Value::as_str).unwrap_or_default() {
                    "up" => next.up = true,
                    "ready" => {
                        next.ready = true;
                        next.answers = message.get("answers").cloned().unwrap_or_default();
                        next.invalid =
                            list(&message, "/invalid").iter().filter_map(Value::as_str).map(str::to_owned).collect();
                    }
                    "check" => {
                        if self.checked.as_ref().is_some_and(|checked| checked.seq > seq) {
                            return self;
                        }
                        let tasks = list(&message, "/tasks")
                            .iter()
                            .map(|task| {
                                let id = task.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
                                (id, task.get("done").and_then(Value::as_bool).unwrap_or_default())
                            })
                            .collect();
                        let lesson = message.get("lesson").and_then(Value::as_str).unwrap_or_default().to_owned();
                        next.checked = Some(Rc::new(Checked { seq, lesson, tasks }));
                    }
                    "grade" => match next.pending.take() {
                        Some((sent, challenge, world)) if sent == seq => {
                            let grade = message.get("grade").cloned().unwrap_or_default();
                            next.graded = Some(Rc::new(Graded { challenge, world, grade }));
                        }
                        other => next.pending = other,
                    },
                    _ => return self,
                }
            }
        }
        Rc::new(next)
    }
}

/// The running worker and the handler that keeps its replies coming.
struct WorkerLink {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    /// Whether the worker is up and has the material; until then messages wait here (one sent
    /// while its wasm starts would be lost, one naming a lesson could not be answered).
    up: std::cell::Cell<bool>,
    waiting: std::cell::RefCell<Vec<String>>,
}

impl WorkerLink {
    fn post(&self, message: &Value) {
        if self.up.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&message.to_string()));
        } else {
            self.waiting.borrow_mut().push(message.to_string());
        }
    }

    /// The worker is up: what waited goes now, in order.
    fn started(&self) {
        self.up.set(true);
        for message in self.waiting.take() {
            let _ = self.worker.post_message(&JsValue::from_str(&message));
        }
    }
}

/// How long typing must pause before the tasks are checked again, in milliseconds.
const CHECK_DELAY_MS: u32 = 120;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Puts `route`'s fragment in the address without a history entry; leaves a share link alone
/// when workshop mode closes.
pub fn write_fragment(route: &Route) {
    let Some(window) = window() else { return };
    let location = window.location();
    let current = location.hash().unwrap_or_default();
    let target = match route.fragment() {
        Some(fragment) if fragment != current => fragment,
        Some(_) => return,
        None if Route::from_fragment(&current) != Route::Closed => {
            format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
        }
        None => return,
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
}

/// The whole address of `route`, for a link to hand out.
pub fn link_to(route: &Route) -> String {
    let Some(window) = window() else { return String::new() };
    let location = window.location();
    format!(
        "{}{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        route.fragment().unwrap_or_default()
    )
}

/// Sets (or removes) an attribute of `<html>`.
fn root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn paragraphs(value: &Value, pointer: &str, lang: Lang) -> Html {
    html! {
        { for list(value, &format!("{pointer}/{}", lang.tag())).iter().filter_map(Value::as_str).map(|p| html! { <p>{ rich(p) }</p> }) }
    }
}

fn sources(item: &Item, w: &Words) -> Html {
    let list = item.list("/sources");
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <details class="ws-sources">
            <summary>{ w.sources }</summary>
            <ul>
                { for list.iter().map(|source| {
                    let title = str_of(source, "title").to_owned();
                    match source.get("url").and_then(Value::as_str) {
                        Some(url) => html! {
                            <li><a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ title }</a></li>
                        },
                        None => html! { <li>{ title }{ format!(" ({})", w.seed) }</li> },
                    }
                }) }
            </ul>
        </details>
    }
}

/// Properties of [`HintLadder`].
#[derive(Properties, PartialEq)]
struct HintLadderProps {
    /// The rungs, in the interface language.
    hints: Vec<String>,
    lang: Lang,
    /// Names the button for tests.
    id: String,
}

/// Hints revealed one rung at a time, on request.
#[component]
fn HintLadder(props: &HintLadderProps) -> Html {
    let shown = use_state(|| 0usize);
    let w = words(props.lang);
    let total = props.hints.len();
    let onclick = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set((*shown + 1).min(total)))
    };
    if total == 0 {
        return Html::default();
    }
    html! {
        <div class="ws-hints">
            if *shown > 0 {
                <ol class="ws-rungs">
                    { for props.hints.iter().take(*shown).enumerate().map(|(rung, hint)| html! {
                        <li data-testid="hint">
                            <span class="ws-rung">{ w.rungs.get(rung).copied().unwrap_or(w.hint) }{ ": " }</span>
                            { rich(hint) }
                        </li>
                    }) }
                </ol>
            }
            if *shown < total {
                <button type="button" class="small" {onclick} data-testid={format!("hint-{}", props.id)}>
                    { format!("{} ({}/{total})", w.hint, *shown + 1) }
                </button>
            }
        </div>
    }
}

fn hints(value: &Value, lang: Lang) -> Vec<String> {
    list(value, "/hints").iter().map(|hint| text(hint, "", lang)).collect()
}

/// Workshop mode's interface (the second wasm module's root), inside the panel the page keeps
/// for it: it sees the playground's world and language through the [`bridge`].
#[component]
pub fn WorkshopApp() -> Html {
    let bridged = use_state(bridge::state);
    {
        let bridged = bridged.clone();
        use_effect_with((), move |()| {
            let listener = bridge::listen(bridge::STATE_EVENT, move || bridged.set(bridge::state()));
            move || drop(listener)
        });
    }
    let (world, lang) = (&bridged.0, bridged.1);
    let fresh = bridge::fresh();
    let w = words(lang);
    let route = use_state(|| match Route::from_fragment(&crate::browser::fragment()) {
        Route::Closed => Route::List,
        route => route,
    });
    // A route given by the address loads its starting world once the files are in, unless the
    // playground already holds that lesson's world (a reload keeps the attendee's edits).
    let from_link = use_mut_ref(|| route.key().is_some());
    // A teacher's challenge from the link: read by the worker once it is ready.
    let linked = use_state(|| None::<Result<Rc<Item>, Vec<omen_core::Text>>>);
    let library = use_state(|| None::<Rc<Library>>);
    let worker = use_mut_ref(|| None::<WorkerLink>);
    let material_sent = use_mut_ref(|| false);
    let seq = use_mut_ref(|| 0u64);
    // Replies the interface waits for (handout, script, placeholders), by seq.
    let replies = use_mut_ref(std::collections::BTreeMap::<u64, Reply>::new);
    let ask = {
        let worker = worker.clone();
        let seq = seq.clone();
        let replies = replies.clone();
        use_state(move || {
            Ask(Rc::new(move |mut message: Value, reply: Reply| {
                let next = *seq.borrow() + 1;
                *seq.borrow_mut() = next;
                if let Some(message) = message.as_object_mut() {
                    message.insert("seq".into(), next.into());
                }
                if let Some(link) = worker.borrow().as_ref() {
                    replies.borrow_mut().insert(next, reply);
                    link.post(&message);
                }
            }))
        })
    };
    let remembered = use_reducer(|| Remembered(progress::load()));
    let from_worker = use_reducer(FromWorker::default);
    // "What changed?" compares the playground's world with this one: the first world workshop
    // mode saw, then the starting world of each lesson or challenge loaded, or the world when the
    // attendee compares from a later one.
    let baseline = use_state(|| Baseline::of_world(world, BaselineFrom::Opened));
    {
        let baseline = baseline.clone();
        use_effect_with(world.clone(), move |world| {
            if baseline.is_none() {
                baseline.set(Baseline::of_world(world, BaselineFrom::Opened));
            }
        });
    }
    let rebase = {
        let baseline = baseline.clone();
        let world = world.clone();
        Callback::from(move |()| baseline.set(Baseline::of_world(&world, BaselineFrom::Marked)))
    };
    let progress = &remembered.0;
    // The files are fetched and the worker started once workshop mode first opens, after the
    // page has rendered.
    {
        let library = library.clone();
        let worker = worker.clone();
        let to_state = from_worker.dispatcher();
        let to_progress = remembered.dispatcher();
        use_effect_with((), move |()| {
            if worker.borrow().is_none() {
                let on_message =
                    Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                        let Some(message) =
                            event.data().as_string().and_then(|t| serde_json::from_str::<Value>(&t).ok())
                        else {
                            return;
                        };
                        if let Some(seq) = message.get("seq").and_then(Value::as_u64) {
                            let waiting = replies.borrow_mut().remove(&seq);
                            if let Some(reply) = waiting {
                                return reply(message);
                            }
                        }
                        match str_of(&message, "op") {
                            "check" => {
                                let done: Vec<String> = list(&message, "/tasks")
                                    .iter()
                                    .filter(|task| task.get("done").and_then(Value::as_bool) == Some(true))
                                    .map(|task| str_of(task, "id").to_owned())
                                    .collect();
                                if !done.is_empty() {
                                    to_progress.dispatch(ProgressAction::Complete(
                                        str_of(&message, "lesson").to_owned(),
                                        done,
                                    ));
                                }
                            }
                            "grade" => {
                                if let Some(code) = message.pointer("/grade/code").and_then(Value::as_str) {
                                    to_progress.dispatch(ProgressAction::Solved(
                                        str_of(&message, "challenge").to_owned(),
                                        code.to_owned(),
                                    ));
                                }
                            }
                            _ => {}
                        }
                        to_state.dispatch(WorkerAction::Message(message));
                    });
                if let Ok(started) = crate::modules::file("workshop", "worker")
                    .and_then(|url| web_sys::Worker::new(&url).map_err(|e| format!("{e:?}")))
                {
                    started.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                    *worker.borrow_mut() = Some(WorkerLink {
                        worker: started,
                        _on_message: on_message,
                        up: std::cell::Cell::new(false),
                        waiting: std::cell::RefCell::default(),
                    });
                }
                wasm_bindgen_futures::spawn_local(async move {
                    library.set(Some(Rc::new(material::load().await)));
                });
            }
        });
    }
    // The worker gets the files once both are ready.
    {
        let worker = worker.clone();
        let library = library.clone();
        // Not before the worker says it is up: a message sent while its wasm is still starting
        // would be lost.
        use_effect_with((library.is_some(), from_worker.up), move |(_, up)| {
            if let (Some(library), Some(link), true) = (library.as_ref(), worker.borrow().as_ref(), *up) {
                if !*material_sent.borrow() {
                    *material_sent.borrow_mut() = true;
                    let _ = link.worker.post_message(&JsValue::from_str(&library.material_message()));
                    // What waited (a handout, a challenge from a link…) goes once the worker
                    // has the lessons and challenges it may name.
                    link.started();
                }
            }
        });
    }
    use_effect_with((*route).clone(), write_fragment);

    let lesson = library.as_ref().and_then(|library| match &*route {
        Route::Lesson(id) => library.lesson(id),
        _ => None,
    });
    let challenge = library.as_ref().and_then(|library| match &*route {
        Route::Challenge(id) => library.challenge(id),
        Route::Linked(_) => linked.as_ref().and_then(|linked| linked.as_ref().ok()).cloned(),
        _ => None,
    });
    {
        let linked = linked.clone();
        let ask = (*ask).clone();
        let payload = match &*route {
            Route::Linked(payload) => Some(payload.clone()),
            _ => None,
        };
        use_effect_with((payload, from_worker.ready), move |(payload, ready)| {
            if let (Some(payload), true) = (payload.clone(), *ready) {
                wasm_bindgen_futures::spawn_local(async move {
                    let Some(text) = linked::inflate(&payload).await else {
                        return linked.set(Some(Err(Vec::new())));
                    };
                    let file = text.clone();
                    (ask.0)(
                        serde_json::json!({"op": "custom", "text": text}),
                        Box::new(move |reply: Value| {
                            let key = reply.get("key").and_then(Value::as_str).map(str::to_owned);
                            let json = serde_json::from_str::<Value>(&file).ok();
                            match (key, json) {
                                (Some(id), Some(json)) => {
                                    linked.set(Some(Ok(Rc::new(Item { id, text: file, json }))));
                                }
                                _ => linked.set(Some(Err(linked::problems_of(&reply)))),
                            }
                        }),
                    );
                });
            }
        });
    }
    // The world a lesson or challenge starts from becomes what "what changed?" compares against
    // when it loads (or, after a reload, when its edited world is still in the playground).
    let item_baseline = {
        let from = match (&lesson, &challenge) {
            (Some(lesson), _) => lesson.json.get("title").cloned().map(BaselineFrom::Lesson),
            (None, Some(challenge)) => challenge.json.get("title").cloned().map(BaselineFrom::Challenge),
            (None, None) => None,
        };
        let start = lesson.as_ref().or(challenge.as_ref()).and_then(|item| item.start());
        start.zip(from).map(|(start, from)| Baseline { start, from })
    };
    // Presenter mode's running order shows a block's lesson or challenge on the projector.
    let load_item = {
        let baseline = baseline.clone();
        Callback::from(move |(item, challenge): (Rc<Item>, bool)| {
            if let Some(start) = item.start() {
                bridge::load_world(&start);
                let title = item.json.get("title").cloned().unwrap_or_default();
                let from = if challenge { BaselineFrom::Challenge(title) } else { BaselineFrom::Lesson(title) };
                baseline.set(Some(Baseline { start, from }));
            }
        })
    };
    let on_load = {
        let remembered = remembered.clone();
        let key = route.key();
        let baseline = baseline.clone();
        let item_baseline = item_baseline.clone();
        Callback::from(move |_: ()| {
            if let (Some(item), Some(key)) = (item_baseline.as_ref(), key.clone()) {
                bridge::load_world(&item.start);
                baseline.set(Some(item.clone()));
                remembered.dispatch(ProgressAction::Loaded(key));
            }
        })
    };
    {
        let ready = lesson.is_some() || challenge.is_some();
        let loaded_here = route.key().is_some() && progress.loaded() == route.key().as_deref();
        let on_load = on_load.clone();
        let baseline = baseline.clone();
        use_effect_with(ready, move |ready| {
            if *ready && *from_link.borrow() {
                *from_link.borrow_mut() = false;
                if loaded_here {
                    baseline.set(item_baseline);
                } else {
                    on_load.emit(());
                }
            }
        });
    }
    // Tasks are checked again once typing pauses, against the world the playground holds.
    {
        let worker = worker.clone();
        let seq = seq.clone();
        let lesson_id = lesson.as_ref().map(|lesson| lesson.id.clone());
        use_effect_with((lesson_id, world.clone(), from_worker.ready), move |(lesson, world, ready)| {
            let message = lesson.clone().filter(|_| *ready).map(|lesson| {
                let mut message = serde_json::Map::new();
                message.insert("op".into(), "check".into());
                message.insert("lesson".into(), lesson.into());
                message.insert("world".into(), world.clone());
                message
            });
            let timeout = message.map(|mut message| {
                gloo::timers::callback::Timeout::new(CHECK_DELAY_MS, move || {
                    let next = *seq.borrow() + 1;
                    *seq.borrow_mut() = next;
                    message.insert("seq".into(), next.into());
                    if let Some(link) = worker.borrow().as_ref() {
                        link.post(&Value::Object(message));
                    }
                })
            });
            move || drop(timeout)
        });
    }
    let on_grade = {
        let worker = worker.clone();
        let seq = seq.clone();
        let to_state = from_worker.dispatcher();
        let world = world.clone();
        let id = challenge.as_ref().map(|challenge| challenge.id.clone()).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let next = *seq.borrow() + 1;
            *seq.borrow_mut() = next;
            to_state.dispatch(WorkerAction::GradeSent(next, id.clone(), world.clone()));
            let mut message = serde_json::Map::new();
            message.insert("op".into(), "grade".into());
            message.insert("seq".into(), next.into());
            message.insert("challenge".into(), id.clone().into());
            message.insert("world".into(), world.clone());
            if let Some(link) = worker.borrow().as_ref() {
                link.post(&Value::Object(message));
            }
        })
    };
    // While a lesson's predictions wait for answers on its own world, the results stay hidden.
    let predicting = lesson.as_ref().is_some_and(|lesson| {
        progress.loaded() == route.key().as_deref()
            && lesson.list("/predict").iter().any(|p| progress.prediction(&lesson.id, str_of(p, "id")).is_none())
    });
    use_effect_with(predicting, |predicting| {
        root_attribute("data-workshop-predicting", predicting.then_some("true"));
    });
    // Presenter mode: large type, the picture and the explanation (web/workshop.css).
    use_effect_with(*route == Route::Present, |presenting| {
        root_attribute("data-presenter", presenting.then_some("true"));
    });
    // Keyboard users land on what they opened.
    {
        let route = (*route).clone();
        let ready = library.is_some();
        use_effect_with((route, ready), |(route, ready)| {
            if *ready && *route != Route::Closed {
                crate::browser::reveal("ws-heading");
            }
        });
    }

    let go = {
        let route = route.clone();
        Callback::from(move |next: Route| route.set(next))
    };
    let body = if let Some(library) = library.as_ref() {
        match (&*route, lesson.clone(), challenge.clone()) {
            (Route::Lesson(_), Some(lesson), _) => html! {
                <LessonView
                    next={library.next_lesson(&lesson.id)}
                    world_loaded={progress.loaded() == route.key().as_deref()}
                    checked={from_worker.checked.clone().filter(|checked| checked.lesson == lesson.id)}
                    answers={from_worker.answers.get(&lesson.id).cloned()}
                    remembered={remembered.clone()}
                    ask={(*ask).clone()}
                    world={world.clone()}
                    on_load={on_load.clone()}
                    go={go.clone()}
                    {lesson}
                    {lang}
                />
            },
            (Route::Challenge(_) | Route::Linked(_), _, Some(challenge)) => html! {
                <ChallengeView
                    route={(*route).clone()}
                    graded={from_worker.graded.clone().filter(|g| g.challenge == challenge.id && g.world == *world)}
                    pending={from_worker.pending.is_some()}
                    ready={from_worker.ready}
                    world_loaded={progress.loaded() == route.key().as_deref()}
                    solved_code={progress.solved(&challenge.id)}
                    on_load={on_load.clone()}
                    {on_grade}
                    go={go.clone()}
                    {challenge}
                    {lang}
                />
            },
            (Route::Lesson(id) | Route::Challenge(id), _, _) => html! {
                <>
                    <BackLink go={go.clone()} {lang} />
                    <p class="ws-problem" role="alert" id="ws-heading" tabindex="-1">{ w.unknown }{ " " }<code>{ id.clone() }</code></p>
                </>
            },
            (Route::Linked(_), _, None) => match &*linked {
                Some(Err(problems)) => html! {
                    <>
                        <BackLink go={go.clone()} {lang} />
                        <div class="ws-problem" role="alert" id="ws-heading" tabindex="-1" data-testid="challenge-problems">
                            <p>{ w.bad_link }</p>
                            <ul>{ for problems.iter().map(|problem| html! { <li><code>{ problem.get(lang.core()).to_owned() }</code></li> }) }</ul>
                        </div>
                    </>
                },
                _ => html! { <p class="ws-loading" role="status">{ w.loading }</p> },
            },
            (Route::Steps, _, _) => html! {
                <StepThrough ask={(*ask).clone()} world={world.clone()} go={go.clone()} {lang} />
            },
            (Route::WhoMustAllow, _, _) => html! {
                <WhoMustAllow ask={(*ask).clone()} world={world.clone()} go={go.clone()} {lang} />
            },
            (Route::Changes, _, _) => html! {
                <WhatChanged ask={(*ask).clone()} world={world.clone()} baseline={(*baseline).clone()} {rebase} go={go.clone()} {lang} />
            },
            (Route::Write, _, _) => html! {
                <WriteChallenge ask={(*ask).clone()} world={world.clone()} go={go.clone()} {lang} />
            },
            (Route::Present, _, _) => html! {
                <Presenter ask={(*ask).clone()} world={world.clone()} {fresh} go={go.clone()} library={library.clone()} load={load_item} {lang} />
            },
            _ => html! {
                <>
                    { list_view(library, &from_worker.invalid, progress, lang, &go) }
                    <Handout ask={(*ask).clone()} world={world.clone()} {lang} />
                </>
            },
        }
    } else {
        html! { <p class="ws-loading" role="status">{ w.loading }</p> }
    };
    body
}

/// Properties of [`BackLink`].
#[derive(Properties, PartialEq)]
struct BackLinkProps {
    go: Callback<Route>,
    lang: Lang,
}

#[component]
fn BackLink(props: &BackLinkProps) -> Html {
    let onclick = props.go.reform(|event: MouseEvent| {
        event.prevent_default();
        Route::List
    });
    html! { <a class="ws-back" href="#workshop" {onclick} data-testid="ws-back">{ words(props.lang).back }</a> }
}

fn task_ids(lesson: &Item) -> Vec<String> {
    lesson.list("/tasks").iter().map(|task| str_of(task, "id").to_owned()).collect()
}

fn list_view(library: &Library, invalid: &[String], progress: &Progress, lang: Lang, go: &Callback<Route>) -> Html {
    let w = words(lang);
    let (right, committed) = progress.tally();
    let link = |route: Route, label: String| {
        let href = route.fragment().unwrap_or_default();
        let onclick = go.reform(move |event: MouseEvent| {
            event.prevent_default();
            route.clone()
        });
        html! { <a {href} {onclick}>{ label }</a> }
    };
    let problems: Vec<String> = library.missing.iter().chain(invalid).cloned().collect();
    html! {
        <div class="ws-list">
            <h2 id="ws-heading" tabindex="-1">{ w.workshop }</h2>
            if committed > 0 {
                <p class="ws-tally" data-testid="tally">{ format!("{}: {right}/{committed}", w.tally) }</p>
            }
            if !problems.is_empty() {
                <p class="ws-problem" role="alert">{ w.missing }{ " " }{ problems.join(", ") }</p>
            }
            <h3>{ w.lessons }</h3>
            <ol class="ws-items" data-testid="lessons">
                { for library.lessons.iter().map(|lesson| {
                    let tasks = task_ids(lesson);
                    let total = tasks.len();
                    let done = progress.completed_count(&lesson.id, tasks.iter().map(String::as_str));
                    let minutes = lesson.json.get("minutes").and_then(Value::as_u64).unwrap_or_default();
                    html! {
                        <li class={classes!((total > 0 && done == total).then_some("complete"))}>
                            { link(Route::Lesson(lesson.id.clone()), lesson.text("/title", lang)) }
                            <span class="ws-meta">
                                { format!("{minutes} {} · {} {done}/{total}", w.minutes, w.tasks_done) }
                                if total > 0 && done == total { <span class="ws-check" aria-hidden="true">{ " ✓" }</span> }
                            </span>
                        </li>
                    }
                }) }
            </ol>
            <h3>{ w.challenges }</h3>
            <ol class="ws-items" data-testid="challenges">
                { for library.challenges.iter().map(|challenge| {
                    let code = progress.solved(&challenge.id);
                    html! {
                        <li class={classes!(code.is_some().then_some("complete"))}>
                            { link(Route::Challenge(challenge.id.clone()), challenge.text("/title", lang)) }
                            if let Some(code) = code {
                                <span class="ws-meta">{ format!("✓ {} · ", w.solved) }<code>{ code }</code></span>
                            }
                        </li>
                    }
                }) }
            </ol>
            <LookCloser go={go.clone()} {lang} />
            <h3>{ w.for_teacher }</h3>
            <p>
                <a href={Route::Present.fragment().unwrap_or_default()} data-testid="open-presenter"
                    onclick={go.reform(|event: MouseEvent| { event.prevent_default(); Route::Present })}>
                    { w.open_presenter }
                </a>
            </p>
            <p>
                <a href={Route::Write.fragment().unwrap_or_default()} data-testid="open-write"
                    onclick={go.reform(|event: MouseEvent| { event.prevent_default(); Route::Write })}>
                    { w.write_challenge }
                </a>
            </p>
        </div>
    }
}

/// Properties of [`LessonView`].
#[derive(Properties, PartialEq)]
struct LessonViewProps {
    lesson: Rc<Item>,
    next: Option<Rc<Item>>,
    /// Whether the playground holds this lesson's world (it was loaded from here).
    world_loaded: bool,
    checked: Option<Rc<Checked>>,
    /// prediction → the right choices, once the worker has read the lesson.
    answers: Option<Value>,
    remembered: UseReducerHandle<Remembered>,
    /// Asks the worker (the handout).
    ask: Ask,
    /// The playground's world (the handout's).
    world: Value,
    on_load: Callback<()>,
    go: Callback<Route>,
    lang: Lang,
}

#[component]
fn LessonView(props: &LessonViewProps) -> Html {
    let lesson = &props.lesson;
    let lang = props.lang;
    let w = words(lang);
    let progress = &props.remembered.0;
    let chosen = use_state(serde_json::Map::<String, Value>::new);
    let load = props.on_load.reform(|_: MouseEvent| ());
    let live = |task: &str| -> Option<bool> {
        props.checked.as_ref().and_then(|checked| checked.tasks.iter().find(|t| t.0 == task)).map(|t| t.1)
    };
    let tasks = lesson.list("/tasks");
    let total = tasks.len();
    let done_now = tasks.iter().filter(|task| live(str_of(task, "id")) == Some(true)).count();
    let completed = progress.completed_count(&lesson.id, tasks.iter().map(|task| str_of(task, "id")));
    let predictions = lesson.list("/predict");
    let predictions_open = predictions.iter().any(|p| progress.prediction(&lesson.id, str_of(p, "id")).is_none());
    let again = {
        let remembered = props.remembered.clone();
        let id = lesson.id.clone();
        let on_load = props.on_load.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            remembered.dispatch(ProgressAction::Forget(id.clone()));
            chosen.set(serde_json::Map::new());
            on_load.emit(());
        })
    };
    let prediction = |p: &Value| -> Html {
        let prediction_id = str_of(p, "id").to_owned();
        let key = format!("{}/{prediction_id}", lesson.id);
        let committed = progress.prediction(&lesson.id, &prediction_id);
        let picked = committed
            .as_ref()
            .map(|c| c.choice.clone())
            .or_else(|| chosen.get(&key).and_then(Value::as_str).map(str::to_owned));
        let right: Option<Vec<String>> = props.answers.as_ref().map(|answers| {
            list(answers, &format!("/{prediction_id}")).iter().filter_map(Value::as_str).map(str::to_owned).collect()
        });
        let on_commit = {
            let remembered = props.remembered.clone();
            let lesson_id = lesson.id.clone();
            let prediction_id = prediction_id.clone();
            let picked = picked.clone();
            let right = right.clone().unwrap_or_default();
            Callback::from(move |_: MouseEvent| {
                if let Some(choice) = picked.clone() {
                    let is_right = right.contains(&choice);
                    remembered.dispatch(ProgressAction::Predict(
                        lesson_id.clone(),
                        prediction_id.clone(),
                        choice,
                        is_right,
                    ));
                }
            })
        };
        let group = dom_id("predict", &key);
        html! {
            <fieldset class="ws-predict" data-testid={format!("predict-{prediction_id}")}>
                <legend>{ rich(&text(p, "/question", lang)) }</legend>
                { for list(p, "/choices").iter().map(|choice| {
                    let choice_id = str_of(choice, "id").to_owned();
                    let id = format!("{group}-{}", clean_id(&choice_id));
                    let onchange = {
                        let chosen = chosen.clone();
                        let key = key.clone();
                        let choice_id = choice_id.clone();
                        Callback::from(move |event: Event| {
                            if event.target_unchecked_into::<HtmlInputElement>().checked() {
                                let mut next = (*chosen).clone();
                                next.insert(key.clone(), Value::String(choice_id.clone()));
                                chosen.set(next);
                            }
                        })
                    };
                    let is_right = committed.is_some() && right.as_ref().is_some_and(|right| right.contains(&choice_id));
                    html! {
                        <label class={classes!("radio", is_right.then_some("right"))} for={id.clone()}>
                            <input type="radio" id={id.clone()} name={group.clone()} value={choice_id.clone()}
                                checked={picked.as_deref() == Some(choice_id.as_str())}
                                disabled={committed.is_some()} {onchange} />
                            { rich(&text(choice, "/label", lang)) }
                        </label>
                    }
                }) }
                if let Some(committed) = &committed {
                    <p class={classes!("ws-reveal", if committed.right { "right" } else { "wrong" })} role="status" data-testid="reveal">
                        <strong>{ if committed.right { w.right } else { w.wrong } }</strong>{ " " }
                        { rich(&text(p, "/reveal", lang)) }
                    </p>
                } else {
                    <button type="button" class="small" disabled={picked.is_none() || right.is_none()} onclick={on_commit} data-testid="commit">{ w.commit }</button>
                }
            </fieldset>
        }
    };
    let minutes = lesson.json.get("minutes").and_then(Value::as_u64).unwrap_or_default();
    html! {
        <article class="ws-lesson" data-testid="lesson" data-lesson={lesson.id.clone()}>
            <BackLink go={props.go.clone()} {lang} />
            <h2 id="ws-heading" tabindex="-1">{ lesson.text("/title", lang) }</h2>
            <p class="ws-meta">{ format!("{minutes} {}", w.minutes) }</p>
            { paragraphs(&lesson.json, "/text", lang) }
            { sources(lesson, w) }
            <div class="ws-load">
                if props.world_loaded {
                    <p class="ws-note">{ w.world_loaded }</p>
                } else {
                    <p class="ws-note">{ w.world_other }</p>
                    <button type="button" class="primary" onclick={load} data-testid="load-world">{ w.load_world }</button>
                }
            </div>
            if !predictions.is_empty() && props.world_loaded {
                <section class="ws-section" aria-labelledby="ws-predict-heading">
                    <h3 id="ws-predict-heading">{ w.predict }</h3>
                    if predictions_open { <p class="ws-note">{ w.results_hidden }</p> }
                    { for predictions.iter().map(prediction) }
                </section>
            }
            if total > 0 {
                <section class="ws-section" aria-labelledby="ws-tasks-heading">
                    <h3 id="ws-tasks-heading">{ w.try_this }</h3>
                    <p class="ws-meta" role="status" data-testid="tasks-done">{ format!("{} {done_now}/{total}", w.tasks_done) }</p>
                    <ol class="ws-tasks">
                        { for tasks.iter().map(|task| {
                            let task_id = str_of(task, "id");
                            let now = live(task_id);
                            let before = progress.completed(&lesson.id, task_id);
                            let (class, label) = match now {
                                Some(true) => ("done", w.done),
                                _ if before => ("before", w.done_before),
                                _ => ("todo", w.not_yet),
                            };
                            html! {
                                <li class={classes!("ws-task", class)} data-testid={format!("task-{task_id}")} data-done={(now == Some(true)).to_string()}>
                                    <span class="ws-mark" aria-hidden="true">{ if now == Some(true) { "✓" } else { "○" } }</span>
                                    <div class="ws-task-body">
                                        <p>{ rich(&text(task, "/goal", lang)) }<span class="ws-state">{ format!(" — {label}") }</span></p>
                                        <HintLadder hints={hints(task, lang)} {lang} id={task_id.to_owned()} />
                                    </div>
                                </li>
                            }
                        }) }
                    </ol>
                    if completed == total {
                        <p class="ws-complete" role="status" data-testid="lesson-complete">{ "✓ " }{ w.lesson_complete }</p>
                    }
                </section>
            }
            <div class="ws-actions">
                if let Some(next) = &props.next {
                    <a class="button" href={Route::Lesson(next.id.clone()).fragment().unwrap_or_default()}
                        onclick={{
                            let route = Route::Lesson(next.id.clone());
                            props.go.reform(move |event: MouseEvent| { event.prevent_default(); route.clone() })
                        }} data-testid="next-lesson">
                        { format!("{} → {}", w.next, next.text("/title", lang)) }
                    </a>
                }
                if completed > 0 || !predictions_open {
                    <button type="button" class="small" onclick={again}>{ w.again }</button>
                }
                <CopyLink route={Route::Lesson(lesson.id.clone())} {lang} />
            </div>
            <LookCloser go={props.go.clone()} {lang} />
            <Handout ask={props.ask.clone()} world={props.world.clone()} lesson={Some(lesson.id.clone())} {lang} />
        </article>
    }
}

/// An element id from a lesson, task or prediction id.
fn dom_id(prefix: &str, id: &str) -> String {
    format!("ws-{prefix}-{}", clean_id(id))
}

/// Properties of [`CopyLink`].
#[derive(Properties, PartialEq)]
struct CopyLinkProps {
    route: Route,
    lang: Lang,
}

#[component]
fn CopyLink(props: &CopyLinkProps) -> Html {
    let copied = use_state(|| None::<String>);
    let w = words(props.lang);
    let onclick = {
        let copied = copied.clone();
        let route = props.route.clone();
        Callback::from(move |_: MouseEvent| {
            let link = link_to(&route);
            let copied = copied.clone();
            let shown = link.clone();
            crate::browser::copy(link, move |_| copied.set(Some(shown)));
        })
    };
    html! {
        <>
            <button type="button" class="small" {onclick} data-testid="copy-link">{ w.copy_link }</button>
            if let Some(link) = &*copied {
                <span class="ws-copied" role="status">{ w.copied }{ " " }<code class="mono" data-testid="copied-link">{ link.clone() }</code></span>
            }
        </>
    }
}

/// Properties of [`ChallengeView`].
#[derive(Properties, PartialEq)]
struct ChallengeViewProps {
    challenge: Rc<Item>,
    /// Where the challenge was opened (its link).
    route: Route,
    /// The grade of the world the playground holds, if it was graded.
    graded: Option<Rc<Graded>>,
    /// Whether a grade is on its way.
    pending: bool,
    /// Whether the worker can grade.
    ready: bool,
    world_loaded: bool,
    solved_code: Option<String>,
    on_load: Callback<()>,
    on_grade: Callback<MouseEvent>,
    go: Callback<Route>,
    lang: Lang,
}

fn finding_words(finding: Option<&str>, w: &Words) -> (&'static str, &'static str) {
    match finding {
        None => ("passed", w.passed),
        Some("tooLoose") => ("loose", w.too_loose),
        Some("tooStrict") => ("strict", w.too_strict),
        Some("cannotCheck") => ("unmet", w.cannot_check),
        Some(_) => ("unmet", w.unmet),
    }
}

#[component]
fn ChallengeView(props: &ChallengeViewProps) -> Html {
    let challenge = &props.challenge;
    let lang = props.lang;
    let w = words(lang);
    let load = props.on_load.reform(|_: MouseEvent| ());
    html! {
        <article class="ws-challenge" data-testid="challenge" data-challenge={challenge.id.clone()}>
            <BackLink go={props.go.clone()} {lang} />
            <h2 id="ws-heading" tabindex="-1">{ challenge.text("/title", lang) }</h2>
            <h3>{ w.goal }</h3>
            { paragraphs(&challenge.json, "/goal", lang) }
            { sources(challenge, w) }
            <div class="ws-load">
                if props.world_loaded {
                    <p class="ws-note">{ w.challenge_loaded }</p>
                } else {
                    <p class="ws-note">{ w.world_other }</p>
                }
                <button type="button" class={if props.world_loaded { "small" } else { "primary" }} onclick={load} data-testid="load-world">{ w.load_world }</button>
            </div>
            <HintLadder hints={hints(&challenge.json, lang)} {lang} id={challenge.id.clone()} />
            <div class="ws-actions">
                <button type="button" class="primary" onclick={props.on_grade.clone()} disabled={!props.ready} data-testid="check">{ w.check }</button>
                <CopyLink route={props.route.clone()} {lang} />
            </div>
            if let Some(graded) = &props.graded {
                { grade_view(&graded.grade, lang) }
            }
            if let Some(code) = &props.solved_code {
                <div class="ws-badge" data-testid="solved">
                    <span class="ws-badge-mark" aria-hidden="true">{ "✓" }</span>
                    <strong>{ w.solved }</strong>
                    <span>{ w.code }{ ": " }<code data-testid="code">{ code.clone() }</code></span>
                    <span class="ws-meta">{ w.code_hint }</span>
                </div>
            }
        </article>
    }
}

fn grade_view(grade: &Value, lang: Lang) -> Html {
    let w = words(lang);
    let solved = grade.get("solved").and_then(Value::as_bool).unwrap_or_default();
    let checks = list(grade, "/checks");
    let passed = checks.iter().filter(|c| c.get("passed").and_then(Value::as_bool) == Some(true)).count();
    html! {
        <div class={classes!("ws-grade", if solved { "solved" } else { "unsolved" })} role="status" data-testid="grade">
            <p class="ws-summary">{ rich(&text(grade, "/summary", lang)) }</p>
            if !solved {
                <ul class="ws-findings">
                    { for checks.iter().filter(|c| c.get("passed").and_then(Value::as_bool) != Some(true)).map(|check| {
                        let (class, label) = finding_words(check.get("finding").and_then(Value::as_str), w);
                        html! {
                            <li class={classes!("ws-finding", class)} data-testid="finding" data-finding={class}>
                                <strong>{ label }{ ": " }</strong>{ rich(&text(check, "/say", lang)) }
                            </li>
                        }
                    }) }
                </ul>
                <p class="ws-meta">{ format!("{} {passed}/{}", w.passed, checks.len()) }</p>
            }
            <p class="ws-meta">{ w.graded_now }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_the_fragment() {
        for route in [
            Route::List,
            Route::Lesson("ec2-full-access".into()),
            Route::Challenge("fix-lambda".into()),
            Route::Present,
            Route::Linked("abc_DEF-123".into()),
            Route::Write,
            Route::Steps,
            Route::WhoMustAllow,
            Route::Changes,
        ] {
            assert_eq!(Route::from_fragment(&route.fragment().unwrap_or_default()), route);
        }
        assert_eq!(Route::Closed.fragment(), None);
        // A share link is not a workshop route.
        assert_eq!(Route::from_fragment("#v1=abc"), Route::Closed);
        assert_eq!(Route::from_fragment(""), Route::Closed);
        // Anything but an id's characters is dropped.
        assert_eq!(Route::from_fragment("#lesson=<img src=x>"), Route::Lesson("imgsrcx".into()));
        assert_eq!(Route::from_fragment("#challenge-link=ab<c>=_d"), Route::Linked("abc_d".into()));
        // The fresh-start link is presenter mode's.
        assert_eq!(Route::from_fragment(crate::browser::FRESH_START), Route::Present);
    }

    #[test]
    fn keys_name_lessons_and_challenges() {
        assert_eq!(Route::Lesson("a".into()).key().as_deref(), Some("lesson:a"));
        assert_eq!(Route::Challenge("b".into()).key().as_deref(), Some("challenge:b"));
        assert_eq!(Route::List.key(), None);
    }
}
