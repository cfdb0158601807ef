//! The page: one reducer state shared through a context, the panes that read it, and the flow
//! played from it (a memo of the world, never stored).

use std::rc::Rc;

use omen_core::flow::{apply, presets, CATALOGUE};
use serde_json::{json, Map, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::browser;
use crate::components::summary::summarise;
use crate::components::{FlowPicture, LanguageSwitch, PolicyEditor, Results, VerdictSummary};
use crate::evaluation::{account_of, evaluate, short_name, Evaluated};
use crate::i18n::{browser_lang, Lang};
use crate::state::{can_add, flow_choice, Action, Addition, FlowChoice, Notice, Playground};

/// The playground state as the sections see it: read it, or dispatch an [`Action`].
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| browser::initial_state(browser_lang()));
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| browser::open_link(move |action| dispatcher.dispatch(action)));
    }
    use_effect_with(state.lang, |lang| browser::set_root_attribute("lang", lang.tag()));
    use_effect_with(state.theme, |theme| browser::set_root_attribute("data-theme", theme.as_str()));
    {
        // Saved once typing pauses, so that a keystroke never waits for storage.
        let state = state.clone();
        use_effect_with((state.world.clone(), state.lang, state.preset.clone()), move |_| {
            let timeout = gloo::timers::callback::Timeout::new(AUTOSAVE_DELAY_MS, move || browser::autosave(&state));
            move || drop(timeout)
        });
    }
    // Derived, never stored: played again when the world changes (a large world once typing
    // pauses).
    let (evaluated, pending) = use_evaluation(&state.world);
    // Fixes replay the flow several times: they are found once typing pauses, for the world they
    // were found for, and shown only while that is still the world. A large world gets none: its
    // replays would hold the page for seconds.
    let found_fixes = use_state(|| Rc::new(FoundFixes::default()));
    {
        let found_fixes = found_fixes.clone();
        use_effect_with(state.world.clone(), move |world| {
            let timeout = (!crate::evaluation::is_large(world)).then(|| {
                let world = world.clone();
                gloo::timers::callback::Timeout::new(FIX_DELAY_MS, move || {
                    let fixes = crate::evaluation::fixes(&world);
                    found_fixes.set(Rc::new(FoundFixes { world, fixes }));
                })
            });
            move || drop(timeout)
        });
    }
    let fixes = (found_fixes.world == state.world).then(|| found_fixes.clone());
    let evaluated = match fixes {
        Some(found) if !found.fixes.is_empty() && !pending => {
            let mut with_fixes = (*evaluated).clone();
            for step in &mut with_fixes.result.steps {
                step.fix = found.fixes.get(&step.id).cloned();
            }
            Rc::new(with_fixes)
        }
        _ => evaluated,
    };
    let lang = state.lang;
    // One callback for the page's life (reading the flow shown when it is called), so that the
    // results, which may be large, are not drawn again on every keystroke.
    let shown = use_mut_ref(|| evaluated.clone());
    *shown.borrow_mut() = evaluated.clone();
    let on_apply_fix = {
        let dispatcher = state.dispatcher();
        use_callback((), move |step_id: String, ()| {
            let world = fixed_world(&shown.borrow(), &step_id);
            if let Some(world) = world {
                dispatcher.dispatch(Action::ReplaceWorld(world, Some(Notice::FixApplied)));
            }
        })
    };
    // The same callbacks on every render, so that editors whose text did not change skip theirs.
    let on_text = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(pointer, text): (String, String), ()| {
            dispatcher.dispatch(Action::SetText { pointer, text });
        })
    };
    let on_value = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(pointer, value): (String, Value), ()| {
            dispatcher.dispatch(Action::SetValue { pointer, value })
        })
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, ()| dispatcher.dispatch(action))
    };
    let marks = |pointer: &str| Rc::new(evaluated.marks.get(pointer).cloned().unwrap_or_default());
    let editors = |pointers: Vec<(String, String)>| -> Html {
        if pointers.is_empty() {
            return html! { <p class="empty">{ lang.strings().no_policies }</p> };
        }
        html! {
            { for pointers.into_iter().map(|(pointer, label)| {
                let value = state.world.pointer(&pointer).and_then(Value::as_str).unwrap_or_default().to_owned();
                html! {
                    <PolicyEditor
                        key={pointer.clone()}
                        id={editor_id(&pointer)}
                        {label}
                        pointer={pointer.clone()}
                        value={value}
                        marks={marks(&pointer)}
                        {lang}
                        on_input={on_text.clone()}
                    />
                }
            }) }
        }
    };
    let t = lang.strings();
    let (caller, roles, org) = policy_pointers(&state.world, lang);
    // From the flow played above: a few labels, so the bar re-renders only when they change.
    let summary = summarise(&evaluated.result, lang);
    html! {
        <ContextProvider<PlaygroundContext> context={state.clone()}>
            <Header />
            if let Some(notice) = state.notice { <NoticeBar {notice} /> }
            <VerdictSummary {summary} {lang} />
            <main class="layout">
                <section class="pane pane-caller" aria-labelledby="caller-heading">
                    <h2 id="caller-heading">{ t.caller_pane }</h2>
                    <p class="hint">{ t.caller_hint }</p>
                    { editors(caller) }
                </section>
                <section class="pane pane-roles" aria-labelledby="roles-heading">
                    <h2 id="roles-heading">{ t.roles_pane }</h2>
                    <p class="hint">{ t.roles_hint }</p>
                    { editors(roles) }
                </section>
                if !org.is_empty() {
                    <section class="pane pane-org" aria-labelledby="org-heading">
                        <h2 id="org-heading">{ t.org_pane }</h2>
                        <p class="hint">{ t.org_hint }</p>
                        { editors(org) }
                    </section>
                }
                <section class="pane pane-scenario" aria-labelledby="scenario-heading">
                    <h2 id="scenario-heading">{ t.scenario }</h2>
                    <Scenario world={state.world.clone()} {lang} on_value={on_value.clone()} {on_action} />
                </section>
                <section class="pane pane-results" aria-busy={pending.then_some("true")}>
                    if pending { <p class="pending" role="status" data-testid="pending">{ t.updating }</p> }
                    <FlowPicture evaluated={evaluated.clone()} {lang} />
                    <Results evaluated={evaluated.clone()} {lang} {on_apply_fix} />
                </section>
            </main>
        </ContextProvider<PlaygroundContext>>
    }
}

