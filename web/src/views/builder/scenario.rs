//! The scenario pane: which action the world plays (PassRole through a catalogue API, or
//! AssumeRole with its hops), its fields, the policies the world can be given, and the accounts.
//! Fields apply when they change (through the page's `omenSetValue`), the rest through [`Edit`]s.

use omen_core::flow::{pretty_policy, CATALOGUE, DEFAULT_NOW, EXTRA_PARAMETERS};
use serde_json::{json, Map, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::editor_id;
use crate::evaluation::{account_of, short_name};
use crate::i18n::Lang;
use crate::state::edits::{account_count, chain_len};
use crate::state::{can_add, flow_choice, Addition, FlowChoice};
use omen_core::world_edit::{self, Levels, Principals};

use super::edit::Edit;
use super::say;

/// Properties of [`Scenario`].
#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    /// The world whose action is shown.
    pub world: Value,
    /// The interface language.
    pub lang: Lang,
    /// Called with (pointer, value) when a field changes.
    pub on_value: Callback<(String, Value)>,
    /// Called with an edit the controls make (switch the flow, add a policy, rename, …).
    pub on_action: Callback<Edit>,
}

/// How a scenario input turns its text into a value.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A string; empty removes the key.
    Text,
    /// A whole number; empty removes the key.
    Number,
    /// `key=value, key=value`; empty removes the key.
    Tags,
    /// `a, b, c`: a list of strings; empty removes the key.
    List,
}

fn parse_input(kind: Kind, text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        return Value::Null;
    }
    match kind {
        Kind::Text => json!(text),
        Kind::Number => text.parse::<i64>().map_or(Value::Null, |n| json!(n)),
        Kind::List => Value::Array(
            text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(|item| json!(item)).collect(),
        ),
        Kind::Tags => {
            // Extended, not collected: a collect into a map compiles a sort of its own (omen_core::sort).
            let mut map = Map::new();
            map.extend(text.split(',').filter_map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let key = key.trim();
                (!key.is_empty()).then(|| (key.to_owned(), json!(value.trim())))
            }));
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
        // Strings as they are; tags as AWS lists them (`[{"Key", "Value"}]`, what `get-role`
        // prints) as `key=value`; anything else as compact JSON — never an empty field for a
        // value that is there.
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match (item.as_str(), item.get("Key").and_then(Value::as_str)) {
                (Some(text), _) => text.to_owned(),
                (None, Some(key)) => format!("{key}={}", item.get("Value").and_then(Value::as_str).unwrap_or_default()),
                (None, None) => item.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

pub(crate) fn field(
    world: &Value,
    on_value: &Callback<(String, Value)>,
    pointer: String,
    label: &str,
    kind: Kind,
) -> Html {
    let id = editor_id(&pointer).replacen("ed", "in", 1);
    let value = show_value(world.pointer(&pointer));
    let apply = {
        let pointer = pointer.clone();
        on_value.reform(move |event: Event| {
            let text = event.target_unchecked_into::<HtmlInputElement>().value();
            (pointer.clone(), parse_input(kind, &text))
        })
    };
    // Text and numbers apply as they are typed, like the editors; tags once the field is left
    // (a half-typed `key=` would otherwise be tidied away under the caret).
    let (oninput, onchange) = match kind {
        Kind::Tags | Kind::List => (None, Some(apply)),
        Kind::Text | Kind::Number => (Some(apply.reform(|event: InputEvent| Event::from(event))), None),
    };
    let input_type = if kind == Kind::Number { "number" } else { "text" };
    input(Input { id, label: label.to_owned(), value, input_type, oninput, onchange, ..Input::default() })
}

/// One labelled input of the scenario pane (one template for every field: the markup is code
/// in the page's first load).
#[derive(Default)]
struct Input {
    id: String,
    label: String,
    value: String,
    input_type: &'static str,
    placeholder: &'static str,
    hint: Option<&'static str>,
    oninput: Option<Callback<InputEvent>>,
    onchange: Option<Callback<Event>>,
}

fn input(field: Input) -> Html {
    let Input { id, label, value, input_type, placeholder, hint, oninput, onchange } = field;
    let hint_id = hint.map(|_| format!("{id}-hint"));
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <input {id} type={input_type} class="mono" spellcheck="false" autocomplete="off" {placeholder}
                aria-describedby={hint_id.clone()} {value} {oninput} {onchange} />
            if let Some(hint) = hint { <p class="hint" id={hint_id}>{ hint }</p> }
        </div>
    }
}

