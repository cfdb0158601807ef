//! Pure edits of the world's JSON that the reducer makes: set a value at a pointer, switch the
//! action's kind, give the world a policy it lacks — and the few things they read first (who
//! calls, in which account, which action the world plays). Where the policy documents are is the
//! core's walker's to know ([`documents_in`]).

use omen_core::flow::{documents_in, IdentityName};
use serde_json::Value;

fn list(world: &Value, pointer: &str) -> usize {
    world.pointer(pointer).and_then(Value::as_array).map_or(0, Vec::len)
}

/// `world` with every policy document given as JSON (an object or an array) turned into
/// pretty-printed text, so that every editor holds text and the core's ranges point into what is
/// shown.
pub fn normalise(mut world: Value) -> Value {
    for document in documents_in(&world) {
        if let Some(value) = world.pointer_mut(&document.pointer) {
            if value.is_object() || value.is_array() {
                if let Ok(text) = serde_json::to_string_pretty(value) {
                    *value = Value::String(text);
                }
            }
        }
    }
    world
}

/// The ARN of the user `index` of `world`, as the core reads it (`arn`, or `account` + `path` +
/// `name`), else its `arn` as given.
pub fn user_arn(world: &Value, index: usize) -> Option<String> {
    let user = world.pointer(&format!("/users/{index}"))?;
    IdentityName::of_user(user)
        .map(|name| name.arn)
        .ok()
        .or_else(|| user.get("arn").and_then(Value::as_str).map(str::to_owned))
}

/// The caller and role of the world's action, whichever kind it is.
pub fn action_ends(world: &Value) -> (Option<&str>, Option<&str>) {
    let hop = world.pointer("/action/passRole").or_else(|| world.pointer("/action/assumeRole"));
    let get = |key: &str| hop.and_then(|hop| hop.get(key)).and_then(Value::as_str);
    (get("caller"), get("role"))
}

/// Whether the action is a federated call (`AssumeRoleWithWebIdentity`, `AssumeRoleWithSAML`):
/// it has no caller principal — the token or assertion is the credential, and only the role's
/// trust policy decides (STS API reference: "calling AssumeRoleWithWebIdentity does not require
/// the use of AWS security credentials").
pub fn is_federated(world: &Value) -> bool {
    matches!(flow_choice(world), Some(FlowChoice::WebIdentity | FlowChoice::Saml))
}

/// The index of the IAM user who calls: the one whose ARN is the action's caller, else the first;
/// none for a federated call, which has no caller.
pub fn caller_user(world: &Value) -> Option<usize> {
    if is_federated(world) {
        return None;
    }
    let count = list(world, "/users");
    let caller = action_ends(world).0;
    (0..count)
        .find(|&index| caller.is_some() && user_arn(world, index).as_deref() == caller)
        .or((count > 0).then_some(0))
}

/// The index of the caller's account in `accounts` (the first account when the caller's is not
/// listed). A federated call has no caller account: its session acts in the role's account, and
/// that account's SCPs limit what the session does.
pub fn caller_account(world: &Value) -> Option<usize> {
    let accounts = world.pointer("/accounts").and_then(Value::as_array)?;
    let id = if is_federated(world) {
        federated_role(world).and_then(crate::evaluation::account_of)
    } else {
        action_ends(world).0.and_then(crate::evaluation::account_of)
    };
    let found = accounts.iter().position(|account| id.is_some() && account.get("id").and_then(Value::as_str) == id);
    found.or((!accounts.is_empty()).then_some(0))
}

/// The role a federated call puts on.
fn federated_role(world: &Value) -> Option<&str> {
    ["/action/assumeRoleWithWebIdentity/role", "/action/assumeRoleWithSaml/role"]
        .iter()
        .find_map(|pointer| world.pointer(pointer).and_then(Value::as_str))
}

/// Which action the world plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowChoice {
    /// The caller hands a role to a service through a catalogue API.
    PassRole,
    /// The caller puts a role on through STS.
    AssumeRole,
    /// A workload puts a role on with an OIDC token (`sts:AssumeRoleWithWebIdentity`).
    WebIdentity,
    /// A person signs in with a SAML assertion (`sts:AssumeRoleWithSAML`).
    Saml,
}

