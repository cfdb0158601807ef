//! The Account view's interface: the files (pasted or opened), the credentials found in them
//! (nothing with credentials is read until the person chooses to redact or keep them), the
//! import's diagnostics with file, JSON pointer and line, what was loaded, a caller and a mask
//! to play in the playground, and the two questions — who can wear a mask, what a principal can
//! reach — each edge with its conditions and a button that opens it as a flow. The import, the
//! pickers' lists and the worlds to play are worked out by the analysis (`channel.rs`: in its
//! worker), so that a large import leaves the page answering; only the search for credentials
//! runs here, first.

use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::analysis::{Choice, Loaded, Problem};
use super::answer::{use_answer, use_reply};
use super::catalogue::{self, CatalogueState};
use super::channel::{Channel, Mode, Shared};
use super::graph::{self, ReachGraph};
use super::strings::{self, change_text, words, Words};
use super::whole::WholeGraph;
use crate::i18n::Lang;
use crate::views::workshop::bridge;
use crate::vocabulary::escape;
use omen_core::flow::{Text, CATALOGUE};
use omen_core::import::{find_secrets, redact_secrets};
use omen_core::reach::conditions::Condition;
use omen_core::reach::{Dependence, Hop, Reach, Services, WhoCan, WorldChange};
use omen_core::Effect;

/// One file: pasted or opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file's name (`pasted 1` for a paste).
    pub name: String,
    /// Its text (redacted once the person chose so).
    pub text: String,
    /// Whether it holds credentials the person has not decided about: it is not read.
    pub pending: bool,
    /// Whether its credentials were blanked out.
    pub redacted: bool,
}

impl Source {
    fn new(name: String, text: String) -> Self {
        let pending = !find_secrets(&text).is_empty();
        Self { name, text, pending, redacted: false }
    }
}

/// The files, and a counter that changes whenever they do.
#[derive(Debug, Default, PartialEq)]
struct Files {
    sources: Rc<Vec<Source>>,
    generation: u64,
    pastes: usize,
}

enum FileAction {
    Add(String, String),
    Paste(String),
    Remove(usize),
    Clear,
    Redact(usize),
    Keep(usize),
}

impl Reducible for Files {
    type Action = FileAction;

    fn reduce(self: Rc<Self>, action: FileAction) -> Rc<Self> {
        let mut sources = (*self.sources).clone();
        let mut pastes = self.pastes;
        match action {
            FileAction::Add(name, text) => {
                // Opening a file again replaces it.
                let source = Source::new(name, text);
                match sources.iter_mut().find(|s| s.name == source.name) {
                    Some(old) => *old = source,
                    None => sources.push(source),
                }
            }
            FileAction::Paste(text) => {
                pastes += 1;
                sources.push(Source::new(format!("{} {pastes}", words(Lang::En).pasted), text));
            }
            FileAction::Remove(index) => {
                if index < sources.len() {
                    sources.remove(index);
                }
            }
            FileAction::Clear => sources.clear(),
            FileAction::Redact(index) => {
                if let Some(source) = sources.get_mut(index) {
                    source.text = redact_secrets(&source.text, &find_secrets(&source.text));
                    source.pending = false;
                    source.redacted = true;
                }
            }
            FileAction::Keep(index) => {
                if let Some(source) = sources.get_mut(index) {
                    source.pending = false;
                }
            }
        }
        Rc::new(Files { sources: Rc::new(sources), generation: self.generation + 1, pastes })
    }
}

/// How long the notice that an import is being analysed has to paint before the files are sent.
const BUSY_PAINT_MS: u32 = 40;

/// The files the analysis may read (credentials redacted or kept by choice), as it takes them.
fn readable(sources: &[Source]) -> Value {
    Value::Array(sources.iter().filter(|s| !s.pending).map(|s| json!({"name": s.name, "text": s.text})).collect())
}

/// What the last import gave, and which it was (0: none yet; else the number the analysis
/// answered).
#[derive(Debug, Default, PartialEq)]
struct Shown {
    serial: u64,
    loaded: Loaded,
}

/// Compares by generation only: the files' texts are not compared on every render.
#[derive(Clone)]
struct Generation(u64, Rc<Vec<Source>>);

impl PartialEq for Generation {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// The page's language, as `<html lang>` says.
fn page_lang() -> Lang {
    let tag = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("lang"));
    Lang::from_tag(tag.as_deref().unwrap_or("en"))
}