/// How long typing must pause before a large world is played, in milliseconds.
const LARGE_WORLD_DELAY_MS: u32 = 300;

/// The flow played from `world`, and whether it is pending: at once (a memo of the world) unless
/// the world is large; a large one is played once typing pauses, and until then the results of
/// the last world played are shown, pending.
#[hook]
fn use_evaluation(world: &Value) -> (Rc<Evaluated>, bool) {
    let large = crate::evaluation::is_large(world);
    let now = use_memo((world.clone(), large), |(world, large)| (!large).then(|| Rc::new(evaluate(world))));
    let later = use_state(|| None::<(Value, Rc<Evaluated>)>);
    {
        let later = later.clone();
        use_effect_with((world.clone(), large), move |(world, large)| {
            let timeout = large.then(|| {
                let world = world.clone();
                gloo::timers::callback::Timeout::new(LARGE_WORLD_DELAY_MS, move || {
                    let evaluated = Rc::new(evaluate(&world));
                    later.set(Some((world, evaluated)));
                })
            });
            move || drop(timeout)
        });
    }
    if let Some(evaluated) = now.as_ref() {
        return (evaluated.clone(), false);
    }
    match &*later {
        Some((played, evaluated)) => (evaluated.clone(), played != world),
        None => (Rc::new(crate::evaluation::not_yet_played()), true),
    }
}

/// How long typing must pause before fixes are looked for, in milliseconds.
const FIX_DELAY_MS: u32 = 150;
/// How long typing must pause before the world is saved, in milliseconds.
const AUTOSAVE_DELAY_MS: u32 = 300;

/// The fixes found for one world.
#[derive(Debug, Default, PartialEq)]
struct FoundFixes {
    world: Value,
    fixes: std::collections::BTreeMap<String, omen_core::flow::Fix>,
}

/// The world with the fix of step `step_id` applied, as JSON.
fn fixed_world(evaluated: &Evaluated, step_id: &str) -> Option<Value> {
    let step = evaluated.result.steps.iter().find(|step| step.id == step_id)?;
    let fix = step.fix.as_ref()?;
    let mut world = evaluated.world.clone()?;
    for change in &fix.changes {
        world = apply(&world, change)?;
    }
    serde_json::to_value(world).ok()
}