/// One labelled select of the scenario pane: (value, text) options, `chosen` selected.
fn select(
    id: &'static str,
    label: &str,
    options: Vec<(&'static str, String)>,
    chosen: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ label.to_owned() }</label>
            <select {id} class="mono" {onchange}>
                { for options.into_iter().map(|(value, text)| html! {
                    <option {value} selected={value == chosen}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

/// A checkbox for a boolean of the world (`false` removes the key).
fn check(world: &Value, on_value: &Callback<(String, Value)>, pointer: String, label: &str) -> Html {
    let id = editor_id(&pointer).replacen("ed", "in", 1);
    let checked = world.pointer(&pointer).and_then(Value::as_bool).unwrap_or(false);
    let onchange = on_value.reform(move |event: Event| {
        let on = event.target_unchecked_into::<HtmlInputElement>().checked();
        (pointer.clone(), if on { Value::Bool(true) } else { Value::Null })
    });
    html! {
        <div class="field check">
            <input id={id.clone()} type="checkbox" {checked} {onchange} />
            <label for={id}>{ label.to_owned() }</label>
        </div>
    }
}

/// A small button that sends `action`.
fn button(on_action: &Callback<Edit>, label: String, testid: String, action: Edit) -> Html {
    let onclick = on_action.reform(move |_: MouseEvent| action.clone());
    html! { <button type="button" class="small" data-testid={testid} {onclick}>{ label }</button> }
}

/// What a user or role (at `owner`, e.g. `/roles/0`) holds and can be given: its inline
/// policies (each removable), one more, a permissions boundary on or off, and its removal.
fn principal_controls(world: &Value, lang: Lang, on_action: &Callback<Edit>, kind: Principals, index: usize) -> Html {
    let t = lang.strings();
    let owner = format!("/{}/{index}", if kind == Principals::Roles { "roles" } else { "users" });
    let testid = owner.trim_start_matches('/').replace('/', "-");
    let bounded = world.pointer(&format!("{owner}/permissionsBoundary")).is_some();
    html! {
        <div class="additions" role="group" aria-label={format!("{} {}", if kind == Principals::Roles { t.role } else { t.user_label }, index + 1)}>
            { for remove_buttons(on_action, world, &format!("{owner}/policies")) }
            { button(on_action, format!("+ {}", t.add_inline_policy), format!("add-{testid}-policy"), Edit::AddPolicy(owner.clone())) }
            { button(
                on_action,
                if bounded { format!("− {}", t.toggle_boundary_on) } else { format!("+ {}", t.toggle_boundary_on) },
                format!("boundary-{testid}"),
                Edit::ToggleBoundary(owner.clone()),
            ) }
            { button(on_action, format!("− {}", t.remove_principal), format!("remove-{testid}"), Edit::Remove(kind, index)) }
        </div>
    }
}

/// A field whose change rewrites the world through a core edit (a role's name, an account id):
/// applied when it is left or Enter is pressed, with `hint` saying what it rewrites.
fn rewrite_field(
    id: String,
    label: &str,
    value: String,
    hint: &'static str,
    on_action: &Callback<Edit>,
    action: impl Fn(String) -> Edit + 'static,
) -> Html {
    let onchange =
        on_action.reform(move |event: Event| action(event.target_unchecked_into::<HtmlInputElement>().value()));
    input(Input {
        id,
        label: label.to_owned(),
        value,
        input_type: "text",
        hint: Some(hint),
        onchange: Some(onchange),
        ..Input::default()
    })
}

/// The path of the user or role `entry` of kind `word` (`user`, `role`): its `path`, else the
/// part of its ARN between the kind and the name, else `/`.
fn path_of(entry: Option<&Value>, word: &str) -> String {
    let given = entry.and_then(|entry| entry.get("path")).and_then(Value::as_str);
    let from_arn = entry.and_then(|entry| entry.get("arn")).and_then(Value::as_str).and_then(|arn| {
        let (_, rest) = arn.split_once(&format!(":{word}/"))?;
        let (path, _) = rest.rsplit_once('/')?;
        Some(if path.is_empty() { "/".to_owned() } else { format!("/{path}/") })
    });
    given.map(str::to_owned).or(from_arn).unwrap_or_else(|| "/".to_owned())
}

/// The path field of user or role `index`: applied when it is left, through the core.
fn path_field(world: &Value, lang: Lang, on_action: &Callback<Edit>, kind: Principals, index: usize) -> Html {
    let t = lang.strings();
    let (key, word) = if kind == Principals::Roles { ("roles", "role") } else { ("users", "user") };
    let value = path_of(world.pointer(&format!("/{key}/{index}")), word);
    rewrite_field(format!("in-{key}-{index}-path"), t.path, value, t.path_hint, on_action, move |path| {
        Edit::SetPath(kind, index, path)
    })
}

/// The names of the policies in the list at `pointer` (only the names: the documents, up to
/// 10 KB each, are not copied on every keystroke).
fn policy_names(world: &Value, pointer: &str) -> Vec<String> {
    world
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|policy| policy.get("name").and_then(Value::as_str).unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A "− name" button for each policy of the list at `list` (removed through the core).
fn remove_buttons(on_action: &Callback<Edit>, world: &Value, list: &str) -> Vec<Html> {
    let testid = list.trim_start_matches('/').replace('/', "-");
    policy_names(world, list)
        .into_iter()
        .enumerate()
        .map(|(n, name)| {
            button(
                on_action,
                format!("− {name}"),
                format!("remove-{testid}-{n}"),
                Edit::RemovePolicy(format!("{list}/{n}")),
            )
        })
        .collect()
}

/// A labelled group of controls (one element for every row of buttons the builder shows).
fn row(label: String, testid: String, children: Vec<Html>) -> Html {
    html! { <div class="additions" role="group" aria-label={label} data-testid={testid}>{ for children }</div> }
}

/// The groups of user `user`: each with its name, policies and a way out; a new group; and the
/// other groups of the world, to join (one group, many members: joining never copies a group).
fn group_controls(
    world: &Value,
    lang: Lang,
    on: &Callback<(String, Value)>,
    on_action: &Callback<Edit>,
    user: usize,
) -> Vec<Html> {
    let t = lang.strings();
    let list = format!("/users/{user}/groups");
    let names = |user: &Value| -> Vec<String> {
        user.get("groups")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|group| group.get("name").and_then(Value::as_str).unwrap_or_default().to_owned())
            .collect()
    };
    let mine = world.pointer(&format!("/users/{user}")).map(names).unwrap_or_default();
    let shared: Vec<String> = world
        .get("groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|group| group.get("name").and_then(Value::as_str).unwrap_or_default().to_owned())
        .collect();
    let mut out = Vec::new();
    for (group, name) in mine.iter().enumerate() {
        let label = format!("{} {}", t.group_name, group + 1);
        // A group of the world's: one for all its members, renamed through the core. A group
        // listed under this user alone: its name applies as typed.
        let owner = match shared.iter().position(|shared| shared == name) {
            Some(index) => {
                let old = name.clone();
                out.push(rewrite_field(
                    format!("in-users-{user}-groups-{group}-name"),
                    &label,
                    name.clone(),
                    t.group_hint,
                    on_action,
                    move |new| Edit::RenameGroup(old.clone(), new),
                ));
                format!("/groups/{index}")
            }
            None => {
                out.push(field(world, on, format!("{list}/{group}/name"), &label, Kind::Text));
                format!("{list}/{group}")
            }
        };
        if let Some(account) = world.pointer(&format!("{owner}/account")).and_then(Value::as_str) {
            out.push(html! { <p class="hint">{ t.group_account_hint.replace("{account}", account) }</p> });
        }
        let mut buttons = remove_buttons(on_action, world, &format!("{owner}/policies"));
        buttons.push(button(
            on_action,
            format!("+ {}", t.add_inline_policy),
            format!("add-users-{user}-groups-{group}-policy"),
            Edit::AddPolicy(owner),
        ));
        buttons.push(button(
            on_action,
            format!("− {}", t.remove_principal),
            format!("remove-group-{user}-{group}"),
            Edit::RemoveGroup(user, group),
        ));
        out.push(row(label, format!("group-{user}-{group}"), buttons));
    }
    let mut buttons =
        vec![button(on_action, format!("+ {}", t.add_group), format!("add-group-{user}"), Edit::AddGroup(user))];
    // Only the groups of the user's own account ("IAM user groups"), each once.
    for name in world_edit::joinable_groups(world, user) {
        buttons.push(button(
            on_action,
            format!("+ {} {name}", t.join_group),
            format!("join-group-{user}-{name}"),
            Edit::JoinGroup(user, name),
        ));
    }
    out.push(row(t.add_group.to_owned(), format!("groups-{user}"), buttons));
    out
}

/// Account `account`'s id, its name, the organization's management account (which SCPs and RCPs
/// do not restrict), its SCP and RCP levels (each with its policies), and its removal.
fn account_controls(
    world: &Value,
    lang: Lang,
    on_value: &Callback<(String, Value)>,
    on_action: &Callback<Edit>,
    account: usize,
) -> Vec<Html> {
    let t = lang.strings();
    let id = world.pointer(&format!("/accounts/{account}/id")).and_then(Value::as_str).unwrap_or_default();
    let mut out = vec![rewrite_field(
        format!("in-accounts-{account}-id"),
        &format!("{} {}", t.account, account + 1),
        id.to_owned(),
        t.account_id_hint,
        on_action,
        move |id| Edit::ChangeAccountId { account, id },
    )];
    out.push(field(
        world,
        on_value,
        format!("/accounts/{account}/name"),
        say(lang, "Name (for people: prod, audit, …)", "名前（表示用: prod、audit など）"),
        Kind::Text,
    ));
    // "Service control policies (SCPs)": SCPs do not affect users or roles in the management account.
    out.push(field(
        world,
        on_value,
        format!("/accounts/{account}/managementAccount"),
        say(
            lang,
            "Organization's management account id (SCPs and RCPs do not restrict it)",
            "組織の管理アカウントの ID（SCP と RCP はこのアカウントを制限しません）",
        ),
        Kind::Text,
    ));
    let mut last = Vec::new();
    for (levels, key, label) in [(Levels::Scps, "scps", t.scp_level), (Levels::Rcps, "rcps", t.rcp_level)] {
        let count = world.pointer(&format!("/accounts/{account}/{key}")).and_then(Value::as_array).map_or(0, Vec::len);
        for level in 0..count {
            let name = format!("{label} {}", level + 1);
            let mut buttons = remove_buttons(on_action, world, &format!("/accounts/{account}/{key}/{level}"));
            buttons.push(button(
                on_action,
                format!("+ {}", t.policy),
                format!("add-{key}-{account}-{level}-policy"),
                Edit::AddLevelPolicy(account, levels, level),
            ));
            buttons.push(button(
                on_action,
                format!("− {name}"),
                format!("remove-{key}-{account}-{level}"),
                Edit::RemoveLevel(account, levels, level),
            ));
            out.push(row(name, format!("level-{account}-{key}-{level}"), buttons));
        }
        last.push(button(
            on_action,
            format!("+ {label}"),
            format!("add-{key}-{account}"),
            Edit::AddLevel(account, levels),
        ));
    }
    last.push(button(
        on_action,
        format!("− {}", t.remove_principal),
        format!("remove-account-{account}"),
        Edit::RemoveAccount(account),
    ));
    out.push(row(format!("{} {}", t.account, account + 1), format!("account-{account}"), last));
    out
}

/// The time the world's requests are made (`now`), applied as typed; empty: Omen's fixed clock.
fn now_field(world: &Value, lang: Lang, on_value: &Callback<(String, Value)>) -> Html {
    let oninput = on_value.reform(|event: InputEvent| {
        let text = event.target_unchecked_into::<HtmlInputElement>().value();
        ("/now".to_owned(), parse_input(Kind::Text, &text))
    });
    input(Input {
        id: "in-now".into(),
        label: say(lang, "When the requests are made (now, ISO 8601 UTC)", "リクエストの時刻（now、ISO 8601 UTC）")
            .into(),
        value: show_value(world.get("now")),
        input_type: "text",
        placeholder: DEFAULT_NOW,
        hint: Some(say(
            lang,
            "aws:CurrentTime and aws:EpochTime, a token's expiry and the sessions' expiry are read at this time.",
            "aws:CurrentTime と aws:EpochTime、トークンの有効期限、セッションの有効期限はこの時刻で判定します。",
        )),
        oninput: Some(oninput),
        ..Input::default()
    })
}

/// The role whose session tries the actions at `list` (`/action/then`: the last role put on;
/// a hop's `…/then`: that hop's role).
fn session_role<'w>(world: &'w Value, list: &str) -> Option<&'w str> {
    let base = list.strip_suffix("/then")?;
    let role_of = |base: &str| world.pointer(&format!("{base}/role")).and_then(Value::as_str);
    if base != "/action" {
        return role_of(base);
    }
    match chain_len(world) {
        0 => ["/action/assumeRole", "/action/assumeRoleWithWebIdentity", "/action/assumeRoleWithSaml"]
            .into_iter()
            .find_map(role_of),
        hops => role_of(&format!("/action/chain/{}", hops - 1)),
    }
}

/// A resource-based policy to start from for session action `item` at `list`: it allows the
/// session's role the action on the resource ("AWS JSON policy elements: Principal" — a role ARN
/// as principal stands for every session of that role). None for an IAM action: IAM's only
/// resource-based policy is a role's trust policy ("Identity-based policies and resource-based
/// policies", IAM User Guide), so there is none to give (a world that has one anyway is warned
/// `resource-policy-on-iam-action` and the policy is ignored).
fn starter_resource_policy(world: &Value, list: &str, item: &Value) -> Option<String> {
    let role = session_role(world, list)?;
    let text = |key: &str| match item {
        Value::String(action) if key == "action" => Some(action.as_str()),
        other => other.get(key).and_then(Value::as_str).filter(|text| !text.is_empty()),
    };
    if text("action").is_some_and(omen_core::flow::is_iam_action) {
        return None;
    }
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": role},
            "Action": text("action").unwrap_or("*"),
            "Resource": text("resource").unwrap_or("*"),
        }],
    });
    Some(pretty_policy(&policy))
}