/// How often the interface looks at the page's language, in milliseconds.
const LANG_POLL_MS: u32 = 300;

/// Asks the page to load `world` into the playground, and shows its results. `changes`, when
/// there are any, are the changes made first that the files do not hold: the page names them, in
/// both languages (it may switch before the person reads the notice).
fn play(world: Value, changes: &[WorldChange]) {
    if changes.is_empty() {
        bridge::load_world(&json!({ "world": world }));
    } else {
        let named = |lang: Lang| changes.iter().map(|c| change_text(c, lang)).collect::<Vec<_>>();
        let changes = json!({"en": named(Lang::En), "ja": named(Lang::Ja)});
        bridge::load_world(&json!({ "world": world, "changes": changes }));
    }
    crate::browser::reveal("results");
}

/// Asks the analysis for the world to play that `message` names — after `changes`, if any — and
/// plays it; `then` runs once it is played.
fn ask_and_play(channel: &Shared, message: Value, changes: Vec<WorldChange>, then: Callback<()>) {
    channel.0.ask(
        message,
        Callback::from(move |reply: Value| {
            if let Some(world) = reply.get("world") {
                // A world asked for with changes is the accounts after them: the page says so.
                play(world.clone(), &changes);
                then.emit(());
            }
        }),
    );
}

fn select_value(event: &Event) -> String {
    event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// The interface.
#[component]
pub fn AccountApp() -> Html {
    let lang = use_state(page_lang);
    {
        let lang = lang.clone();
        use_effect_with((), move |()| {
            let interval = gloo::timers::callback::Interval::new(LANG_POLL_MS, move || {
                let now = page_lang();
                if *lang != now {
                    lang.set(now);
                }
            });
            move || drop(interval)
        });
    }
    let files = use_reducer(Files::default);
    let catalogue = use_state(CatalogueState::default);
    // The analysis's worker starts with the view (its code is loaded only now).
    let mode = use_state(|| Mode::Starting);
    let channel = {
        let mode = mode.setter();
        use_memo((), move |()| Shared(Channel::start(Callback::from(move |now: Mode| mode.set(now)))))
    };
    // The import and the pickers' lists are worked out by the analysis (in its worker: a large
    // account takes a second or more there, and the page answers meanwhile), after the page has
    // painted a notice; what was loaded before stays until the answer comes.
    let shown = use_state(|| Rc::new(Shown::default()));
    let busy = use_state(|| false);
    let catalogue_source = match &*catalogue {
        CatalogueState::Ready(source) => Some(source.clone()),
        _ => None,
    };
    {
        let (shown, busy, channel) = (shown.clone(), busy.clone(), (*channel).clone());
        let generation = Generation(files.generation, files.sources.clone());
        use_effect_with((generation, catalogue_source), move |(g, _)| {
            let sources = g.1.clone();
            let work = (!sources.is_empty() || shown.serial != 0).then(|| {
                busy.set(true);
                gloo::timers::callback::Timeout::new(BUSY_PAINT_MS, move || {
                    let answer = Callback::from(move |reply: Value| {
                        let serial = reply.get("seq").and_then(Value::as_u64).unwrap_or_default();
                        let loaded = reply.get("loaded").cloned().unwrap_or_default();
                        let loaded = serde_json::from_value(loaded).unwrap_or_default();
                        shown.set(Rc::new(Shown { serial, loaded }));
                        busy.set(false);
                    });
                    channel.0.import(readable(&sources), answer);
                })
            });
            move || drop(work)
        });
    }
    let shown: Rc<Shown> = (*shown).clone();
    let loaded = &shown.loaded;
    let busy_note = busy.then(|| {
        let pending: Vec<&Source> = files.sources.iter().filter(|s| !s.pending).collect();
        let bytes: usize = pending.iter().map(|s| s.text.len()).sum();
        html! {
            <p class="ac-note ac-busy" role="status" data-testid="account-busy">
                { format!("{} ({} · {:.1} MB)", words(*lang).analysing, pending.len(), bytes as f64 / 1_000_000.0) }
            </p>
        }
    });
    // The catalogue is fetched the first time an import attaches an AWS managed policy it lacks.
    // The analysis fetches and reads it; the import is done again once it has.
    let needs_catalogue = loaded.unresolved.iter().any(|u| u.aws_managed);
    {
        let catalogue = catalogue.clone();
        let channel = (*channel).clone();
        use_effect_with(needs_catalogue, move |needs| {
            if *needs && *catalogue == CatalogueState::NotNeeded {
                match catalogue::urls() {
                    None => catalogue.set(CatalogueState::Unavailable),
                    Some((reference, policies)) => {
                        catalogue.set(CatalogueState::Loading);
                        let message =
                            json!({"op": "catalogue", "serviceReference": reference, "managedPolicies": policies});
                        channel.0.ask(
                            message,
                            Callback::from(move |reply: Value| {
                                let text = |key: &str| reply.get(key).and_then(Value::as_str).map(str::to_owned);
                                catalogue.set(match (text("source"), text("problem")) {
                                    (Some(source), _) => CatalogueState::Ready(source),
                                    (None, problem) => CatalogueState::Failed(problem.unwrap_or_default()),
                                });
                            }),
                        );
                    }
                }
            }
        });
    }
    let paste = use_node_ref();
    let caller = use_state(String::new);
    let mask = use_state(String::new);
    let api = use_state(String::new);
    let played = use_state(|| false);
    let role = use_state(String::new);
    let principal = use_state(String::new);
    // The changes made first for the edge last opened (none: the world as loaded).
    let opened = use_state(|| Rc::new(Vec::<WorldChange>::new()));
    let w = words(*lang);
    let lang = *lang;

    // Choices that no longer name something loaded fall back to the first one.
    let (callers, roles) = (&loaded.callers, &loaded.roles);
    let pick = |chosen: &str, list: &[(String, String)]| -> String {
        if list.iter().any(|(arn, _)| arn == chosen) {
            chosen.to_string()
        } else {
            list.first().map(|(arn, _)| arn.clone()).unwrap_or_default()
        }
    };
    let caller_now = pick(&caller, callers);
    let mask_now = pick(&mask, roles);
    let role_now = pick(&role, roles);
    let principal_now = pick(&principal, callers);

    // The answers change with what was loaded, and are worked out by the analysis while the page
    // goes on answering.
    let analysed = loaded.analysed;
    let who = use_answer::<_, WhoCan>(
        &channel,
        (shown.serial, role_now.clone()),
        (analysed && !role_now.is_empty()).then(|| json!({"op": "who", "role": role_now})),
    );
    let reached = use_answer::<_, Reach>(
        &channel,
        (shown.serial, principal_now.clone()),
        (analysed && !principal_now.is_empty()).then(|| json!({"op": "reach", "principal": principal_now})),
    );
    let pick_role = {
        let role = role.clone();
        Callback::from(move |arn: String| role.set(arn))
    };

    let on_add = {
        let files = files.dispatcher();
        let paste = paste.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else { return };
            let text = area.value();
            if !text.trim().is_empty() {
                files.dispatch(FileAction::Paste(text));
                area.set_value("");
            }
        })
    };
    let on_open = {
        let files = files.dispatcher();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let Some(list) = input.files() else { return };
            for index in 0..list.length() {
                let Some(file) = list.get(index) else { continue };
                let name = file.name();
                let files = files.clone();
                crate::browser::read_file(file, move |text| {
                    files.dispatch(FileAction::Add(name, text.unwrap_or_default()));
                });
            }
            input.set_value("");
        })
    };
    let choice = |op: &str| json!({"op": op, "caller": caller_now, "role": mask_now, "api": *api});
    let play_problem = use_reply(
        &channel,
        (shown.serial, caller_now.clone(), mask_now.clone(), (*api).clone()),
        (analysed && !caller_now.is_empty() && !mask_now.is_empty()).then(|| choice("check")),
        play_problem,
    )
    .and_then(|problem| (*problem).clone());
    let on_play = {
        let channel = (*channel).clone();
        let played = played.clone();
        let message = choice("world");
        Callback::from(move |_: MouseEvent| {
            let message = message.clone();
            let played = played.clone();
            ask_and_play(&channel, message, Vec::new(), Callback::from(move |()| played.set(true)));
        })
    };
    let open_flow = {
        let channel = (*channel).clone();
        let opened = opened.clone();
        Callback::from(move |(flow, changes): Opened| {
            // The changes the edge rests on are made first; the view then says which.
            let message = json!({"op": "world", "flow": flow, "changes": changes});
            let opened = opened.clone();
            let shown = Rc::new(changes.clone());
            ask_and_play(&channel, message, changes, Callback::from(move |()| opened.set(Rc::clone(&shown))));
        })
    };
    let setter = |state: &UseStateHandle<String>, also: Option<UseStateHandle<bool>>| {
        let state = state.clone();
        Callback::from(move |event: Event| {
            state.set(select_value(&event));
            if let Some(also) = &also {
                also.set(false);
            }
        })
    };

    html! {
        <div class="ac-body" lang={lang.tag()} data-testid="account-view">
            <p class="ac-note">{ w.intro }</p>
            { busy_note.unwrap_or_default() }
            <p class="ac-note ac-private">{ w.private }</p>
            if let Mode::Page(why) = &*mode {
                <p class="ac-note ac-problem" role="alert" data-testid="account-no-worker">{ format!("{} ({why})", w.no_worker) }</p>
            }
            <div class="ac-input">
                <label for="ac-paste">{ w.paste_label }</label>
                <textarea id="ac-paste" ref={paste} rows="4" spellcheck="false" autocomplete="off" data-testid="account-paste" />
                <div class="ac-row">
                    <button type="button" class="small" onclick={on_add} data-testid="account-add">{ w.add_paste }</button>
                    <label class="button small file-button">
                        { w.open_files }
                        <input type="file" multiple=true accept="application/json,.json,.txt" onchange={on_open} data-testid="account-open" />
                    </label>
                </div>
            </div>
            { files_list(&files, w) }
            { secrets(&files, lang, w) }
            { diagnostics(&loaded.diagnostics, lang, w) }
            if analysed {
                { summary(loaded, &catalogue, w) }
                <section class="ac-section" aria-labelledby="ac-play-heading">
                    <h3 id="ac-play-heading">{ w.play }</h3>
                    <div class="ac-pickers">
                        { picker("ac-caller", w.caller, callers, &caller_now, setter(&caller, Some(played.clone()))) }
                        { picker("ac-mask", w.mask, roles, &mask_now, setter(&mask, Some(played.clone()))) }
                        <label for="ac-api">{ w.how }</label>
                        <select id="ac-api" onchange={setter(&api, Some(played.clone()))} data-testid="account-api">
                            <option value="" selected={api.is_empty()}>{ w.assume }</option>
                            { for CATALOGUE.iter().map(|entry| html! {
                                <option value={entry.action} selected={*api == entry.action}>{ format!("{} {}", w.pass_through, entry.action) }</option>
                            }) }
                        </select>
                    </div>
                    if let Some(problem) = play_problem {
                        <p class="ac-problem" role="alert">{ crate::components::results::rich(problem.get(lang.core())) }</p>
                    }
                    <button type="button" class="primary" onclick={on_play} disabled={caller_now.is_empty() || mask_now.is_empty()} data-testid="account-play">{ w.play_button }</button>
                    if *played { <p class="ac-note" role="status" data-testid="account-played">{ w.played }</p> }
                </section>
                <section class="ac-section" aria-labelledby="ac-who-heading" data-testid="who-can">
                    <h3 id="ac-who-heading">{ w.who_can }</h3>
                    { picker("ac-role", w.role, roles, &role_now, setter(&role, None)) }
                    { match who.as_deref() {
                        Some(Ok(answer)) => who_can_view(answer, lang, w, &open_flow),
                        Some(Err(problem)) => html! { <p class="ac-problem" role="alert">{ crate::components::results::rich(problem) }</p> },
                        None if !role_now.is_empty() => computing(w, "who-computing"),
                        None => Html::default(),
                    } }
                </section>
                <section class="ac-section" aria-labelledby="ac-reach-heading" data-testid="reach">
                    <h3 id="ac-reach-heading">{ w.reach }</h3>
                    { picker("ac-principal", w.principal, callers, &principal_now, setter(&principal, None)) }
                    if !opened.is_empty() {
                        <div class="ac-note ac-changed" role="status" data-testid="account-change-note">
                            { w.played_changed }{ changes_list(&opened, lang) }
                        </div>
                    }
                    { match reached.as_ref().map(|answer| (answer, answer.as_ref())) {
                        Some((answer, Ok(_))) => html! { <ReachView key={principal_now.clone()} answer={Rc::clone(answer)} {lang} open={open_flow.clone()} /> },
                        Some((_, Err(problem))) => html! { <p class="ac-problem" role="alert">{ crate::components::results::rich(problem) }</p> },
                        None if !principal_now.is_empty() => computing(w, "reach-computing"),
                        None => Html::default(),
                    } }
                </section>
                <WholeGraph channel={(*channel).clone()} serial={shown.serial} {lang} pick={pick_role} />
            } else if files.sources.is_empty() {
                <p class="ac-note" data-testid="account-empty">{ w.empty }</p>
            }
        </div>
    }
}

