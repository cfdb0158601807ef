//! The playground view: the verdict bar, the policy editors pane by pane (caller, roles,
//! organization and sessions), the scenario, and the flow played from the world with its picture
//! and results.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::components::summary::summarise;
use crate::components::{editor_id, FlowPicture, PolicyEditor, Results, VerdictSummary};
use crate::context::use_playground;
use crate::evaluation::short_name;
use crate::hooks::{use_apply_fix, use_evaluation, use_fixes};
use crate::i18n::Lang;
use crate::state::Action;
use crate::views::builder::BuilderEntry;
use omen_core::flow::{documents_in, pretty_policy, PolicyLocation};
use omen_core::world_edit;

/// The playground: editors, scenario and results.
#[component]
pub fn PlaygroundView() -> Html {
    let Some(state) = use_playground() else {
        return Html::default();
    };
    // Derived, never stored: played again when the world changes (a large world once typing
    // pauses), with fixes once they are found.
    // The results' switch "Evaluate anyway": policies AWS would refuse to save are evaluated, for
    // teaching what they would decide; fixes are then not looked for (correcting the policy is).
    let evaluate_invalid = use_state(|| false);
    let (evaluated, pending) = use_evaluation(&state.world, *evaluate_invalid);
    let evaluated = use_fixes(&state.world, evaluated, pending || *evaluate_invalid);
    let on_evaluate_invalid = {
        let evaluate_invalid = evaluate_invalid.clone();
        use_callback((), move |on: bool, ()| evaluate_invalid.set(on))
    };
    let lang = state.lang;
    let on_apply_fix = use_apply_fix(&state, &evaluated);
    // The same callbacks on every render, so that editors whose text did not change skip theirs.
    let on_text = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(pointer, text): (String, String), ()| {
            dispatcher.dispatch(Action::SetText { pointer, text });
        })
    };
    let on_copy = {
        let dispatcher = state.dispatcher();
        use_callback((), move |pointer: String, ()| dispatcher.dispatch(Action::CopyManaged(pointer)))
    };
    let on_remove = {
        let dispatcher = state.dispatcher();
        use_callback((), move |pointer: String, ()| dispatcher.dispatch(Action::RemoveEditor(pointer)))
    };
    // Marks in the page's language: a switch of language redraws them, the flow is not played again.
    let marks_by_editor = crate::evaluation::marks(&evaluated.result, lang.core());
    let marks = |pointer: &str| Rc::new(marks_by_editor.get(pointer).cloned().unwrap_or_default());
    let editors = |pointers: Vec<(String, String)>| -> Html {
        if pointers.is_empty() {
            return html! { <p class="empty">{ lang.strings().no_policies }</p> };
        }
        html! {
            { for pointers.into_iter().map(|(pointer, label)| {
                let value = document_text(state.world.pointer(&pointer));
                let aws_managed = pointer
                    .strip_suffix("/document")
                    .is_some_and(|policy| world_edit::is_aws_managed(&state.world, policy));
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
                        {aws_managed}
                        on_copy={on_copy.clone()}
                        on_remove={removable(&pointer).then(|| on_remove.clone())}
                    />
                }
            }) }
        }
    };
    let t = lang.strings();
    let (caller, roles, org) = policy_pointers(&state.world, lang);
    // From the flow played above: a few labels, so the bar re-renders only when they change.
    let mut summary = summarise(&evaluated.result, lang);
    summary.loading =
        (!evaluated.loading.is_empty()).then(|| crate::components::results::loading_words(&evaluated.loading, lang));
    html! {
        <>
            <VerdictSummary {summary} {lang} />
            <main class="layout">
                <section class="pane pane-caller" aria-labelledby="caller-heading">
                    <h2 id="caller-heading">{ t.caller_pane }</h2>
                    if let Some((api, provider)) = federated_call(&state.world) {
                        <p class="hint federated-caller" data-testid="federated-caller">
                            { crate::components::results::rich(&lang.federated_caller(api, &provider)) }
                        </p>
                    } else {
                        <p class="hint">{ t.caller_hint }</p>
                        { editors(caller) }
                    }
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
                    <BuilderEntry world={state.world.clone()} {lang} />
                    { crate::vocabulary::page::picker_button(lang) }
                </section>
                <section class="pane pane-results" aria-busy={pending.then_some("true")}>
                    if pending { <p class="pending" role="status" data-testid="pending">{ t.updating }</p> }
                    <FlowPicture evaluated={evaluated.clone()} {lang} />
                    <Results evaluated={evaluated.clone()} {lang} {on_apply_fix} {on_evaluate_invalid} />
                </section>
            </main>
        </>
    }
}

/// The STS API of the federated call `world`'s action makes (`AssumeRoleWithWebIdentity`,
/// `AssumeRoleWithSAML`) and its identity provider, if the action is one: the caller is then the
/// provider's token, not an IAM user.
fn federated_call(world: &Value) -> Option<(&'static str, String)> {
    [("assumeRoleWithWebIdentity", "AssumeRoleWithWebIdentity"), ("assumeRoleWithSaml", "AssumeRoleWithSAML")]
        .into_iter()
        .find_map(|(field, api)| {
            let call = world.pointer(&format!("/action/{field}"))?;
            Some((api, call.get("provider").and_then(Value::as_str).unwrap_or_default().to_owned()))
        })
}