/// The action's kind (PassRole or AssumeRole) and the policies the world can be given.
fn flow_controls(world: &Value, lang: Lang, on_action: &Callback<Edit>) -> Html {
    let t = lang.strings();
    let current = flow_choice(world);
    let radio = |choice: FlowChoice, id: &'static str, label: &'static str| {
        let onchange = on_action.reform(move |_: Event| Edit::SetFlow(choice));
        html! {
            <label class="radio" for={id}>
                <input type="radio" {id} name="flow-choice" checked={current == Some(choice)} {onchange} />
                { label }
            </label>
        }
    };
    let add = |addition: Addition, label: &'static str, testid: &'static str| {
        let onclick = on_action.reform(move |_: MouseEvent| Edit::Add(addition));
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
                { radio(FlowChoice::WebIdentity, "flow-webidentity", match lang {
                    Lang::En => "AssumeRoleWithWebIdentity (an OIDC token: GitHub Actions)",
                    Lang::Ja => "AssumeRoleWithWebIdentity (OIDC トークン: GitHub Actions)",
                }) }
                { radio(FlowChoice::Saml, "flow-saml", match lang {
                    Lang::En => "AssumeRoleWithSAML (a corporate IdP's assertion)",
                    Lang::Ja => "AssumeRoleWithSAML (社内 IdP のアサーション)",
                }) }
            </fieldset>
            <div class="additions" role="group" aria-label={t.add_heading}>
                { add(Addition::CallerBoundary, t.add_boundary, "add-boundary") }
                { add(Addition::SessionPolicy, t.add_session_policy, "add-session-policy") }
                { add(Addition::Scp, t.add_scp, "add-scp") }
            </div>
        </>
    }
}