/// Says an answer is being worked out.
fn computing(w: &Words, testid: &'static str) -> Html {
    html! { <p class="ac-note ac-busy" role="status" data-testid={testid}>{ w.computing }</p> }
}

/// Why the caller, mask and way chosen cannot be played, as the analysis's `check` answers it
/// (`problem`; none when they can be).
fn play_problem(reply: &Value) -> Option<Text> {
    reply.get("problem").and_then(|problem| serde_json::from_value(problem.clone()).ok())
}

/// A choice of users or roles. Its options are written as one piece of HTML (escaped), parsed by
/// the browser at once: a large account has thousands of them, which drawn one by one kept the
/// page's thread busy for over 100 ms when an import's answer came.
fn picker(id: &'static str, label: &'static str, list: &[Choice], chosen: &str, onchange: Callback<Event>) -> Html {
    let mut options = String::with_capacity(list.len() * 120);
    for (arn, text) in list {
        let selected = if arn == chosen { " selected" } else { "" };
        let arn = escape(arn);
        options.push_str(&format!("<option value=\"{arn}\" title=\"{arn}\"{selected}>{}</option>", escape(text)));
    }
    html! {
        <>
            <label for={id}>{ label }</label>
            <select {id} {onchange} data-testid={id}>{ Html::from_html_unchecked(options.into()) }</select>
        </>
    }
}