/// An element id for the editor of `pointer`: `/users/0/policies/0/document` →
/// `ed-users-0-policies-0-document`.
pub fn editor_id(pointer: &str) -> String {
    let id: String = pointer.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("ed{id}")
}

/// The editors of each pane: (pointer, label).
type Pointers = Vec<(String, String)>;

fn policy_name(world: &Value, pointer: &str, fallback: &str) -> String {
    world
        .pointer(pointer)
        .and_then(|policy| policy.get("name"))
        .and_then(Value::as_str)
        .map_or_else(|| fallback.to_owned(), str::to_owned)
}

fn list(world: &Value, pointer: &str) -> usize {
    world.pointer(pointer).and_then(Value::as_array).map_or(0, Vec::len)
}

/// Where the editable policy documents of the world are, pane by pane.
pub fn policy_pointers(world: &Value, lang: Lang) -> (Pointers, Pointers, Pointers) {
    let t = lang.strings();
    let mut caller = Vec::new();
    let mut roles = Vec::new();
    let mut org = Vec::new();
    let is_text = |pointer: &str| world.pointer(pointer).is_some_and(Value::is_string);
    for user in 0..list(world, "/users") {
        let arn = world.pointer(&format!("/users/{user}/arn")).and_then(Value::as_str).unwrap_or("user");
        let who = short_name(arn);
        for policy in 0..list(world, &format!("/users/{user}/policies")) {
            let base = format!("/users/{user}/policies/{policy}");
            let name = policy_name(world, &base, t.policy);
            caller.push((format!("{base}/document"), format!("{who} — {name}")));
        }
        for group in 0..list(world, &format!("/users/{user}/groups")) {
            for policy in 0..list(world, &format!("/users/{user}/groups/{group}/policies")) {
                let base = format!("/users/{user}/groups/{group}/policies/{policy}");
                let name = policy_name(world, &base, t.policy);
                caller.push((format!("{base}/document"), format!("{who} ({}) — {name}", t.group)));
            }
        }
        let boundary = format!("/users/{user}/permissionsBoundary/document");
        if is_text(&boundary) {
            caller.push((boundary, format!("{who} — {}", t.permissions_boundary)));
        }
    }
    for role in 0..list(world, "/roles") {
        let arn = world.pointer(&format!("/roles/{role}/arn")).and_then(Value::as_str).unwrap_or("role");
        let who = short_name(arn);
        let trust = format!("/roles/{role}/trustPolicy");
        if is_text(&trust) {
            roles.push((trust, format!("{who} — {}", t.trust_policy)));
        }
        for policy in 0..list(world, &format!("/roles/{role}/policies")) {
            let base = format!("/roles/{role}/policies/{policy}");
            let name = policy_name(world, &base, t.policy);
            roles.push((format!("{base}/document"), format!("{who} — {name}")));
        }
        let boundary = format!("/roles/{role}/permissionsBoundary/document");
        if is_text(&boundary) {
            roles.push((boundary, format!("{who} — {}", t.permissions_boundary)));
        }
    }
    for account in 0..list(world, "/accounts") {
        let id = world.pointer(&format!("/accounts/{account}/id")).and_then(Value::as_str).unwrap_or_default();
        for (key, label) in [("scps", t.scp), ("rcps", t.rcp)] {
            for level in 0..list(world, &format!("/accounts/{account}/{key}")) {
                for policy in 0..list(world, &format!("/accounts/{account}/{key}/{level}")) {
                    let base = format!("/accounts/{account}/{key}/{level}/{policy}");
                    let name = policy_name(world, &base, label);
                    org.push((format!("{base}/document"), format!("{id} — {label} {level}: {name}")));
                }
            }
        }
    }
    let mut session = |pointer: String, hop: usize| {
        if is_text(&format!("{pointer}/document")) {
            org.push((format!("{pointer}/document"), format!("{} ({} {hop})", t.session_policy, t.chain_hop)));
        } else if is_text(&pointer) {
            org.push((pointer, format!("{} ({} {hop})", t.session_policy, t.chain_hop)));
        }
    };
    session("/action/assumeRole/sessionPolicy".into(), 1);
    for hop in 0..list(world, "/action/chain") {
        session(format!("/action/chain/{hop}/sessionPolicy"), hop + 2);
    }
    (caller, roles, org)
}

