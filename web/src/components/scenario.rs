//! The scenario pane: which action the world plays (PassRole through a catalogue API, or
//! AssumeRole with its hops), its fields, the policies the world can be given, and the accounts.
//! Fields apply when they change.

use omen_core::flow::CATALOGUE;
use serde_json::{json, Map, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::editor_id;
use crate::evaluation::{account_of, short_name};
use crate::i18n::Lang;
use crate::state::edits::{account_count, chain_len};
use crate::state::{can_add, flow_choice, Action, Addition, Build, FlowChoice};
use omen_core::world_edit::Principals;

/// Properties of [`Scenario`].
#[derive(Properties, PartialEq)]
pub struct ScenarioProps {
    /// The world whose action is shown.
    pub world: Value,
    /// The interface language.
    pub lang: Lang,
    /// Called with (pointer, value) when a field changes.
    pub on_value: Callback<(String, Value)>,
    /// Called with an action the controls make (switch the flow, add a policy).
    pub on_action: Callback<Action>,
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
        Some(Value::Array(items)) => {
            items.iter().map(|item| item.as_str().unwrap_or_default()).collect::<Vec<_>>().join(", ")
        }
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn field(world: &Value, on_value: &Callback<(String, Value)>, pointer: String, label: &str, kind: Kind) -> Html {
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
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_owned() }</label>
            <input {id} type={input_type} class="mono" spellcheck="false" autocomplete="off" {value} {oninput} {onchange} />
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
fn button(on_action: &Callback<Action>, label: String, testid: String, action: Action) -> Html {
    let onclick = on_action.reform(move |_: MouseEvent| action.clone());
    html! { <button type="button" class="small" data-testid={testid} {onclick}>{ label }</button> }
}

/// What a user or role (at `owner`, e.g. `/roles/0`) holds and can be given: its inline
/// policies (each removable), one more, a permissions boundary on or off, and its removal.
fn principal_controls(world: &Value, lang: Lang, on_action: &Callback<Action>, kind: Principals, index: usize) -> Html {
    let t = lang.strings();
    let owner = format!("/{}/{index}", if kind == Principals::Roles { "roles" } else { "users" });
    let testid = owner.trim_start_matches('/').replace('/', "-");
    // Only the names: the documents (up to 10 KB each) are not copied on every keystroke.
    let policies: Vec<&str> = world
        .pointer(&format!("{owner}/policies"))
        .and_then(Value::as_array)
        .map(|list| list.iter().map(|policy| policy.get("name").and_then(Value::as_str).unwrap_or_default()).collect())
        .unwrap_or_default();
    let bounded = world.pointer(&format!("{owner}/permissionsBoundary")).is_some();
    html! {
        <div class="additions" role="group" aria-label={format!("{} {}", if kind == Principals::Roles { t.role } else { t.user_label }, index + 1)}>
            { for policies.iter().enumerate().map(|(n, name)| {
                button(on_action, format!("− {name}"), format!("remove-{testid}-policy-{n}"),
                    Action::Build(Build::RemovePolicy(format!("{owner}/policies/{n}"))))
            }) }
            { button(on_action, format!("+ {}", t.add_inline_policy), format!("add-{testid}-policy"), Action::Build(Build::AddPolicy(owner.clone()))) }
            { button(
                on_action,
                if bounded { format!("− {}", t.toggle_boundary_on) } else { format!("+ {}", t.toggle_boundary_on) },
                format!("boundary-{testid}"),
                Action::Build(Build::ToggleBoundary(owner.clone())),
            ) }
            { button(on_action, format!("− {}", t.remove_principal), format!("remove-{testid}"), Action::Build(Build::Remove(kind, index))) }
        </div>
    }
}

/// A field whose change rewrites the world through a core edit (a role's name, an account id):
/// applied when it is left or Enter is pressed, with `hint` saying what it rewrites.
fn rewrite_field(
    id: String,
    label: &str,
    value: String,
    hint: &str,
    on_action: &Callback<Action>,
    action: impl Fn(String) -> Action + 'static,
) -> Html {
    let onchange =
        on_action.reform(move |event: Event| action(event.target_unchecked_into::<HtmlInputElement>().value()));
    let hint_id = format!("{id}-hint");
    html! {
        <div class="field">
            <label for={id.clone()}>{ label.to_owned() }</label>
            <input {id} type="text" class="mono" spellcheck="false" autocomplete="off" aria-describedby={hint_id.clone()} {value} {onchange} />
            <p class="hint" id={hint_id}>{ hint.to_owned() }</p>
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

/// The action's fields, hop by hop, and the accounts.
#[component]
pub fn Scenario(props: &ScenarioProps) -> Html {
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
            fields.push(field(world, on, format!("{base}/transitiveTagKeys"), t.transitive_tag_keys, Kind::List));
        };
        hop("/action/assumeRole".into(), &mut fields, true);
        fields.push(check(world, on, "/action/assumeRole/viaConsoleSwitchRole".into(), t.console_switch));
        let plain_then = world
            .pointer("/action/then")
            .and_then(Value::as_array)
            .is_none_or(|items| items.iter().all(Value::is_string));
        if plain_then {
            fields.push(field(world, on, "/action/then".into(), t.then_actions, Kind::List));
        }
        for index in 0..chain_len(world) {
            let number = index + 2;
            let remove = props.on_action.reform(move |_: MouseEvent| Action::RemoveHop(number));
            fields.push(html! {
                <div class="hop-head">
                    <h3>{ format!("{} {number}", t.chain_hop) }</h3>
                    <button type="button" class="small" onclick={remove} data-testid={format!("remove-hop-{number}")}>
                        { format!("− {} {number}", t.remove_hop) }
                    </button>
                </div>
            });
            hop(format!("/action/chain/{index}"), &mut fields, false);
        }
        let add_hop = props.on_action.reform(|_: MouseEvent| Action::AddHop);
        fields.push(html! {
            <button type="button" class="small" onclick={add_hop} data-testid="add-hop">{ "+ " }{ t.add_hop }</button>
        });
        caller_arn = world.pointer("/action/assumeRole/caller").and_then(Value::as_str);
        role_arn = world.pointer("/action/assumeRole/role").and_then(Value::as_str);
    } else {
        fields.push(html! { <p>{ t.flow_none }</p> });
    }
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
            move |name| Action::RenameRole { role, name },
        ));
        fields.push(field(
            world,
            on,
            format!("/roles/{role}/maxSessionDuration"),
            t.max_session_duration,
            Kind::Number,
        ));
        fields.push(field(world, on, format!("/roles/{role}/tags"), t.role_tags, Kind::Tags));
        fields.push(principal_controls(world, props.lang, &props.on_action, Principals::Roles, role));
    }
    fields.push(button(
        &props.on_action,
        format!("+ {}", t.add_role),
        "add-role".into(),
        Action::Build(Build::Add(Principals::Roles)),
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
            move |name| Action::RenameUser { user, name },
        ));
        fields.push(check(world, on, format!("/users/{user}/mfa"), t.user_mfa));
        fields.push(principal_controls(world, props.lang, &props.on_action, Principals::Users, user));
    }
    fields.push(button(
        &props.on_action,
        format!("+ {}", t.add_user),
        "add-user".into(),
        Action::Build(Build::Add(Principals::Users)),
    ));
    for account in 0..account_count(world) {
        let id = world.pointer(&format!("/accounts/{account}/id")).and_then(Value::as_str).unwrap_or_default();
        fields.push(rewrite_field(
            format!("in-accounts-{account}-id"),
            &format!("{} {}", t.account, account + 1),
            id.to_owned(),
            t.account_id_hint,
            &props.on_action,
            move |id| Action::ChangeAccountId { account, id },
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

    #[test]
    fn inputs_parse_to_world_values() {
        assert_eq!(parse_input(Kind::Text, " x "), json!("x"));
        assert_eq!(parse_input(Kind::Text, ""), Value::Null);
        assert_eq!(parse_input(Kind::Number, "3600"), json!(3600));
        assert_eq!(parse_input(Kind::Tags, "a=1, b = 2,"), json!({"a": "1", "b": "2"}));
        assert_eq!(show_value(Some(&json!({"a": "1", "b": "2"}))), "a=1, b=2");
    }
}
