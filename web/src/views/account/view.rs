//! The Account view's interface: the files (pasted or opened), the credentials found in them
//! (nothing with credentials is read until the person chooses to redact or keep them), the
//! import's diagnostics with file, JSON pointer and line, what was loaded, a caller and a mask
//! to play in the playground, and the two questions — who can wear a mask, what a principal can
//! reach — each edge with its conditions and a button that opens it as a flow.

use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::answer::use_answer;
use super::catalogue::{self, Catalogue, CatalogueState};
use super::channel::{Channel, Mode, Shared};
use super::graph::ReachGraph;
use super::strings::{words, Words};
use super::whole::WholeGraph;
use crate::i18n::Lang;
use crate::views::workshop::bridge;
use omen_core::flow::CATALOGUE;
use omen_core::import::{
    find_secrets, import, redact_secrets, world_json, Import, ImportFile, ImportOptions, NoCatalogue, SecretHandling,
    WorldChoice,
};
use omen_core::reach::conditions::Condition;
use omen_core::reach::world_view::{NodeKind, View};
use omen_core::reach::{Dependence, Hop, Reach, Services, WhoCan, World};
use omen_core::{Effect, Severity};

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

/// What the files gave: the import, the world made of it, and the principals seen by the analysis.
pub struct Loaded {
    /// The import's result.
    pub imported: Import,
    /// The world JSON (no action chosen).
    pub world: Value,
    /// The analysis's view of the world (`None` when nothing was read).
    pub view: Option<View>,
    /// Which load this is (0: the empty one before any file; each load a new number).
    pub serial: u64,
}

/// How long the notice that an import is being analysed has to paint before the work starts.
const BUSY_PAINT_MS: u32 = 40;