#[component]
fn Header() -> Html {
    let Some(state) = use_context::<PlaygroundContext>() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let link = use_state(String::new);
    let copied = use_state(|| false);
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |lang| dispatcher.dispatch(Action::SetLang(lang)))
    };
    let on_preset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<HtmlSelectElement>().value();
            if !id.is_empty() {
                dispatcher.dispatch(Action::LoadPreset(id));
            }
        })
    };
    let on_theme = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTheme(state.theme.next())))
    };
    let on_share = {
        let state = state.clone();
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let link = link.clone();
            let copied = copied.clone();
            copied.set(false);
            browser::share(&state, move |url| {
                link.set(url.clone());
                browser::copy(url, move |done| copied.set(done));
            });
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.json", state.preset.as_deref().unwrap_or("omen-world"));
            browser::export(&state.world, &name);
        })
    };
    let on_import = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            let dispatcher = dispatcher.clone();
            browser::read_file(file, move |text| {
                let world = text.and_then(|text| serde_json::from_str::<Value>(&text).ok());
                match world.filter(crate::state::is_world) {
                    Some(world) => dispatcher.dispatch(Action::ReplaceWorld(world, None)),
                    None => dispatcher.dispatch(Action::SetNotice(Some(Notice::ImportFailed))),
                }
            });
            input.set_value("");
        })
    };
    let on_reset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Reset))
    };
    let theme_label = match state.theme {
        crate::state::Theme::System => t.theme_system,
        crate::state::Theme::Light => t.theme_light,
        crate::state::Theme::Dark => t.theme_dark,
    };
    let selected = state.preset.clone().unwrap_or_default();
    html! {
        <header class="masthead">
            <div class="brand">
                <h1>{ "Omen" }<span class="subtitle">{ " — IAM role playground / お面" }</span></h1>
                <p class="tagline">{ t.tagline }</p>
            </div>
            <div class="toolbar">
                <label class="preset-picker">
                    <span>{ t.preset }</span>
                    <select id="preset" onchange={on_preset} data-testid="preset">
                        if state.preset.is_none() { <option value="" selected=true>{ t.custom }</option> }
                        { for presets().into_iter().map(|preset| {
                            let title = match state.lang { Lang::En => preset.title_en, Lang::Ja => preset.title_ja };
                            html! { <option value={preset.id} selected={preset.id == selected}>{ title }</option> }
                        }) }
                    </select>
                </label>
                <div class="buttons">
                    <button type="button" onclick={on_share} data-testid="share">{ t.share }</button>
                    <button type="button" onclick={on_export} data-testid="export">{ t.export }</button>
                    <label class="button file-button">
                        { t.import }
                        <input type="file" accept="application/json,.json" onchange={on_import} data-testid="import" />
                    </label>
                    <button type="button" onclick={on_reset} data-testid="reset">{ t.reset }</button>
                    <button type="button" onclick={on_theme} data-testid="theme" aria-label={theme_label}>
                        { match state.theme { crate::state::Theme::System => "◐", crate::state::Theme::Light => "☀", crate::state::Theme::Dark => "☾" } }
                    </button>
                    <LanguageSwitch lang={state.lang} on_select={on_lang} />
                </div>
                if !link.is_empty() {
                    <label class="share-link">
                        <span>{ t.share_label }</span>
                        <input type="text" readonly=true class="mono" value={(*link).clone()} data-testid="share-link" />
                        <span class="hint">{ t.share_done }</span>
                        if *copied { <span class="copied" role="status" data-testid="copied">{ t.copied }</span> }
                    </label>
                }
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeBarProps {
    notice: Notice,
}

#[component]
fn NoticeBar(props: &NoticeBarProps) -> Html {
    let Some(state) = use_context::<PlaygroundContext>() else {
        return Html::default();
    };
    let t = state.lang.strings();
    let text = match props.notice {
        Notice::LinkTooLarge => t.link_too_large,
        Notice::LinkUnreadable => t.link_unreadable,
        Notice::ImportFailed => t.import_failed,
        Notice::FixApplied => t.fix_applied,
    };
    let dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetNotice(None)))
    };
    html! {
        <div class="notice" role="status" data-testid="notice">
            <span>{ text }</span>
            <button type="button" class="small" onclick={dismiss}>{ t.dismiss }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ScenarioProps {
    world: Value,
    lang: Lang,
    on_value: Callback<(String, Value)>,
    on_action: Callback<Action>,
}

/// How a scenario input turns its text into a value.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A string; empty removes the key.
    Text,
    /// A whole number; empty removes the key.
    Number,
    /// `key=value, key=value`; empty removes the key.
    Tags,
}