/// Which action the world plays now, if any.
pub fn flow_choice(world: &Value) -> Option<FlowChoice> {
    if world.pointer("/action/passRole").is_some() {
        Some(FlowChoice::PassRole)
    } else if world.pointer("/action/assumeRole").is_some() {
        Some(FlowChoice::AssumeRole)
    } else if world.pointer("/action/assumeRoleWithWebIdentity").is_some() {
        Some(FlowChoice::WebIdentity)
    } else if world.pointer("/action/assumeRoleWithSaml").is_some() {
        Some(FlowChoice::Saml)
    } else {
        None
    }
}

/// How many AssumeRole hops follow the first (`action.chain`).
pub fn chain_len(world: &Value) -> usize {
    list(world, "/action/chain")
}

/// How many accounts the world lists.
pub fn account_count(world: &Value) -> usize {
    list(world, "/accounts")
}

/// A policy the world can be given when it has none of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addition {
    /// A permissions boundary on the calling IAM user.
    CallerBoundary,
    /// A session policy on the first call that takes a role: AssumeRole, AssumeRoleWithWebIdentity
    /// or AssumeRoleWithSAML.
    SessionPolicy,
    /// An SCP level on the caller's account.
    Scp,
}

/// The starter policy an added editor opens with: valid, and allowing everything, so adding it
/// changes no decision until it is edited.
pub const STARTER_POLICY: &str =
    "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}";

/// Whether `addition` can be made to `world`: it lacks one and has a place for it.
pub fn can_add(world: &Value, addition: Addition) -> bool {
    match addition {
        Addition::CallerBoundary => caller_user(world)
            .is_some_and(|user| world.pointer(&format!("/users/{user}/permissionsBoundary")).is_none()),
        Addition::SessionPolicy => {
            first_call(world).is_some_and(|call| world.pointer(&format!("{call}/sessionPolicy")).is_none())
        }
        Addition::Scp => caller_account(world).is_some_and(|account| {
            world.pointer(&format!("/accounts/{account}/scps")).and_then(Value::as_array).is_none_or(Vec::is_empty)
        }),
    }
}

/// The JSON pointer of the world's first call that takes a role and can pass a session policy:
/// `assumeRole`, `assumeRoleWithWebIdentity` or `assumeRoleWithSaml` ("AssumeRole",
/// "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", STS API reference: `Policy`).
fn first_call(world: &Value) -> Option<&'static str> {
    ["/action/assumeRole", "/action/assumeRoleWithWebIdentity", "/action/assumeRoleWithSaml"]
        .into_iter()
        .find(|call| world.pointer(call).is_some_and(Value::is_object))
}

/// A JSON object of `pairs`.
fn object(pairs: &[(&str, Value)]) -> Value {
    // Inserted one by one: collecting would sort, and bring a sort into the bundle.
    let mut map = serde_json::Map::new();
    for (key, value) in pairs {
        map.insert((*key).to_owned(), value.clone());
    }
    Value::Object(map)
}