/// Whether `caller` is an AWS service principal (`lambda.amazonaws.com`), not an ARN.
fn is_service(caller: &str) -> bool {
    !caller.starts_with("arn:") && caller.ends_with(".amazonaws.com")
}

/// The API parameter that takes the passed role, among those the catalogue knows for `api`
/// (the first is the one AWS's API reference names for it; ECS takes a task role and an
/// execution role).
fn parameter_select(world: &Value, label: &str, api: &str, on: &Callback<(String, Value)>) -> Html {
    let chosen = world.pointer("/action/passRole/parameter").and_then(Value::as_str).unwrap_or_default();
    let mut names: Vec<&str> =
        CATALOGUE.iter().filter(|entry| entry.action == api).map(|entry| entry.parameter).collect();
    names.extend(EXTRA_PARAMETERS.iter().filter(|(action, ..)| *action == api).map(|(_, name, _)| *name));
    let first = names.first().copied().unwrap_or_default();
    let onchange = on.reform(move |event: Event| {
        let name = event.target_unchecked_into::<HtmlSelectElement>().value();
        // The API's own parameter is the default: no key for it.
        let value = if name == first { Value::Null } else { json!(name) };
        ("/action/passRole/parameter".to_owned(), value)
    });
    let chosen = if chosen.is_empty() { first } else { chosen };
    let options = names.into_iter().map(|name| (name, name.to_owned())).collect();
    select("in-action-passRole-parameter", label, options, chosen, onchange)
}