/// What an editor shows for the document `value`: its text, or — given as a JSON object rather
/// than text — the object formatted as AWS prints policies (never an empty editor for a
/// document that is there).
fn document_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => pretty_policy(other),
    }
}

/// Whether the policy at `pointer` can be removed with its editor: any but a trust policy.
fn removable(pointer: &str) -> bool {
    !pointer.ends_with("/trustPolicy")
}

/// The label of the resource-based policy at `pointer` (`…/then/N/resourcePolicy`): the action
/// the session tries and the resource it names.
fn resource_policy_label(world: &Value, pointer: &str, lang: Lang) -> String {
    let tried = pointer.strip_suffix("/resourcePolicy").and_then(|item| world.pointer(item));
    let text = |key: &str| tried.and_then(|item| item.get(key)).and_then(Value::as_str).unwrap_or("*");
    match lang {
        Lang::En => format!("Resource-based policy — {} on {}", text("action"), text("resource")),
        Lang::Ja => format!("リソースベースのポリシー — {}（{}）", text("action"), text("resource")),
    }
}

/// The editors of each pane: (pointer, label).
type Pointers = Vec<(String, String)>;

/// Where the editable policy documents of the world are, pane by pane (caller, roles,
/// organization and sessions), with their labels, from the world's one walker.
pub fn policy_pointers(world: &Value, lang: Lang) -> (Pointers, Pointers, Pointers) {
    let t = lang.strings();
    let mut caller = Vec::new();
    let mut roles = Vec::new();
    let mut org = Vec::new();
    let name = |policy: &Option<String>, fallback: &str| {
        policy
            .as_deref()
            .and_then(|pointer| world.pointer(pointer))
            .and_then(|policy| policy.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| fallback.to_owned(), str::to_owned)
    };
    // The owner of a user's or role's documents is its ARN, when the world gives one.
    let owner = |owner: &str, fallback: &str| {
        if owner.starts_with("arn:") {
            short_name(owner).to_owned()
        } else {
            fallback.to_owned()
        }
    };
    let account = |index: usize| {
        world.pointer(&format!("/accounts/{index}/id")).and_then(Value::as_str).unwrap_or_default().to_owned()
    };
    for document in documents_in(world) {
        // Documents given as text or as a JSON object (shown formatted); the others are listed
        // only where they are named policies, as they always were.
        let is_text = world.pointer(&document.pointer).is_some_and(|value| value.is_string() || value.is_object());
        let pointer = document.pointer.clone();
        let (user, role) = (owner(&document.owner, "user"), owner(&document.owner, "role"));
        match document.location {
            PolicyLocation::UserPolicy { .. } => {
                caller.push((pointer, format!("{user} — {}", name(&document.policy, t.policy))));
            }
            PolicyLocation::SharedGroupPolicy { group, .. } => {
                let group_name = world.pointer(&format!("/groups/{group}/name")).and_then(Value::as_str);
                let label =
                    format!("{} {} — {}", t.group, group_name.unwrap_or_default(), name(&document.policy, t.policy));
                caller.push((pointer, label));
            }
            PolicyLocation::GroupPolicy { .. } => {
                caller.push((pointer, format!("{user} ({}) — {}", t.group, name(&document.policy, t.policy))))
            }
            PolicyLocation::UserBoundary { .. } if is_text => {
                caller.push((pointer, format!("{user} — {}", t.permissions_boundary)));
            }
            PolicyLocation::TrustPolicy { .. } if is_text => {
                roles.push((pointer, format!("{role} — {}", t.trust_policy)));
            }
            PolicyLocation::RolePolicy { .. } => {
                roles.push((pointer, format!("{role} — {}", name(&document.policy, t.policy))));
            }
            PolicyLocation::RoleBoundary { .. } if is_text => {
                roles.push((pointer, format!("{role} — {}", t.permissions_boundary)));
            }
            PolicyLocation::Scp { account: index, level, .. } => org
                .push((pointer, format!("{} — {} {level}: {}", account(index), t.scp, name(&document.policy, t.scp)))),
            PolicyLocation::Rcp { account: index, level, .. } => org
                .push((pointer, format!("{} — {} {level}: {}", account(index), t.rcp, name(&document.policy, t.rcp)))),
            // Hops as people count them: the first call is hop 1.
            PolicyLocation::SessionPolicy { hop, .. } if is_text => {
                org.push((pointer, format!("{} ({} {})", t.session_policy, t.chain_hop, hop + 1)));
            }
            // A resource-based policy given with an action a session tries, named by that action.
            PolicyLocation::ResourcePolicy { .. } if is_text => {
                let label = resource_policy_label(world, &pointer, lang);
                org.push((pointer, label));
            }
            PolicyLocation::UserBoundary { .. }
            | PolicyLocation::TrustPolicy { .. }
            | PolicyLocation::RoleBoundary { .. }
            | PolicyLocation::SessionPolicy { .. }
            | PolicyLocation::ResourcePolicy { .. }
            | PolicyLocation::Supplied { .. } => {}
        }
    }
    (caller, roles, org)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use omen_core::flow::presets;

    // The resource-based policy given with an action a session tries has its editor in the
    // sessions' pane, named by the action and its resource.
    #[test]
    fn a_resource_policy_on_a_session_action_has_an_editor() {
        let world = serde_json::json!({
            "accounts": [{"id": "111122223333"}],
            "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": "{}"}],
            "action": {"assumeRole": {"caller": "arn:aws:iam::111122223333:root", "role": "arn:aws:iam::111122223333:role/R"},
                       "then": [{"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourcePolicy": "{}"}]}
        });
        let (_, _, sessions) = policy_pointers(&world, Lang::En);
        let label = "Resource-based policy — s3:GetObject on arn:aws:s3:::b/k".to_owned();
        assert_eq!(sessions, vec![("/action/then/0/resourcePolicy".to_owned(), label)]);
        let (_, _, sessions) = policy_pointers(&world, Lang::Ja);
        assert_eq!(sessions[0].1, "リソースベースのポリシー — s3:GetObject（arn:aws:s3:::b/k）");
    }

    // A federated call's session policy ("AssumeRoleWithWebIdentity", STS API reference:
    // `Policy`) has its editor in the sessions' pane, as AssumeRole's: the first hop's.
    #[test]
    fn a_federated_session_policy_has_an_editor() {
        let world = serde_json::json!({
            "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": "{}"}],
            "action": {"assumeRoleWithWebIdentity": {
                "provider": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                "role": "arn:aws:iam::111122223333:role/R", "sessionPolicy": "{}"}}
        });
        let (_, _, sessions) = policy_pointers(&world, Lang::En);
        let pointers: Vec<&str> = sessions.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(pointers, vec!["/action/assumeRoleWithWebIdentity/sessionPolicy"]);
    }

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

    /// Documents given as JSON objects (not yet turned into text) still get their editors, with
    /// the object formatted: never an empty editor.
    #[test]
    fn documents_given_as_objects_are_shown_formatted() {
        let document = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]});
        let world = serde_json::json!({
            "users": [{"arn": "arn:aws:iam::111122223333:user/alice", "policies": [{"name": "p", "document": document}],
                       "permissionsBoundary": {"name": "b", "document": document}}],
            "roles": [{"arn": "arn:aws:iam::111122223333:role/R", "trustPolicy": document,
                       "permissionsBoundary": document}]
        });
        let (caller, roles, _) = policy_pointers(&world, Lang::En);
        assert_eq!(caller.len() + roles.len(), 4, "{caller:?} {roles:?}");
        for (pointer, _) in caller.iter().chain(&roles) {
            let shown = document_text(world.pointer(pointer));
            assert!(shown.contains('\n'), "{pointer}: formatted on lines: {shown}");
            assert_eq!(serde_json::from_str::<Value>(&shown).ok().as_ref(), Some(&document), "{pointer}");
        }
        assert_eq!(document_text(None), "");
    }

    #[test]
    fn labels_name_the_owner_and_the_policy() {
        let world = preset_world("external-id").unwrap_or_default();
        let (caller, roles, _) = policy_pointers(&world, Lang::En);
        assert!(caller.iter().all(|(_, label)| label.contains(" — ")), "{caller:?}");
        assert!(
            roles
                .iter()
                .any(|(pointer, label)| pointer.ends_with("trustPolicy")
                    && label.ends_with(Lang::En.strings().trust_policy)),
            "{roles:?}"
        );
    }
    /// A field of the wrong type makes the world unplayable, but every editor stays (the core's
    /// walker skips only what is broken).
    #[test]
    fn a_world_with_a_broken_field_keeps_every_editor() {
        for preset in presets() {
            let world = preset_world(preset.id).unwrap_or_default();
            let mut broken = world.clone();
            for (pointer, value) in [("/roles/0/maxSessionDuration", "an hour"), ("/users/0/mfa", "yes")] {
                crate::state::set_at(&mut broken, pointer, Value::String(value.to_owned()));
            }
            assert!(!crate::state::is_world(&broken), "{}", preset.id);
            assert_eq!(policy_pointers(&broken, Lang::Ja), policy_pointers(&world, Lang::Ja), "{}", preset.id);
        }
    }

    #[test]
    fn a_federated_call_names_its_api_and_provider() {
        let provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        let web = serde_json::json!({"action": {"assumeRoleWithWebIdentity": {"provider": provider}}});
        assert_eq!(federated_call(&web), Some(("AssumeRoleWithWebIdentity", provider.to_owned())));
        let saml = serde_json::json!({"action": {"assumeRoleWithSaml": {"provider": "p"}}});
        assert_eq!(federated_call(&saml), Some(("AssumeRoleWithSAML", "p".to_owned())));
        assert_eq!(federated_call(&serde_json::json!({"action": {"assumeRole": {}}})), None);
    }
}