thread_local! {
    static LOADS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Imports the files the person has decided about (credentials redacted or kept), the AWS
/// managed policies they attach but do not hold taken from `catalogue` once it is read.
pub fn load(sources: &[Source], catalogue: Option<&Catalogue>) -> Loaded {
    let files: Vec<ImportFile<'_>> =
        sources.iter().filter(|s| !s.pending).map(|s| ImportFile { name: &s.name, text: &s.text }).collect();
    // Every file read here has no credentials left or was kept by choice.
    let imported = match catalogue {
        Some(catalogue) => {
            import(&files, &ImportOptions { secrets: SecretHandling::Keep, catalogue: &catalogue.lookup() })
        }
        None => import(&files, &ImportOptions { secrets: SecretHandling::Keep, catalogue: &NoCatalogue }),
    };
    let world = world_json(&imported.inventory, &WorldChoice::default()).unwrap_or_default();
    let view = if imported.inventory.accounts.is_empty() {
        None
    } else {
        World::from_json(&world.to_string()).ok().map(|world| View::new(&world))
    };
    let serial = if sources.is_empty() {
        0
    } else {
        LOADS.with(|n| {
            n.set(n.get() + 1);
            n.get()
        })
    };
    Loaded { imported, world, view, serial }
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

/// Asks the page to load `world` into the playground, and shows its results.
fn play(world: Value) {
    bridge::load_world(&json!({ "world": world }));
    crate::browser::reveal("results");
}

/// The world with `flow` as its action.
fn with_action(world: &Value, flow: &Value) -> Value {
    let mut world = world.clone();
    if let Some(object) = world.as_object_mut() {
        object.insert("action".into(), flow.clone());
    }
    world
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
    // The import and the analysis's view run after the page has painted a notice: a large account
    // takes a second or more, and the person sees what is happening meanwhile.
    let loaded = use_state(|| Rc::new(load(&[], None)));
    let busy = use_state(|| false);
    {
        let (loaded, busy) = (loaded.clone(), busy.clone());
        use_effect_with((Generation(files.generation, files.sources.clone()), catalogue.used()), move |(g, used)| {
            let (sources, used) = (g.1.clone(), used.clone());
            let work = (!sources.is_empty() || loaded.serial != 0).then(|| {
                busy.set(true);
                gloo::timers::callback::Timeout::new(BUSY_PAINT_MS, move || {
                    loaded.set(Rc::new(load(&sources, used.0.as_deref())));
                    busy.set(false);
                })
            });
            move || drop(work)
        });
    }
    let loaded: Rc<Loaded> = (*loaded).clone();
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
    let needs_catalogue = loaded.imported.unresolved.iter().any(|u| u.aws_managed);
    {
        let catalogue = catalogue.clone();
        use_effect_with(needs_catalogue, move |needs| {
            if *needs && *catalogue == CatalogueState::NotNeeded {
                match catalogue::urls() {
                    None => catalogue.set(CatalogueState::Unavailable),
                    Some((reference, policies)) => {
                        catalogue.set(CatalogueState::Loading);
                        wasm_bindgen_futures::spawn_local(async move {
                            catalogue.set(match catalogue::fetch(reference, policies).await {
                                Ok(read) => CatalogueState::Ready(Rc::new(read)),
                                Err(why) => CatalogueState::Failed(why),
                            });
                        });
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
    let graph_filter = use_state(String::new);
    let w = words(*lang);
    let lang = *lang;

    // Choices that no longer name something loaded fall back to the first one.
    let (callers, roles) = principals(&loaded);
    let pick = |chosen: &str, list: &[(String, String)]| -> String {
        if list.iter().any(|(arn, _)| arn == chosen) {
            chosen.to_string()
        } else {
            list.first().map(|(arn, _)| arn.clone()).unwrap_or_default()
        }
    };
    let caller_now = pick(&caller, &callers);
    let mask_now = pick(&mask, &roles);
    let role_now = pick(&role, &roles);
    let principal_now = pick(&principal, &callers);

    // The analysis gets each load's accounts; its answers change with what was loaded, and are
    // worked out by the worker while the page goes on answering.
    {
        let channel = (*channel).clone();
        let loaded = loaded.clone();
        use_effect_with(loaded.serial, move |serial| {
            if *serial != 0 {
                channel.0.accounts(&loaded.world);
            }
        });
    }
    let analysed = loaded.view.is_some();
    let who = use_answer::<_, WhoCan>(
        &channel,
        (loaded.serial, role_now.clone()),
        (analysed && !role_now.is_empty()).then(|| json!({"op": "who", "role": role_now})),
    );
    let reached = use_answer::<_, Reach>(
        &channel,
        (loaded.serial, principal_now.clone()),
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
    let on_play = {
        let loaded = loaded.clone();
        let (caller_now, mask_now, api) = (caller_now.clone(), mask_now.clone(), (*api).clone());
        let played = played.clone();
        Callback::from(move |_: MouseEvent| {
            let choice = WorldChoice {
                name: None,
                caller: Some(caller_now.clone()),
                role: Some(mask_now.clone()),
                api: (!api.is_empty()).then(|| api.clone()),
            };
            if let Ok(world) = world_json(&loaded.imported.inventory, &choice) {
                play(world);
                played.set(true);
            }
        })
    };
    let play_problem = (!caller_now.is_empty() && !mask_now.is_empty())
        .then(|| {
            world_json(
                &loaded.imported.inventory,
                &WorldChoice {
                    name: None,
                    caller: Some(caller_now.clone()),
                    role: Some(mask_now.clone()),
                    api: (!api.is_empty()).then(|| (*api).clone()),
                },
            )
            .err()
        })
        .flatten();
    let open_flow = {
        let world = loaded.world.clone();
        Callback::from(move |flow: Value| play(with_action(&world, &flow)))
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
            { diagnostics(&loaded.imported, lang, w) }
            if loaded.view.is_some() {
                { summary(&loaded.imported, &catalogue, w) }
                <section class="ac-section" aria-labelledby="ac-play-heading">
                    <h3 id="ac-play-heading">{ w.play }</h3>
                    <div class="ac-pickers">
                        { picker("ac-caller", w.caller, &callers, &caller_now, setter(&caller, Some(played.clone()))) }
                        { picker("ac-mask", w.mask, &roles, &mask_now, setter(&mask, Some(played.clone()))) }
                        <label for="ac-api">{ w.how }</label>
                        <select id="ac-api" onchange={setter(&api, Some(played.clone()))} data-testid="account-api">
                            <option value="" selected={api.is_empty()}>{ w.assume }</option>
                            { for CATALOGUE.iter().map(|entry| html! {
                                <option value={entry.action} selected={*api == entry.action}>{ format!("{} {}", w.pass_through, entry.action) }</option>
                            }) }
                        </select>
                    </div>
                    if let Some(problem) = play_problem {
                        <p class="ac-problem" role="alert">{ crate::components::results::rich(problem.message().get(lang.core())) }</p>
                    }
                    <button type="button" class="primary" onclick={on_play} disabled={caller_now.is_empty() || mask_now.is_empty()} data-testid="account-play">{ w.play_button }</button>
                    if *played { <p class="ac-note" role="status" data-testid="account-played">{ w.played }</p> }
                </section>
                <section class="ac-section" aria-labelledby="ac-who-heading" data-testid="who-can">
                    <h3 id="ac-who-heading">{ w.who_can }</h3>
                    { picker("ac-role", w.role, &roles, &role_now, setter(&role, None)) }
                    { match who.as_deref() {
                        Some(Ok(answer)) => who_can_view(answer, lang, w, &open_flow),
                        Some(Err(problem)) => html! { <p class="ac-problem" role="alert">{ crate::components::results::rich(problem) }</p> },
                        None if !role_now.is_empty() => computing(w, "who-computing"),
                        None => Html::default(),
                    } }
                </section>
                <section class="ac-section" aria-labelledby="ac-reach-heading" data-testid="reach">
                    <h3 id="ac-reach-heading">{ w.reach }</h3>
                    { picker("ac-principal", w.principal, &callers, &principal_now, setter(&principal, None)) }
                    { match reached.as_deref() {
                        Some(Ok(answer)) => reach_view(answer, lang, w, &open_flow, &graph_filter),
                        Some(Err(problem)) => html! { <p class="ac-problem" role="alert">{ crate::components::results::rich(problem) }</p> },
                        None if !principal_now.is_empty() => computing(w, "reach-computing"),
                        None => Html::default(),
                    } }
                </section>
                <WholeGraph channel={(*channel).clone()} serial={loaded.serial} {lang} pick={pick_role} />
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

/// Things to pick from, as `(ARN, label)`.
type Choices = Vec<(String, String)>;

/// The users and roles (callers), and the roles (masks).
fn principals(loaded: &Loaded) -> (Choices, Choices) {
    let Some(view) = &loaded.view else { return (Vec::new(), Vec::new()) };
    let label = |node: &omen_core::reach::world_view::Node| {
        let kind = match node.kind {
            NodeKind::User => "user",
            NodeKind::Role => "role",
        };
        format!("{kind}/{} · {}", node.name, node.account)
    };
    let callers = view.nodes.iter().map(|n| (n.arn.clone(), label(n))).collect();
    let roles = view.nodes.iter().filter(|n| n.kind == NodeKind::Role).map(|n| (n.arn.clone(), label(n))).collect();
    (callers, roles)
}

fn picker(
    id: &'static str,
    label: &'static str,
    list: &[(String, String)],
    chosen: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <>
            <label for={id}>{ label }</label>
            <select {id} {onchange} data-testid={id}>
                { for list.iter().map(|(arn, text)| html! {
                    <option value={arn.clone()} selected={arn == chosen} title={arn.clone()}>{ text.clone() }</option>
                }) }
            </select>
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

fn diagnostics(imported: &Import, lang: Lang, w: &Words) -> Html {
    if imported.diagnostics.is_empty() {
        return Html::default();
    }
    let lang = lang.core();
    html! {
        <section class="ac-section" aria-labelledby="ac-problems-heading">
            <h3 id="ac-problems-heading">{ w.problems }{ format!(" ({})", imported.diagnostics.len()) }</h3>
            <ul class="ac-diagnostics" data-testid="account-diagnostics">
                { for imported.diagnostics.iter().map(|d| {
                    let error = d.severity == Severity::Error;
                    let mut place = d.file.clone();
                    if let Some(line) = d.line {
                        place.push_str(&format!(":{line}:{}", d.column.unwrap_or(1)));
                    }
                    html! {
                        <li class={classes!("ac-diagnostic", if error { "error" } else { "warning" })} data-code={d.code}>
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

fn summary(imported: &Import, catalogue: &CatalogueState, w: &Words) -> Html {
    let inventory = &imported.inventory;
    let count = |f: fn(&omen_core::import::AccountInventory) -> usize| inventory.accounts.iter().map(f).sum::<usize>();
    let figures = [
        inventory.accounts.len(),
        count(|a| a.users.len()),
        count(|a| a.roles.len()),
        count(|a| a.groups.len()),
        count(|a| a.policies.len()),
    ];
    html! {
        <section class="ac-section" aria-labelledby="ac-loaded-heading">
            <h3 id="ac-loaded-heading">{ w.loaded }</h3>
            <p data-testid="account-counts">
                { for figures.iter().zip(w.counts).enumerate().map(|(index, (n, what))| html! {
                    <>{ if index > 0 { " · " } else { "" } }<strong>{ n }</strong>{ format!(" {what}") }</>
                }) }
            </p>
            <p class="ac-meta">{ format!("{}: ", "ID") }{ inventory.accounts.iter().map(|a| a.id.clone()).collect::<Vec<_>>().join(", ") }</p>
            { catalogue_note(imported, catalogue, w) }
            if !imported.unresolved.is_empty() {
                <p class="ac-meta">{ w.unresolved }</p>
                <ul class="ac-unresolved" data-testid="account-unresolved">
                    { for imported.unresolved.iter().map(|u| html! { <li><code>{ u.arn.clone() }</code></li> }) }
                </ul>
            }
        </section>
    }
}

/// Where the AWS managed policies the files lack come from: being fetched (a live notice), the
/// catalogue's source, or why they stay unresolved.
fn catalogue_note(imported: &Import, catalogue: &CatalogueState, w: &Words) -> Html {
    let from_catalogue =
        imported.inventory.aws_managed_policies.iter().filter(|p| p.origin.file == "catalogue").count();
    let text = match catalogue {
        CatalogueState::NotNeeded => return Html::default(),
        CatalogueState::Loading => w.catalogue_loading.to_string(),
        CatalogueState::Unavailable => w.catalogue_unavailable.to_string(),
        CatalogueState::Failed(why) => format!("{} {why}", w.catalogue_failed),
        CatalogueState::Ready(read) => format!("{} {} ({from_catalogue})", w.catalogue_ready, read.source()),
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

fn flow_button(flow: &Value, open: &Callback<Value>, w: &Words, label: &str) -> Html {
    if flow.is_null() {
        return Html::default();
    }
    let flow = flow.clone();
    let open = open.clone();
    let onclick = Callback::from(move |_: MouseEvent| open.emit(flow.clone()));
    html! { <button type="button" class="small" {onclick} aria-label={format!("{}: {label}", w.open_flow)} data-testid="open-flow">{ w.open_flow }</button> }
}

fn who_can_view(answer: &WhoCan, lang: Lang, w: &Words, open: &Callback<Value>) -> Html {
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
                        { flow_button(&a.flow, open, w, &a.principal) }
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

fn hop_view(hop: &Hop, w: &Words, open: &Callback<Value>) -> Html {
    html! {
        <li class="ac-hop">
            <code>{ hop.from.clone() }</code>{ " → " }<code>{ hop.to.clone() }</code>
            { " " }<span class="ac-via">{ hop.via.clone() }</span>{ " " }
            { dependence(&hop.dependence, w) }
            <div class="ac-meta">{ format!("{}: {}", w.cite, hop.cite) }</div>
            { flow_button(&hop.flow, open, w, &hop.via) }
        </li>
    }
}

fn reach_view(answer: &Reach, lang: Lang, w: &Words, open: &Callback<Value>, filter: &UseStateHandle<String>) -> Html {
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                filter.set(input.value());
            }
        })
    };
    let _ = lang;
    html! {
        <>
            <p class={classes!("ac-admin", answer.admin.then_some("yes"))} data-testid="reach-admin">
                { if answer.admin { format!("⚠ {}", w.admin_yes) } else { w.admin_no.to_string() } }
            </p>
            if !answer.admin_paths.is_empty() {
                <ul class="ac-edges">
                    { for answer.admin_paths.iter().map(|a| html! {
                        <li><code>{ a.account.clone() }</code>{ " · " }<code>{ a.principal.clone() }</code>
                            <ol class="ac-path">{ for a.path.iter().map(|hop| hop_view(hop, w, open)) }</ol>
                        </li>
                    }) }
                </ul>
            }
            <h4>{ w.reaches }{ format!(" ({})", answer.reaches.len()) }</h4>
            if answer.reaches.is_empty() { <p class="ac-meta">{ w.nobody }</p> }
            <ul class="ac-edges" data-testid="reaches">
                { for answer.reaches.iter().map(|r| html! {
                    <li data-role={r.role.clone()}>
                        <code>{ r.role.clone() }</code>{ " " }
                        <span class={classes!("ac-badge", if r.conditional { "conditional" } else { "certain" })}>{ if r.conditional { w.conditional } else { w.certain } }</span>
                        <ol class="ac-path">{ for r.path.iter().map(|hop| hop_view(hop, w, open)) }</ol>
                    </li>
                }) }
            </ul>
            if !answer.users.is_empty() {
                <h4>{ w.users }</h4>
                <ul class="ac-edges">
                    { for answer.users.iter().map(|r| html! {
                        <li><code>{ r.role.clone() }</code><ol class="ac-path">{ for r.path.iter().map(|hop| hop_view(hop, w, open)) }</ol></li>
                    }) }
                </ul>
            }
            <div class="ac-graph-filter">
                <label for="ac-graph-filter">{ w.filter }</label>
                <input id="ac-graph-filter" type="search" value={(**filter).clone()} oninput={on_filter}
                    spellcheck="false" autocomplete="off" data-testid="graph-filter" />
            </div>
            <ReachGraph reach={Rc::new(answer.clone())} {lang} open={open.clone()} filter={(**filter).clone()} />
        </>
    }
}