fn files_list(files: &UseReducerHandle<Files>, w: &Words) -> Html {
    if files.sources.is_empty() {
        return Html::default();
    }
    let dispatcher = files.dispatcher();
    let clear = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(FileAction::Clear))
    };
    html! {
        <section class="ac-section" aria-labelledby="ac-files-heading">
            <h3 id="ac-files-heading">{ w.files }</h3>
            <ul class="ac-files" data-testid="account-files">
                { for files.sources.iter().enumerate().map(|(index, source)| {
                    let dispatcher = dispatcher.clone();
                    let remove = Callback::from(move |_: MouseEvent| dispatcher.dispatch(FileAction::Remove(index)));
                    html! {
                        <li>
                            <code>{ source.name.clone() }</code>
                            <span class="ac-meta">{ format!(" {} KB", source.text.len().div_ceil(1000)) }</span>
                            if source.redacted { <span class="ac-meta">{ " · " }{ w.redacted }</span> }
                            { " " }
                            <button type="button" class="small" onclick={remove} aria-label={format!("{} {}", w.remove, source.name)}>{ w.remove }</button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="small" onclick={clear}>{ w.clear }</button>
        </section>
    }
}

fn secrets(files: &UseReducerHandle<Files>, lang: Lang, w: &Words) -> Html {
    if !files.sources.iter().any(|s| s.pending) {
        return Html::default();
    }
    let dispatcher = files.dispatcher();
    html! {
        <section class="ac-section ac-secrets" role="alert" aria-labelledby="ac-secrets-heading" data-testid="account-secrets">
            <h3 id="ac-secrets-heading">{ "⚠ " }{ w.secrets }</h3>
            <p>{ w.secrets_note }</p>
            { for files.sources.iter().enumerate().filter(|(_, s)| s.pending).map(|(index, source)| {
                let redact = { let d = dispatcher.clone(); Callback::from(move |_: MouseEvent| d.dispatch(FileAction::Redact(index))) };
                let keep = { let d = dispatcher.clone(); Callback::from(move |_: MouseEvent| d.dispatch(FileAction::Keep(index))) };
                html! {
                    <div class="ac-secret-file">
                        <p><code>{ source.name.clone() }</code></p>
                        <ul>
                            { for find_secrets(&source.text).iter().map(|finding| {
                                let (en, ja) = finding.describe();
                                let text = if lang == Lang::Ja { ja } else { en };
                                html! { <li>{ format!("{} {}:{} — ", w.line, finding.line, finding.column) }{ crate::components::results::rich(&text) }</li> }
                            }) }
                        </ul>
                        <div class="ac-row">
                            <button type="button" class="primary" onclick={redact} data-testid="account-redact">{ w.redact }</button>
                            <button type="button" class="small" onclick={keep} data-testid="account-keep">{ w.keep }</button>
                        </div>
                    </div>
                }
            }) }
        </section>
    }
}

fn diagnostics(problems: &[Problem], lang: Lang, w: &Words) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    let lang = lang.core();
    html! {
        <section class="ac-section" aria-labelledby="ac-problems-heading">
            <h3 id="ac-problems-heading">{ w.problems }{ format!(" ({})", problems.len()) }</h3>
            <ul class="ac-diagnostics" data-testid="account-diagnostics">
                { for problems.iter().map(|d| {
                    let error = d.error;
                    let mut place = d.file.clone();
                    if let Some(line) = d.line {
                        place.push_str(&format!(":{line}:{}", d.column.unwrap_or(1)));
                    }
                    html! {
                        <li class={classes!("ac-diagnostic", if error { "error" } else { "warning" })} data-code={d.code.clone()}>
                            <span class="ac-severity">{ if error { w.error } else { w.warning } }</span>{ " " }
                            <code>{ place }</code>
                            if let Some(pointer) = &d.pointer { { " " }<code class="ac-pointer">{ if pointer.is_empty() { "/".to_string() } else { pointer.clone() } }</code> }
                            <div>{ crate::components::results::rich(d.message.get(lang)) }</div>
                            if let Some(help) = &d.help { <div class="ac-help">{ format!("{}: ", w.help) }{ crate::components::results::rich(help.get(lang)) }</div> }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

fn summary(loaded: &Loaded, catalogue: &CatalogueState, w: &Words) -> Html {
    let figures = loaded.counts;
    html! {
        <section class="ac-section" aria-labelledby="ac-loaded-heading">
            <h3 id="ac-loaded-heading">{ w.loaded }</h3>
            <p data-testid="account-counts">
                { for figures.iter().zip(w.counts).enumerate().map(|(index, (n, what))| html! {
                    <>{ if index > 0 { " · " } else { "" } }<strong>{ n }</strong>{ format!(" {what}") }</>
                }) }
            </p>
            <p class="ac-meta">{ format!("{}: ", "ID") }{ loaded.account_ids.join(", ") }</p>
            { catalogue_note(loaded, catalogue, w) }
            if !loaded.unresolved.is_empty() {
                <p class="ac-meta">{ w.unresolved }</p>
                <ul class="ac-unresolved" data-testid="account-unresolved">
                    { for loaded.unresolved.iter().map(|u| html! { <li><code>{ u.arn.clone() }</code></li> }) }
                </ul>
            }
        </section>
    }
}

/// Where the AWS managed policies the files lack come from: being fetched (a live notice), the
/// catalogue's source, or why they stay unresolved.
fn catalogue_note(loaded: &Loaded, catalogue: &CatalogueState, w: &Words) -> Html {
    let from_catalogue = loaded.from_catalogue;
    let text = match catalogue {
        CatalogueState::NotNeeded => return Html::default(),
        CatalogueState::Loading => w.catalogue_loading.to_string(),
        CatalogueState::Unavailable => w.catalogue_unavailable.to_string(),
        CatalogueState::Failed(why) => format!("{} {why}", w.catalogue_failed),
        CatalogueState::Ready(source) => format!("{} {source} ({from_catalogue})", w.catalogue_ready),
    };
    html! { <p class="ac-meta" role="status" data-testid="account-catalogue">{ text }</p> }
}

/// A condition as people read it: `Allow Bool aws:MultiFactorAuthPresent [true] (trust policy `x`)`.
pub fn condition_text(condition: &Condition) -> String {
    let effect = match condition.effect {
        Effect::Allow => "Allow",
        Effect::Deny => "Deny",
    };
    format!(
        "{effect} `{}` `{}` [{}] — `{}`",
        condition.operator,
        condition.key,
        condition.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "),
        condition.policy_name
    )
}

fn dependence(dependence: &Dependence, w: &Words) -> Html {
    html! {
        <>
            <span class={classes!("ac-badge", if dependence.conditional { "conditional" } else { "certain" })}>
                { if dependence.conditional { w.conditional } else { w.certain } }
            </span>
            if !dependence.conditions.is_empty() || !dependence.assumes.is_empty() {
                <ul class="ac-conditions">
                    { for dependence.conditions.iter().map(|c| html! { <li>{ crate::components::results::rich(&condition_text(c)) }</li> }) }
                    { for dependence.assumes.iter().map(|a| html! { <li>{ format!("{}: ", w.assumes) }<code>{ a.clone() }</code></li> }) }
                </ul>
            }
        </>
    }
}

/// An edge's flow and the changes to make first, as the page opens it.
pub type Opened = (Value, Vec<WorldChange>);

/// The changes an edge rests on, each a line.
fn changes_list(changes: &[WorldChange], lang: Lang) -> Html {
    html! {
        <ul class="ac-changes">
            { for changes.iter().map(|c| html! { <li>{ crate::components::results::rich(&change_text(c, lang)) }</li> }) }
        </ul>
    }
}

fn flow_button(flow: &Value, changes: &[WorldChange], open: &Callback<Opened>, w: &Words, label: &str) -> Html {
    if flow.is_null() {
        return Html::default();
    }
    let opened = (flow.clone(), changes.to_vec());
    let open = open.clone();
    let onclick = Callback::from(move |_: MouseEvent| open.emit(opened.clone()));
    html! { <button type="button" class="small" {onclick} aria-label={format!("{}: {label}", w.open_flow)} data-testid="open-flow">{ w.open_flow }</button> }
}

fn who_can_view(answer: &WhoCan, lang: Lang, w: &Words, open: &Callback<Opened>) -> Html {
    let _ = lang;
    html! {
        <>
            <h4>{ w.trusted_services }</h4>
            if answer.trusted_services.is_empty() {
                <p class="ac-meta">{ "—" }</p>
            } else {
                <ul class="ac-edges" data-testid="trusted-services">
                    { for answer.trusted_services.iter().map(|s| html! { <li><code>{ s.service.clone() }</code>{ " " }{ dependence(&s.dependence, w) }</li> }) }
                </ul>
            }
            <h4>{ w.can_assume }</h4>
            if answer.can_assume.is_empty() { <p class="ac-meta">{ w.nobody }</p> }
            <ul class="ac-edges" data-testid="can-assume">
                { for answer.can_assume.iter().map(|a| html! {
                    <li data-principal={a.principal.clone()}>
                        <code>{ a.principal.clone() }</code>{ " " }{ dependence(&a.dependence, w) }{ " " }
                        { flow_button(&a.flow, &[], open, w, &a.principal) }
                    </li>
                }) }
            </ul>
            <h4>{ w.can_pass }</h4>
            if answer.can_pass.is_empty() { <p class="ac-meta">{ w.nobody }</p> }
            <ul class="ac-edges" data-testid="can-pass">
                { for answer.can_pass.iter().map(|p| {
                    let services = match &p.services {
                        Services::Any(_) => w.any_service.to_string(),
                        Services::Only(list) => list.join(", "),
                    };
                    html! {
                        <li data-principal={p.principal.clone()}>
                            <code>{ p.principal.clone() }</code>{ " " }{ dependence(&p.dependence, w) }
                            <div class="ac-meta">{ format!("{}: {services}", w.services) }</div>
                            if p.useful_services.is_empty() {
                                <div class="ac-useless">{ "✗ " }{ w.useless }</div>
                            } else {
                                <div>{ format!("✓ {}: ", w.useful) }{ for p.useful_services.iter().map(|s| html! { <><code>{ s.clone() }</code>{ " " }</> }) }</div>
                            }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}

fn hop_view(hop: &Hop, lang: Lang, w: &Words, open: &Callback<Opened>) -> Html {
    html! {
        <li class="ac-hop">
            <code>{ hop.from.clone() }</code>{ " → " }<code>{ hop.to.clone() }</code>
            { " " }<span class="ac-via">{ hop.via.clone() }</span>{ " " }
            { dependence(&hop.dependence, w) }
            <div class="ac-meta">{ format!("{}: {}", w.cite, hop.cite) }</div>
            if !hop.changes.is_empty() {
                <div class="ac-meta" data-testid="hop-changes">{ w.changed_first }{ changes_list(&hop.changes, lang) }</div>
            }
            { flow_button(&hop.flow, &hop.changes, open, w, &hop.via) }
        </li>
    }
}

/// How many reached roles and users a reach answer lists and draws before the person asks for
/// all: an administrator's answer over a large account holds every role of it, and drawing 500
/// paths and graph nodes at once held the page for ~700 ms.
const FIRST_SHOWN: usize = 50;

/// A reach answer's properties.
#[derive(Properties, PartialEq)]
struct ReachViewProps {
    /// The answer.
    answer: Rc<Result<Reach, String>>,
    /// The interface's language.
    lang: Lang,
    /// Opens an edge's flow in the playground.
    open: Callback<Opened>,
}

/// A reach answer: whether it reaches administrator power, the roles and users it reaches (the
/// first [`FIRST_SHOWN`] of them until all are asked for), the filter and the graph.
#[component]
fn ReachView(props: &ReachViewProps) -> Html {
    let filter = use_state(String::new);
    let all = use_state(|| false);
    let limit = if *all { usize::MAX } else { FIRST_SHOWN };
    let layout = {
        let answer = Rc::clone(&props.answer);
        use_memo((Rc::as_ptr(&props.answer) as usize, (*filter).clone(), limit), move |(_, filter, limit)| {
            answer.as_ref().as_ref().map(|reach| Rc::new(graph::layout(reach, filter, *limit))).ok()
        })
    };
    let (Ok(answer), Some(layout)) = (props.answer.as_ref(), layout.as_ref()) else {
        return Html::default();
    };
    let (lang, open) = (props.lang, &props.open);
    let w = words(lang);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                filter.set(input.value());
            }
        })
    };
    let on_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    // Under a list cut short: how many are shown, and the button that shows all.
    let more = |listed: usize, matching: usize, testid: &'static str| {
        (listed < matching).then(|| html! {
            <p class="ac-meta" data-testid={testid}>
                { strings::showing(lang, listed, matching) }{ " " }
                <button type="button" class="small" onclick={on_all.clone()} data-testid="reach-show-all">{ strings::show_all(lang) }</button>
            </p>
        })
    };
    html! {
        <>
            <p class={classes!("ac-admin", answer.admin.then_some("yes"))} data-testid="reach-admin">
                { if answer.admin { format!("⚠ {}", w.admin_yes) } else { w.admin_no.to_string() } }
            </p>
            if !answer.admin_paths.is_empty() {
                <ul class="ac-edges">
                    { for answer.admin_paths.iter().map(|a| html! {
                        <li><code>{ a.account.clone() }</code>{ " · " }<code>{ a.principal.clone() }</code>
                            <ol class="ac-path">{ for a.path.iter().map(|hop| hop_view(hop, lang, w, open)) }</ol>
                        </li>
                    }) }
                </ul>
            }
            <h4>{ w.reaches }{ format!(" ({})", answer.reaches.len()) }</h4>
            if answer.reaches.is_empty() { <p class="ac-meta">{ w.nobody }</p> }
            <ul class="ac-edges" data-testid="reaches">
                { for layout.reaches.iter().filter_map(|&i| answer.reaches.get(i)).map(|r| html! {
                    <li data-role={r.role.clone()}>
                        <code>{ r.role.clone() }</code>{ " " }
                        <span class={classes!("ac-badge", if r.conditional { "conditional" } else { "certain" })}>{ if r.conditional { w.conditional } else { w.certain } }</span>
                        <ol class="ac-path">{ for r.path.iter().map(|hop| hop_view(hop, lang, w, open)) }</ol>
                    </li>
                }) }
            </ul>
            { more(layout.reaches.len(), layout.matching_roles, "reach-showing").unwrap_or_default() }
            if !answer.users.is_empty() {
                <h4>{ w.users }{ format!(" ({})", answer.users.len()) }</h4>
                <ul class="ac-edges" data-testid="reached-users">
                    { for layout.users.iter().filter_map(|&i| answer.users.get(i)).map(|r| html! {
                        <li><code>{ r.role.clone() }</code><ol class="ac-path">{ for r.path.iter().map(|hop| hop_view(hop, lang, w, open)) }</ol></li>
                    }) }
                </ul>
                { more(layout.users.len(), layout.matching_users, "reach-showing-users").unwrap_or_default() }
            }
            <div class="ac-graph-filter">
                <label for="ac-graph-filter">{ w.filter }</label>
                <input id="ac-graph-filter" type="search" value={(*filter).clone()} oninput={on_filter}
                    spellcheck="false" autocomplete="off" data-testid="graph-filter" />
            </div>
            <ReachGraph layout={Rc::clone(layout)} {lang} open={open.clone()} />
        </>
    }
}