/// The heading of the session actions at `list`: the last session's (`/action/then`), or hop
/// N's own (`/action/assumeRole/then` is hop 1's, `/action/chain/K/then` hop K + 2's).
fn then_heading(lang: Lang, list: &str) -> String {
    let t = lang.strings();
    let hop = match list.strip_prefix("/action/chain/").and_then(|rest| rest.split('/').next()) {
        Some(index) => index.parse::<usize>().ok().map(|index| index + 2),
        None => list.starts_with("/action/assumeRole/").then_some(1),
    };
    hop.map_or_else(|| t.then_actions.to_owned(), |hop| t.hop_then_actions.replace("{n}", &hop.to_string()))
}

/// The actions the session at `list` tries (`/action/then`, or a hop's own `…/then`): each an
/// action and its resource, applied as typed, with the resource's account, the region and request
/// context keys under "more" (open when any is given), and a way to remove it; and one more.
fn session_actions(world: &Value, lang: Lang, on_action: &Callback<Edit>, list: &str) -> Vec<Html> {
    let t = lang.strings();
    let items = world.pointer(list).and_then(Value::as_array).cloned().unwrap_or_default();
    let testid = list.trim_start_matches('/').replace('/', "-");
    let mut out = vec![html! { <h3>{ then_heading(lang, list) }</h3> }];
    for (index, item) in items.iter().enumerate() {
        let text = |key: &str| match item {
            Value::String(action) if key == "action" => action.clone(),
            other => show_value(other.get(key)),
        };
        let field = |key: &'static str, label: String, placeholder: &'static str| {
            let list = list.to_owned();
            let set = move |value: String| Edit::SetThen(list.clone(), index, key, value);
            // A context is applied when the field is left (a half-typed `key=` would be tidied
            // away under the caret), the rest as typed.
            let (oninput, onchange) = if key == "context" {
                (
                    None,
                    Some(
                        on_action
                            .reform(move |event: Event| set(event.target_unchecked_into::<HtmlInputElement>().value())),
                    ),
                )
            } else {
                (
                    Some(on_action.reform(move |event: InputEvent| {
                        set(event.target_unchecked_into::<HtmlInputElement>().value())
                    })),
                    None,
                )
            };
            let id = format!("in-{testid}-{index}-{key}");
            input(Input {
                id,
                label,
                value: text(key),
                input_type: "text",
                placeholder,
                oninput,
                onchange,
                ..Input::default()
            })
        };
        out.push(field("action", format!("{} {}", t.session_action, index + 1), ""));
        out.push(field("resource", t.session_resource.to_owned(), "*"));
        let given = ["resourceAccount", "region", "context"].iter().any(|key| item.get(key).is_some());
        out.push(html! {
            <details class="more" open={given}>
                <summary>{ t.session_more }</summary>
                { field("resourceAccount", t.session_resource_account.to_owned(), "") }
                { field("region", t.region.to_owned(), "us-east-1") }
                { field("context", t.session_context.to_owned(), "aws:SourceVpc=vpc-1") }
            </details>
        });
        // A resource-based policy on the resource (a bucket policy, a key policy, …): its editor
        // appears among the world's policies once given.
        let policy_name = say(lang, "resource-based policy", "リソースベースのポリシー");
        let resource_policy = if item.get("resourcePolicy").is_some() {
            Some((format!("− {policy_name}"), String::new()))
        } else {
            starter_resource_policy(world, list, item).map(|policy| (format!("+ {policy_name}"), policy))
        };
        if let Some((label, policy)) = resource_policy {
            out.push(button(
                on_action,
                label,
                format!("resource-policy-{testid}-{index}"),
                Edit::SetThen(list.to_owned(), index, "resourcePolicy", policy),
            ));
        }
        out.push(button(
            on_action,
            format!("− {} {}", t.session_action, index + 1),
            format!("remove-{testid}-{index}"),
            Edit::RemoveThen(list.to_owned(), index),
        ));
    }
    out.push(button(
        on_action,
        format!("+ {}", t.add_session_action),
        format!("add-{testid}"),
        Edit::AddThen(list.to_owned()),
    ));
    out
}