fn parse_input(kind: Kind, text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        return Value::Null;
    }
    match kind {
        Kind::Text => json!(text),
        Kind::Number => text.parse::<i64>().map_or(Value::Null, |n| json!(n)),
        Kind::Tags => {
            let map: Map<String, Value> = text
                .split(',')
                .filter_map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    let key = key.trim();
                    (!key.is_empty()).then(|| (key.to_owned(), json!(value.trim())))
                })
                .collect();
            Value::Object(map)
        }
    }
}

fn show_value(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(key, value)| format!("{key}={}", value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn field(world: &Value, on_value: &Callback<(String, Value)>, pointer: String, label: &str, kind: Kind) -> Html {
    let id = editor_id(&pointer).replacen("ed", "in", 1);
    let value = show_value(world.pointer(&pointer));
    let onchange = {
        let pointer = pointer.clone();
        on_value.reform(move |event: Event| {
            let text = event.target_unchecked_into::<HtmlInputElement>().value();
            (pointer.clone(), parse_input(kind, &text))
        })
    };
    let input_type = if kind == Kind::Number { "number" } else { "text" };
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_owned() }</label>
            <input {id} type={input_type} class="mono" spellcheck="false" autocomplete="off" {value} {onchange} />
        </div>
    }
}

/// The action's kind (PassRole or AssumeRole) and the policies the world can be given.
fn flow_controls(world: &Value, lang: Lang, on_action: &Callback<Action>) -> Html {
    let t = lang.strings();
    let current = flow_choice(world);
    let radio = |choice: FlowChoice, id: &'static str, label: &'static str| {
        let onchange = on_action.reform(move |_: Event| Action::SetFlow(choice));
        html! {
            <label class="radio" for={id}>
                <input type="radio" {id} name="flow-choice" checked={current == Some(choice)} {onchange} />
                { label }
            </label>
        }
    };
    let add = |addition: Addition, label: &'static str, testid: &'static str| {
        let onclick = on_action.reform(move |_: MouseEvent| Action::Add(addition));
        can_add(world, addition).then(|| {
            html! {
                <button type="button" class="small" data-testid={testid} {onclick}>{ "+ " }{ label }</button>
            }
        })
    };
    html! {
        <>
            <fieldset class="flow-choice" data-testid="flow-choice">
                <legend>{ t.flow_choice }</legend>
                { radio(FlowChoice::PassRole, "flow-passrole", t.flow_choice_passrole) }
                { radio(FlowChoice::AssumeRole, "flow-assumerole", t.flow_choice_assumerole) }
            </fieldset>
            <div class="additions" role="group" aria-label={t.add_heading}>
                { add(Addition::CallerBoundary, t.add_boundary, "add-boundary") }
                { add(Addition::SessionPolicy, t.add_session_policy, "add-session-policy") }
                { add(Addition::Scp, t.add_scp, "add-scp") }
            </div>
        </>
    }
}