/// `world` with its action switched to `choice`, keeping the caller and the role. A federated
/// call starts from a token of GitHub Actions (OIDC) or a corporate IdP's assertion (SAML) whose
/// provider lives in the role's account, as "Create a role for OpenID Connect federation" and
/// "Create a role for SAML 2.0 federation" set them up.
pub fn set_flow(mut world: Value, choice: FlowChoice) -> Value {
    if flow_choice(&world) == Some(choice) {
        return world;
    }
    let (caller, role) = action_ends(&world);
    let caller = caller.map(str::to_owned).or_else(|| user_arn(&world, 0)).unwrap_or_default();
    let role = role
        .or_else(|| federated_role(&world))
        .map(str::to_owned)
        .or_else(|| world.pointer("/roles/0/arn").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    // The role's account holds the identity provider.
    let account = role.split(':').nth(4).filter(|id| !id.is_empty()).unwrap_or("111122223333").to_owned();
    let (kind, hop) = match choice {
        FlowChoice::PassRole => {
            let api = omen_core::flow::CATALOGUE.first().map_or("ec2:RunInstances", |entry| entry.action);
            ("passRole", object(&[("caller", caller.into()), ("role", role.into()), ("api", api.into())]))
        }
        FlowChoice::AssumeRole => (
            "assumeRole",
            object(&[("caller", caller.into()), ("role", role.into()), ("roleSessionName", "omen-session".into())]),
        ),
        FlowChoice::WebIdentity => (
            "assumeRoleWithWebIdentity",
            object(&[
                (
                    "provider",
                    format!("arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com").into(),
                ),
                ("role", role.into()),
                ("roleSessionName", "GitHubActions".into()),
                ("github", object(&[("repository", "my-org/my-repo".into()), ("ref", "refs/heads/main".into())])),
            ]),
        ),
        FlowChoice::Saml => (
            "assumeRoleWithSaml",
            object(&[
                ("provider", format!("arn:aws:iam::{account}:saml-provider/ExampleIdP").into()),
                ("role", role.into()),
                ("roleSessionName", "user@example.com".into()),
                (
                    "claims",
                    object(&[
                        ("aud", "https://signin.aws.amazon.com/saml".into()),
                        ("sub", "user@example.com".into()),
                        ("sub_type", "persistent".into()),
                    ]),
                ),
            ]),
        ),
    };
    set_at(&mut world, "/action", object(&[(kind, hop)]));
    world
}

/// `world` given `addition`, when it can take it.
pub fn add(mut world: Value, addition: Addition) -> Value {
    if !can_add(&world, addition) {
        return world;
    }
    let policy = |name: &str| object(&[("name", name.into()), ("document", STARTER_POLICY.into())]);
    match addition {
        Addition::CallerBoundary => {
            if let Some(user) = caller_user(&world) {
                set_at(&mut world, &format!("/users/{user}/permissionsBoundary"), policy("Boundary"));
            }
        }
        Addition::SessionPolicy => {
            if let Some(call) = first_call(&world) {
                set_at(&mut world, &format!("{call}/sessionPolicy"), Value::String(STARTER_POLICY.to_owned()));
            }
        }
        Addition::Scp => {
            if let Some(account) = caller_account(&world) {
                set_at(
                    &mut world,
                    &format!("/accounts/{account}/scps"),
                    Value::Array(vec![Value::Array(vec![policy("FullAWSAccess")])]),
                );
            }
        }
    }
    world
}

/// `world` without the policy whose document is at `pointer`, as its editor's Remove button
/// asks: a policy in a list (a user's, group's or role's, or an SCP or RCP level's), a
/// permissions boundary, or a session policy. `None` for what cannot go (a trust policy).
pub fn without_policy(world: &Value, pointer: &str) -> Option<Value> {
    use omen_core::world_edit;
    if let Some(owner) = pointer.strip_suffix("/permissionsBoundary/document") {
        return world_edit::toggle_boundary(world, owner).ok().map(|edited| edited.world);
    }
    let session = pointer.strip_suffix("/document").unwrap_or(pointer);
    if session.ends_with("/sessionPolicy") {
        let mut world = world.clone();
        return set_at(&mut world, session, Value::Null).then_some(world);
    }
    world_edit::remove_inline_policy(world, pointer).ok().map(|edited| edited.world)
}

/// Sets `value` at `pointer` (creating the last key of an existing object; `Null` removes it),
/// and says whether there was such a place. Pointers whose parent does not exist change nothing.
pub fn set_at(world: &mut Value, pointer: &str, value: Value) -> bool {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    match world.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            if value.is_null() {
                map.remove(&key);
            } else {
                map.insert(key, value);
            }
            true
        }
        Some(Value::Array(items)) => match key.parse::<usize>().ok().and_then(|index| items.get_mut(index)) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::preset_world;
    use omen_core::flow::presets;
    use serde_json::json;

    #[test]
    fn every_preset_document_is_found_as_text() {
        for preset in presets() {
            let world = preset_world(preset.id).unwrap_or_default();
            let found = documents_in(&world);
            assert!(!found.is_empty(), "{}", preset.id);
            for document in &found {
                assert!(world.pointer(&document.pointer).is_some_and(Value::is_string), "{}: {document:?}", preset.id);
            }
        }
    }

    #[test]
    fn object_documents_become_text() {
        let world = normalise(json!({
            "users": [{"policies": [{"name": "p", "document": {"Version": "2012-10-17"}}, {"Version": "2012-10-17"}]}],
            "action": {"assumeRole": {"sessionPolicy": {"Version": "2012-10-17"}}}
        }));
        assert!(world.pointer("/users/0/policies/0/document").is_some_and(Value::is_string));
        assert!(world.pointer("/users/0/policies/1").is_some_and(Value::is_string), "a bare policy too");
        assert!(world.pointer("/action/assumeRole/sessionPolicy").is_some_and(Value::is_string));
    }

    #[test]
    fn the_calling_user_and_account_are_found() {
        let world = preset_world("external-id").unwrap_or_default();
        assert_eq!(caller_account(&world), Some(1));
        assert_eq!(caller_user(&world), Some(0));
        assert_eq!(caller_account(&json!({"users": []})), None);
        assert_eq!(caller_user(&json!({})), None);
        let parts = json!({"users": [{"account": "111122223333", "name": "bob", "path": "team"}]});
        assert_eq!(user_arn(&parts, 0).as_deref(), Some("arn:aws:iam::111122223333:user/team/bob"));
    }

    // "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference): both take `Policy`,
    // a session policy, as AssumeRole does. The builder offers it for a federated call too, adds
    // it at that call's pointer, lists it among the world's documents there, and removes it.
    #[test]
    fn a_federated_call_takes_a_session_policy() {
        let world = preset_world("cross-account-assume-role").unwrap_or_default();
        for (choice, call) in
            [(FlowChoice::WebIdentity, "assumeRoleWithWebIdentity"), (FlowChoice::Saml, "assumeRoleWithSaml")]
        {
            let federated = set_flow(world.clone(), choice);
            assert!(can_add(&federated, Addition::SessionPolicy), "{choice:?}");
            let added = add(federated.clone(), Addition::SessionPolicy);
            let pointer = format!("/action/{call}/sessionPolicy");
            assert_eq!(added.pointer(&pointer), Some(&Value::String(STARTER_POLICY.to_owned())), "{choice:?}");
            assert!(added.pointer("/action/assumeRole").is_none(), "{choice:?}: no AssumeRole call appears");
            assert!(!can_add(&added, Addition::SessionPolicy), "{choice:?}: once");
            let listed = documents_in(&added);
            assert!(listed.iter().any(|d| d.pointer == pointer), "{choice:?}: {listed:?}");
            assert_eq!(without_policy(&added, &pointer), Some(federated), "{choice:?}: removed");
        }
    }

    // "AssumeRoleWithWebIdentity" / "AssumeRoleWithSAML" (STS API reference): the call needs no
    // AWS credentials, so there is no calling user whose permissions boundary could apply; the
    // session acts in the role's account, whose SCPs limit it. Switched from a cross-account
    // AssumeRole (bob in 111122223333, the role in 444455556666), the builder offers no caller
    // boundary and puts an SCP level on the role's account.
    #[test]
    fn a_federated_call_has_no_caller_to_bound() {
        let world = preset_world("cross-account-assume-role").unwrap_or_default();
        assert!(can_add(&world, Addition::CallerBoundary));
        let role_account = world
            .pointer("/action/assumeRole/role")
            .and_then(Value::as_str)
            .and_then(crate::evaluation::account_of)
            .map(str::to_owned);
        for choice in [FlowChoice::WebIdentity, FlowChoice::Saml] {
            let federated = set_flow(world.clone(), choice);
            assert!(is_federated(&federated));
            assert_eq!(caller_user(&federated), None, "{choice:?}");
            assert!(!can_add(&federated, Addition::CallerBoundary), "{choice:?}");
            assert_eq!(add(federated.clone(), Addition::CallerBoundary), federated);
            let account = caller_account(&federated).unwrap();
            let id = federated.pointer(&format!("/accounts/{account}/id")).and_then(Value::as_str);
            assert_eq!(id, role_account.as_deref(), "{choice:?}: the SCP level goes on the role's account");
            let back = set_flow(federated, FlowChoice::AssumeRole);
            assert!(can_add(&back, Addition::CallerBoundary), "{choice:?}: an IAM caller again");
        }
    }
}