/// The action's fields, hop by hop, and the accounts.
#[component]
pub fn Scenario(props: &ScenarioProps) -> Html {
    let t = props.lang.strings();
    let world = &props.world;
    let on = &props.on_value;
    let mut fields = vec![flow_controls(world, props.lang, &props.on_action)];
    let mut caller_arn = None;
    let mut role_arn = None;
    // Where a federated session's actions go: after its call's fields (AssumeRole places them per hop).
    let mut then_at = None;
    if world.pointer("/action/passRole").is_some() {
        fields.push(html! { <p class="flow-kind">{ t.flow_passrole }</p> });
        let api = world.pointer("/action/passRole/api").and_then(Value::as_str).unwrap_or_default().to_owned();
        // Another API takes the role in its own parameter: the one chosen for the last is dropped.
        let onchange = {
            let on = on.clone();
            Callback::from(move |event: Event| {
                on.emit(("/action/passRole/parameter".to_owned(), Value::Null));
                on.emit((
                    "/action/passRole/api".to_owned(),
                    json!(event.target_unchecked_into::<HtmlSelectElement>().value()),
                ));
            })
        };
        fields.push(field(world, on, "/action/passRole/caller".into(), t.caller, Kind::Text));
        let options = CATALOGUE
            .iter()
            .map(|entry| (entry.action, format!("{} ({})", entry.action, entry.service_principal)))
            .collect();
        fields.push(select("in-api", t.api, options, &api, onchange));
        fields.push(parameter_select(world, t.role_parameter, &api, on));
        fields.push(field(world, on, "/action/passRole/role".into(), t.role, Kind::Text));
        fields.push(field(world, on, "/action/passRole/resourceName".into(), t.resource_name, Kind::Text));
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
            // The call's MFA parameters, by AWS's names ("AssumeRole", STS API reference).
            if checked {
                fields.push(field(world, on, format!("{base}/mfa/serialNumber"), "SerialNumber", Kind::Text));
                fields.push(field(world, on, format!("{base}/mfa/tokenCode"), "TokenCode", Kind::Text));
            }
            fields.push(field(world, on, format!("{base}/durationSeconds"), t.duration, Kind::Number));
            fields.push(field(world, on, format!("{base}/sourceIdentity"), t.source_identity, Kind::Text));
            fields.push(field(world, on, format!("{base}/tags"), t.tags, Kind::Tags));
            fields.push(field(world, on, format!("{base}/transitiveTagKeys"), t.transitive_tag_keys, Kind::List));
            // A service caller sends whose resource it acts for ("The confused deputy problem").
            let service = world.pointer(&format!("{base}/caller")).and_then(Value::as_str).is_some_and(is_service);
            if service {
                fields.push(field(world, on, format!("{base}/sourceAccount"), t.source_account, Kind::Text));
                fields.push(field(world, on, format!("{base}/sourceArn"), t.source_arn, Kind::Text));
                fields.push(html! { <p class="hint">{ t.confused_deputy_hint }</p> });
            }
        };
        hop("/action/assumeRole".into(), &mut fields, true);
        fields.push(check(world, on, "/action/assumeRole/viaConsoleSwitchRole".into(), t.console_switch));
        // Each hop before the last has actions of its own; the last session's are `/action/then`
        // (a last hop's own list is shown too when the world gives one).
        let hops = chain_len(world);
        let own = |base: &str, last: bool| {
            let list = format!("{base}/then");
            let given = world.pointer(&list).and_then(Value::as_array).is_some_and(|items| !items.is_empty());
            (!last || given).then(|| session_actions(world, props.lang, &props.on_action, &list))
        };
        fields.extend(own("/action/assumeRole", hops == 0).into_iter().flatten());
        for index in 0..hops {
            let number = index + 2;
            let remove = props.on_action.reform(move |_: MouseEvent| Edit::RemoveHop(number));
            fields.push(html! {
                <div class="hop-head">
                    <h3>{ format!("{} {number}", t.chain_hop) }</h3>
                    <button type="button" class="small" onclick={remove} data-testid={format!("remove-hop-{number}")}>
                        { format!("− {} {number}", t.remove_hop) }
                    </button>
                </div>
            });
            hop(format!("/action/chain/{index}"), &mut fields, false);
            fields.extend(own(&format!("/action/chain/{index}"), index + 1 == hops).into_iter().flatten());
        }
        fields.extend(session_actions(world, props.lang, &props.on_action, "/action/then"));
        let add_hop = props.on_action.reform(|_: MouseEvent| Edit::AddHop);
        fields.push(html! {
            <button type="button" class="small" onclick={add_hop} data-testid="add-hop">{ "+ " }{ t.add_hop }</button>
        });
        caller_arn = world.pointer("/action/assumeRole/caller").and_then(Value::as_str);
        role_arn = world.pointer("/action/assumeRole/role").and_then(Value::as_str);
    } else if let Some(federated) = super::federated::fields(world, props.lang, on) {
        fields.push(federated);
        // A federated session acts like any role session: the same list of actions it tries.
        then_at = Some(fields.len());
    } else {
        fields.push(html! { <p>{ t.flow_none }</p> });
    }
    if let Some(at) = then_at {
        // One call for every kind of session: the list's markup is code in the page's first load.
        let actions = session_actions(world, props.lang, &props.on_action, "/action/then");
        fields.splice(at..at, actions);
    }
    fields.push(now_field(world, props.lang, on));
    let roles = world.get("roles").and_then(Value::as_array).map_or(0, Vec::len);
    if roles > 0 {
        fields.push(html! { <h3>{ t.roles_heading }</h3> });
    }
    for role in 0..roles {
        let arn = world.pointer(&format!("/roles/{role}/arn")).and_then(Value::as_str);
        let name =
            arn.map(short_name).or_else(|| world.pointer(&format!("/roles/{role}/name")).and_then(Value::as_str));
        fields.push(rewrite_field(
            format!("in-role-{role}-name"),
            &format!("{} {}", t.role_name, role + 1),
            name.unwrap_or_default().to_owned(),
            t.role_name_hint,
            &props.on_action,
            move |name| Edit::RenameRole { role, name },
        ));
        fields.push(path_field(world, props.lang, &props.on_action, Principals::Roles, role));
        fields.push(field(
            world,
            on,
            format!("/roles/{role}/maxSessionDuration"),
            t.max_session_duration,
            Kind::Number,
        ));
        fields.push(field(world, on, format!("/roles/{role}/tags"), t.role_tags, Kind::Tags));
        // "Using service-linked roles": only the service may change such a role's trust and permissions.
        fields.push(check(
            world,
            on,
            format!("/roles/{role}/serviceLinked"),
            say(
                props.lang,
                "Service-linked role (only its service may change its trust policy and permissions)",
                "サービスにリンクされたロール（信頼ポリシーと権限を変更できるのはそのサービスだけ）",
            ),
        ));
        fields.push(principal_controls(world, props.lang, &props.on_action, Principals::Roles, role));
    }
    fields.push(button(
        &props.on_action,
        format!("+ {}", t.add_role),
        "add-role".into(),
        Edit::AddPrincipal(Principals::Roles),
    ));
    let users = world.get("users").and_then(Value::as_array).map_or(0, Vec::len);
    fields.push(html! { <h3>{ t.users_heading }</h3> });
    for user in 0..users {
        let arn = world.pointer(&format!("/users/{user}/arn")).and_then(Value::as_str);
        let name = arn
            .map(short_name)
            .or_else(|| world.pointer(&format!("/users/{user}/name")).and_then(Value::as_str))
            .unwrap_or_default();
        fields.push(rewrite_field(
            format!("in-user-{user}-name"),
            &format!("{} {}", t.user_label, user + 1),
            name.to_owned(),
            t.user_name_hint,
            &props.on_action,
            move |name| Edit::RenameUser { user, name },
        ));
        fields.push(path_field(world, props.lang, &props.on_action, Principals::Users, user));
        fields.push(check(world, on, format!("/users/{user}/mfa"), t.user_mfa));
        fields.push(field(world, on, format!("/users/{user}/tags"), t.user_tags, Kind::Tags));
        fields.push(principal_controls(world, props.lang, &props.on_action, Principals::Users, user));
        fields.extend(group_controls(world, props.lang, on, &props.on_action, user));
    }
    fields.push(button(
        &props.on_action,
        format!("+ {}", t.add_user),
        "add-user".into(),
        Edit::AddPrincipal(Principals::Users),
    ));
    fields.push(html! { <h3>{ t.accounts_heading }</h3> });
    for account in 0..account_count(world) {
        fields.extend(account_controls(world, props.lang, on, &props.on_action, account));
    }
    fields.push(button(&props.on_action, format!("+ {}", t.add_account), "add-account".into(), Edit::AddAccount));
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

    #[test]
    fn inputs_parse_to_world_values() {
        assert_eq!(parse_input(Kind::Text, " x "), json!("x"));
        assert_eq!(parse_input(Kind::Text, ""), Value::Null);
        assert_eq!(parse_input(Kind::Number, "3600"), json!(3600));
        assert_eq!(parse_input(Kind::Tags, "a=1, b = 2,"), json!({"a": "1", "b": "2"}));
        assert_eq!(show_value(Some(&json!({"a": "1", "b": "2"}))), "a=1, b=2");
    }

    #[test]
    fn values_given_as_json_are_never_shown_empty() {
        for (value, shown) in [
            (json!([{"Key": "team", "Value": "blue"}, {"Key": "env", "Value": "prod"}]), "team=blue, env=prod"),
            (json!(["project", "team"]), "project, team"),
            (json!([{"action": "s3:GetObject"}]), r#"{"action":"s3:GetObject"}"#),
            (
                json!({"serialNumber": "arn:aws:iam::111122223333:mfa/alice"}),
                "serialNumber=arn:aws:iam::111122223333:mfa/alice",
            ),
            (json!(3600), "3600"),
        ] {
            assert_eq!(show_value(Some(&value)), shown, "{value}");
        }
        // Tags shown as typed read back as the same tags.
        assert_eq!(parse_input(Kind::Tags, "team=blue, env=prod"), json!({"team": "blue", "env": "prod"}));
    }

    #[test]
    fn service_callers_are_told_from_arns() {
        assert!(is_service("lambda.amazonaws.com"));
        assert!(!is_service("arn:aws:iam::111122223333:user/alice"));
        assert!(!is_service("111122223333"));
    }

    // "AWS JSON policy elements: Principal": the starter resource policy names the role whose
    // session tries the action, allows that action on its resource, and reads as a valid policy.
    #[test]
    fn a_session_action_is_given_a_resource_policy_naming_its_role() {
        let preset = |id: &str| {
            omen_core::flow::preset(id)
                .and_then(|p| serde_json::from_str::<Value>(p.world_json).ok())
                .unwrap_or_default()
        };
        let world = preset("cross-account-assume-role");
        let role = "arn:aws:iam::444455556666:role/AuditReadOnly";
        assert_eq!(session_role(&world, "/action/then"), Some(role));
        assert_eq!(session_role(&world, "/action/assumeRole/then"), Some(role));
        let item = json!("s3:ListAllMyBuckets");
        let policy = starter_resource_policy(&world, "/action/then", &item).unwrap_or_default();
        let parsed: Value = serde_json::from_str(&policy).unwrap_or_default();
        assert_eq!(parsed.pointer("/Statement/0/Principal/AWS"), Some(&json!(role)));
        assert_eq!(parsed.pointer("/Statement/0/Action"), Some(&json!("s3:ListAllMyBuckets")));
        assert_eq!(parsed.pointer("/Statement/0/Resource"), Some(&json!("*")));
        let object = json!({"action": "s3:GetObject", "resource": "arn:aws:s3:::audit-logs/report.csv"});
        let on_object = starter_resource_policy(&world, "/action/then", &object).unwrap_or_default();
        assert!(on_object.contains("\"arn:aws:s3:::audit-logs/report.csv\""), "{on_object}");
        let (given, _) = super::super::edit::apply(
            &world,
            Edit::SetThen("/action/then".into(), 0, "resourcePolicy", policy.clone()),
        );
        let given = given.unwrap_or_default();
        assert_eq!(given.pointer("/action/then/0/resourcePolicy"), Some(&json!(policy.trim())));
        let played =
            omen_core::flow::play_without_fixes(&omen_core::flow::World::from_value(&given).unwrap_or_default());
        let on_it = |pointer: &Option<String>| pointer.as_deref() == Some("/action/then/0/resourcePolicy");
        assert!(!played.diagnostics.iter().any(|d| on_it(&d.pointer)), "{:?}", played.diagnostics);
        // The same button takes it away again.
        let (removed, _) =
            super::super::edit::apply(&given, Edit::SetThen("/action/then".into(), 0, "resourcePolicy", String::new()));
        assert_eq!(removed.as_ref().and_then(|w| w.pointer("/action/then/0")), Some(&json!("s3:ListAllMyBuckets")));
        // An IAM action has no resource-based policy to offer, whatever the case of its prefix.
        for action in ["iam:CreateUser", "IAM:ListRoles"] {
            assert_eq!(starter_resource_policy(&world, "/action/then", &json!(action)), None, "{action}");
            let item = json!({"action": action, "resource": "*"});
            assert_eq!(starter_resource_policy(&world, "/action/then", &item), None, "{action}");
        }
        // No role, no starter: a PassRole's world has no session.
        assert_eq!(starter_resource_policy(&preset("ec2-passrole-exact-role"), "/action/then", &item), None);
    }
}