#[component]
fn Scenario(props: &ScenarioProps) -> Html {
    let t = props.lang.strings();
    let world = &props.world;
    let on = &props.on_value;
    let mut fields = vec![flow_controls(world, props.lang, &props.on_action)];
    let mut caller_arn = None;
    let mut role_arn = None;
    if world.pointer("/action/passRole").is_some() {
        fields.push(html! { <p class="flow-kind">{ t.flow_passrole }</p> });
        let api = world.pointer("/action/passRole/api").and_then(Value::as_str).unwrap_or_default().to_owned();
        let onchange = on.reform(|event: Event| {
            ("/action/passRole/api".to_owned(), json!(event.target_unchecked_into::<HtmlSelectElement>().value()))
        });
        fields.push(field(world, on, "/action/passRole/caller".into(), t.caller, Kind::Text));
        fields.push(html! {
            <div class="field">
                <label for="in-api">{ t.api }</label>
                <select id="in-api" class="mono" {onchange}>
                    { for CATALOGUE.iter().map(|entry| html! {
                        <option value={entry.action} selected={entry.action == api}>
                            { format!("{} ({})", entry.action, entry.service_principal) }
                        </option>
                    }) }
                </select>
            </div>
        });
        fields.push(field(world, on, "/action/passRole/role".into(), t.role, Kind::Text));
        fields.push(field(world, on, "/action/passRole/region".into(), t.region, Kind::Text));
        caller_arn = world.pointer("/action/passRole/caller").and_then(Value::as_str);
        role_arn = world.pointer("/action/passRole/role").and_then(Value::as_str);
    } else if world.pointer("/action/assumeRole").is_some() {
        fields.push(html! { <p class="flow-kind">{ t.flow_assumerole }</p> });
        let hop = |base: String, fields: &mut Vec<Html>, first: bool| {
            if first {
                fields.push(field(world, on, format!("{base}/caller"), t.caller, Kind::Text));
            }
            fields.push(field(world, on, format!("{base}/role"), t.role, Kind::Text));
            fields.push(field(world, on, format!("{base}/roleSessionName"), t.role_session_name, Kind::Text));
            fields.push(field(world, on, format!("{base}/externalId"), t.external_id, Kind::Text));
            let mfa_pointer = format!("{base}/mfa");
            let checked = world.pointer(&mfa_pointer).is_some_and(|v| !v.is_null());
            let id = editor_id(&mfa_pointer).replacen("ed", "in", 1);
            let onchange = on.reform(move |event: Event| {
                let on = event.target_unchecked_into::<HtmlInputElement>().checked();
                let value = if on {
                    json!({"serialNumber": "arn:aws:iam::111122223333:mfa/device", "tokenCode": "123456"})
                } else {
                    Value::Null
                };
                (mfa_pointer.clone(), value)
            });
            fields.push(html! {
                <div class="field check">
                    <input id={id.clone()} type="checkbox" {checked} {onchange} />
                    <label for={id}>{ t.mfa }</label>
                </div>
            });
            fields.push(field(world, on, format!("{base}/durationSeconds"), t.duration, Kind::Number));
            fields.push(field(world, on, format!("{base}/sourceIdentity"), t.source_identity, Kind::Text));
            fields.push(field(world, on, format!("{base}/tags"), t.tags, Kind::Tags));
        };
        hop("/action/assumeRole".into(), &mut fields, true);
        for index in 0..list(world, "/action/chain") {
            fields.push(html! { <h3>{ format!("{} {}", t.chain_hop, index + 2) }</h3> });
            hop(format!("/action/chain/{index}"), &mut fields, false);
        }
        caller_arn = world.pointer("/action/assumeRole/caller").and_then(Value::as_str);
        role_arn = world.pointer("/action/assumeRole/role").and_then(Value::as_str);
    } else {
        fields.push(html! { <p>{ t.flow_none }</p> });
    }
    for account in 0..list(world, "/accounts") {
        fields.push(field(
            world,
            on,
            format!("/accounts/{account}/id"),
            &format!("{} {}", t.account, account + 1),
            Kind::Text,
        ));
    }
    let relation = match (caller_arn.and_then(account_of), role_arn.and_then(account_of)) {
        (Some(a), Some(b)) if a == b => Some(t.same_account),
        (Some(_), Some(_)) => Some(t.cross_account),
        _ => None,
    };
    html! {
        <div class="scenario" data-testid="scenario">
            { for fields }
            if let Some(relation) = relation { <p class="relation" data-testid="relation">{ relation }</p> }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;

    #[test]
    fn every_preset_has_editors_for_its_policies() {
        for preset in presets() {
            let world = preset_world(preset.id).unwrap_or_default();
            let (caller, roles, _) = policy_pointers(&world, Lang::En);
            assert!(!caller.is_empty() || !roles.is_empty(), "{}", preset.id);
            for (pointer, _) in caller.iter().chain(&roles) {
                assert!(world.pointer(pointer).is_some_and(Value::is_string), "{}: {pointer}", preset.id);
            }
        }
    }

    #[test]
    fn inputs_parse_to_world_values() {
        assert_eq!(parse_input(Kind::Text, " x "), json!("x"));
        assert_eq!(parse_input(Kind::Text, ""), Value::Null);
        assert_eq!(parse_input(Kind::Number, "3600"), json!(3600));
        assert_eq!(parse_input(Kind::Tags, "a=1, b = 2,"), json!({"a": "1", "b": "2"}));
        assert_eq!(show_value(Some(&json!({"a": "1", "b": "2"}))), "a=1, b=2");
    }

    #[test]
    fn editor_ids_are_plain() {
        assert_eq!(editor_id("/users/0/policies/0/document"), "ed-users-0-policies-0-document");
    }
}
